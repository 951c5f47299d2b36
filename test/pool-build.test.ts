/**
 * The index built on the pool's workers (`pool.buildIndex`, issue 12) against the
 * single-threaded `SearchIndex.fromDVICase` of the same document, which is the independent
 * value here (the workers run the same per-family computation, so anything else — the batching,
 * the positions in the shared buffer, the order in which workers finish — shows up as a
 * difference): entries, every ln LR column, remains and the full ranking equal (`toStrictEqual`)
 * at 1, 2 and 4 threads, with and without shared memory and with the consistency pass. Errors:
 * the first bad family in document order wins, then the first bad remains, as in one thread;
 * abort, crash, the per-task deadline and progress work as for a search. An index built this
 * way stays an ordinary index: adding and removing families afterwards gives what the same
 * changes give on the single-threaded index.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDVICase } from '../src/io/dvi-file.js';
import { SearchIndex as Index, type SearchIndex } from '../src/search/index/search-index.js';
import { rankAll } from '../src/search/rank/rank-all.js';
import type { DVICase } from '../src/search/types.js';
import { simulateIncident } from '../src/sim/simulate-incident.js';
import { syntheticLoci } from '../src/sim/synthetic-loci.js';
import { createSearchPool, type SearchPool } from '../src/workers/search-pool.js';
import { createNodeSpawner, resolveNodeWorkerScript } from '../src/workers/spawn-node.js';
import { rejection } from './helpers/expect-error.js';

const STEPWISE = { model: 'stepwise', rate: 0.002, rate2: 1e-6, range: 0.1 } as const;

function incident(seed: number, families: number, unrelated: number): Record<string, unknown> {
  const loci = syntheticLoci(seed, { count: 6, mutation: STEPWISE });
  return simulateIncident({
    seed,
    loci,
    families,
    identifiable: Math.min(families, 20),
    unrelated,
    mutation: true,
  }).document;
}

/** Everything an index holds, for comparison. */
function contents(index: SearchIndex) {
  return {
    families: index.familyNames().map((n) => [n, index.family(n)]),
    entries: index.entries,
    columns: index.entries.map((e) => index.column(e)),
    remains: index.remains,
    consistency: index.consistency,
  };
}

describe('pool.buildIndex equals SearchIndex.fromDVICase', () => {
  const dvi = parseDVICase(incident(5, 150, 25));
  const expected = Index.fromDVICase(dvi);
  const ranked = rankAll(expected, { top: 4 });
  const pools: SearchPool[] = [];
  beforeAll(() => {
    for (const t of [1, 2, 4]) pools.push(createSearchPool({ threads: t }));
    pools.push(createSearchPool({ threads: 2, shareMemory: false }));
  });
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.close()));
  });

  it('same entries, columns, remains and ranking at 1, 2 and 4 threads, shared memory or not', async () => {
    for (const pool of pools) {
      const built = await pool.buildIndex(dvi);
      expect(contents(built)).toStrictEqual(contents(expected));
      expect(rankAll(built, { top: 4 })).toStrictEqual(ranked);
      expect(await pool.search(built, { top: 4 })).toStrictEqual(ranked);
    }
  });

  it('with the consistency pass and per-locus detail', async () => {
    const withBits = Index.fromDVICase(dvi, { consistency: true });
    const built = await pools[1]!.buildIndex(dvi, { consistency: true });
    expect(contents(built)).toStrictEqual(contents(withBits));
    const options = { top: 2, perLocus: true } as const;
    expect(await pools[1]!.search(built, options)).toStrictEqual(rankAll(withBits, options));
  });

  it('stays an ordinary index: later changes give what they give on the single-threaded one', async () => {
    const built = await pools[1]!.buildIndex(dvi);
    const mine = Index.fromDVICase(dvi);
    for (const idx of [built, mine]) {
      idx.removeFamily(dvi.families[3]!.name);
      idx.removeFamily(dvi.families[0]!.name);
      idx.addFamily(dvi.families[0]!, dvi.observation);
      idx.removeRemains([...dvi.victims.keys()][2]!);
    }
    expect(contents(built)).toStrictEqual(contents(mine));
    expect(await pools[1]!.search(built, { top: 3 })).toStrictEqual(rankAll(mine, { top: 3 }));
  });

  it('reports progress in families, ending at every family', async () => {
    const seen: number[] = [];
    await pools[1]!.buildIndex(dvi, {}, { onProgress: (p) => seen.push(p.done) });
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.at(-1)).toBe(dvi.families.length);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  });
});

/**
 * A document of `n` families (parents typed, a typed child and a missing child) on three loci
 * without mutation, and 6 victims; `bad` families get a child no pair of parents can have
 * (IMPOSSIBLE_REFERENCE when indexed).
 */
