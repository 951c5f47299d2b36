/**
 * One budget, honoured by both engine paths (issue 18, issue 16 item 2): the `ComputeBudget`
 * given to `computeKinshipLR` (and `kindred lr --max-work/--max-table`) reaches the theta path
 * as it reaches the plain path; refusals name hypothesis and locus; oversized loci are refused
 * by the reader, before any matrix is built, with the same limits in validate, lr, dvi and the
 * search index.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_ALLELES_PER_LOCUS } from '../src/frequencies/locus.js';
import { parseCase, safeParseCase } from '../src/io/case-file.js';
import { buildMutationMatrix, MAX_MUTATION_ALLELES } from '../src/mutation/matrix.js';
import { computeKinshipLR } from '../src/relationships/kinship-lr.js';
import { createIndexLayout } from '../src/search/index/layout.js';

const lr = join(import.meta.dirname, '..', 'fixtures', 'conformance', 'lr');
const load = (name: string) => JSON.parse(readFileSync(join(lr, name), 'utf8'));

describe('one ComputeBudget for the plain and the theta path', () => {
  it('computeKinshipLR with theta 0.01 honours budget.maxWork: TOO_COMPLEX naming hypothesis and locus', () => {
    const kcase = parseCase(load('theta01-fs-10l.json'));
    expect(kcase.theta).toBe(0.01);
    expect(() => computeKinshipLR(kcase, { budget: { maxWork: 5 } })).toThrow(
      expect.objectContaining({
        code: 'TOO_COMPLEX',
        message: expect.stringMatching(
          /^Hypothesis "[^"]+" at locus "[^"]+": Exact theta computation/,
        ),
      }),
    );
    expect(() => computeKinshipLR(kcase, { budget: { maxTableSize: 1 } })).toThrow(
      expect.objectContaining({ code: 'TOO_COMPLEX' }),
    );
    // The same case within a generous budget gives the conformance answer (forrel/pedprobr).
    const doc = load('theta01-fs-10l.json');
    const got = computeKinshipLR(kcase, { budget: { maxWork: 1e9, maxTableSize: 1e8 } });
    for (const h of got.hypotheses) {
      const want = doc.expected.hypotheses[h.name].log10LR;
      expect(h.log10LR).toBeCloseTo(want, 6);
    }
  });

  it('computeKinshipLR with theta 0 honours the same budget', () => {
    const kcase = parseCase(load('theta01-fs-10l.json'));
    const plain = { ...kcase, theta: 0 };
    expect(() => computeKinshipLR(plain, { budget: { maxWork: 1 } })).toThrow(
      expect.objectContaining({
        code: 'TOO_COMPLEX',
        message: expect.stringMatching(/^Hypothesis "/),
      }),
    );
  });
});

describe('oversized loci are refused by the reader, before any matrix', () => {
  const caseWith = (n: number, mutation: unknown) => ({
    format: 'kindred-case/1',
    id: 'big',
    loci: [
      {
        name: 'L0',
        alleles: Array.from({ length: n }, (_, i) => String(i + 1)),
        frequencies: Array.from({ length: n }, () => 1 / n),
        mutation,
      },
    ],
    hypotheses: [{ name: 'H1', pedigree: [{ id: 'A', father: null, mother: null, sex: 'male' }] }],
    reference: 'H1',
    genotypes: { A: { L0: ['1', '2'] } },
  });

  it(`a locus of ${MAX_ALLELES_PER_LOCUS + 1} alleles is INVALID_LOCUS at loci[0].alleles`, () => {
    const r = safeParseCase(caseWith(MAX_ALLELES_PER_LOCUS + 1, null));
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.issues[0]).toMatchObject({ code: 'INVALID_LOCUS', path: ['loci', 0, 'alleles'] });
    expect(r.issues[0]!.message).toContain('has 4097 alleles; at most 4096 are allowed');
  });

  it(`a stepwise locus of ${MAX_MUTATION_ALLELES + 1} alleles is TOO_COMPLEX when read, naming the locus`, () => {
    const r = safeParseCase(
      caseWith(MAX_MUTATION_ALLELES + 1, {
        model: 'stepwise',
        rate: 0.002,
        rate2: 1e-6,
        range: 0.1,
      }),
    );
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.issues[0]).toMatchObject({ code: 'TOO_COMPLEX', path: ['loci', 0, 'mutation'] });
    expect(r.issues[0]!.message).toContain(
      'Locus "L0" has 1025 alleles; a mutation model allows at most 1024',
    );
  });

  it('buildMutationMatrix refuses more than MAX_MUTATION_ALLELES alleles before allocating n² entries', () => {
    const n = 100_000; // n² doubles would be 80 GB: reaching the allocation would throw RangeError
    const alleles = Array.from({ length: n }, (_, i) => String(i));
    expect(() =>
      buildMutationMatrix({ model: 'equal', rate: 0.01 }, alleles, new Array(n).fill(1 / n), {
        locus: 'L0',
      }),
    ).toThrow(expect.objectContaining({ code: 'TOO_COMPLEX' }));
  });

  it('the search index takes the same allele limit as the case reader', () => {
    const locus = (n: number) => ({
      name: 'L',
      alleles: Array.from({ length: n }, (_, i) => String(i)),
      frequencies: new Array(n).fill(1 / n),
      chromosome: 'autosomal' as const,
      mutation: null,
    });
    expect(() => createIndexLayout([locus(MAX_ALLELES_PER_LOCUS)])).not.toThrow();
    expect(() => createIndexLayout([locus(MAX_ALLELES_PER_LOCUS + 1)])).toThrow(
      expect.objectContaining({ message: expect.stringContaining('at most 4096 are allowed') }),
    );
  });
});
