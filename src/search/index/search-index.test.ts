/**
 * The search index against the engine: for random small families (inbred ones included), random
 * mutation models, X loci, direct references and theta, the index's LR of a candidate placed on
 * the missing person equals `computeKinshipLR` (H1: candidate `sameAs` m; H2: candidate an
 * unrelated founder; spec/case-format.md, `pairwise`) to 1e-9 relative, locus by locus.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  _arbFamilyPlan,
  _arbLocus,
  _familyFromPlan,
  _referenceLR,
} from '../../../test/helpers/index-test-helpers.js';
import { isKindredError } from '../../errors.js';
import type { Locus } from '../../frequencies/locus.js';
import type { Sex } from '../../pedigree/pedigree.js';
import { createRng } from '../../sim/prng.js';
import { randomGenotype } from '../../sim/random-genotype.js';
import type { Family } from '../types.js';
import { indexFamily } from './family.js';
import { SearchIndex } from './search-index.js';

/** Runs one comparison; returns false when both sides refuse the family (impossible data). */
function agrees(
  family: Family,
  loci: readonly Locus[],
  theta: number,
  seed: number,
  lump: boolean,
): boolean {
  let index: SearchIndex;
  try {
    index = new SearchIndex(loci, { theta, lump });
    index.addFamily(family);
  } catch (e) {
    expect(isKindredError(e) && e.code).toBe('IMPOSSIBLE_REFERENCE');
    expect(() => _referenceLR(family, family.missing[0]!, 'male', new Map(), loci, theta)).toThrow(
      /likelihood 0/,
    );
    return false;
  }
  const rng = createRng(seed);
  for (const entry of index.entries) {
    const sex: Sex = entry.sex;
    const genotypes = new Map(loci.map((l) => [l.name, randomGenotype(rng, l, sex)]));
    // Half the time the candidate is typed at only the first locus.
    if (seed % 2 === 0 && loci.length > 1) genotypes.delete(loci[1]!.name);
    const candidate = index.encode('V', genotypes, sex);
    const got = index.score(candidate)[index.position(entry)]!;
    expect(index.scorePair(candidate, entry)).toBe(got);
    const want = _referenceLR(family, entry.missing, sex, genotypes, loci, theta);
    if (want.log10LR === null) expect(got).toBe(Number.NEGATIVE_INFINITY);
    else expect(Math.abs(got - want.log10LR * Math.LN10)).toBeLessThanOrEqual(1e-9);
    for (const row of index.scoreLoci(candidate, entry)) {
      const lr = genotypes.has(row.locus) ? want.lr.get(row.locus)! : 1;
      if (lr === 0) expect(row.logLR).toBe(Number.NEGATIVE_INFINITY);
      else expect(Math.abs(row.logLR - Math.log(lr))).toBeLessThanOrEqual(1e-9);
    }
  }
  return true;
}

