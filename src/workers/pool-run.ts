/**
 * One search on the pool's workers: start the missing workers, load the packed index into those
 * that do not hold it (shared memory: no copy; otherwise one copy per worker, transferred), send
 * the search constants, then hand out tiles in wavefront order to idle workers, storing each
 * returned tile's states and reporting progress. Every call to a worker is raced against its
 * death, against the search's stop signal and against a per-task deadline, so a crash, an abort
 * or a worker that stops answering (stuck in a loop) ends the search instead of leaving it
 * pending forever.
 *
 * @module
 */
import { transfer } from 'comlink';
import { KindredError } from '../errors.js';
import type { SearchIndex } from '../search/index/search-index.js';
import { prepareRowHits } from '../search/rank/rank-assembly.js';
import { type RankState, storeTile, takeTile } from '../search/rank/rank-state.js';
import type { TileTask } from '../search/rank/tile-kernel.js';
import {
  isSnapshotCurrent,
  type PackedIndex,
  type SharedSearchIndex,
  shareSearchIndex,
} from './packed-index.js';
import { createWavefront, type TileGrid, type TilePos } from './tile-plan.js';
import { taskBuffers } from './worker-api.js';
import type { SpawnWorker, WorkerHandle } from './worker-handle.js';

/** Progress of a search, reported after every tile. */
export interface SearchProgress {
  /** Remains–missing person pairs scored so far. */
  readonly done: number;
  /** Pairs in the whole search (remains × entries). */
  readonly total: number;
  /** Pairs per second since the search started. */
  readonly rate: number;
  /** Milliseconds since the search started. */
  readonly elapsedMs: number;
}

/** Progress callback and cancellation of one search. */
export interface SearchControl {
  readonly onProgress?: (progress: SearchProgress) => void;
  readonly signal?: AbortSignal;
}

/** A pool slot: a live worker and the packed index it holds. */
export interface _Slot {
  readonly handle: WorkerHandle;
  indexId?: string | undefined;
}

function _isShared(buffer: ArrayBuffer | SharedArrayBuffer): boolean {
  return typeof SharedArrayBuffer === 'function' && buffer instanceof SharedArrayBuffer;
}

/**
 * The packed snapshot of `index`, reused while the index is unchanged.
 *
 * @param cache - per-pool cache
 * @param index - the index to search
 * @param share - pack into shared memory
 * @returns a current snapshot
 */
export function _shareCached(
  cache: WeakMap<SearchIndex, SharedSearchIndex>,
  index: SearchIndex,
  share: boolean,
): SharedSearchIndex {
  const hit = cache.get(index);
  if (hit !== undefined && isSnapshotCurrent(hit) && _isShared(hit.packed.buffer) === share)
    return hit;
  const fresh = shareSearchIndex(index, { shared: share });
  cache.set(index, fresh);
  return fresh;
}

/** What {@link _executeTiles} needs from the pool and the search. */
export interface _RunContext {
  readonly spawn: SpawnWorker;
  readonly slots: (_Slot | undefined)[];
  /** Workers to use. */
  readonly want: number;
  readonly shared: SharedSearchIndex;
  readonly state: RankState;
  readonly grid: TileGrid;
  readonly control: SearchControl;
  readonly gate: { readonly stop: Promise<never>; readonly stopped: boolean };
  /** Milliseconds a worker may take for one task (load, begin, one tile) before it is stopped. */
  readonly taskTimeoutMs: number;
}

/** The packed index as sent to one worker: shared as is, else a private copy to transfer. */
function _packedFor(packed: PackedIndex): PackedIndex {
  if (_isShared(packed.buffer)) return packed;
  const copy = { ...packed, buffer: (packed.buffer as ArrayBuffer).slice(0) };
  return transfer(copy, [copy.buffer]);
}

/**
 * Run every tile of a search on the pool's workers, storing results into `ctx.state`.
 *
 * @param ctx - pool and search
 * @returns when every tile is stored
 * @throws KindredError `WORKER_CRASHED`, `WORKER_TIMEOUT` (a task not answered within
 *   `ctx.taskTimeoutMs`, naming the worker and the task), the stop reason (`ABORTED`), or a
 *   worker's error
 */
export async function _executeTiles(ctx: _RunContext): Promise<void> {
  const { shared, state, gate } = ctx;
  const used = await _takeSlots(ctx.spawn, ctx.slots, ctx.want);
  const guard = _guardFor(used, ctx.taskTimeoutMs, gate);
  const packed = shared.packed;
  try {
    await Promise.all(
      used.map(async (slot) => {
        slot.handle.setBusy(true);
        if (slot.indexId !== packed.id) {
          slot.indexId = undefined;
          await guard(slot.handle.api.load(_packedFor(packed)), slot.handle, 'loading the index');
          slot.indexId = packed.id;
        }
        await guard(
          slot.handle.api.begin({ ...state.search, indexId: packed.id }),
          slot.handle,
          'starting the search',
        );
      }),
    );
    await _dispatch(ctx, used, guard);
  } finally {
    for (const slot of used) slot.handle.setBusy(false);
  }
}

