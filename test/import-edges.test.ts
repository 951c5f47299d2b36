/**
 * Store and import edges of issue 18, through `kindred db` exactly as a user runs it: a
 * GeneMapper export without "Sample Name" is named as such (it was read as a frequency list); a
 * Latin-1 file of any format is refused naming the line (a CMF sample name was stored with a
 * replacement character); a 0-byte or foreign file given as the store is refused and left as it
 * is (it was turned into a new store); a store with a damaged page is refused before `db export`
 * reads it (PRAGMA quick_check on every open).
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CliIO } from '../src/cli/cli-io.js';
import { readTextFile } from '../src/cli/cli-io.js';
import { runCli } from '../src/cli/main.js';

const lab = (name: string) => join(import.meta.dirname, '..', 'fixtures', 'lab', name);

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
    readFile: readTextFile,
  };
  const code = await runCli(argv, io);
  return { code, out, err };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kindred-edges-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function freshStore(): Promise<string> {
  const db = join(dir, 'x.db');
  expect((await run(['db', 'init', db])).code).toBe(0);
  return db;
}

async function profileCount(db: string): Promise<number> {
  const r = await run(['db', 'list', db, '--format', 'json']);
  expect(r.code).toBe(0);
  const p = JSON.parse(r.out).profiles as Record<string, number>;
  return Object.values(p).reduce((a, b) => a + b, 0);
}

describe('db import: files that are not what they seem', () => {
  it('a GeneMapper export without "Sample Name" is refused naming that column (not read as frequencies)', async () => {
    const db = await freshStore();
    for (const header of [
      'Sample File\tMarker\tAllele 1\tAllele 2',
      'Marker\tAllele 1\tAllele 2',
    ]) {
      const file = join(dir, 'gm.txt');
      writeFileSync(file, `${header}\nF1-R1\tTH01\t6\t7\n`);
      const r = await run(['db', 'import', db, file, '--kind', 'reference']);
      expect(r.code).toBe(1);
      expect(r.out).toBe('');
      expect(r.err).toMatch(
        /^kindred: PARSE_ERROR: GeneMapper table lacks the column "Sample Name" \(it needs "Sample Name", "Marker" and "Allele 1"…\); header is /,
      );
      expect(r.err).not.toContain('frequency');
    }
    expect(await profileCount(db)).toBe(0);
  });

  it('a Latin-1 CMF (a sample name with é) is refused naming the line, nothing stored', async () => {
    const db = await freshStore();
    const bytes = readFileSync(lab('batch2.cmf.xml'));
    const text = bytes
      .toString('latin1')
      .replace('<SPECIMENID>F003-MO<', '<SPECIMENID>F003-MO-José<');
    const file = join(dir, 'latin.cmf.xml');
    writeFileSync(file, Buffer.from(text, 'latin1'));
    const r = await run(['db', 'import', db, file]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /^kindred: PARSE_ERROR: The file is not UTF-8 text \(line 10 has a byte that is not UTF-8, as in a Latin-1 or Windows-1252 export\); save it as UTF-8 and import it again/,
    );
    expect(await profileCount(db)).toBe(0);
    // The same file saved as UTF-8 is imported (3 profiles, as from the fixture).
    writeFileSync(file, text, 'utf8');
    expect((await run(['db', 'import', db, file])).code).toBe(0);
    expect(await profileCount(db)).toBe(3);
  });

  it('a Latin-1 Familias .fam is refused the same way', async () => {
    const db = await freshStore();
    const bytes = readFileSync(lab('paternity.fam'));
    const file = join(dir, 'latin.fam');
    writeFileSync(
      file,
      Buffer.from(bytes.toString('latin1').replace('"AF"', '"AF-José"'), 'latin1'),
    );
    const r = await run(['db', 'import', db, file]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^kindred: PARSE_ERROR: The file is not UTF-8 text \(line 6 /);
  });
});

describe('db import: the store file itself', () => {
  const ok = () => {
    const file = join(dir, 'ok.txt');
    writeFileSync(file, 'Sample Name\tMarker\tAllele 1\tAllele 2\nF1-R1\tTH01\t6\t7\n');
    return file;
  };

  it('a 0-byte file is refused and left as it is (not made into a new store)', async () => {
    const store = join(dir, 'empty.db');
    writeFileSync(store, '');
    const r = await run(['db', 'import', store, ok(), '--kind', 'reference']);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^kindred: STORE_ERROR: Store ".*empty\.db" is an empty \(0-byte\) file/);
    expect(statSync(store).size).toBe(0);
  });

  it('a file that is not SQLite is refused and left as it is', async () => {
    const store = join(dir, 'foreign.db');
    writeFileSync(store, 'hello\n');
    const r = await run(['db', 'import', store, ok(), '--kind', 'reference']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^kindred: STORE_ERROR: Store ".*foreign\.db" is not an SQLite database/);
    expect(readFileSync(store, 'utf8')).toBe('hello\n');
  });

  it('a store with a damaged page: db export and db list refuse it (quick_check), nothing on stdout', async () => {
    const store = await freshStore();
    expect((await run(['db', 'import', store, ok(), '--kind', 'reference'])).code).toBe(0);
    const raw = new Database(store);
    raw.pragma('journal_mode = DELETE');
    raw.exec('CREATE TABLE filler(x TEXT); CREATE INDEX filler_x ON filler(x);');
    const insert = raw.prepare('INSERT INTO filler VALUES (?)');
    for (let i = 0; i < 2000; i++) insert.run(`row ${i} ${'x'.repeat(50)}`);
    const pageSize = raw.pragma('page_size', { simple: true }) as number;
    const { rootpage } = raw
      .prepare("SELECT rootpage FROM sqlite_master WHERE name = 'filler_x'")
      .get() as { rootpage: number };
    raw.close();
    const bytes = readFileSync(store);
    bytes.fill(0x41, (rootpage - 1) * pageSize + 100, rootpage * pageSize);
    writeFileSync(store, bytes);
    for (const argv of [
      ['db', 'export', store, '--to', 'dvi'],
      ['db', 'list', store],
    ]) {
      const r = await run(argv);
      expect(r.code).toBe(1);
      expect(r.out).toBe('');
      expect(r.err).toMatch(
        /^kindred: STORE_ERROR: Store ".*" failed its integrity check \(PRAGMA quick_check\)/,
      );
      expect(r.err).not.toContain('INTERNAL');
    }
  });
});
