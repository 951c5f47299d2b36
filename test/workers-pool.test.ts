/**
 * The worker pool on real Node worker threads (issue 5): results equal the single-threaded
 * rankAll (search/rank/rank-all.ts) bit for bit for random databases and 1–4 threads, progress,
 * abort (no result or progress afterwards, every thread gone), KindredErrors from a worker keep
 * code and path, a crashed worker fails the search and is replaced, and close() leaves no thread.
 * Threads are counted in /proc/self/task (one OS thread per worker).
 */

import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KindredError } from '../src/errors.js';
import { rankAll } from '../src/search/rank/rank-all.js';
import { shareSearchIndex } from '../src/workers/packed-index.js';
import {
  createSearchPool,
  defaultThreadCount,
  type SearchPool,
} from '../src/workers/search-pool.js';
import { createNodeSpawner, resolveNodeWorkerScript } from '../src/workers/spawn-node.js';
import { rejection } from './helpers/expect-error.js';
import {
  _arbIndexSpec,
  _arbRankOptions,
  _largeIndex,
  _randomIndex,
} from './helpers/pool-test-helpers.js';

const HAS_PROC = existsSync('/proc/self/task');
const osThreads = (): number => readdirSync('/proc/self/task').length;

/** Wait until `f()` holds (threads take a moment to be reaped), up to `ms`. */
async function until(f: () => boolean, ms = 2000): Promise<boolean> {
  const t0 = Date.now();
  while (!f()) {
    if (Date.now() - t0 > ms) return false;
    await new Promise((r) => setTimeout(r, 10));
  }
  return true;
}

