/**
 * Missing-persons search benchmarks (issue 4, item 5), on families simulated from a real
 * frequency table (fbi2015-caucasian, its 23 loci, extended stepwise mutation rate 0.002,
 * rate2 1e-6, range 0.1 — stepwise is not lumpable, so every table is full size) with the
 * simulator's mixed shapes and 1–4 typed relatives:
 * - index build rate (families/s, warm engine plan cache, and the cold first batch) and memory
 *   per family (bytes of typed arrays per indexed missing person);
 * - one remains against 100,000 indexed families (median ms of several scorings);
 * - all 10,000 remains × 10,000 families with `rankAll` (top 10 both ways, posteriors,
 *   undisputed), run on a measured fraction of the remains and extrapolated when
 *   `matrixRemains` < 10,000.
 * Large family counts are reached by deep-copying simulated entries (own typed arrays, same
 * values), which the output says; scoring touches every table as it would in a real index.
 *
 * Run alone: `npx tsx bench/search-bench.ts [--quick]`.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locus } from '../src/frequencies/locus.js';
import { parseDVICase } from '../src/io/dvi-file.js';
import { parseFrequencyCsv } from '../src/io/frequency-file.js';
import { createPedigree } from '../src/pedigree/create-pedigree.js';
import { resolveMarkerName } from '../src/profile/markers.js';
import type { PackedEntry } from '../src/search/index/family.js';
import { SearchIndex } from '../src/search/index/search-index.js';
import { rankFamilies } from '../src/search/rank/rank.js';
import { rankAll } from '../src/search/rank/rank-all.js';
import type { Family } from '../src/search/types.js';
import { createRng } from '../src/sim/prng.js';
import { randomProfile } from '../src/sim/random-genotype.js';
import { simulateFamily, simulateIncident } from '../src/sim/simulate-incident.js';
import { machineLine, median } from './bench-util.js';

/** Options of {@link runSearchBench}. */
export interface SearchBenchOptions {
  /** Frequency table CSV (default ../shared/data/frequencies/fbi2015-caucasian.csv). */
  readonly table?: string;
  readonly seed?: number;
  /** Families simulated and indexed for the build rate (default 2,000). */
  readonly buildFamilies?: number;
  /** Indexed families for the one-remains scoring (default 100,000). */
  readonly scoreFamilies?: number;
  /** Families and remains of the matrix run (default 10,000 each). */
  readonly matrixFamilies?: number;
  readonly matrixRemains?: number;
  /** Remains actually ranked in the matrix run (default all; fewer → extrapolated). */
  readonly matrixMeasured?: number;
  /** Families of the simulated incident for the true-family rate (default 300, half identifiable). */
  readonly incidentFamilies?: number;
  readonly log?: (line: string) => void;
}

const STEPWISE = { model: 'stepwise', rate: 0.002, rate2: 1e-6, range: 0.1 } as const;

/** Wall and CPU (user + system of this process) milliseconds of `fn`. */
function timed(fn: () => void): { wall: number; cpu: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1000 };
}

/** The table's markers as loci with stepwise mutation. */
export function benchLoci(path: string): Locus[] {
  const parsed = parseFrequencyCsv(readFileSync(path, 'utf8'), { population: 'bench', file: path });
  return [...parsed.table.markers].map(([name, m]) => ({
    name,
    alleles: [...m.alleles],
    frequencies: [...m.frequencies],
    chromosome: resolveMarkerName(name)?.chromosome === 'X' ? 'X' : 'autosomal',
    mutation: STEPWISE,
  }));
}

/** Bytes of ln LR values per family: 8 per genotype slot of the layout. */
function layoutBytes(index: SearchIndex): number {
  return index.layout.slots * 8;
}

function _family(rng: ReturnType<typeof createRng>, loci: readonly Locus[], name: string): Family {
  const sim = simulateFamily(rng, loci, { name, mutation: true });
  const genotypes = new Map(
    Object.entries(sim.genotypes).map(([id, g]) => [id, new Map(Object.entries(g))] as const),
  );
  return {
    name,
    pedigree: createPedigree(sim.pedigree),
    records: sim.pedigree,
    missing: sim.missing,
    genotypes,
  };
}

