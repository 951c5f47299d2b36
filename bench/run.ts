/**
 * `npm run bench`: run every benchmark and write bench/RESULTS.md with the machine, Node version,
 * command, figures and the targets they are measured against. `npm run bench -- lr search` runs
 * a subset (names: lr, search, incident, incident-20k, incident-30k, dvi, workers, degraded, direct, power, power-pool, import, bundle, closed-forms, refusals, report).
 *
 * @module
 */

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { machineLine } from './bench-util.js';

type Figures = Record<string, number | string>;

interface Suite {
  readonly name: string;
  readonly title: string;
  readonly targets: string;
  readonly run: () => Promise<Figures>;
  /** Environment of the suite's process (added to this one's). */
  readonly env?: Readonly<Record<string, string>>;
}

const SUITES: readonly Suite[] = [
  {
    name: 'lr',
    title: 'Kinship LRs (engine and pairwise closed forms)',
    targets:
      'Targets, one core: ≥ 1,000,000 pairwise 23-locus LRs/s without mutation, ≥ 200,000/s with stepwise; ≥ 2,000 family cases/s (13 members, 9 typed, 24 loci; H1 and H2), ≥ 500/s with stepwise. Reference software (R forrel/pedprobr) on this kind of machine: 12.6 ms per pairwise 20-locus LR, 50 ms per 13-member family case (75 ms with stepwise, 12 loci).',
    run: async () => {
      const { runConformanceTimings, runFamilyBench, runPairwiseBench } = await import(
        './lr-bench.js'
      );
      return { ...runPairwiseBench(), ...runFamilyBench(), ...runConformanceTimings() };
    },
  },
  {
    name: 'search',
    title: 'Search index and ranking',
    targets:
      'Targets, one core: index ≥ 5,000 families/s and ≤ 16 KB per family; one remains vs 100,000 families ≤ 50 ms; 10,000 × 10,000 ≤ 60 s.',
    run: async () => (await import('./search-bench.js')).runSearchBench({ log: () => {} }),
  },
  {
    name: 'incident',
    title: 'Bulk search as a whole process (simulated incident)',
    targets:
      'Targets (issue 12): index build ≥ 5,000 families/s on one core, first pass included; whole process at 5,000 × 1,000 on 1 thread ≤ 5× the bare loop of the same run; 2 threads ≥ 1.8× faster than 1 at 20,000 × 2,000. Size: KINDRED_INCIDENT=FAMILIESxREMAINS (default 5000x1000) or small (600x200): `KINDRED_INCIDENT=small npm run bench -- incident`. The CLI runs under the same loader as the bench (tsx), whose start-up is given.',
    run: async () => (await import('./incident.js')).runIncidentBench(),
  },
  {
    name: 'incident-20k',
    title: 'Bulk search as a whole process at 20,000 × 2,000',
    targets:
      'Targets (issue 12): 2 threads ≥ 1.8× faster than 1 thread, and ≤ 5× the bare loop of the same run; peak RSS ≤ 0.9 GB. The same figures as the suite above (`incident`), at KINDRED_INCIDENT=20000x2000.',
    env: { KINDRED_INCIDENT: '20000x2000' },
    run: async () => (await import('./incident.js')).runIncidentBench(),
  },
  {
    name: 'incident-30k',
    title: 'Bulk search at the scale of a national programme: 30,000 × 25,000',
    targets:
      'Target (issue 12): whole process on 2 threads ≤ 2 minutes. The same figures as the suite `incident`, at KINDRED_INCIDENT=30000x25000.',
    env: { KINDRED_INCIDENT: '30000x25000' },
    run: async () => (await import('./incident.js')).runIncidentBench(),
  },
  {
    name: 'dvi',
    title: 'DVI: pairwise matrix and exact joint search',
    targets:
      'Targets: ≥ 100× faster than R dvir (6.7 s for the 50 × 30 pairwise matrix, 149 s for the full joint search of 20 × 10); an 8 × 5 incident with mutation (19,081 assignments) in seconds.',
    run: async () => (await import('./dvi-bench.js')).runDVIBench(),
  },
  {
    name: 'workers',
    title: 'Worker pool (all-vs-all on threads)',
    targets:
      'Targets: speed-up ≥ 1.8× from 1 to 2 threads on this 2-core machine; abort latency < 200 ms; ≤ 50 MB per extra worker beyond the shared index.',
    run: async () => (await import('./workers-bench.js')).runWorkersBench(),
  },
  {
    name: 'degraded',
    title: 'Degraded DNA (drop-out, drop-in): cost against pristine in the same run',
    targets:
      'Targets (issue 11): degraded pairwise, family-case and search rates ≥ 0.5× the pristine rate of the same run; d = c = 0 takes the pristine path (ratio ≈ 1).',
    run: async () => (await import('./degraded-bench.js')).runDegradedBench(),
  },
  {
    name: 'direct',
    title: 'Direct matching: remains against remains and an elimination set',
    targets:
      'Target (issue 11 item 4): every pair of 2,000 remains and each against 50 staff profiles (2.1 million pairs, 23 loci) in ≤ 5 s on one core, pristine and with 30 % degraded remains. Bound measured in the same run: the engine (computeKinshipLR on the pair as a case, B sameAs A vs unrelated) on 300 of the same pairs, whose rate is what n² engine calls would give.',
    run: async () => (await import('./direct-match-bench.js')).runDirectMatchBench(),
  },
  {
    name: 'power',
    title: 'Power of reference sets (kindred power)',
    targets:
      'Target, one core: ≥ 20,000 simulated LRs/s for a 13-person family at 23 loci (here 24). Bound measured in the same run: engine LR cases/s for the same family (the cost per draw when each simulated LR is computed by the engine after gene dropping, as forrel missingPersonIP does).',
    run: async () => (await import('./power-bench.js')).runPowerBench(),
  },
  {
    name: 'power-pool',
    title: 'Programme power on the worker pool (kindred power --threads)',
    targets:
      'Whole process, parse to output, on a simulated programme (600 families, 23 synthetic loci, the default 10,000 simulated LRs per reference set): 2 threads against 1 thread of the same run (the bound), the same answer at both.',
    run: async () => (await import('./power-pool-bench.js')).runPowerPoolBench(),
  },
  {
    name: 'import',
    title: 'Profile import into SQLite',
    targets: 'Target: ≥ 20,000 profiles/s for a 100,000-profile import.',
    run: async () => (await import('./import-bench.js')).runImportBench(),
  },
  {
    name: 'bundle',
    title: 'Browser bundle of the main entry',
    targets:
      'The main entry `kindred` and its browser-safe sub-paths bundled for a browser (esbuild, platform browser, ES2022, from the sources tsup builds dist/ from) with no Node module; the bytes a page downloads are the minified + gzip figures. Also the lines of src/ per folder (tests excluded).',
    run: async () => (await import('./bundle-bench.js')).runBundleBench(),
  },
  {
    name: 'closed-forms',
    title: 'Pairwise closed forms against the engine',
    targets:
      'Rule (issue 16, item 2): a closed form stays only where the engine with cached plans is more than 2× slower for the same LRs (23 loci, 1,000 random pairs; equal to 1e-9 relative, checked on every pair before timing).',
    run: async () => (await import('./closed-form-bench.js')).runClosedFormBench(),
  },
  {
    name: 'refusals',
    title: 'Refusals of oversized inputs (whole process)',
    targets:
      'Target (issue 18): every refusal of an oversized input in under a second and 200 MB, as a whole `kindred` process; the bound of the same run is the loader start-up (`kindred --version`), subtracted from each wall time. Tests assert each refusal (code and message), never its time.',
    run: async () => (await import('./refusals-bench.js')).runRefusalsBench(),
  },
  {
    name: 'report',
    title: 'Pedigree drawings',
    targets: 'Target: lay out and render a 50-person pedigree as SVG in under 50 ms.',
    run: async () => (await import('./report-bench.js')).runReportBench(),
  },
];

