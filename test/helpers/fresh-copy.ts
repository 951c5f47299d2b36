/**
 * A fresh copy of the checkout for tests that run commands as a newcomer would: its tracked
 * and unignored files (what a clone plus the working changes holds), with the installed
 * node_modules linked in rather than installed again.
 *
 * @module
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** The repository root. */
export const repoRoot = join(import.meta.dirname, '..', '..');

/**
 * Copy the checkout into a new temporary directory.
 *
 * @param prefix - the directory name's prefix
 * @returns the directory and a function that removes it
 */
export function freshCopy(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const listed = spawnSync(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    {
      cwd: repoRoot,
      encoding: 'utf8',
    },
  );
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  const files = listed.stdout
    .split('\0')
    .filter((f) => f !== '' && f !== 'node_modules' && existsSync(join(repoRoot, f)));
  if (files.length < 100) throw new Error(`only ${files.length} files in the checkout`);
  for (const f of files) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    cpSync(join(repoRoot, f), join(dir, f));
  }
  symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