/** Fill `index` to `count` families by deep copies of `base`'s entries (new family names). */
function _fill(index: SearchIndex, base: SearchIndex, count: number): void {
  const names = base.familyNames();
  for (let k = index.familyNames().length; k < count; k++) {
    const src = names[k % names.length]!;
    const name = `${src}#${Math.floor(k / names.length)}`;
    const packed = base.family(src)!.map(
      (e): PackedEntry => ({
        ...e,
        family: name,
        logLR: base.column(e),
        consistent: e.consistent?.slice() ?? null,
        informative: e.informative.slice(),
        classes: e.classes.slice(),
      }),
    );
    index.insertEntries(name, packed);
  }
}

/** Simulate an incident, rank each identifiable victim's candidates, report "k/n (rate)". */
function _trueFamilyRate(loci: readonly Locus[], seed: number, families: number): string {
  const identifiable = Math.floor(families / 2);
  const sim = simulateIncident({
    seed,
    loci,
    families,
    identifiable,
    unrelated: 20,
    mutation: true,
  });
  const index = SearchIndex.fromDVICase(parseDVICase(sim.document));
  let first = 0;
  for (const [victim, t] of sim.truth) {
    if (t !== null && rankFamilies(index, victim, { top: 1 })[0]?.family === t.family) first++;
  }
  return `${first}/${identifiable} (${((100 * first) / identifiable).toFixed(1)}%)`;
}

/**
 * Run the search benchmarks and return the figures (numbers and labelled strings).
 *
 * @param options - sizes, seed, table, logger
 * @returns figures keyed by name
 */
