/**
 * `kindred db <init|import|list|search|matches|export|withdraw|log|set-observation> DB …`: a missing-persons programme kept in
 * an SQLite file. The store is loaded on demand (`kindred/sqlite`, which needs the optional
 * package better-sqlite3), so the rest of the CLI works without it.
 *
 * @module
 */
import { KindredError } from '../errors.js';
import { formatFamiliasFam } from '../io/familias-format.js';
import { exportDVIDocument, exportFamilias, exportOmissions } from '../store/store-export.js';
import { type DbCommandIO, type OpenStore, parseDbArgs, storeFile } from './db-args.js';
import { runDbLog, runDbWithdraw } from './db-history-command.js';
import { runDbImport } from './db-import-command.js';
import { runDbList } from './db-list-command.js';
import { runDbMatches, runDbSearch } from './db-match-command.js';
import { runDbSetObservation } from './db-observation-command.js';
import { _usageLine } from './error-line.js';

export type { DbCommandIO } from './db-args.js';

/** Usage text of `kindred db`. */
export const DB_USAGE = `Usage: kindred db <command> DB [options]

Commands:
  init DB                      create a store (an SQLite file) or bring an old one up to date
  import DB FILE…              import lab files in one transaction (profiles, families, frequencies)
  list DB [profiles|families|tables|imports]   what the store holds (default: a summary)
  search DB                    search new remains against all families and new families against
                               all remains; record the matches
  matches DB                   list matches (--min-log10lr X, --status S); review one with
                               --confirm ID | --reject ID | --reopen ID [--note TEXT]
  export DB --to fam|dvi       the programme as a Familias DVI file or a kindred-dvi/1 document
  withdraw DB ID --reason R    withdraw a profile (or --family): kept, listed, never searched
  log DB [--match ID|--profile ID|--family F]   the append-only history, oldest first
  set-observation DB ID --dropout D [--dropin C]   a profile's drop-out and drop-in (or
                               --default KIND for every profile of a kind; --clear)

list, search, matches and log print tables; --format json (or --json) prints JSON instead.
Import formats (detected, or --from): genemapper, codis-cmf, familias-fam, kindred-dvi,
kindred-families, frequency-csv, frequency-list, frequency-wide, strider-xml.
Run "kindred db <command> --help" for a command's options.`;

/**
 * Run `kindred db`. Returns the exit code (0 done, 1 an import refused).
 *
 * @param argv - arguments after `db`
 * @param io - output streams and file reading
 * @returns the exit code
 * @throws KindredError `USAGE` for wrong usage, and the errors of the store and importers
 * @example
 * ```ts
 * await runDbCommand(['init', 'programme.db'], io); // => 0
 * ```
 */
export async function runDbCommand(argv: string[], io: DbCommandIO): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
    io.stdout(`${DB_USAGE}\n`);
    return sub === undefined ? 2 : 0;
  }
  const open = await loadSqliteStore('kindred db');
  switch (sub) {
    case 'init':
      return _init(rest, io, open);
    case 'import':
      return runDbImport(rest, io, open);
    case 'list':
      return runDbList(rest, io, open);
    case 'search':
      return await runDbSearch(rest, io, open);
    case 'matches':
      return runDbMatches(rest, io, open);
    case 'export':
      return _export(rest, io, open);
    case 'withdraw':
      return runDbWithdraw(rest, io, open);
    case 'log':
      return runDbLog(rest, io, open);
    case 'set-observation':
      return runDbSetObservation(rest, io, open);
    default:
      throw new KindredError('USAGE', `Unknown db command "${sub}" (${_usageLine(DB_USAGE)})`);
  }
}

/**
 * Load the SQLite store on demand (the optional package is needed only here).
 *
 * @param command - the command that needs it, named in the error
 * @returns the store opener
 * @throws KindredError `STORE_ERROR` when the optional package is not installed
 */
export async function loadSqliteStore(command: string): Promise<OpenStore> {
  try {
    const mod = await import('../store/sqlite-store.js');
    return mod.openSqliteStore;
  } catch (e) {
    throw new KindredError(
      'STORE_ERROR',
      `${command} needs the optional package better-sqlite3 (npm install better-sqlite3@12): ${e instanceof Error ? e.message : String(e)}`,
      { cause: e },
    );
  }
}

const INIT_USAGE = 'Usage: kindred db init DB';

function _init(argv: string[], io: DbCommandIO, open: OpenStore): number {
  const parsed = parseDbArgs(argv, {});
  if (parsed.values.help === true) {
    io.stdout(`${INIT_USAGE}\n`);
    return 0;
  }
  const file = storeFile(parsed, INIT_USAGE);
  const store = open(file);
  try {
    io.stdout(
      `${file}: Kindred store, schema version ${store.schemaVersion}, ${store.countProfiles()} profiles\n`,
    );
  } finally {
    store.close();
  }
  return 0;
}

const EXPORT_USAGE = `Usage: kindred db export DB --to fam|dvi [--population P]

Writes the programme to standard output: "fam" as a Familias file with a [DVI] section (remains
as unidentified persons, families as reference families; a profile with drop-out or drop-in is
refused: .fam has no per-sample drop-out), "dvi" as a kindred-dvi/1 document for "kindred dvi"
(family member ids prefixed with the family name; drop-out and drop-in as "observation").
Reference profile ids and the markers searched without mutation come back on "db import"
(kindred-dvi/1: the top-level "store" field; .fam: the notes, docs/workflow.md). Withdrawn profiles and families are left out (listed on stderr), and so are elimination
profiles with --to fam ("dvi" writes them as the document's elimination set, docs/dvi.md), and
reference profiles that no exported family names (listed).`;

function _export(argv: string[], io: DbCommandIO, open: OpenStore): number {
  const parsed = parseDbArgs(argv, {
    to: { type: 'string' },
    format: { type: 'string' },
    population: { type: 'string' },
  });
  if (parsed.values.help === true) {
    io.stdout(`${EXPORT_USAGE}\n`);
    return 0;
  }
  const file = storeFile(parsed, EXPORT_USAGE);
  if (parsed.values.format !== undefined) {
    throw new KindredError(
      'USAGE',
      `db export writes a file, not a report: name its format with --to fam|dvi, not --format (${_usageLine(EXPORT_USAGE)})`,
    );
  }
  const format = parsed.values.to;
  if (format !== 'fam' && format !== 'dvi')
    throw new KindredError('USAGE', `--to must be fam or dvi (${_usageLine(EXPORT_USAGE)})`);
  const population = parsed.values.population as string | undefined;
  const options = population !== undefined ? { population } : {};
  const store = open(file, { create: false, readonly: true });
  try {
    const left = store.read((r) => exportOmissions(r, options));
    const note = (what: string, ids: readonly string[]) => {
      if (ids.length > 0) io.stderr(`kindred: ${what}, left out: ${ids.join(', ')}\n`);
    };
    note('withdrawn profiles', left.withdrawnProfiles);
    note('withdrawn families', left.withdrawnFamilies);
    if (format === 'fam')
      note('elimination profiles (the format has no place for them)', left.elimination);
    note('reference profiles in no exported family', left.unattached);
    if (format === 'fam') {
      io.stdout(formatFamiliasFam(store.read((r) => exportFamilias(r, options))));
    } else {
      const { document, unusedMarkers } = store.read((r) => exportDVIDocument(r, options));
      if (unusedMarkers.length > 0)
        io.stderr(`kindred: markers not in the table, left out: ${unusedMarkers.join(', ')}\n`);
      io.stdout(`${JSON.stringify(document, null, 2)}\n`);
    }
  } finally {
    store.close();
  }
  return 0;
}
