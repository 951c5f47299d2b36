/**
 * Padding a prepared locus with alleles of frequency 0, so that every locus of a family has the
 * same allele count and the engine's compiled elimination plans (cached by pedigree structure,
 * typing pattern and allele count) are shared across loci and across families of one shape.
 *
 * Exactness: a padding allele has founder probability 0 and no real allele mutates into it
 * (its matrix column is 0 for real alleles; its own row is the identity), so every term of the
 * likelihood in which some allele variable takes a padding value is exactly 0, and the sums over
 * the real alleles are unchanged. Lumped-allele indices are kept: real alleles keep their
 * indices `0..p.nAlleles-1`, padding alleles come after them.
 *
 * @module
 */
import type { PreparedLocus } from '../likelihood/prepare-locus.js';

const padCache = new WeakMap<PreparedLocus, Map<number, PreparedLocus>>();

/**
 * The prepared locus with `n - p.nAlleles` padding alleles appended (p itself when it already
 * has at least `n` alleles). Cached per (p, n).
 *
 * @param p - a prepared locus (usually lumped to a family's alleles)
 * @param n - the allele count wanted
 * @returns a prepared locus with `max(n, p.nAlleles)` alleles and the same `alleleIndex`
 * @example
 * ```ts
 * const q = padPreparedLocus(p, 7); // p: 4 alleles (3 kept + rest), frequencies [.1, .2, .3, .4]
 * [...q.frequencies]; // => [0.1, 0.2, 0.3, 0.4, 0, 0, 0]
 * ```
 */
export function padPreparedLocus(p: PreparedLocus, n: number): PreparedLocus {
  if (n <= p.nAlleles) return p;
  let byN = padCache.get(p);
  if (byN === undefined) {
    byN = new Map();
    padCache.set(p, byN);
  }
  let q = byN.get(n);
  if (q === undefined) {
    const frequencies = new Float64Array(n);
    frequencies.set(p.frequencies);
    const male = _padMatrix(p.maleMatrix, p.nAlleles, n);
    q = {
      locus: p.locus,
      nAlleles: n,
      frequencies,
      maleMatrix: male,
      femaleMatrix:
        p.femaleMatrix === p.maleMatrix ? male : _padMatrix(p.femaleMatrix, p.nAlleles, n),
      alleleIndex: p.alleleIndex,
      lumped: p.lumped,
      silentIndex: p.silentIndex,
    };
    byN.set(n, q);
  }
  return q;
}

function _padMatrix(m: Float64Array | null, k: number, n: number): Float64Array | null {
  if (m === null) return null;
  const out = new Float64Array(n * n);
  for (let i = 0; i < k; i++) out.set(m.subarray(i * k, i * k + k), i * n);
  for (let i = k; i < n; i++) out[i * n + i] = 1;
  return out;
}
