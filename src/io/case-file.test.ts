import { describe, expect, it } from 'vitest';
import { isKindredError, type KindredError } from '../errors.js';
import { formatCase, parseCase, safeParseCase } from './case-file.js';

// The example document of spec/case-format.md ("kindred-case/1"), as a fresh object per test.
function specCase(): Record<string, unknown> & {
  loci: Record<string, unknown>[];
  hypotheses: { name: string; pedigree: Record<string, unknown>[] }[];
  genotypes: Record<string, Record<string, unknown>>;
} {
  return {
    format: 'kindred-case/1',
    id: 'pc-001',
    description: 'alleged father and child, no mutation',
    theta: 0,
    loci: [
      {
        name: 'D3S1358',
        alleles: ['14', '15', '16'],
        frequencies: [0.2, 0.5, 0.3],
        mutation: null,
      },
    ],
    hypotheses: [
      {
        name: 'H1',
        pedigree: [
          { id: 'AF', father: null, mother: null, sex: 'male' },
          { id: 'MO', father: null, mother: null, sex: 'female' },
          { id: 'CH', father: 'AF', mother: 'MO', sex: 'female' },
        ],
      },
      {
        name: 'H2',
        pedigree: [
          { id: 'AF', father: null, mother: null, sex: 'male' },
          { id: 'CH', father: null, mother: null, sex: 'female' },
        ],
      },
    ],
    reference: 'H2',
    genotypes: { AF: { D3S1358: ['14', '15'] }, CH: { D3S1358: ['15', '16'] } },
  };
}

/** An X-chromosomal locus with the spec's frequencies (case-format.md, chromosome "X"). */
const xLocus = { name: 'X01', alleles: ['12', '13'], frequencies: [0.4, 0.6], chromosome: 'X' };

function issuesOf(doc: unknown): KindredError[] {
  const r = safeParseCase(doc, { file: 'case.json' });
  if (r.success) throw new Error('expected issues, the case parsed');
  return r.issues;
}

/** Assert that exactly one issue has this code and path, and its message holds `fragment`. */
function expectIssue(
  doc: unknown,
  code: string,
  path: (string | number)[],
  fragment: string,
): void {
  const hits = issuesOf(doc).filter(
    (e) => e.code === code && JSON.stringify(e.path) === JSON.stringify(path),
  );
  expect(hits.map((e) => e.message).join('\n')).toContain(fragment);
  expect(hits[0]?.file).toBe('case.json');
}

