/**
 * `kindred dvi FILE [--top K] [--format json|table]`: the pairwise LR matrix and the best joint
 * assignments of a `kindred-dvi/1` document, printed as the answer object of case-format.md
 * (JSON, the default) or as a table for people.
 *
 * @module
 */
import { computeDVI } from '../dvi/dvi.js';
import { formatDVIAnswerJSON } from '../io/dvi-answer.js';
import { parseDVICase } from '../io/dvi-file.js';
import { formatDVITable } from '../io/dvi-table.js';
import { caseProvenance } from '../provenance/case-provenance.js';
import { formatProvenanceLine } from '../provenance/provenance.js';
import {
  FORMAT_OPTIONS,
  onePositional,
  outputFormat,
  parseCommandArgs,
  positiveIntOption,
} from './args.js';

const C = 'kindred dvi';

/** Usage text of `kindred dvi`. */
export const DVI_USAGE = `Usage: kindred dvi FILE [--top K] [--format json|table | --json]

Pairwise LRs of every victim against every missing person of its sex, and the K best joint
assignments (default 10; exact, ranked by log10 LR against "no victim identified") of a
kindred-dvi/1 file (FILE "-" reads standard input), and for every victim the posterior
probability (flat prior over all assignments) and dvir's GLR of each pairing and of "not
identified" ("*"; docs/dvi.md). Prints the answer object (JSON), or with
--format table the pairwise matrix and the assignments for people.`;

/** The I/O a command needs. */
export interface DVICommandIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Read a file as UTF-8 (`-` = standard input). */
  readFile(path: string): string;
}

/**
 * Run `kindred dvi`. On success the answer is written to stdout in one piece and 0 is returned.
 *
 * @param argv - the arguments after `dvi`
 * @param io - stdout, stderr and file reading
 * @returns the exit code
 * @throws KindredError `USAGE` for wrong usage, and the errors of the case reader and of
 *   `computeDVI` (the CLI main prints them as `kindred: <code>: <message>`)
 * @example
 * ```ts
 * await runDVICommand(['case.json', '--top', '5'], io); // => 0
 * ```
 */
export async function runDVICommand(argv: string[], io: DVICommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(C, argv, {
    ...FORMAT_OPTIONS,
    top: { type: 'string' },
  });
  const format = outputFormat(C, values, 'json');
  const top = positiveIntOption(C, 'top', values.top) ?? 10;
  const file = onePositional(C, positionals);
  const text = io.readFile(file);
  const dviCase = parseDVICase(text, { file });
  const result = computeDVI(dviCase, { top });
  const provenance = caseProvenance(dviCase, { computation: C, file, text, options: { top } });
  io.stdout(
    format === 'json'
      ? formatDVIAnswerJSON(result, provenance)
      : `${formatDVITable(result)}${formatProvenanceLine(provenance)}\n`,
  );
  return 0;
}
