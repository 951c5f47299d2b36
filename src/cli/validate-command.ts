/**
 * `kindred validate FILE…`: check case files and report every issue at once.
 *
 * @module
 */
import { KindredError } from '../errors.js';
import { validateCaseText } from '../io/validate-case.js';
import type { CliIO } from './cli-io.js';

/** Run `kindred validate`. Exit code 0 when every file is valid, 1 otherwise. */
export async function runValidateCommand(argv: string[], io: CliIO): Promise<number> {
  const files = argv.filter((a) => a !== '--');
  if (files.length === 0) throw new KindredError('USAGE', 'Usage: kindred validate FILE…');
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
