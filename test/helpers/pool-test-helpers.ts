/**
 * Test helpers for the worker pool (not part of the public API): random small search indexes
 * whose LR tables are drawn from a handful of values, so ties (broken by ids), exclusions
 * (LR 0), sex mismatches, lumped class maps and X loci all occur often, plus a deterministic
 * larger index for timing and abort tests; remains may be degraded (drop-out, drop-in). Tables are packed with `packEntry`, the index's own
 * packer, and remains are added through `addRemains`.
 *
 * @module
 */
import fc from 'fast-check';
import type { Locus } from '../../src/frequencies/locus.js';
import type { Sex } from '../../src/pedigree/pedigree.js';
import { packEntry } from '../../src/search/index/family.js';
import type { LocusTable } from '../../src/search/index/locus-table.js';
import { SearchIndex } from '../../src/search/index/search-index.js';
import type { RankOptions } from '../../src/search/rank/hit.js';
import { createRng, type Rng } from '../../src/sim/prng.js';

/** ln LR values of the random tables: exclusion, below 1, 1, and a few above, with repeats. */
const _LN_VALUES = [-Infinity, Math.log(0.5), 0, Math.log(2), Math.log(10), Math.log(1e4), 9.5];

/** Remains ids chosen to exercise code-unit order (prefixes, case, digits after letters). */
const _IDS = ['V1', 'V10', 'V2', 'v1', 'A', 'AB', 'B-7', 'V1a', 'Z', '\u00e9', 'V01', 'C'];

function _locus(l: number, n: number, x: boolean): Locus {
  return {
    name: `L${l}`,
    alleles: Array.from({ length: n }, (_, a) => String(10 + a)),
    frequencies: Array.from({ length: n }, () => 1 / n),
    chromosome: x ? 'X' : 'autosomal',
    mutation: null,
  };
}

function _table(rng: Rng, n: number): LocusTable {
  const lump = rng.next() < 0.3;
  const classes = lump ? 1 + rng.int(n) : n;
  const classOf = Uint16Array.from({ length: n }, (_, a) => (lump ? rng.int(classes) : a));
  const size = (classes * (classes + 1)) / 2;
  const logLR = Float64Array.from({ length: size }, () => rng.pick(_LN_VALUES));
  const consistent = Uint8Array.from(logLR, (v) => (v === -Infinity ? 0 : 1));
  return {
    classes,
    classOf,
    logLR,
    consistent,
    informative: rng.next() < 0.8,
    degraded: rng.next() < 0.2,
    lumped: lump,
  };
}

/** Name of family number f of a random index (mixed prefixes, to exercise code-unit order). */
export function _familyName(f: number): string {
  return f % 3 === 0 ? `F${f}` : `Fam-${String.fromCharCode(97 + (f % 26))}${f}`;
}

/** Shape of a random index. */
export interface _RandomIndexSpec {
  readonly seed: number;
  readonly loci: number;
  readonly families: number;
  readonly remains: number;
  /** Include an X-chromosomal locus (the last one). */
  readonly x: boolean;
  /**
   * Give about half the remains a drop-out and drop-in (degraded-dna.md), so that their loci are
   * weighted sums over possible genotypes (remains of unknown sex only when there is no X locus).
   */
  readonly degraded?: boolean;
}

/**
 * A random index from a spec (deterministic in the seed).
 *
 * @param spec - seed and sizes
 * @returns the index
 */
