/**
 * Fast pairwise kinship LRs (A related to B as stated, against unrelated) over many loci: per-locus
 * tables are built once, then each pair of profiles costs a few array reads per locus and no
 * allocation. Autosomal loci, theta = 0.
 *
 * @module
 */
import { KindredError } from '../errors.js';
import type { Locus } from '../frequencies/locus.js';
import { buildMatrices } from '../mutation/matrix.js';
import { _checkK, _hardyWeinberg, _ibdKernel, type GenotypePair, ibdLocusLR } from './ibd.js';
import {
  _lineageKernel,
  _marginals,
  type LineageRelation,
  lineageLocusLR,
  lineageTables,
} from './lineage.js';
import type { IBDCoefficients } from './named-relationships.js';

export type { LineageRelation } from './lineage.js';

/** What the pairwise LR assumes: IBD coefficients (no mutation) or a lineage relation (mutation). */
export type PairwiseRelation =
  | { readonly kind: 'ibd'; readonly k: IBDCoefficients }
  | ({ readonly kind: 'lineage' } & LineageRelation);

/** Per-locus tables for {@link pairwiseLRBatch}. Build with {@link preparePairwise}. */
export interface PreparedPairwise {
  readonly relation: PairwiseRelation;
  readonly nLoci: number;
  /** Locus names in order. */
  readonly names: readonly string[];
  /** Allele label → index, per locus. */
  readonly alleleIndex: readonly ReadonlyMap<string, number>[];
  /** Number of alleles per locus. */
  readonly sizes: Int32Array;
  /** Start of each locus in `frequencies`, `r1`.. `c2`. */
  readonly freqOffsets: Int32Array;
  readonly frequencies: Float64Array;
  /** `1 / frequencies` (same layout), so the hot loop multiplies instead of dividing. */
  readonly reciprocals: Float64Array;
  /** Start of each locus in `t1`, `t2` (lineage only). */
  readonly matOffsets: Int32Array;
  readonly t1: Float64Array;
  readonly t2: Float64Array;
  readonly r1: Float64Array;
  readonly r2: Float64Array;
  readonly c1: Float64Array;
  readonly c2: Float64Array;
}

/** Options for {@link preparePairwise}. */
export interface PreparePairwiseOptions {
  /**
   * Let an `ibd` relation with k1 > 0 run on loci that have a mutation model, ignoring the model
   * (default false: refused, since the general engine would give another answer).
   */
  readonly ignoreMutation?: boolean;
}

/**
 * Build the per-locus tables of a pairwise relation.
 *
 * - `ibd`: frequencies only; `LR = k0 + k1·X1 + k2·X2` per locus.
 * - `lineage` (parentChild, fullSiblings, halfSiblings, grandparent): the two-lineage tables with
 *   each locus's mutation matrices (see `lineage.ts`); `LR = P(gA, gB) / (P(gA)·P(gB))`.
 *
 * @param relation - the relation
 * @param loci - the loci; genotypes index into each locus's `alleles`
 * @param options - see {@link PreparePairwiseOptions}
 * @returns tables for {@link pairwiseLRBatch}
 * @throws KindredError `UNSUPPORTED` for an X-chromosomal locus, or an `ibd` relation with
 *   k1 > 0 at a locus with mutation; `INVALID_ARGUMENT` for bad k; `INVALID_MUTATION` from the models
 * @example
 * ```ts
 * const prep = preparePairwise({ kind: 'ibd', k: [0, 1, 0] }, [locusS01]);
 * prep.nLoci; // => 1
 * ```
 */
