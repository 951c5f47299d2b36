/**
 * Exact likelihood of one locus: P(all genotypes | pedigree, frequencies, mutation) with every
 * untyped person summed over, by variable elimination on allele-level variables. Cost follows
 * the width of the elimination, not the pedigree size.
 *
 * @module
 */
import { type ComputeBudget, eliminateAll, logProductOfScalars, planElimination } from './eliminate.js';
import { buildLocusModel } from './locus-model.js';
import type { LocusProblem } from './problem.js';

/**
 * Natural log of the locus likelihood (theta = 0 path). `-Infinity` when the data are impossible.
 *
 * @param problem - the locus, pedigree and encoded genotypes (theta must be 0 here)
 * @param budget - refuse (TOO_COMPLEX) before any work when the elimination would exceed it
 * @returns ln P(data)
 * @throws KindredError `TOO_COMPLEX` when the plan exceeds the budget
 *
 * @example
 * ```ts
 * // A single heterozygote a/b with p = (0.1, 0.2, 0.7): 2·0.1·0.2 = 0.04.
 * Math.exp(computeLocusLogLikelihood(problem)); // => 0.04
 * ```
 */
export function computeLocusLogLikelihood(problem: LocusProblem, budget?: ComputeBudget): number {
  const model = buildLocusModel(problem);
  if (model.impossible) return Number.NEGATIVE_INFINITY;
  const cardOf = (v: number): number => model.domains[v]!.length;
  const plan = planElimination(model.factors, cardOf);
  const { logScale, remaining } = eliminateAll(model.factors, cardOf, plan, budget);
  return model.logConstant + logScale + logProductOfScalars(remaining);
}
