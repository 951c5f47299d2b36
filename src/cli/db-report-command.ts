/**
 * `kindred report DB [--out DIR]`: the programme report of a `kindred db` store (summary of open,
 * confirmed and rejected matches with their provenance, and a page per match).
 *
 * @module
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KindredError } from '../errors.js';
import {
  matchPageName,
  renderMatchReport,
  renderProgrammeReport,
} from '../report/programme-report.js';
import type { CliIO } from './cli-io.js';

/**
 * `kindred report DB`: the programme summary on stdout, or with `--out DIR` the summary as
 * DIR/index.html and one page per match (DIR/match-<id>.html). The store is opened read-only.
 *
 * @param file - the store's SQLite file
 * @param out - the directory, or undefined / `-` for stdout
 * @param io - stdout
 * @returns the exit code
 * @throws KindredError `STORE_ERROR` (no driver, not a store), `IO_ERROR` (cannot write)
 */
export async function runProgrammeReport(
  file: string,
  out: string | undefined,
  io: CliIO,
): Promise<number> {
  let open: typeof import('../store/sqlite-store.js').openSqliteStore;
  try {
    open = (await import('../store/sqlite-store.js')).openSqliteStore;
  } catch (e) {
    throw new KindredError(
      'STORE_ERROR',
      `kindred report DB needs the optional package better-sqlite3 (npm install better-sqlite3@12): ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  const store = open(file, { create: false, readonly: true });
  try {
    const summary = renderProgrammeReport(store, { name: file });
    if (out === undefined || out === '-') {
      io.stdout(summary);
      return 0;
    }
    const pages: [string, string][] = [['index.html', summary]];
    for (const m of store.listMatches())
      pages.push([matchPageName(m), renderMatchReport(store, m)]);
    try {
      mkdirSync(out, { recursive: true });
      for (const [name, html] of pages) writeFileSync(join(out, name), html);
    } catch (e) {
      throw new KindredError(
        'IO_ERROR',
        `Cannot write the report to "${out}": ${(e as Error).message}`,
      );
    }
    io.stdout(`${join(out, 'index.html')} (${pages.length - 1} match pages)\n`);
    return 0;
  } finally {
    store.close();
  }
}
