/**
 * The observation factor of degraded samples (`../shared/spec/degraded-dna.md`): for a sample
 * with drop-out d and drop-in c whose seen allele set at a locus is E, and a true genotype G
 * (two alleles; one for a male at an X locus) whose distinct non-silent alleles are S,
 *
 *   P(E | G) = Π_{a ∈ S ∩ E} (1 − d^k_a) · Π_{a ∈ S \ E} d^k_a · D(E \ S),
 *   D(∅) = 1 − c,  D({x}) = c·p_x (p_x as given),  D(two or more) = 0,
 *
 * with k_a the copies of a in G. Every sample of a person (a `sameAs` replicate has its own d, c)
 * multiplies its factor in. A person whose factor allows one unordered genotype only is passed
 * to the engine as typed with that genotype (and the factor's constant, if it is not 1); one whose
 * factor allows several is an untyped person with an observation factor over its alleles.
 * Samples with d = c = 0 at a locus without a silent allele are hard genotypes, exactly as before.
 *
 * @module
 */
import { MALE, type Pedigree } from '../pedigree/pedigree.js';
import type { GenotypeMap } from '../profile/genotype-map.js';
import { isDegraded, type ObservationMap, type SampleObservation } from '../profile/observation.js';
import { encodeGenotypes, type PreparedLocus } from './prepare-locus.js';

/** Encoded evidence of one locus: genotypes as the engine reads them and per-row observation factors. */
export interface EncodedEvidence {
  /** Allele-index pairs per row (-1, -1: untyped or an observation factor over every genotype). */
  readonly genotypes: Int32Array;
  /**
   * Per row, P(E | pat = x, mat = y) at `x·n + y` (a male at an X locus: P(E | allele = y) at `y`),
   * or null for no factor. Undefined when no row has one (today's path).
   */
  readonly observations?: readonly (Float64Array | null)[];
}

/**
 * P(E | G) for every ordered genotype (or, `hemizygous`, every single allele) of a sample.
 *
 * @param seen - the distinct reduced allele indices seen (1 or 2)
 * @param obs - the sample's drop-out and drop-in
 * @param n - number of (reduced) alleles
 * @param silent - reduced index of the silent allele, or -1
 * @param frequencies - allele frequencies as given (drop-in weights; only seen alleles are read)
 * @param hemizygous - one allele per genotype (a male at an X locus)
 * @returns a table of n·n (or n) probabilities
 * @example
 * ```ts
 * // A seen {0} with d = 0.1, c = 0, two alleles: P({0} | 0/0) = 1 − d², P({0} | 0/1) = (1 − d)·d.
 * const t = observationTable([0], { dropout: 0.1, dropin: 0 }, 2, -1, Float64Array.of(0.5, 0.5), false);
 * [t[0], t[1]]; // => [0.99, 0.09]
 * ```
 */
export function observationTable(
  seen: readonly number[],
  obs: SampleObservation,
  n: number,
  silent: number,
  frequencies: Float64Array,
  hemizygous: boolean,
): Float64Array {
  // Written without inner functions: this runs per sample, locus and hypothesis.
  const d = obs.dropout;
  const c = obs.dropin;
  const d2 = d * d;
  const inE = new Uint8Array(n);
  for (const a of seen) inE[a] = 1;
  const nSeen = seen.length;
  // The seen alleles (at most two), for the drop-in of the one a genotype does not explain.
  const e0 = nSeen > 0 ? seen[0]! : -1;
  const e1 = nSeen > 1 ? seen[1]! : -1;
  if (hemizygous) {
    const t = new Float64Array(n);
    for (let a = 0; a < n; a++) {
      // factor of the allele itself: 1 for the silent one, else seen (1 − d) or lost (d)
      const own = a === silent ? 1 : inE[a] === 1 ? 1 - d : d;
      const explained = a !== silent && inE[a] === 1 ? 1 : 0;
      const left = nSeen - explained;
      let drop: number;
      if (left === 0) drop = 1 - c;
      else if (left === 1) drop = c * frequencies[e0 !== a ? e0 : e1]!;
      else drop = 0;
      t[a] = own * drop;
    }
    return t;
  }
  const t = new Float64Array(n * n);
  for (let a = 0; a < n; a++) {
    const aSeen = a !== silent && inE[a] === 1;
    // one copy of a: 1 (silent), 1 − d (seen) or d (lost); two copies: 1, 1 − d², d²
    const one = a === silent ? 1 : aSeen ? 1 - d : d;
    for (let b = a; b < n; b++) {
      let v: number;
      let explained: number;
      if (a === b) {
        v = a === silent ? 1 : aSeen ? 1 - d2 : d2;
        explained = aSeen ? 1 : 0;
      } else {
        const bSeen = b !== silent && inE[b] === 1;
        v = one * (b === silent ? 1 : bSeen ? 1 - d : d);
        explained = (aSeen ? 1 : 0) + (bSeen ? 1 : 0);
      }
      const left = nSeen - explained;
      if (left === 0) v *= 1 - c;
      else if (left === 1) {
        // the one seen allele G does not carry
        const foreign = e0 !== a && e0 !== b ? e0 : e1;
        v *= c * frequencies[foreign]!;
      } else v = 0;
      t[a * n + b] = v;
      t[b * n + a] = v;
    }
  }
  return t;
}

