/**
 * The small I/O surface every CLI command uses, so commands can be tested without a process.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { KindredError } from '../errors.js';

/** Output streams and file reading for a command. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Read a file as UTF-8 (`-` = standard input). */
  readFile(path: string): string;
  /** True when stderr is a terminal (progress bars). */
  readonly stderrIsTTY?: boolean;
  /**
   * Catch SIGINT for the length of a long, cancellable operation (`db search`): the returned
   * signal aborts on the first SIGINT; `dispose()` restores the default (the process ends).
   */
  readonly interrupt?: () => Interrupt;
}

/** A caught interrupt: `signal` aborts on SIGINT until `dispose()` restores the default. */
export interface Interrupt {
  /** Aborted when the user interrupts (SIGINT, Ctrl-C). */
  readonly signal: AbortSignal;
  /** Stop catching: a later SIGINT ends the process as usual. */
  dispose(): void;
}

/**
 * Ends the process quietly when the reader of standard output goes away (`kindred search … |
 * head`): the write error `EPIPE` would otherwise surface as an uncaught exception with a stack
 * trace. The exit code is the one already set (0 when the command had not finished yet), as a
 * reader that stops early asked for no more. Installed once, by the `kindred` entry point.
 */
export function exitQuietlyOnClosedStdout(): void {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE')
      process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
    throw e;
  });
}

/** The process's real I/O. */
export function processIO(): CliIO {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    readFile: readTextFile,
    stderrIsTTY: process.stderr.isTTY === true,
    interrupt: () => {
      const controller = new AbortController();
      const onSigint = (): void => {
        controller.abort();
        // a second Ctrl-C ends the process at once (the store's transactions stay atomic)
        process.removeListener('SIGINT', onSigint);
      };
      process.on('SIGINT', onSigint);
      return {
        signal: controller.signal,
        dispose: () => {
          process.removeListener('SIGINT', onSigint);
        },
      };
    },
  };
}

/**
 * Read a UTF-8 text file, `-` meaning standard input.
 *
 * @throws KindredError `IO_ERROR` naming the file when it cannot be read
 */
export function readTextFile(path: string): string {
  try {
    return readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EACCES'
          ? 'permission denied'
          : code === 'EISDIR'
            ? 'it is a directory'
            : e instanceof Error
              ? e.message
              : String(e);
    throw new KindredError('IO_ERROR', `Cannot read "${path}": ${reason}`);
  }
}
