/**
 * Properties of a mutation matrix against a frequency vector: stationarity, the expected
 * mutation rate, and row sums.
 *
 * @module
 */
import { KindredError } from '../errors.js';

function _size(matrix: Float64Array, frequencies: ArrayLike<number>): number {
  const n = frequencies.length;
  if (n === 0 || matrix.length !== n * n) {
    throw new KindredError(
      'INVALID_ARGUMENT',
      `A ${n}-allele frequency vector needs an ${n}x${n} matrix (${n * n} entries), got ${matrix.length} entries`,
    );
  }
  return n;
}

/**
 * True when `p·M = p` (the allele distribution does not change over a generation), component by
 * component within `tolerance` relative to `p_j`.
 *
 * Proportional matrices are stationary for a frequency vector that sums to exactly 1; for a table
 * that sums to 1 only within 1e-5 they are off by `k·(1 - Σp)` relative, so pass a looser tolerance.
 *
 * @param matrix - row-major n*n transmission matrix
 * @param frequencies - the n allele frequencies
 * @param tolerance - relative tolerance per component (default 1e-12)
 * @returns whether `|Σ_i p_i M[i][j] - p_j| <= tolerance·p_j` for every j
 * @throws KindredError `INVALID_ARGUMENT` when the sizes do not match
 * @example
 * ```ts
 * isStationary(new Float64Array([0.9, 0.1, 0.1, 0.9]), [0.5, 0.5]); // => true
 * isStationary(new Float64Array([0.9, 0.1, 0.1, 0.9]), [0.2, 0.8]); // => false
 * ```
 */
export function isStationary(
  matrix: Float64Array,
  frequencies: ArrayLike<number>,
  tolerance = 1e-12,
): boolean {
  const n = _size(matrix, frequencies);
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += frequencies[i]! * matrix[i * n + j]!;
    const pj = frequencies[j]!;
    if (!(Math.abs(s - pj) <= tolerance * Math.abs(pj))) return false;
  }
  return true;
}

/**
 * The expected mutation rate `Σ_i p_i (1 - M[i][i])`: the probability that a transmitted allele
 * of a random founder differs from the parental allele. Equals `rate` for `proportional`.
 *
 * @param matrix - row-major n*n transmission matrix
 * @param frequencies - the n allele frequencies
 * @returns the expected rate
 * @throws KindredError `INVALID_ARGUMENT` when the sizes do not match
 * @example
 * ```ts
 * expectedMutationRate(new Float64Array([0.9, 0.1, 0.3, 0.7]), [0.5, 0.5]); // => 0.2
 * ```
 */
export function expectedMutationRate(matrix: Float64Array, frequencies: ArrayLike<number>): number {
  const n = _size(matrix, frequencies);
  let r = 0;
  for (let i = 0; i < n; i++) r += frequencies[i]! * (1 - matrix[i * n + i]!);
  return r;
}

/**
 * The row sums of a row-major n*n matrix (each should be 1 for a transmission matrix).
 *
 * @param matrix - row-major n*n matrix
 * @param n - the dimension
 * @returns Float64Array of the n row sums
 * @throws KindredError `INVALID_ARGUMENT` when `matrix.length !== n*n`
 * @example
 * ```ts
 * rowSums(new Float64Array([0.9, 0.1, 0.3, 0.7]), 2); // => Float64Array [1, 1]
 * ```
 */
export function rowSums(matrix: Float64Array, n: number): Float64Array {
  if (matrix.length !== n * n) {
    throw new KindredError(
      'INVALID_ARGUMENT',
      `rowSums: ${matrix.length} entries is not ${n}x${n}`,
    );
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += matrix[i * n + j]!;
    out[i] = s;
  }
  return out;
}
