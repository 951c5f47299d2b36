/**
 * The one place the CLI turns an error into its stderr line, `kindred: <code>: <message>`: one
 * line, control characters escaped and long values cut (the message formatter of
 * {@link KindredError}), with the exit code that goes with it.
 *
 * @module
 */
import { _oneLine } from '../_internal/one-line.js';
import { isKindredError } from '../errors.js';

/** An error as the CLI reports it. */
export interface ErrorLine {
  /** The stderr line, ending in a newline. */
  readonly line: string;
  /** 2 for wrong usage, 1 otherwise. */
  readonly exitCode: number;
  /** True when the error is not a KindredError: a bug, reported as `INTERNAL`. */
  readonly internal: boolean;
}

/**
 * The stderr line and exit code for `e`.
 *
 * @param e - anything thrown
 * @returns the line (`kindred: CODE: message\n`), the exit code and whether it is internal
 * @example
 * ```ts
 * _errorLine(new KindredError('USAGE', 'bad\nline')).line; // => 'kindred: USAGE: bad\\nline\n'
 * ```
 */
export function _errorLine(e: unknown): ErrorLine {
  if (isKindredError(e))
    return {
      line: `kindred: ${e.code}: ${_oneLine(e.message)}\n`,
      exitCode: e.code === 'USAGE' ? 2 : 1,
      internal: false,
    };
  const err = e as { code?: unknown; message?: unknown } | null | undefined;
  if (typeof err?.code === 'string' && err.code.startsWith('ERR_PARSE_ARGS'))
    return {
      line: `kindred: USAGE: ${_oneLine(String(err.message))}\n`,
      exitCode: 2,
      internal: false,
    };
  const message = e instanceof Error ? e.message : String(e);
  return { line: `kindred: INTERNAL: ${_oneLine(message)}\n`, exitCode: 1, internal: true };
}

/**
 * The first line of a command's usage text, for a one-line usage error.
 *
 * @param usage - the whole usage text
 * @returns its first line
 * @example
 * ```ts
 * _usageLine('Usage: kindred lr FILE\n\nOptions: …'); // => 'Usage: kindred lr FILE'
 * ```
 */
export function _usageLine(usage: string): string {
  return usage.split('\n', 1)[0] ?? '';
}
