import { describe, expect, it } from 'vitest';
import {
  _expectAsyncError,
  _family,
  _NO_MUTATION,
  _profile,
  _TABLE,
} from '../../test/helpers/store-test-helpers.js';
import { createFrequencyTable } from '../frequencies/frequency-table.js';
import { matchLoci, searchStore } from './match-search.js';
import { createMemoryStore } from './memory-store.js';
import type { MatchRecord, ProfileStore } from './profile-store.js';
import { DEFAULT_SEARCH_MUTATION } from './search-mutation.js';
import { openSqliteStore } from './sqlite-store.js';

// _TABLE D3S1358: 14: 0.1, 15: 0.3, 16: 0.4, 17: 0.2.
// Trio, father 14/14, mother 15/15: a child is 14/15 with probability 1, so the LR of a 14/15
// victim as the missing child is 1 / (2 p14 p15) = 1 / (2 · 0.1 · 0.3) (Evett & Weir, paternity).
const TRIO_LOG10LR = Math.log10(1 / (2 * 0.1 * 0.3));

function seeded(open: () => ProfileStore): ProfileStore {
  const store = open();
  store.write((tx) => {
    tx.putFrequencyTable(_TABLE, { mutation: _NO_MUTATION });
    tx.putProfile(_profile('R-FA', 'reference', { D3S1358: ['14', '14'] }, 'male'));
    tx.putProfile(_profile('R-MO', 'reference', { D3S1358: ['15', '15'] }, 'female'));
    tx.putFamily(_family());
    tx.putProfile(_profile('V1', 'remains', { D3S1358: ['14', '15'], AMEL: ['X', 'Y'] }));
    tx.putProfile(_profile('V2', 'remains', { D3S1358: ['16', '17'] }));
    tx.putProfile(_profile('V3', 'remains', { D3S1358: ['14', '15'] }, 'female'));
  });
  return store;
}