export function preparePairwise(
  relation: PairwiseRelation,
  loci: readonly Locus[],
  options: PreparePairwiseOptions = {},
): PreparedPairwise {
  if (relation.kind === 'ibd') _checkK(relation.k);
  const L = loci.length;
  const sizes = new Int32Array(L);
  const freqOffsets = new Int32Array(L + 1);
  const matOffsets = new Int32Array(L + 1);
  loci.forEach((locus, l) => {
    if (locus.chromosome === 'X') {
      throw new KindredError(
        'UNSUPPORTED',
        `Locus "${locus.name}" is X-chromosomal; the pairwise closed forms are autosomal (use the pedigree engine)`,
        { path: ['loci', l] },
      );
    }
    const n = locus.alleles.length;
    sizes[l] = n;
    freqOffsets[l + 1] = freqOffsets[l]! + n;
    matOffsets[l + 1] = matOffsets[l]! + (relation.kind === 'lineage' ? n * n : 0);
  });
  const frequencies = new Float64Array(freqOffsets[L]!);
  const vec = () => new Float64Array(relation.kind === 'lineage' ? freqOffsets[L]! : 0);
  const [r1, r2, c1, c2] = [vec(), vec(), vec(), vec()];
  const t1 = new Float64Array(matOffsets[L]!);
  const t2 = new Float64Array(matOffsets[L]!);
  loci.forEach((locus, l) => {
    const off = freqOffsets[l]!;
    frequencies.set(locus.frequencies, off);
    if (relation.kind === 'ibd') {
      if (locus.mutation !== null && relation.k[1] > 0 && options.ignoreMutation !== true) {
        throw new KindredError(
          'UNSUPPORTED',
          `Locus "${locus.name}" has a mutation model, which the IBD formula ignores; use a lineage relation or the pedigree engine`,
          { path: ['loci', l, 'mutation'] },
        );
      }
      return;
    }
    const { male, female } = buildMatrices(locus.mutation, locus.alleles, locus.frequencies, {
      path: ['loci', l, 'mutation'],
      locus: locus.name,
    });
    const tables = lineageTables(relation, locus.frequencies, male, female);
    t1.set(tables.t1, matOffsets[l]!);
    t2.set(tables.t2, matOffsets[l]!);
    const m = _marginals(tables, sizes[l]!);
    r1.set(m.r1, off);
    r2.set(m.r2, off);
    c1.set(m.c1, off);
    c2.set(m.c2, off);
  });
  return {
    relation,
    nLoci: L,
    names: loci.map((l) => l.name),
    alleleIndex: loci.map((l) => new Map(l.alleles.map((a, i) => [a, i]))),
    sizes,
    freqOffsets,
    frequencies,
    reciprocals: frequencies.map((x) => 1 / x),
    matOffsets,
    t1,
    t2,
    r1,
    r2,
    c1,
    c2,
  };
}

/**
 * The pairwise LR over all loci of `prepared` for one pair of encoded profiles: the product of
 * the per-locus LRs. No allocation; about 10 ns per locus.
 *
 * @param prepared - from {@link preparePairwise}
 * @param gA - A's alleles, two per locus (`gA[offsetA + 2l]`, `gA[offsetA + 2l + 1]`), -1 untyped
 * @param gB - B's alleles, same layout
 * @param out - optional per-locus LRs (length >= nLoci)
 * @param offsetA - start of A's profile in `gA` (default 0)
 * @param offsetB - start of B's profile in `gB` (default 0)
 * @returns the product of the per-locus LRs (0 when a locus excludes)
 * @example
 * ```ts
 * // Paternity, one locus with p_A = 0.05, A = B = AA: 20.
 * pairwiseLRBatch(prep, Int32Array.of(0, 0), Int32Array.of(0, 0)); // => 20
 * ```
 */
export function pairwiseLRBatch(
  prepared: PreparedPairwise,
  gA: Int32Array,
  gB: Int32Array,
  out?: Float64Array,
  offsetA = 0,
  offsetB = 0,
): number {
  const { nLoci, frequencies: f, freqOffsets: fo, relation } = prepared;
  let product = 1;
  if (relation.kind === 'ibd') {
    const [k0, k1, k2] = relation.k;
    const [h1, q1, h2] = [k1 / 2, k1 / 4, k2 / 2];
    const inv = prepared.reciprocals;
    for (let l = 0; l < nLoci; l++) {
      const i = offsetA + 2 * l;
      const j = offsetB + 2 * l;
      const lr = _ibdKernel(
        k0,
        h1,
        q1,
        k2,
        h2,
        gA[i]!,
        gA[i + 1]!,
        gB[j]!,
        gB[j + 1]!,
        inv,
        fo[l]!,
      );
      if (out !== undefined) out[l] = lr;
      product *= lr;
    }
    return product;
  }
  const { sizes, matOffsets: mo, t1, t2, r1, r2, c1, c2 } = prepared;
  for (let l = 0; l < nLoci; l++) {
    const a1 = gA[offsetA + 2 * l]!;
    const a2 = gA[offsetA + 2 * l + 1]!;
    const b1 = gB[offsetB + 2 * l]!;
    const b2 = gB[offsetB + 2 * l + 1]!;
    const off = fo[l]!;
    const joint = _lineageKernel(a1, a2, b1, b2, sizes[l]!, t1, t2, mo[l]!, r1, r2, c1, c2, off);
    const lr = joint / (_hardyWeinberg(a1, a2, f, off) * _hardyWeinberg(b1, b2, f, off));
    if (out !== undefined) out[l] = lr;
    product *= lr;
  }
  return product;
}

