/**
 * Programme power on the worker pool (issue 14, item 4), whole process: `kindred power FILE
 * --json --quiet --threads N` on a simulated incident from the built-in synthetic population
 * (`KINDRED_POWER_FAMILIES` families, default 600; 23 loci; the default 10,000 simulated LRs per reference
 * set), median of 3 runs at 1 and 2 threads, spawned as a new process each time (parse to
 * output). The 1-thread run is the bound of the same run; the answers of both are checked equal.
 *
 * Run alone: `npx tsx bench/power-pool-bench.ts`.
 *
 * @module
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simulateIncident } from '../src/sim/simulate-incident.js';
import { syntheticLoci } from '../src/sim/synthetic-loci.js';
import { median, runProcess } from './bench-util.js';

/** The figures. */
export function runPowerPoolBench(): Record<string, number | string> {
  const families = Number(process.env.KINDRED_POWER_FAMILIES ?? 600);
  const dir = mkdtempSync(join(tmpdir(), 'kindred-power-pool-'));
  try {
    const file = join(dir, 'programme.json');
    const sim = simulateIncident({
      seed: 1401,
      loci: syntheticLoci(1401),
      families,
      identifiable: families,
      id: 'power-pool-bench',
    });
    writeFileSync(file, JSON.stringify(sim.document));
    const main = join(import.meta.dirname, '..', 'src', 'cli', 'main.ts');
    const run = (threads: number) =>
      runProcess([
        ...process.execArgv,
        main,
        'power',
        file,
        '--json',
        '--quiet',
        '--threads',
        String(threads),
      ]);
    const out: Record<string, number | string> = { families };
    const answers = new Map<number, string>();
    for (const threads of [1, 2]) {
      const runs = [run(threads), run(threads), run(threads)];
      answers.set(threads, runs[0]!.stdout);
      out[`whole process, ${threads} thread(s), ms (median of 3)`] = median(runs.map((r) => r.ms));
      out[`peak RSS, ${threads} thread(s), MB`] = Math.max(...runs.map((r) => r.rssMB));
    }
    const one = out['whole process, 1 thread(s), ms (median of 3)'] as number;
    const two = out['whole process, 2 thread(s), ms (median of 3)'] as number;
    out['families per second, 2 threads'] = (families / two) * 1000;
    out['speed-up, 2 threads over 1 (bound: the 1-thread run)'] = one / two;
    out['same answer at 1 and 2 threads'] = answers.get(1) === answers.get(2) ? 'yes' : 'NO';
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.filename === process.argv[1]) console.log(runPowerPoolBench());
