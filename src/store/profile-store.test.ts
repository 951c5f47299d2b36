import { afterEach, describe, expect, it } from 'vitest';
import { _expectError, _family, _profile, _TABLE } from '../../test/helpers/store-test-helpers.js';
import { createMemoryStore } from './memory-store.js';
import type { ProfileStore } from './profile-store.js';
import { openSqliteStore } from './sqlite-store.js';

const T0 = new Date('2026-01-02T03:04:05.000Z');
const clock = () => T0;

const IMPLEMENTATIONS: [string, () => ProfileStore][] = [
  ['memory', () => createMemoryStore({ now: clock })],
  ['sqlite', () => openSqliteStore(':memory:', { now: clock })],
];

function seed(store: ProfileStore): void {
  store.write((tx) => {
    tx.putProfile(_profile('R-FA', 'reference', { TH01: ['6', '7'] }, 'male'));
    tx.putProfile(_profile('R-MO', 'reference', { TH01: ['8', '9.3'] }, 'female'));
    tx.putProfile(_profile('V1', 'remains', { TH01: ['6', '8'] }));
    tx.putFamily(_family());
  });
}

describe.each(IMPLEMENTATIONS)('%s store', (_name, open) => {
  let store: ProfileStore;
  afterEach(() => store?.close());

  it('putProfile adds, then reports unchanged for the same genotypes in another order', () => {
    store = open();
    const p = _profile('V1', 'remains', { TH01: ['6', '8'] });
    expect(store.write((tx) => tx.putProfile(p))).toBe('added');
    const swapped = _profile('V1', 'remains', { TH01: ['8', '6'] });
    expect(store.write((tx) => tx.putProfile(swapped, { replace: true }))).toBe('unchanged');
    const stored = store.getProfile('V1');
    expect(stored?.profile.genotypes.get('TH01')).toEqual(['6', '8']);
    expect(stored?.createdAt).toBe(T0.toISOString());
    expect(stored?.searched).toBe(false);
  });

  it('putProfile refuses an existing id with other data without replace, naming the profile', () => {
    store = open();
    seed(store);
    expect(
      store.write((tx) => tx.putProfile(_profile('V1', 'remains', { TH01: ['8', '6'] }))),
    ).toBe('unchanged');
    _expectError(
      () => store.write((tx) => tx.putProfile(_profile('V1', 'remains', { TH01: ['6', '6'] }))),
      'STORE_ERROR',
      ['profiles', 'V1'],
      'Profile "V1" is already in the store',
    );
  });

  it('write() rolls back every write of a callback that throws half-way', () => {
    store = open();
    seed(store);
    expect(() =>
      store.write((tx) => {
        tx.putProfile(_profile('V2', 'remains', { TH01: ['7', '7'] }));
        tx.putProfile(_profile('V1', 'remains', { TH01: ['9.3', '9.3'] }), { replace: true });
        tx.recordMatch({ victim: 'V1', family: 'F1', missing: 'MP', log10LR: 2 });
        tx.logImport({ file: 'x', format: 'test', profiles: 2, families: 0, tables: 0 });
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(store.countProfiles()).toBe(3);
    expect(store.getProfile('V2')).toBeUndefined();
    expect(store.getProfile('V1')?.profile.genotypes.get('TH01')).toEqual(['6', '8']);
    expect(store.listMatches()).toEqual([]);
    expect(store.listImports()).toEqual([]);
    // the next match still gets id 1: the sequence was rolled back too
    const m = store.write((tx) =>
      tx.recordMatch({ victim: 'V1', family: 'F1', missing: 'MP', log10LR: 2 }),
    );
    expect(m.id).toBe(1);
  });

  it('putFamily stores members in pedigree order and lists families of a profile', () => {
    store = open();
    seed(store);
    const f = store.getFamily('F1');
    expect([...(f?.members ?? [])]).toEqual([
      ['FA', 'R-FA'],
      ['MO', 'R-MO'],
    ]);
    expect(f?.missing).toEqual(['MP']);
    expect(store.familiesOfProfile('R-MO')).toEqual(['F1']);
    expect(store.familiesOfProfile('V1')).toEqual([]);
  });

  it('putFamily refuses a member mapped to a profile that is not stored', () => {
    store = open();
    seed(store);
    _expectError(
      () => store.write((tx) => tx.putFamily(_family('F2', { FA: 'NOPE' }))),
      'STORE_ERROR',
      ['families', 'F2', 'members', 'FA'],
      'refers to profile "NOPE", which is not in the store',
    );
  });

  it('putFamily refuses a remains profile as a relative and a typed missing person', () => {
    store = open();
    seed(store);
    _expectError(
      () => store.write((tx) => tx.putFamily(_family('F2', { FA: 'V1' }))),
      'STORE_ERROR',
      ['families', 'F2', 'members', 'FA'],
      'of kind remains',
    );
    _expectError(
      () => store.write((tx) => tx.putFamily(_family('F2', { MP: 'R-FA' }))),
      'STORE_ERROR',
      ['families', 'F2', 'members', 'MP'],
      'a missing person is untyped',
    );
  });

  it('putFamily refuses a member whose profile sex contradicts the pedigree', () => {
    store = open();
    seed(store);
    _expectError(
      () => store.write((tx) => tx.putFamily(_family('F2', { FA: 'R-MO' }))),
      'INVALID_PEDIGREE',
      ['families', 'F2', 'members', 'FA'],
      'Member "FA" of family "F2" is male in the pedigree but profile "R-MO" is female',
    );
  });

  it('putProfile of a changed family member marks the family unsearched', () => {
    store = open();
    seed(store);
    store.write((tx) => tx.markSearched(['V1'], ['F1']));
    expect(store.getFamily('F1')?.searched).toBe(true);
    const changed = _profile('R-FA', 'reference', { TH01: ['6', '6'] }, 'male');
    expect(store.write((tx) => tx.putProfile(changed, { replace: true }))).toBe('changed');
    expect(store.getFamily('F1')?.searched).toBe(false);
    expect(store.listFamilies({ searched: false }).map((f) => f.name)).toEqual(['F1']);
    expect(
      store.listProfiles({ kind: 'remains', searched: true }).map((p) => p.profile.id),
    ).toEqual(['V1']);
  });

  it('putProfile that would contradict a family leaves profile and family untouched', () => {
    store = open();
    seed(store);
    store.write((tx) => tx.markSearched([], ['F1']));
    const female = _profile('R-FA', 'reference', { TH01: ['6', '7'] }, 'female');
    const outcome = store.write((tx) => {
      _expectError(
        () => tx.putProfile(female, { replace: true }),
        'INVALID_PEDIGREE',
        ['families', 'F1', 'members', 'FA'],
        'is male in the pedigree but profile "R-FA" is female',
      );
      return tx.getProfile('R-FA')?.profile.sex;
    });
    expect(outcome).toBe('male');
    expect(store.getFamily('F1')?.searched).toBe(true);
  });

  it('recordMatch updates the log10LR of an existing record and keeps its review', () => {
    store = open();
    seed(store);
    const first = store.write((tx) =>
      tx.recordMatch({ victim: 'V1', family: 'F1', missing: 'MP', log10LR: 1.5 }),
    );
    store.write((tx) => tx.reviewMatch(first.id, 'confirmed', 'checked by AB'));
    const again = store.write((tx) =>
      tx.recordMatch({ victim: 'V1', family: 'F1', missing: 'MP', log10LR: 2.5 }),
    );
    expect(again).toMatchObject({
      id: first.id,
      log10LR: 2.5,
      status: 'confirmed',
      note: 'checked by AB',
    });
    expect(store.listMatches()).toHaveLength(1);
  });

  it('listMatches filters by threshold and status and sorts by log10LR, LR 0 last', () => {
    store = open();
    seed(store);
    store.write((tx) => {
      tx.putProfile(_profile('V2', 'remains', { TH01: ['7', '7'] }));
      tx.putProfile(_profile('V3', 'remains', { TH01: ['9.3', '9.3'] }));
      tx.recordMatch({ victim: 'V1', family: 'F1', missing: 'MP', log10LR: 1 });
      tx.recordMatch({ victim: 'V2', family: 'F1', missing: 'MP', log10LR: null });
      tx.recordMatch({ victim: 'V3', family: 'F1', missing: 'MP', log10LR: 4 });
      tx.reviewMatch(1, 'rejected');
    });
    expect(store.listMatches().map((m) => m.victim)).toEqual(['V3', 'V1', 'V2']);
    expect(store.listMatches({ minLog10LR: 1 }).map((m) => m.victim)).toEqual(['V3', 'V1']);
    expect(store.listMatches({ status: 'new' }).map((m) => m.victim)).toEqual(['V3', 'V2']);
  });

  it('recordMatch refuses a missing person the family does not have', () => {
    store = open();
    seed(store);
    _expectError(
      () =>
        store.write((tx) =>
          tx.recordMatch({ victim: 'V1', family: 'F1', missing: 'FA', log10LR: 1 }),
        ),
      'STORE_ERROR',
      ['matches', 'V1/F1/FA'],
      '"FA", who is not a missing person of family "F1"',
    );
  });

  it('reviewMatch refuses an unknown id and an unknown status', () => {
    store = open();
    seed(store);
    _expectError(
      () => store.write((tx) => tx.reviewMatch(99, 'confirmed')),
      'STORE_ERROR',
      ['matches', 99],
      'no match with id 99',
    );
    store.write((tx) => tx.recordMatch({ victim: 'V1', family: 'F1', missing: 'MP', log10LR: 1 }));
    _expectError(
      // @ts-expect-error: testing a status outside the union
      () => store.write((tx) => tx.reviewMatch(1, 'maybe')),
      'INVALID_ARGUMENT',
      ['matches', 1, 'status'],
      'got "maybe"',
    );
  });

  it('putFrequencyTable stores mutation and theta and marks families unsearched on change', () => {
    store = open();
    seed(store);
    const mutation = new Map([['TH01', { model: 'equal' as const, rate: 0.001 }]]);
    expect(store.write((tx) => tx.putFrequencyTable(_TABLE, { mutation, theta: 0.01 }))).toBe(
      'added',
    );
    expect(store.write((tx) => tx.putFrequencyTable(_TABLE, { mutation, theta: 0.01 }))).toBe(
      'unchanged',
    );
    const stored = store.getFrequencyTable('demo');
    expect(stored?.theta).toBe(0.01);
    expect(stored?.mutation.get('TH01')).toEqual({ model: 'equal', rate: 0.001 });
    expect(stored?.table.markers.get('TH01')?.frequencies).toEqual([0.2, 0.3, 0.1, 0.4]);
    expect(store.listPopulations()).toEqual(['demo']);
    store.write((tx) => tx.markSearched([], ['F1']));
    expect(store.write((tx) => tx.putFrequencyTable(_TABLE, { theta: 0 }))).toBe('changed');
    expect(store.getFamily('F1')?.searched).toBe(false);
  });

  it('writes outside write() are refused', () => {
    store = open();
    let leaked: Parameters<Parameters<ProfileStore['write']>[0]>[0] | undefined;
    store.write((tx) => {
      leaked = tx;
    });
    _expectError(
      () => leaked?.putProfile(_profile('X', 'remains', {})),
      'STORE_ERROR',
      [],
      'only allowed inside store.write()',
    );
  });

  it('ids such as __proto__ and constructor are ordinary ids', () => {
    store = open();
    store.write((tx) => {
      tx.putProfile(_profile('__proto__', 'remains', { TH01: ['6', '6'] }));
      tx.putProfile(_profile('constructor', 'remains', { TH01: ['7', '7'] }));
    });
    expect(store.listProfiles().map((p) => p.profile.id)).toEqual(['__proto__', 'constructor']);
    expect(store.getProfile('toString')).toBeUndefined();
  });

  it('listProfiles pages in id order and countProfiles counts by kind', () => {
    store = open();
    seed(store);
    expect(store.listProfiles({ limit: 2 }).map((p) => p.profile.id)).toEqual(['R-FA', 'R-MO']);
    expect(store.listProfiles({ limit: 2, offset: 2 }).map((p) => p.profile.id)).toEqual(['V1']);
    expect(store.countProfiles({ kind: 'reference' })).toBe(2);
    expect(store.read((r) => r.countProfiles())).toBe(3);
  });
});
