/**
 * `kindred lr FILE [--format json|table]`: the kinship LRs of a `kindred-case/1` document.
 *
 * @module
 */
import { parseArgs } from 'node:util';
import { KindredError } from '../errors.js';
import { parseCase } from '../io/case-file.js';
import { formatLRAnswer, formatLRTable } from '../io/lr-answer.js';
import { computeKinshipLR } from '../relationships/kinship-lr.js';
import type { CliIO } from './cli-io.js';
import { _usageLine } from './error-line.js';

/** Usage text of `kindred lr`. */
export const LR_USAGE = `Usage: kindred lr FILE [--format json|table] [--no-lump] [--max-table N] [--max-work N]

Compute every hypothesis's likelihood and LR against the reference of a kindred-case/1 file
(FILE "-" reads standard input). Prints the answer object of the case format (JSON), or with
--format table a per-locus table for people. A pedigree whose exact computation needs a table
larger than --max-table entries (default 16777216) or more than --max-work operations per locus
(default 2147483648) is refused before any work (TOO_COMPLEX).`;

function positiveInt(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new KindredError('USAGE', `--${name} must be a positive integer, not "${value}"`);
  }
  return n;
}

/**
 * Run `kindred lr`. Returns the exit code.
 *
 * @throws KindredError for bad input (the CLI main prints it)
 */
export async function runLRCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      format: { type: 'string', default: 'json' },
      'no-lump': { type: 'boolean', default: false },
      'max-table': { type: 'string' },
      'max-work': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: true,
  });
  if (values.help) {
    io.stdout(`${LR_USAGE}\n`);
    return 0;
  }
  if (positionals.length !== 1)
    throw new KindredError('USAGE', `kindred lr needs exactly one FILE (${_usageLine(LR_USAGE)})`);
  const format = values.format;
  if (format !== 'json' && format !== 'table') {
    throw new KindredError('USAGE', `--format must be "json" or "table", not "${format}"`);
  }
  const file = positionals[0]!;
  const text = io.readFile(file);
  const kcase = parseCase(text, { file });
  const maxTableSize = positiveInt(values['max-table'], 'max-table');
  const maxWork = positiveInt(values['max-work'], 'max-work');
  const result = computeKinshipLR(kcase, {
    lump: !values['no-lump'],
    budget: {
      ...(maxTableSize !== undefined ? { maxTableSize } : {}),
      ...(maxWork !== undefined ? { maxWork } : {}),
    },
  });
  io.stdout(
    format === 'json'
      ? `${JSON.stringify(formatLRAnswer(result), null, 2)}\n`
      : `${formatLRTable(result)}\n`,
  );
  return 0;
}