/** A call to a worker raced against its death, the stop signal and the per-task deadline. */
export type _Guard = <T>(p: Promise<T>, h: WorkerHandle, task: string) => Promise<T>;

/**
 * The guard of every call to a worker (see module doc): a call that outlives `taskTimeoutMs`
 * rejects with `WORKER_TIMEOUT` naming the worker and the task.
 *
 * @param used - the workers of this run (to name a worker by its number)
 * @param taskTimeoutMs - the per-task deadline
 * @param gate - the run's stop signal
 * @returns the guard
 */
export function _guardFor(
  used: readonly _Slot[],
  taskTimeoutMs: number,
  gate: { readonly stop: Promise<never> },
): _Guard {
  return <T>(p: Promise<T>, h: WorkerHandle, task: string): Promise<T> => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const worker = used.findIndex((s) => s.handle === h);
        reject(
          new KindredError(
            'WORKER_TIMEOUT',
            `Search worker ${worker} did not finish ${task} within ${taskTimeoutMs} ms; it was stopped (raise taskTimeoutMs if tasks are this slow)`,
          ),
        );
      }, taskTimeoutMs);
    });
    return Promise.race([p, h.died, gate.stop, late]).finally(() => clearTimeout(timer));
  };
}

/**
 * The first `want` slots, each with a live worker (started where missing).
 *
 * @param spawn - how to start a worker
 * @param slots - the pool's slots
 * @param want - how many
 * @returns the slots to use
 */
export async function _takeSlots(
  spawn: SpawnWorker,
  slots: (_Slot | undefined)[],
  want: number,
): Promise<_Slot[]> {
  const used: _Slot[] = [];
  for (let i = 0; i < want; i++) {
    let slot = slots[i];
    if (slot === undefined) {
      slot = { handle: await spawn(i) };
      slots[i] = slot;
    }
    used.push(slot);
  }
  return used;
}

/** Tiles handed to one worker at a time (one running, the next waiting in its queue). */
export const PIPELINE_DEPTH = 2;

function _dispatch(ctx: _RunContext, used: readonly _Slot[], guard: _Guard): Promise<void> {
  const { state, grid, control, gate } = ctx;
  const wave = createWavefront(grid);
  const lastColumn = grid.colCuts.length - 2;
  const total = ctx.shared.remains.length * ctx.shared.entries.length;
  const t0 = performance.now();
  let done = 0;
  let failed = false;
  return new Promise<void>((resolve, reject) => {
    // Tiles queued per worker: a second one waits in the worker's message queue, so the worker
    // goes straight on to it instead of idling through a round trip to this thread.
    const queued = new Map(used.map((slot) => [slot, 0]));
    const fail = (e: unknown): void => {
      if (failed) return;
      failed = true;
      reject(e);
    };
    const leastBusy = (): _Slot | undefined => {
      let pick: _Slot | undefined;
      for (const [slot, n] of queued)
        if (n < PIPELINE_DEPTH && (pick === undefined || n < queued.get(pick)!)) pick = slot;
      return pick;
    };
    // A tile came back: store it, report progress, hand out more tiles, build finished rows' hits.
    const accept = (
      out: TileTask,
      pos: TilePos,
      r0: number,
      r1: number,
      pairs: number,
      slot: _Slot,
    ): void => {
      if (failed) return;
      if (gate.stopped) {
        // The tile won the race against the stop signal: fail with the stop reason.
        gate.stop.catch(fail);
        return;
      }
      storeTile(state, out);
      wave.complete(pos);
      done += pairs;
      const elapsedMs = performance.now() - t0;
      const rate = done / (Math.max(elapsedMs, 0.001) / 1000);
      control.onProgress?.({ done, total, rate, elapsedMs });
      queued.set(slot, queued.get(slot)! - 1);
      const finished = wave.completed === wave.total;
      if (!finished) pump();
      // The rows of a finished tile-row are final: build their hits while the workers run.
      if (pos.j === lastColumn) prepareRowHits(state, r0, r1);
      if (finished) resolve();
    };
    const pump = (): void => {
      while (!failed) {
        const slot = leastBusy();
        if (slot === undefined) return;
        const pos = wave.next();
        if (pos === undefined) return;
        queued.set(slot, queued.get(slot)! + 1);
        const task = takeTile(state, pos);
        const pairs = (task.r1 - task.r0) * (task.e1 - task.e0);
        const what = `the tile of remains ${task.r0}-${task.r1 - 1} × entries ${task.e0}-${task.e1 - 1}`;
        guard(slot.handle.api.runTile(transfer(task, taskBuffers(task))), slot.handle, what).then(
          (out) => {
            try {
              accept(out, pos, task.r0, task.r1, pairs, slot);
            } catch (e) {
              fail(e);
            }
          },
          fail,
        );
      }
    };
    pump();
  });
}
