/**
 * Allele lumping: merge the alleles that no typed person carries into one "rest" allele when
 * that leaves every pedigree likelihood unchanged.
 *
 * Exactness. Let the partition be {each kept allele alone} ∪ {rest}, and V the n×m indicator
 * matrix of it (V[i][B] = 1 when allele i is in block B). The chain M is *strongly lumpable*
 * (Kemeny & Snell 1960, *Finite Markov Chains*, §6.3) when `M V = V L` for some m×m matrix L,
 * i.e. for every block B' the sum `Σ_{j∈B'} M[i][j]` is the same for all alleles i of a block.
 * Kept blocks are singletons, so only the rows of the rest block are constrained. Then the block
 * of every transmitted allele depends on the parental allele only through its block, for any
 * starting distribution: founder alleles drawn from p (block probability Σ_{B} p, also with theta)
 * and transmitted through any chain of meioses keep the same joint law of blocks. With mutation an
 * untyped founder transmits `p·M`, whose rest-block mass is `Σ_{i∈rest} p_i L[rest][·]` exactly
 * when the condition holds, so the condition is also necessary for exactness in general.
 *
 * @module
 */
import { KindredError } from '../errors.js';

/**
 * Relative tolerance for equal block sums. Entries are non-negative, so a block sum computed in
 * floating point is within `n·ε ≈ n·1.1e-16` relative of its exact value; 1e-12 absorbs that
 * for any realistic n while staying 1000× below the 1e-9 agreement the likelihoods need. A real
 * model difference below it changes a likelihood by at most that relative amount per meiosis.
 */
export const LUMPING_TOLERANCE = 1e-12;

/** A lumped model: kept alleles first (in `keep` order), then the rest allele (if any). */
export interface LumpedModel {
  /** Row-major m*m lumped matrix. */
  readonly matrix: Float64Array;
  /** Lumped frequencies: kept p, then Σ p over the rest (summed in allele order). */
  readonly frequencies: Float64Array;
  /** Original allele index → lumped index (the rest allele is `keep.length`). */
  readonly map: Int32Array;
}

/** Lumped male and female matrices sharing one partition. */
export interface LumpedMatrices {
  readonly male: Float64Array | null;
  readonly female: Float64Array | null;
  readonly frequencies: Float64Array;
  readonly map: Int32Array;
  /** Number of alleles after lumping. */
  readonly nAlleles: number;
}

function _partition(n: number, keep: readonly number[]): Int32Array {
  const map = new Int32Array(n).fill(-1);
  keep.forEach((a, k) => {
    if (!Number.isInteger(a) || a < 0 || a >= n || map[a] !== -1) {
      throw new KindredError(
        'INVALID_ARGUMENT',
        `lumping: kept allele index ${a} is out of range 0..${n - 1} or repeated`,
      );
    }
    map[a] = k;
  });
  for (let i = 0; i < n; i++) if (map[i] === -1) map[i] = keep.length;
  return map;
}

function _close(x: number, y: number): boolean {
  return Math.abs(x - y) <= LUMPING_TOLERANCE * Math.max(Math.abs(x), Math.abs(y));
}

/**
 * Lump the alleles not in `keep` into one rest allele, if that is exact for `matrix`.
 *
 * Condition (strong lumpability): all rest rows have equal entries in every kept column and
 * equal sums over the rest columns (relative tolerance {@link LUMPING_TOLERANCE}). The lumped
 * row of the rest block is the p-weighted mean of its rows (equal to each of them within the
 * tolerance; the mean is exactly what an untyped founder in the rest block transmits).
 *
 * @param matrix - row-major n*n transmission matrix
 * @param n - number of alleles
 * @param keep - indices of alleles to keep separately (distinct); the rest are merged
 * @param frequencies - the n allele frequencies
 * @returns the lumped model, or `null` when the partition is not lumpable for this matrix
 * @throws KindredError `INVALID_ARGUMENT` for sizes that do not match or bad `keep` indices
 * @example
 * ```ts
 * const m = buildMutationMatrix({ model: 'equal', rate: 0.03 }, ['1', '2', '3', '4'], [0.1, 0.2, 0.3, 0.4]);
 * const l = lumpMatrix(m, 4, [0, 1], [0.1, 0.2, 0.3, 0.4])!;
 * l.frequencies; // => Float64Array [0.1, 0.2, 0.7]
 * l.matrix[2 * 3 + 2]; // => 0.98 (stays in the rest: 0.97 + 0.01)
 * ```
 */
