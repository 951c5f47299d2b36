import { describe, expect, it } from 'vitest';
import {
  _expectError,
  _family,
  _NO_MUTATION,
  _profile,
  _TABLE,
} from '../../test/helpers/store-test-helpers.js';
import { searchStore } from './match-search.js';
import { createMemoryStore } from './memory-store.js';
import type { ProfileStore } from './profile-store.js';
import { openSqliteStore } from './sqlite-store.js';

let tick = 0;
const clock = () => new Date(Date.UTC(2026, 0, 1, 0, 0, tick++));

const IMPLEMENTATIONS: [string, () => ProfileStore][] = [
  ['memory', () => createMemoryStore({ now: clock, user: 'lab' })],
  ['sqlite', () => openSqliteStore(':memory:', { now: clock, user: 'lab' })],
];

// Trio: father 14/14, mother 15/15; V1 14/15 is their child with LR 1/(2 p14 p15).
function seeded(open: () => ProfileStore): ProfileStore {
  const store = open();
  store.write(
    (tx) => {
      tx.putFrequencyTable(_TABLE, { mutation: _NO_MUTATION });
      tx.putProfile(_profile('R-FA', 'reference', { D3S1358: ['14', '14'] }, 'male'));
      tx.putProfile(_profile('R-MO', 'reference', { D3S1358: ['15', '15'] }, 'female'));
      tx.putFamily(_family());
      tx.putProfile(_profile('V1', 'remains', { D3S1358: ['14', '15'] }, 'male'));
    },
    { user: 'importer', reason: 'batch 1' },
  );
  return store;
}

