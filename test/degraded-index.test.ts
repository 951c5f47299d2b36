/**
 * Degraded references and silent alleles in the search index (degraded-dna.md), against the
 * engine: on random small families whose typed relatives (and direct references) carry drop-out
 * and drop-in and show degraded profiles (alleles dropped, a foreign allele dropped in), at loci
 * with and without a silent allele, the index's LR of a candidate (pristine or degraded) placed on
 * the missing person equals `computeKinshipLR` on the same pair written as a kindred-case/1 (H1:
 * the candidate `sameAs` the missing person; H2: an unrelated founder), with every sample's
 * observation, to 1e-9, locus by locus. With theta > 0 the family side is exact too (pristine
 * candidates); degraded remains with theta > 0 and silent alleles with theta > 0 are refused.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isKindredError, KindredError } from '../src/errors.js';
import type { Locus } from '../src/frequencies/locus.js';
import type { MutationSpec } from '../src/mutation/types.js';
import { MALE, type Sex } from '../src/pedigree/pedigree.js';
import { type SampleObservation, SILENT_ALLELE } from '../src/profile/observation.js';
import { SearchIndex } from '../src/search/index/search-index.js';
import type { Family } from '../src/search/types.js';
import { createRng, type Rng } from '../src/sim/prng.js';
import { randomGenotype } from '../src/sim/random-genotype.js';
import {
  _arbFamilyPlan,
  _arbLocus,
  _familyFromPlan,
  _referenceLR,
} from './helpers/index-test-helpers.js';

/** A random locus with a silent allele: 2–5 ordinary alleles plus "silent", a model that allows it. */
function _arbSilentLocus(name: string, chromosome: 'autosomal' | 'X' = 'autosomal') {
  return fc
    .record({
      weights: fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 3, maxLength: 6 }),
      mutation: fc.constantFrom<MutationSpec>(
        null,
        { model: 'equal', rate: 0.05 },
        { model: 'proportional', rate: 0.03 },
      ),
    })
    .map(({ weights, mutation }): Locus => {
      const total = weights.reduce((a, b) => a + b, 0);
      return {
        name,
        alleles: weights.map((_, i) => (i === weights.length - 1 ? SILENT_ALLELE : String(8 + i))),
        frequencies: weights.map((w) => w / total),
        chromosome,
        mutation,
      };
    });
}

const _OBS: readonly SampleObservation[] = [
  { dropout: 0.1, dropin: 0 },
  { dropout: 0.35, dropin: 0 },
  { dropout: 0.6, dropin: 0.05 },
  { dropout: 0, dropin: 0.08 },
  { dropout: 0.2, dropin: 0.02 },
];

/**
 * What a sample with observation `o` shows of the true genotype `g` (degraded-dna.md): each
 * distinct non-silent allele with k copies is lost with probability d^k; with drop-in, sometimes
 * one foreign allele appears. Undefined when nothing is seen (the locus is then untyped).
 */
function _degrade(
  rng: Rng,
  g: readonly string[],
  o: SampleObservation,
  locus: Locus,
  hemizygous: boolean,
): string[] | undefined {
  const copies = new Map<string, number>();
  for (const a of hemizygous ? [g[0]!] : g) copies.set(a, (copies.get(a) ?? 0) + 1);
  copies.delete(SILENT_ALLELE);
  const seen = [...copies].filter(([, k]) => rng.next() >= o.dropout ** k).map(([a]) => a);
  if (o.dropin > 0 && seen.length < 2 && rng.next() < 0.5) {
    const others = locus.alleles.filter((a) => a !== SILENT_ALLELE && !seen.includes(a));
    if (others.length > 0) seen.push(rng.pick(others));
  }
  return seen.length === 0 ? undefined : seen;
}

/** A pristine sample at a silent locus shows its non-silent alleles only. */
function _pristine(g: readonly string[]): string[] | undefined {
  const seen = [...new Set(g)].filter((a) => a !== SILENT_ALLELE);
  return seen.length === 0 ? undefined : seen;
}

