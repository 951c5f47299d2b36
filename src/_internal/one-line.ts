/**
 * The one formatter for text that goes into an error message: control characters escaped, one
 * line, long values cut with their length shown. Every {@link KindredError} message passes
 * through it, and so does every line the CLI writes for an error.
 *
 * @module
 */

/** A run of non-space characters longer than this is cut (its length is shown). */
export const _MAX_TOKEN = 200;
/** Characters kept from the start and from the end of a cut run. */
const HEAD = 80;
const TAIL = 40;
/** A whole message longer than this is cut (its length is shown). */
export const _MAX_MESSAGE = 2000;

/**
 * Characters that must not reach a terminal or a log raw: C0 controls (newline, carriage return,
 * escape…), DEL, C1 controls, the Unicode line and paragraph separators, bidirectional overrides
 * and isolates, the byte-order mark, and lone surrogates.
 */
const UNSAFE = new RegExp(
  [
    '[\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069\\ufeff]',
    '[\\ud800-\\udbff](?![\\udc00-\\udfff])',
    '(?<![\\ud800-\\udbff])[\\udc00-\\udfff]',
  ].join('|'),
  'g',
);

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeChar(c: string): string {
  const named = NAMED[c];
  if (named !== undefined) return named;
  const code = c.charCodeAt(0);
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * Make `text` safe for a one-line error message: control characters become visible escapes
 * (`\n`, `\x1b`, `\u2028`), a run of more than {@link _MAX_TOKEN} non-space characters keeps its
 * first 80 and last 40 with `…[N chars]…` between, and the whole is cut at {@link _MAX_MESSAGE}
 * characters with `…[N chars]` at the end. Idempotent: formatting a formatted text changes nothing.
 *
 * @param text - the raw text (a message, a value, a file name)
 * @returns the one-line form
 * @example
 * ```ts
 * _oneLine('father "A\nkindred: OK"'); // => 'father "A\\nkindred: OK"'
 * _oneLine('"' + '9'.repeat(1000) + '"'); // => '"999…(79 nines)…[1002 chars]…(39 nines)"'
 * ```
 */
export function _oneLine(text: string): string {
  const escaped = text.replace(UNSAFE, escapeChar);
  const cut = escaped.replace(/\S+/g, (run) => cutRun(run, _MAX_TOKEN));
  return cutRun(cut, _MAX_MESSAGE);
}

function cutRun(run: string, max: number): string {
  if (run.length <= max) return run;
  const tail = max === _MAX_TOKEN ? TAIL : 0;
  let head = max === _MAX_TOKEN ? HEAD : max - 40;
  // Never split a surrogate pair.
  if (isHigh(run.charCodeAt(head - 1))) head -= 1;
  let from = run.length - tail;
  if (tail > 0 && isLow(run.charCodeAt(from))) from += 1;
  return `${run.slice(0, head)}…[${run.length} chars]${tail > 0 ? `…${run.slice(from)}` : ''}`;
}

function isHigh(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLow(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
