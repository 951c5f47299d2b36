/**
 * What a Kindred worker exposes through comlink: load a packed index (kept until another one is
 * loaded), start a search (its per-search constants), run tiles; and for programme power, load
 * a document (kept until another one is loaded) and run one family's task of it. The same object serves Node
 * `worker_threads` and browser Web Workers; only the endpoint differs (see `node-worker.ts` and
 * `browser-worker.ts`).
 *
 * @module
 */
import { type Endpoint, expose, transfer } from 'comlink';
import { isKindredError, KindredError, type KindredErrorJSON } from '../errors.js';
import type { Locus } from '../frequencies/locus.js';
import type { FamilyMissingPower } from '../power/family-power.js';
import {
  computeFamilyPowerTask,
  type PowerTask,
  type PowerTaskOptions,
} from '../power/programme-power.js';
import type { ObservationMap } from '../profile/observation.js';
import type { IndexEntry } from '../search/index/family.js';
import { writeColumns } from '../search/index/score-store.js';
import { SearchIndex, type SearchIndexOptions } from '../search/index/search-index.js';
import { runTile, type TileSearch, type TileTask } from '../search/rank/tile-kernel.js';
import type { DVICase, Family } from '../search/types.js';
import { registerKindredErrorTransfer } from './error-transfer.js';
import type { PackedIndex } from './packed-index.js';
import { type ScoringView, unpackIndex } from './scoring-view.js';

/** A search as a worker receives it. */
export interface WorkerSearch extends TileSearch {
  /** Id of the packed index the search runs on (must be loaded). */
  readonly indexId: string;
}

/** A programme power job as a worker receives it (a structured clone of a validated document). */
export interface WorkerPowerJob {
  /** Id of the job (tasks name it). */
  readonly id: string;
  /** The document, validated on the main thread. */
  readonly dvi: DVICase;
  /** The options every task runs with. */
  readonly options: PowerTaskOptions;
}

/**
 * An index build as a worker receives it: the index's loci and options (each worker makes an
 * empty index of them and computes families through its `_familyEntries`, the computation of
 * `SearchIndex.addFamily`), and where the ln LRs go.
 */
export interface WorkerBuildJob {
  /** Id of the build (batches name it). */
  readonly id: string;
  readonly loci: readonly Locus[];
  readonly theta: number;
  /** Lumping, consistency and budget of the index (the unseen policy plays no part here). */
  readonly options: Omit<SearchIndexOptions, 'theta' | 'unseen'>;
  /** Drop-out and drop-in of the families' samples, by person id. */
  readonly observation?: ObservationMap | undefined;
  /**
   * The packed buffer (shared memory) whose values section (`values[slot·stride + e]`, at byte
   * 0) the worker writes each batch's columns into; absent when memory is not shared: each batch
   * then returns its columns.
   */
  readonly buffer?: SharedArrayBuffer | undefined;
  /** Entries per slot row of the values section (every entry of the index). */
  readonly stride: number;
}

/** A batch of consecutive families of a build. */
export interface WorkerBuildBatch {
  /** Position in the index of the batch's first entry (its first family's first missing person). */
  readonly first: number;
  readonly families: readonly Family[];
}

/** What a worker gives back for a batch. */
export interface WorkerBuiltBatch {
  /** Entries (without columns) of each family built, in batch order (all, or those before `failed`). */
  readonly entries: readonly (readonly IndexEntry[])[];
  /**
   * The first family of the batch that could not be indexed: its position in the batch and the
   * KindredError it threw, as JSON (`KindredError.fromJSON` rebuilds it).
   */
  readonly failed?: { readonly at: number; readonly error: KindredErrorJSON };
  /**
   * Without shared memory: the batch's columns, entry-major (`columns[j·slots + s]` for its j-th
   * entry), transferred.
   */
  readonly columns?: Float64Array;
}

