/**
 * Shared pieces of the `kindred db` commands: their I/O, option parsing, and plain-text tables.
 *
 * @module
 */
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { KindredError } from '../errors.js';
import type { ProfileStore } from '../store/profile-store.js';
import type { SqliteStoreOptions } from '../store/sqlite-store.js';
import { outputFormat, refuseRepeatedOptions, usageErrorFromParseArgs } from './args.js';
import type { Interrupt } from './cli-io.js';
import { _usageLine } from './error-line.js';

/** The I/O a `kindred db` command uses. */
export interface DbCommandIO {
  stdout(s: string): void;
  stderr(s: string): void;
  readFile(path: string): string;
  stderrIsTTY?: boolean;
  /** Catch the user's interrupt (see `CliIO.interrupt`); absent: not catchable. */
  interrupt?: () => Interrupt;
}

/** A parsed command line: options by name, positionals. */
export type ParsedArgs = {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
};

/** Open a store through the `kindred/sqlite` entry, loaded on demand. */
export type OpenStore = (file: string, options?: SqliteStoreOptions) => ProfileStore;

/**
 * Parse options with node's `parseArgs`, turning its errors into `USAGE`. A command that prints
 * results with `--json` also takes `--format table|json` (the output convention of every
 * command; `--json` is its alias): the parsed `json` value is then true for `--format json`.
 * File formats have flags of their own (`db import --from`, `db export --to`).
 *
 * @throws KindredError `USAGE` (also for `--format` other than table or json, or with `--json`
 *   and `--format table` together)
 */
export function parseDbArgs(
  argv: string[],
  options: NonNullable<Parameters<typeof parseArgs>[0]>['options'],
): ParsedArgs {
  const output = options !== undefined && 'json' in options;
  const all = {
    ...options,
    ...(output ? { format: { type: 'string' as const } } : {}),
    help: { type: 'boolean' as const, short: 'h' },
  };
  let parsed: ParsedArgs;
  try {
    parsed = parseArgs({ args: argv, options: all, allowPositionals: true }) as ParsedArgs;
  } catch (e) {
    throw usageErrorFromParseArgs('kindred db', e, all);
  }
  refuseRepeatedOptions('kindred db', argv, all);
  if (output) {
    const { format, json } = parsed.values;
    if (
      options !== undefined &&
      'from' in options &&
      typeof format === 'string' &&
      format !== 'table' &&
      format !== 'json'
    ) {
      throw new KindredError(
        'USAGE',
        `kindred db: --format is the report's format (table or json), not "${format}"; name the file format with --from`,
      );
    }
    const chosen = outputFormat(
      'kindred db',
      {
        ...(typeof format === 'string' ? { format } : {}),
        ...(typeof json === 'boolean' ? { json } : {}),
      },
      'table',
    );
    const { format: _dropped, ...rest } = parsed.values;
    parsed = { values: { ...rest, json: chosen === 'json' }, positionals: parsed.positionals };
  }
  return parsed;
}

/**
 * The store file named first on the command line.
 *
 * @throws KindredError `USAGE` when it is missing
 */
export function storeFile(parsed: ParsedArgs, usage: string): string {
  const file = parsed.positionals[0];
  if (file === undefined)
    throw new KindredError('USAGE', `Name the store file (${_usageLine(usage)})`);
  return file;
}

/** Usage line of `--user`. */
export const USER_USAGE =
  '  --user NAME           the acting user recorded in the history (default: the OS user)';

/**
 * The acting user of a write: `--user`, else the OS user, else `unknown`.
 *
 * @example
 * ```ts
 * actingUser({ user: 'ana' }); // => 'ana'
 * ```
 */
export function actingUser(values: Readonly<Record<string, unknown>>): string {
  if (typeof values.user === 'string') return values.user;
  try {
    const name = userInfo().username;
    return name !== '' ? name : 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * Lay out rows as a plain-text table: columns padded to their widest cell, numbers right-aligned.
 *
 * @example
 * ```ts
 * formatTable([['id', 'n'], ['a', '10']]); // => 'id  n\na   10\n'
 * ```
 */
export function formatTable(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((c, i) => {
      widths[i] = Math.max(widths[i] ?? 0, c.length);
    });
  }
  const numeric = (c: string) => /^-?[\d.]+$/.test(c);
  return rows
    .map((row) =>
      row
        .map((c, i) => (numeric(c) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .map((l) => `${l}\n`)
    .join('');
}
