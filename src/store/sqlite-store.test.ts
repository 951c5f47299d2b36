import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { _expectError, _family, _profile } from '../../test/helpers/store-test-helpers.js';
import { SQLITE_SCHEMA_VERSION } from './sqlite-schema.js';
import { openSqliteStore } from './sqlite-store.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kindred-sqlite-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('openSqliteStore', () => {
  it('openSqliteStore creates a WAL database at the current schema and records each version', () => {
    const file = join(dir, 'a.db');
    const store = openSqliteStore(file);
    expect(store.kind).toBe('sqlite');
    expect(store.schemaVersion).toBe(SQLITE_SCHEMA_VERSION);
    store.close();
    const db = new Database(file, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare('SELECT version FROM kindred_schema ORDER BY version').pluck().all()).toEqual(
      [1, 2, 3, 4, 5],
    );
    db.close();
  });

  it('openSqliteStore migrates a version-1 store to the current version keeping its data', () => {
    const file = join(dir, 'old.db');
    const old = openSqliteStore(file, { schemaVersion: 1 });
    expect(old.schemaVersion).toBe(1);
    old.close();
    // a row as version 1 wrote it (today's writer needs the later columns)
    const raw = new Database(file);
    raw
      .prepare(
        "INSERT INTO profiles (id, kind, sex, genotypes, source, created_at, updated_at, searched) VALUES ('V1', 'remains', NULL, '[[\"TH01\",[\"6\",\"8\"]]]', NULL, 't', 't', 0)",
      )
      .run();
    raw.close();
    const store = openSqliteStore(file);
    expect(store.schemaVersion).toBe(SQLITE_SCHEMA_VERSION);
    expect(store.getProfile('V1')?.profile.genotypes.get('TH01')).toEqual(['6', '8']);
    expect(
      store.write((tx) =>
        tx.logImport({ file: 'f', format: 'x', profiles: 1, families: 0, tables: 0 }),
      ).id,
    ).toBe(1);
    store.close();
  });

  it('openSqliteStore keeps committed writes across close and reopen', () => {
    const file = join(dir, 'b.db');
    const a = openSqliteStore(file);
    a.write((tx) => {
      tx.putProfile(_profile('R-FA', 'reference', { TH01: ['6', '7'] }, 'male'));
      tx.putProfile(_profile('R-MO', 'reference', { TH01: ['8', '9.3'] }, 'female'));
      tx.putFamily(_family());
    });
    a.close();
    const b = openSqliteStore(file, { create: false });
    expect(b.getFamily('F1')?.pedigree).toHaveLength(3);
    b.close();
  });

  it('openSqliteStore refuses a missing file when create is false', () => {
    const file = join(dir, 'none.db');
    _expectError(
      () => openSqliteStore(file, { create: false }),
      'STORE_ERROR',
      [],
      'does not exist',
    );
  });

  it('openSqliteStore refuses an SQLite file that is not a Kindred store', () => {
    const file = join(dir, 'other.db');
    const db = new Database(file);
    db.exec('CREATE TABLE t (x)');
    db.close();
    _expectError(() => openSqliteStore(file), 'STORE_ERROR', [], 'not a Kindred store');
  });

  it('openSqliteStore refuses a file that is not a database at all', () => {
    const file = join(dir, 'text.db');
    writeFileSync(
      file,
      'this is not sqlite, just text that is long enough to be read as a header\n'.repeat(20),
    );
    _expectError(() => openSqliteStore(file), 'STORE_ERROR', [], 'is not an SQLite database');
    expect(readFileSync(file, 'utf8').startsWith('this is not sqlite')).toBe(true);
  });

  it('openSqliteStore refuses a 0-byte file and leaves it as it is (issue 18: it was turned into a new store)', () => {
    const file = join(dir, 'empty.db');
    writeFileSync(file, '');
    _expectError(() => openSqliteStore(file), 'STORE_ERROR', [], 'is an empty (0-byte) file');
    expect(statSync(file).size).toBe(0);
  });

  it('openSqliteStore runs PRAGMA quick_check: a store with a damaged page is refused naming the check', () => {
    const file = join(dir, 'damaged.db');
    const s = openSqliteStore(file);
    s.close();
    const raw = new Database(file);
    raw.pragma('journal_mode = DELETE');
    raw.exec('CREATE TABLE filler(x TEXT); CREATE INDEX filler_x ON filler(x);');
    const insert = raw.prepare('INSERT INTO filler VALUES (?)');
    for (let i = 0; i < 2000; i++) insert.run(`row ${i} ${'x'.repeat(50)}`);
    const pageSize = raw.pragma('page_size', { simple: true }) as number;
    const rootpage = (
      raw.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'filler_x'").get() as {
        rootpage: number;
      }
    ).rootpage;
    raw.close();
    // Overwrite the body of the index's root page (not the file header) with garbage.
    const bytes = readFileSync(file);
    bytes.fill(0x41, (rootpage - 1) * pageSize + 100, rootpage * pageSize);
    writeFileSync(file, bytes);
    _expectError(() => openSqliteStore(file), 'STORE_ERROR', [], 'integrity check');
  });

  it('openSqliteStore refuses a store written by a newer Kindred', () => {
    const file = join(dir, 'new.db');
    openSqliteStore(file).close();
    const db = new Database(file);
    db.prepare("INSERT INTO kindred_schema VALUES (99, 'future')").run();
    db.close();
    _expectError(() => openSqliteStore(file), 'STORE_ERROR', [], 'schema version 99, newer than');
  });

  it('a read-only store reads but refuses writes', () => {
    const file = join(dir, 'ro.db');
    const w = openSqliteStore(file);
    w.write((tx) => tx.putProfile(_profile('V1', 'remains', { TH01: ['6', '8'] })));
    w.close();
    const r = openSqliteStore(file, { readonly: true });
    expect(r.countProfiles()).toBe(1);
    _expectError(() => r.write(() => 0), 'STORE_ERROR', [], 'open read-only');
    r.close();
  });

  it('a reader on another connection sees the state before an uncommitted write, then after', () => {
    const file = join(dir, 'c.db');
    const writer = openSqliteStore(file);
    const reader = openSqliteStore(file, { readonly: true });
    writer.write((tx) => tx.putProfile(_profile('V0', 'remains', { TH01: ['6', '6'] })));
    const seenDuring: number[] = [];
    writer.write((tx) => {
      for (let i = 1; i <= 500; i++) {
        tx.putProfile(_profile(`V${i}`, 'remains', { TH01: ['6', '7'] }));
        if (i % 100 === 0) seenDuring.push(reader.countProfiles());
      }
    });
    expect(seenDuring).toEqual([1, 1, 1, 1, 1]);
    expect(reader.countProfiles()).toBe(501);
    writer.close();
    reader.close();
  });

  it('read() gives a snapshot that a concurrent commit does not change', () => {
    const file = join(dir, 'd.db');
    const writer = openSqliteStore(file);
    const reader = openSqliteStore(file, { readonly: true });
    writer.write((tx) => tx.putProfile(_profile('V0', 'remains', { TH01: ['6', '6'] })));
    const counts = reader.read((r) => {
      const before = r.countProfiles();
      writer.write((tx) => tx.putProfile(_profile('V1', 'remains', { TH01: ['7', '7'] })));
      return [before, r.countProfiles(), r.listProfiles().length];
    });
    expect(counts).toEqual([1, 1, 1]);
    expect(reader.countProfiles()).toBe(2);
    writer.close();
    reader.close();
  });
});
