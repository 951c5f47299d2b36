/**
 * Degraded remains through the search index (degraded-dna.md): with an index that stores each
 * missing person's LR R_G for every genotype G (theta 0), the LR of remains with observation E is
 * Σ_G P(E | G)·P(G)·R_G / Σ_G P(E | G)·P(G) — no rebuilding. Checked against the exact DVI
 * pairwise LRs of the engine (computeDVI, itself checked against the degraded conformance cases).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPooledSearch } from '../src/cli/cli-threads.js';
import { computeDVI } from '../src/dvi/dvi.js';
import { formatDVIAnswer } from '../src/io/dvi-answer.js';
import { parseDVICase } from '../src/io/dvi-file.js';
import { SearchIndex } from '../src/search/index/search-index.js';
import { rankAll } from '../src/search/rank/rank-all.js';
import { shareSearchIndex } from '../src/workers/packed-index.js';
import { scoreRange, unpackIndex } from '../src/workers/scoring-view.js';
import { createSearchPool } from '../src/workers/search-pool.js';
import { _randomIndex } from './helpers/pool-test-helpers.js';

const dir = join(import.meta.dirname, '..', 'fixtures', 'conformance', 'degraded');
function load(file: string, dropFamilyObservation: string[] = []): Record<string, unknown> {
  const doc = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, unknown>;
  delete doc.expected;
  delete doc.expected_tool;
  const obs = doc.observation as Record<string, unknown>;
  for (const id of dropFamilyObservation) delete obs[id];
  // The index refuses silent alleles (not implemented there yet): leave out locus D04.
  doc.loci = (doc.loci as { name: string }[]).filter((l) => l.name !== 'D04');
  const strip = (g: Record<string, Record<string, unknown>>): void => {
    for (const p of Object.values(g)) delete p.D04;
  };
  strip(doc.victims as Record<string, Record<string, unknown>>);
  for (const f of doc.families as { genotypes: Record<string, Record<string, unknown>> }[])
    strip(f.genotypes);
  return doc;
}

const cases: [string, string[]][] = [
  ['deg-dvi-01-3v-2f.json', []],
  ['deg-dvi-02-4v-3f-x-equal.json', []],
  ['deg-dvi-03-3v-2f-fatherson-stepwise.json', ['D1']],
];

describe('degraded remains in the search index = the engine', () => {
  for (const [file, drop] of cases) {
    it(`SearchIndex.scorePair equals computeDVI's pairwise log10 LR for every victim and missing person (${file})`, () => {
      const dvi = parseDVICase(load(file, drop));
      const want = formatDVIAnswer(computeDVI(dvi)).pairwise;
      const index = SearchIndex.fromDVICase(dvi);
      expect(index.remains.some((c) => c.mixtures.length > 0)).toBe(true);
      let compared = 0;
      for (const c of index.remains) {
        for (const e of index.entries) {
          const w = want[c.id]?.[e.missing];
          if (w === undefined) continue;
          const got = index.scorePair(c, e) / Math.LN10;
          if (w.log10LR === null) expect(got).toBe(Number.NEGATIVE_INFINITY);
          else expect(Math.abs(got - w.log10LR)).toBeLessThan(1e-9);
          const all = index.score(c);
          expect(all[index.position(e)]).toBe(index.scorePair(c, e));
          const loci = index.scoreLoci(c, e).reduce((s, r) => s + r.logLR, 0);
          const pair = index.scorePair(c, e);
          if (pair === Number.NEGATIVE_INFINITY) expect(loci).toBe(pair);
          else expect(Math.abs(loci - pair)).toBeLessThan(1e-9);
          compared++;
        }
      }
      expect(compared).toBeGreaterThanOrEqual(3);
      expect(rankAll(index).byRemains.size).toBe(index.remains.length);
    });
  }

  it('true relatives excluded by dropped alleles without the model are found with it (deg-dvi-01..03)', () => {
    let excludedWithout = 0;
    let excludedWith = 0;
    for (const [file, drop] of cases) {
      const doc = load(file, drop);
      const { observation: _, ...plain } = doc;
      const withModel = SearchIndex.fromDVICase(parseDVICase(doc));
      const without = SearchIndex.fromDVICase(parseDVICase(plain));
      // The descriptions: V1 is M1 (or the first family's missing person), V2 the second's.
      for (const [v, k] of [
        ['V1', 0],
        ['V2', 1],
      ] as const) {
        const e = withModel.entries[k]!;
        const f = without.entries[k]!;
        if (without.scorePair(without.getRemains(v)!, f) === Number.NEGATIVE_INFINITY)
          excludedWithout++;
        if (withModel.scorePair(withModel.getRemains(v)!, e) === Number.NEGATIVE_INFINITY)
          excludedWith++;
      }
    }
    expect(excludedWith).toBe(0);
    expect(excludedWithout).toBeGreaterThan(0);
  });

  it('the worker pool scores degraded remains exactly as rankAll: identical results at 1, 2 and 4 threads, shared or copied (deg-dvi-01..03)', async () => {
    const pools = [1, 2, 4].map((threads) =>
      createSearchPool({ threads, tile: { remains: 1, entries: 1 } }),
    );
    pools.push(
      createSearchPool({ threads: 2, shareMemory: false, tile: { remains: 2, entries: 1 } }),
    );
    try {
      for (const [file, drop] of cases) {
        const index = SearchIndex.fromDVICase(parseDVICase(load(file, drop)));
        const shared = shareSearchIndex(index);
        expect(shared.packed.counts.mixtures).toBeGreaterThan(0);
        // The packed scoring of every degraded remains equals the index's own, bit for bit.
        const view = unpackIndex(shared.packed);
        shared.remains.forEach((c, r) => {
          const got = scoreRange(view, r, 0, view.entries, new Float64Array(view.entries));
          const want = index.score(c);
          expect(Array.from(got)).toEqual(shared.entries.map((e) => want[index.position(e)]));
        });
        for (const options of [{}, { top: 1 }, { sexMismatch: 'flag' as const }]) {
          const expected = rankAll(index, options);
          for (const pool of pools)
            expect(await pool.search(index, options)).toStrictEqual(expected);
        }
      }
    } finally {
      await Promise.all(pools.map((p) => p.close()));
    }
  });

  it('kindred search --threads (runPooledSearch) on a larger random index with degraded remains equals rankAll at 1, 2 and 4 threads', async () => {
    const index = _randomIndex({
      seed: 1111,
      loci: 6,
      families: 120,
      remains: 150,
      x: true,
      degraded: true,
    });
    const degraded = index.remains.filter((c) => c.mixtures.length > 0).length;
    expect(degraded).toBeGreaterThan(30);
    expect(index.remains.some((c) => c.mixtures.some((m) => m.x))).toBe(true);
    const expected = rankAll(index, { top: 3 });
    for (const threads of [1, 2, 4]) {
      const got = await runPooledSearch(index, {
        threads,
        inlineBelowPairs: 0,
        stderr: () => {},
        rank: { top: 3 },
      });
      expect(got).toStrictEqual(expected);
    }
  });

  it("a saved index keeps the remains' observation", async () => {
    const { serializeIndex, deserializeIndex } = await import('../src/search/index/index-file.js');
    const index = SearchIndex.fromDVICase(parseDVICase(load('deg-dvi-01-3v-2f.json')));
    const again = deserializeIndex(serializeIndex(index));
    for (const c of index.remains) {
      const d = again.getRemains(c.id)!;
      expect(d.observation).toEqual(c.observation);
      expect(Array.from(again.score(d))).toEqual(Array.from(index.score(c)));
    }
  });
});
