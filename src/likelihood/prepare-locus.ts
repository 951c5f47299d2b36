/**
 * From a locus definition and the typed people's genotypes to the engine input: allele indices,
 * sameAs samples merged into the person they duplicate, and alleles that no typed person carries
 * lumped into one when that is exact for the mutation model.
 *
 * @module
 */
import type { Locus } from '../frequencies/locus.js';
import { lumpMatrices } from '../mutation/lumping.js';
import { buildMatrices } from '../mutation/matrix.js';
import type { Pedigree } from '../pedigree/pedigree.js';
import type { GenotypeMap } from '../profile/genotype-map.js';
import { SILENT_ALLELE } from '../profile/observation.js';

/** A locus after matrix building and (optional) lumping, shared by all hypotheses. */
export interface PreparedLocus {
  readonly locus: Locus;
  /** Number of alleles after lumping. */
  readonly nAlleles: number;
  readonly frequencies: Float64Array;
  readonly maleMatrix: Float64Array | null;
  readonly femaleMatrix: Float64Array | null;
  /** Original allele label → reduced index. */
  readonly alleleIndex: ReadonlyMap<string, number>;
  /** True when alleles were lumped. */
  readonly lumped: boolean;
  /** Reduced index of the silent allele (`"silent"`, never lumped), or -1 when the locus has none. */
  readonly silentIndex: number;
}

/** Options for {@link prepareLocus}. */
export interface PrepareOptions {
  /** Lump alleles not carried by typed people where exact (default true). */
  readonly lump?: boolean;
}

/**
 * Build matrices and lump. `observed` are the allele labels carried by any typed person at this
 * locus. Results are cached per locus object and observed set; treat them as immutable.
 */
export function prepareLocus(
  locus: Locus,
  observed: ReadonlySet<string>,
  options: PrepareOptions = {},
): PreparedLocus {
  let byKey = preparedCache.get(locus);
  if (byKey === undefined) {
    byKey = new Map();
    preparedCache.set(locus, byKey);
  }
  // Unlumped, the result does not depend on the observed alleles: one entry per locus.
  const key = options.lump === false ? '0' : `1|${[...observed].sort().join('\u0000')}`;
  let prepared = byKey.get(key);
  if (prepared === undefined) {
    prepared = _prepareLocus(locus, observed, options);
    if (byKey.size >= 4096) byKey.clear();
    byKey.set(key, prepared);
  }
  return prepared;
}

/** Prepared loci by locus object and observed-allele set (matrices are built once per locus). */
const preparedCache = new WeakMap<Locus, Map<string, PreparedLocus>>();
const matrixCache = new WeakMap<Locus, ReturnType<typeof buildMatrices>>();

function _prepareLocus(
  locus: Locus,
  observed: ReadonlySet<string>,
  options: PrepareOptions,
): PreparedLocus {
  const n = locus.alleles.length;
  const freqs = Float64Array.from(locus.frequencies);
  let matrices = matrixCache.get(locus);
  if (matrices === undefined) {
    matrices = buildMatrices(locus.mutation, locus.alleles, locus.frequencies, {
      locus: locus.name,
    });
    matrixCache.set(locus, matrices);
  }
  const { male, female } = matrices;
  const fullIndex = new Map<string, number>();
  for (let i = 0; i < n; i++) fullIndex.set(locus.alleles[i]!, i);
  // The silent allele is never lumped: an observation factor tells it apart from other alleles.
  const keep = locus.alleles
    .map((_, i) => i)
    .filter((i) => observed.has(locus.alleles[i]!) || locus.alleles[i] === SILENT_ALLELE);
  const fullSilent = locus.alleles.indexOf(SILENT_ALLELE);
  const restCount = n - keep.length;
  if (options.lump === false || restCount < 2) {
    return {
      locus,
      nAlleles: n,
      frequencies: freqs,
      maleMatrix: male,
      femaleMatrix: female,
      alleleIndex: fullIndex,
      lumped: false,
      silentIndex: fullSilent,
    };
  }
  const lumped = lumpMatrices({ male, female }, n, keep, freqs);
  if (lumped === null) {
    return {
      locus,
      nAlleles: n,
      frequencies: freqs,
      maleMatrix: male,
      femaleMatrix: female,
      alleleIndex: fullIndex,
      lumped: false,
      silentIndex: fullSilent,
    };
  }
  const reduced = new Map<string, number>();
  for (let k = 0; k < keep.length; k++) reduced.set(locus.alleles[keep[k]!]!, k);
  return {
    locus,
    nAlleles: lumped.nAlleles,
    frequencies: lumped.frequencies,
    maleMatrix: lumped.male,
    femaleMatrix: lumped.female,
    alleleIndex: reduced,
    lumped: true,
    silentIndex: reduced.get(SILENT_ALLELE) ?? -1,
  };
}

/**
 * Encode the genotypes of `ped`'s people at `locus` as allele-index pairs (2 per row, -1 untyped).
 * sameAs rows are merged into the row they duplicate. Returns null when two samples of the same
 * person disagree (the likelihood is then 0).
 */
export function encodeGenotypes(
  ped: Pedigree,
  prepared: PreparedLocus,
  genotypes: GenotypeMap,
): Int32Array | null {
  const N = ped.ids.length;
  const out = new Int32Array(2 * N).fill(-1);
  const name = prepared.locus.name;
  for (const [id, byLocus] of genotypes) {
    const alleles = byLocus.get(name);
    if (alleles === undefined) continue;
    let row = ped.index.get(id);
    if (row === undefined) continue;
    if (ped.sameAs[row]! >= 0) row = ped.sameAs[row]!;
    const a = prepared.alleleIndex.get(alleles[0]!)!;
    const b = prepared.alleleIndex.get(alleles[alleles.length - 1]!)!;
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    if (out[2 * row]! >= 0) {
      if (out[2 * row] !== lo || out[2 * row + 1] !== hi) return null;
      continue;
    }
    out[2 * row] = lo;
    out[2 * row + 1] = hi;
  }
  return out;
}

/** The set of allele labels carried by any typed person at `locusName`. */
export function observedAlleles(genotypes: GenotypeMap, locusName: string): Set<string> {
  const s = new Set<string>();
  for (const byLocus of genotypes.values()) {
    const g = byLocus.get(locusName);
    if (g !== undefined) for (const a of g) s.add(a);
  }
  return s;
}
