/**
 * Index files on disk (Node only, `node:fs`; reached from `kindred/node`, never from the main
 * entry): {@link writeIndexFile} streams the payload of `index-file.ts` to a temporary file in
 * the same directory that is renamed over the target only when complete, so a crash never
 * leaves a half-written index under the target name; {@link readIndexFile} checks it as
 * `deserializeIndex` does.
 *
 * @module
 */
import {
  closeSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { crc32 } from '../../_internal/crc32.js';
import { KindredError } from '../../errors.js';
import { _HEADER_BYTES, _header, deserializeIndex } from './index-file.js';
import { _payloadChunks } from './index-file-payload.js';
import type { SearchIndex } from './search-index.js';

/**
 * Write an index file atomically (temporary file, fsync, rename), streaming the payload.
 *
 * @param index - the index
 * @param path - target file
 * @throws KindredError `IO_ERROR` when the file cannot be written (the target is left untouched)
 * @example
 * ```ts
 * writeIndexFile(index, 'families.kidx'); // => undefined
 * ```
 */
export function writeIndexFile(index: SearchIndex, path: string): void {
  const tmp = `${path}.tmp-${process.pid}-${Date.now()}`;
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'w');
    writeSync(fd, new Uint8Array(_HEADER_BYTES));
    let crc = 0;
    let length = 0;
    const buffer = new Uint8Array(1 << 20);
    let used = 0;
    const flush = (): void => {
      if (used > 0) writeSync(fd!, buffer, 0, used);
      used = 0;
    };
    for (const chunk of _payloadChunks(index)) {
      crc = crc32(chunk, crc);
      length += chunk.length;
      if (chunk.length > buffer.length) {
        flush();
        writeSync(fd, chunk);
      } else {
        if (used + chunk.length > buffer.length) flush();
        buffer.set(chunk, used);
        used += chunk.length;
      }
    }
    flush();
    writeSync(fd, _header(crc, length), 0, _HEADER_BYTES, 0);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, path);
  } catch (cause) {
    if (fd !== undefined) closeSync(fd);
    rmSync(tmp, { force: true });
    if (cause instanceof KindredError) throw cause;
    throw new KindredError('IO_ERROR', `Cannot write the search index: ${String(cause)}`, {
      file: path,
      cause,
    });
  }
}

/**
 * Read an index file.
 *
 * @param path - the file
 * @returns the index
 * @throws KindredError `IO_ERROR` when the file cannot be read; `PARSE_ERROR` as
 *   {@link deserializeIndex}
 * @example
 * ```ts
 * readIndexFile('families.kidx').familyNames(); // => ['F1', 'F2']
 * ```
 */
export function readIndexFile(path: string): SearchIndex {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (cause) {
    throw new KindredError('IO_ERROR', `Cannot read the search index: ${String(cause)}`, {
      file: path,
      cause,
    });
  }
  return deserializeIndex(bytes, { file: path });
}