/** The family with some samples degraded (and every silent allele unseen); their observations. */
function _degradeFamily(
  family: Family,
  loci: readonly Locus[],
  seed: number,
): { family: Family; observation: Map<string, SampleObservation> } {
  const rng = createRng(seed ^ 0x5bd1e995);
  const observation = new Map<string, SampleObservation>();
  const genotypes = new Map<string, Map<string, readonly string[]>>();
  for (const [id, byLocus] of family.genotypes) {
    const o = rng.next() < 0.6 ? rng.pick(_OBS) : undefined;
    if (o !== undefined) observation.set(id, o);
    const row = family.pedigree.index.get(id)!;
    const target = family.pedigree.sameAs[row]! >= 0 ? family.pedigree.sameAs[row]! : row;
    const male = family.pedigree.sex[target] === MALE;
    const out = new Map<string, readonly string[]>();
    for (const locus of loci) {
      const g = byLocus.get(locus.name);
      if (g === undefined) continue;
      const hemi = locus.chromosome === 'X' && male;
      const seen = o !== undefined ? _degrade(rng, g, o, locus, hemi) : _pristine(g);
      if (seen !== undefined) out.set(locus.name, seen);
    }
    if (out.size > 0) genotypes.set(id, out);
  }
  return { family: { ...family, genotypes }, observation };
}

/**
 * One comparison: the degraded family in an index, a candidate per missing person (degraded when
 * `degradedCandidate`), index LR = engine LR per pair and per locus. Returns false when both
 * sides find the family's own data impossible.
 */
function agrees(
  base: Family,
  loci: readonly Locus[],
  seed: number,
  options: { theta?: number; lump?: boolean; degradedCandidate?: boolean } = {},
): boolean {
  const theta = options.theta ?? 0;
  const { family, observation } = _degradeFamily(base, loci, seed);
  let index: SearchIndex;
  try {
    index = new SearchIndex(loci, { theta, lump: options.lump ?? true });
    index.addFamily(family, observation);
  } catch (e) {
    expect(isKindredError(e) && e.code).toBe('IMPOSSIBLE_REFERENCE');
    expect(() =>
      _referenceLR(family, family.missing[0]!, 'male', new Map(), loci, theta, false, observation),
    ).toThrow(/likelihood 0/);
    return false;
  }
  const rng = createRng(seed);
  for (const entry of index.entries) {
    const sex: Sex = entry.sex;
    const o = options.degradedCandidate === true ? rng.pick(_OBS) : undefined;
    const genotypes = new Map<string, string[]>();
    for (const locus of loci) {
      const g = randomGenotype(rng, locus, sex);
      const hemi = locus.chromosome === 'X' && sex === 'male';
      const seen = o !== undefined ? _degrade(rng, g, o, locus, hemi) : _pristine(g);
      if (seen !== undefined) genotypes.set(locus.name, seen);
    }
    const candidate = index.encode('V', genotypes, sex, o);
    const got = index.score(candidate)[index.position(entry)]!;
    expect(index.scorePair(candidate, entry)).toBe(got);
    const obs = new Map(observation);
    if (o !== undefined) obs.set('CAND', o);
    const want = _referenceLR(family, entry.missing, sex, genotypes, loci, theta, false, obs);
    if (want.log10LR === null) expect(got).toBe(Number.NEGATIVE_INFINITY);
    else expect(Math.abs(got - want.log10LR * Math.LN10)).toBeLessThanOrEqual(1e-9);
    for (const row of index.scoreLoci(candidate, entry)) {
      // The family's side carried observation factors here: a degraded sample typed at the
      // locus, or (silent allele) a sample seen as one allele, which may hide the silent one.
      const locus = loci.find((l) => l.name === row.locus)!;
      const silentLocus = locus.alleles.includes(SILENT_ALLELE);
      const weighted = [...family.genotypes].some(([id, byLocus]) => {
        const g = byLocus.get(row.locus);
        if (g === undefined) return false;
        const o = observation.get(id);
        if (o !== undefined && (o.dropout > 0 || o.dropin > 0)) return true;
        // a male at an X locus seen as {a} is a (the silent allele would show nothing)
        const r = family.pedigree.index.get(id)!;
        const person = family.pedigree.sameAs[r]! >= 0 ? family.pedigree.sameAs[r]! : r;
        const hemi = locus.chromosome === 'X' && family.pedigree.sex[person] === MALE;
        return silentLocus && !hemi && new Set(g).size === 1;
      });
      expect(row.referenceDegraded).toBe(weighted);
      const lr = genotypes.has(row.locus) ? want.lr.get(row.locus)! : 1;
      if (lr === 0) expect(row.logLR).toBe(Number.NEGATIVE_INFINITY);
      else expect(Math.abs(row.logLR - Math.log(lr))).toBeLessThanOrEqual(1e-9);
    }
  }
  return true;
}

