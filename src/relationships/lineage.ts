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
import { KindredError } from '../errors.js';
import type { Line } from '../pedigree/builders.js';
import type { Sex } from '../pedigree/pedigree.js';
import { _hardyWeinberg, type GenotypePair } from './ibd.js';

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

/** Row sums (A's marginal) and column sums (B's marginal) of the two lineage tables. */
export function _marginals(
  tables: LineageTables,
  n: number,
): { r1: Float64Array; r2: Float64Array; c1: Float64Array; c2: Float64Array } {
  const [r1, r2, c1, c2] = [0, 0, 0, 0].map(() => new Float64Array(n)) as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      r1[a]! += tables.t1[a * n + b]!;
      r2[a]! += tables.t2[a * n + b]!;
      c1[b]! += tables.t1[a * n + b]!;
      c2[b]! += tables.t2[a * n + b]!;
    }
  }
  return { r1, r2, c1, c2 };
}

/**
 * Pairwise LR at one locus with mutation for a lineage relation:
 * `LR = P(gA, gB) / (P(gA)·P(gB))` with P(gA, gB) the two-lineage sum above and P(g) the
 * Hardy–Weinberg probabilities (A and B unrelated founders). An untyped side uses the marginal.
 *
 * @param relation - the relation (A is the parent or grandparent where it matters)
 * @param gA - A's genotype (`[-1, -1]` untyped)
 * @param gB - B's genotype (`[-1, -1]` untyped)
 * @param frequencies - the n allele frequencies
 * @param matrices - `{male, female}` transmission matrices (null: no mutation)
 * @returns the LR against "unrelated"
 * @throws KindredError `INVALID_ARGUMENT` for allele indices out of range
 * @example
 * ```ts
 * // Full siblings without mutation, ab/ab with p = (0.1, 0.2, 0.7): (1 + .1 + .2 + .04)/(8·.02).
 * lineageLocusLR({ relation: 'fullSiblings' }, [0, 1], [0, 1], [0.1, 0.2, 0.7], { male: null, female: null }); // => 8.375
 * ```
 */
export function lineageLocusLR(
  relation: LineageRelation,
  gA: GenotypePair,
  gB: GenotypePair,
  frequencies: ArrayLike<number>,
  matrices: { readonly male: Float64Array | null; readonly female: Float64Array | null },
): number {
  const n = frequencies.length;
  for (const g of [gA, gB]) {
    if (g[0] >= 0 && !g.every((a) => Number.isInteger(a) && a >= 0 && a < n)) {
      throw new KindredError(
        'INVALID_ARGUMENT',
        `Genotype [${g.join(', ')}] has an allele index outside 0..${n - 1}`,
      );
    }
  }
  const t = lineageTables(relation, frequencies, matrices.male, matrices.female);
  const { r1, r2, c1, c2 } = _marginals(t, n);
  const joint = _lineageKernel(gA[0], gA[1], gB[0], gB[1], n, t.t1, t.t2, 0, r1, r2, c1, c2, 0);
  const f = Float64Array.from(frequencies);
  return joint / (_hardyWeinberg(gA[0], gA[1], f, 0) * _hardyWeinberg(gB[0], gB[1], f, 0));
}

/**
 * The two-lineage kernel: `P(gA, gB) = Σ_{(a,a')∈ord(gA)} Σ_{(b,b')∈ord(gB)} T1[a][b]·T2[a'][b']`
 * where `ord(g)` is the set of distinct orderings of g (one for a homozygote, two otherwise) and
 * T1, T2 are the joint laws (n×n, each summing to 1) of A's and B's alleles along two independent
 * lineages. Untyped A: column sums instead (`c1[b]·c2[b']`); untyped B: row sums. Returns the
 * joint probability, not an LR; pass row/column sums in `r1, r2, c1, c2` (offset `voff`).
 */
export function _lineageKernel(
  a1: number,
  a2: number,
  b1: number,
  b2: number,
  n: number,
  t1: Float64Array,
  t2: Float64Array,
  moff: number,
  r1: Float64Array,
  r2: Float64Array,
  c1: Float64Array,
  c2: Float64Array,
  voff: number,
): number {
  if (a1 < 0 && b1 < 0) return 1;
  if (a1 < 0) {
    const v = c1[voff + b1]! * c2[voff + b2]!;
    return b1 === b2 ? v : v + c1[voff + b2]! * c2[voff + b1]!;
  }
  if (b1 < 0) {
    const v = r1[voff + a1]! * r2[voff + a2]!;
    return a1 === a2 ? v : v + r1[voff + a2]! * r2[voff + a1]!;
  }
  const x11 = moff + a1 * n + b1;
  const x22 = moff + a2 * n + b2;
  let s = t1[x11]! * t2[x22]!;
  if (b1 !== b2) s += t1[moff + a1 * n + b2]! * t2[moff + a2 * n + b1]!;
  if (a1 !== a2) {
    s += t1[moff + a2 * n + b2]! * t2[moff + a1 * n + b1]!;
    if (b1 !== b2) s += t1[moff + a2 * n + b1]! * t2[moff + a1 * n + b2]!;
  }
  return s;
}