export function lumpMatrix(
  matrix: Float64Array,
  n: number,
  keep: readonly number[],
  frequencies: ArrayLike<number>,
): LumpedModel | null {
  if (matrix.length !== n * n || frequencies.length !== n) {
    throw new KindredError(
      'INVALID_ARGUMENT',
      `lumping: ${n} alleles need ${n * n} matrix entries and ${n} frequencies, got ${matrix.length} and ${frequencies.length}`,
    );
  }
  const map = _partition(n, keep);
  const K = keep.length;
  const m = K < n ? K + 1 : K;
  const freqs = new Float64Array(m);
  for (let i = 0; i < n; i++) freqs[map[i]!]! += frequencies[i]!;
  const rows = new Float64Array(m * m);
  // Block sums of each original row, compared among the rest rows.
  const sums = new Float64Array(m);
  let first = true;
  const ref = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    const bi = map[i]!;
    sums.fill(0);
    for (let j = 0; j < n; j++) sums[map[j]!]! += matrix[i * n + j]!;
    if (bi < K) {
      rows.set(sums, bi * m);
      continue;
    }
    if (first) {
      ref.set(sums);
      first = false;
    } else {
      for (let b = 0; b < m; b++) if (!_close(sums[b]!, ref[b]!)) return null;
    }
    // p-weighted mean of the rest rows (uniform if the rest has no mass, so never 0/0).
    const w = freqs[K]! > 0 ? frequencies[i]! / freqs[K]! : 1 / (n - K);
    for (let b = 0; b < m; b++) rows[K * m + b]! += w * sums[b]!;
  }
  return { matrix: rows, frequencies: freqs, map };
}

/**
 * Lump a locus's male and female matrices with one partition: exact only when BOTH are lumpable
 * (a `null` matrix, no mutation, always is). pedmut 0.9.1 accepts a pair when either one is; that
 * is wrong for an untyped parent of the other sex, and Kindred does not copy it.
 *
 * @param matrices - `{male, female}` as built by `buildMatrices` (same array for a plain model)
 * @param n - number of alleles
 * @param keep - indices of alleles to keep separately
 * @param frequencies - the n allele frequencies
 * @returns lumped matrices (the same array twice when male and female were the same), or `null`
 * @throws KindredError `INVALID_ARGUMENT` for sizes that do not match or bad `keep` indices
 * @example
 * ```ts
 * lumpMatrices({ male: null, female: null }, 3, [0], [0.2, 0.3, 0.5])!.frequencies; // => Float64Array [0.2, 0.8]
 * ```
 */
export function lumpMatrices(
  matrices: { readonly male: Float64Array | null; readonly female: Float64Array | null },
  n: number,
  keep: readonly number[],
  frequencies: ArrayLike<number>,
): LumpedMatrices | null {
  const { male, female } = matrices;
  const lm = male === null ? null : lumpMatrix(male, n, keep, frequencies);
  if (male !== null && lm === null) return null;
  const lf =
    female === null ? null : female === male ? lm : lumpMatrix(female, n, keep, frequencies);
  if (female !== null && lf === null) return null;
  const base = lm ?? lf ?? _lumpFrequencies(n, keep, frequencies);
  return {
    male: lm?.matrix ?? null,
    female: lf?.matrix ?? null,
    frequencies: base.frequencies,
    map: base.map,
    nAlleles: base.frequencies.length,
  };
}

function _lumpFrequencies(
  n: number,
  keep: readonly number[],
  frequencies: ArrayLike<number>,
): { frequencies: Float64Array; map: Int32Array } {
  if (frequencies.length !== n) {
    throw new KindredError(
      'INVALID_ARGUMENT',
      `lumping: ${n} alleles but ${frequencies.length} frequencies`,
    );
  }
  const map = _partition(n, keep);
  const freqs = new Float64Array(keep.length < n ? keep.length + 1 : keep.length);
  for (let i = 0; i < n; i++) freqs[map[i]!]! += frequencies[i]!;
  return { frequencies: freqs, map };
}

/**
 * True when {@link lumpMatrix} would lump this partition (strong lumpability within tolerance).
 *
 * @param matrix - row-major n*n transmission matrix
 * @param n - number of alleles
 * @param keep - indices of alleles kept separately
 * @returns whether the rest block can be merged exactly
 * @throws KindredError `INVALID_ARGUMENT` for sizes that do not match or bad `keep` indices
 * @example
 * ```ts
 * isLumpable(new Float64Array([1, 0, 0, 0, 0.5, 0.5, 0, 0.5, 0.5]), 3, [0]); // => true
 * ```
 */
export function isLumpable(matrix: Float64Array, n: number, keep: readonly number[]): boolean {
  return lumpMatrix(matrix, n, keep, new Float64Array(n).fill(1 / n)) !== null;
}
