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
import { KindredError } from '../errors.js';
import type { FamilyMissingPower } from '../power/family-power.js';
import {
  computeFamilyPowerTask,
  type PowerTask,
  type PowerTaskOptions,
} from '../power/programme-power.js';
import { runTile, type TileSearch, type TileTask } from '../search/rank/tile-kernel.js';
import type { DVICase } from '../search/types.js';
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

/** The methods of a search worker (all results arrive as promises on the caller's side). */
export interface SearchWorkerApi {
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
  return {
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
