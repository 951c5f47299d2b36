/**
 * The one argument parser of the `kindred` commands: node's `parseArgs` (strict), with its
 * errors reworded in Kindred's own words naming the command and the CLI flag, and the shared
 * `--format table|json` option (with `--json` as its alias).
 *
 * @module
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';

/** Option definitions, as for node's `parseArgs`. */
export type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

import { KindredError } from '../errors.js';

/** The options every command that prints results takes: `--format` and its alias `--json`. */
export const FORMAT_OPTIONS = {
  format: { type: 'string' },
  json: { type: 'boolean' },
} as const satisfies OptionsConfig;

/** An output format of the commands that print results. */
export type OutputFormat = 'table' | 'json';

/**
 * Parse `argv` for the command `command` against `options` (strict: an unknown option, a
 * missing value or a value given to a flag is an error). Positionals are allowed; `--` ends
 * the options.
 *
 * @param command - the command as the user types it, e.g. `"kindred lr"` (named in errors)
 * @param argv - the arguments after the command name
 * @param options - the options, as for node's `parseArgs`
 * @returns the values and positionals
 * @throws KindredError `USAGE` naming the command and the flag, e.g.
 *   `kindred lr: unknown option "--bogus" (see kindred lr --help)`
 * @example
 * ```ts
 * parseCommandArgs('kindred lr', ['case.json', '--no-lump'], { 'no-lump': { type: 'boolean' } })
 *   .positionals; // => ['case.json']
 * ```
 */
export function parseCommandArgs<const T extends OptionsConfig>(
  command: string,
  argv: readonly string[],
  options: T,
) {
  const config = { args: [...argv], options, allowPositionals: true, strict: true } as const;
  let parsed: ReturnType<typeof parseArgs<typeof config>>;
  try {
    parsed = parseArgs(config);
  } catch (e) {
    throw usageErrorFromParseArgs(command, e, options);
  }
  refuseRepeatedOptions(command, argv, options);
  return parsed;
}

/**
 * Refuse an option given twice that takes one value (node's `parseArgs` keeps the last one and
 * drops the others without a word).
 *
 * @param command - the command as the user types it (named in the error)
 * @param argv - the arguments
 * @param options - the options they were parsed against
 * @throws KindredError `USAGE` naming the flag, e.g. `kindred dvi: --merge is given 2 times; give it once`
 * @example
 * ```ts
 * refuseRepeatedOptions('kindred lr', ['a.json', '--max-work', '1', '--max-work', '2'], { 'max-work': { type: 'string' } });
 * // throws USAGE: kindred lr: --max-work is given 2 times; give it once
 * ```
 */
export function refuseRepeatedOptions(
  command: string,
  argv: readonly string[],
  options: OptionsConfig,
): void {
  const { tokens } = parseArgs({
    args: [...argv],
    options,
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  const seen = new Map<string, number>();
  for (const t of tokens) {
    if (t.kind !== 'option') continue;
    const def = options[t.name];
    if (def === undefined || def.multiple === true) continue;
    seen.set(t.name, (seen.get(t.name) ?? 0) + 1);
  }
  for (const [name, n] of seen) {
    if (n > 1) {
      throw new KindredError(
        'USAGE',
        `${command}: --${name} is given ${n} times; give it once (see ${command} --help)`,
        { path: [name] },
      );
    }
  }
}

/**
 * Reword an error of node's `parseArgs` as a Kindred `USAGE` error naming the command and
 * the flag (other errors are returned unchanged).
 *
 * @param command - the command as the user types it, e.g. `"kindred search"`
 * @param e - the error thrown by `parseArgs`
 * @param options - the options that were parsed against (to tell flags from valued options)
 * @returns the error to throw
 */
export function usageErrorFromParseArgs(
  command: string,
  e: unknown,
  options: OptionsConfig = {},
): unknown {
  const err = e as { code?: unknown; message?: unknown };
  if (typeof err?.code !== 'string' || !err.code.startsWith('ERR_PARSE_ARGS')) return e;
  const message = String(err.message);
  const quoted = /'([^']*)'/.exec(message)?.[1] ?? '';
  const see = `(see ${command} --help)`;
  // parseArgs quotes "-x, --long <value>" or "--long"; take the long form when there is one.
  const flag = /--[\w-]+/.exec(quoted)?.[0] ?? quoted.replace(/\s*<value>$/, '');
  const name = flag.replace(/^-+/, '');
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return new KindredError('USAGE', `${command}: unknown option "${flag}" ${see}`);
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const takesValue = Object.hasOwn(options, name) && options[name]?.type === 'string';
      return new KindredError(
        'USAGE',
        takesValue
          ? `${command}: option "${flag}" needs a value ${see}`
          : `${command}: option "${flag}" takes no value ${see}`,
      );
    }
    default:
      return new KindredError('USAGE', `${command}: wrong arguments ${see}`);
  }
}

/**
 * The output format chosen by `--format` and `--json`.
 *
 * @param command - the command as the user types it (named in errors)
 * @param values - the parsed `format` and `json` values
 * @param fallback - the format when neither is given
 * @returns `"table"` or `"json"`
 * @throws KindredError `USAGE` for another `--format`, or `--json` with `--format table`
 * @example
 * ```ts
 * outputFormat('kindred search', { json: true }, 'table'); // => 'json'
 * ```
 */
export function outputFormat(
  command: string,
  values: { readonly format?: string | undefined; readonly json?: boolean | undefined },
  fallback: OutputFormat,
): OutputFormat {
  const { format, json } = values;
  if (format !== undefined && format !== 'table' && format !== 'json') {
    throw new KindredError(
      'USAGE',
      `${command}: --format must be "table" or "json", not "${format}"`,
    );
  }
  if (json === true && format === 'table') {
    throw new KindredError('USAGE', `${command}: --json and --format table contradict each other`);
  }
  return json === true ? 'json' : (format ?? fallback);
}

/**
 * A positive whole-number option.
 *
 * @param command - the command as the user types it (named in errors)
 * @param flag - the option's name without dashes
 * @param value - its text, or undefined when absent
 * @returns the number, or undefined when absent
 * @throws KindredError `USAGE` when the text is not a whole number ≥ 1
 * @example
 * ```ts
 * positiveIntOption('kindred dvi', 'top', '5'); // => 5
 * ```
 */
export function positiveIntOption(
  command: string,
  flag: string,
  value: string | undefined,
): number | undefined {
  if (value === undefined) return undefined;
  const n = /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new KindredError(
      'USAGE',
      `${command}: --${flag} must be a positive whole number, not "${value}"`,
    );
  }
  return n;
}

/**
 * Require exactly one positional argument (the input file).
 *
 * @param command - the command as the user types it (named in errors)
 * @param positionals - the positionals
 * @returns the one positional
 * @throws KindredError `USAGE` when there are none or several
 */
export function onePositional(command: string, positionals: readonly string[]): string {
  if (positionals.length !== 1) {
    throw new KindredError(
      'USAGE',
      positionals.length === 0
        ? `${command} needs a FILE (see ${command} --help)`
        : `${command} takes one FILE, got ${positionals.length}: ${positionals.map((p) => `"${p}"`).join(' ')} (see ${command} --help)`,
    );
  }
  return positionals[0]!;
}
