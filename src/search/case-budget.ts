/**
 * The whole-case budget of a DVI case (see `likelihood/case-budget.ts`), in search/ so that the
 * search index itself (`SearchIndex.fromDVICase`) runs it as `kindred dvi` and `validate` do: the plan of every
 * family pedigree at every locus is costed, and the case refused before any likelihood is
 * computed when one locus is past the per-locus budget or the sum is past `maxCaseWork`. The
 * same count serves `kindred dvi`, `kindred search` and `kindred validate`, so a document one of
 * them accepts is never refused by another for its size.
 *
 * @module
 */
import { CaseWorkMeter } from '../likelihood/case-budget.js';
import type { ComputeBudget } from '../likelihood/eliminate.js';
import { computeJointCost, computeLocusCost } from '../likelihood/locus-cost.js';
import { locusProblem } from '../likelihood/locus-likelihood.js';
import { type PreparedLocus, prepareLocus } from '../likelihood/prepare-locus.js';
import type { GenotypeMap } from '../profile/genotype-map.js';
import { isDegraded } from '../profile/observation.js';
import { inFamilyLocus } from './in-family-locus.js';
import type { DVICase } from './types.js';

/**
 * The loci of a DVI case prepared as its computation prepares them: the observed alleles are
 * every allele a victim or relative carries.
 *
 * @param dviCase - a validated DVI case
 * @returns one prepared locus per locus of the case
 * @example
 * ```ts
 * prepareDVILoci(dvi).length; // => dvi.loci.length
 * ```
 */
export function prepareDVILoci(dviCase: DVICase): PreparedLocus[] {
  // Every allele seen at each locus, in one pass over the victims and the families' relatives
  // (preparation reads only which alleles were seen, not in what order).
  const observed = new Map(dviCase.loci.map((l) => [l.name, new Set<string>()] as const));
  const collect = (genotypes: GenotypeMap): void => {
    for (const byLocus of genotypes.values()) {
      for (const [name, alleles] of byLocus) {
        const seen = observed.get(name);
        if (seen !== undefined) for (const a of alleles) seen.add(a);
      }
    }
  };
  collect(dviCase.victims);
  for (const f of dviCase.families) collect(f.genotypes);
  return dviCase.loci.map((locus) => prepareLocus(locus, observed.get(locus.name)!));
}

/**
 * Refuse a DVI case whose exact computation is past its budget, from the elimination plans
 * alone: each family's pedigree with its typed relatives, and each missing person's genotype
 * table (at theta 0 on a pristine locus its joint; at theta > 0 two pedigree likelihoods for each
 * of the locus's genotypes, as the search index computes it), at every locus with every observed
 * allele. Each family
 * is a case of its own (a programme of 100,000 families is 100,000 cases): the limit holds per
 * family. The pairwise matrix repeats a family's computation for each
 * victim placed on it: that cost grows with the number of victims, not with the pedigree.
 *
 * @param dviCase - a validated DVI case
 * @param budget - the budget (`maxWork`, `maxTableSize` per locus; `maxCaseWork` per case)
 * @param loci - the case's prepared loci when already made (see {@link prepareDVILoci})
 * @returns the total work of every family (the unit of `ComputeBudget.maxWork`)
 * @throws KindredError `TOO_COMPLEX` naming the family, the case, the costliest computation and locus
 * @example
 * ```ts
 * checkDVICaseBudget(parseDVICase(text)) > 0; // => true
 * ```
 */
export function checkDVICaseBudget(
  dviCase: DVICase,
  budget?: ComputeBudget,
  loci: readonly PreparedLocus[] = prepareDVILoci(dviCase),
): number {
  const degraded = degradedDVILoci(dviCase, loci);
  let total = 0;
  dviCase.families.forEach((family, fi) => {
    const meter = new CaseWorkMeter(
      `Family "${family.name}" of case "${dviCase.id}"`,
      'its pedigree and missing persons',
      budget,
    );
    const where = `Family "${family.name}"`;
    const path = ['families', fi];
    const pedPath = [...path, 'pedigree'];
    // Labels made once per family, not per locus.
    const rows = family.missing.flatMap((id) => {
      const row = family.pedigree.index.get(id);
      return row === undefined
        ? []
        : [
            {
              row,
              label: `missing person "${id}"`,
              theta: `missing person "${id}" (its genotype table at theta > 0)`,
            },
          ];
    });
    loci.forEach((prepared, l) => {
      const locus = prepared.locus.name;
      const problem = locusProblem(
        family.pedigree,
        prepared,
        family.genotypes,
        dviCase.theta,
        dviCase.observation,
      );
      const cost = inFamilyLocus(where, locus, path, () => computeLocusCost(problem, budget));
      meter.add('its pedigree', locus, pedPath, cost);
      // At theta 0 on a pristine locus, each missing person's genotype table (the joint of the
      // data and the person's genotype), which DVI and the search index compute.
      if (dviCase.theta > 0) {
        // With theta > 0 the search index computes each missing person's table genotype by
        // genotype: two pedigree likelihoods (the candidate on the person; as an extra founder)
        // for each of the locus's n(n+1)/2 genotypes.
        const n = prepared.locus.alleles.length;
        for (const r of rows) meter.add(r.theta, locus, pedPath, cost, n * (n + 1));
        return;
      }
      if (degraded[l]) return;
      for (const r of rows) {
        const joint = inFamilyLocus(where, locus, path, () =>
          computeJointCost(problem, r.row, budget),
        );
        meter.add(r.label, locus, pedPath, joint);
      }
    });
    total += meter.total;
  });
  return total;
}

/**
 * Per locus, whether a DVI case is degraded there: a degraded sample (d or c > 0) typed at the
 * locus, or the silent allele in its table. Every LR at such a locus is computed directly, as a
 * ratio of pedigree likelihoods with observation factors.
 *
 * @param dviCase - a validated DVI case
 * @param loci - its prepared loci ({@link prepareDVILoci})
 * @returns one flag per locus
 * @example
 * ```ts
 * degradedDVILoci(dvi, prepareDVILoci(dvi)); // => [false, false, …]
 * ```
 */
export function degradedDVILoci(dviCase: DVICase, loci: readonly PreparedLocus[]): boolean[] {
  const observation = dviCase.observation;
  return dviCase.loci.map((locus, l) => {
    if (loci[l]!.silentIndex >= 0) return true;
    if (observation === undefined) return false;
    const typedHere = (g: ReadonlyMap<string, ReadonlyMap<string, readonly string[]>>): boolean =>
      [...g].some(([id, byLocus]) => byLocus.has(locus.name) && isDegraded(observation.get(id)));
    return typedHere(dviCase.victims) || dviCase.families.some((f) => typedHere(f.genotypes));
  });
}
