/**
 * The one entry to the likelihood engine for a pedigree at a prepared locus: encodes the
 * genotypes and dispatches to the theta path (theta > 0) or to the compiled elimination.
 *
 * @module
 */
import type { Pedigree } from '../pedigree/pedigree.js';
import type { GenotypeMap } from '../profile/genotype-map.js';
import type { ObservationMap } from '../profile/observation.js';
import { computeLocusLogLikelihood } from './compute-likelihood.js';
import type { ComputeBudget } from './eliminate.js';
import { encodeEvidence } from './evidence.js';
import type { PreparedLocus } from './prepare-locus.js';
import type { LocusProblem } from './problem.js';
import { computeThetaLogLikelihood } from './theta.js';

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
  const evidence = encodeEvidence(pedigree, prepared, genotypes, observation);
  if (evidence === null) return Number.NEGATIVE_INFINITY;
  const encoded = evidence.genotypes;
  if (evidence.observations === undefined && !encoded.some((x) => x >= 0)) return 0;
  const problem: LocusProblem = {
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
  if (theta > 0) return computeThetaLogLikelihood(problem, budget);
  return computeLocusLogLikelihood(problem, budget);
}
