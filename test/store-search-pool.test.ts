/**
 * `searchStore` on the worker pool (issue 15, problem 5): the same matches, LRs, posteriors and
 * undisputed flags as on the calling thread, at any thread count; and a match's history
 * survives a re-search.
 */
import { describe, expect, it } from 'vitest';
import { simulateIncident } from '../src/sim/simulate-incident.js';
import { syntheticLoci } from '../src/sim/synthetic-loci.js';
import { importBatch } from '../src/store/import-batch.js';
import { readImportFile } from '../src/store/import-sources.js';
import { searchStore } from '../src/store/match-search.js';
import { createMemoryStore } from '../src/store/memory-store.js';
import type { ProfileStore } from '../src/store/profile-store.js';
import { createSearchPool } from '../src/workers/search-pool.js';

function programme(seed: number): ProfileStore {
  const loci = syntheticLoci(seed, { count: 12, maxAlleles: 10 });
  const incident = simulateIncident({ seed, loci, families: 30, unrelated: 20, mutation: true });
  const store = createMemoryStore();
  const batch = readImportFile('incident.json', JSON.stringify(incident.document));
  const report = importBatch(store, batch);
  expect(report.applied).toBe(true);
  return store;
}

const view = (store: ProfileStore) =>
  store
    .listMatches()
    .map((m) => [m.victim, m.family, m.missing, m.log10LR, m.posterior, m.undisputed]);

describe('searchStore on the worker pool', () => {
  it.each([1, 2, 3])(
    'searchStore with a %i-thread pool records exactly what the calling thread does',
    async (threads) => {
      const inline = programme(7);
      await searchStore(inline, { recordLog10LR: -2 });
      const pooled = programme(7);
      const pool = createSearchPool({ threads, tile: { remains: 7, entries: 9 } });
      try {
        await searchStore(pooled, { recordLog10LR: -2, rank: (index, o) => pool.search(index, o) });
      } finally {
        await pool.close();
      }
      expect(view(pooled)).toEqual(view(inline));
      expect(view(inline).length).toBeGreaterThan(20);
      // conclusions are there: posteriors in [0, 1], per victim at most 1 in total
      const byVictim = new Map<string, number>();
      for (const m of inline.listMatches()) {
        expect(m.posterior).not.toBeNull();
        byVictim.set(m.victim, (byVictim.get(m.victim) ?? 0) + (m.posterior ?? 0));
      }
      for (const total of byVictim.values()) expect(total).toBeLessThanOrEqual(1 + 1e-12);
    },
  );
});
