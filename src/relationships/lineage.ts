/**
 * Two-lineage tables for pairwise relationships with mutation (autosomal, theta = 0).
 *
 * For parent–child, full and half siblings and grandparent–grandchild, A's two alleles come from
 * two independent lineages, and each of B's alleles belongs to one of them. With `T1[a][b]`,
 * `T2[a][b]` the joint laws of (A's allele, B's allele) along the two lineages,
 *
 *   P(gA, gB) = Σ_{(a,a') ∈ ord(gA)} Σ_{(b,b') ∈ ord(gB)} T1[a][b] · T2[a'][b'],
 *
 * with `ord(g)` the distinct orderings of g. Untyped parents transmit `q_s = p·M_s` (mutation also
 * in their meioses). With `S_s[a][b] = Σ_x p_x M_s[x][a] M_s[x][b]` (two children of one parent
 * receiving copies of the same parental allele):
 *
 * | relation | T1 | T2 |
 * |---|---|---|
 * | parent–child, A of sex s | `p_a M_s[a][b]` | `p_a q_{s̄}(b)` |
 * | full siblings | `½ S_male + ½ q_male q_maleᵀ` | the same with `female` |
 * | half siblings, shared parent of sex s | `½ S_s + ½ q_s q_sᵀ` | `q_{s̄} q_{s̄}ᵀ` |
 * | grandparent A of sex s, via B's parent of sex t | `p_a (½ (M_s M_t)[a][b] + ½ (q_{s̄} M_t)(b))` | `p_a q_{t̄}(b)` |
 *
 * Without mutation these reduce to the IBD formula with k = (0,1,0), (¼,½,¼), (½,½,0), (½,½,0).
 *
 * @module
 */
import type { Line } from '../pedigree/builders.js';
import type { Sex } from '../pedigree/pedigree.js';

/** A relationship the two-lineage kernel handles with mutation (A is the parent/grandparent). */
export type LineageRelation =
  | { readonly relation: 'parentChild'; readonly sexA: Sex }
  | { readonly relation: 'fullSiblings' }
  | { readonly relation: 'halfSiblings'; readonly line: Line }
  | { readonly relation: 'grandparent'; readonly sexA: Sex; readonly line: Line };

/** The two n×n lineage tables of a locus (row-major, each summing to Σp ≈ 1). */
export interface LineageTables {
  readonly t1: Float64Array;
  readonly t2: Float64Array;
}

type M = Float64Array | null;

/** p·M (p itself for no mutation). */
function _transmit(p: ArrayLike<number>, m: M, n: number): Float64Array {
  const q = new Float64Array(n);
  for (let x = 0; x < n; x++) {
    if (m === null) q[x]! += p[x]!;
    else for (let j = 0; j < n; j++) q[j]! += p[x]! * m[x * n + j]!;
  }
  return q;
}

/** A·B for row-major n×n matrices, null meaning identity. */
function _product(a: M, b: M, n: number): M {
  if (a === null) return b;
  if (b === null) return a;
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const aik = a[i * n + k]!;
      if (aik !== 0) for (let j = 0; j < n; j++) c[i * n + j]! += aik * b[k * n + j]!;
    }
  }
  return c;
}

/** Joint law of the alleles two children receive from one untyped founder parent. */
function _siblingPair(p: ArrayLike<number>, m: M, n: number): Float64Array {
  const q = _transmit(p, m, n);
  const t = new Float64Array(n * n);
  for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) t[a * n + b] = 0.5 * q[a]! * q[b]!;
  for (let x = 0; x < n; x++) {
    const w = 0.5 * p[x]!;
    if (m === null) {
      t[x * n + x]! += w;
      continue;
    }
    for (let a = 0; a < n; a++) {
      const wa = w * m[x * n + a]!;
      if (wa !== 0) for (let b = 0; b < n; b++) t[a * n + b]! += wa * m[x * n + b]!;
    }
  }
  return t;
}

/** `T[a][b] = p_a · k[a][b]` (k null: identity) or `p_a · v[b]`. */
function _founderRows(p: ArrayLike<number>, n: number, k: M, v?: Float64Array): Float64Array {
  const t = new Float64Array(n * n);
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      const x = v !== undefined ? v[b]! : k === null ? (a === b ? 1 : 0) : k[a * n + b]!;
      t[a * n + b] = p[a]! * x;
    }
  }
  return t;
}

/**
 * The two lineage tables of a relation at one locus.
 *
 * @param relation - which relationship (A is the parent or grandparent where it matters)
 * @param frequencies - the n allele frequencies
 * @param male - fathers' transmission matrix (row-major n*n) or null for none
 * @param female - mothers' transmission matrix or null
 * @returns `{t1, t2}`
 * @example
 * ```ts
 * // Parent–child without mutation, p = (0.5, 0.5): T1 = diag(p), T2 = p pᵀ.
 * lineageTables({ relation: 'parentChild', sexA: 'male' }, [0.5, 0.5], null, null).t1; // => Float64Array [0.5, 0, 0, 0.5]
 * ```
 */
export function lineageTables(
  relation: LineageRelation,
  frequencies: ArrayLike<number>,
  male: M,
  female: M,
): LineageTables {
  const n = frequencies.length;
  const p = frequencies;
  const of = (sex: Sex): M => (sex === 'male' ? male : female);
  const opposite = (sex: Sex): Sex => (sex === 'male' ? 'female' : 'male');
  const outer = (u: Float64Array, v: Float64Array): Float64Array => {
    const t = new Float64Array(n * n);
    for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) t[a * n + b] = u[a]! * v[b]!;
    return t;
  };
  switch (relation.relation) {
    case 'parentChild':
      return {
        t1: _founderRows(p, n, of(relation.sexA)),
        t2: _founderRows(p, n, null, _transmit(p, of(opposite(relation.sexA)), n)),
      };
    case 'fullSiblings':
      return { t1: _siblingPair(p, male, n), t2: _siblingPair(p, female, n) };
    case 'halfSiblings': {
      const shared: Sex = relation.line === 'paternal' ? 'male' : 'female';
      const q = _transmit(p, of(opposite(shared)), n);
      return { t1: _siblingPair(p, of(shared), n), t2: outer(q, q) };
    }
    case 'grandparent': {
      const mid: Sex = relation.line === 'paternal' ? 'male' : 'female';
      const mA = of(relation.sexA);
      const mMid = of(mid);
      const fromA = _product(mA, mMid, n);
      const fromPartner = _transmit(_transmit(p, of(opposite(relation.sexA)), n), mMid, n);
      const k = new Float64Array(n * n);
      for (let a = 0; a < n; a++) {
        for (let b = 0; b < n; b++) {
          const direct = fromA === null ? (a === b ? 1 : 0) : fromA[a * n + b]!;
          k[a * n + b] = 0.5 * direct + 0.5 * fromPartner[b]!;
        }
      }
      return {
        t1: _founderRows(p, n, k),
        t2: _founderRows(p, n, null, _transmit(p, of(opposite(mid)), n)),
      };
    }
  }
}