function format(v: number | string): string {
  if (typeof v === 'string') return v;
  if (Number.isInteger(v)) return v.toLocaleString('en-US');
  const a = Math.abs(v);
  return a >= 100 ? Math.round(v).toLocaleString('en-US') : v.toPrecision(4);
}

/**
 * Run one suite in a fresh child process (same Node flags, so tsx works), so that suites do not
 * share JIT state, heap or loaded code; the child prints its figures as JSON.
 */
function runIsolated(suite: Suite): Figures {
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, import.meta.filename, '--suite', suite.name],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 64 * 2 ** 20,
      env: { ...process.env, ...suite.env },
    },
  );
  if (child.status !== 0)
    throw new Error(`bench suite ${suite.name} failed (exit ${child.status})`);
  const last = child.stdout.trim().split('\n').pop() ?? '{}';
  return JSON.parse(last) as Figures;
}

async function main(): Promise<void> {
  const suiteFlag = process.argv.indexOf('--suite');
  if (suiteFlag >= 0) {
    const suite = SUITES.find((x) => x.name === process.argv[suiteFlag + 1]);
    if (suite === undefined) throw new Error(`unknown suite ${process.argv[suiteFlag + 1]}`);
    process.stdout.write(`\n${JSON.stringify(await suite.run())}\n`);
    return;
  }
  const wanted = process.argv.slice(2);
  const suites = wanted.length === 0 ? SUITES : SUITES.filter((s) => wanted.includes(s.name));
  const started = new Date();
  const file = join(import.meta.dirname, 'RESULTS.md');
  // Keep the sections of suites not run this time.
  const sections = new Map<string, string>();
  if (existsSync(file)) {
    for (const part of readFileSync(file, 'utf8')
      .split(/^(?=## )/m)
      .slice(1)) {
      const title = part.slice(3, part.indexOf('\n'));
      sections.set(title, `${part.trimEnd()}\n`);
    }
  }
  for (const suite of suites) {
    process.stderr.write(`bench: ${suite.name}…\n`);
    const load = loadavg()[0]!.toFixed(2);
    const t0 = performance.now();
    const figures = runIsolated(suite);
    const secs = ((performance.now() - t0) / 1000).toFixed(1);
    const rows = Object.entries(figures).map(([k, v]) => `| ${k} | ${format(v)} |`);
    sections.set(
      suite.title,
      [
        `## ${suite.title}`,
        '',
        suite.targets,
        '',
        `Run: \`npm run bench -- ${suite.name}\` on ${new Date().toISOString()} (${secs} s, load average ${load} at start).`,
        '',
        '| measure | value |',
        '| --- | --- |',
        ...rows,
        '',
      ].join('\n'),
    );
    process.stderr.write(`bench: ${suite.name} done in ${secs} s\n`);
  }
  const header = [
    '# Benchmark results',
    '',
    `Written by \`npm run bench\` (all suites) or \`npm run bench -- NAME…\` (some; the others keep their last figures). Last run: ${started.toISOString()}.`,
    '',
    `Machine: ${machineLine()}.`,
    '',
    'Each suite runs in its own Node process. Rates are medians of several timed rounds after a warm-up, on one core unless a thread count is given. Figures measured while other processes share the 2 cores are lower than on an idle machine; the load average at the start of each suite is recorded.',
    '',
  ].join('\n');
  const ordered = SUITES.map((x) => sections.get(x.title)).filter(
    (x): x is string => x !== undefined,
  );
  const text = `${header}\n${ordered.join('\n')}`;
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
  process.stderr.write(`bench: wrote ${file}\n`);
}

await main();
