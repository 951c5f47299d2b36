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
}

/** The process's real I/O. */
export function processIO(): CliIO {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    readFile: readTextFile,
    stderrIsTTY: process.stderr.isTTY === true,
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
