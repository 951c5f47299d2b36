/**
 * Worker-pool benchmark (issue 5): all-vs-all search of 10,000 remains × 10,000 missing persons
 * with 1 and 2 worker threads (target speed-up ≥ 1.8× on this 2-core machine; rounds alternate
 * 1 and 2 threads and the median of the per-round ratios is reported, since the machine is
 * shared and its load changes between rounds, with the ratio of the fastest runs), abort latency
 * (target < 200 ms: from `abort()` to the rejected promise, every thread already stopped), and
 * peak memory per extra worker (target ≤ 50 MB beyond the shared index: peak RSS of a search with
 * 2 workers minus that with 1, each measured in a fresh child process above its RSS after the
 * index is built and packed, sampled every 5 ms).
 *
 * Index: an incident simulated on fbi2015-caucasian (23 loci, 2,044 genotype slots) by
 * bench/dvi-sim.ts — 400 families of the five conformance shapes, indexed exactly — whose
 * entries are then repeated under new family names up to 10,000 missing persons (indexing ~7,000
 * distinct families would take ~40 s and time the likelihood engine, not the pool); 10,000
 * simulated victims (the missing persons of the first families, then unrelated people).
 * Searches use rankAll's defaults (top 10). The pool's result is checked against the
 * single-threaded rankAll on a 2,000 × 2,000 corner, whose time is also reported.
 *
 * Run alone: `npx tsx bench/workers-bench.ts` (prints a Markdown table).
 *
 * @module
 */
import { execFile } from 'node:child_process';
import { loadavg } from 'node:os';
import { parseDVICase } from '../src/io/dvi-file.js';
import type { PackedEntry } from '../src/search/index/family.js';
import { SearchIndex } from '../src/search/index/search-index.js';
import { rankAll } from '../src/search/rank/rank-all.js';
import { shareSearchIndex } from '../src/workers/packed-index.js';
import { createSearchPool } from '../src/workers/search-pool.js';
import { machineLine, median } from './bench-util.js';
import { simulateDVIIncident } from './dvi-sim.js';

const SHAPES = ['trio', 'fatherSon', 'motherSib', 'spouseKids', 'twoSibs'] as const;

/** An index of `entries` missing persons (repeated from 400 real families) and `remains` victims. */
export function buildBenchIndex(entries: number, remains: number): SearchIndex {
  const doc = simulateDVIIncident({ seed: 5, families: 400, victims: remains, shapes: SHAPES });
  const dvi = parseDVICase(JSON.stringify(doc));
  const base = new SearchIndex(dvi.loci);
  for (const f of dvi.families) base.addFamily(f);
  const index = new SearchIndex(dvi.loci);
  const names = base.familyNames();
  for (let copy = 0; index.entries.length < entries; copy++) {
    for (const name of names) {
      if (index.entries.length >= entries) break;
      const family = copy === 0 ? name : `${name}.${copy}`;
      const packed: PackedEntry[] = base
        .family(name)!
        .slice(0, entries - index.entries.length)
        .map((e) => ({ ...e, family, logLR: base.column(e) }));
      index.insertEntries(family, packed);
    }
  }
  for (const [id, genotypes] of dvi.victims) index.addRemains(id, genotypes, dvi.victimSex.get(id));
  return index;
}

/** Peak RSS (bytes) while `f` runs, sampled every 5 ms. */
async function peakRss<T>(f: () => Promise<T>): Promise<{ value: T; peak: number }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 5);
  try {
    const value = await f();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { value, peak };
  } finally {
    clearInterval(timer);
  }
}

const MB = 2 ** 20;
const r1 = (x: number): number => Math.round(x * 10) / 10;

const CHILD = 'KINDRED_WORKERS_BENCH_MEMORY';

/** In a child process: peak RSS of one search with `threads` workers above the packed index. */
async function _memoryChild(size: number, threads: number): Promise<number> {
  const shared = shareSearchIndex(buildBenchIndex(size, size));
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  await new Promise((r) => setTimeout(r, 100));
  gc?.();
  const base = process.memoryUsage.rss();
  const pool = createSearchPool({ threads });
  const { peak } = await peakRss(() => pool.search(shared));
  await pool.close();
  return peak - base;
}

/** Run {@link _memoryChild} in a fresh Node process (same loader flags, with --expose-gc). */
function _memoryInChild(size: number, threads: number): Promise<number> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [...process.execArgv, '--expose-gc', import.meta.filename],
      { env: { ...process.env, [CHILD]: `${size}:${threads}` }, maxBuffer: 1 << 20 },
      (error, stdout) => (error ? reject(error) : resolve(Number(stdout.trim()))),
    );
  });
}

/** Options of {@link runWorkersBench}. */
export interface WorkersBenchOptions {
  /** Remains and missing persons (default 10,000 each). */
  readonly size?: number;
  /** Timed searches per thread count after the first (default 4). */
  readonly rounds?: number;
  /** Abort trials (default 5). */
  readonly aborts?: number;
}

/**
 * Run the benchmark (see module doc).
 *
 * @param options - size, rounds, abort trials
 * @returns figures keyed by name (ms, MB, ratios) and a description of the machine
 */