export function _randomIndex(spec: _RandomIndexSpec): SearchIndex {
  const rng = createRng(spec.seed);
  const loci = Array.from({ length: spec.loci }, (_, l) =>
    _locus(l, 2 + rng.int(3), spec.x && l === spec.loci - 1),
  );
  const index = new SearchIndex(loci, { consistency: true });
  for (let f = 0; f < spec.families; f++) {
    const name = _familyName(f);
    const missing = 1 + rng.int(3);
    const entries = Array.from({ length: missing }, (_, m) => {
      const sex: Sex = rng.next() < 0.5 ? 'male' : 'female';
      const tables = loci.map((locus) => _table(rng, locus.alleles.length));
      return packEntry(name, m === 1 ? 'MB' : `M${m}`, sex, tables, index.layout);
    });
    index.insertEntries(name, entries);
  }
  const ids = [..._IDS];
  for (let r = 0; r < spec.remains; r++) {
    const id = r < ids.length ? ids[r]! : `R${r}`;
    const u = rng.next();
    const sex: Sex | undefined = u < 0.3 ? undefined : u < 0.65 ? 'male' : 'female';
    const genotypes = new Map<string, string[]>();
    for (const locus of loci) {
      if (rng.next() < 0.15) continue;
      const a = rng.pick(locus.alleles);
      const b = rng.pick(locus.alleles);
      if (locus.chromosome === 'X' && sex === 'male') genotypes.set(locus.name, [a]);
      else genotypes.set(locus.name, [a, b]);
    }
    const degraded = spec.degraded === true && rng.next() < 0.5 && (sex !== undefined || !spec.x);
    const observation = degraded
      ? { dropout: rng.pick([0, 0.2, 0.5]), dropin: rng.pick([0, 0.05]) }
      : undefined;
    index.addRemains(id, genotypes, sex, observation);
  }
  return index;
}

/** Random index specs: 1–3 loci, 0–7 families (1–3 missing each), 0–12 remains. */
export function _arbIndexSpec(): fc.Arbitrary<_RandomIndexSpec> {
  return fc.record({
    seed: fc.integer(),
    loci: fc.integer({ min: 1, max: 3 }),
    families: fc.integer({ min: 0, max: 7 }),
    remains: fc.integer({ min: 0, max: 12 }),
    x: fc.boolean(),
    degraded: fc.boolean(),
  });
}

/**
 * Random rankAll options for an index of `families` families: top, sex policy, match threshold,
 * and sometimes family priors (summing to at most 0.98).
 */
export function _arbRankOptions(families: number): fc.Arbitrary<RankOptions> {
  return fc
    .record({
      top: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
      flag: fc.boolean(),
      match: fc.constantFrom(undefined, 2, 10, 1e4),
      priors: fc.option(fc.array(fc.double({ min: 0, max: 0.14, noNaN: true }), { maxLength: 7 }), {
        nil: undefined,
      }),
    })
    .map(({ top, flag, match, priors }) => ({
      ...(top !== undefined ? { top } : {}),
      ...(flag ? { sexMismatch: 'flag' as const } : {}),
      ...(match !== undefined ? { matchThreshold: match } : {}),
      ...(priors !== undefined && families > 0
        ? { familyPriors: new Map(priors.map((p, i) => [_familyName(i % families), p])) }
        : {}),
    }));
}

/**
 * A larger deterministic index for timing tests: `families` one-missing-person families and
 * `remains` remains on `loci` loci of 8 alleles (no X loci).
 *
 * @param families - number of families (= entries)
 * @param remains - number of remains
 * @param loci - number of loci (default 20)
 * @returns the index
 */
export function _largeIndex(families: number, remains: number, loci = 20): SearchIndex {
  const rng = createRng(families * 7919 + remains);
  const defs = Array.from({ length: loci }, (_, l) => _locus(l, 8, false));
  const index = new SearchIndex(defs, { consistency: true });
  for (let f = 0; f < families; f++) {
    const tables = defs.map(() => {
      const logLR = Float64Array.from({ length: 36 }, () => (rng.next() - 0.55) * 3);
      return {
        classes: 8,
        classOf: Uint16Array.from({ length: 8 }, (_, a) => a),
        logLR,
        consistent: new Uint8Array(36).fill(1),
        informative: true,
        degraded: false,
        lumped: false,
      };
    });
    const sex: Sex = f % 2 === 0 ? 'male' : 'female';
    index.insertEntries(`F${f}`, [packEntry(`F${f}`, 'M', sex, tables, index.layout)]);
  }
  for (let r = 0; r < remains; r++) {
    const genotypes = new Map(
      defs.map((d) => [d.name, [rng.pick(d.alleles), rng.pick(d.alleles)]]),
    );
    index.addRemains(`R${r}`, genotypes, r % 3 === 0 ? undefined : r % 3 === 1 ? 'male' : 'female');
  }
  return index;
}
