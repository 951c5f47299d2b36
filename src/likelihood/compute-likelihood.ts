/**
 * Exact likelihood of one locus: P(all genotypes | pedigree, frequencies, mutation) with every
 * untyped person summed over, by variable elimination on allele-level variables. Cost follows
 * the width of the elimination, not the pedigree size. Plans are compiled once per pedigree and
 * typing pattern and cached.
 *
 * @module
 */
import type { Pedigree } from '../pedigree/pedigree.js';
import { type CompiledPlan, compilePlan, runPlan } from './compiled-plan.js';
import type { ComputeBudget } from './eliminate.js';
import { describeLocus, type LocusShape } from './locus-model.js';
import type { LocusProblem } from './problem.js';

const planCache = new WeakMap<Pedigree, Map<string, CompiledPlan>>();
const MAX_PLANS_PER_PEDIGREE = 512;

/** The cached plan for a shape (compiling it on first use). */
export function planFor(
  pedigree: Pedigree,
  shape: LocusShape,
  n: number,
  keepVars: readonly number[] = [],
  budget?: ComputeBudget,
): CompiledPlan {
  let byKey = planCache.get(pedigree);
  if (byKey === undefined) {
    byKey = new Map();
    planCache.set(pedigree, byKey);
  }
  const key = keepVars.length === 0 ? shape.key : `${shape.key}|k${keepVars.join(',')}`;
  let plan = byKey.get(key);
  if (plan === undefined) {
    plan = compilePlan(shape, n, keepVars, budget);
    if (byKey.size >= MAX_PLANS_PER_PEDIGREE) byKey.clear();
    byKey.set(key, plan);
  }
  return plan;
}

/**
 * Natural log of the locus likelihood (theta = 0 path). `-Infinity` when the data are impossible.
 *
 * @param problem - the locus, pedigree and encoded genotypes (theta is ignored here)
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
  const shape = describeLocus(problem);
  if (shape === null) return Number.NEGATIVE_INFINITY;
  const plan = planFor(problem.pedigree, shape, problem.nAlleles, [], budget);
  const logScale = runPlan(plan, problem);
  let log = logScale;
  for (const s of plan.finalSlots) log += Math.log(plan.tables[s]![0]!);
  if (shape.barrenFounderAlleles > 0) {
    let sumP = 0;
    for (let a = 0; a < problem.nAlleles; a++) sumP += problem.frequencies[a]!;
    log += shape.barrenFounderAlleles * Math.log(sumP);
  }
  return log;
}