const NONE = { dropout: 0, dropin: 0 } as const;

/**
 * Encode the evidence of `ped`'s samples at a prepared locus. Without a degraded sample typed at
 * this locus and without a silent allele this is {@link encodeGenotypes} (hard genotypes, sameAs
 * rows merged, disagreement → null). Otherwise every person with a degraded sample (or, at a
 * locus with a silent allele, any sample) gets the product of its samples' factors.
 *
 * @returns the evidence, or null when it is impossible (likelihood 0)
 */
export function encodeEvidence(
  ped: Pedigree,
  prepared: PreparedLocus,
  genotypes: GenotypeMap,
  observation?: ObservationMap,
): EncodedEvidence | null {
  const name = prepared.locus.name;
  const silent = prepared.silentIndex;
  let degraded = silent >= 0;
  if (!degraded && observation !== undefined && observation.size > 0) {
    for (const [id, byLocus] of genotypes) {
      if (byLocus.has(name) && ped.index.has(id) && isDegraded(observation.get(id))) {
        degraded = true;
        break;
      }
    }
  }
  if (!degraded) {
    const g = encodeGenotypes(ped, prepared, genotypes);
    return g === null ? null : { genotypes: g };
  }
  const N = ped.ids.length;
  const n = prepared.nAlleles;
  const out = new Int32Array(2 * N).fill(-1);
  const tables: (Float64Array | null)[] = new Array<Float64Array | null>(N).fill(null);
  // Samples per person (sameAs rows resolved to the person they duplicate).
  const samples = new Map<number, { seen: number[]; obs: SampleObservation }[]>();
  for (const [id, byLocus] of genotypes) {
    const alleles = byLocus.get(name);
    if (alleles === undefined) continue;
    let row = ped.index.get(id);
    if (row === undefined) continue;
    if (ped.sameAs[row]! >= 0) row = ped.sameAs[row]!;
    const seen = [...new Set(alleles.map((a) => prepared.alleleIndex.get(a)!))];
    let list = samples.get(row);
    if (list === undefined) {
      list = [];
      samples.set(row, list);
    }
    list.push({ seen, obs: observation?.get(id) ?? NONE });
  }
  let any = false;
  for (const [row, list] of samples) {
    const hemizygous = prepared.locus.chromosome === 'X' && ped.sex[row] === MALE;
    let table: Float64Array | null = null;
    for (const s of list) {
      const t = observationTable(s.seen, s.obs, n, silent, prepared.frequencies, hemizygous);
      if (table === null) table = t;
      else for (let k = 0; k < t.length; k++) table[k] = table[k]! * t[k]!;
    }
    const support = _support(table!, n, hemizygous);
    if (support === null) return null;
    if (support.single) {
      out[2 * row] = support.a;
      out[2 * row + 1] = support.b;
      if (support.constantOne) continue;
    }
    tables[row] = table;
    any = true;
  }
  return any ? { genotypes: out, observations: tables } : { genotypes: out };
}

/** The unordered genotypes a factor allows: null for none, else whether it is one (a ≤ b) and its value is 1. */
function _support(
  t: Float64Array,
  n: number,
  hemizygous: boolean,
): { single: boolean; a: number; b: number; constantOne: boolean } | null {
  let count = 0;
  let a = -1;
  let b = -1;
  if (hemizygous) {
    for (let x = 0; x < n; x++) {
      if (t[x]! > 0) {
        count += 1;
        a = b = x;
      }
    }
  } else {
    for (let x = 0; x < n; x++) {
      for (let y = x; y < n; y++) {
        if (t[x * n + y]! > 0) {
          count += 1;
          a = x;
          b = y;
        }
      }
    }
  }
  if (count === 0) return null;
  const single = count === 1;
  const value = hemizygous ? t[a]! : t[a * n + b]!;
  return { single, a, b, constantOne: single && value === 1 };
}
