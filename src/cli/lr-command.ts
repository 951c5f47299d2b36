/**
 * `kindred lr FILE [--format json|table]` (`--json` = `--format json`): the kinship LRs of a
 * `kindred-case/1` document.
 *
 * @module
 */
import { parseCase } from '../io/case-file.js';
import { formatLRAnswer, formatLRTable } from '../io/lr-answer.js';
import { caseProvenance } from '../provenance/case-provenance.js';
import { formatProvenanceLine } from '../provenance/provenance.js';
import { computeKinshipLR } from '../relationships/kinship-lr.js';
import {
  FORMAT_OPTIONS,
  onePositional,
  outputFormat,
  parseCommandArgs,
  positiveIntOption,
} from './args.js';
import type { CliIO } from './cli-io.js';

const C = 'kindred lr';

/** Usage text of `kindred lr`. */
export const LR_USAGE = `Usage: kindred lr FILE [--format json|table | --json] [--no-lump] [--max-table N] [--max-work N] [--max-case-work N]

Compute every hypothesis's likelihood and LR against the reference of a kindred-case/1 file
(FILE "-" reads standard input). Prints the answer object of the case format (JSON), or with
--format table a per-locus table for people. A pedigree whose exact computation needs a table
larger than --max-table entries (default 16777216) or more than --max-work operations per locus
(default 2147483648), or a case needing more than --max-case-work operations over all its
hypotheses and loci (default 4294967296), is refused before any work (TOO_COMPLEX).`;

/**
 * Run `kindred lr`. Returns the exit code.
 *
 * @throws KindredError for bad input (the CLI main prints it)
 */
export async function runLRCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(C, argv, {
    ...FORMAT_OPTIONS,
    'no-lump': { type: 'boolean', default: false },
    'max-table': { type: 'string' },
    'max-work': { type: 'string' },
    'max-case-work': { type: 'string' },
  });
  const format = outputFormat(C, values, 'json');
  const file = onePositional(C, positionals);
  const maxTableSize = positiveIntOption(C, 'max-table', values['max-table']);
  const maxWork = positiveIntOption(C, 'max-work', values['max-work']);
  const maxCaseWork = positiveIntOption(C, 'max-case-work', values['max-case-work']);
  const text = io.readFile(file);
  const kcase = parseCase(text, { file });
  const lump = !values['no-lump'];
  const budget = {
    ...(maxTableSize !== undefined ? { maxTableSize } : {}),
    ...(maxWork !== undefined ? { maxWork } : {}),
    ...(maxCaseWork !== undefined ? { maxCaseWork } : {}),
  };
  const result = computeKinshipLR(kcase, { lump, budget });
  const provenance = caseProvenance(kcase, { computation: C, file, text, lump, budget });
  io.stdout(
    format === 'json'
      ? `${JSON.stringify(formatLRAnswer(result, provenance), null, 2)}\n`
      : `${formatLRTable(result, kcase)}\n${formatProvenanceLine(provenance)}\n`,
  );
  return 0;
}
