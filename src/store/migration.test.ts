/**
 * Migration from a store written by an older Kindred (fixtures/store/schema-2.db, written by
 * the code of commit 6424f30): nothing is lost, and the history starts from what it held.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SQLITE_SCHEMA_VERSION } from './sqlite-schema.js';
import { openSqliteStore } from './sqlite-store.js';

const FIXTURE = fileURLToPath(new URL('../../fixtures/store/schema-2.db', import.meta.url));
let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kindred-migrate-'));
  file = join(dir, 'programme.db');
  copyFileSync(FIXTURE, file);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Every row of every table of the version-2 schema, as the old code wrote them. */
function dump(path: string): Record<string, unknown[]> {
  const db = new Database(path, { readonly: true });
  const out: Record<string, unknown[]> = {};
  for (const [t, cols] of [
    ['profiles', 'id, kind, sex, genotypes, source, created_at, searched'],
    ['families', 'name, pedigree, missing, population, source, created_at, searched'],
    ['family_members', 'family, member, profile, position'],
    ['frequency_tables', 'population, markers, mutation, theta, source, created_at'],
    ['matches', 'id, victim, family, missing, log10_lr, status, note, created_at, updated_at'],
    ['imports', '*'],
  ] as const) {
    out[t] = db.prepare(`SELECT ${cols} FROM ${t} ORDER BY 1, 2`).all();
  }
  db.close();
  return out;
}

