/**
 * Import benchmark: 100,000 profiles (15 STRs + Amelogenin, alleles drawn from the synthetic
 * frequencies of fixtures/lab/synthetic.wide.csv) written to a fresh SQLite store in one
 * transaction, the same batch again (all unchanged), the in-memory store for comparison, and
 * GeneMapper text to store end to end. Target: ≥ 20,000 profiles/s into SQLite.
 *
 * Run alone: `npx tsx bench/import-bench.ts`.
 *
 * @module
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseFrequencyWide } from '../src/io/frequency-wide.js';
import { parseGeneMapper } from '../src/io/genemapper.js';
import { createProfile, type Profile } from '../src/profile/profile.js';
import { type ImportBatch, importBatch } from '../src/store/import-batch.js';
import { createMemoryStore } from '../src/store/memory-store.js';
import { openSqliteStore } from '../src/store/sqlite-store.js';
import { machineLine, median } from './bench-util.js';

const N = 100_000;
const GENEMAPPER_N = 20_000;

function _random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Simulated profiles: allele labels drawn from the fixture table, Amelogenin from a coin. */
function simulate(n: number): { profiles: Profile[]; genemapper: (count: number) => string } {
  const text = readFileSync(
    fileURLToPath(new URL('../fixtures/lab/synthetic.wide.csv', import.meta.url)),
    'utf8',
  );
  const table = parseFrequencyWide(text, { population: 'bench' }).table;
  const random = _random(2026);
  const draw = (alleles: readonly string[], p: readonly number[]) => {
    let u = random();
    for (let i = 0; i < alleles.length; i++) {
      u -= p[i] as number;
      if (u <= 0) return alleles[i] as string;
    }
    return alleles.at(-1) as string;
  };
  const raw = Array.from({ length: n }, (_, i) => {
    const genotypes = new Map<string, [string, string]>();
    for (const [marker, m] of table.markers)
      genotypes.set(marker, [draw(m.alleles, m.frequencies), draw(m.alleles, m.frequencies)]);
    genotypes.set('AMEL', random() < 0.5 ? ['X', 'Y'] : ['X', 'X']);
    return { id: `P${String(i).padStart(6, '0')}`, genotypes };
  });
  const profiles = raw.map((r) =>
    createProfile({ id: r.id, kind: i2kind(r.id), genotypes: r.genotypes }),
  );
  const genemapper = (count: number) => {
    const rows = ['Sample Name\tMarker\tAllele 1\tAllele 2'];
    for (const r of raw.slice(0, count)) {
      for (const [m, [a, b]] of r.genotypes) rows.push(`${r.id}\t${m}\t${a}\t${a === b ? '' : b}`);
    }
    return `${rows.join('\n')}\n`;
  };
  return { profiles, genemapper };
}

function i2kind(id: string) {
  return Number(id.slice(1)) % 10 === 0 ? ('reference' as const) : ('remains' as const);
}

function batchOf(profiles: readonly Profile[]): ImportBatch {
  return {
    file: 'bench',
    format: 'bench',
    profiles,
    families: [],
    tables: [],
    rejected: [],
    skipped: [],
    warnings: [],
  };
}

/**
 * Run the import benchmark.
 *
 * @returns rates in profiles per second (medians of 3 runs) and the database size
 */
export async function runImportBench(): Promise<Record<string, number | string>> {
  const dir = mkdtempSync(join(tmpdir(), 'kindred-import-bench-'));
  try {
    const t0 = performance.now();
    const { profiles, genemapper } = simulate(N);
    const simulateMs = performance.now() - t0;
    const sqliteRates: number[] = [];
    const unchangedRates: number[] = [];
    let bytes = 0;
    for (let run = 0; run < 3; run++) {
      const file = join(dir, `run${run}.db`);
      const store = openSqliteStore(file);
      let t = performance.now();
      const report = importBatch(store, batchOf(profiles));
      sqliteRates.push(N / ((performance.now() - t) / 1000));
      if (report.profiles.added.length !== N) throw new Error('bench: not every profile was added');
      t = performance.now();
      importBatch(store, batchOf(profiles));
      unchangedRates.push(N / ((performance.now() - t) / 1000));
      store.close();
      bytes = statSync(file).size;
    }
    const memoryRates: number[] = [];
    for (let run = 0; run < 3; run++) {
      const store = createMemoryStore();
      const t = performance.now();
      importBatch(store, batchOf(profiles));
      memoryRates.push(N / ((performance.now() - t) / 1000));
    }
    const gmText = genemapper(GENEMAPPER_N);
    const gmRates: number[] = [];
    for (let run = 0; run < 3; run++) {
      const store = openSqliteStore(join(dir, `gm${run}.db`));
      const t = performance.now();
      const parsed = parseGeneMapper(gmText, { kind: 'remains', file: 'bench.txt' });
      importBatch(store, batchOf(parsed.profiles));
      gmRates.push(GENEMAPPER_N / ((performance.now() - t) / 1000));
      store.close();
    }
    return {
      machine: machineLine(),
      profiles: N,
      'simulate + validate profiles/s': Math.round(N / (simulateMs / 1000)),
      'sqlite import profiles/s': Math.round(median(sqliteRates)),
      'sqlite re-import (unchanged) profiles/s': Math.round(median(unchangedRates)),
      'memory import profiles/s': Math.round(median(memoryRates)),
      'genemapper text to sqlite profiles/s': Math.round(median(gmRates)),
      'sqlite file MiB per 100k profiles': Math.round((bytes / 2 ** 20) * 10) / 10,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  runImportBench().then((r) => {
    for (const [k, v] of Object.entries(r)) console.log(`${k}: ${v}`);
  });
}
