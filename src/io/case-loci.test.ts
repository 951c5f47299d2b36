import { describe, expect, it } from 'vitest';
import { parseCase, safeParseCase } from './case-file.js';

// Locus and mutation rules: spec/case-format.md ("loci", "Mutation models") and
// spec/mutation-models.md. One locus D3S1358 with alleles 14, 15, 16 and p = (0.2, 0.5, 0.3).
function caseWith(locus: Record<string, unknown>, more: Record<string, unknown>[] = []) {
  return {
    format: 'kindred-case/1',
    id: 'loci-test',
    loci: [
      { name: 'D3S1358', alleles: ['14', '15', '16'], frequencies: [0.2, 0.5, 0.3], ...locus },
      ...more,
    ],
    hypotheses: [{ name: 'H1', pedigree: [{ id: 'A', father: null, mother: null, sex: 'male' }] }],
    reference: 'H1',
    genotypes: { A: { D3S1358: ['14', '15'] } },
  };
}

function expectIssue(
  doc: unknown,
  code: string,
  path: (string | number)[],
  fragment: string,
): void {
  const r = safeParseCase(doc);
  if (r.success) throw new Error('expected issues, the case parsed');
  const hits = r.issues.filter(
    (e) => e.code === code && JSON.stringify(e.path) === JSON.stringify(path),
  );
  expect(hits.map((e) => e.message).join('\n')).toContain(fragment);
}

const M = ['loci', 0, 'mutation'];

describe('case loci', () => {
  it('safeParseCase refuses an empty loci array', () => {
    expectIssue(
      { ...caseWith({}), loci: [] },
      'INVALID_CASE',
      ['loci'],
      'loci must be a non-empty array',
    );
  });

  it('safeParseCase refuses a locus defined twice', () => {
    const doc = caseWith({}, [{ name: 'D3S1358', alleles: ['1'], frequencies: [1] }]);
    expectIssue(doc, 'INVALID_LOCUS', ['loci', 1, 'name'], 'Locus "D3S1358" is defined twice');
  });

  it('safeParseCase refuses a locus without a name', () => {
    expectIssue(
      caseWith({ name: '' }),
      'INVALID_LOCUS',
      ['loci', 0, 'name'],
      'Locus 0 has name ""',
    );
  });

  it('safeParseCase refuses duplicate, empty and non-string allele labels', () => {
    expectIssue(
      caseWith({ alleles: ['14', '15', '14'] }),
      'INVALID_LOCUS',
      ['loci', 0, 'alleles', 2],
      'Locus "D3S1358" lists allele "14" twice',
    );
    expectIssue(
      caseWith({ alleles: ['14', '', '16'] }),
      'INVALID_LOCUS',
      ['loci', 0, 'alleles', 1],
      'allele label ""',
    );
    expectIssue(
      caseWith({ alleles: ['14', 15, '16'] }),
      'INVALID_LOCUS',
      ['loci', 0, 'alleles', 1],
      'allele label 15',
    );
    expectIssue(
      caseWith({ alleles: [] }),
      'INVALID_LOCUS',
      ['loci', 0, 'alleles'],
      'non-empty array of allele labels',
    );
  });

  it('safeParseCase refuses an unknown locus field', () => {
    expectIssue(
      caseWith({ mutationRate: 0.001 }),
      'INVALID_LOCUS',
      ['loci', 0, 'mutationRate'],
      'Locus "D3S1358" has unknown field "mutationRate"',
    );
  });

  it('safeParseCase refuses a chromosome other than autosomal or X', () => {
    expectIssue(
      caseWith({ chromosome: 'Y' }),
      'INVALID_LOCUS',
      ['loci', 0, 'chromosome'],
      'chromosome "Y"; expected "autosomal" or "X"',
    );
  });

  it('safeParseCase refuses a frequency list of the wrong length', () => {
    expectIssue(
      caseWith({ frequencies: [0.5, 0.5] }),
      'INVALID_FREQUENCIES',
      ['loci', 0, 'frequencies'],
      'has 3 alleles but 2 frequencies',
    );
  });

  it('safeParseCase refuses frequencies outside (0, 1]', () => {
    expectIssue(
      caseWith({ frequencies: [0, 0.7, 0.3] }),
      'INVALID_FREQUENCIES',
      ['loci', 0, 'frequencies', 0],
      'allele "14" has frequency 0',
    );
    expectIssue(
      caseWith({ frequencies: [0.2, '0.5', 0.3] }),
      'INVALID_FREQUENCIES',
      ['loci', 0, 'frequencies', 1],
      'frequency "0.5"',
    );
  });

  it('safeParseCase refuses frequencies that do not sum to 1 within 1e-5', () => {
    expectIssue(
      caseWith({ frequencies: [0.2, 0.5, 0.29] }),
      'INVALID_FREQUENCIES',
      ['loci', 0, 'frequencies'],
      'frequencies sum to 0.99',
    );
  });

  it('parseCase keeps frequencies within the tolerance exactly as given (no renormalisation)', () => {
    // Sum 1.000004, within 1e-5 (case-format.md: used exactly as given).
    const c = parseCase(caseWith({ frequencies: [0.200004, 0.5, 0.3] }));
    expect(c.loci[0]?.frequencies).toEqual([0.200004, 0.5, 0.3]);
  });

  it('parseCase reads an absent or null mutation as no mutation', () => {
    expect(parseCase(caseWith({})).loci[0]?.mutation).toBeNull();
    expect(parseCase(caseWith({ mutation: null })).loci[0]?.mutation).toBeNull();
  });
});

