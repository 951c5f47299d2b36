/**
 * Run the `kindred` CLI in-process on a document given as text (every file it reads is that
 * text), capturing stdout and stderr.
 */
import type { CliIO } from '../../src/cli/cli-io.js';
import { runCli } from '../../src/cli/main.js';

/** Run `kindred ARGV` with `stdin` as the text of every file read; the exit code and output. */
export async function runOnText(
  argv: string[],
  stdin: string,
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
    readFile: () => stdin,
  };
  const code = await runCli(argv, io);
  return { code, out, err };
}
