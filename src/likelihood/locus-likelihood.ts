/**
 * The one entry to the likelihood engine: {@link computeLocusLikelihood} takes a locus problem
 * (log space) and dispatches to the theta path (theta > 0) or to the compiled elimination, both
 * honouring the same {@link ComputeBudget}. {@link locusProblem} encodes a pedigree's samples at
 * a prepared locus as such a problem.
 *
 * @module
 */
import type { Pedigree } from '../pedigree/pedigree.js';
import type { GenotypeMap } from '../profile/genotype-map.js';
import type { ObservationMap } from '../profile/observation.js';
import { _eliminationLogLikelihood } from './compute-likelihood.js';
import type { ComputeBudget } from './eliminate.js';
import { encodeEvidence } from './evidence.js';
import type { PreparedLocus } from './prepare-locus.js';
import type { LocusProblem } from './problem.js';
import { computeThetaLogLikelihood } from './theta.js';

/**
 * Natural log of the likelihood of one locus problem: P(evidence | pedigree), exact, with theta
 * (Balding–Nichols, autosomal) when `problem.theta > 0`, mutation, X, observations (drop-out,
 * drop-in, silent alleles) as the problem carries them. Both paths work in log space, so a
 * likelihood far below 1e-308 is returned, never 0.
 *
 * @param problem - the problem ({@link locusProblem}), or null for evidence that encodes as
 *   impossible (sameAs samples that disagree, an observation no genotype explains)
 * @param budget - refuse (TOO_COMPLEX) before any arithmetic when the computation would exceed it
 * @returns ln P(data); `-Infinity` when the data are impossible
 * @throws KindredError `TOO_COMPLEX` when the computation exceeds the budget, `UNSUPPORTED` for
 *   theta > 0 at an X-linked locus, `INVALID_ARGUMENT` for a malformed problem
 * @example
 * ```ts
 * // A single heterozygote a/b with p = (0.1, 0.2, 0.7): 2·0.1·0.2 = 0.04.
 * Math.exp(computeLocusLikelihood(problem)); // => 0.04
 * ```
 */
export function computeLocusLikelihood(
  problem: LocusProblem | null,
  budget?: ComputeBudget,
): number {
  if (problem === null) return Number.NEGATIVE_INFINITY;
  if (problem.observations === undefined && !problem.genotypes.some((x) => x >= 0)) return 0;
  if (problem.theta > 0) return computeThetaLogLikelihood(problem, budget);
  return _eliminationLogLikelihood(problem, budget);
}

/**
 * The locus problem of a pedigree's samples at a prepared locus: genotypes encoded (sameAs rows
 * merged), each degraded sample's observation factor, the locus's matrices and frequencies.
 *
 * @param pedigree - the hypothesis pedigree
 * @param prepared - the locus ({@link prepareLocus})
 * @param genotypes - typed people (ids outside the pedigree are left out)
 * @param theta - Balding–Nichols theta
 * @param observation - drop-out and drop-in per sample (absent: pristine)
 * @returns the problem, or null when the evidence is impossible on its own
 * @example
 * ```ts
 * computeLocusLikelihood(locusProblem(pedigree, prepared, genotypes, 0)); // => ln P(data)
 * ```
 */
export function locusProblem(
  pedigree: Pedigree,
  prepared: PreparedLocus,
  genotypes: GenotypeMap,
  theta: number,
  observation?: ObservationMap,
): LocusProblem | null {
  const evidence = encodeEvidence(pedigree, prepared, genotypes, observation);
  if (evidence === null) return null;
  return {
    pedigree,
    nAlleles: prepared.nAlleles,
    frequencies: prepared.frequencies,
    maleMatrix: prepared.maleMatrix,
    femaleMatrix: prepared.femaleMatrix,
    xLinked: prepared.locus.chromosome === 'X',
    genotypes: evidence.genotypes,
    theta,
    ...(evidence.observations !== undefined ? { observations: evidence.observations } : {}),
  };
}
