/**
 * Genotype tables of a missing person: P(family data, placed victims, G_m = (x, y)) at one
 * locus, for every ordered genotype (x, y) of missing person m at once. One variable
 * elimination then scores every candidate victim for m by a table lookup:
 *
 *   LR_locus(v on m | placements S) = P(data, S, G_m = g_v) / (L(family) · Π_{u ∈ S} L(u) · L(v))
 *
 * which is exactly the direct ratio of two pedigree likelihoods (theta = 0), computed once per
 * missing person and locus instead of once per victim.
 *
 * @module
 */
import {
  computeJointWithPerson,
  type JointGenotypeTable,
} from '../likelihood/genotype-distribution.js';
import { encodeGenotypes, type PreparedLocus, prepareLocus } from '../likelihood/prepare-locus.js';
import type { LocusProblem } from '../likelihood/problem.js';
import { inFamilyLocus } from '../search/in-family-locus.js';
import type { JointContext, Placement } from './joint-context.js';
import { padPreparedLocus } from './joint-padding.js';

/** A missing person's genotype table at one locus, or why there is none. */
export type MissingTable =
  | {
      readonly kind: 'table';
      readonly value: JointGenotypeTable;
      /** The locus as the table was computed (alleles outside `alleleIndex` are lumped). */
      readonly prepared: PreparedLocus;
      /** Locus allele index → table index, -1 for an allele lumped into the rest allele. */
      readonly reduce: Int32Array;
    }
  /** The placed data are impossible (a sameAs sample disagrees): every LR is 0. */
  | { readonly kind: 'zero' }
  /** No table: theta > 0, a degraded locus, or m is typed through a sameAs sample; compute directly. */
  | { readonly kind: 'direct' };

/**
 * The genotype table of missing person `m` of family `fi` at locus `l`, with the victims of
 * `prefix` placed (victims untyped at the locus are left out).
 *
 * @param ctx - the DVI context
 * @param fi - family index
 * @param prefix - placements already made in this family (not involving `m`)
 * @param m - global index of the missing person
 * @param l - locus index
 * @returns the table, `zero`, or `direct` (see {@link MissingTable})
 * @throws KindredError `TOO_COMPLEX` when the elimination exceeds the budget
 * @example
 * ```ts
 * computeMissingTable(ctx, 0, [], 0, 0).kind; // => 'table'
 * ```
 */
export function computeMissingTable(
  ctx: JointContext,
  fi: number,
  prefix: readonly Placement[],
  m: number,
  l: number,
): MissingTable {
  if (ctx.theta > 0 || ctx.degraded[l]) return { kind: 'direct' };
  const famCtx = ctx.families[fi]!;
  const fam = famCtx.family;
  const locus = ctx.dviCase.loci[l]!;
  let genotypes = fam.genotypes;
  const placed: (readonly string[])[] = [];
  if (prefix.length > 0) {
    const map = new Map(fam.genotypes);
    for (const p of prefix) {
      const g = ctx.victimGenotypes[p.victim]!;
      const alleles = g.get(locus.name);
      if (alleles === undefined) continue;
      map.set(ctx.missing[p.missing]!.id, g);
      placed.push(alleles);
    }
    genotypes = map;
  }
  let prepared = ctx.loci[l]!;
  if (ctx.scalable[l] && !ctx.missing[m]!.inbred) {
    if (placed.length === 0) prepared = famCtx.local[l]!;
    else {
      const observed = new Set(famCtx.observed[l]);
      for (const g of placed) for (const a of g) observed.add(a);
      prepared = padPreparedLocus(
        prepareLocus(locus, observed),
        famCtx.alleleBound + 2 * placed.length,
      );
    }
  }
  const row = ctx.missing[m]!.row;
  const encoded = encodeGenotypes(fam.pedigree, prepared, genotypes);
  if (encoded === null) return { kind: 'zero' };
  if (encoded[2 * row]! >= 0) return { kind: 'direct' };
  const problem: LocusProblem = {
    pedigree: fam.pedigree,
    nAlleles: prepared.nAlleles,
    frequencies: prepared.frequencies,
    maleMatrix: prepared.maleMatrix,
    femaleMatrix: prepared.femaleMatrix,
    xLinked: prepared.locus.chromosome === 'X',
    genotypes: encoded,
    theta: 0,
  };
  const value = inFamilyLocus(
    `Family "${ctx.families[fi]!.family.name}"`,
    prepared.locus.name,
    ['families', fi],
    () => computeJointWithPerson(problem, row, ctx.budget),
  );
  return { kind: 'table', value, prepared, reduce: _reduceMap(prepared) };
}