describe('migration of a schema-2 store', () => {
  it('openSqliteStore migrates a store written by the schema-2 code to the current schema, losing nothing', () => {
    const before = dump(file);
    expect((before.matches as unknown[]).length).toBe(2);
    const store = openSqliteStore(file, { user: 'ana' });
    expect(store.schemaVersion).toBe(SQLITE_SCHEMA_VERSION);
    expect(store.getMatch(1)).toMatchObject({
      victim: 'V-01',
      status: 'confirmed',
      note: 'dental records agree (AB)',
    });
    expect(store.countProfiles()).toBe(11);
    store.close();
    expect(dump(file)).toEqual(before);
  });

  it('the migrated history has one migrated entry per profile, family, table and match, with its state', () => {
    const store = openSqliteStore(file);
    const history = store.listHistory();
    const count = (entity: string) => history.filter((h) => h.entity === entity).length;
    expect([count('profile'), count('family'), count('table'), count('match')]).toEqual([
      11, 3, 1, 2,
    ]);
    expect(history.every((h) => h.action === 'migrated')).toBe(true);
    const m1 = store.listHistory({ entity: 'match', key: '1' });
    expect(m1).toHaveLength(1);
    expect(m1[0]?.data).toEqual({
      victim: 'V-01',
      family: 'F-001',
      missing: 'MP',
      log10LR: 15.827566414523522,
      status: 'confirmed',
      note: 'dental records agree (AB)',
    });
    const p = store.listHistory({ entity: 'profile', key: 'V-01' })[0]?.data as {
      genotypes: [string, string[]][];
      kind: string;
      sex?: string;
    };
    const stored = store.getProfile('V-01');
    expect(p.kind).toBe('remains');
    expect(p.sex).toBe(stored?.profile.sex);
    expect(new Map(p.genotypes)).toEqual(stored?.profile.genotypes);
    const f = store.listHistory({ entity: 'family', key: 'F-001' })[0]?.data as {
      members: [string, string][];
    };
    expect(new Map(f.members)).toEqual(store.getFamily('F-001')?.members);
    store.close();
  });

  it('the history of a migrated store refuses UPDATE and DELETE', () => {
    openSqliteStore(file).close();
    const db = new Database(file);
    expect(() => db.prepare("UPDATE history SET user = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM history').run()).toThrow(/append-only/);
    db.close();
  });
});

/**
 * Schema 4 → 5 (fixtures/store/schema-4.db, written by the code of commit 9d06879): profiles and
 * history are rebuilt (a CHECK constraint cannot change in place); every row must come back as
 * it was, the history's seq and triggers included.
 */
describe('migration of a schema-4 store', () => {
  const FIXTURE_4 = fileURLToPath(new URL('../../fixtures/store/schema-4.db', import.meta.url));
  let file4: string;
  beforeEach(() => {
    file4 = join(dir, 'programme-4.db');
    copyFileSync(FIXTURE_4, file4);
  });

  /** Every row of every table of the schema-4 store, as the old code wrote them. */
  function dump4(path: string): Record<string, unknown[]> {
    const db = new Database(path, { readonly: true });
    const out: Record<string, unknown[]> = {};
    for (const [t, cols] of [
      [
        'profiles',
        'id, kind, sex, genotypes, source, created_at, updated_at, searched, extra, withdrawn',
      ],
      ['families', '*'],
      ['family_members', '*'],
      ['frequency_tables', '*'],
      ['matches', '*'],
      ['imports', '*'],
      ['history', '*'],
    ] as const) {
      out[t] = db.prepare(`SELECT ${cols} FROM ${t} ORDER BY 1, 2`).all();
    }
    db.close();
    return out;
  }

  it('openSqliteStore migrates it to schema 5 keeping every row of every table, the history whole', () => {
    const before = dump4(file4);
    expect((before.history as unknown[]).length).toBe(22);
    expect(
      (before.profiles as { withdrawn: string | null }[]).some((p) => p.withdrawn !== null),
    ).toBe(true);
    const store = openSqliteStore(file4, { user: 'ana' });
    expect(store.schemaVersion).toBe(5);
    expect(store.getProfile('V-03')?.withdrawn?.reason).toBe('sample swap');
    expect(store.getMatch(1)).toMatchObject({
      status: 'confirmed',
      note: 'dental records agree (AB)',
    });
    expect(store.listProfiles().every((p) => p.observation === undefined)).toBe(true);
    store.close();
    expect(dump4(file4)).toEqual(before);
    const db = new Database(file4, { readonly: true });
    expect(db.prepare('SELECT version FROM kindred_schema ORDER BY version').pluck().all()).toEqual(
      [1, 2, 3, 4, 5],
    );
    expect(
      db.prepare('SELECT count(*) FROM profiles WHERE observation IS NOT NULL').pluck().get(),
    ).toBe(0);
    // the AUTOINCREMENT sequence continues after the last entry
    expect(db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'history'").pluck().get()).toBe(
      22,
    );
    db.close();
  });

  it('after the migration the history refuses UPDATE and DELETE, foreign keys hold, and new entries follow on', async () => {
    const store = openSqliteStore(file4, { user: 'ana' });
    store.write((tx) => tx.setObservation('V-01', { dropout: 0.2, dropin: 0 }), { user: 'ben' });
    const last = store.listHistory().at(-1);
    expect(last).toMatchObject({
      seq: 23,
      entity: 'profile',
      key: 'V-01',
      action: 'observation',
      user: 'ben',
    });
    store.close();
    const db = new Database(file4);
    db.pragma('foreign_keys = ON');
    expect(() => db.prepare("UPDATE history SET user = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM history').run()).toThrow(/append-only/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO family_members (family, member, profile, position) VALUES ('F-001', 'X', 'NOPE', 9)",
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("DELETE FROM profiles WHERE id = 'V-01'").run()).toThrow(/FOREIGN KEY/);
    // the new kind and entity are accepted, others still refused
    expect(() =>
      db
        .prepare(
          "INSERT INTO profiles (id, kind, genotypes, created_at, updated_at) VALUES ('S-1', 'elimination', '[]', 'now', 'now')",
        )
        .run(),
    ).not.toThrow();
    expect(() =>
      db
        .prepare(
          "INSERT INTO profiles (id, kind, genotypes, created_at, updated_at) VALUES ('S-2', 'staff', '[]', 'now', 'now')",
        )
        .run(),
    ).toThrow(/CHECK/);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it('a search after the migration gives the LRs the schema-4 code recorded', async () => {
    const { searchStore } = await import('./match-search.js');
    const store = openSqliteStore(file4, { user: 'ana' });
    const recorded = store.listMatches().map((m) => [m.id, m.log10LR]);
    await searchStore(store, { all: true });
    expect(store.listMatches().map((m) => [m.id, m.log10LR])).toEqual(recorded);
    store.close();
  });

  /** Give V-01 of the schema-4 copy an extra field, as a program could through schema-4 code. */
  function setExtra(extra: unknown): void {
    const db = new Database(file4);
    db.prepare("UPDATE profiles SET extra = ? WHERE id = 'V-01'").run(JSON.stringify(extra));
    db.close();
  }

  it('an observation kept among the extra fields moves to its column, with a history entry (it was left where nothing reads it)', () => {
    setExtra({ observation: { dropout: 0.3, dropin: 0.05 }, lab: 'B' });
    const store = openSqliteStore(file4, { user: 'ana' });
    const p = store.getProfile('V-01')!;
    expect(p.observation).toEqual({ dropout: 0.3, dropin: 0.05 });
    expect((p.profile as unknown as { lab?: string }).lab).toBe('B');
    const entry = store.listHistory({ entity: 'profile', key: 'V-01' }).at(-1)!;
    expect([entry.action, entry.user]).toEqual(['observation', 'kindred']);
    // and the record can still be written (withdrawing it used to throw STORE_ERROR)
    store.write((tx) => tx.withdrawProfile('V-01', 'sample swap'), { user: 'ana' });
    expect(store.getProfile('V-01')?.withdrawn).toBeDefined();
    store.close();
  });

  it('an observation it cannot read, or an extra field named like a column, refuses the migration and changes nothing', () => {
    for (const extra of [{ observation: { dropout: 2 } }, { source: 'lab B' }]) {
      copyFileSync(FIXTURE_4, file4);
      setExtra(extra);
      const before = dump4(file4);
      expect(() => openSqliteStore(file4)).toThrow(
        expect.objectContaining({
          code: 'STORE_ERROR',
          message: expect.stringContaining('"V-01"'),
        }),
      );
      expect(dump4(file4)).toEqual(before);
    }
  });
});
