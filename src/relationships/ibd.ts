/**
 * Closed-form pairwise likelihood ratios at one autosomal locus (theta = 0): the IBD formula for
 * any relationship without mutation, and parent–child with mutation (see `lineage.ts` for full and
 * half siblings and grandparent–grandchild with mutation).
 *
 * Genotypes are allele-index pairs `[a1, a2]` (any order), `[-1, -1]` when untyped.
 *
 * @module
 */
import { KindredError } from '../errors.js';

/** An allele-index pair; `[-1, -1]` for an untyped person. */
export type GenotypePair = readonly [number, number];

/**
 * The IBD ratios X1 = P(gB | gA, 1 allele IBD)/P(gB) and X2 = P(gB | gA, 2 IBD)/P(gB), with
 * P(gB) the Hardy–Weinberg probability (Thompson 1975, doi:10.1111/j.1469-1809.1975.tb00520.x;
 * Weir, Anderson & Hepler 2006, doi:10.1038/nrg1960). Per configuration (a, b, c, d distinct):
 *
 * | A  | B  | X1                   | X2            |
 * |----|----|----------------------|---------------|
 * | aa | aa | 1/p_a                | 1/p_a²        |
 * | aa | ab | 1/(2p_a)             | 0             |
 * | ab | aa | 1/(2p_a)             | 0             |
 * | ab | ab | (p_a+p_b)/(4p_a p_b) | 1/(2p_a p_b)  |
 * | ab | ac | 1/(4p_a)             | 0             |
 * | no shared allele | | 0         | 0             |
 *
 * In one formula: with c_x = copies of allele x in A, for B = xx: X1 = c_x/(2p_x); for B = xy:
 * X1 = c_x/(4p_x) + c_y/(4p_y); X2 = [gA = gB]/P(gB).
 *
 * @param gA - A's genotype (typed)
 * @param gB - B's genotype (typed)
 * @param frequencies - allele frequencies of the locus
 * @returns `[X1, X2]`
 * @throws KindredError `INVALID_ARGUMENT` for an untyped or out-of-range genotype
 * @example
 * ```ts
 * ibdRatios([0, 1], [0, 1], new Float64Array([0.1, 0.2, 0.7])); // => [3.75, 25] (X1 = 0.3/0.08)
 * ```
 */
export function ibdRatios(
  gA: GenotypePair,
  gB: GenotypePair,
  frequencies: ArrayLike<number>,
): [number, number] {
  _checkTyped(gA, frequencies.length, 'A');
  _checkTyped(gB, frequencies.length, 'B');
  const [b1, b2] = gB;
  const cx = (x: number): number => (gA[0] === x ? 1 : 0) + (gA[1] === x ? 1 : 0);
  const p1 = frequencies[b1]!;
  const p2 = frequencies[b2]!;
  const same = (gA[0] === b1 && gA[1] === b2) || (gA[0] === b2 && gA[1] === b1);
  if (b1 === b2) return [cx(b1) / (2 * p1), same ? 1 / (p1 * p1) : 0];
  return [cx(b1) / (4 * p1) + cx(b2) / (4 * p2), same ? 1 / (2 * p1 * p2) : 0];
}

/**
 * Pairwise LR at one locus from IBD coefficients, no mutation, theta 0:
 * `LR = k0 + k1·X1 + k2·X2` (see {@link ibdRatios}). An untyped A or B gives 1.
 *
 * @param k - `[k0, k1, k2]`, non-negative, summing to 1
 * @param gA - A's genotype
 * @param gB - B's genotype
 * @param frequencies - allele frequencies of the locus
 * @returns the LR against "unrelated"
 * @throws KindredError `INVALID_ARGUMENT` for bad `k` or genotype indices out of range
 * @example
 * ```ts
 * // Paternity index of an AA child and AA father, p_A = 0.05: 1/p = 20.
 * ibdLocusLR([0, 1, 0], [0, 0], [0, 0], new Float64Array([0.05, 0.95])); // => 20
 * ```
 */
export function ibdLocusLR(
  k: readonly [number, number, number],
  gA: GenotypePair,
  gB: GenotypePair,
  frequencies: ArrayLike<number>,
): number {
  _checkK(k);
  if (gA[0] < 0 || gB[0] < 0) return 1;
  const [x1, x2] = ibdRatios(gA, gB, frequencies);
  return k[0] + k[1] * x1 + k[2] * x2;
}

/**
 * The IBD LR kernel without checks or allocation, on reciprocal frequencies `inv[off + x] = 1/p_x`
 * and the pre-scaled coefficients `h1 = k1/2`, `q1 = k1/4`, `h2 = k2/2`:
 * B = xx: `k0 + h1·c_x/p_x + k2·[A = xx]/p_x²`; B = xy: `k0 + q1·(c_x/p_x + c_y/p_y) + h2·[A = xy]/(p_x p_y)`.
 * Untyped (negative) genotypes give 1.
 */
export function _ibdKernel(
  k0: number,
  h1: number,
  q1: number,
  k2: number,
  h2: number,
  a1: number,
  a2: number,
  b1: number,
  b2: number,
  inv: Float64Array,
  off: number,
): number {
  if (a1 < 0 || b1 < 0) return 1;
  const r1 = inv[off + b1]!;
  const c1 = (a1 === b1 ? 1 : 0) + (a2 === b1 ? 1 : 0);
  if (b1 === b2) return k0 + h1 * c1 * r1 + (c1 === 2 ? k2 * r1 * r1 : 0);
  const r2 = inv[off + b2]!;
  const c2 = (a1 === b2 ? 1 : 0) + (a2 === b2 ? 1 : 0);
  return k0 + q1 * (c1 * r1 + c2 * r2) + (c1 === 1 && c2 === 1 ? h2 * r1 * r2 : 0);
}

