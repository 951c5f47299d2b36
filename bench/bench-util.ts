/**
 * Small timing helpers shared by the benchmarks: repeated timed batches, medians, machine info.
 *
 * @module
 */
import { spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';

/** Median of a list of numbers. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * Run `fn` repeatedly in `rounds` timed rounds of about `roundMs` each, after a warm-up of at
 * least `warmMs` and 20 calls (first calls compile plans and JIT code; report those separately),
 * and return the median rate in calls per second.
 */
export function measureRate(fn: () => void, rounds = 5, roundMs = 600, warmMs = 1500): number {
  const warm = performance.now();
  for (let calls = 0; calls < 20 || performance.now() - warm < warmMs; calls++) fn();
  const rates: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let n = 0;
    const t0 = performance.now();
    let t = t0;
    while (t - t0 < roundMs) {
      fn();
      n++;
      t = performance.now();
    }
    rates.push(n / ((t - t0) / 1000));
  }
  return median(rates);
}

/** Median wall time in milliseconds of `rounds` calls of `fn` (after one warm-up call). */
export function measureMs(fn: () => void, rounds = 5): number {
  fn();
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** One line describing the machine and runtime. */
export function machineLine(): string {
  const c = cpus();
  return `${c.length} × ${c[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${process.platform}-${process.arch}`;
}

/**
 * Run `node ARGS` as a whole process under `/usr/bin/time`: wall time, peak RSS and stdout.
 *
 * @throws Error when the process exits with a non-zero status
 */
export function runProcess(args: string[]): { ms: number; rssMB: number; stdout: string } {
  const t0 = performance.now();
  const child = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, ...args], {
    encoding: 'utf8',
    maxBuffer: 512 * 2 ** 20,
  });
  const ms = performance.now() - t0;
  if (child.status !== 0) throw new Error(`${args.join(' ')} failed: ${child.stderr}`);
  const rssKB = Number(child.stderr.trim().split('\n').pop());
  return { ms, rssMB: rssKB / 1024, stdout: child.stdout };
}
