/**
 * Indexing of monomials π^c (count vectors c over allele types) for the polynomial tables of the
 * theta engine. The monomials of degree d over n types are numbered 0..C(n+d−1, d)−1 in colex
 * order of their sorted multisets: the multiset x_0 ≤ … ≤ x_{d−1} maps to the strictly
 * increasing y_i = x_i + i, and its index is Σ_i C(y_i, i+1) (combinatorial number system).
 *
 * @module
 */

/** Monomial index tables for a fixed number of allele types (internal to the theta engine). */
export interface _MonomialSpace {
  /** Number of allele types. */
  readonly nTypes: number;
  /** Number of monomials of degree d: C(nTypes + d − 1, d). */
  size(d: number): number;
  /** Count vectors of degree d, `size(d)·nTypes` entries: `counts(d)[i·nTypes + a]` = c_a of monomial i. */
  counts(d: number): Uint8Array;
  /** `shift(d)[i·nTypes + a]` = index (in degree d+1) of monomial i of degree d times π_a. */
  shift(d: number): Int32Array;
  /** `add(d1, d2)[i·size(d2) + j]` = index (in degree d1+d2) of the product of monomials i and j. */
  add(d1: number, d2: number): Int32Array;
}

/**
 * Number of monomials of degree d in n variables, C(n + d − 1, d).
 *
 * @param nTypes - number of allele types (variables), at least 1
 * @param degree - total degree, at least 0
 * @returns the count, exact while below 2^53
 * @example
 * ```ts
 * _monomialCount(3, 2); // => 6
 * ```
 */
export function _monomialCount(nTypes: number, degree: number): number {
  let r = 1;
  for (let i = 1; i <= degree; i++) r = (r * (nTypes - 1 + i)) / i;
  return Math.round(r);
}

const _spaces = new Map<number, { readonly maxDegree: number; readonly space: _MonomialSpace }>();
const _MAX_CACHED_SPACES = 64;

/**
 * The (lazily filled) monomial tables for `nTypes` allele types, shared between calls: the tables
 * depend only on `nTypes` (a space built for a higher degree serves every lower one), so loci
 * with the same number of types reuse them.
 *
 * @param nTypes - number of allele types, at least 1
 * @param maxDegree - highest degree that will be asked for
 * @returns the index tables
 * @example
 * ```ts
 * const s = _createMonomialSpace(2, 2);
 * s.shift(1)[0 * 2 + 1]; // => 1  (π_0 · π_1 is monomial 1 of degree 2: [π_0², π_0π_1, π_1²])
 * ```
 */
export function _createMonomialSpace(nTypes: number, maxDegree: number): _MonomialSpace {
  const hit = _spaces.get(nTypes);
  if (hit !== undefined && hit.maxDegree >= maxDegree) return hit.space;
  if (_spaces.size >= _MAX_CACHED_SPACES) _spaces.clear();
  const space = _buildMonomialSpace(nTypes, maxDegree);
  _spaces.set(nTypes, { maxDegree, space });
  return space;
}

function _buildMonomialSpace(nTypes: number, maxDegree: number): _MonomialSpace {
  const top = nTypes + maxDegree;
  const binom: Float64Array[] = [];
  for (let y = 0; y <= top; y++) {
    const row = new Float64Array(maxDegree + 2);
    for (let k = 0; k <= maxDegree + 1; k++) {
      row[k] = k === 0 ? 1 : y === 0 ? 0 : binom[y - 1]![k - 1]! + binom[y - 1]![k]!;
    }
    binom.push(row);
  }
  const countsCache = new Map<number, Uint8Array>();
  const shiftCache = new Map<number, Int32Array>();
  const addCache = new Map<number, Int32Array>();

  const rank = (c: Uint8Array, offset: number): number => {
    let r = 0;
    let i = 0;
    for (let a = 0; a < nTypes; a++) {
      for (let k = c[offset + a]!; k > 0; k--, i++) r += binom[a + i]![i + 1]!;
    }
    return r;
  };
  const size = (d: number): number => _monomialCount(nTypes, d);
  const counts = (d: number): Uint8Array => {
    const hit = countsCache.get(d);
    if (hit !== undefined) return hit;
    const out = new Uint8Array(size(d) * nTypes);
    const c = new Uint8Array(nTypes);
    const fill = (a: number, left: number): void => {
      if (a === nTypes - 1) {
        c[a] = left;
        out.set(c, rank(c, 0) * nTypes);
        return;
      }
      for (let k = left; k >= 0; k--) {
        c[a] = k;
        fill(a + 1, left - k);
      }
    };
    fill(0, d);
    countsCache.set(d, out);
    return out;
  };
  const shift = (d: number): Int32Array => {
    const hit = shiftCache.get(d);
    if (hit !== undefined) return hit;
    const src = counts(d);
    const out = new Int32Array(size(d) * nTypes);
    const c = new Uint8Array(nTypes);
    const sd = size(d);
    for (let i = 0; i < sd; i++) {
      for (let b = 0; b < nTypes; b++) c[b] = src[i * nTypes + b]!;
      for (let a = 0; a < nTypes; a++) {
        c[a] = c[a]! + 1;
        out[i * nTypes + a] = rank(c, 0);
        c[a] = c[a]! - 1;
      }
    }
    shiftCache.set(d, out);
    return out;
  };
  const add = (d1: number, d2: number): Int32Array => {
    const key = d1 * 65536 + d2;
    const hit = addCache.get(key);
    if (hit !== undefined) return hit;
    const s1 = size(d1);
    const s2 = size(d2);
    const out = new Int32Array(s1 * s2);
    // Multiply monomial i by the factors π_a of monomial j one at a time (shift tables).
    const c2 = counts(d2);
    const shifts = Array.from({ length: d2 }, (_, k) => shift(d1 + k));
    const factors = new Int32Array(d2);
    for (let j = 0; j < s2; j++) {
      let k = 0;
      for (let a = 0; a < nTypes; a++)
        for (let r = c2[j * nTypes + a]!; r > 0; r--) factors[k++] = a;
      for (let i = 0; i < s1; i++) {
        let idx = i;
        for (k = 0; k < d2; k++) idx = shifts[k]![idx * nTypes + factors[k]!]!;
        out[i * s2 + j] = idx;
      }
    }
    addCache.set(key, out);
    return out;
  };
  return { nTypes, size, counts, shift, add };
}
