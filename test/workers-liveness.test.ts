/**
 * Worker liveness (issue 18): a worker that stops answering (stuck in a loop) is detected by the
 * pool's per-task deadline, stopped, and reported as `WORKER_TIMEOUT` naming the worker and the
 * task; the next search on the same pool starts fresh workers and succeeds. The workers here run
 * the real worker API in-process behind a handle whose `runTile` can be made to hang, so the
 * test needs no clock beyond the deadline itself (no wall-clock assertion).
 */
import { describe, expect, it } from 'vitest';
import { isKindredError } from '../src/errors.js';
import { rankAll } from '../src/search/rank/rank-all.js';
import { createSearchPool } from '../src/workers/search-pool.js';
import type { SearchWorkerApi } from '../src/workers/worker-api.js';
import { createSearchWorkerApi } from '../src/workers/worker-api.js';
import { deathNotice, type SpawnWorker, type WorkerHandle } from '../src/workers/worker-handle.js';
import { _largeIndex } from './helpers/pool-test-helpers.js';

/** A spawner of in-process workers; the first `hanging` spawned never answer a tile. */
function fakeSpawner(hanging: number) {
  const log = { spawned: 0, terminated: 0 };
  const spawn: SpawnWorker = async () => {
    const hang = log.spawned < hanging;
    log.spawned++;
    const real: SearchWorkerApi = createSearchWorkerApi();
    const api = {
      load: async (p: Parameters<SearchWorkerApi['load']>[0]) => real.load(p),
      begin: async (s: Parameters<SearchWorkerApi['begin']>[0]) => real.begin(s),
      runTile: (t: Parameters<SearchWorkerApi['runTile']>[0]) =>
        hang ? new Promise<never>(() => undefined) : Promise.resolve(real.runTile(t)),
    };
    const handle: WorkerHandle = {
      api: api as unknown as WorkerHandle['api'],
      died: deathNotice().died,
      terminate: async () => {
        log.terminated++;
      },
      setBusy: () => undefined,
    };
    return handle;
  };
  return { spawn, log };
}

describe('search pool liveness deadline', () => {
  it('a stuck worker is stopped and reported as WORKER_TIMEOUT naming worker and tile; the next search succeeds', async () => {
    const index = _largeIndex(40, 30, 4);
    const { spawn, log } = fakeSpawner(1);
    const pool = createSearchPool({ threads: 1, spawn, taskTimeoutMs: 50 });
    try {
      let error: unknown;
      try {
        await pool.search(index, { top: 3 });
      } catch (e) {
        error = e;
      }
      expect(isKindredError(error)).toBe(true);
      expect(error).toMatchObject({ code: 'WORKER_TIMEOUT' });
      expect((error as Error).message).toMatch(
        /^Search worker 0 did not finish the tile of remains \d+-\d+ × entries \d+-\d+ within 50 ms; it was stopped/,
      );
      expect(log.terminated).toBe(1);
      expect(pool.liveWorkers).toBe(0);
      // The same pool: a fresh worker, the exact rankAll answer.
      expect(await pool.search(index, { top: 3 })).toStrictEqual(rankAll(index, { top: 3 }));
      expect(log.spawned).toBe(2);
    } finally {
      await pool.close();
    }
  });

  it('taskTimeoutMs must be a positive number', () => {
    for (const bad of [0, -1, Number.NaN, 2 ** 31])
      expect(() => createSearchPool({ taskTimeoutMs: bad })).toThrow(
        expect.objectContaining({ code: 'INVALID_ARGUMENT', path: ['taskTimeoutMs'] }),
      );
  });
});
