/**
 * padPreparedLocus: padding alleles of frequency 0 change no likelihood (they have founder
 * probability 0 and nothing mutates into them), for every mutation model and pedigree shape.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Locus } from '../frequencies/locus.js';
import { computeLocusLikelihood, locusProblem } from '../likelihood/locus-likelihood.js';
import { prepareLocus } from '../likelihood/prepare-locus.js';
import type { MutationSpec } from '../mutation/types.js';
import { createPedigree } from '../pedigree/create-pedigree.js';
import { padPreparedLocus } from './joint-padding.js';

const ALLELES = ['10', '11', '12', '13', '14', '15'];
const FREQS = [0.1, 0.2, 0.3, 0.15, 0.15, 0.1];
const locus = (mutation: MutationSpec): Locus => ({
  name: 'L',
  alleles: ALLELES,
  frequencies: FREQS,
  chromosome: 'autosomal',
  mutation,
});

// half siblings S1, S2 through an untyped father, mothers typed for S1 only
const ped = createPedigree([
  { id: 'F', father: null, mother: null, sex: 'male' },
  { id: 'M1', father: null, mother: null, sex: 'female' },
  { id: 'M2', father: null, mother: null, sex: 'female' },
  { id: 'S1', father: 'F', mother: 'M1', sex: 'male' },
  { id: 'S2', father: 'F', mother: 'M2', sex: 'female' },
]);

describe('padPreparedLocus', () => {
  it('padPreparedLocus appends zero frequencies and keeps the allele index', () => {
    // observed 10, 11, 12 → kept [.1, .2, .3] + rest .4 (0.15 + 0.15 + 0.1)
    const p = prepareLocus(locus(null), new Set(['10', '11', '12']));
    const q = padPreparedLocus(p, 7);
    expect(q.nAlleles).toBe(7);
    expect([...q.frequencies].map((x) => Math.round(x * 1e12) / 1e12)).toEqual([
      0.1, 0.2, 0.3, 0.4, 0, 0, 0,
    ]);
    expect(q.alleleIndex).toBe(p.alleleIndex);
    expect(padPreparedLocus(p, 3)).toBe(p);
  });

  it('padPreparedLocus leaves every locus likelihood unchanged (random genotypes and models)', () => {
    const allele = fc.constantFrom(...ALLELES);
    const genotype = fc.option(fc.tuple(allele, allele), { nil: undefined });
    const models: MutationSpec[] = [
      null,
      { model: 'proportional', rate: 0.05 },
      { model: 'equal', rate: 0.05 },
      { model: 'stepwise', rate: 0.02, rate2: 0.001, range: 0.3 },
      { female: { model: 'equal', rate: 0.01 }, male: { model: 'proportional', rate: 0.04 } },
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...models),
        fc.tuple(genotype, genotype, genotype),
        fc.integer({ min: 0, max: 5 }),
        (model, [g1, g2, g3], extra) => {
          const genotypes = new Map<string, Map<string, string[]>>();
          if (g1) genotypes.set('M1', new Map([['L', g1]]));
          if (g2) genotypes.set('S1', new Map([['L', g2]]));
          if (g3) genotypes.set('S2', new Map([['L', g3]]));
          const observed = new Set([g1, g2, g3].flatMap((g) => g ?? []));
          const p = prepareLocus(locus(model), observed);
          const q = padPreparedLocus(p, p.nAlleles + extra);
          const a = computeLocusLikelihood(locusProblem(ped, p, genotypes, 0));
          const b = computeLocusLikelihood(locusProblem(ped, q, genotypes, 0));
          if (a === Number.NEGATIVE_INFINITY) expect(b).toBe(a);
          else expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(a)));
        },
      ),
      { numRuns: 200 },
    );
  });
});
