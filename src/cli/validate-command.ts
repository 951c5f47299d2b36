/**
 * `kindred validate FILE…`: check case files and report every issue at once.
 *
 * @module
 */
import { KindredError } from '../errors.js';
import { validateCaseText } from '../io/validate-case.js';
import { parseCommandArgs } from './args.js';
import type { CliIO } from './cli-io.js';

/** Usage text of `kindred validate`. */
export const VALIDATE_USAGE = `Usage: kindred validate FILE…

Check kindred-case/1 and kindred-dvi/1 files (FILE "-" reads standard input) and report every
issue of each at once: a summary on stdout for a valid file, the issues on stderr otherwise.
Exit code 0 when every file is valid, 1 otherwise. After "--" every argument is a file name.`;

/** Run `kindred validate`. Exit code 0 when every file is valid, 1 otherwise. */
export async function runValidateCommand(argv: string[], io: CliIO): Promise<number> {
  const { positionals: files } = parseCommandArgs('kindred validate', argv, {});
  if (files.length === 0)
    throw new KindredError('USAGE', 'kindred validate needs a FILE (see kindred validate --help)');
  let ok = true;
  for (const file of files) {
    const report = validateCaseText(io.readFile(file), file);
    if (report.ok) io.stdout(`${report.summary}\n`);
    else {
      ok = false;
      io.stderr(`${report.summary}\n`);
    }
  }
  return ok ? 0 : 1;
}
