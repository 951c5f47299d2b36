/**
 * The cost twin of `computeLocusLikelihood`: the exact work and largest table of the computation
 * of one locus problem, from its elimination plan alone (for the whole-case budget of
 * `case-budget.ts`).
 *
 * @module
 */
import { MALE } from '../pedigree/pedigree.js';
import { checkBudget, type PlanCost } from './compiled-plan.js';
import { planCostForProblem } from './compute-likelihood.js';
import type { ComputeBudget } from './eliminate.js';
import { matVar, patVar } from './locus-model.js';
import type { LocusProblem } from './problem.js';
import { thetaPlanCost } from './theta.js';

/**
 * The exact cost of `computeLocusLikelihood(problem, budget)`, from its plan alone (no table
 * allocated, no arithmetic): the work (multiply-adds of the elimination, or table entries of the
 * theta path: the unit of `ComputeBudget.maxWork`) and the largest table. 0 when nobody is typed
 * or the evidence is impossible outright. The per-locus budget is checked as the computation
 * checks it, and the plan's order is cached for the computation that follows.
 *
 * @param problem - the problem (`locusProblem`), or null for impossible evidence
 * @param budget - the per-locus budget (`maxWork`, `maxTableSize`)
 * @returns the plan's work and largest table
 * @throws KindredError `TOO_COMPLEX` when the locus alone exceeds the per-locus budget;
 *   otherwise as `computeLocusLikelihood` (`UNSUPPORTED` for theta at an X locus, …)
 * @example
 * ```ts
 * computeLocusCost(locusProblem(pedigree, prepared, genotypes, 0)).work; // => 24
 * ```
 */
export function computeLocusCost(problem: LocusProblem | null, budget?: ComputeBudget): PlanCost {
  const none = { maxTableSize: 0, work: 0 };
  if (problem === null) return none;
  if (problem.observations === undefined && !problem.genotypes.some((x) => x >= 0)) return none;
  if (problem.theta > 0) return thetaPlanCost(problem, budget) ?? none;
  const cost = planCostForProblem(problem);
  if (cost === null) return none;
  checkBudget(cost.maxTableSize, cost.work, budget);
  return cost;
}

/**
 * The exact cost of `computeJointWithPerson(problem, row, budget)` (the joint of the data and
 * the untyped person `row`'s genotype, which DVI and the search index compute for a missing
 * person), from its plan alone. 0 for impossible evidence or a typed row.
 *
 * @param problem - the problem at theta 0 (`locusProblem`), or null for impossible evidence
 * @param row - the person whose genotype is kept
 * @param budget - the per-locus budget (`maxWork`, `maxTableSize`)
 * @returns the plan's work and largest table
 * @throws KindredError `TOO_COMPLEX` when the locus alone exceeds the per-locus budget
 * @example
 * ```ts
 * computeJointCost(locusProblem(pedigree, prepared, genotypes, 0), 2).maxTableSize; // => 400
 * ```
 */
export function computeJointCost(
  problem: LocusProblem | null,
  row: number,
  budget?: ComputeBudget,
): PlanCost {
  const none = { maxTableSize: 0, work: 0 };
  if (problem === null || problem.genotypes[2 * row]! >= 0) return none;
  const hemizygous = problem.xLinked && problem.pedigree.sex[row] === MALE;
  const keepVars = hemizygous ? [matVar(row)] : [patVar(row), matVar(row)];
  const cost = planCostForProblem(problem, [row], keepVars);
  if (cost === null) return none;
  checkBudget(cost.maxTableSize, cost.work, budget);
  return cost;
}
