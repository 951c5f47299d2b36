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

/** Usage text of `kindred lr`. */
export const LR_USAGE = `Usage: kindred lr FILE [--format json|table] [--no-lump]

Compute every hypothesis's likelihood and LR against the reference of a kindred-case/1 file
(FILE "-" reads standard input). Prints the answer object of the case format (JSON), or with
--format table a per-locus table for people.`;

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
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: true,
  });
  if (values.help) {
    io.stdout(`${LR_USAGE}\n`);
    return 0;
  }
  if (positionals.length !== 1)
    throw new KindredError('USAGE', `kindred lr needs exactly one FILE\n${LR_USAGE}`);
  const format = values.format;
  if (format !== 'json' && format !== 'table') {
    throw new KindredError('USAGE', `--format must be "json" or "table", not "${format}"`);
  }
  const file = positionals[0]!;
  const text = io.readFile(file);
  const kcase = parseCase(text, { file });
  const result = computeKinshipLR(kcase, { lump: !values['no-lump'] });
  io.stdout(
    format === 'json'
      ? `${JSON.stringify(formatLRAnswer(result), null, 2)}\n`
      : `${formatLRTable(result)}\n`,
  );
  return 0;
}
