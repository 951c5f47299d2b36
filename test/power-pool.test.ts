/**
 * Programme power on the worker pool (issue 14, item 4): `pool.power` gives computeProgrammePower's
 * report number for number at 1, 2 and 3 threads (families handed to whichever worker is free),
 * reports progress once per family, is cancelled by its signal, refuses bad options on the main
 * thread, and leaves the pool usable for a search afterwards.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.js';
import { KindredError } from '../src/errors.js';
import { parseDVICase } from '../src/io/dvi-file.js';
import { computeProgrammePower } from '../src/power/programme-power.js';
import { SearchIndex } from '../src/search/index/search-index.js';
import { rankAll } from '../src/search/rank/rank-all.js';
import type { DVICase } from '../src/search/types.js';
import { simulateIncident } from '../src/sim/simulate-incident.js';
import { syntheticLoci } from '../src/sim/synthetic-loci.js';
import { createSearchPool, type SearchPool } from '../src/workers/search-pool.js';
import { rejection } from './helpers/expect-error.js';

function incident(seed: number, families: number): DVICase {
  const sim = simulateIncident({
    seed,
    loci: syntheticLoci(seed, { count: 8 }),
    families,
    identifiable: Math.ceil(families / 2),
    unrelated: 1,
    id: `power-pool-${seed}`,
  });
  return parseDVICase(JSON.stringify(sim.document));
}

describe('pool.power: computeProgrammePower on the workers', () => {
  const pools: SearchPool[] = [];
  beforeAll(() => {
    for (const t of [1, 2, 3]) pools.push(createSearchPool({ threads: t }));
  });
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.close()));
  });

  it('the same report as in one thread, at 1, 2 and 3 threads, with candidates and a weak list', async () => {
    const dvi = incident(41, 9);
    const candidates = dvi.families.flatMap((f) =>
      f.pedigree.ids.filter((id) => !f.genotypes.has(id) && !f.missing.includes(id)).slice(0, 1),
    );
    const options = { sims: 300, seed: 7, threshold: 1000, candidates, minPower: 0.95 };
    const expected = computeProgrammePower(dvi, options);
    expect(expected.families.length).toBeGreaterThanOrEqual(9);
    expect(candidates.length).toBeGreaterThan(0);
    expect(expected.weak.length).toBeGreaterThan(0);
    expect(expected.weak.length).toBeLessThan(expected.families.length);
    for (const pool of pools) {
      const got = await pool.power(dvi, options);
      expect(got, `${pool.threads} threads`).toStrictEqual(expected);
    }
  });

  it('progress once per family, ending at done = total = families', async () => {
    const dvi = incident(42, 7);
    const seen: { done: number; total: number }[] = [];
    await pools[1]!.power(
      dvi,
      { sims: 100 },
      { onProgress: (p) => seen.push({ done: p.done, total: p.total }) },
    );
    expect(seen.map((p) => p.done)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(seen.every((p) => p.total === 7)).toBe(true);
  });

  it('refuses bad options on the main thread, before any worker runs', async () => {
    const dvi = incident(43, 3);
    const pool = pools[1]!;
    const who = await rejection(pool.power(dvi, { candidates: ['nobody'] }));
    expect([who.code, who.path]).toEqual(['INVALID_ARGUMENT', ['candidates', 0]]);
    const min = await rejection(pool.power(dvi, { minPower: 2 }));
    expect([min.code, min.path]).toEqual(['INVALID_ARGUMENT', ['minPower']]);
    const cb = await rejection(pool.power(dvi, { onProgress: () => undefined }));
    expect([cb.code, cb.path]).toEqual(['INVALID_ARGUMENT', ['onProgress']]);
  });

  it('an abort stops the run with ABORTED, and the pool then searches as before', async () => {
    const dvi = incident(44, 12);
    const pool = createSearchPool({ threads: 2 });
    const ac = new AbortController();
    const run = pool.power(
      dvi,
      { sims: 2000 },
      {
        signal: ac.signal,
        onProgress: (p) => {
          if (p.done === 1) ac.abort();
        },
      },
    );
    const err = await rejection(run);
    expect(err).toBeInstanceOf(KindredError);
    expect(err.code).toBe('ABORTED');
    const index = SearchIndex.fromDVICase(dvi);
    expect(await pool.search(index, { top: 2 })).toStrictEqual(rankAll(index, { top: 2 }));
    await pool.close();
  });
});

describe('kindred power --threads', () => {
  it('prints the same JSON answer on 2 threads as on 1, and refuses a bad thread count', async () => {
    const file = join(
      import.meta.dirname,
      '..',
      'fixtures',
      'conformance',
      'dvi',
      'dvi-pub-4v-3f-sexspec.json',
    );
    const text = readFileSync(file, 'utf8');
    const run = async (...argv: string[]) => {
      let out = '';
      let err = '';
      const code = await runCli(['power', file, '--json', '--sims', '200', '--quiet', ...argv], {
        stdout: (t) => {
          out += t;
        },
        stderr: (t) => {
          err += t;
        },
        readFile: () => text,
      });
      return { code, out, err };
    };
    const one = await run('--threads', '1');
    const two = await run('--threads', '2');
    expect([one.code, two.code]).toEqual([0, 0]);
    expect(JSON.parse(one.out).families.length).toBe(4); // one entry per missing person (3 families)
    expect(two.out).toBe(one.out);
    const bad = await run('--threads', '0');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^kindred: USAGE: --threads/);
  });
});