function trios(n: number, bad: readonly number[]): Record<string, unknown> {
  const alleles = ['10', '11', '12', '13'];
  const loci = ['A', 'B', 'C'].map((name) => ({
    name,
    alleles,
    frequencies: [0.1, 0.2, 0.3, 0.4],
    mutation: null,
  }));
  const a = (k: number): string => alleles[k % 4]!;
  const families = Array.from({ length: n }, (_, f) => {
    const fa: Record<string, string[]> = {};
    const mo: Record<string, string[]> = {};
    const ch: Record<string, string[]> = {};
    loci.forEach((l, i) => {
      fa[l.name] = [a(f + i), a(f + 2 * i + 1)];
      mo[l.name] = [a(3 * f + i), a(f + 3)];
      ch[l.name] = [fa[l.name]![0]!, mo[l.name]![1]!];
    });
    // Father 10/11 and a child 12/12: no mother gives that without mutation.
    if (bad.includes(f)) {
      fa.A = ['10', '11'];
      ch.A = ['12', '12'];
    }
    return {
      name: `T${f}`,
      pedigree: [
        { id: `FA${f}`, father: null, mother: null, sex: 'male' },
        { id: `MO${f}`, father: null, mother: null, sex: 'female' },
        { id: `C${f}`, father: `FA${f}`, mother: `MO${f}`, sex: 'female' },
        { id: `M${f}`, father: `FA${f}`, mother: `MO${f}`, sex: f % 2 === 0 ? 'male' : 'female' },
      ],
      missing: [`M${f}`],
      genotypes: { [`FA${f}`]: fa, [`MO${f}`]: mo, [`C${f}`]: ch },
    };
  });
  const victims: Record<string, Record<string, string[]>> = {};
  const victimSex: Record<string, string> = {};
  for (let v = 0; v < 6; v++) {
    victims[`V${v}`] = Object.fromEntries(loci.map((l, i) => [l.name, [a(v + i), a(2 * v)]]));
    victimSex[`V${v}`] = v % 2 === 0 ? 'male' : 'female';
  }
  return { format: 'kindred-dvi/1', id: 'trios', theta: 0, loci, victims, victimSex, families };
}

describe('pool.buildIndex errors are those of the single-threaded build', () => {
  const doc = trios(80, []);
  const withBad = (families: number[], victim: boolean): DVICase => {
    const dvi = parseDVICase(trios(80, families));
    if (!victim) return dvi;
    // An allele the locus does not list (the reader refuses it in a document; a case built in
    // code reaches the index, which refuses it when the remains is encoded).
    const victims = new Map(dvi.victims);
    victims.set('V3', new Map([...victims.get('V3')!, ['B', ['10', '17']]]));
    return { ...dvi, victims };
  };
  let pool: SearchPool;
  beforeAll(() => {
    pool = createSearchPool({ threads: 2 });
  });
  afterAll(async () => {
    await pool.close();
  });

  const inThread = (dvi: DVICase): unknown => {
    try {
      Index.fromDVICase(dvi);
    } catch (e) {
      return e;
    }
    throw new Error('expected the single-threaded build to fail');
  };

  it('a repeated family name (a case built in code; the reader refuses it): the same error', async () => {
    const parsed = parseDVICase(doc);
    const families = [...parsed.families];
    families[57] = { ...families[57]!, name: families[12]!.name };
    const dvi = { ...parsed, families };
    const want = inThread(dvi) as Error & { code: string; path: unknown };
    const got = await rejection(pool.buildIndex(dvi));
    expect([got.code, got.path, got.message]).toEqual([want.code, want.path, want.message]);
  });

  it.each([
    ['one bad family', [40], false],
    ['two bad families (the first in document order wins)', [70, 33], false],
    ['a bad family and a bad remains (the family wins)', [61], true],
    ['a bad remains only', [], true],
  ])('%s: the same error as in one thread', async (_, bad, victim) => {
    const dvi = withBad(bad, victim);
    const want = inThread(dvi) as Error & { code: string; path: unknown };
    const got = await rejection(pool.buildIndex(dvi));
    expect([got.code, got.path, got.message]).toEqual([want.code, want.path, want.message]);
  });
});

describe('pool.buildIndex under abort, crash and the per-task deadline', () => {
  const dvi = parseDVICase(incident(7, 300, 10));

  it('abort during the build rejects with ABORTED and stops every worker', async () => {
    const pool = createSearchPool({ threads: 2 });
    const ac = new AbortController();
    try {
      const p = pool.buildIndex(
        dvi,
        {},
        {
          signal: ac.signal,
          onProgress: (q) => {
            if (q.done > 0) ac.abort();
          },
        },
      );
      expect((await rejection(p)).code).toBe('ABORTED');
      expect(pool.liveWorkers).toBe(0);
      // The pool stays usable.
      expect(contents(await pool.buildIndex(dvi))).toStrictEqual(contents(Index.fromDVICase(dvi)));
    } finally {
      await pool.close();
    }
  });

  it('a task past the deadline is WORKER_TIMEOUT naming the families', async () => {
    const pool = createSearchPool({ threads: 1, taskTimeoutMs: 1 });
    try {
      const e = await rejection(pool.buildIndex(dvi));
      expect(e.code).toBe('WORKER_TIMEOUT');
      expect(e.message).toMatch(/did not finish (loading the index build|indexing famil)/);
    } finally {
      await pool.close();
    }
  });

  it('a worker that dies during the build rejects with WORKER_CRASHED and the pool recovers', async () => {
    // A worker script that loads the real worker, then exits when its second batch arrives.
    const real = await resolveNodeWorkerScript();
    const file = join(tmpdir(), `kindred-build-crash-worker-${process.pid}.mjs`);
    writeFileSync(
      file,
      `import { parentPort } from 'node:worker_threads';
await import(${JSON.stringify(real.href)});
let n = 0;
parentPort.on('message', (m) => { if (m && m.type === 'APPLY' && m.path[0] === 'buildBatch' && ++n === 2) process.exit(3); });
`,
    );
    const crashing = createNodeSpawner({ workerUrl: pathToFileURL(file) });
    const normal = createNodeSpawner();
    let spawned = 0;
    const pool = createSearchPool({
      threads: 2,
      spawn: (slot) => (spawned++ === 0 ? crashing(slot) : normal(slot)),
    });
    try {
      const e = await rejection(pool.buildIndex(dvi));
      expect(e.code).toBe('WORKER_CRASHED');
      expect(e.message).toContain('exit code 3');
      expect(pool.liveWorkers).toBe(0);
      expect(contents(await pool.buildIndex(dvi))).toStrictEqual(contents(Index.fromDVICase(dvi)));
    } finally {
      await pool.close();
    }
  });
});
