/**
 * `kindred validate FILE… [--format table|json]`: check case files and report every issue at
 * once.
 *
 * @module
 */
import { _oneLine } from '../_internal/one-line.js';
import { KindredError } from '../errors.js';
import { type CaseValidationReport, validateCaseText } from '../io/validate-case.js';
import { outputFormat, parseCommandArgs } from './args.js';
import type { CliIO } from './cli-io.js';

/** Usage text of `kindred validate`. */
export const VALIDATE_USAGE = `Usage: kindred validate FILE… [--format table|json | --json]

Check kindred-case/1 and kindred-dvi/1 files (FILE "-" reads standard input) and report every
issue of each at once: a summary on stdout for a valid file, the issues on stderr otherwise.
--format json (or --json) prints one JSON array on stdout instead, an object per file:
{"file", "ok", "summary"} for a valid file, {"file", "ok": false, "issues": [{"code",
"message", "path"}]} otherwise (messages on one line, long values cut).
Exit code 0 when every file is valid, 1 otherwise. After "--" every argument is a file name.`;

/** One file's entry in `kindred validate --format json`. */
interface _ValidateJSON {
  readonly file: string;
  readonly ok: boolean;
  readonly summary?: string;
  readonly issues?: readonly {
    readonly code: string;
    readonly message: string;
    readonly path: readonly (string | number)[];
  }[];
}

function _toJSON(file: string, report: CaseValidationReport): _ValidateJSON {
  if (report.ok) return { file, ok: true, summary: report.summary };
  return {
    file,
    ok: false,
    issues: report.issues.map((e) => ({
      code: e.code,
      message: _oneLine(e.detail),
      path: e.path.map((p) => (typeof p === 'number' ? p : _oneLine(p))),
    })),
  };
}

/** Run `kindred validate`. Exit code 0 when every file is valid, 1 otherwise. */
export async function runValidateCommand(argv: string[], io: CliIO): Promise<number> {
  const C = 'kindred validate';
  const { positionals: files, values } = parseCommandArgs(C, argv, {
    format: { type: 'string' },
    json: { type: 'boolean' },
  });
  const format = outputFormat(C, values, 'table');
  if (files.length === 0)
    throw new KindredError('USAGE', 'kindred validate needs a FILE (see kindred validate --help)');
  let ok = true;
  const out: _ValidateJSON[] = [];
  for (const file of files) {
    const report = validateCaseText(io.readFile(file), file);
    if (!report.ok) ok = false;
    if (format === 'json') out.push(_toJSON(file, report));
    else if (report.ok) io.stdout(`${report.summary}\n`);
    else io.stderr(`${report.summary}\n`);
  }
  if (format === 'json') io.stdout(`${JSON.stringify(out, null, 2)}\n`);
  return ok ? 0 : 1;
}
