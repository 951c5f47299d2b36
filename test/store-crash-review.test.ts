/**
 * The history survives (issue 15): a process killed with SIGKILL at many moments during
 * `kindred db search` and during `kindred db matches --confirm` leaves the store intact, and
 * each operation either happened whole (the search entry, every result it names, the searched
 * flags; the confirmation and its history entry) or not at all. The current state always
 * equals the last version in the history.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDbCommand } from '../src/cli/db-command.js';
import { openSqliteStore } from '../src/store/sqlite-store.js';

const CHILD = fileURLToPath(new URL('./store-crash-review-child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const LAB = (f: string) => join(ROOT, 'fixtures', 'lab', f);
const io = {
  stdout: () => undefined,
  stderr: () => undefined,
  readFile: (p: string) => readFileSync(p, 'utf8'),
};

let dir: string;
let imported: string;
let searched: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kindred-crash-review-'));
  imported = join(dir, 'imported.db');
  const run = (...a: string[]) => runDbCommand(a, io);
  await run('init', imported);
  await run('import', imported, LAB('synthetic.wide.csv'), '--population', 'synthetic');
  await run(
    'import',
    imported,
    LAB('references.genemapper.txt'),
    LAB('families.json'),
    '--kind',
    'reference',
  );
  await run('import', imported, LAB('remains.genemapper.txt'), '--kind', 'remains');
  searched = join(dir, 'searched.db');
  copyFileSync(imported, searched);
  await run('search', searched);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function start(db: string, what: 'search' | 'confirm') {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', CHILD, db, what], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: string[] = [];
  child.stdout?.setEncoding('utf8').on('data', (c: string) => lines.push(...c.split('\n')));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return { child, lines, exited };
}

async function killAt(db: string, what: 'search' | 'confirm', delayMs: number): Promise<boolean> {
  const { child, lines, exited } = start(db, what);
  const end = Date.now() + 60_000;
  while (!lines.includes('ready')) {
    if (Date.now() > end) throw new Error('the child did not start');
    await new Promise((r) => setTimeout(r, 2));
  }
  if (delayMs < 0) {
    // the last moment: after the command reported it was done
    while (!lines.some((l) => l.startsWith('done'))) {
      if (Date.now() > end) throw new Error('the child did not finish');
      await new Promise((r) => setTimeout(r, 2));
    }
  } else await new Promise((r) => setTimeout(r, delayMs));
  child.kill('SIGKILL');
  await exited;
  return lines.some((l) => l.startsWith('done'));
}

/** The store is intact and its current state is the last version of every history. */
function check(db: string): { searches: number; confirmed: boolean } {
  const raw = new Database(db, { readonly: true });
  expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
  raw.close();
  const store = openSqliteStore(db, { create: false });
  try {
    for (const m of store.listMatches()) {
      const last = store.listHistory({ entity: 'match', key: String(m.id) }).at(-1);
      expect(last?.data).toEqual({
        victim: m.victim,
        family: m.family,
        missing: m.missing,
        log10LR: m.log10LR,
        posterior: m.posterior,
        undisputed: m.undisputed,
        status: m.status,
        note: m.note,
      });
    }
    const searches = store.listHistory({ entity: 'search' });
    const unsearched = store.countProfiles({ kind: 'remains', searched: false });
    if (searches.length === 0) {
      expect(store.listMatches()).toEqual([]);
      expect(unsearched).toBe(3);
    } else {
      // the search happened whole: every match it recorded names it, nothing is left unsearched
      expect(unsearched).toBe(0);
      const seq = searches.at(-1)?.seq;
      expect(store.listMatches().length).toBeGreaterThan(0);
      for (const m of store.listMatches()) {
        const first = store.listHistory({ entity: 'match', key: String(m.id) })[0];
        expect(first?.provenance).toEqual({ search: seq });
      }
    }
    const m1 = store.getMatch(1);
    const confirmations = store
      .listHistory({ entity: 'match', key: '1' })
      .filter((e) => e.action === 'confirmed');
    const confirmed = m1?.status === 'confirmed';
    expect(confirmations.length).toBe(confirmed ? 1 : 0);
    if (confirmed) expect(confirmations[0]?.user).toBe('crash');
    return { searches: searches.length, confirmed };
  } finally {
    store.close();
  }
}

// Kill moments from 0 to ~1.3 s after the command starts (before it opens the store, while it
// reads, ranks and writes), and once it is done (-1).
const DELAYS = [0, 15, 40, 80, 120, 170, 230, 300, 400, 550, 800, 1300, -1];

describe('SIGKILL during db search and db matches --confirm', () => {
  it('a killed db search leaves the store as before it or with the whole search, at every moment', async () => {
    const outcomes = new Set<number>();
    for (const delay of DELAYS) {
      const db = join(dir, `search-${delay}.db`);
      copyFileSync(imported, db);
      const done = await killAt(db, 'search', delay);
      const { searches } = check(db);
      if (done) expect(searches).toBe(1);
      outcomes.add(searches);
    }
    // both outcomes were met (kills before the commit, and the kill after done)
    expect([...outcomes].sort()).toEqual([0, 1]);
  }, 300_000);

  it('a killed db matches --confirm leaves the match confirmed with its history entry, or not at all', async () => {
    const outcomes = new Set<boolean>();
    for (const delay of DELAYS) {
      const db = join(dir, `confirm-${delay}.db`);
      copyFileSync(searched, db);
      const done = await killAt(db, 'confirm', delay);
      const { confirmed } = check(db);
      if (done) expect(confirmed).toBe(true);
      outcomes.add(confirmed);
    }
    expect([...outcomes].sort()).toEqual([false, true]);
  }, 300_000);
});
