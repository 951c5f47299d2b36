/**
 * The whole-case budget of a DVI case (see `likelihood/case-budget.ts`): the plan of every
 * family pedigree at every locus is costed, and the case refused before any likelihood is
 * computed when one locus is past the per-locus budget or the sum is past `maxCaseWork`. The
 * same count serves `kindred dvi`, `kindred search` and `kindred validate`, so a document one of
 * them accepts is never refused by another for its size.
 *
 * @module
 */
import { CaseWorkMeter } from '../likelihood/case-budget.js';
import type { ComputeBudget } from '../likelihood/eliminate.js';
import { computeLocusCost } from '../likelihood/locus-cost.js';
import { locusProblem } from '../likelihood/locus-likelihood.js';
import { observedAlleles, type PreparedLocus, prepareLocus } from '../likelihood/prepare-locus.js';
import type { DVICase } from '../search/types.js';
import { inFamilyLocus } from './in-family-locus.js';

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
  return dviCase.loci.map((locus) => {
    const observed = observedAlleles(dviCase.victims, locus.name);
    for (const f of dviCase.families)
      for (const a of observedAlleles(f.genotypes, locus.name)) observed.add(a);
    return prepareLocus(locus, observed);
  });
}

/**
 * Refuse a DVI case whose exact computation is past its budget, from the elimination plans
 * alone: each family's pedigree with its typed relatives, at every locus with every observed
 * allele (an upper bound of each placement's own cost, as typing one more person never adds
 * work), counted once per family. The pairwise matrix repeats a family's computation for each
 * victim placed on it: that cost grows with the number of victims, not with the pedigree.
 *
 * @param dviCase - a validated DVI case
 * @param budget - the budget (`maxWork`, `maxTableSize` per locus; `maxCaseWork` per case)
 * @param loci - the case's prepared loci when already made (see {@link prepareDVILoci})
 * @returns the case's total work (the unit of `ComputeBudget.maxWork`)
 * @throws KindredError `TOO_COMPLEX` naming the case, family and locus
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
  const meter = new CaseWorkMeter(dviCase.id, 'families', budget);
  loci.forEach((prepared) => {
    const locus = prepared.locus.name;
    dviCase.families.forEach((family, fi) => {
      const where = `Family "${family.name}"`;
      const path = ['families', fi];
      const cost = inFamilyLocus(where, locus, path, () =>
        computeLocusCost(
          locusProblem(
            family.pedigree,
            prepared,
            family.genotypes,
            dviCase.theta,
            dviCase.observation,
          ),
          budget,
        ),
      );
      meter.add(`family "${family.name}"`, locus, [...path, 'pedigree'], cost);
    });
  });
  return meter.total;
}
