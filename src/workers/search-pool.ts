/**
 * A pool of search workers (Node worker threads or browser Web Workers, through comlink) that
 * runs rankAll over every remains × every indexed missing person on all cores and returns
 * exactly rankAll's result. The index is packed once into a SharedArrayBuffer that every worker
 * reads in place (or, where memory cannot be shared, an ArrayBuffer copied once per worker);
 * the matrix is cut into tiles run in wavefront order (`tile-plan.ts`; the kernel is `search/rank/tile-kernel.ts`).
 * Searches on one pool run one after another; workers start on first use and are replaced after
 * a crash or an abort.
 *
 * @module
 */
import { KindredError } from '../errors.js';
import {
  assembleProgrammePower,
  checkProgrammePowerOptions,
  type ProgrammePower,
  type ProgrammePowerOptions,
  powerTasks,
} from '../power/programme-power.js';
import { SearchIndex, type SearchIndexOptions } from '../search/index/search-index.js';
import type { RankOptions } from '../search/rank/hit.js';
import type { RankAllResult } from '../search/rank/rank-all.js';
import { assembleRankAll } from '../search/rank/rank-assembly.js';
import { createRankState } from '../search/rank/rank-state.js';
import type { DVICase } from '../search/types.js';
import { registerKindredErrorTransfer } from './error-transfer.js';
import {
  _finishPacked,
  canShareMemory,
  isSharedSearchIndex,
  isSnapshotCurrent,
  type SharedSearchIndex,
} from './packed-index.js';
import { _buildBatches, _executeBuild, _prepareBuild, type BuildControl } from './pool-build.js';
import { _executePower, type PowerControl } from './pool-power.js';
import { _executeTiles, type _Slot, _shareCached, type SearchControl } from './pool-run.js';
import { planTiles, type TileSize } from './tile-plan.js';
import type { SpawnWorker } from './worker-handle.js';

export type { BuildControl, BuildProgress } from './pool-build.js';
export type { PowerControl, PowerProgress } from './pool-power.js';
export type { SearchControl, SearchProgress } from './pool-run.js';

/** Options of {@link createSearchPool}. */
export interface SearchPoolOptions {
  /** Worker threads (default: the number of logical cores). */
  readonly threads?: number;
  /** Script of the workers (default: the package's own; in browsers `./browser-worker.js`). */
  readonly workerUrl?: string | URL;
  /** Start workers another way (tests, custom bundlers); overrides `workerUrl`. */
  readonly spawn?: SpawnWorker;
  /** Share the packed index through a SharedArrayBuffer (default: when the platform allows). */
  readonly shareMemory?: boolean;
  /** Tile size in remains × entries (default ~2^18 pairs, at least 4 tiles per side per thread). */
  readonly tile?: TileSize;
  /**
   * Liveness deadline: milliseconds a worker may take for one task (loading the index, starting
   * a search, one tile) before it is taken for stuck, stopped, and the search rejected with
   * `WORKER_TIMEOUT` naming the worker and the task; the next search starts fresh workers.
   * Default {@link DEFAULT_TASK_TIMEOUT_MS}.
   */
  readonly taskTimeoutMs?: number;
}

/**
 * Default per-task deadline of a pool, 120 s: a default tile (~2^18 pairs) takes well under a
 * second on one core, and loading a copied index a few seconds at most.
 */
export const DEFAULT_TASK_TIMEOUT_MS = 120_000;