describe.each([
  ['memory', () => createMemoryStore()],
  ['sqlite', () => openSqliteStore(':memory:')],
] as [string, () => ProfileStore][])('searchStore (%s)', (_name, open) => {
  it('searchStore records the trio match at 1/(2 p q) and excludes the victim of the other sex', async () => {
    const store = seeded(open);
    const summary = await searchStore(store);
    expect(summary.families).toEqual(['F1']);
    expect(summary.remains).toEqual(['V1', 'V2', 'V3']);
    expect(summary.excludedBySex).toBe(1);
    expect(summary.pairs).toBe(2);
    const matches = store.listMatches();
    expect(matches.map((m) => [m.victim, m.family, m.missing, m.status])).toEqual([
      ['V1', 'F1', 'MP', 'new'],
    ]);
    expect(matches[0]?.log10LR).toBeCloseTo(TRIO_LOG10LR, 12);
    // V2 (16/17) is excluded by the parents: LR 0 is below the threshold, so not recorded
    expect(summary.recorded).toBe(1);
    expect(summary.unusedMarkers.size).toBe(0);
  });

  it('searchStore searches only what is new the second time', async () => {
    const store = seeded(open);
    await searchStore(store);
    const again = await searchStore(store);
    expect(again).toMatchObject({ families: [], remains: [], pairs: 0, recorded: 0 });
    store.write((tx) =>
      tx.putProfile(_profile('V4', 'remains', { D3S1358: ['14', '15'] }, 'male')),
    );
    const third = await searchStore(store);
    expect(third).toMatchObject({ families: [], remains: ['V4'], pairs: 1, recorded: 1 });
  });

  it('searchStore re-searches a family whose member changed and updates its matches', async () => {
    const store = seeded(open);
    await searchStore(store);
    const id = store.listMatches()[0]?.id as number;
    store.write((tx) => tx.reviewMatch(id, 'confirmed', 'dental records agree'));
    // father now 14/16: the child 14/15 has probability 1/2, so the LR halves
    store.write((tx) =>
      tx.putProfile(_profile('R-FA', 'reference', { D3S1358: ['14', '16'] }, 'male'), {
        replace: true,
      }),
    );
    const summary = await searchStore(store);
    expect(summary.families).toEqual(['F1']);
    expect(summary.updated).toBe(1);
    const m = store.getMatch(id);
    expect(m?.log10LR).toBeCloseTo(TRIO_LOG10LR - Math.log10(2), 12);
    expect(m).toMatchObject({ status: 'confirmed', note: 'dental records agree' });
  });

  it('matchLoci gives the per-marker LRs of a match (1/(2 p q) at D3S1358) and notices a changed store', async () => {
    const store = seeded(open);
    await searchStore(store);
    const match = store.listMatches()[0] as MatchRecord;
    const loci = matchLoci(store, match);
    expect(loci.agrees).toBe(true);
    const by = new Map(loci.loci.map((l) => [l.marker, l]));
    expect(by.get('D3S1358')?.compared).toBe(true);
    expect(by.get('D3S1358')?.log10LR).toBeCloseTo(TRIO_LOG10LR, 12);
    // V1 is untyped at TH01: not compared, contributes nothing
    expect(by.get('TH01')).toMatchObject({ compared: false, log10LR: 0 });
    expect(loci.log10LR).toBeCloseTo(TRIO_LOG10LR, 12);
    // the father's genotype changes and nobody searched again: the page must say so
    store.write((tx) =>
      tx.putProfile(_profile('R-FA', 'reference', { D3S1358: ['14', '16'] }, 'male'), {
        replace: true,
      }),
    );
    const now = matchLoci(store, match);
    expect(now.log10LR).toBeCloseTo(TRIO_LOG10LR - Math.log10(2), 12);
    expect(now.agrees).toBe(false);
  });

  it('matchLoci under a minimum unseen policy uses the table the search extended', async () => {
    const store = seeded(open);
    store.write((tx) => tx.putProfile(_profile('V6', 'remains', { D3S1358: ['14', '19'] })));
    const unseen = { kind: 'minimum', floor: 0.05, renormalise: 'scale-others' } as const;
    await searchStore(store, { unseen, recordLog10LR: -10 });
    for (const m of store.listMatches()) {
      const loci = matchLoci(store, m);
      expect(loci.agrees).toBe(true);
      expect(loci.log10LR).toBeCloseTo(m.log10LR as number, 12);
    }
    // V1's LR: the extended table has p14 = 0.1 · 0.95, p15 = 0.3 · 0.95 (others scaled)
    const v1 = store.listMatches().find((m) => m.victim === 'V1') as MatchRecord;
    expect(matchLoci(store, v1).log10LR).toBeCloseTo(
      Math.log10(1 / (2 * 0.1 * 0.95 * 0.3 * 0.95)),
      12,
    );
  });

  it('searchStore reports the index build after each family and remains, and records the same', async () => {
    const store = seeded(open);
    const steps: [number, number, string][] = [];
    const summary = await searchStore(store, {
      onIndexProgress: (done, total, population) => steps.push([done, total, population]),
    });
    // one family and three remains in population "demo"
    expect(steps).toEqual([
      [1, 4, 'demo'],
      [2, 4, 'demo'],
      [3, 4, 'demo'],
      [4, 4, 'demo'],
    ]);
    expect(summary.recorded).toBe(1);
  });

  it('searchStore records below-threshold pairs only when the threshold allows', async () => {
    const store = seeded(open);
    const summary = await searchStore(store, { recordLog10LR: 2 });
    expect(summary.recorded).toBe(0);
    expect(store.listMatches()).toEqual([]);
  });

  it('searchStore counts typed markers the table lacks', async () => {
    const store = seeded(open);
    store.write((tx) =>
      tx.putProfile(_profile('V5', 'remains', { D3S1358: ['14', '15'], FGA: ['20', '21'] })),
    );
    expect([...(await searchStore(store)).unusedMarkers]).toEqual([['FGA', 1]]);
  });

  it('searchStore refuses an unseen allele under the default policy, writing nothing', async () => {
    const store = seeded(open);
    store.write((tx) => tx.putProfile(_profile('V6', 'remains', { D3S1358: ['14', '19'] })));
    await _expectAsyncError(
      () => searchStore(store),
      'UNSEEN_ALLELE',
      undefined,
      'Allele "19" of person "V6" at marker D3S1358',
    );
    expect(store.listMatches()).toEqual([]);
    expect(store.getFamily('F1')?.searched).toBe(false);
  });

  it('searchStore refuses a store without a frequency table', async () => {
    const store = open();
    store.write((tx) => {
      tx.putProfile(_profile('R-FA', 'reference', { D3S1358: ['14', '14'] }, 'male'));
      tx.putProfile(_profile('R-MO', 'reference', { D3S1358: ['15', '15'] }, 'female'));
      tx.putFamily(_family());
    });
    await _expectAsyncError(
      () => searchStore(store),
      'STORE_ERROR',
      ['families', 'F1', 'population'],
      'no frequency table',
    );
  });

  // Issue 15, problem 1: a table imported without mutation models (long CSV, wide, STRidER)
  // used to search without mutation, so one mutation between parent and child excluded a true
  // relative (LR 0). Father 14/14, mother 15/15, victim 15/15: the father's 14 became 15.
  function mutated(mutation?: ReadonlyMap<string, null>): ProfileStore {
    const store = open();
    store.write((tx) => {
      tx.putFrequencyTable(_TABLE, mutation !== undefined ? { mutation } : {});
      tx.putProfile(_profile('R-FA', 'reference', { D3S1358: ['14', '14'] }, 'male'));
      tx.putProfile(_profile('R-MO', 'reference', { D3S1358: ['15', '15'] }, 'female'));
      tx.putFamily(_family());
      tx.putProfile(_profile('V1', 'remains', { D3S1358: ['15', '15'] }, 'male'));
    });
    return store;
  }

  it('searchStore without a stored model excludes nobody for one mutation: default stepwise, closed form', async () => {
    const store = mutated();
    const summary = await searchStore(store, { recordLog10LR: -10 });
    expect(summary.mutation.get('demo')).toEqual({ defaulted: ['TH01', 'D3S1358'], none: [] });
    // stepwise (spec/mutation-models.md), alleles 14..17 all whole repeats: row 14 weights
    // range^1, range^2, range^3 rescaled to `rate`; row 15's diagonal is 1 - rate.
    const { rate, range } = DEFAULT_SEARCH_MUTATION;
    const m14to15 = (rate * range) / (range + range ** 2 + range ** 3);
    const lr = (m14to15 * (1 - rate)) / (0.3 * 0.3);
    const [match] = store.listMatches();
    expect(match?.log10LR).toBeCloseTo(Math.log10(lr), 10);
  });

  it('searchStore with markers stored as "no mutation" gives the old LR 0 and says so', async () => {
    const store = mutated(_NO_MUTATION);
    const summary = await searchStore(store, { recordLog10LR: -10 });
    expect(summary.mutation.get('demo')).toEqual({ defaulted: [], none: ['TH01', 'D3S1358'] });
    expect(store.listMatches()).toEqual([]);
  });

  it('searchStore refuses the default model at a marker with a label it cannot take', async () => {
    const store = open();
    store.write((tx) => {
      tx.putFrequencyTable(
        createFrequencyTable({
          population: 'odd',
          markers: { D3S1358: { alleles: ['14', '>27'], frequencies: [0.5, 0.5] } },
        }).table,
      );
      tx.putProfile(_profile('R-FA', 'reference', { D3S1358: ['14', '14'] }, 'male'));
      tx.putProfile(_profile('R-MO', 'reference', { D3S1358: ['14', '14'] }, 'female'));
      tx.putFamily(_family());
      tx.putProfile(_profile('V1', 'remains', { D3S1358: ['14', '14'] }, 'male'));
    });
    await _expectAsyncError(
      () => searchStore(store),
      'INVALID_MUTATION',
      ['tables', 'odd', 'mutation', 'D3S1358'],
      'cannot take its allele ">27"',
    );
  });
});
