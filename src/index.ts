/**
 * Kindred: kinship DNA matching in pure TypeScript — exact pedigree likelihood ratios,
 * missing-persons search and disaster victim identification. The main entry holds one way to
 * do each task and imports nothing Node-only (it bundles for a browser, `test/package.test.ts`):
 *
 * - a kinship case: {@link createProfile} / {@link createPedigree} / {@link createFrequencyTable}
 *   → {@link createKinshipCase} (or {@link parseCase} of a `kindred-case/1` file) →
 *   {@link computeKinshipLR} → {@link formatLRAnswer};
 * - a search: {@link SearchIndex} → {@link rankAll} in this thread, or
 *   {@link createSearchPool}`().search` on workers (the same result);
 * - joint DVI: {@link createDVICase} / {@link parseDVICase} → {@link computeDVI}; remains
 *   against remains and an elimination set: {@link findDirectMatches};
 * - power: {@link computeFamilyPower}; reports: {@link renderCaseReport}, {@link renderDVIReport}.
 *
 * The rest is in sub-paths: `kindred/node` (files and Node worker threads), `kindred/io` (lab
 * and frequency formats), `kindred/store` and `kindred/sqlite` (the programme store),
 * `kindred/workers` (the pool's parts), `kindred/report` (reports and drawings),
 * `kindred/engine` (the likelihood engine, mutation models, closed forms, simulation, power's
 * parts). Named re-exports only.
 *
 * @module
 */

export type {
  DirectMatch,
  DirectMatchLR,
  DirectMatchOptions,
  DirectMatchResult,
  DirectProfile,
} from './dvi/direct-match.js';
export {
  computeDirectMatch,
  DEFAULT_DIRECT_THRESHOLD,
  findDirectMatches,
} from './dvi/direct-match.js';
export type { DVIOptions, DVIResult, JointAssignment, PairingConclusion } from './dvi/dvi.js';
export { NOT_IDENTIFIED } from './dvi/dvi.js';
export type {
  ErrorPath,
  KindredErrorCode,
  KindredErrorJSON,
  KindredErrorOptions,
} from './errors.js';
export { formatPath, isKindredError, KindredError } from './errors.js';
export type { FrequencyDatabase } from './frequencies/frequency-database.js';
export { createFrequencyDatabase } from './frequencies/frequency-database.js';
export type {
  CreateFrequencyTableResult,
  FrequencyOptions,
  FrequencyTable,
  FrequencyTableInput,
  MarkerFrequencies,
} from './frequencies/frequency-table.js';
export { createFrequencyTable } from './frequencies/frequency-table.js';
export type { Chromosome, Locus } from './frequencies/locus.js';
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
export type { DVIAnswer } from './io/dvi-answer.js';
export { formatDVIAnswer } from './io/dvi-answer.js';
export type { ParseDVIOptions } from './io/dvi-file.js';
export { formatDVICase, parseDVICase, safeParseDVICase } from './io/dvi-file.js';
export type { SafeParseResult } from './io/json-value.js';
export type { LRAnswer } from './io/lr-answer.js';
export { formatLRAnswer, formatLRTable } from './io/lr-answer.js';
export type { CaseDocument, CaseValidationReport } from './io/validate-case.js';
export { validateCaseText } from './io/validate-case.js';
export type { ComputeBudget } from './likelihood/eliminate.js';
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
export type { CreatePedigreeOptions } from './pedigree/create-pedigree.js';
export { createPedigree } from './pedigree/create-pedigree.js';
export type {
  Pedigree,
  PedigreeRecord,
  PersonRecord,
  SameAsRecord,
  Sex,
} from './pedigree/pedigree.js';
export type {
  CandidatePower,
  FamilyMissingPower,
  FamilyPowerOptions,
  ReferenceSetPower,
} from './power/family-power.js';
export { computeFamilyPower } from './power/family-power.js';
export type { Allele } from './profile/allele.js';
export type { Genotype } from './profile/genotype.js';
export type { GenotypeMap } from './profile/genotype-map.js';
export { markersOfKit } from './profile/markers.js';
export type {
  CreateProfileOptions,
  Profile,
  ProfileInput,
  ProfileKind,
} from './profile/profile.js';
export { createProfile } from './profile/profile.js';
export { frequencyTableSHA256 } from './provenance/frequency-hash.js';
export type {
  FrequencyTableIdentity,
  InputDocument,
  LocusModel,
  Provenance,
  ProvenanceInput,
} from './provenance/provenance.js';
export { KINDRED_VERSION } from './provenance/version.js';
export type {
  HypothesisLR,
  KinshipLROptions,
  KinshipLRResult,
  LocusLR,
} from './relationships/kinship-lr.js';
export type { Hypothesis, KinshipCase } from './relationships/types.js';
export type { CaseReportOptions } from './report/case-report.js';
export { renderCaseReport } from './report/case-report.js';
export type { DVIReportOptions } from './report/dvi-report.js';
export { renderDVIReport } from './report/dvi-report.js';
export { deserializeIndex, serializeIndex } from './search/index/index-file.js';
export type { SearchIndexOptions } from './search/index/search-index.js';
export { SearchIndex } from './search/index/search-index.js';
export type { MatchCategory, Thresholds } from './search/rank/categories.js';
export type { LocusHit, RankOptions, SearchHit } from './search/rank/hit.js';
export type { RankAllResult } from './search/rank/rank-all.js';
export { rankAll } from './search/rank/rank-all.js';
export type { DVICase, Family } from './search/types.js';
export type {
  SearchControl,
  SearchPool,
  SearchPoolOptions,
  SearchProgress,
} from './workers/search-pool.js';
export { createSearchPool, defaultThreadCount } from './workers/search-pool.js';
export { createWebSpawner } from './workers/spawn-web.js';
export type { SpawnWorker, WorkerHandle } from './workers/worker-handle.js';