describe('createSearchPool: same result as rankAll', () => {
  const pools: SearchPool[] = [];
  beforeAll(() => {
    for (let t = 1; t <= 4; t++) pools.push(createSearchPool({ threads: t }));
    pools.push(createSearchPool({ threads: 2, shareMemory: false }));
  });
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.close()));
  });

  it('pool.search(index, options) equals rankAll(index, options) for random databases, 1–4 threads and tile sizes', async () => {
    await fc.assert(
      fc.asyncProperty(
        _arbIndexSpec().chain((spec) =>
          fc.tuple(
            fc.constant(spec),
            _arbRankOptions(spec.families),
            fc.integer({ min: 0, max: 4 }),
            fc.integer({ min: 1, max: 4 }),
            fc.integer({ min: 1, max: 4 }),
          ),
        ),
        async ([spec, options, p, tr, te]) => {
          const index = _randomIndex(spec);
          const expected = rankAll(index, options);
          const pool = pools[p]!;
          // Small tiles so that several workers share even a tiny database.
          const tiled = createSearchPool({
            threads: pool.threads,
            tile: { remains: tr, entries: te },
            spawn: createNodeSpawner(),
          });
          try {
            expect(await tiled.search(index, options)).toStrictEqual(expected);
          } finally {
            await tiled.close();
          }
          expect(await pool.search(index, options)).toStrictEqual(expected);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('pool.search over a 600 × 600 database on 2 threads equals rankAll, shared or transferred', async () => {
    const index = _largeIndex(600, 600, 12);
    const expected = rankAll(index, { top: 4 });
    expect(await pools[1]!.search(index, { top: 4 })).toStrictEqual(expected);
    expect(await pools[4]!.search(index, { top: 4 })).toStrictEqual(expected);
    // A prepared snapshot gives the same, and the index is not re-packed for a second search.
    expect(await pools[1]!.search(shareSearchIndex(index), { top: 4 })).toStrictEqual(expected);
  });

  it('pool.search reports progress after every tile, ending at done = total = remains × entries', async () => {
    const index = _largeIndex(300, 200, 8);
    const seen: { done: number; total: number; rate: number }[] = [];
    await pools[1]!.search(index, {}, { onProgress: (p) => seen.push(p) });
    expect(seen.length).toBeGreaterThan(4);
    expect(seen.every((p) => p.total === 200 * 300 && p.rate > 0)).toBe(true);
    expect(seen.map((p) => p.done)).toEqual([...seen.map((p) => p.done)].sort((a, b) => a - b));
    expect(seen.at(-1)!.done).toBe(200 * 300);
  });

  it('pool.search on an index without remains or families returns rankAll without starting threads', async () => {
    const pool = createSearchPool({ threads: 2 });
    const empty = _randomIndex({ seed: 4, loci: 2, families: 3, remains: 0, x: false });
    expect(await pool.search(empty)).toStrictEqual(rankAll(empty));
    expect(pool.liveWorkers).toBe(0);
    await pool.close();
  });
});

describe('createSearchPool: abort, errors, crashes, close', () => {
  const big = _largeIndex(2500, 2500, 20);

  it('aborting a running search rejects with ABORTED after every worker stopped; no progress follows', async () => {
    const before = HAS_PROC ? osThreads() : 0;
    const pool = createSearchPool({ threads: 2 });
    const controller = new AbortController();
    let calls = 0;
    let callsAtAbort = -1;
    const search = pool.search(
      big,
      {},
      {
        signal: controller.signal,
        onProgress: () => {
          calls++;
          if (calls === 2) {
            controller.abort();
            callsAtAbort = calls;
          }
        },
      },
    );
    const err = await rejection(search);
    expect(err).toBeInstanceOf(KindredError);
    expect(err.code).toBe('ABORTED');
    expect(err.message).toContain('aborted');
    expect(pool.liveWorkers).toBe(0);
    // Abort latency (target < 200 ms) is measured in bench/workers-bench.ts, not asserted here.
    await new Promise((r) => setTimeout(r, 150));
    expect(calls).toBe(callsAtAbort);
    if (HAS_PROC) expect(await until(() => osThreads() <= before)).toBe(true);
    // The pool is usable again: new workers start.
    const small = _randomIndex({ seed: 2, loci: 2, families: 5, remains: 6, x: false });
    expect(await pool.search(small)).toStrictEqual(rankAll(small));
    await pool.close();
  });

  it('aborting at any moment (spawn, load, tiles) rejects with ABORTED and leaves no thread', async () => {
    const before = HAS_PROC ? osThreads() : 0;
    const pool = createSearchPool({ threads: 2 });
    for (const delay of [0, 1, 3, 10, 30, 80]) {
      const controller = new AbortController();
      const search = pool.search(big, {}, { signal: controller.signal });
      setTimeout(() => controller.abort(), delay);
      const err = await rejection(search);
      expect([delay, err.code]).toEqual([delay, 'ABORTED']);
      expect(pool.liveWorkers).toBe(0);
    }
    if (HAS_PROC) expect(await until(() => osThreads() <= before)).toBe(true);
    await pool.close();
  });

  it('an AbortSignal already aborted rejects with ABORTED and starts no thread', async () => {
    const pool = createSearchPool({ threads: 2 });
    const err = await rejection(pool.search(big, {}, { signal: AbortSignal.abort() }));
    expect(err.code).toBe('ABORTED');
    expect(pool.liveWorkers).toBe(0);
    await pool.close();
  });

  it('aborting a search queued behind another rejects it at once while the first completes', async () => {
    const pool = createSearchPool({ threads: 1 });
    const index = _largeIndex(800, 800, 10);
    const settled: string[] = [];
    const first = pool.search(index).then((r) => {
      settled.push('first');
      return r;
    });
    const controller = new AbortController();
    const second = pool.search(index, {}, { signal: controller.signal });
    controller.abort();
    const err = await rejection(second);
    settled.push('second');
    expect(err.code).toBe('ABORTED');
    // "At once": the queued search rejects before the running one completes (no clock needed).
    expect(settled).toEqual(['second']);
    expect(await first).toStrictEqual(rankAll(index));
    expect(settled).toEqual(['second', 'first']);
    await pool.close();
  });

  it('a KindredError thrown in a worker arrives with its code, path and message', async () => {
    const pool = createSearchPool({ threads: 2 });
    const shared = shareSearchIndex(
      _randomIndex({ seed: 8, loci: 2, families: 4, remains: 5, x: false }),
    );
    // Damaged in place after packing (the main thread's door check sees an issued snapshot), so
    // the worker is the one that refuses it.
    (shared.packed as { format: string }).format = 'kindred-packed-index/0';
    const err = await rejection(pool.search(shared));
    expect(err).toBeInstanceOf(KindredError);
    expect(err.code).toBe('INVALID_ARGUMENT');
    expect(err.path).toEqual(['format']);
    expect(err.message).toContain('Packed index has format "kindred-packed-index/0"');
    // Invalid options are refused on the main thread, as rankAll refuses them.
    const bad = await rejection(pool.search(shared, { top: -1 }));
    expect([bad.code, bad.path]).toEqual(['INVALID_ARGUMENT', ['top']]);
    await pool.close();
  });

  it('the door: a snapshot copied or built by hand, or one its index outgrew, is refused before any worker starts', async () => {
    const pool = createSearchPool({ threads: 2 });
    const index = _randomIndex({ seed: 9, loci: 2, families: 4, remains: 5, x: false });
    const shared = shareSearchIndex(index);
    // Copied by hand (before this check it went to the workers and was scored unchecked).
    const copied = await rejection(pool.search({ ...shared }));
    expect([copied.code, copied.path]).toEqual(['INVALID_ARGUMENT', ['index']]);
    expect(copied.message).toContain('shareSearchIndex');
    const forged = await rejection(pool.search({ packed: shared.packed } as never));
    expect(forged.code).toBe('INVALID_ARGUMENT');
    // A remains removed after packing: the snapshot would silently still score it.
    const extra = index.remains[0]!;
    index.removeRemains(extra.id);
    const stale = await rejection(pool.search(shared));
    expect([stale.code, stale.path]).toEqual(['INVALID_ARGUMENT', ['index']]);
    expect(stale.message).toContain('changed after shareSearchIndex');
    expect(pool.liveWorkers).toBe(0);
    // The index itself is searched afresh, equal to rankAll.
    expect(await pool.search(index)).toStrictEqual(rankAll(index));
    await pool.close();
  });

  it.each([
    ['process.exit(3)', 'process.exit(3)', 'exit code 3'],
    [
      'an uncaught error',
      "setTimeout(() => { throw new Error('boom in worker'); })",
      'boom in worker',
    ],
  ])(
    'a worker that dies by %s rejects the search with WORKER_CRASHED and the pool recovers',
    async (_, crash, fragment) => {
      // A worker script that loads the real worker, then dies when its first tile arrives.
      const real = await resolveNodeWorkerScript();
      const file = join(tmpdir(), `kindred-crash-worker-${process.pid}-${fragment.length}.mjs`);
      writeFileSync(
        file,
        `import { parentPort } from 'node:worker_threads';
await import(${JSON.stringify(real.href)});
parentPort.on('message', (m) => { if (m && m.type === 'APPLY' && m.path[0] === 'runTile') ${crash}; });
`,
      );
      const crashing = createNodeSpawner({ workerUrl: pathToFileURL(file) });
      const normal = createNodeSpawner();
      let spawned = 0;
      const pool = createSearchPool({
        threads: 2,
        spawn: (slot) => (spawned++ === 0 ? crashing(slot) : normal(slot)),
      });
      const index = _largeIndex(400, 400, 8);
      const err = await rejection(pool.search(index));
      expect(err).toBeInstanceOf(KindredError);
      expect(err.code).toBe('WORKER_CRASHED');
      expect(err.message).toContain(fragment);
      expect(pool.liveWorkers).toBe(0);
      expect(await pool.search(index)).toStrictEqual(rankAll(index));
      expect(spawned).toBe(4);
      await pool.close();
    },
  );

  it.runIf(HAS_PROC)(
    'close() stops every thread, also during a search, and refuses later searches',
    async () => {
      const warm = createSearchPool({ threads: 3 });
      await warm.search(_randomIndex({ seed: 1, loci: 1, families: 4, remains: 4, x: false }));
      await warm.close();
      expect(await until(() => osThreads() > 0)).toBe(true);
      const before = osThreads();
      const pool = createSearchPool({ threads: 3 });
      const running = pool.search(big);
      await new Promise((r) => setTimeout(r, 300));
      expect(osThreads()).toBeGreaterThan(before);
      await pool.close();
      expect((await rejection(running)).code).toBe('ABORTED');
      expect(await until(() => osThreads() <= before)).toBe(true);
      expect(pool.liveWorkers).toBe(0);
      const closed = await rejection(pool.search(big));
      expect([closed.code, closed.message]).toEqual([
        'INVALID_ARGUMENT',
        'The search pool is closed',
      ]);
    },
  );

  it('defaultThreadCount() is os.availableParallelism() in Node, and a pool uses it by default', () => {
    expect(defaultThreadCount()).toBe(availableParallelism());
    expect(createSearchPool().threads).toBe(availableParallelism());
  });

  it('createSearchPool refuses threads: 0 with INVALID_ARGUMENT at threads', () => {
    let caught: unknown;
    try {
      createSearchPool({ threads: 0 });
    } catch (e) {
      caught = e;
    }
    expect((caught as KindredError).code).toBe('INVALID_ARGUMENT');
    expect((caught as KindredError).path).toEqual(['threads']);
    expect((caught as KindredError).message).toContain('threads must be a positive integer, got 0');
  });
});