describe('case mutation models', () => {
  it('parseCase reads each model with its fields', () => {
    const models = [
      { model: 'equal', rate: 0.01 },
      { model: 'proportional', rate: 0.01 },
      { model: 'stepwise', rate: 0.01, rate2: 0.001, range: 0.5 },
      { model: 'onestep', rate: 0.01 },
      {
        model: 'custom',
        matrix: [
          [1, 0, 0],
          [0, 1, 0],
          [0.25, 0.25, 0.5],
        ],
      },
      {
        female: { model: 'equal', rate: 0.001 },
        male: { model: 'stepwise', rate: 0.004, rate2: 0.0002, range: 0.2 },
      },
    ];
    for (const mutation of models)
      expect(parseCase(caseWith({ mutation })).loci[0]?.mutation).toEqual(mutation);
  });

  it('safeParseCase refuses a rate outside [0, 1]', () => {
    expectIssue(
      caseWith({ mutation: { model: 'equal', rate: 1.5 } }),
      'INVALID_MUTATION',
      [...M, 'rate'],
      'equal model has rate 1.5; expected a number in [0, 1]',
    );
    expectIssue(
      caseWith({ mutation: { model: 'onestep' } }),
      'INVALID_MUTATION',
      [...M, 'rate'],
      'onestep model has rate nothing',
    );
  });

  it('safeParseCase refuses an unknown model and unknown model fields', () => {
    expectIssue(
      caseWith({ mutation: { model: 'kimura', rate: 0.1 } }),
      'INVALID_MUTATION',
      [...M, 'model'],
      'unknown mutation model "kimura"',
    );
    expectIssue(
      caseWith({ mutation: { model: 'equal', rate: 0.1, range: 0.5 } }),
      'INVALID_MUTATION',
      [...M, 'range'],
      'equal mutation model has unknown field "range"',
    );
    expectIssue(
      caseWith({ mutation: { rate: 0.1 } }),
      'INVALID_MUTATION',
      M,
      'mutation has no "model" field',
    );
    expectIssue(caseWith({ mutation: 0.001 }), 'INVALID_MUTATION', M, 'has mutation 0.001');
  });

  it('safeParseCase refuses a proportional rate above (1 - Σp²)/(1 - min p)', () => {
    // mutation-models.md: bound = (1 - (0.04 + 0.25 + 0.09)) / (1 - 0.2) = 0.62 / 0.8 = 0.775.
    expect(
      safeParseCase(caseWith({ mutation: { model: 'proportional', rate: 0.77 } })).success,
    ).toBe(true);
    expectIssue(
      caseWith({ mutation: { model: 'proportional', rate: 0.78 } }),
      'INVALID_MUTATION',
      [...M, 'rate'],
      'proportional model has rate 0.78, above the maximum 0.775',
    );
  });

  it('safeParseCase refuses stepwise with rate + rate2 > 1 or range <= 0', () => {
    expectIssue(
      caseWith({ mutation: { model: 'stepwise', rate: 0.6, rate2: 0.5, range: 0.1 } }),
      'INVALID_MUTATION',
      [...M, 'rate2'],
      'rate + rate2 = 1.1, more than 1',
    );
    expectIssue(
      caseWith({ mutation: { model: 'stepwise', rate: 0.01, rate2: 0, range: 0 } }),
      'INVALID_MUTATION',
      [...M, 'range'],
      'range 0; expected a number greater than 0',
    );
  });

  it('safeParseCase refuses stepwise at a locus with a non-numeric or two-decimal label', () => {
    const mutation = { model: 'stepwise', rate: 0.01, rate2: 0.001, range: 0.5 };
    expectIssue(
      caseWith({ alleles: ['14', '15', 'X'], mutation }),
      'INVALID_MUTATION',
      ['loci', 0, 'alleles', 2],
      'Locus "D3S1358" uses the stepwise mutation model, but allele "X" is not a number with at most one decimal',
    );
    expectIssue(
      caseWith({ alleles: ['14', '15', '9.25'], mutation }),
      'INVALID_MUTATION',
      ['loci', 0, 'alleles', 2],
      'allele "9.25"',
    );
    expect(safeParseCase(caseWith({ alleles: ['14', '15', '15.3'], mutation })).success).toBe(true);
  });

  it('safeParseCase refuses stepwise and onestep at a locus with a repeat number beyond 1000', () => {
    const mutation = { model: 'stepwise', rate: 0.01, rate2: 0.001, range: 0.5 };
    expectIssue(
      caseWith({ alleles: ['14', '15', '1000.5'], mutation }),
      'INVALID_MUTATION',
      ['loci', 0, 'alleles', 2],
      'Locus "D3S1358" uses the stepwise mutation model, but allele "1000.5" is beyond the largest repeat number, 1000',
    );
    expectIssue(
      caseWith({ alleles: ['14', '15', '99999'], mutation: { model: 'onestep', rate: 0.01 } }),
      'INVALID_MUTATION',
      ['loci', 0, 'alleles', 2],
      'allele "99999" is beyond the largest repeat number',
    );
  });

  it('safeParseCase refuses an allele label longer than 64 characters, naming locus and length', () => {
    expectIssue(
      caseWith({ alleles: ['14', '15', '1'.repeat(65)] }),
      'INVALID_LOCUS',
      ['loci', 0, 'alleles', 2],
      'of 65 characters; at most 64 are allowed',
    );
  });

  it('safeParseCase refuses onestep at a locus with a non-integer label', () => {
    expectIssue(
      caseWith({ alleles: ['14', '15', '15.3'], mutation: { model: 'onestep', rate: 0.01 } }),
      'INVALID_MUTATION',
      ['loci', 0, 'alleles', 2],
      'uses the onestep mutation model, but allele "15.3" is not an integer',
    );
  });

  it('safeParseCase refuses a custom matrix of the wrong shape or with bad entries', () => {
    expectIssue(
      caseWith({ mutation: { model: 'custom', matrix: [[1, 0, 0]] } }),
      'INVALID_MUTATION',
      [...M, 'matrix'],
      'must have 3 rows (one per allele), got 1 rows',
    );
    expectIssue(
      caseWith({
        mutation: {
          model: 'custom',
          matrix: [
            [1, 0, 0],
            [0, 1],
            [0, 0, 1],
          ],
        },
      }),
      'INVALID_MUTATION',
      [...M, 'matrix', 1],
      'row 1 (allele "15") must have 3 entries',
    );
    expectIssue(
      caseWith({
        mutation: {
          model: 'custom',
          matrix: [
            [1, 0, 0],
            [0, 1.5, -0.5],
            [0, 0, 1],
          ],
        },
      }),
      'INVALID_MUTATION',
      [...M, 'matrix', 1, 1],
      'entry "15" -> "15" is 1.5',
    );
  });

  it('safeParseCase refuses a custom matrix row not summing to 1 within 1e-6', () => {
    expectIssue(
      caseWith({
        mutation: {
          model: 'custom',
          matrix: [
            [1, 0, 0],
            [0, 0.99, 0],
            [0, 0, 1],
          ],
        },
      }),
      'INVALID_MUTATION',
      [...M, 'matrix', 1],
      'row 1 (allele "15") sums to 0.99',
    );
    const within = [
      [1, 0, 0],
      [0, 1 - 5e-7, 0],
      [0, 0, 1],
    ];
    expect(safeParseCase(caseWith({ mutation: { model: 'custom', matrix: within } })).success).toBe(
      true,
    );
  });

  it('safeParseCase checks both models of a sex-specific pair and refuses a missing one', () => {
    expectIssue(
      caseWith({
        mutation: { female: { model: 'equal', rate: 2 }, male: { model: 'equal', rate: 0.1 } },
      }),
      'INVALID_MUTATION',
      [...M, 'female', 'rate'],
      'equal model has rate 2',
    );
    expectIssue(
      caseWith({ mutation: { female: { model: 'equal', rate: 0.1 } } }),
      'INVALID_MUTATION',
      [...M, 'male'],
      'needs a male model',
    );
    expectIssue(
      caseWith({
        mutation: {
          female: { model: 'equal', rate: 0.1 },
          male: { model: 'equal', rate: 0.1 },
          both: 1,
        },
      }),
      'INVALID_MUTATION',
      [...M, 'both'],
      'has unknown field "both"',
    );
  });
});