/** Hardy–Weinberg probability of an unordered genotype (1 for untyped). */
export function _hardyWeinberg(a1: number, a2: number, freqs: Float64Array, off: number): number {
  if (a1 < 0) return 1;
  const p = freqs[off + a1]!;
  return a1 === a2 ? p * p : 2 * p * freqs[off + a2]!;
}

function _checkTyped(g: GenotypePair, n: number, who: string): void {
  for (const a of g) {
    if (!Number.isInteger(a) || a < 0 || a >= n) {
      throw new KindredError(
        'INVALID_ARGUMENT',
        `Genotype of ${who} [${g.join(', ')}] has an allele index outside 0..${n - 1}`,
      );
    }
  }
}

/** @throws KindredError `INVALID_ARGUMENT` unless k is three non-negative numbers summing to 1. */
export function _checkK(k: readonly number[]): void {
  const ok =
    k.length === 3 &&
    k.every((x) => typeof x === 'number' && x >= 0 && x <= 1) &&
    Math.abs(k[0]! + k[1]! + k[2]! - 1) <= 1e-12;
  if (!ok) {
    throw new KindredError(
      'INVALID_ARGUMENT',
      `IBD coefficients must be three numbers in [0, 1] summing to 1, got [${k.join(', ')}]`,
    );
  }
}

/**
 * Parent–child LR with mutation at one locus: A is a parent of B, B's other parent is an
 * untyped founder. B gets one allele from A through A's transmission matrix (A transmits j with
 * probability `t(j) = (M_A[a1][j] + M_A[a2][j]) / 2`) and one from the other parent, which is
 * distributed as `q = p·M_O` because mutation applies in that meiosis too. So
 *
 *   P(gB | gA) = t(b1)·q(b2) + t(b2)·q(b1)  (b1 ≠ b2),   t(b)·q(b)  (b1 = b2),
 *   LR = P(gB | gA) / P(gB), with P(gB) the Hardy–Weinberg probability (B a founder under "unrelated").
 *
 * Without mutation (both matrices `null`) this is the paternity index: 1/(2p) for a/b–a/c,
 * 1/p for a/a–a/a, 1/(4p) for a/b–a/c. Untyped A: `t = p·M_A`; untyped B: 1.
 *
 * @param gA - the parent's genotype (`[-1, -1]` untyped)
 * @param gB - the child's genotype (`[-1, -1]` untyped)
 * @param frequencies - allele frequencies of the locus
 * @param parentMatrix - A's transmission matrix (row-major n*n; the male one for a father), or null
 * @param otherMatrix - the other parent's matrix, or null
 * @returns the LR against "unrelated"
 * @throws KindredError `INVALID_ARGUMENT` for genotype indices out of range or matrices of the wrong size
 * @example
 * ```ts
 * // Equal model 0.01 on 4 alleles (off-diagonal 0.01/3), A = 0/1, B = 2/3 shares nothing:
 * // t(2) = t(3) = 0.01/3, q = p = 0.25 each: LR = 2·(0.01/3)·0.25 / (2·0.25·0.25) = 0.04/3.
 * const m = buildMutationMatrix({ model: 'equal', rate: 0.01 }, ['1', '2', '3', '4'], [0.25, 0.25, 0.25, 0.25]);
 * parentChildLocusLR([0, 1], [2, 3], new Float64Array([0.25, 0.25, 0.25, 0.25]), m, null); // => 0.013333333333333334
 * ```
 */
export function parentChildLocusLR(
  gA: GenotypePair,
  gB: GenotypePair,
  frequencies: ArrayLike<number>,
  parentMatrix: Float64Array | null,
  otherMatrix: Float64Array | null,
): number {
  const n = frequencies.length;
  for (const m of [parentMatrix, otherMatrix]) {
    if (m !== null && m.length !== n * n) {
      throw new KindredError(
        'INVALID_ARGUMENT',
        `A ${n}-allele locus needs ${n * n} matrix entries, got ${m.length}`,
      );
    }
  }
  if (gB[0] < 0) return 1;
  _checkTyped(gB, n, 'B');
  if (gA[0] >= 0) _checkTyped(gA, n, 'A');
  // Column j of p·M (or p_j itself for no mutation).
  const founderTransmits = (m: Float64Array | null, j: number): number => {
    if (m === null) return frequencies[j]!;
    let s = 0;
    for (let x = 0; x < n; x++) s += frequencies[x]! * m[x * n + j]!;
    return s;
  };
  const t = (j: number): number => {
    if (gA[0] < 0) return founderTransmits(parentMatrix, j);
    if (parentMatrix === null) return ((gA[0] === j ? 1 : 0) + (gA[1] === j ? 1 : 0)) / 2;
    return (parentMatrix[gA[0] * n + j]! + parentMatrix[gA[1] * n + j]!) / 2;
  };
  const [b1, b2] = gB;
  const p1 = frequencies[b1]!;
  if (b1 === b2) return (t(b1) * founderTransmits(otherMatrix, b1)) / (p1 * p1);
  const p2 = frequencies[b2]!;
  const joint =
    t(b1) * founderTransmits(otherMatrix, b2) + t(b2) * founderTransmits(otherMatrix, b1);
  return joint / (2 * p1 * p2);
}