describe('SearchIndex LR equals computeKinshipLR', () => {
  it('index.score(candidate) is the kinship LR on random families, all mutation models (theta 0)', () => {
    fc.assert(
      fc.property(
        _arbFamilyPlan(),
        _arbLocus('A'),
        _arbLocus('B'),
        fc.integer(),
        fc.boolean(),
        (plan, a, b, seed, lump) => {
          agrees(_familyFromPlan(plan, [a, b]), [a, b], 0, seed, lump);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('index.score(candidate) is the kinship LR with an X-chromosomal locus (hemizygous males)', () => {
    fc.assert(
      fc.property(
        _arbFamilyPlan(),
        _arbLocus('A'),
        _arbLocus('X1', 'X'),
        fc.integer(),
        (plan, a, x, seed) => {
          agrees(_familyFromPlan(plan, [a, x]), [a, x], 0, seed, true);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('index.score(candidate) is the kinship LR with theta > 0 (theta engine, genotype by genotype)', () => {
    fc.assert(
      fc.property(
        _arbFamilyPlan(2),
        _arbLocus('A'),
        fc.constantFrom(0.01, 0.05),
        fc.integer(),
        (plan, a, theta, seed) => {
          agrees(_familyFromPlan(plan, [a]), [a], theta, seed, true);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('the lumped and unlumped indexes give the same LR for every genotype of the locus', () => {
    fc.assert(
      fc.property(_arbFamilyPlan(), _arbLocus('A'), (plan, a) => {
        const family = _familyFromPlan(plan, [a]);
        const make = (lump: boolean): SearchIndex | undefined => {
          try {
            const idx = new SearchIndex([a], { lump });
            idx.addFamily(family);
            return idx;
          } catch {
            return undefined;
          }
        };
        const lumped = make(true);
        const plain = make(false);
        expect(lumped === undefined).toBe(plain === undefined);
        if (lumped === undefined || plain === undefined) return;
        for (let i = 0; i < a.alleles.length; i++) {
          for (let j = i; j < a.alleles.length; j++) {
            const g = new Map([['A', [a.alleles[i]!, a.alleles[j]!]]]);
            const x = lumped.score(lumped.encode('V', g))[0]!;
            const y = plain.score(plain.encode('V', g))[0]!;
            if (y === Number.NEGATIVE_INFINITY) expect(x).toBe(y);
            else expect(Math.abs(x - y)).toBeLessThanOrEqual(1e-9);
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it('a family identical to an earlier one gets the columns indexFamily computes afresh (reused column space, shared untyped part; fast-check)', () => {
    fc.assert(
      fc.property(_arbFamilyPlan(), _arbLocus('A'), _arbLocus('B'), (plan, a, b) => {
        const family = _familyFromPlan(plan, [a, b]);
        const index = new SearchIndex([a, b]);
        try {
          index.addFamily(family);
        } catch {
          return;
        }
        const twin: Family = { ...family, name: `${family.name}-twin` };
        const entries = index.addFamily(twin);
        const fresh = indexFamily(twin, index.layout);
        entries.forEach((e, k) => {
          expect(index.column(e)).toEqual(fresh[k]!.logLR);
          expect(e.classes).toEqual(fresh[k]!.classes);
          expect(e.informative).toEqual(fresh[k]!.informative);
        });
      }),
      { numRuns: 40 },
    );
  });

  it('a family with a degraded reference and its pristine twin each get the columns computed afresh (fast-check)', () => {
    fc.assert(
      fc.property(_arbFamilyPlan(), _arbLocus('A'), (plan, a) => {
        const family = _familyFromPlan(plan, [a]);
        const typed = [...family.genotypes.keys()][0];
        if (typed === undefined) return;
        const observation = new Map([[typed, { dropout: 0.3, dropin: 0.05 }]]);
        const index = new SearchIndex([a]);
        const twin: Family = { ...family, name: `${family.name}-twin` };
        try {
          index.addFamily(family, observation);
          index.addFamily(twin);
        } catch {
          return;
        }
        const degraded = indexFamily(family, index.layout, { observation });
        const pristine = indexFamily(twin, index.layout);
        index.family(family.name)!.forEach((e, k) => {
          expect(index.column(e)).toEqual(degraded[k]!.logLR);
        });
        index.family(twin.name)!.forEach((e, k) => {
          expect(index.column(e)).toEqual(pristine[k]!.logLR);
        });
      }),
      { numRuns: 40 },
    );
  });

  it('the consistency pass is off by default and never changes an LR (fast-check)', () => {
    fc.assert(
      fc.property(_arbFamilyPlan(), _arbLocus('A'), (plan, a) => {
        const family = _familyFromPlan(plan, [a]);
        const plain = new SearchIndex([a]);
        const withBits = new SearchIndex([a], { consistency: true });
        try {
          plain.addFamily(family);
        } catch {
          expect(() => withBits.addFamily(family)).toThrow();
          return;
        }
        withBits.addFamily(family);
        expect(plain.consistency).toBe(false);
        for (const [k, entry] of plain.entries.entries()) {
          expect(entry.consistent).toBeNull();
          expect(withBits.entries[k]!.consistent).not.toBeNull();
          expect(plain.column(entry)).toEqual(withBits.column(withBits.entries[k]!));
          const c = plain.encode('V', new Map([['A', [a.alleles[0]!, a.alleles[0]!]]]), entry.sex);
          expect(plain.scoreLoci(c, entry)[0]!.consistent).toBeNull();
        }
      }),
      { numRuns: 30 },
    );
  });

  it('the consistency bit of every genotype is "LR > 0 without mutation" (same family, mutation removed)', () => {
    fc.assert(
      fc.property(_arbFamilyPlan(), _arbLocus('A'), (plan, a) => {
        const family = _familyFromPlan(plan, [a]);
        const withMutation = new SearchIndex([a], { consistency: true });
        try {
          withMutation.addFamily(family);
        } catch {
          return;
        }
        const bare = { ...a, mutation: null };
        const without = new SearchIndex([bare], { consistency: true });
        let familyConsistent = true;
        try {
          without.addFamily(family);
        } catch {
          familyConsistent = false;
        }
        for (const entry of withMutation.entries) {
          for (let i = 0; i < a.alleles.length; i++) {
            for (let j = i; j < a.alleles.length; j++) {
              const g = new Map([['A', [a.alleles[i]!, a.alleles[j]!]]]);
              const c = withMutation.encode('V', g, entry.sex);
              const bit = withMutation.scoreLoci(c, entry)[0]!.consistent;
              const other = without.entries.find((e) => e.missing === entry.missing);
              const lr0 = familyConsistent
                ? without.scorePair(without.encode('V', g, entry.sex), other!)
                : Number.NEGATIVE_INFINITY;
              expect(bit).toBe(lr0 > Number.NEGATIVE_INFINITY);
            }
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});
