/**
 * Robustness of the SQLite store: a process killed with SIGKILL in the middle of a large import
 * leaves the database either before or after the import, never in between, and it opens
 * cleanly; readers on other connections see only whole transactions while a writer works.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProfile } from '../src/profile/profile.js';
import { SQLITE_SCHEMA_VERSION } from '../src/store/sqlite-schema.js';
import { openSqliteStore } from '../src/store/sqlite-store.js';

const CHILD = fileURLToPath(new URL('./store-crash-child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BATCH = 150_000;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kindred-crash-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function startChild(
  db: string,
  mode: 'import' | 'batches',
  n: number,
): { child: ChildProcess; lines: string[]; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, db, mode, String(n)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: string[] = [];
  child.stdout
    ?.setEncoding('utf8')
    .on('data', (chunk: string) => lines.push(...chunk.split('\n').filter((l) => l !== '')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, lines, exited };
}

async function waitFor(pred: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error('timed out waiting for the child');
    await new Promise((r) => setTimeout(r, 5));
  }
}

function seed(db: string): number {
  const store = openSqliteStore(db);
  store.write((tx) => {
    for (let i = 0; i < 10; i++) {
      tx.putProfile(
        createProfile({ id: `SEED-${i}`, kind: 'reference', genotypes: { TH01: ['6', '7'] } }),
      );
    }
  });
  const n = store.countProfiles();
  store.close();
  return n;
}

function inspect(db: string): {
  integrity: string;
  count: number;
  version: number;
  historyProfiles: number;
} {
  const store = openSqliteStore(db, { create: false });
  const count = store.countProfiles();
  const version = store.schemaVersion;
  const historyProfiles = store.listHistory({ entity: 'profile' }).length;
  store.close();
  const raw = new Database(db, { readonly: true });
  const integrity = raw.pragma('integrity_check', { simple: true }) as string;
  raw.close();
  return { integrity, count, version, historyProfiles };
}

describe('SQLite store under SIGKILL', () => {
  // The write phase of 150,000 profiles takes seconds (see bench/RESULTS.md for the rate), so
  // kills 0 and 150 ms after the 1000th write land inside the transaction: the store must be
  // exactly as before. At 600 ms either outcome is allowed, never one in between.
  it.each([
    [0, 'before'],
    [150, 'before'],
    [600, 'before or after'],
  ] as const)(
    'a SIGKILL %i ms into a 150,000-profile import leaves the store %s it, never between',
    async (delay, expected) => {
      const db = join(dir, 'crash.db');
      const before = seed(db);
      const { child, lines, exited } = startChild(db, 'import', BATCH);
      await waitFor(() => lines.includes('inside'), 45_000);
      await new Promise((r) => setTimeout(r, delay));
      const committed = lines.includes('committed');
      child.kill('SIGKILL');
      await exited;
      const after = inspect(db);
      expect(after.integrity).toBe('ok');
      expect(after.version).toBe(SQLITE_SCHEMA_VERSION);
      // the history holds exactly one entry per stored profile: it committed with them or not at all
      expect(after.historyProfiles).toBe(after.count);
      expect([before, before + BATCH]).toContain(after.count);
      if (committed) expect(after.count).toBe(before + BATCH);
      if (expected === 'before') expect(after.count).toBe(before);
      // the store still takes writes after the crash
      const store = openSqliteStore(db, { create: false });
      store.write((tx) =>
        tx.putProfile(createProfile({ id: 'AFTER', kind: 'remains', genotypes: {} })),
      );
      expect(store.countProfiles()).toBe(after.count + 1);
      store.close();
    },
  );

  it('an import left to finish is all there after the process ends', async () => {
    const db = join(dir, 'done.db');
    const before = seed(db);
    const { lines, exited } = startChild(db, 'import', 20_000);
    expect(await exited).toBe(0);
    expect(lines).toContain('committed');
    expect(inspect(db)).toEqual({
      integrity: 'ok',
      count: before + 20_000,
      version: SQLITE_SCHEMA_VERSION,
      historyProfiles: before + 20_000,
    });
  });
});

describe('SQLite store with concurrent readers', () => {
  it('readers during a stream of 1000-profile transactions only ever see whole transactions', async () => {
    const db = join(dir, 'readers.db');
    openSqliteStore(db).close();
    const { lines, exited } = startChild(db, 'batches', 25);
    const reader = openSqliteStore(db, { readonly: true });
    const seen: number[] = [];
    let done = false;
    void exited.then(() => {
      done = true;
    });
    while (!done) {
      const [count, listed] = reader.read((r) => [r.countProfiles(), r.listProfiles().length]);
      expect(listed).toBe(count);
      seen.push(count);
      await new Promise((r) => setTimeout(r, 2));
    }
    seen.push(reader.countProfiles());
    reader.close();
    expect(lines.filter((l) => l.startsWith('batch'))).toHaveLength(25);
    expect(seen.every((n) => n % 1000 === 0)).toBe(true);
    expect(seen.every((n, i) => i === 0 || n >= (seen[i - 1] as number))).toBe(true);
    expect(seen.at(-1)).toBe(25_000);
    expect(new Set(seen).size).toBeGreaterThan(2);
  });
});
