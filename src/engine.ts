/**
 * `kindred/engine`: the lower-level pieces under the main entry's one way per task — the
 * likelihood engine and its test oracle, mutation models, frequency and profile helpers,
 * pedigree helpers, pairwise closed forms, DVI pairings over configurations, named relationships, per-query ranking and match
 * categories, simulation, and the parts of power. Browser-safe like the main entry.
 *
 * @module
 */

export type { PairingConfiguration, PairingTable } from './dvi/joint-pairings.js';
export { computePairings, DEFAULT_MAX_PAIRING_ASSIGNMENTS } from './dvi/joint-pairings.js';
export type { FrequencyDatabase, ToLocusOptions } from './frequencies/frequency-database.js';
export {
  getFrequencyTable,
  getMarkerFrequencies,
  toLocus,
} from './frequencies/frequency-database.js';
export { checkFrequencySum, FREQUENCY_TOLERANCE } from './frequencies/frequency-table.js';
export type { AddedAllele, ExtendTableResult, UnseenAllelePolicy } from './frequencies/unseen.js';
export { DEFAULT_UNSEEN_POLICY, extendTable } from './frequencies/unseen.js';
export { bruteForceLikelihood } from './likelihood/brute-force.js';
export type { ComputeBudget } from './likelihood/eliminate.js';
export type { JointGenotypeTable } from './likelihood/genotype-distribution.js';
export { computeJointWithPerson } from './likelihood/genotype-distribution.js';
export { computeLocusLikelihood, locusProblem } from './likelihood/locus-likelihood.js';
export type { PreparedLocus, PrepareOptions } from './likelihood/prepare-locus.js';
export { encodeGenotypes, observedAlleles, prepareLocus } from './likelihood/prepare-locus.js';
export type { LocusProblem } from './likelihood/problem.js';
export type { LumpedMatrices, LumpedModel } from './mutation/lumping.js';
export { isLumpable, lumpMatrices, lumpMatrix } from './mutation/lumping.js';
export type { MatrixOptions, SexMatrices } from './mutation/matrix.js';
export { buildMatrices, buildMutationMatrix } from './mutation/matrix.js';
export { expectedMutationRate, isStationary, rowSums } from './mutation/properties.js';
export { isSexSpecific } from './mutation/types.js';
export type { SafePedigreeResult } from './pedigree/create-pedigree.js';
export { safeCreatePedigree } from './pedigree/create-pedigree.js';
export { FEMALE, isFounder, isSameAsRecord, MALE, pedigreeSize } from './pedigree/pedigree.js';
export type { ExactPowerOptions, LocusPower, MissingPersonPower } from './power/exact-power.js';
export { computeExactPower } from './power/exact-power.js';
export type {
  InclusionOptions,
  PowerHypothesis,
  SimulatedInclusion,
  ThresholdPower,
} from './power/inclusion-sim.js';
export { simulateInclusionPower } from './power/inclusion-sim.js';
export type { ProgrammePower, ProgrammePowerOptions } from './power/programme-power.js';
export { computeProgrammePower } from './power/programme-power.js';
export { compareAlleleLabels, isNumericAllele, parseAllele } from './profile/allele.js';
export type { EncodedProfile, EncodeOptions } from './profile/encode-profile.js';
export { encodeProfile, encodeProfiles } from './profile/encode-profile.js';
export { sexFromAmelogenin, validateGenotype } from './profile/genotype.js';
export type { MarkerInfo, MarkerKind } from './profile/markers.js';
export {
  canonicalMarkerName,
  isSexMarker,
  listMarkers,
  resolveMarkerName,
} from './profile/markers.js';
export { PROFILE_KINDS } from './profile/profile.js';
export { ibdLocusLR, ibdRatios, parentChildLocusLR } from './relationships/ibd.js';
export type { IBDCoefficients, RelationshipInfo } from './relationships/named-relationships.js';
export { getRelationship, RELATIONSHIPS } from './relationships/named-relationships.js';
export type { PairwiseRelation, PreparedPairwise } from './relationships/pairwise.js';
export {
  encodePairwiseProfile,
  pairwiseLocusLR,
  pairwiseLRBatch,
  pairwiseLRMany,
  preparePairwise,
} from './relationships/pairwise.js';
export {
  categorize,
  DEFAULT_MATCH_THRESHOLD,
  DEFAULT_PROBABLE_THRESHOLD,
  posteriors,
  verbalScale,
} from './search/rank/categories.js';
export { rankFamilies, rankRemains } from './search/rank/rank.js';
export { dropGenes } from './sim/gene-drop.js';
export type { Rng } from './sim/prng.js';
export { createRng } from './sim/prng.js';
export { randomGenotype, randomProfile } from './sim/random-genotype.js';
