/**
 * Reading the shell commands of a Markdown document and running them in order from a
 * directory, for test/docs-commands.test.ts.
 *
 * `npm run -s kindred -- ARGS [> FILE]` and `npm run demo [-- ARGS]` are run as
 * `runCli(['…', ...ARGS])` in this process (that is what those package scripts do, through
 * `tsx src/cli/main.ts`; the test checks the scripts and runs one through npm), because starting
 * npm and tsx for each of dozens of commands costs minutes on a loaded machine. Every other line
 * runs through `sh -c`. Run as a script: reads `{ "commands": [...] }` on stdin, prints the
 * results as JSON on stdout.
 *
 * @module
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { readTextFile } from '../../src/cli/cli-io.js';
import { runCli } from '../../src/cli/main.js';

/** One `sh` block of a Markdown document. */
export interface ShBlock {
  /** Line of the opening fence (1-based). */
  readonly line: number;
  /** Its command lines (blank and comment-only lines left out). */
  readonly commands: readonly string[];
  /** The plain fenced block right after it (its documented output), or null. */
  readonly output: readonly string[] | null;
}

/** What one command did. */
export interface CommandResult {
  readonly command: string;
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** True when run by `runCli` in the process, false when through `sh -c`. */
  readonly inProcess: boolean;
}

/**
 * The `sh` blocks of a Markdown text, each with the output block right after it.
 *
 * @param markdown - the document
 * @returns the blocks in order
 */
export function shBlocks(markdown: string): ShBlock[] {
  const fences = [...markdown.matchAll(/^```(\w*)\n([\s\S]*?)^```\n?/gm)];
  const blocks: ShBlock[] = [];
  fences.forEach((f, i) => {
    if (f[1] !== 'sh') return;
    const next = fences[i + 1];
    const between =
      next === undefined ? 'x' : markdown.slice(f.index + f[0].length, next.index).trim();
    const output = next !== undefined && next[1] === '' && between === '' ? next[2]! : null;
    blocks.push({
      line: markdown.slice(0, f.index).split('\n').length,
      commands: f[2]!.split('\n').filter((l) => l.trim() !== '' && !l.trim().startsWith('#')),
      output: output === null ? null : output.split('\n').filter((l) => l.trim() !== ''),
    });
  });
  return blocks;
}

/**
 * The `kindred` arguments and stdout redirection of a command line that is a `kindred` npm
 * script, or null for any other line (or one with shell syntax beyond words, quotes, one
 * `> FILE` and a trailing comment).
 *
 * @param line - the command line as written
 * @returns `{ argv, redirect }` or null
 */
export function kindredArgv(line: string): { argv: string[]; redirect: string | null } | null {
  const body = line.replace(/\s+#.*$/, '').trim();
  const m = /^npm run -s kindred -- (.*)$/.exec(body) ?? /^npm run (demo)(?: -- (.*))?$/.exec(body);
  if (m === null) return null;
  let rest = m[0].startsWith('npm run demo') ? `demo ${m[2] ?? ''}` : m[1]!;
  let redirect: string | null = null;
  const r = /\s>\s*(\S+)\s*$/.exec(rest);
  if (r !== null) {
    redirect = r[1]!;
    rest = rest.slice(0, r.index);
  }
  if (/[|&;<>$`\\(){}]/.test(rest.replace(/"[^"]*"|'[^']*'/g, ''))) return null;
  const argv = [...rest.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map(
    (w) => w[1] ?? w[2] ?? (w[3] as string),
  );
  return { argv, redirect };
}

/**
 * Run command lines in order from the current directory.
 *
 * @param commands - the lines as written
 * @returns what each did
 */
export async function runCommands(commands: readonly string[]): Promise<CommandResult[]> {
  const results: CommandResult[] = [];
  for (const command of commands) {
    const k = kindredArgv(command);
    if (k === null) {
      const r = spawnSync('sh', ['-c', command], { encoding: 'utf8', maxBuffer: 1 << 26 });
      results.push({
        command,
        code: r.status ?? 1,
        stdout: r.stdout,
        stderr: r.stderr,
        inProcess: false,
      });
      continue;
    }
    let stdout = '';
    let stderr = '';
    const code = await runCli(k.argv, {
      stdout: (t) => {
        stdout += t;
      },
      stderr: (t) => {
        stderr += t;
      },
      readFile: readTextFile,
      stderrIsTTY: false,
    });
    if (k.redirect !== null) {
      writeFileSync(k.redirect, stdout);
      stdout = '';
    }
    results.push({ command, code, stdout, stderr, inProcess: true });
  }
  return results;
}

if (process.argv[1]?.endsWith('doc-commands.ts')) {
  const { commands } = JSON.parse(readFileSync(0, 'utf8')) as { commands: string[] };
  runCommands(commands).then(
    (results) => {
      process.stdout.write(JSON.stringify(results));
    },
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
