/**
 * Whole-process `kindred search` on a simulated incident (issue 12): a real frequency table
 * (fbi2015-caucasian, 23 loci), sex-specific stepwise mutation on every locus, six family shapes
 * with 1–3 typed relatives (the five of `dvi-sim.ts` and a missing full sibling with one sibling
 * typed and both parents untyped). Measured in the same run:
 * - the whole CLI process (`kindred search FILE --json --quiet --threads N`, spawned, wall time
 *   and peak RSS) for 1 and 2 threads;
 * - the index build alone in this process (`SearchIndex.fromDVICase` on the parsed case,
 *   families/s, bytes per family);
 * - the bare loop (`bench/bare-loop.mjs`): one table read per (remains, missing person, locus)
 *   over a table of the index's size, the memory-read bound of the search.
 *
 * Sizes: `KINDRED_INCIDENT=FAMILIES×REMAINS` (default 5000x1000); `KINDRED_INCIDENT=small`
 * is 600x200 (runs in seconds). Run alone: `npx tsx bench/incident.ts`.
 *
 * @module
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDVICase } from '../src/io/dvi-file.js';
import { SearchIndex } from '../src/search/index/search-index.js';
import { runProcess } from './bench-util.js';
import { DVI_SHAPES, simulateDVIIncident } from './dvi-sim.js';

/** Sex-specific stepwise mutation (male rate higher, as in the literature). */
export const SEX_STEPWISE = {
  female: { model: 'stepwise', rate: 0.001, rate2: 1e-6, range: 0.1 },
  male: { model: 'stepwise', rate: 0.003, rate2: 1e-6, range: 0.1 },
} as const;

/** A missing full sibling, one sibling typed, both parents untyped (the costliest shape). */
const SIB_ONLY = {
  rows: [
    ['FA', '', '', 'm'],
    ['MO', '', '', 'f'],
    ['S', 'FA', 'MO', '*'],
    ['M', 'FA', 'MO', '*'],
  ],
  typed: ['S'],
  missing: ['M'],
} as const;

/**
 * The incident document (`kindred-dvi/1`, plain JSON).
 *
 * @param families - number of families
 * @param remains - number of remains (the missing persons first, then unrelated people)
 * @param seed - simulation seed
 */
export function incidentDocument(
  families: number,
  remains: number,
  seed = 12,
): Record<string, unknown> {
  const shapes = ['trio', 'fatherSon', 'motherSib', 'spouseKids', 'twoSibs', 'sibOnly'] as const;
  const registry = DVI_SHAPES as Record<string, unknown>;
  registry.sibOnly ??= SIB_ONLY;
  return simulateDVIIncident({
    seed,
    families,
    victims: remains,
    // biome-ignore lint/suspicious/noExplicitAny: the sixth shape is registered just above
    shapes: shapes as any,
    mutation: SEX_STEPWISE,
    found: 0.5,
  });
}

function sizes(): { families: number; remains: number } {
  const v = process.env.KINDRED_INCIDENT ?? '5000x1000';
  if (v === 'small') return { families: 600, remains: 200 };
  const m = /^(\d+)x(\d+)$/.exec(v);
  if (m === null) throw new Error(`KINDRED_INCIDENT must be FAMILIESxREMAINS or small, not ${v}`);
  return { families: Number(m[1]), remains: Number(m[2]) };
}

/** Run the incident bench; figures keyed by what they measure. */
export function runIncidentBench(): Record<string, number | string> {
  const { families, remains } = sizes();
  const dir = mkdtempSync(join(tmpdir(), 'kindred-incident-'));
  try {
    const file = join(dir, 'incident.json');
    const text = JSON.stringify(incidentDocument(families, remains));
    writeFileSync(file, text);
    // In-process build (parse excluded).
    const dvi = parseDVICase(text, { file });
    const c0 = process.cpuUsage();
    const b0 = performance.now();
    const index = SearchIndex.fromDVICase(dvi);
    const buildMs = performance.now() - b0;
    const cpu = process.cpuUsage(c0);
    const buildCpuMs = (cpu.user + cpu.system) / 1000;
    const c1 = process.cpuUsage();
    SearchIndex.fromDVICase(dvi, { consistency: true });
    const cpu1 = process.cpuUsage(c1);
    const consistencyCpuMs = (cpu1.user + cpu1.system) / 1000;
    const entries = index.entries.length;
    const off = index.layout.slotOffset;
    const perLocus = index.layout.loci.map((_, l) => off[l + 1]! - off[l]!);
    const main = join(import.meta.dirname, '..', 'src', 'cli', 'main.ts');
    const cli = (threads: number) =>
      runProcess([
        ...process.execArgv,
        main,
        'search',
        file,
        '--json',
        '--quiet',
        '--threads',
        String(threads),
        '--top',
        '3',
      ]);
    const one = cli(1);
    const two = cli(2);
    const matches = (o: string) => JSON.stringify((JSON.parse(o) as { matches: unknown }).matches);
    if (matches(one.stdout) !== matches(two.stdout))
      throw new Error('1 and 2 threads printed different results');
    const bare = runProcess([
      join(import.meta.dirname, 'bare-loop.mjs'),
      String(entries),
      String(remains),
      perLocus.join(','),
    ]);
    const bareMs = (JSON.parse(bare.stdout) as { ms: number }).ms;
    const cliStart = runProcess([...process.execArgv, main, '--version']).ms;
    return {
      incident: `${families.toLocaleString('en-US')} families × ${remains.toLocaleString('en-US')} remains, ${entries.toLocaleString('en-US')} missing persons, 23 loci, ${text.length.toLocaleString('en-US')} bytes of JSON`,
      'index build (in process, first pass), families/s': Math.round(families / (buildMs / 1000)),
      'index build, families per CPU second (robust to other load)': Math.round(
        families / (buildCpuMs / 1000),
      ),
      'index build with the consistency pass (opt-in), families per CPU second': Math.round(
        families / (consistencyCpuMs / 1000),
      ),
      'index bytes per family (typed arrays, as used)': Math.round(index.usedBytes() / families),
      'whole process, 1 thread, s': one.ms / 1000,
      'whole process, 2 threads, s': two.ms / 1000,
      'speed-up 1 → 2 threads': one.ms / two.ms,
      'peak RSS, 1 thread, MB': Math.round(one.rssMB),
      'peak RSS, 2 threads, MB': Math.round(two.rssMB),
      'bare loop (reads only), s': bareMs / 1000,
      'bare loop (whole process, with table fill), s': bare.ms / 1000,
      'CLI start (kindred --version, same loader), s': cliStart / 1000,
      'whole process 1 thread / bare loop reads': one.ms / bareMs,
      'whole process 2 threads / bare loop reads': two.ms / bareMs,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.filename === process.argv[1] && !process.argv.includes('--write')) {
  console.log(runIncidentBench());
} else if (process.argv.includes('--write')) {
  // `npx tsx bench/incident.ts --write FILE`: only write the incident document (for profiling).
  const { families, remains } = sizes();
  writeFileSync(
    process.argv[process.argv.indexOf('--write') + 1]!,
    JSON.stringify(incidentDocument(families, remains)),
  );
}