export async function runSearchBench(
  options: SearchBenchOptions = {},
): Promise<Record<string, number | string>> {
  const log = options.log ?? ((s: string) => console.log(s));
  const table =
    options.table ??
    join(import.meta.dirname, '..', '..', 'shared', 'data', 'frequencies', 'fbi2015-caucasian.csv');
  const seed = options.seed ?? 20_240_601;
  const loci = benchLoci(table);
  const out: Record<string, number | string> = {
    machine: machineLine(),
    table: table.split('/').pop()!,
    loci: loci.length,
    alleles: loci.reduce((s, l) => s + l.alleles.length, 0),
    seed,
  };
  log(
    `search bench: ${out.table}, ${loci.length} loci (${out.alleles} alleles), stepwise 0.002/1e-6/0.1, seed ${seed}`,
  );
  const rng = createRng(seed);
  const nBuild = options.buildFamilies ?? 2_000;
  const families = Array.from({ length: nBuild }, (_, i) => _family(rng, loci, `F${i}`));
  // First pass: every family new to the engine's plan cache (plans compiled as shapes and
  // typing patterns appear). Second pass over the same families: steady state, plans cached.
  const index = new SearchIndex(loci);
  const first = timed(() => {
    for (const f of families) index.addFamily(f);
  });
  for (const f of families) index.removeFamily(f.name);
  const warm = timed(() => {
    for (const f of families) index.addFamily(f);
  });
  out['build families/s (plans cached, CPU)'] = Math.round((nBuild / warm.cpu) * 1000);
  out['build families/s (plans cached, wall)'] = Math.round((nBuild / warm.wall) * 1000);
  out['build families/s (first pass incl. plan compilation, CPU)'] = Math.round(
    (nBuild / first.cpu) * 1000,
  );
  out['bytes per family (typed arrays)'] = Math.round(index.usedBytes() / index.entries.length);
  out['bytes per family: LR values'] = layoutBytes(index);
  log(
    `  build (${nBuild} families): ${out['build families/s (plans cached, CPU)']} families/s CPU (${out['build families/s (plans cached, wall)']} wall) with plans cached, ${out['build families/s (first pass incl. plan compilation, CPU)']}/s on the first pass; ${out['bytes per family (typed arrays)']} bytes per family`,
  );

  const nScore = options.scoreFamilies ?? 100_000;
  const big = new SearchIndex(loci);
  _fill(big, index, nScore);
  const remains = Array.from({ length: 7 }, (_, i) => {
    const sex = i % 2 === 0 ? 'male' : 'female';
    return big.encode(`R${i}`, randomProfile(rng, loci, sex), sex);
  });
  const scores = new Float64Array(big.entries.length);
  big.score(remains[0]!, scores);
  const times = remains.map((c) => timed(() => big.score(c, scores)));
  const wallMs = median(times.map((t) => t.wall));
  const cpuMs = median(times.map((t) => t.cpu));
  out[`one remains vs ${nScore} families, ms (median wall of ${times.length})`] = Number(
    wallMs.toFixed(2),
  );
  out[`one remains vs ${nScore} families, ms (median CPU)`] = Number(cpuMs.toFixed(2));
  out['score source'] = `${nBuild} simulated families deep-copied to ${nScore}`;
  log(
    `  one remains vs ${nScore} families: ${wallMs.toFixed(2)} ms median wall, ${cpuMs.toFixed(2)} ms CPU`,
  );

  const nf = options.matrixFamilies ?? 10_000;
  const nr = options.matrixRemains ?? 10_000;
  const measured = Math.min(nr, options.matrixMeasured ?? nr);
  const matrix = new SearchIndex(loci);
  _fill(matrix, index, nf);
  for (let i = 0; i < measured; i++) {
    const sex = rng.int(2) === 0 ? 'male' : 'female';
    matrix.addRemains(`U${i}`, randomProfile(rng, loci, sex), sex);
  }
  let ranked: ReturnType<typeof rankAll> | undefined;
  const mt = timed(() => {
    ranked = rankAll(matrix, { top: 10 });
  });
  const label = `${nr} remains x ${nf} families rankAll, s`;
  out[`${label} (CPU)`] = Number(((mt.cpu / 1000) * (nr / measured)).toFixed(2));
  out[`${label} (wall)`] = Number(((mt.wall / 1000) * (nr / measured)).toFixed(2));
  out['matrix measured'] =
    measured === nr
      ? 'full run'
      : `${measured} remains measured (${(mt.cpu / 1000).toFixed(2)} s CPU), extrapolated x${(nr / measured).toFixed(1)}`;
  // Entries are copies of the simulated families (name "F12#3" copies "F12"): count pairs, and
  // distinct (remains, simulated family) pairs, among every remains' top 10.
  let over = 0;
  const distinct = new Set<string>();
  for (const hits of ranked!.byRemains.values()) {
    for (const h of hits) {
      if (h.category !== 'match') continue;
      over++;
      distinct.add(`${h.remains}|${h.family.split('#')[0]}`);
    }
  }
  out['unrelated remains pairs >= LR 10,000'] = over;
  out['... distinct (remains, simulated family) pairs'] = distinct.size;
  log(
    `  ${label}: ${out[`${label} (CPU)`]} CPU, ${out[`${label} (wall)`]} wall (${out['matrix measured']}); unrelated pairs at or above LR 10,000: ${over} (${distinct.size} distinct remains x simulated family)`,
  );
  const truth = _trueFamilyRate(loci, seed + 1, options.incidentFamilies ?? 300);
  out['simulated incident: true family ranked first'] = truth;
  log(`  simulated incident (seed ${seed + 1}): true family ranked first for ${truth}`);
  return out;
}

const isMain = (process.argv[1] ?? '').endsWith('search-bench.ts');
if (isMain) {
  const quick = process.argv.includes('--quick');
  const figures = await runSearchBench(
    quick
      ? {
          incidentFamilies: 100,
          buildFamilies: 400,
          scoreFamilies: 20_000,
          matrixFamilies: 2_000,
          matrixRemains: 10_000,
          matrixMeasured: 500,
        }
      : {},
  );
  console.log(JSON.stringify(figures, null, 2));
}