/** A pool of search workers. */
export interface SearchPool {
  /** Number of worker threads the pool uses at most. */
  readonly threads: number;
  /** Workers currently running. */
  readonly liveWorkers: number;
  /**
   * rankAll over the whole index on the pool's workers (same result, bit for bit).
   *
   * @throws KindredError `ABORTED` when `control.signal` aborts (workers are stopped first),
   *   `WORKER_CRASHED` when a worker dies, `WORKER_TIMEOUT` when a worker does not answer a task
   *   within `taskTimeoutMs` (it is stopped; the pool stays usable), `INVALID_ARGUMENT` for
   *   invalid options, a closed pool, or an index that is neither a SearchIndex nor a current
   *   snapshot from shareSearchIndex (one copied or built by hand, or whose index changed since),
   *   and any KindredError a worker throws, with its code and path
   */
  search(
    index: SearchIndex | SharedSearchIndex,
    options?: RankOptions,
    control?: SearchControl,
  ): Promise<RankAllResult>;
  /**
   * `SearchIndex.fromDVICase` on the pool's workers: the same index, entry for entry and value
   * for value (see `pool-build.ts`), built with every worker, its ln LRs written straight into
   * the shared buffer that {@link SearchPool.search} then scores in place (no packing, no second
   * copy). The case budget is checked once, on the calling thread, before any family.
   *
   * @param dvi - a validated `kindred-dvi/1` case
   * @param options - lumping, unseen-allele policy, consistency, budget (theta is the case's)
   * @param control - progress (families indexed) and cancellation
   * @returns the filled index
   * @throws KindredError as `SearchIndex.fromDVICase` (the error of the first family, in document
   *   order, that cannot be indexed, then of the first remains), and as {@link SearchPool.search}
   *   for the pool (`ABORTED`, `WORKER_CRASHED`, `WORKER_TIMEOUT` naming the families)
   * @example
   * ```ts
   * const index = await pool.buildIndex(dvi); // deep-equals SearchIndex.fromDVICase(dvi)
   * const result = await pool.search(index, { top: 5 }); // scores the buffer built above
   * ```
   */
  buildIndex(
    dvi: DVICase,
    options?: Omit<SearchIndexOptions, 'theta'>,
    control?: BuildControl,
  ): Promise<SearchIndex>;
  /**
   * computeProgrammePower over every family of a document on the pool's workers (same report,
   * number for number, at any thread count): each worker takes the next family when it is free.
   *
   * @throws KindredError as {@link SearchPool.search} for the pool (`ABORTED`, `WORKER_CRASHED`,
   *   `WORKER_TIMEOUT` naming the family), and as computeProgrammePower for the document and the
   *   options (`options.onProgress` is refused: progress goes through `control.onProgress`)
   */
  power(
    dvi: DVICase,
    options?: ProgrammePowerOptions,
    control?: PowerControl,
  ): Promise<ProgrammePower>;
  /** Stop every worker (an ongoing search rejects with `ABORTED`); resolves when all have exited. */
  close(): Promise<void>;
}

/**
 * The default thread count: logical cores from `navigator.hardwareConcurrency` (browsers), else
 * Node's `os.availableParallelism()`, else 1.
 *
 * @returns a positive integer
 * @example
 * ```ts
 * defaultThreadCount(); // => 2 on a 2-core machine
 * ```
 */
export function defaultThreadCount(): number {
  const g = globalThis as {
    navigator?: { hardwareConcurrency?: number };
    process?: { getBuiltinModule?: (id: string) => unknown };
  };
  const hc = g.navigator?.hardwareConcurrency;
  if (typeof hc === 'number' && hc >= 1) return hc;
  const os = g.process?.getBuiltinModule?.('node:os') as
    | { availableParallelism?: () => number; cpus: () => unknown[] }
    | undefined;
  if (os !== undefined) return Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
  return 1;
}

function _defaultSpawner(workerUrl: string | URL | undefined): SpawnWorker {
  if (typeof (globalThis as { Worker?: unknown }).Worker === 'function') {
    let web: SpawnWorker | undefined;
    return async (slot) => {
      web ??= (await import('./spawn-web.js')).createWebSpawner(workerUrl);
      return web(slot);
    };
  }
  let node: SpawnWorker | undefined;
  return async (slot) => {
    node ??= (await import('./spawn-node.js')).createNodeSpawner(
      workerUrl !== undefined ? { workerUrl } : {},
    );
    return node(slot);
  };
}

/**
 * Create a pool of search workers (see module doc). No thread starts before the first search.
 *
 * @param options - threads, worker script, memory sharing, tile size
 * @returns the pool
 * @throws KindredError `INVALID_ARGUMENT` when `threads` is not a positive integer or
 *   `taskTimeoutMs` not a positive number
 * @example
 * ```ts
 * const pool = createSearchPool({ threads: 2 });
 * const result = await pool.search(index, { top: 5 }); // deep-equals rankAll(index, { top: 5 })
 * await pool.close();
 * ```
 */
