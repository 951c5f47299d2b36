#!/usr/bin/env node
import pkg from '../../package.json' with { type: 'json' };
/**
 * The `kindred` command: a thin layer over the public API. Errors print as
 * `kindred: <code>: <message>` on stderr with exit code 1 (2 for wrong usage), nothing on
 * stdout, and a stack trace only with `--verbose`.
 *
 * @module
 */
import { KindredError } from '../errors.js';
import { usageErrorFromParseArgs } from './args.js';
import { type CliIO, exitQuietlyOnClosedStdout, processIO } from './cli-io.js';
import { COMMANDS } from './commands.js';
import { _errorLine } from './error-line.js';

/** The package version, shown by `--version`. */
export const VERSION: string = pkg.version;

/** Top-level usage. */
export const USAGE = `Usage: kindred <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`)
  .join('\n')}

Options of every command:
  -h, --help     the command's usage
  -v, --version  the version of Kindred
  --verbose      stack traces on errors
Run "kindred <command> --help" for a command's options.`;

/** The arguments before `--` (after it everything is a file name). */
function optionsPart(args: readonly string[]): readonly string[] {
  const end = args.indexOf('--');
  return end === -1 ? args : args.slice(0, end);
}

/**
 * Run the CLI with `argv` (without node and script). Output goes through `io`; stdout is
 * buffered and only written when the command succeeds, so a failure leaves stdout empty.
 * `--help`/`-h` anywhere prints the command's usage, `--version`/`-v`/`-V` the version
 * (both exit 0). Returns the exit code: 0 done, 1 refused input or failure, 2 wrong usage.
 */
export async function runCli(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  const end = argv.includes('--') ? argv.indexOf('--') : argv.length;
  const verbose = argv.slice(0, end).includes('--verbose');
  const args = argv.filter((a, i) => a !== '--verbose' || i > end);
  const opts = optionsPart(args);
  if (opts.some((a) => a === '--version' || a === '-v' || a === '-V')) {
    io.stdout(`kindred ${VERSION}\n`);
    return 0;
  }
  const name = args[0];
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' && args[1] !== undefined ? COMMANDS[args[1]] : undefined;
    io.stdout(`${topic?.usage ?? USAGE}\n`);
    return name === undefined ? 2 : 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (command?.usage !== undefined && opts.some((a) => a === '--help' || a === '-h')) {
    io.stdout(`${command.usage}\n`);
    return 0;
  }
  let out = '';
  const buffered: CliIO = {
    ...io,
    stdout: (t) => {
      out += t;
    },
  };
  try {
    if (command === undefined)
      throw new KindredError(
        'USAGE',
        name.startsWith('-')
          ? `unknown option "${name}" before the command (see kindred --help)`
          : `unknown command "${name}" (commands: ${Object.keys(COMMANDS).join(', ')}; see kindred --help)`,
      );
    const code = await command.run(args.slice(1), buffered);
    io.stdout(out);
    return code;
  } catch (e) {
    return reportError(e, io, verbose);
  }
}

function reportError(e: unknown, io: CliIO, verbose: boolean): number {
  const reported = usageErrorFromParseArgs('kindred', e);
  const { line, exitCode } = _errorLine(reported);
  io.stderr(line);
  if (verbose && reported instanceof Error && reported.stack) io.stderr(`${reported.stack}\n`);
  return exitCode;
}

const isMain = (() => {
  const entry = process.argv[1] ?? '';
  return /(?:^|[\\/])(?:main\.(?:ts|js)|kindred)$/.test(entry);
})();
if (isMain) {
  exitQuietlyOnClosedStdout();
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
