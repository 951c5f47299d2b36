/**
 * `kindred dvi FILE [--top K]`: the pairwise LR matrix and the best joint assignments of a
 * `kindred-dvi/1` document, printed as the answer object of case-format.md.
 *
 * @module
 */
import { parseArgs } from 'node:util';
import { computeDVI } from '../dvi/dvi.js';
import { isKindredError, KindredError } from '../errors.js';
import { formatDVIAnswerJSON } from '../io/dvi-answer.js';
import { parseDVICase } from '../io/dvi-file.js';

/** Usage text of `kindred dvi`. */
export const DVI_USAGE = `Usage: kindred dvi FILE [--top K]

Pairwise LRs of every victim against every missing person of its sex, and the K best joint
assignments (default 10; exact, ranked by log10 LR against "no victim identified") of a
kindred-dvi/1 file (FILE "-" reads standard input). Prints the answer object (JSON).`;

/** The I/O a command needs. */
export interface DVICommandIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Read a file as UTF-8 (`-` = standard input). */
  readFile(path: string): string;
}

/**
 * Run `kindred dvi`. On success the JSON answer is written to stdout in one piece and 0 is
 * returned; on failure nothing goes to stdout, `kindred: <code>: <message>` goes to stderr and
 * the exit code is 1 (2 for wrong usage).
 *
 * @param argv - the arguments after `dvi`
 * @param io - stdout, stderr and file reading
 * @returns the exit code
 * @example
 * ```ts
 * await runDVICommand(['case.json', '--top', '5'], io); // => 0
 * ```
 */
export async function runDVICommand(argv: string[], io: DVICommandIO): Promise<number> {
  try {
    const { values, positionals } = _parse(argv);
    if (values.help) {
      io.stdout(`${DVI_USAGE}\n`);
      return 0;
    }
    if (positionals.length !== 1)
      throw new KindredError('USAGE', `kindred dvi needs exactly one FILE\n${DVI_USAGE}`);
    const top = _parseTop(values.top);
    const file = positionals[0]!;
    const dviCase = parseDVICase(io.readFile(file), { file });
    const text = formatDVIAnswerJSON(computeDVI(dviCase, { top }));
    io.stdout(text);
    return 0;
  } catch (e) {
    if (isKindredError(e)) {
      io.stderr(`kindred: ${e.code}: ${e.message}\n`);
      return e.code === 'USAGE' ? 2 : 1;
    }
    const err = e as { code?: unknown; message?: unknown };
    if (typeof err?.code === 'string' && err.code.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`kindred: USAGE: ${String(err.message)}\n`);
      return 2;
    }
    throw e;
  }
}

function _parse(argv: string[]) {
  return parseArgs({
    args: argv,
    options: {
      top: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: true,
  });
}

function _parseTop(raw: string | undefined): number {
  if (raw === undefined) return 10;
  const k = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(k) || k < 1)
    throw new KindredError('USAGE', `--top must be a positive integer, not "${raw}"`);
  return k;
}
