#!/usr/bin/env node
/**
 * The `kindred` command: a thin layer over the public API. Errors print as
 * `kindred: <code>: <message>` on stderr with exit code 1 (2 for wrong usage), nothing on
 * stdout, and a stack trace only with `--verbose`.
 *
 * @module
 */
import { isKindredError, KindredError } from '../errors.js';
import { type CliIO, processIO } from './cli-io.js';
import { COMMANDS } from './commands.js';
import { _errorLine } from './error-line.js';

/** Top-level usage. */
export const USAGE = `Usage: kindred <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`)
  .join('\n')}

Global options: --verbose (stack traces on errors), --help
Run "kindred <command> --help" for a command's options.`;

/**
 * Run the CLI with `argv` (without node and script). Output goes through `io`; stdout is
 * buffered and only written when the command succeeds, so a failure leaves stdout empty.
 * Returns the exit code.
 */
export async function runCli(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  const verbose = argv.includes('--verbose');
  const args = argv.filter((a) => a !== '--verbose');
  const name = args[0];
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(`${USAGE}\n`);
    return name === undefined ? 2 : 0;
  }
  if (name === '--version') {
    io.stdout('kindred 0.1.0\n');
    return 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  let out = '';
  const buffered: CliIO = {
    ...io,
    stdout: (t) => {
      out += t;
    },
  };
  try {
    if (command === undefined)
      throw new KindredError('USAGE', `Unknown command "${name}" (run "kindred --help")`);
    const code = await command.run(args.slice(1), buffered);
    io.stdout(out);
    return code;
  } catch (e) {
    return reportError(e, io, verbose);
  }
}

function reportError(e: unknown, io: CliIO, verbose: boolean): number {
  const { line, exitCode, internal } = _errorLine(e);
  io.stderr(line);
  if (verbose && (isKindredError(e) || internal) && e instanceof Error && e.stack)
    io.stderr(`${e.stack}\n`);
  return exitCode;
}

const isMain = (() => {
  const entry = process.argv[1] ?? '';
  return /(?:^|[\\/])(?:main\.(?:ts|js)|kindred)$/.test(entry);
})();
if (isMain) {
  runCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(_errorLine(e).line);
      process.exitCode = 1;
    },
  );
}