describe('parseCase', () => {
  it('parseCase(spec example) gives hypotheses, genotypes as Maps and the reference', () => {
    const c = parseCase(JSON.stringify(specCase()));
    expect(c.id).toBe('pc-001');
    expect(c.description).toBe('alleged father and child, no mutation');
    expect(c.hypotheses.map((h) => h.name)).toEqual(['H1', 'H2']);
    expect([...(c.hypotheses[0]?.pedigree.father ?? [])]).toEqual([-1, -1, 0]);
    expect(c.reference).toBe('H2');
    expect(c.genotypes.get('CH')?.get('D3S1358')).toEqual(['15', '16']);
    expect(c.loci[0]).toEqual({
      name: 'D3S1358',
      alleles: ['14', '15', '16'],
      frequencies: [0.2, 0.5, 0.3],
      chromosome: 'autosomal',
      mutation: null,
    });
  });

  it('parseCase ignores unknown top-level fields and defaults theta to 0', () => {
    const doc = specCase();
    delete doc.theta;
    Object.assign(doc, { expected: { x: 1 }, category: 'pair' });
    expect(parseCase(doc).theta).toBe(0);
  });

  it('parseCase throws the first issue as a KindredError', () => {
    const doc = { ...specCase(), format: 'kindred-dvi/1' };
    expect(() => parseCase(doc)).toThrow(/Unsupported format "kindred-dvi\/1"/);
    try {
      parseCase(doc);
    } catch (e) {
      expect(isKindredError(e) && e.code).toBe('INVALID_CASE');
    }
  });

  it('parseCase of broken JSON text is a PARSE_ERROR with file, line and column', () => {
    const r = safeParseCase('{\n"format": "kindred-case/1",\n}', { file: 'bad.json' });
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]?.code).toBe('PARSE_ERROR');
    expect(r.issues[0]?.message).toContain('line 3, column 1');
    expect(r.issues[0]?.file).toBe('bad.json');
  });

  it('safeParseCase refuses a document that is not an object', () => {
    expectIssue([1], 'INVALID_CASE', [], 'must be a JSON object');
  });

  it('safeParseCase refuses a missing id', () => {
    const doc = specCase();
    delete doc.id;
    expectIssue(doc, 'INVALID_CASE', ['id'], 'Case id nothing must be a non-empty string');
  });

  it('safeParseCase refuses theta outside [0, 1)', () => {
    expectIssue(
      { ...specCase(), theta: 1 },
      'INVALID_CASE',
      ['theta'],
      'theta 1 must be a number in [0, 1)',
    );
    expectIssue({ ...specCase(), theta: -0.01 }, 'INVALID_CASE', ['theta'], 'theta -0.01');
    expectIssue({ ...specCase(), theta: '0' }, 'INVALID_CASE', ['theta'], 'theta "0"');
  });

  it('safeParseCase refuses theta > 0 with an X locus as UNSUPPORTED', () => {
    const doc = { ...specCase(), theta: 0.01 };
    doc.loci.push(xLocus);
    expectIssue(doc, 'UNSUPPORTED', ['theta'], 'theta 0.01 with X-chromosomal locus "X01"');
  });

  it('safeParseCase refuses an empty hypotheses array', () => {
    expectIssue(
      { ...specCase(), hypotheses: [] },
      'INVALID_CASE',
      ['hypotheses'],
      'non-empty array',
    );
  });

  it('safeParseCase refuses duplicate hypothesis names', () => {
    const doc = specCase();
    doc.hypotheses[1]!.name = 'H1';
    expectIssue(
      doc,
      'INVALID_CASE',
      ['hypotheses', 1, 'name'],
      'Hypothesis name "H1" is used twice',
    );
  });

  it('safeParseCase refuses an unknown field in a hypothesis', () => {
    const doc = specCase();
    Object.assign(doc.hypotheses[0]!, { prior: 0.5 });
    expectIssue(
      doc,
      'INVALID_CASE',
      ['hypotheses', 0, 'prior'],
      'Hypothesis "H1" has unknown field "prior"',
    );
  });

  it('safeParseCase locates pedigree errors inside the hypothesis', () => {
    const doc = specCase();
    doc.hypotheses[0]!.pedigree[1]!.sex = 'male';
    expectIssue(
      doc,
      'INVALID_PEDIGREE',
      ['hypotheses', 0, 'pedigree', 2, 'mother'],
      'Individual "CH" has mother "MO" who is male',
    );
  });

  it('safeParseCase refuses an unknown field in a pedigree row', () => {
    const doc = specCase();
    doc.hypotheses[0]!.pedigree[0]!.age = 40;
    expectIssue(
      doc,
      'INVALID_PEDIGREE',
      ['hypotheses', 0, 'pedigree', 0, 'age'],
      'Individual "AF" has unknown field "age"',
    );
  });

  it('safeParseCase refuses a reference that is not a hypothesis', () => {
    expectIssue(
      { ...specCase(), reference: 'H3' },
      'INVALID_CASE',
      ['reference'],
      'Reference "H3" is not a hypothesis',
    );
  });

  it('safeParseCase refuses a typed person missing from a hypothesis', () => {
    const doc = specCase();
    doc.genotypes.MO = { D3S1358: ['14', '14'] };
    expectIssue(
      doc,
      'INVALID_CASE',
      ['genotypes', 'MO'],
      'Typed person "MO" is not in hypothesis "H2"',
    );
  });

  it('safeParseCase refuses a typed person whose sex differs between hypotheses', () => {
    const doc = specCase();
    doc.hypotheses[1]!.pedigree[1]!.sex = 'male';
    expectIssue(
      doc,
      'INVALID_CASE',
      ['hypotheses', 1, 'pedigree', 1],
      'Typed person "CH" is female in hypothesis "H1" but male',
    );
  });

  it('safeParseCase refuses a genotype at an unknown locus', () => {
    const doc = specCase();
    doc.genotypes.AF!.vWA = ['14', '15'];
    expectIssue(
      doc,
      'INVALID_GENOTYPE',
      ['genotypes', 'AF', 'vWA'],
      'Person "AF" is typed at unknown locus "vWA"',
    );
  });

  it('safeParseCase refuses an allele that the locus does not list', () => {
    const doc = specCase();
    doc.genotypes.AF!.D3S1358 = ['14', '17'];
    expectIssue(
      doc,
      'INVALID_GENOTYPE',
      ['genotypes', 'AF', 'D3S1358', 1],
      'Person "AF" has allele "17" at locus "D3S1358"',
    );
  });

  it('safeParseCase refuses a tri-allelic pattern and never truncates it', () => {
    const doc = specCase();
    doc.genotypes.AF!.D3S1358 = ['14', '15', '16'];
    expectIssue(
      doc,
      'INVALID_GENOTYPE',
      ['genotypes', 'AF', 'D3S1358'],
      'Person "AF" has 3 alleles at locus "D3S1358" ("14", "15", "16"): a tri-allelic pattern',
    );
  });

  it('parseCase reads one allele at an autosomal locus as the set seen (degraded-dna.md), and refuses an empty allele list', () => {
    const one = specCase();
    one.genotypes.AF!.D3S1358 = ['14'];
    expect(parseCase(one).genotypes.get('AF')?.get('D3S1358')).toEqual(['14']);
    const doc = specCase();
    doc.genotypes.CH!.D3S1358 = [];
    expectIssue(
      doc,
      'INVALID_GENOTYPE',
      ['genotypes', 'CH', 'D3S1358'],
      'Person "CH" has no alleles',
    );
  });

  it('safeParseCase refuses genotypes that are not arrays of labels, and a missing genotypes field', () => {
    const doc = specCase();
    doc.genotypes.AF!.D3S1358 = '14/15';
    expectIssue(
      doc,
      'INVALID_GENOTYPE',
      ['genotypes', 'AF', 'D3S1358'],
      'must have an array of allele labels',
    );
    // An array with a number in it (found by fuzzing: the message said "got an array").
    const num = specCase();
    (num.genotypes.AF as Record<string, unknown>).D3S1358 = ['14', 15];
    expectIssue(
      num,
      'INVALID_GENOTYPE',
      ['genotypes', 'AF', 'D3S1358', 1],
      'Person "AF" at locus "D3S1358" has 15 as allele 2; allele labels are strings (write "15" in quotes)',
    );
    const { genotypes: _, ...none } = specCase();
    expectIssue(none, 'INVALID_CASE', ['genotypes'], 'Genotypes must be an object');
  });

  it("parseCase keeps a male's single X allele as written", () => {
    const doc = specCase();
    doc.loci.push(xLocus);
    doc.genotypes.AF!.X01 = ['12'];
    doc.genotypes.CH!.X01 = ['12', '13'];
    const c = parseCase(doc);
    expect(c.genotypes.get('AF')?.get('X01')).toEqual(['12']);
  });

  it('safeParseCase refuses a male with two different alleles at an X locus', () => {
    const doc = specCase();
    doc.loci.push(xLocus);
    doc.genotypes.AF!.X01 = ['12', '13'];
    expectIssue(
      doc,
      'INVALID_GENOTYPE',
      ['genotypes', 'AF', 'X01'],
      'Person "AF" is male but has two different alleles ("12", "13") at X locus "X01"',
    );
  });

  it('parseCase reads a female with one allele at an X locus as "only 12 seen" (degraded-dna.md)', () => {
    const doc = specCase();
    doc.loci.push(xLocus);
    doc.genotypes.CH!.X01 = ['12'];
    expect(parseCase(doc).genotypes.get('CH')?.get('X01')).toEqual(['12']);
  });

  it('safeParseCase refuses the silent allele as an observed allele', () => {
    const doc = specCase();
    doc.loci[0]!.alleles = ['14', '15', 'silent'];
    doc.genotypes.AF!.D3S1358 = ['14', 'silent'];
    expectIssue(
      doc,
      'INVALID_GENOTYPE',
      ['genotypes', 'AF', 'D3S1358', 1],
      'silent allele "silent" at locus "D3S1358"',
    );
  });

  it('safeParseCase allows two alleles for a male at an X locus only with dropin > 0', () => {
    const doc = specCase();
    doc.loci.push(xLocus);
    doc.genotypes.AF!.X01 = ['12', '13'];
    expectIssue(doc, 'INVALID_GENOTYPE', ['genotypes', 'AF', 'X01'], 'possible only with a dropin');
    doc.observation = { AF: { dropin: 0.05 } };
    expect(parseCase(doc).observation?.get('AF')).toEqual({ dropout: 0, dropin: 0.05 });
  });

  it('safeParseCase names the sample, field and value of every bad observation entry', () => {
    const doc = specCase();
    doc.observation = {
      AF: { dropout: 1 },
      CH: { dropin: -0.1, drop: 0 },
      MO: { dropout: 0.1 },
      XX: { dropout: 0.1 },
      AF2: 3,
    };
    expectIssue(doc, 'INVALID_CASE', ['observation', 'AF', 'dropout'], 'sample "AF" has dropout 1');
    expectIssue(doc, 'INVALID_CASE', ['observation', 'CH', 'dropin'], 'has dropin -0.1');
    expectIssue(doc, 'INVALID_CASE', ['observation', 'CH', 'drop'], 'unknown field "drop"');
    expectIssue(doc, 'INVALID_CASE', ['observation', 'MO'], '"MO", who is not a typed person');
    expectIssue(doc, 'INVALID_CASE', ['observation', 'XX'], '"XX", who is not a typed person');
    expectIssue(doc, 'INVALID_CASE', ['observation', 'AF2'], 'must be an object');
  });

  it('formatCase writes observation back, and parseCase reads it to the same values', () => {
    const doc = specCase();
    doc.observation = { CH: { dropout: 0.25 } };
    const c = parseCase(doc);
    const again = parseCase(formatCase(c));
    expect(again.observation).toEqual(new Map([['CH', { dropout: 0.25, dropin: 0 }]]));
  });

  it('parseCase accepts a typed sameAs row (a direct match)', () => {
    // case-format.md: H1 = [R, {V sameAs R}] against H2 = R and V unrelated founders.
    const doc = specCase();
    doc.hypotheses = [
      {
        name: 'H1',
        pedigree: [
          { id: 'R', father: null, mother: null, sex: 'male' },
          { id: 'V', sameAs: 'R' },
        ],
      },
      {
        name: 'H2',
        pedigree: [
          { id: 'R', father: null, mother: null, sex: 'male' },
          { id: 'V', father: null, mother: null, sex: 'male' },
        ],
      },
    ];
    doc.genotypes = { R: { D3S1358: ['14', '15'] }, V: { D3S1358: ['14', '15'] } };
    const c = parseCase(doc);
    expect([...(c.hypotheses[0]?.pedigree.sameAs ?? [])]).toEqual([-1, 0]);
    expect(c.hypotheses[0]?.records[1]).toEqual({ id: 'V', sameAs: 'R' });
  });

  it('parseCase takes __proto__ and constructor as person ids and locus names without touching prototypes', () => {
    const text = JSON.stringify(specCase())
      .replaceAll('"AF"', '"__proto__"')
      .replaceAll('"CH"', '"constructor"')
      .replaceAll('"D3S1358"', '"toString"');
    const c = parseCase(text);
    expect([...c.genotypes.keys()]).toEqual(['__proto__', 'constructor']);
    expect(c.genotypes.get('__proto__')?.get('toString')).toEqual(['14', '15']);
    expect(c.hypotheses[0]?.pedigree.index.get('constructor')).toBe(2);
    expect(({} as Record<string, unknown>).D3S1358).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    // Writing it back keeps them as own keys.
    expect(parseCase(formatCase(c))).toEqual(c);
  });

  it('safeParseCase refuses a __proto__ person that is not in the hypotheses', () => {
    const doc = JSON.parse(
      JSON.stringify(specCase()).replace(
        '"genotypes":{',
        '"genotypes":{"__proto__":{"D3S1358":["14","14"]},',
      ),
    );
    expectIssue(
      doc,
      'INVALID_CASE',
      ['genotypes', '__proto__'],
      'Typed person "__proto__" is not in hypothesis "H1"',
    );
  });

  it('safeParseCase collects several issues from one document at once', () => {
    const doc = specCase();
    doc.theta = 2;
    doc.loci[0]!.frequencies = [0.2, 0.5, 0.2];
    doc.hypotheses[0]!.pedigree[1]!.sex = 'male';
    doc.reference = 'H9';
    doc.genotypes.AF!.D3S1358 = ['14', '99'];
    const codes = issuesOf(doc).map((e) => `${e.code} ${e.path.join('.')}`);
    expect(codes).toEqual([
      'INVALID_CASE theta',
      'INVALID_FREQUENCIES loci.0.frequencies',
      'INVALID_PEDIGREE hypotheses.0.pedigree.2.mother',
      'INVALID_CASE reference',
      'INVALID_GENOTYPE genotypes.AF.D3S1358.1',
    ]);
  });

  it('safeParseCase reports a duplicate genotype key instead of silently keeping the last', () => {
    const text = JSON.stringify(specCase()).replace(
      '"genotypes":{',
      '"genotypes":{"CH":{"D3S1358":["14","14"]},',
    );
    expectIssue(text, 'INVALID_CASE', ['genotypes', 'CH'], 'Key "CH" appears twice');
  });
});