/**
 * One A against many B profiles: `out[c]` = pairwise LR of A and candidate c, whose profile
 * starts at `c · 2 · nLoci` in `gBs`.
 *
 * @param prepared - from {@link preparePairwise}
 * @param gA - A's encoded profile
 * @param gBs - the candidates' encoded profiles, back to back
 * @param out - receives one LR per candidate (length >= gBs.length / (2·nLoci))
 * @returns `out`
 * @example
 * ```ts
 * pairwiseLRMany(prep, Int32Array.of(0, 0), Int32Array.of(0, 0, 1, 1), new Float64Array(2)); // => Float64Array [20, 0]
 * ```
 */
export function pairwiseLRMany(
  prepared: PreparedPairwise,
  gA: Int32Array,
  gBs: Int32Array,
  out: Float64Array,
): Float64Array {
  const stride = 2 * prepared.nLoci;
  const count = stride === 0 ? 0 : Math.floor(gBs.length / stride);
  for (let c = 0; c < count; c++)
    out[c] = pairwiseLRBatch(prepared, gA, gBs, undefined, 0, c * stride);
  return out;
}

/**
 * Encode a profile (locus name → two allele labels) for {@link pairwiseLRBatch}: two indices per
 * locus of `prepared`, -1, -1 where the locus is absent from the profile.
 *
 * @param prepared - from {@link preparePairwise}
 * @param profile - genotypes by locus name
 * @param who - the person's id, for messages
 * @returns Int32Array of length 2·nLoci
 * @throws KindredError `UNSEEN_ALLELE` for a label not in the locus, `INVALID_GENOTYPE` for a
 *   genotype that is not two labels
 * @example
 * ```ts
 * encodePairwiseProfile(prep, new Map([['S01', ['14', '16']]]), 'A'); // => Int32Array [0, 2]
 * ```
 */
export function encodePairwiseProfile(
  prepared: PreparedPairwise,
  profile: ReadonlyMap<string, readonly string[]>,
  who = 'profile',
): Int32Array {
  const out = new Int32Array(2 * prepared.nLoci).fill(-1);
  prepared.names.forEach((name, l) => {
    const g = profile.get(name);
    if (g === undefined) return;
    if (g.length !== 2) {
      throw new KindredError(
        'INVALID_GENOTYPE',
        `${who} at locus "${name}" has ${g.length} alleles; autosomal genotypes have two`,
        { path: [who, name] },
      );
    }
    g.forEach((label, i) => {
      const index = prepared.alleleIndex[l]!.get(label);
      if (index === undefined) {
        throw new KindredError(
          'UNSEEN_ALLELE',
          `${who} at locus "${name}" has allele "${label}", not in the locus`,
          {
            path: [who, name, i],
          },
        );
      }
      out[2 * l + i] = index;
    });
  });
  return out;
}

/**
 * Pairwise LR at one locus.
 *
 * - `pairwiseLocusLR('ibd', k, gA, gB, freqs)`: `k0 + k1·X1 + k2·X2`, no mutation.
 * - `pairwiseLocusLR('lineage', relation, gA, gB, freqs, matrices)`: with mutation (matrices as
 *   from `buildMatrices`).
 *
 * @returns the LR against "unrelated"
 * @throws KindredError `INVALID_ARGUMENT` for bad k, genotypes or matrix sizes
 * @example
 * ```ts
 * pairwiseLocusLR('ibd', [0.25, 0.5, 0.25], [0, 1], [0, 1], new Float64Array([0.1, 0.2, 0.7])); // => 8.5
 * ```
 */
export function pairwiseLocusLR(
  kind: 'ibd',
  k: IBDCoefficients,
  gA: GenotypePair,
  gB: GenotypePair,
  freqs: Float64Array,
): number;
export function pairwiseLocusLR(
  kind: 'lineage',
  relation: LineageRelation,
  gA: GenotypePair,
  gB: GenotypePair,
  freqs: Float64Array,
  matrices: { readonly male: Float64Array | null; readonly female: Float64Array | null },
): number;
export function pairwiseLocusLR(
  kind: 'ibd' | 'lineage',
  params: IBDCoefficients | LineageRelation,
  gA: GenotypePair,
  gB: GenotypePair,
  freqs: Float64Array,
  matrices?: { readonly male: Float64Array | null; readonly female: Float64Array | null },
): number {
  if (kind === 'ibd') return ibdLocusLR(params as IBDCoefficients, gA, gB, freqs);
  return lineageLocusLR(
    params as LineageRelation,
    gA,
    gB,
    freqs,
    matrices ?? { male: null, female: null },
  );
}