/** The methods of a search worker (all results arrive as promises on the caller's side). */
export interface SearchWorkerApi {
  /** Start an index build (replacing any earlier one). */
  loadBuild(job: WorkerBuildJob): void;
  /**
   * Index a batch of families of the loaded build: their columns go into the shared values
   * section (or come back), their entries come back. A family that throws a KindredError stops
   * the batch and is reported in `failed`; other errors are thrown.
   */
  buildBatch(jobId: string, batch: WorkerBuildBatch): WorkerBuiltBatch;
  /** Drop the loaded build. */
  endBuild(): void;
  /** Load a programme power job (replacing any earlier one). */
  loadPower(job: WorkerPowerJob): void;
  /** Run one family's task of the loaded job (`computeFamilyPowerTask`). */
  powerTask(jobId: string, task: PowerTask): FamilyMissingPower[];
  /** Load a packed index (a SharedArrayBuffer is used in place; an ArrayBuffer is kept). */
  load(packed: PackedIndex): void;
  /** Set the constants of the next tiles. */
  begin(search: WorkerSearch): void;
  /** Run one tile and return it with its states updated (buffers transferred back). */
  runTile(task: TileTask): TileTask;
}

/**
 * The worker-side implementation of {@link SearchWorkerApi}.
 *
 * @returns a fresh API object with no index loaded
 * @throws KindredError `INVALID_ARGUMENT` from its methods: a damaged packed index (see
 *   `unpackIndex`), a search on an index that is not loaded, a tile outside the index
 * @example
 * ```ts
 * const api = createSearchWorkerApi();
 * api.load(shareSearchIndex(index).packed); // => undefined
 * ```
 */