const reduceCache = new WeakMap<PreparedLocus, Int32Array>();

function _reduceMap(prepared: PreparedLocus): Int32Array {
  let r = reduceCache.get(prepared);
  if (r === undefined) {
    const alleles = prepared.locus.alleles;
    r = new Int32Array(alleles.length);
    for (let i = 0; i < alleles.length; i++) r[i] = prepared.alleleIndex.get(alleles[i]!) ?? -1;
    reduceCache.set(prepared, r);
  }
  return r;
}

/**
 * ln P(data, G_m = {a, b}) from a genotype table: the sum of both orders for a heterozygote,
 * one entry for a homozygote or a hemizygous male. An allele outside the table's kept alleles
 * is read from the lumped rest allele R and scaled by p_a / p_R (exact when the table was made
 * under `JointContext.scalable` for a person who is not inbred).
 *
 * @param t - a table from {@link computeMissingTable}
 * @param frequencies - the locus frequencies as given (original allele order)
 * @param a - first allele, as an index into the locus's allele list
 * @param b - second allele (equal to `a` for a homozygote or a hemizygous male)
 * @returns natural log (-Infinity when impossible)
 * @example
 * ```ts
 * Math.exp(lookupGenotypeLog(t, ctx.frequencies[0], 3, 4)); // => P(data, G_m = alleles 3/4)
 * ```
 */
export function lookupGenotypeLog(
  t: Extract<MissingTable, { kind: 'table' }>,
  frequencies: Float64Array,
  a: number,
  b: number,
): number {
  const { value: table, prepared, reduce } = t;
  const n = table.n;
  const x = table.table;
  // Kept alleles are 0..K-1 and the lumped rest allele is K (padding alleles, if any, follow).
  const rest = prepared.alleleIndex.size;
  const restP = prepared.frequencies[rest]!;
  let ia = reduce[a]!;
  let ib = reduce[b]!;
  let scale = 1;
  if (ia < 0) {
    ia = rest;
    scale *= frequencies[a]! / restP;
  }
  if (ib < 0) {
    ib = rest;
    scale *= frequencies[b]! / restP;
  }
  let p: number;
  if (table.hemizygous) p = a === b ? x[ia]! * (reduce[a]! < 0 ? frequencies[a]! / restP : 1) : 0;
  else if (a === b) p = x[ia * n + ia]! * scale;
  else if (ia === ib) p = 2 * x[ia * n + ia]! * scale;
  else p = (x[ia * n + ib]! + x[ib * n + ia]!) * scale;
  return p > 0 ? Math.log(p) + table.logScale : Number.NEGATIVE_INFINITY;
}

/**
 * ln LR at locus `l` of placing victim `v` on the missing person of `table`, given the prefix
 * placements the table was computed with: ln P(data, prefix, G_m = g_v) − ln L(family) − Σ ln L(u)
 * over the typed victims u of the prefix and v.
 *
 * @returns natural log of the family factor at the locus (-Infinity for LR 0)
 * @example
 * ```ts
 * tableLocusLogLR(ctx, 0, [], table, 1, 0) / Math.LN10; // => pairwise log10 LR at locus 0
 * ```
 */
export function tableLocusLogLR(
  ctx: JointContext,
  fi: number,
  prefix: readonly Placement[],
  table: Extract<MissingTable, { kind: 'table' }>,
  v: number,
  l: number,
): number {
  const va = ctx.victimAlleles[v]!;
  const joint = lookupGenotypeLog(table, ctx.frequencies[l]!, va[2 * l]!, va[2 * l + 1]!);
  if (joint === Number.NEGATIVE_INFINITY) return joint;
  let den = ctx.families[fi]!.logFamily[l]! + ctx.victimLog[v]![l]!;
  for (const p of prefix) {
    if (ctx.victimAlleles[p.victim]![2 * l]! >= 0) den += ctx.victimLog[p.victim]![l]!;
  }
  return joint - den;
}
