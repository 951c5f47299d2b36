/**
 * The whole-case budget of a kinship case (see `likelihood/case-budget.ts`): the plan of every
 * hypothesis at every locus is costed, and the case refused before any likelihood is computed
 * when one locus is past the per-locus budget or the sum is past `maxCaseWork`.
 *
 * @module
 */
import { KindredError } from '../errors.js';
import { CaseWorkMeter } from '../likelihood/case-budget.js';
import type { ComputeBudget } from '../likelihood/eliminate.js';
import { computeLocusCost } from '../likelihood/locus-cost.js';
import { locusProblem } from '../likelihood/locus-likelihood.js';
import { observedAlleles, prepareLocus } from '../likelihood/prepare-locus.js';
import type { LocusProblem } from '../likelihood/problem.js';
import type { KinshipCase } from './types.js';

/**
 * Refuse a kinship case whose exact computation is past its budget, from the elimination plans
 * alone (no table is allocated; the plans chosen are cached for the computation that follows).
 *
 * @param kcase - a validated case
 * @param options - lumping (as the computation will use it) and the budget
 * @returns the case's total work (the unit of `ComputeBudget.maxWork`)
 * @throws KindredError `TOO_COMPLEX` naming the case, hypothesis and locus: one locus past
 *   `maxWork`/`maxTableSize`, or the case past `maxCaseWork` (default 2^32)
 * @example
 * ```ts
 * checkKinshipCaseBudget(parseCase(text)) > 0; // => true
 * ```
 */
export function checkKinshipCaseBudget(
  kcase: KinshipCase,
  options: { readonly lump?: boolean; readonly budget?: ComputeBudget } = {},
): number {
  return _costedKinshipCase(kcase, options).total;
}

/**
 * {@link checkKinshipCaseBudget}, keeping the locus problems it costed (`problems[locus][h]`,
 * null where the evidence is impossible on its own), so `computeKinshipLR` computes exactly
 * those problems without preparing and encoding every locus a second time.
 *
 * @param kcase - a validated case
 * @param options - lumping and the budget
 * @returns the case's total work and its problems
 * @throws KindredError `TOO_COMPLEX` as {@link checkKinshipCaseBudget}
 */
export function _costedKinshipCase(
  kcase: KinshipCase,
  options: { readonly lump?: boolean; readonly budget?: ComputeBudget } = {},
): { total: number; problems: (LocusProblem | null)[][] } {
  const meter = new CaseWorkMeter(`Case "${kcase.id}"`, 'its hypotheses', options.budget);
  const problems = kcase.loci.map((locus) => {
    const prepared = prepareLocus(locus, observedAlleles(kcase.genotypes, locus.name), {
      lump: options.lump ?? true,
    });
    return kcase.hypotheses.map((hyp, h) => {
      const problem = locusProblem(
        hyp.pedigree,
        prepared,
        kcase.genotypes,
        kcase.theta,
        kcase.observation,
      );
      const cost = inHypothesisLocus(hyp.name, locus.name, h, () =>
        computeLocusCost(problem, options.budget),
      );
      meter.add(`hypothesis "${hyp.name}"`, locus.name, ['hypotheses', h, 'pedigree'], cost);
      return problem;
    });
  });
  return { total: meter.total, problems };
}

/**
 * Run `fn` for hypothesis `name` (index `h`) at `locus`; a `TOO_COMPLEX` from the engine is
 * given the hypothesis and locus in its message and the pedigree's path.
 *
 * @example
 * ```ts
 * inHypothesisLocus('H1', 'D3S1358', 0, () => locusCost(...)); // TOO_COMPLEX: Hypothesis "H1" at locus "D3S1358": …
 * ```
 */
export function inHypothesisLocus<T>(name: string, locus: string, h: number, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof KindredError && e.code === 'TOO_COMPLEX') {
      throw new KindredError(e.code, `Hypothesis "${name}" at locus "${locus}": ${e.detail}`, {
        path: ['hypotheses', h, 'pedigree'],
      });
    }
    throw e;
  }
}