export async function runWorkersBench(
  options: WorkersBenchOptions = {},
): Promise<Record<string, number | string>> {
  const size = options.size ?? 10_000;
  const rounds = options.rounds ?? 4;
  const out: Record<string, number | string> = {
    machine: machineLine(),
    'load_average.start': r1(loadavg()[0]!),
  };
  let t0 = performance.now();
  const index = buildBenchIndex(size, size);
  out['index.build_ms'] = Math.round(performance.now() - t0);
  out['index.entries'] = index.entries.length;
  out['index.remains'] = index.remains.length;
  out['index.slots'] = index.layout.slots;
  t0 = performance.now();
  const shared = shareSearchIndex(index);
  out['index.pack_ms'] = Math.round(performance.now() - t0);
  out['index.packed_MB'] = r1(shared.packed.buffer.byteLength / MB);

  // Correctness on a corner, and the single-threaded reference time there.
  const corner = buildBenchIndex(Math.min(size, 2000), Math.min(size, 2000));
  t0 = performance.now();
  const reference = rankAll(corner);
  out['rankAll_2000x2000.ms'] = Math.round(performance.now() - t0);
  const check = createSearchPool({ threads: 2 });
  const same =
    JSON.stringify([...(await check.search(corner)).byFamily]) ===
    JSON.stringify([...reference.byFamily]);
  await check.close();
  out.pool_equals_rankAll_2000x2000 = same ? 'yes' : 'NO';

  // Cold run (threads start, index loads), then warm runs alternating 1 and 2 threads so that
  // changes in the machine's load affect both alike.
  const pools = new Map([1, 2].map((t) => [t, createSearchPool({ threads: t })]));
  const wall = new Map<number, number[]>([
    [1, []],
    [2, []],
  ]);
  const cpu = new Map<number, number[]>([
    [1, []],
    [2, []],
  ]);
  for (let i = -1; i < rounds; i++) {
    for (const [threads, pool] of pools) {
      const c0 = process.cpuUsage();
      t0 = performance.now();
      await pool.search(shared);
      const ms = performance.now() - t0;
      const c = process.cpuUsage(c0);
      if (i < 0) out[`threads${threads}.first_ms`] = Math.round(ms);
      else {
        wall.get(threads)!.push(ms);
        cpu.get(threads)!.push((c.user + c.system) / 1000);
      }
    }
  }
  for (const [threads, pool] of pools) {
    const ms = median(wall.get(threads)!);
    out[`threads${threads}.ms`] = Math.round(ms);
    out[`threads${threads}.cpu_ms`] = Math.round(median(cpu.get(threads)!));
    out[`threads${threads}.pairs_per_s`] = Math.round((size * size) / (ms / 1000));
    await pool.close();
  }
  // Speed-up per round (each round runs 1 then 2 threads back to back), then the median.
  const ratios = wall.get(1)!.map((t1, i) => t1 / wall.get(2)![i]!);
  out.speedup_2_vs_1 = Math.round(median(ratios) * 100) / 100;
  out['speedup_2_vs_1.rounds'] = ratios.map((x) => x.toFixed(2)).join(' ');
  // Fastest run of each: the least disturbed by other work on the machine.
  out['speedup_2_vs_1.fastest'] =
    Math.round((Math.min(...wall.get(1)!) / Math.min(...wall.get(2)!)) * 100) / 100;
  const mem1 = await _memoryInChild(size, 1);
  const mem2 = await _memoryInChild(size, 2);
  out['memory.threads1_peak_above_index_MB'] = r1(mem1 / MB);
  out['memory.threads2_peak_above_index_MB'] = r1(mem2 / MB);
  out.extra_worker_peak_MB = r1((mem2 - mem1) / MB);

  // Abort latency: abort 400 ms into a 2-thread search; time until the promise rejects.
  const latencies: number[] = [];
  for (let i = 0; i < (options.aborts ?? 5); i++) {
    const pool = createSearchPool({ threads: 2 });
    const controller = new AbortController();
    let abortedAt = 0;
    const search = pool.search(shared, {}, { signal: controller.signal });
    setTimeout(() => {
      abortedAt = performance.now();
      controller.abort();
    }, 400);
    try {
      await search;
    } catch {
      latencies.push(performance.now() - abortedAt);
    }
    if (pool.liveWorkers !== 0) out['abort.left_workers'] = pool.liveWorkers;
    await pool.close();
  }
  out['abort.median_ms'] = r1(median(latencies));
  out['abort.max_ms'] = r1(Math.max(...latencies));
  out['load_average.end'] = r1(loadavg()[0]!);
  return out;
}

if (process.env[CHILD] !== undefined && import.meta.filename === process.argv[1]) {
  const [size, threads] = process.env[CHILD].split(':').map(Number);
  process.stdout.write(String(await _memoryChild(size!, threads!)));
} else if (process.argv[1] !== undefined && import.meta.filename === process.argv[1]) {
  const result = await runWorkersBench();
  console.log('| figure | value |\n| --- | --- |');
  for (const [k, v] of Object.entries(result)) console.log(`| ${k} | ${v} |`);
}