describe('degraded references and silent alleles in the search index = computeKinshipLR', () => {
  it('degraded relatives and direct references, pristine and degraded candidates, all mutation models (theta 0, lumping on and off)', () => {
    let compared = 0;
    fc.assert(
      fc.property(
        _arbFamilyPlan(),
        _arbLocus('A'),
        _arbLocus('B'),
        fc.integer(),
        fc.boolean(),
        fc.boolean(),
        (plan, a, b, seed, lump, degradedCandidate) => {
          if (agrees(_familyFromPlan(plan, [a, b]), [a, b], seed, { lump, degradedCandidate }))
            compared++;
        },
      ),
      { numRuns: 120 },
    );
    expect(compared).toBeGreaterThan(60);
  });

  it('a locus with a silent allele (relatives, direct references and candidates: a seen {a} may be a/silent), with and without drop-out', () => {
    let compared = 0;
    fc.assert(
      fc.property(
        _arbFamilyPlan(),
        _arbSilentLocus('S'),
        _arbLocus('A'),
        fc.integer(),
        fc.boolean(),
        fc.boolean(),
        (plan, s, a, seed, lump, degradedCandidate) => {
          if (agrees(_familyFromPlan(plan, [s, a]), [s, a], seed, { lump, degradedCandidate }))
            compared++;
        },
      ),
      { numRuns: 100 },
    );
    expect(compared).toBeGreaterThan(50);
  });

  it('X-chromosomal loci with degraded relatives (a male with two alleles only by drop-in) and a silent X locus', () => {
    fc.assert(
      fc.property(
        _arbFamilyPlan(),
        _arbLocus('X1', 'X'),
        _arbSilentLocus('X2', 'X'),
        fc.integer(),
        fc.boolean(),
        (plan, x1, x2, seed, degradedCandidate) => {
          agrees(_familyFromPlan(plan, [x1, x2]), [x1, x2], seed, { degradedCandidate });
        },
      ),
      { numRuns: 60 },
    );
  });

  it('theta > 0: degraded relatives enter the theta tables exactly (pristine candidates)', () => {
    fc.assert(
      fc.property(
        _arbFamilyPlan(2),
        _arbLocus('A'),
        fc.constantFrom(0.01, 0.05),
        fc.integer(),
        (plan, a, theta, seed) => {
          agrees(_familyFromPlan(plan, [a]), [a], seed, { theta });
        },
      ),
      { numRuns: 20 },
    );
  });

  it('theta > 0 refuses degraded remains and a locus with a silent allele (UNSUPPORTED, naming the remains or the locus)', () => {
    const locus: Locus = {
      name: 'S',
      alleles: ['8', '9', SILENT_ALLELE],
      frequencies: [0.5, 0.4, 0.1],
      chromosome: 'autosomal',
      mutation: null,
    };
    const plain: Locus = { ...locus, alleles: ['8', '9', '10'] };
    const index = new SearchIndex([plain], { theta: 0.01 });
    const refused = (f: () => unknown): KindredError => {
      try {
        f();
      } catch (e) {
        if (e instanceof KindredError) return e;
      }
      throw new Error('expected a KindredError');
    };
    const a = refused(() =>
      index.encode('V9', new Map([['S', ['8']]]), 'male', { dropout: 0.2, dropin: 0 }),
    );
    expect(a.code).toBe('UNSUPPORTED');
    expect(a.path).toEqual(['observation', 'V9']);
    expect(a.message).toContain('Remains "V9" are degraded');
    const b = refused(() => new SearchIndex([locus], { theta: 0.01 }));
    expect(b.code).toBe('UNSUPPORTED');
    expect(b.message).toContain('Locus "S" has the silent allele');
    expect(b.path).toEqual(['loci', 0, 'alleles', 2]);
  });

  it('a genotype that lists the silent allele is refused (INVALID_GENOTYPE) for remains and for relatives', () => {
    const locus: Locus = {
      name: 'S',
      alleles: ['8', '9', SILENT_ALLELE],
      frequencies: [0.5, 0.4, 0.1],
      chromosome: 'autosomal',
      mutation: null,
    };
    const index = new SearchIndex([locus]);
    expect(() => index.encode('V1', new Map([['S', ['8', SILENT_ALLELE]]]))).toThrow(
      /Candidate "V1" has the silent allele "silent" at locus "S"/,
    );
    const family = _familyFromPlan(
      {
        records: [
          { id: 'P0', father: null, mother: null, sex: 'male' },
          { id: 'P1', father: null, mother: null, sex: 'female' },
          { id: 'P2', father: 'P0', mother: 'P1', sex: 'male' },
        ],
        missing: 2,
        typed: [true, false, false],
        direct: false,
        second: false,
        seed: 1,
        mutate: false,
        perturb: false,
      },
      [locus],
    );
    const bad: Family = {
      ...family,
      genotypes: new Map([['P0', new Map([['S', ['8', SILENT_ALLELE]]])]]),
    };
    expect(() => index.addFamily(bad)).toThrow(/Person "P0" of family "F" has the silent allele/);
  });
});
