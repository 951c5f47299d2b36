/**
 * The one entry to the likelihood engine for a pedigree at a prepared locus: encodes the
 * genotypes and dispatches to the theta path (theta > 0) or to the compiled elimination.
 *
 * @module
 */
import type { Pedigree } from '../pedigree/pedigree.js';
import type { GenotypeMap } from '../profile/genotype-map.js';
import type { ObservationMap } from '../profile/observation.js';
import { checkBudget, type PlanCost } from './compiled-plan.js';
import { computeLocusLogLikelihood, planCostForProblem } from './compute-likelihood.js';
import type { ComputeBudget } from './eliminate.js';
import { encodeEvidence } from './evidence.js';
import type { PreparedLocus } from './prepare-locus.js';
import type { LocusProblem } from './problem.js';
import { computeThetaLogLikelihood, thetaPlanCost } from './theta.js';

/**
 * Natural-log likelihood of one hypothesis pedigree at one prepared locus. Both paths work in
 * log space and honour the same `budget`.
 *
 * @throws KindredError `TOO_COMPLEX` when the computation exceeds the budget
 */
export function locusLogLikelihood(
  pedigree: Pedigree,
  prepared: PreparedLocus,
  genotypes: GenotypeMap,
  theta: number,
  budget?: ComputeBudget,
  observation?: ObservationMap,
): number {
  const problem = locusProblem(pedigree, prepared, genotypes, theta, observation);
  if (problem === 'impossible') return Number.NEGATIVE_INFINITY;
  if (problem === 'untyped') return 0;
  if (theta > 0) return computeThetaLogLikelihood(problem, budget);
  return computeLocusLogLikelihood(problem, budget);
}

/**
 * The exact cost of {@link locusLogLikelihood} for the same arguments, from its elimination plan
 * alone (no table allocated, no arithmetic): the work (multiply-adds, the unit of
 * `ComputeBudget.maxWork`) and the largest table. 0 work when nobody is typed or the data are
 * impossible outright. The per-locus budget is checked as the computation would check it.
 *
 * @throws KindredError `TOO_COMPLEX` when the locus alone exceeds the per-locus budget
 */
export function locusCost(
  pedigree: Pedigree,
  prepared: PreparedLocus,
  genotypes: GenotypeMap,
  theta: number,
  budget?: ComputeBudget,
  observation?: ObservationMap,
): PlanCost {
  const none = { maxTableSize: 0, work: 0 };
  const problem = locusProblem(pedigree, prepared, genotypes, theta, observation);
  if (problem === 'impossible' || problem === 'untyped') return none;
  if (theta > 0) return thetaPlanCost(problem, budget) ?? none;
  const cost = planCostForProblem(problem);
  if (cost === null) return none;
  checkBudget(cost.maxTableSize, cost.work, budget);
  return cost;
}

/** The engine's problem for one pedigree at one locus, or why there is nothing to compute. */
function locusProblem(
  pedigree: Pedigree,
  prepared: PreparedLocus,
  genotypes: GenotypeMap,
  theta: number,
  observation: ObservationMap | undefined,
): LocusProblem | 'impossible' | 'untyped' {
  const evidence = encodeEvidence(pedigree, prepared, genotypes, observation);
  if (evidence === null) return 'impossible';
  const encoded = evidence.genotypes;
  if (evidence.observations === undefined && !encoded.some((x) => x >= 0)) return 'untyped';
  return {
    pedigree,
    nAlleles: prepared.nAlleles,
    frequencies: prepared.frequencies,
    maleMatrix: prepared.maleMatrix,
    femaleMatrix: prepared.femaleMatrix,
    xLinked: prepared.locus.chromosome === 'X',
    genotypes: encoded,
    theta,
    ...(evidence.observations !== undefined ? { observations: evidence.observations } : {}),
  };
}
