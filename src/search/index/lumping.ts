/**
 * When may a search index store a missing person's per-locus LRs by allele *class* (each allele
 * a relative carries alone, all other alleles in one "rest" class) and still be exact for every
 * candidate allele of the locus?
 *
 * Lumping the untyped alleles (see `mutation/lumping.ts`) keeps the family's likelihood exact, and
 * it keeps the joint Q(c, d) = Σ_{x∈c, y∈d} P(data, G_m = (x, y)) exact. What the index needs
 * in addition is that, inside the rest class R, the joint is proportional to the allele
 * frequencies: P(data, G_m = (x, y)) = Q(R, R) · p_x p_y / p_R² and
 * P(data, G_m = (a, x)) = Q(a, R) · p_x / p_R. Then every candidate with an allele in R has the
 * class LR
 *
 *   LR(a, x) = Q(a, R) / (P(data) · 2 p_a p_R),   LR(x, y) = LR(x, x) = Q(R, R) / (P(data) · p_R²)
 *
 * (the p_x, p_y cancel against the population genotype probability 2 p_x p_y or p_x²; at an X
 * locus a male has LR(x) = Q(R) / (P(data) · p_R)).
 *
 * Proof of the proportionality for the models accepted here. With no mutation, or the
 * `proportional` model (M = (1 − k)·I + k·1pᵀ: keep the allele, or draw a fresh one from p), every
 * allele in the pedigree is a copy of a *source*: a founder allele or a fresh mutation draw, the
 * sources independent with law p, the copy structure S independent of the allele values. Given
 * S, a source that reaches a typed person must be one of that person's (observed, kept) alleles;
 * a source that reaches only untyped people is free. A rest allele x on m is therefore a free
 * source and contributes exactly p_x. When m's two alleles can never be copies of one source
 * (m's parents share no ancestor in the pedigree, m is not inbred), summing over S gives
 * P(data, (x, y)) = A·p_x p_y for x, y ∈ R and P(data, (a, x)) = C_a·p_x, as claimed. For an
 * inbred m an extra δ_xy·B·p_x term appears and the LR of a rest homozygote depends on p_x; for
 * the `equal`, `stepwise`, `onestep` and `custom` models the fresh draws are not p-distributed.
 * In those cases the index keeps every allele of the locus apart (no lumping), which is always
 * exact. Frequencies summing to 1 only within tolerance change nothing above (p need not be
 * normalised).
 *
 * @module
 */
import type { MutationModel, MutationSpec } from '../../mutation/types.js';
import { isSexSpecific } from '../../mutation/types.js';
import type { Pedigree } from '../../pedigree/pedigree.js';

/**
 * True when the mutation model makes class-level LRs exact (no mutation, or `proportional` for
 * every sex that mutates).
 *
 * @param spec - the locus's mutation field
 * @returns whether allele classes can be used for this model
 * @example
 * ```ts
 * isClassLevelModel({ model: 'proportional', rate: 0.002 }); // => true
 * isClassLevelModel({ model: 'stepwise', rate: 0.002, rate2: 1e-6, range: 0.1 }); // => false
 * ```
 */
export function isClassLevelModel(spec: MutationSpec): boolean {
  if (spec === null) return true;
  const ok = (m: MutationModel): boolean =>
    m.model === 'proportional' || ((m.model === 'equal' || m.model === 'onestep') && m.rate === 0);
  if (isSexSpecific(spec)) return ok(spec.female) && ok(spec.male);
  return ok(spec);
}

/**
 * True when row `row` of `ped` is inbred: its father and mother share an ancestor in the
 * pedigree, or one is an ancestor of the other (or both are the same person).
 *
 * @param ped - the pedigree
 * @param row - the person
 * @returns whether the person's two alleles can be identical by descent
 * @example
 * ```ts
 * isInbred(childOfFirstCousins, 6); // => true
 * isInbred(trio, 2); // => false
 * ```
 */
export function isInbred(ped: Pedigree, row: number): boolean {
  const f = ped.father[row]!;
  const m = ped.mother[row]!;
  if (f < 0 || m < 0) return false;
  const up = (start: number): Set<number> => {
    const seen = new Set<number>();
    const stack = [start];
    while (stack.length > 0) {
      const i = stack.pop()!;
      if (seen.has(i)) continue;
      seen.add(i);
      if (ped.father[i]! >= 0) stack.push(ped.father[i]!);
      if (ped.mother[i]! >= 0) stack.push(ped.mother[i]!);
    }
    return seen;
  };
  const a = up(f);
  for (const i of up(m)) if (a.has(i)) return true;
  return false;
}

/**
 * True when the index may store this missing person's LRs at this locus by allele class
 * (see the module doc for the proof): a class-level model and a person who is not inbred.
 *
 * @param spec - the locus's mutation field
 * @param ped - the family pedigree
 * @param row - the missing person's row
 * @returns whether lumping is exact for every candidate allele
 * @example
 * ```ts
 * canIndexByClass(null, trio, 2); // => true
 * ```
 */
export function canIndexByClass(spec: MutationSpec, ped: Pedigree, row: number): boolean {
  return isClassLevelModel(spec) && !isInbred(ped, row);
}
