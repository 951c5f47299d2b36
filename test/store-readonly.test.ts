/**
 * Read-only stores are readable (issue 18): with the store file chmod 444 in a directory
 * chmod 555, the read commands (`db list`, `db matches`, `db log`, `db export`) work — SQLite
 * cannot create the WAL shared-memory file there, so Kindred reads a snapshot of the file —
 * while a write is refused with STORE_ERROR, and a snapshot that would miss a non-empty
 * write-ahead log is refused rather than read stale.
 *
 * Permissions do not bind root, so as root the commands run as user nobody (setpriv).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDbCommand } from '../src/cli/db-command.js';

const root = join(import.meta.dirname, '..');
const asRoot = process.getuid?.() === 0;
const setpriv = spawnSync('setpriv', ['--version']).status === 0;
const canTest = process.platform !== 'win32' && (!asRoot || setpriv);

let dir: string;
let ro: string;

function kindred(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const cmd = [
    process.execPath,
    join(root, 'node_modules', '.bin', 'tsx'),
    join(root, 'src', 'cli', 'main.ts'),
    ...args,
  ];
  const argv = asRoot
    ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', ...cmd]
    : cmd;
  const r = spawnSync(argv[0]!, argv.slice(1), { cwd: root, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function run(...argv: string[]): Promise<void> {
  const code = await runDbCommand(argv, {
    stdout: () => {},
    stderr: () => {},
    readFile: (p) => readFileSync(p, 'utf8'),
  });
  expect(code).toBe(0);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kindred-ro-'));
  const db = join(dir, 'w', 'a.db');
  cpSync(join(root, 'fixtures', 'lab', 'dvi-small.fam'), join(dir, 'x.fam'));
  await import('node:fs').then((fs) => fs.mkdirSync(join(dir, 'w')));
  await run('init', db);
  await run('import', db, join(dir, 'x.fam'), '--unknown-sex', 'male');
  await run('search', db);
  ro = join(dir, 'ro');
  await import('node:fs').then((fs) => fs.mkdirSync(ro));
  cpSync(db, join(ro, 'a.db'));
  chmodSync(join(ro, 'a.db'), 0o444);
  chmodSync(ro, 0o555);
  chmodSync(dir, 0o755);
});
afterAll(() => {
  chmodSync(ro, 0o755);
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!canTest)('a store in a read-only directory', () => {
  it('db list, matches, log and export read it; db withdraw is refused with STORE_ERROR', () => {
    const file = join(ro, 'a.db');
    const list = kindred('db', 'list', file);
    expect([list.status, list.stderr]).toEqual([0, '']);
    expect(list.stdout).toContain('profiles: 3 reference, 2 remains');
    const matches = kindred('db', 'matches', file, '--json');
    expect(matches.status).toBe(0);
    expect(JSON.parse(matches.stdout).length).toBeGreaterThan(0);
    expect(kindred('db', 'log', file).status).toBe(0);
    const exported = kindred('db', 'export', file, '--to', 'dvi');
    expect(exported.status).toBe(0);
    expect(JSON.parse(exported.stdout).format).toBe('kindred-dvi/1');
    const write = kindred('db', 'withdraw', file, 'V1', '--reason', 'test');
    expect(write.status).toBe(1);
    expect(write.stderr).toMatch(/^kindred: STORE_ERROR: /);
    expect(write.stdout).toBe('');
  });

  it('refuses to read a snapshot that a non-empty write-ahead log would make stale', () => {
    chmodSync(ro, 0o755);
    writeFileSync(join(ro, 'a.db-wal'), Buffer.alloc(4096, 1));
    chmodSync(ro, 0o555);
    const r = kindred('db', 'list', join(ro, 'a.db'));
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /kindred: STORE_ERROR: .*write-ahead log .* holds changes not yet in the file/,
    );
  });
});
