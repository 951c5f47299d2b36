/**
 * Kindred: kinship DNA matching in pure TypeScript — exact pedigree likelihood ratios,
 * missing-persons search and disaster victim identification. Named re-exports only.
 *
 * @module
 */

export type { DVIOptions, DVIResult, JointAssignment } from './dvi/dvi.js';
export type {
  ErrorPath,
  KindredErrorCode,
  KindredErrorJSON,
  KindredErrorOptions,
} from './errors.js';
export { formatPath, isKindredError, KindredError } from './errors.js';
export type { FrequencyDatabase, ToLocusOptions } from './frequencies/frequency-database.js';
export {
  createFrequencyDatabase,
  getFrequencyTable,
  getMarkerFrequencies,
  toLocus,
} from './frequencies/frequency-database.js';
export type {
  CreateFrequencyTableResult,
  FrequencyOptions,
  FrequencyTable,
  FrequencyTableInput,
  MarkerFrequencies,
} from './frequencies/frequency-table.js';
export {
  checkFrequencySum,
  createFrequencyTable,
  FREQUENCY_TOLERANCE,
} from './frequencies/frequency-table.js';
export type { Chromosome, Locus } from './frequencies/locus.js';
export type { AddedAllele, ExtendTableResult, UnseenAllelePolicy } from './frequencies/unseen.js';
export { DEFAULT_UNSEEN_POLICY, extendTable } from './frequencies/unseen.js';
export type {
  DVICaseDocument,
  DVIFamilyDocument,
  GenotypesDocument,
  KinshipCaseDocument,
  LocusDocument,
  MutationDocument,
  MutationModelDocument,
  PedigreeDocument,
  PersonDocument,
  SameAsDocument,
  SampleObservationDocument,
} from './io/case-document.js';
export type { ParseCaseOptions } from './io/case-file.js';
export { formatCase, parseCase, safeParseCase } from './io/case-file.js';
export {
  checkDVICase,
  checkKinshipCase,
  computeDVI,
  computeKinshipLR,
  createDVICase,
  createKinshipCase,
} from './io/check-case.js';
export { parseCodisCmf } from './io/codis-cmf.js';
export type { DVIAnswer } from './io/dvi-answer.js';
export { formatDVIAnswer } from './io/dvi-answer.js';
export { formatDVICase, parseDVICase, safeParseDVICase } from './io/dvi-file.js';
export { parseFamiliasFam } from './io/familias-fam.js';
export { formatFamiliasFam } from './io/familias-format.js';
export type { ParsedFrequencyTable, ParseFrequencyOptions } from './io/frequency-file.js';
export {
  formatFrequencyCsv,
  formatFrequencyList,
  parseFrequencyCsv,
  parseFrequencyList,
} from './io/frequency-file.js';
export { formatFrequencyWide, parseFrequencyWide } from './io/frequency-wide.js';
export { parseGeneMapper } from './io/genemapper.js';
export type { ImportReport } from './io/import-report.js';
export { formatImportReport } from './io/import-report.js';
export type { SafeParseResult } from './io/json-value.js';
export type { LRAnswer } from './io/lr-answer.js';
export { formatLRAnswer, formatLRTable } from './io/lr-answer.js';
export { parseStriderXml } from './io/strider-xml.js';
export type { CaseDocument, CaseValidationReport } from './io/validate-case.js';
export {
  parseCaseDocument,
  safeParseCaseDocument,
  validateCaseText,
} from './io/validate-case.js';
export { bruteForceLikelihood } from './likelihood/brute-force.js';
export { computeLocusLogLikelihood } from './likelihood/compute-likelihood.js';
export type { ComputeBudget } from './likelihood/eliminate.js';
export type { JointGenotypeTable } from './likelihood/genotype-distribution.js';
export { computeJointWithPerson } from './likelihood/genotype-distribution.js';
export { locusLogLikelihood } from './likelihood/locus-log-likelihood.js';
export type { PreparedLocus, PrepareOptions } from './likelihood/prepare-locus.js';
export { encodeGenotypes, observedAlleles, prepareLocus } from './likelihood/prepare-locus.js';
export type { LocusProblem } from './likelihood/problem.js';
export { computeThetaLikelihood } from './likelihood/theta.js';
export type { LumpedMatrices, LumpedModel } from './mutation/lumping.js';
export { isLumpable, lumpMatrices, lumpMatrix } from './mutation/lumping.js';
export type { MatrixOptions, SexMatrices } from './mutation/matrix.js';
export { buildMatrices, buildMutationMatrix } from './mutation/matrix.js';
export { expectedMutationRate, isStationary, rowSums } from './mutation/properties.js';
export type {
  CustomModel,
  EqualModel,
  MutationModel,
  MutationSpec,
  OnestepModel,
  ProportionalModel,
  SexSpecificMutation,
  StepwiseModel,
} from './mutation/types.js';
export { isSexSpecific } from './mutation/types.js';
export type { ChildSpec, Line, PairSpec } from './pedigree/builders.js';
export {
  avuncular,
  directMatch,
  firstCousins,
  fullSiblings,
  grandparent,
  greatGrandparent,
  halfSiblings,
  nuclearFamily,
  parentChild,
  unrelated,
} from './pedigree/builders.js';
export type { CreatePedigreeOptions, SafePedigreeResult } from './pedigree/create-pedigree.js';
export { createPedigree, safeCreatePedigree } from './pedigree/create-pedigree.js';
export type {
  Pedigree,
  PedigreeRecord,
  PersonRecord,
  SameAsRecord,
  Sex,
} from './pedigree/pedigree.js';
export { FEMALE, isFounder, isSameAsRecord, MALE, pedigreeSize } from './pedigree/pedigree.js';
export type { Allele } from './profile/allele.js';
export { compareAlleleLabels, isNumericAllele, parseAllele } from './profile/allele.js';
export type { EncodedProfile, EncodeOptions } from './profile/encode-profile.js';
export { encodeProfile, encodeProfiles } from './profile/encode-profile.js';
export type { Genotype } from './profile/genotype.js';
export { sexFromAmelogenin, validateGenotype } from './profile/genotype.js';
export type { GenotypeMap } from './profile/genotype-map.js';
export type { MarkerInfo, MarkerKind } from './profile/markers.js';
export {
  canonicalMarkerName,
  isSexMarker,
  listMarkers,
  markersOfKit,
  resolveMarkerName,
} from './profile/markers.js';
export type {
  CreateProfileOptions,
  Profile,
  ProfileInput,
  ProfileKind,
} from './profile/profile.js';
export { createProfile, PROFILE_KINDS } from './profile/profile.js';
export type { CaseProvenanceContext } from './provenance/case-provenance.js';
export { caseProvenance } from './provenance/case-provenance.js';
export {
  canonicalFrequencyText,
  frequencyTableSHA256,
  lociFrequencySHA256,
} from './provenance/frequency-hash.js';
export type {
  FrequencyTableIdentity,
  InputDocument,
  LocusModel,
  Provenance,
  ProvenanceInput,
} from './provenance/provenance.js';
export { createProvenance, formatProvenanceLine } from './provenance/provenance.js';
export { KINDRED_VERSION } from './provenance/version.js';
export { ibdLocusLR, ibdRatios, parentChildLocusLR } from './relationships/ibd.js';
export type {
  HypothesisLR,
  KinshipLROptions,
  KinshipLRResult,
  LocusLR,
} from './relationships/kinship-lr.js';
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
export type { Hypothesis, KinshipCase } from './relationships/types.js';
export type { CaseReportOptions } from './report/case-report.js';
export { renderCaseReport } from './report/case-report.js';
export type { DVIReportOptions } from './report/dvi-report.js';
export { renderDVIReport } from './report/dvi-report.js';
export type {
  Box,
  LaidOutPerson,
  LayoutLine,
  PedigreeDrawingOptions,
  PedigreeLayout,
} from './report/pedigree-layout.js';
export { layoutPedigree } from './report/pedigree-layout.js';
export { drawPedigreeSVG, renderPedigreeSVG } from './report/pedigree-svg.js';
export {
  deserializeIndex,
  readIndexFile,
  serializeIndex,
  writeIndexFile,
} from './search/index/index-file.js';
export type { SearchIndexOptions } from './search/index/search-index.js';
export { SearchIndex } from './search/index/search-index.js';
export type { MatchCategory, Thresholds } from './search/rank/categories.js';
export {
  categorize,
  DEFAULT_MATCH_THRESHOLD,
  DEFAULT_PROBABLE_THRESHOLD,
  posteriors,
  verbalScale,
} from './search/rank/categories.js';
export type { LocusHit, RankOptions, SearchHit } from './search/rank/hit.js';
export { rankFamilies, rankRemains } from './search/rank/rank.js';
export type { RankAllResult } from './search/rank/rank-all.js';
export { rankAll } from './search/rank/rank-all.js';
export type { DVICase, Family } from './search/types.js';
export { dropGenes } from './sim/gene-drop.js';
export type { Rng } from './sim/prng.js';
export { createRng } from './sim/prng.js';
export { randomGenotype, randomProfile } from './sim/random-genotype.js';
export type { ImportBatch, ImportBatchOptions } from './store/import-batch.js';
export { importBatch, importBatches } from './store/import-batch.js';
export { detectImportFormat, readImportFile } from './store/import-sources.js';
export type { SearchStoreOptions, SearchSummary } from './store/match-search.js';
export { searchStore } from './store/match-search.js';
export { createMemoryStore } from './store/memory-store.js';
export type {
  MatchRecord,
  MatchStatus,
  ProfileStore,
  StoredFamily,
  StoredProfile,
  StoreReader,
  StoreWriter,
} from './store/profile-store.js';
export { MATCH_STATUSES } from './store/profile-store.js';
export { exportDVIDocument, exportFamilias } from './store/store-export.js';
export { registerKindredErrorTransfer } from './workers/error-transfer.js';
export type {
  SearchControl,
  SearchPool,
  SearchPoolOptions,
  SearchProgress,
} from './workers/search-pool.js';
export { createSearchPool, defaultThreadCount } from './workers/search-pool.js';
export { createWebSpawner } from './workers/spawn-web.js';
export type { SpawnWorker, WorkerHandle } from './workers/worker-handle.js';