describe.each(IMPLEMENTATIONS)('history (%s)', (_name, open) => {
  it('every put appends the whole new version with user and reason; unchanged puts append nothing', async () => {
    const store = seeded(open);
    const h = store.listHistory();
    expect(h.map((e) => [e.entity, e.key, e.action, e.user, e.reason])).toEqual([
      ['table', 'demo', 'added', 'importer', 'batch 1'],
      ['profile', 'R-FA', 'added', 'importer', 'batch 1'],
      ['profile', 'R-MO', 'added', 'importer', 'batch 1'],
      ['family', 'F1', 'added', 'importer', 'batch 1'],
      ['profile', 'V1', 'added', 'importer', 'batch 1'],
    ]);
    expect(h.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    store.write((tx) =>
      tx.putProfile(_profile('V1', 'remains', { D3S1358: ['15', '14'] }, 'male'), {
        replace: true,
      }),
    );
    expect(store.listHistory()).toHaveLength(5);
    store.write((tx) =>
      tx.putProfile(_profile('V1', 'remains', { D3S1358: ['16', '14'] }, 'male'), {
        replace: true,
      }),
    );
    const v1 = store.listHistory({ entity: 'profile', key: 'V1' });
    expect(v1.map((e) => [e.action, e.user])).toEqual([
      ['added', 'importer'],
      ['changed', 'lab'],
    ]);
    expect(v1[0]?.data).toEqual({
      id: 'V1',
      kind: 'remains',
      sex: 'male',
      genotypes: [['D3S1358', ['14', '15']]],
    });
    expect((v1[1]?.data as { genotypes: unknown } | undefined)?.genotypes).toEqual([
      ['D3S1358', ['16', '14']],
    ]);
  });

  it('a write that throws leaves no history entry', async () => {
    const store = seeded(open);
    expect(() =>
      store.write((tx) => {
        tx.putProfile(_profile('V2', 'remains', { TH01: ['6', '6'] }));
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(store.listHistory()).toHaveLength(5);
    expect(
      store.write((tx) =>
        tx.appendHistory({ entity: 'search', key: '1', action: 'searched', data: {} }),
      ).seq,
    ).toBe(6);
  });

  it('re-running a search after a change keeps the confirmed LR in the history: issue 15, problem 2', async () => {
    const store = seeded(open);
    await searchStore(store, { context: { user: 'searcher' } });
    const id = store.listMatches()[0]?.id as number;
    store.write((tx) => tx.reviewMatch(id, 'confirmed', 'dental records agree'), { user: 'ana' });
    const confirmedLR = store.getMatch(id)?.log10LR;
    // the father's sample is re-typed 14/16: the LR halves on the next search
    store.write((tx) =>
      tx.putProfile(_profile('R-FA', 'reference', { D3S1358: ['14', '16'] }, 'male'), {
        replace: true,
      }),
    );
    await searchStore(store, { context: { user: 'searcher' } });
    const log = store.listHistory({ entity: 'match', key: String(id) });
    expect(log.map((e) => [e.action, e.user])).toEqual([
      ['recorded', 'searcher'],
      ['confirmed', 'ana'],
      ['result', 'searcher'],
    ]);
    expect((log[1]?.data as { log10LR: number } | undefined)?.log10LR).toBe(confirmedLR);
    expect(log[1]?.reason).toBe('dental records agree');
    expect((log[2]?.data as { log10LR: number } | undefined)?.log10LR).toBeCloseTo(
      (confirmedLR as number) - Math.log10(2),
      12,
    );
    // each result names the search that computed it, and the search says how
    const search = log[2]?.provenance as { search: number };
    const entry = store.listHistory({ entity: 'search' }).find((e) => e.seq === search.search);
    expect(entry?.data).toMatchObject({
      options: { recordLog10LR: 0, all: false },
      tables: { demo: { theta: 0, mutation: { TH01: null, D3S1358: null } } },
    });
  });

  it('withdrawProfile keeps the profile, records user and reason, and leaves it out of searches', async () => {
    const store = seeded(open);
    store.write((tx) =>
      tx.putProfile(_profile('V2', 'remains', { D3S1358: ['14', '15'] }, 'male')),
    );
    const w = store.write((tx) => tx.withdrawProfile('V2', 'sample swap'), { user: 'ana' });
    expect(w.withdrawn).toMatchObject({ user: 'ana', reason: 'sample swap' });
    expect(store.getProfile('V2')?.withdrawn?.reason).toBe('sample swap');
    expect(store.listProfiles({ withdrawn: true }).map((p) => p.profile.id)).toEqual(['V2']);
    expect(store.listHistory({ entity: 'profile', key: 'V2' }).at(-1)).toMatchObject({
      action: 'withdrawn',
      user: 'ana',
      reason: 'sample swap',
    });
    const summary = await searchStore(store);
    expect(summary.remains).toEqual(['V1']);
    expect(store.listMatches().map((m) => m.victim)).toEqual(['V1']);
    _expectError(
      () => store.write((tx) => tx.withdrawProfile('V2', 'again')),
      'STORE_ERROR',
      ['profiles', 'V2'],
      'was withdrawn on',
    );
    _expectError(
      () =>
        store.write((tx) =>
          tx.putProfile(_profile('V2', 'remains', { D3S1358: ['16', '16'] }), { replace: true }),
        ),
      'STORE_ERROR',
      ['profiles', 'V2'],
      'cannot be changed',
    );
    _expectError(
      () => store.write((tx) => tx.withdrawProfile('V1', '  ')),
      'INVALID_ARGUMENT',
      ['profiles', 'V1', 'reason'],
      'needs a reason',
    );
    _expectError(
      () => store.write((tx) => tx.withdrawProfile('nobody', 'x')),
      'STORE_ERROR',
      ['profiles', 'nobody'],
      'not in the store',
    );
  });

  it('withdrawing a relative searches the family again without that sample', async () => {
    const store = seeded(open);
    await searchStore(store);
    store.write((tx) => tx.withdrawProfile('R-MO', 'consent withdrawn'));
    expect(store.getFamily('F1')?.searched).toBe(false);
    await searchStore(store);
    // father 14/14 alone, mother untyped: LR of a 14/15 child = 1 / (2 p14) (paternity index)
    expect(store.listMatches()[0]?.log10LR).toBeCloseTo(Math.log10(1 / (2 * 0.1)), 12);
    _expectError(
      () =>
        store.write((tx) => tx.putFamily({ ..._family(), population: 'demo' }, { replace: true })),
      'STORE_ERROR',
      ['profiles', 'R-MO'],
      'withdrawn',
    );
  });

  it('withdrawFamily leaves the family out of searches and keeps its matches', async () => {
    const store = seeded(open);
    await searchStore(store);
    store.write((tx) => tx.withdrawFamily('F1', 'duplicate of F7'));
    store.write((tx) => tx.putProfile(_profile('V3', 'remains', { D3S1358: ['14', '15'] })));
    const summary = await searchStore(store);
    expect(summary.pairs).toBe(0);
    expect(store.listMatches()).toHaveLength(1);
    expect(store.listFamilies({ withdrawn: false })).toEqual([]);
    expect(store.getFamily('F1')?.withdrawn?.reason).toBe('duplicate of F7');
  });

  it('a profile record field beyond id, kind, sex and genotypes is kept, or refused when not plain JSON', async () => {
    const store = open();
    const base = _profile('V9', 'remains', { TH01: ['6', '7'] });
    const withExtra = Object.freeze({ ...base, lab: { batch: 7, plate: 'A' } });
    store.write((tx) => tx.putProfile(withExtra));
    expect(
      (store.getProfile('V9')?.profile as unknown as { lab: unknown } | undefined)?.lab,
    ).toEqual({ batch: 7, plate: 'A' });
    expect(store.write((tx) => tx.putProfile(withExtra))).toBe('unchanged');
    expect(store.write((tx) => tx.putProfile(base, { replace: true }))).toBe('changed');
    _expectError(
      () =>
        store.write((tx) => tx.putProfile(Object.freeze({ ...base, id: 'V10', lab: new Map() }))),
      'STORE_ERROR',
      ['profiles', 'V10', 'lab'],
      'refused rather than dropped',
    );
  });

  it('a profile record carrying an "observation" field is refused (the store keeps drop-out itself; it would not be honoured as a field)', async () => {
    const store = open();
    const base = _profile('V9', 'remains', { TH01: ['6', '7'] });
    _expectError(
      () =>
        store.write((tx) =>
          tx.putProfile(Object.freeze({ ...base, observation: { dropout: 0.1, dropin: 0 } })),
        ),
      'STORE_ERROR',
      ['profiles', 'V9', 'observation'],
      'setObservation',
    );
    expect(store.getProfile('V9')).toBeUndefined();
  });

  it('write() refuses an empty user', async () => {
    const store = open();
    _expectError(
      () => store.write(() => 1, { user: '' }),
      'INVALID_ARGUMENT',
      ['user'],
      'acting user',
    );
  });
});
