/**
 * Degraded remains and degraded references through the search index (degraded-dna.md): with an
 * index that stores each missing person's LR R_G for every genotype G (theta 0; the family's
 * degraded samples and silent alleles enter R_G through the engine's observation factors), the LR
 * of remains with observation E is Σ_G P(E | G)·P(G)·R_G / Σ_G P(E | G)·P(G) — no rebuilding.
 * Checked against the independent pairwise answers of the four degraded DVI conformance cases
 * (drop-out, drop-in and silent alleles on victims and family members) and against computeDVI.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIndexWithProgress, runPooledSearch } from '../src/cli/cli-threads.js';
import { computeDVI } from '../src/dvi/dvi.js';
import { formatDVIAnswer } from '../src/io/dvi-answer.js';
import { parseDVICase } from '../src/io/dvi-file.js';
import { SearchIndex } from '../src/search/index/search-index.js';
import { rankFamilies } from '../src/search/rank/rank.js';
import { rankAll } from '../src/search/rank/rank-all.js';
import { shareSearchIndex } from '../src/workers/packed-index.js';
import { scoreRange, unpackIndex } from '../src/workers/scoring-view.js';
import { createSearchPool } from '../src/workers/search-pool.js';
import { _randomIndex } from './helpers/pool-test-helpers.js';

const dir = join(import.meta.dirname, '..', 'fixtures', 'conformance', 'degraded');
/** A degraded DVI conformance case without its answer; optionally without some observations. */
function load(file: string, dropObservation: string[] = []): Record<string, unknown> {
  const doc = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, unknown>;
  delete doc.expected;
  delete doc.expected_tool;
  const obs = doc.observation as Record<string, unknown>;
  for (const id of dropObservation) delete obs[id];
  return doc;
}

const cases: [string, string[]][] = [
  ['deg-dvi-01-3v-2f.json', []],
  ['deg-dvi-02-4v-3f-x-equal.json', []],
  ['deg-dvi-03-3v-2f-fatherson-stepwise.json', []],
  ['deg-dvi-04-4v-2f-silent-prop.json', []],
];

type Pairwise = Record<string, Record<string, { log10LR: number | null }>>;
const expectedPairwise = (file: string): Pairwise =>
  (JSON.parse(readFileSync(join(dir, file), 'utf8')) as { expected: { pairwise: Pairwise } })
    .expected.pairwise;

describe('degraded remains in the search index = the engine', () => {
  for (const [file, drop] of cases) {
    it(`SearchIndex.scorePair equals computeDVI's pairwise log10 LR for every victim and missing person (${file})`, () => {
      const dvi = parseDVICase(load(file, drop));
      const engine = formatDVIAnswer(computeDVI(dvi)).pairwise;
      const want = expectedPairwise(file);
      const index = SearchIndex.fromDVICase(dvi);
      expect(index.remains.some((c) => c.mixtures.length > 0)).toBe(true);
      let compared = 0;
      for (const c of index.remains) {
        for (const e of index.entries) {
          const w = want[c.id]?.[e.missing];
          if (w === undefined) continue;
          const got = index.scorePair(c, e) / Math.LN10;
          for (const x of [w.log10LR, engine[c.id]![e.missing]!.log10LR]) {
            if (x === null) expect(got).toBe(Number.NEGATIVE_INFINITY);
            else expect(Math.abs(got - x)).toBeLessThan(1e-9);
          }
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
      // Per-locus hits say which loci were treated as degraded (the remains' weighted loci).
      for (const c of index.remains) {
        const degradedLoci = new Set(c.mixtures.map((m) => index.layout.loci[m.locus]!.name));
        for (const hit of rankFamilies(index, c.id, { perLocus: true })) {
          const flagged = hit.loci!.filter((l) => l.degraded).map((l) => l.locus);
          if (hit.sex === 'mismatch') continue;
          expect(new Set(flagged)).toEqual(degradedLoci);
        }
      }
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

  it('the worker pool scores degraded remains exactly as rankAll: identical results at 1, 2 and 4 threads, shared or copied (deg-dvi-01..04)', async () => {
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
    // degraded loci scored from derived rows (linear-rows.ts), not only slot by slot
    const derived = (c: (typeof index.remains)[number]): boolean =>
      c.mixtures.some((m) => m.rows.some((r) => r >= index.layout.slots));
    expect(index.remains.some(derived)).toBe(true);
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

  it('kindred search with a progress bar builds the same index (buildIndexWithProgress passes every observation)', () => {
    for (const [file] of cases) {
      const dvi = parseDVICase(load(file));
      const plain = SearchIndex.fromDVICase(dvi);
      const lines = buildIndexWithProgress(dvi, { progress: 'lines', stderr: () => {} });
      for (const c of plain.remains) {
        expect(lines.getRemains(c.id)!.mixtures).toEqual(c.mixtures);
        expect(Array.from(lines.score(c.id))).toEqual(Array.from(plain.score(c.id)));
      }
    }
  });

  it('per-locus hits flag the degraded sides (remains and family), and a saved index keeps the family flags (deg-dvi-03: relative D1 and every victim degraded)', async () => {
    const { serializeIndex, deserializeIndex } = await import('../src/search/index/index-file.js');
    const dvi = parseDVICase(load('deg-dvi-03-3v-2f-fatherson-stepwise.json'));
    const index = SearchIndex.fromDVICase(dvi);
    const again = deserializeIndex(serializeIndex(index));
    const d1 = dvi.observation!.get('D1')!;
    expect(d1.dropout > 0 || d1.dropin > 0).toBe(true);
    let familySide = 0;
    for (const family of dvi.families) {
      // the loci where a degraded relative of this family is typed (no silent allele here)
      const want = new Set(
        [...family.genotypes]
          .filter(([id]) => {
            const o = dvi.observation?.get(id);
            return o !== undefined && (o.dropout > 0 || o.dropin > 0);
          })
          .flatMap(([, byLocus]) => [...byLocus.keys()]),
      );
      for (const hit of rankFamilies(index, dvi.victims.keys().next().value!, { perLocus: true })) {
        if (hit.family !== family.name) continue;
        for (const l of hit.loci!) {
          expect(l.referenceDegraded).toBe(want.has(l.locus));
          if (l.referenceDegraded) familySide++;
        }
      }
      for (const e of index.family(family.name)!) {
        const loaded = again.family(family.name)!.find((x) => x.missing === e.missing)!;
        expect(Array.from(loaded.referenceDegraded)).toEqual(Array.from(e.referenceDegraded));
      }
    }
    expect(familySide).toBeGreaterThan(0);
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
