/**
 * Cancelling `kindred db search` (issue 18): an interrupt (SIGINT, Ctrl-C) stops the worker pool
 * and writes nothing — the store is as before the search, intact — and is reported as ABORTED;
 * an interrupt that comes after the results were written changes nothing. Tested through the
 * command's interrupt hook (aborting before and during the pooled ranking) and with real
 * SIGINTs sent to a `kindred db search` process at several moments.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDbCommand } from '../src/cli/db-command.js';

const ROOT = join(import.meta.dirname, '..');
// node itself (not the tsx wrapper process), so that the SIGINT reaches the CLI
const KINDRED = ['--import', 'tsx', join(ROOT, 'src', 'cli', 'main.ts')];
let dir: string;
let fresh: string;
let full: { matches: number; history: number };

const quiet = {
  stdout: () => undefined,
  stderr: () => undefined,
  readFile: (p: string) => readFileSync(p, 'utf8'),
};

function state(db: string): { matches: number; history: number; check: string } {
  const d = new Database(db, { readonly: true });
  try {
    const n = (t: string) => (d.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
    const tables = d
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
      .all()
      .map((r) => (r as { name: string }).name);
    const history = tables.find((t) => /history/.test(t)) ?? 'matches';
    return {
      matches: n('matches'),
      history: n(history),
      check: (d.pragma('integrity_check') as { integrity_check: string }[])[0]!.integrity_check,
    };
  } finally {
    d.close();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kindred-interrupt-'));
  const doc = join(dir, 'incident.json');
  // 60 families × ~1,000 remains: over the pool's 50,000-pair threshold
  const demo = spawnSync(
    process.execPath,
    [...KINDRED, 'demo', '--families', '60', '--unrelated', '1000', '--loci', '10', '--out', doc],
    { cwd: ROOT, encoding: 'utf8' },
  );
  expect(demo.status, demo.stderr).toBe(0);
  fresh = join(dir, 'fresh.db');
  expect(await runDbCommand(['init', fresh], quiet)).toBe(0);
  expect(await runDbCommand(['import', fresh, doc], quiet)).toBe(0);
  const done = join(dir, 'done.db');
  copyFileSync(fresh, done);
  expect(await runDbCommand(['search', done, '--threads', '2'], quiet)).toBe(0);
  full = state(done);
  expect(full.matches).toBeGreaterThan(0);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Run db search in-process with an interrupt that aborts after `when`. */
async function searchInterrupted(db: string, when: 'before' | 'during') {
  const controller = new AbortController();
  if (when === 'before') controller.abort();
  else setTimeout(() => controller.abort(), 0);
  let disposed = false;
  const io = {
    ...quiet,
    interrupt: () => ({
      signal: controller.signal,
      dispose: () => {
        disposed = true;
      },
    }),
  };
  let error: unknown;
  try {
    await runDbCommand(['search', db, '--threads', '2'], io);
  } catch (e) {
    error = e;
  }
  return { error: error as { code?: string; message?: string } | undefined, disposed };
}

describe('db search cancellation', () => {
  it('an interrupt before or during the pooled ranking writes nothing and is ABORTED', async () => {
    const before = state(fresh);
    for (const when of ['before', 'during'] as const) {
      const db = join(dir, `${when}.db`);
      copyFileSync(fresh, db);
      const r = await searchInterrupted(db, when);
      expect(r.error?.code, when).toBe('ABORTED');
      expect(r.disposed).toBe(true);
      expect(state(db)).toEqual(before);
    }
  }, 120_000);

  it('SIGINT at several moments: the store is intact and has either the whole search or none of it', async () => {
    const before = state(fresh);
    const outcomes: string[] = [];
    for (const delay of [500, 1500, 2500, 3500, 5000]) {
      const db = join(dir, `sigint-${delay}.db`);
      copyFileSync(fresh, db);
      const child = spawn(process.execPath, [...KINDRED, 'db', 'search', db, '--threads', '2'], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let err = '';
      child.stderr.setEncoding('utf8').on('data', (c: string) => {
        err += c;
      });
      const exit = new Promise<[number | null, string | null]>((resolve) =>
        child.on('exit', (code, signal) => resolve([code, signal])),
      );
      const timer = setTimeout(() => child.kill('SIGINT'), delay);
      const [code, signal] = await exit;
      clearTimeout(timer);
      const after = state(db);
      expect(after.check).toBe('ok');
      if (code === 0) {
        outcomes.push('completed');
        expect(after).toEqual(full);
      } else {
        // interrupted: before the handler was installed (killed by the signal) or caught
        outcomes.push(signal === 'SIGINT' ? 'killed' : 'aborted');
        if (signal !== 'SIGINT') {
          expect(code).toBe(1);
          expect(err).toMatch(/kindred: ABORTED: /);
          expect(err).not.toMatch(/INTERNAL/);
        }
        expect(after).toEqual(before);
      }
    }
    expect(outcomes.length).toBe(5);
  }, 180_000);
});