export function createSearchWorkerApi(): SearchWorkerApi {
  let loaded: { id: string; view: ScoringView } | undefined;
  let search: WorkerSearch | undefined;
  let power: WorkerPowerJob | undefined;
  let build: { job: WorkerBuildJob; index: SearchIndex; values?: Float64Array } | undefined;
  let stage = new Float64Array(0);
  return {
    loadBuild(job: WorkerBuildJob): void {
      build = undefined;
      const index = new SearchIndex(job.loci, { ...job.options, theta: job.theta });
      const slots = index.layout.slots;
      build = {
        job,
        index,
        ...(job.buffer !== undefined
          ? { values: new Float64Array(job.buffer, 0, slots * job.stride) }
          : {}),
      };
    },
    buildBatch(jobId: string, batch: WorkerBuildBatch): WorkerBuiltBatch {
      if (build === undefined || build.job.id !== jobId) {
        throw new KindredError(
          'INVALID_ARGUMENT',
          `Build batch of job "${jobId}", but this worker holds ${build === undefined ? 'none' : `"${build.job.id}"`}`,
          { path: ['jobId'] },
        );
      }
      const { job, index } = build;
      const slots = index.layout.slots;
      const count = batch.families.reduce((n, f) => n + f.missing.length, 0);
      if (
        !(Number.isInteger(batch.first) && batch.first >= 0 && batch.first + count <= job.stride)
      ) {
        throw new KindredError(
          'INVALID_ARGUMENT',
          `Build batch of ${count} entries from entry ${batch.first} is outside the index (${job.stride} entries)`,
          { path: ['first'] },
        );
      }
      if (stage.length < count * slots) stage = new Float64Array(count * slots);
      const entries: IndexEntry[][] = [];
      let failed: WorkerBuiltBatch['failed'];
      let j = 0;
      for (const [at, family] of batch.families.entries()) {
        // Each missing person's column is written straight into its place in the stage.
        const columns = family.missing.map((_, k) =>
          stage.subarray((j + k) * slots, (j + k + 1) * slots),
        );
        try {
          const built = index._familyEntries(family, job.observation, columns);
          entries.push(built.map(({ logLR: _, ...e }) => e));
        } catch (e) {
          if (!isKindredError(e)) throw e;
          failed = { at, error: e.toJSON() };
          break;
        }
        j += family.missing.length;
      }
      if (build.values !== undefined) {
        writeColumns(stage, j, slots, build.values, job.stride, batch.first);
        return { entries, ...(failed !== undefined ? { failed } : {}) };
      }
      const columns = stage.slice(0, j * slots);
      return transfer({ entries, columns, ...(failed !== undefined ? { failed } : {}) }, [
        columns.buffer,
      ]);
    },
    endBuild(): void {
      build = undefined;
      stage = new Float64Array(0);
    },
    loadPower(job: WorkerPowerJob): void {
      power = job;
    },
    powerTask(jobId: string, task: PowerTask): FamilyMissingPower[] {
      if (power === undefined || power.id !== jobId) {
        throw new KindredError(
          'INVALID_ARGUMENT',
          `Power task of job "${jobId}", but this worker holds ${power === undefined ? 'none' : `"${power.id}"`}`,
          { path: ['jobId'] },
        );
      }
      const n = power.dvi.families.length;
      if (!(Number.isInteger(task.family) && task.family >= 0 && task.family < n)) {
        throw new KindredError(
          'INVALID_ARGUMENT',
          `Power task of family ${task.family}, but the document has ${n} families`,
          { path: ['task', 'family'] },
        );
      }
      return computeFamilyPowerTask(power.dvi, task, power.options);
    },
    load(packed: PackedIndex): void {
      loaded = undefined;
      search = undefined;
      loaded = { id: packed.id, view: unpackIndex(packed) };
    },
    begin(s: WorkerSearch): void {
      if (loaded === undefined || loaded.id !== s.indexId) {
        throw new KindredError(
          'INVALID_ARGUMENT',
          `Search on packed index "${s.indexId}", but this worker holds ${loaded === undefined ? 'none' : `"${loaded.id}"`}`,
          { path: ['indexId'] },
        );
      }
      search = s;
    },
    runTile(task: TileTask): TileTask {
      if (loaded === undefined || search === undefined) {
        throw new KindredError('INVALID_ARGUMENT', 'Tile sent before an index and a search', {
          path: ['tile'],
        });
      }
      const v = loaded.view;
      const fits = (lo: number, hi: number, n: number): boolean =>
        Number.isInteger(lo) && Number.isInteger(hi) && lo >= 0 && lo <= hi && hi <= n;
      if (!fits(task.r0, task.r1, v.remains) || !fits(task.e0, task.e1, v.entries)) {
        throw new KindredError(
          'INVALID_ARGUMENT',
          `Tile remains ${task.r0}..${task.r1} × entries ${task.e0}..${task.e1} is outside the index (${v.remains} × ${v.entries})`,
          { path: ['tile'] },
        );
      }
      const done = runTile(v, search, task);
      return transfer(done, taskBuffers(done));
    },
  };
}

/**
 * Expose a fresh search worker API on an endpoint (the worker entry calls this once), with the
 * KindredError transfer handlers registered.
 *
 * @param endpoint - the worker's endpoint (`self`, or comlink's node adapter on `parentPort`)
 * @example
 * ```ts
 * exposeSearchWorker(nodeEndpoint(parentPort)); // => undefined
 * ```
 */
export function exposeSearchWorker(endpoint: Endpoint): void {
  registerKindredErrorTransfer();
  expose(createSearchWorkerApi(), endpoint);
}

/**
 * Every buffer of a task, for transferring it between threads.
 *
 * @param task - a tile task
 * @returns its eight buffers
 * @example
 * ```ts
 * taskBuffers(task).length; // => 8
 * ```
 */
export function taskBuffers(task: TileTask): ArrayBuffer[] {
  const arrays = [task.rows, task.cols, task.rowTop.count, task.rowTop.index, task.rowTop.lnLR];
  arrays.push(task.colTop.count, task.colTop.index, task.colTop.lnLR);
  return arrays.map((a) => a.buffer as ArrayBuffer);
}