export function createSearchPool(options: SearchPoolOptions = {}): SearchPool {
  const threads = options.threads ?? defaultThreadCount();
  if (!(Number.isInteger(threads) && threads >= 1)) {
    throw new KindredError(
      'INVALID_ARGUMENT',
      `threads must be a positive integer, got ${threads}`,
      {
        path: ['threads'],
      },
    );
  }
  const taskTimeoutMs = options.taskTimeoutMs ?? DEFAULT_TASK_TIMEOUT_MS;
  if (!(typeof taskTimeoutMs === 'number' && taskTimeoutMs > 0 && taskTimeoutMs <= 2 ** 31 - 1)) {
    throw new KindredError(
      'INVALID_ARGUMENT',
      `taskTimeoutMs must be a positive number of milliseconds (at most 2^31 - 1), got ${taskTimeoutMs}`,
      { path: ['taskTimeoutMs'] },
    );
  }
  registerKindredErrorTransfer();
  const spawn = options.spawn ?? _defaultSpawner(options.workerUrl);
  const share = options.shareMemory ?? canShareMemory();
  const slots: (_Slot | undefined)[] = [];
  const cache = new WeakMap<SearchIndex, SharedSearchIndex>();
  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;
  let buildCounter = 0;
  const running = new Set<(e: KindredError) => void>();

  const stopAll = async (): Promise<void> => {
    const live = slots.splice(0).filter((s) => s !== undefined);
    await Promise.all(live.map((s) => s.handle.terminate()));
  };

  // A run that fails stops every worker (a worker may be stuck or hold a half-done task).
  const stoppingOnError = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (e) {
      await stopAll();
      throw e;
    }
  };
  type Gate = { stop: Promise<never>; stopped: boolean };
  // One run at a time: a run waits for the one before it; an abort or close stops it (a queued
  // run rejects at once, a running one once its workers are stopped).
  const schedule = <T>(
    what: string,
    signal: AbortSignal | undefined,
    body: (gate: Gate) => Promise<T>,
  ): Promise<T> => {
    if (closed)
      return Promise.reject(new KindredError('INVALID_ARGUMENT', 'The search pool is closed'));
    const aborted = (): KindredError =>
      new KindredError('ABORTED', `The ${what} was aborted`, {
        ...(signal?.reason !== undefined ? { cause: signal.reason } : {}),
      });
    if (signal?.aborted) return Promise.reject(aborted());
    return new Promise<T>((resolve, reject) => {
      let started = false;
      let stopWith: (e: KindredError) => void = () => undefined;
      const gate: Gate = {
        stopped: false,
        stop: new Promise<never>((_, r) => {
          stopWith = r;
        }),
      };
      gate.stop.catch(() => undefined);
      const stop = (e: KindredError): void => {
        if (gate.stopped) return;
        gate.stopped = true;
        stopWith(e);
        if (!started) reject(e);
      };
      const onAbort = (): void => stop(aborted());
      signal?.addEventListener('abort', onAbort, { once: true });
      running.add(stop);
      const result = queue.then(() => {
        started = true;
        if (gate.stopped) return gate.stop;
        return body(gate);
      });
      const settled = result.finally(() => {
        signal?.removeEventListener('abort', onAbort);
        running.delete(stop);
      });
      queue = settled.catch(() => undefined);
      settled.then(resolve, reject);
    });
  };

  const run = async (
    input: SearchIndex | SharedSearchIndex,
    rankOptions: RankOptions,
    control: SearchControl,
    gate: { stop: Promise<never>; stopped: boolean },
  ): Promise<RankAllResult> => {
    const shared = input instanceof SearchIndex ? _shareCached(cache, input, share) : input;
    const R = shared.remains.length;
    const E = shared.entries.length;
    const grid = planTiles(R, E, threads, options.tile);
    const state = createRankState(shared, rankOptions, grid);
    const useful = Math.min(threads, grid.rowCuts.length - 1, grid.colCuts.length - 1);
    if (useful > 0) {
      await stoppingOnError(() =>
        _executeTiles({
          spawn,
          slots,
          want: useful,
          shared,
          state,
          grid,
          control,
          gate,
          taskTimeoutMs,
        }),
      );
    }
    if (gate.stopped) await gate.stop;
    return assembleRankAll(state);
  };

  return {
    threads,
    get liveWorkers(): number {
      return slots.filter((s) => s !== undefined).length;
    },
    search(input, rankOptions = {}, control = {}): Promise<RankAllResult> {
      const refused = _checkSearchInput(input);
      if (refused !== undefined) return Promise.reject(refused);
      return schedule('search', control.signal, (gate) => run(input, rankOptions, control, gate));
    },
    power(dvi, powerOptions = {}, control = {}): Promise<ProgrammePower> {
      let tasks: ReturnType<typeof powerTasks>;
      try {
        if (powerOptions.onProgress !== undefined) {
          throw new KindredError(
            'INVALID_ARGUMENT',
            'pool.power reports progress through its control argument (control.onProgress), not options.onProgress',
            { path: ['onProgress'] },
          );
        }
        checkProgrammePowerOptions(powerOptions);
        tasks = powerTasks(dvi, powerOptions);
      } catch (e) {
        return Promise.reject(e);
      }
      const { candidates: _c, costs: _k, ...taskOptions } = powerOptions;
      return schedule('power run', control.signal, async (gate) => {
        const want = Math.min(threads, tasks.length);
        let families: Awaited<ReturnType<typeof _executePower>> = [];
        if (want > 0) {
          families = await stoppingOnError(() =>
            _executePower({
              spawn,
              slots,
              want,
              dvi,
              options: taskOptions,
              tasks,
              control,
              gate,
              taskTimeoutMs,
            }),
          );
        }
        if (gate.stopped) await gate.stop;
        return assembleProgrammePower(dvi, powerOptions, families);
      });
    },
    buildIndex(dvi, indexOptions = {}, control = {}): Promise<SearchIndex> {
      let prep: ReturnType<typeof _prepareBuild>;
      try {
        prep = _prepareBuild(dvi, indexOptions, share);
      } catch (e) {
        return Promise.reject(e);
      }
      return schedule('index build', control.signal, async (gate) => {
        const { index, firstEntry } = prep;
        const families = dvi.families;
        const E = firstEntry[families.length]!;
        if (E > 0) {
          const batches = _buildBatches(families.length, threads);
          const want = Math.min(threads, batches.length);
          const jobId = `build-${Date.now().toString(36)}-${(++buildCounter).toString(36)}`;
          const entries = await stoppingOnError(() =>
            _executeBuild({
              spawn,
              slots,
              want,
              job: {
                id: jobId,
                loci: dvi.loci,
                theta: dvi.theta,
                options: {
                  lump: index.lump,
                  consistency: index.consistency,
                  ...(indexOptions.budget !== undefined ? { budget: indexOptions.budget } : {}),
                },
                observation: dvi.observation,
                buffer: share ? (prep.buffer as SharedArrayBuffer) : undefined,
                stride: E,
              },
              families,
              firstEntry,
              batches,
              slotCount: index.layout.slots,
              values: prep.values,
              refused: prep.refused,
              control,
              gate,
              taskTimeoutMs,
            }),
          );
          if (gate.stopped) await gate.stop;
          index._adoptFamilies(
            families.map((f, i) => ({ name: f.name, entries: entries[i]! })),
            prep.values,
            E,
          );
        } else {
          // No missing person: nothing for a worker to compute.
          return SearchIndex.fromDVICase(dvi, indexOptions);
        }
        for (const [id, genotypes] of dvi.victims)
          index.addRemains(id, genotypes, dvi.victimSex.get(id), dvi.observation?.get(id));
        cache.set(index, _finishPacked(index, prep.buffer, prep.counts));
        return index;
      });
    },
    async close(): Promise<void> {
      closed = true;
      for (const stop of running) stop(new KindredError('ABORTED', 'The search pool was closed'));
      await queue;
      await stopAll();
    },
  };
}

/**
 * The door check of `pool.search`: a SearchIndex, or a current snapshot made by
 * shareSearchIndex. Anything else would be scored without its packing ever being checked
 * against an index, and a stale snapshot would silently leave out what was added since.
 */
function _checkSearchInput(input: unknown): KindredError | undefined {
  if (input instanceof SearchIndex) return undefined;
  if (!isSharedSearchIndex(input)) {
    return new KindredError(
      'INVALID_ARGUMENT',
      'pool.search takes a SearchIndex or the snapshot shareSearchIndex(index) returns; this is neither (an object built or copied by hand)',
      { path: ['index'] },
    );
  }
  if (!isSnapshotCurrent(input)) {
    return new KindredError(
      'INVALID_ARGUMENT',
      'The index changed after shareSearchIndex packed it (families or remains were added or removed): pass the SearchIndex itself, or share it again',
      { path: ['index'] },
    );
  }
  return undefined;
}
