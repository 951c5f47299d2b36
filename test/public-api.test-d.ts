/**
 * Type test of the public API (issue 16, item 4): the signatures of the main path of the
 * package's main entry, `kindred` (src/index.ts) — profile → case → LR, index → rank / pool,
 * DVI, power, report — and that internals are not on it. Checked by the compiler
 * (`npm run typecheck`, which includes test/): `expectTypeOf` fails to compile on a mismatch,
 * and `toBeNever` when a name that must stay off the main entry comes back.
 */
import { expectTypeOf } from 'vitest';
import type { ComputeBudget as EngineBudget } from '../src/engine.js';
import type * as Root from '../src/index.js';
import {
  type CaseReportOptions,
  type ComputeBudget,
  computeDVI,
  computeFamilyPower,
  computeKinshipLR,
  createFrequencyTable,
  createKinshipCase,
  createPedigree,
  createProfile,
  createSearchPool,
  createWebSpawner,
  type DVICase,
  type DVIOptions,
  type DVIResult,
  type Family,
  type FamilyMissingPower,
  type FamilyPowerOptions,
  formatLRAnswer,
  isKindredError,
  type KindredError,
  type KindredErrorCode,
  type KinshipCase,
  type KinshipCaseDocument,
  type KinshipLROptions,
  type KinshipLRResult,
  type Locus,
  type LRAnswer,
  type ParseCaseOptions,
  type ParseDVIOptions,
  parseCase,
  parseDVICase,
  type RankAllResult,
  type RankOptions,
  rankAll,
  renderCaseReport,
  SearchIndex,
  type SearchIndexOptions,
  type SearchPool,
  type SearchPoolOptions,
  type SpawnWorker,
} from '../src/index.js';

// profile → case → LR
expectTypeOf(parseCase).toEqualTypeOf<
  (input: unknown, options?: ParseCaseOptions) => KinshipCase
>();
expectTypeOf(createKinshipCase).toEqualTypeOf<
  (document: KinshipCaseDocument, options?: ParseCaseOptions) => KinshipCase
>();
expectTypeOf(computeKinshipLR).toEqualTypeOf<
  (kcase: KinshipCase, options?: KinshipLROptions) => KinshipLRResult
>();
expectTypeOf<KinshipLRResult['hypotheses'][number]['log10LR']>().toEqualTypeOf<number | null>();
expectTypeOf<KinshipLROptions['budget']>().toEqualTypeOf<ComputeBudget | undefined>();
expectTypeOf(formatLRAnswer).parameter(0).toEqualTypeOf<KinshipLRResult>();
expectTypeOf(formatLRAnswer).returns.toEqualTypeOf<LRAnswer>();
expectTypeOf(createProfile).returns.toHaveProperty('genotypes');
expectTypeOf(createPedigree).returns.toHaveProperty('ids');
expectTypeOf(createFrequencyTable).returns.toHaveProperty('table');
// one budget type, the same on the main entry and in kindred/engine
expectTypeOf<ComputeBudget>().toEqualTypeOf<EngineBudget>();

// index → rank in this thread, or on a pool (the same result type)
expectTypeOf(SearchIndex.fromDVICase).toEqualTypeOf<
  (
    dvi: DVICase,
    options?: Omit<SearchIndexOptions, 'theta'>,
    onStep?: (done: number, total: number) => void,
  ) => SearchIndex
>();
expectTypeOf(rankAll).toEqualTypeOf<(index: SearchIndex, options?: RankOptions) => RankAllResult>();
expectTypeOf(createSearchPool).toEqualTypeOf<(options?: SearchPoolOptions) => SearchPool>();
expectTypeOf<ReturnType<SearchPool['search']>>().toEqualTypeOf<Promise<RankAllResult>>();
expectTypeOf(createWebSpawner).toEqualTypeOf<(workerUrl?: string | URL) => SpawnWorker>();
expectTypeOf<SearchPoolOptions['spawn']>().toEqualTypeOf<SpawnWorker | undefined>();

// DVI
expectTypeOf(parseDVICase).toEqualTypeOf<(input: unknown, options?: ParseDVIOptions) => DVICase>();
expectTypeOf(computeDVI).toEqualTypeOf<(dviCase: DVICase, options?: DVIOptions) => DVIResult>();

// power
expectTypeOf(computeFamilyPower).toEqualTypeOf<
  (family: Family, loci: readonly Locus[], options?: FamilyPowerOptions) => FamilyMissingPower[]
>();

// report
expectTypeOf(renderCaseReport).toEqualTypeOf<
  (kcase: KinshipCase, options?: CaseReportOptions) => string
>();

// errors
expectTypeOf(isKindredError).guards.toEqualTypeOf<KindredError>();
expectTypeOf<KindredError['code']>().toEqualTypeOf<KindredErrorCode>();

// internals stay off the main entry (they live in kindred/engine, kindred/node, …): the test
// oracle, low-level locus functions, pairwise closed forms, file-system helpers
expectTypeOf<
  Extract<
    keyof typeof Root,
    | 'bruteForceLikelihood'
    | 'computeLocusLikelihood'
    | 'locusProblem'
    | 'computeThetaLikelihood'
    | 'pairwiseLRBatch'
    | 'pairwiseLRMany'
    | 'pairwiseLocusLR'
    | 'ibdLocusLR'
    | 'readIndexFile'
    | 'writeIndexFile'
    | 'readImportFile'
    | 'createNodeSpawner'
  >
>().toBeNever();
// and the check can fail: a name that is on the main entry is found
expectTypeOf<Extract<keyof typeof Root, 'computeKinshipLR'>>().toEqualTypeOf<'computeKinshipLR'>();
