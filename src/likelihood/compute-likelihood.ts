/**
 * Exact likelihood of one locus: P(all genotypes | pedigree, frequencies, mutation) with every
 * untyped person summed over, by variable elimination on allele-level variables. Cost follows
 * the width of the elimination, not the pedigree size.
 *
 * Plans are compiled once per pedigree *structure* (parents, sexes, sameAs links), typing
 * pattern (who is untyped, heterozygous, homozygous), allele count and kept people, and cached
 * globally, so families of the same shape share plans.
 *
 * @module
 */
import type { Pedigree } from '../pedigree/pedigree.js';
import { MALE } from '../pedigree/pedigree.js';
import { type CompiledPlan, checkBudget, compilePlan, runPlan } from './compiled-plan.js';
import type { ComputeBudget } from './eliminate.js';
import { describeLocus, rowsSumToOne, TRANSMISSION_FORM } from './locus-model.js';
import type { LocusProblem } from './problem.js';

const structureKeys = new WeakMap<Pedigree, string>();
const planCache = new Map<string, CompiledPlan>();
const MAX_CACHED_PLANS = 20_000;

function structureKey(ped: Pedigree): string {
  let key = structureKeys.get(ped);
  if (key === undefined) {
    key = `${ped.father.join(',')}/${ped.mother.join(',')}/${ped.sex.join('')}/${ped.sameAs.join(',')}`;
    structureKeys.set(ped, key);
  }
  return key;
}

/**
 * The typing signature of a problem (null when the data are impossible outright: a male with
 * two different alleles at an X locus).
 */
function typingKey(problem: LocusProblem, keep: readonly number[]): string | null {
  const { pedigree: ped, genotypes: g, xLinked, nAlleles: n } = problem;
  let key = `${TRANSMISSION_FORM[0]}${n}${xLinked ? 'X' : 'A'}${rowsSumToOne(problem.maleMatrix, n) && rowsSumToOne(problem.femaleMatrix, n) ? 'e' : 'i'}`;
  for (let i = 0; i < ped.ids.length; i++) {
    const a = g[2 * i]!;
    if (a < 0) key += 'u';
    else if (a === g[2 * i + 1]) key += 'o';
    else if (xLinked && ped.sex[i] === MALE) return null;
    else key += 'h';
  }
  return keep.length === 0 ? key : `${key}k${keep.join(',')}`;
}

/**
 * The compiled plan for a problem, from the cache or compiled now; null when the data are
 * impossible outright.
 *
 * @throws KindredError `TOO_COMPLEX` when a new plan exceeds the budget
 */
export function planForProblem(
  problem: LocusProblem,
  keepRows: readonly number[] = [],
  keepVars: readonly number[] = [],
  budget?: ComputeBudget,
): CompiledPlan | null {
  const tk = typingKey(problem, keepRows);
  if (tk === null) return null;
  const key = `${structureKey(problem.pedigree)}|${tk}`;
  let plan = planCache.get(key);
  if (plan === undefined) {
    const form = TRANSMISSION_FORM;
    const shape = describeLocus(problem, keepRows, form === 'split');
    if (shape === null) return null;
    plan = compilePlan(shape, problem.nAlleles, keepVars, budget);
    if (form === 'best' && shape.factors.some((f) => f.kind === 'trans' && f.vars.length === 3)) {
      // Transmissions from untyped parents: also try them split with segregation indicators.
      const split = compilePlan(
        describeLocus(problem, keepRows, true)!,
        problem.nAlleles,
        keepVars,
        budget,
      );
      if (split.work < plan.work) plan = split;
    }
    if (planCache.size >= MAX_CACHED_PLANS) planCache.clear();
    planCache.set(key, plan);
  } else if (budget !== undefined) {
    checkBudget(plan.maxTableSize, plan.work, budget);
  }
  return plan;
}

/** ln(Σp)·(number of barren founder alleles) for a plan. */
export function barrenLogConstant(plan: CompiledPlan, frequencies: Float64Array): number {
  const k = plan.shape.barrenFounderAlleles;
  if (k === 0) return 0;
  let sumP = 0;
  for (let a = 0; a < frequencies.length; a++) sumP += frequencies[a]!;
  return k * Math.log(sumP);
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
  const plan = planForProblem(problem, [], [], budget);
  if (plan === null) return Number.NEGATIVE_INFINITY;
  let log = runPlan(plan, problem);
  const final = plan.finalSlots;
  for (let k = 0; k < final.length; k++) log += Math.log(plan.tables[final[k]!]![0]!);
  return log + barrenLogConstant(plan, problem.frequencies);
}
