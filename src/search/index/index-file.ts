/**
 * Saving and loading a {@link SearchIndex}: a versioned, checksummed, little-endian binary file.
 *
 * Layout (all integers little-endian):
 * - header, 32 bytes: magic `KNDRIDX\0` (8), format version u32 (= 1), flags u32 (0), CRC-32 of
 *   the payload u32, payload length as two u32 (low, high), reserved u32 (0);
 * - payload: u32 length of a UTF-8 JSON block (loci, options, families with their entries'
 *   missing id and sex, remains with their genotypes), then per entry (families in order) its
 *   typed arrays — classes per locus (Uint16), ln LR per genotype slot of the layout (Float64),
 *   consistency bits per slot (Uint8), informative flag per locus (Uint8) — every section padded
 *   with zeros to a multiple of 8 bytes.
 *
 * Writing goes to a temporary file in the same directory that is renamed over the target only
 * when complete, so a crash never leaves a half-written index under the target name. Reading
 * checks magic, version, flags and reserved word (both 0), length and checksum (every header byte
 * is checked or covered) before anything else, then every size and class
 * index, so a corrupted or truncated file is refused with `PARSE_ERROR` naming the file.
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
import { _decodePayload, _payloadChunks } from './index-file-payload.js';
import type { SearchIndex } from './search-index.js';

/** Magic bytes at the start of every index file. */
export const INDEX_MAGIC = 'KNDRIDX\u0000';
/** Current file format version. */
export const INDEX_FORMAT_VERSION = 1;
const HEADER_BYTES = 32;

function _header(crc: number, length: number): Uint8Array {
  const h = new Uint8Array(HEADER_BYTES);
  const v = new DataView(h.buffer);
  for (let i = 0; i < 8; i++) h[i] = INDEX_MAGIC.charCodeAt(i);
  v.setUint32(8, INDEX_FORMAT_VERSION, true);
  v.setUint32(12, 0, true);
  v.setUint32(16, crc, true);
  v.setUint32(20, length % 2 ** 32, true);
  v.setUint32(24, Math.floor(length / 2 ** 32), true);
  return h;
}

/**
 * Serialise an index to bytes (whole file in memory; see {@link writeIndexFile} for large ones).
 *
 * @param index - the index
 * @returns the file contents
 * @example
 * ```ts
 * serializeIndex(index).subarray(0, 7); // => bytes of 'KNDRIDX'
 * ```
 */
export function serializeIndex(index: SearchIndex): Uint8Array {
  const chunks = [..._payloadChunks(index)];
  let length = 0;
  let crc = 0;
  for (const c of chunks) {
    length += c.length;
    crc = crc32(c, crc);
  }
  const out = new Uint8Array(HEADER_BYTES + length);
  out.set(_header(crc, length), 0);
  let at = HEADER_BYTES;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

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
    writeSync(fd, new Uint8Array(HEADER_BYTES));
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
    writeSync(fd, _header(crc, length), 0, HEADER_BYTES, 0);
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
 * Load an index from bytes, checking magic, version, length, checksum and every size.
 *
 * @param bytes - the file contents
 * @param options - the file name for errors
 * @returns the index (families' entries and remains as saved)
 * @throws KindredError `PARSE_ERROR` naming the file for a wrong magic or version, a truncated
 *   or padded file, a checksum mismatch or inconsistent contents
 * @example
 * ```ts
 * deserializeIndex(serializeIndex(index)).entries.length; // => index.entries.length
 * ```
 */
export function deserializeIndex(input: Uint8Array, options: { file?: string } = {}): SearchIndex {
  // A plain Uint8Array view (a Node Buffer's slice() would not copy).
  const bytes = new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  const fail = (detail: string): never => {
    throw new KindredError(
      'PARSE_ERROR',
      detail,
      options.file !== undefined ? { file: options.file } : {},
    );
  };
  if (bytes.length < HEADER_BYTES) fail(`Not a Kindred search index: only ${bytes.length} bytes`);
  for (let i = 0; i < 8; i++) {
    if (bytes[i] !== INDEX_MAGIC.charCodeAt(i))
      fail('Not a Kindred search index: wrong magic bytes');
  }
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = v.getUint32(8, true);
  if (version !== INDEX_FORMAT_VERSION) {
    fail(
      `Search index format version ${version} is not supported (this Kindred reads version ${INDEX_FORMAT_VERSION})`,
    );
  }
  // every header byte is checked: the flags (bytes 12–15) and the reserved word (28–31) must be 0
  for (const [at, name] of [
    [12, 'flags (bytes 12–15)'],
    [28, 'reserved word (bytes 28–31)'],
  ] as const) {
    const x = v.getUint32(at, true);
    if (x !== 0)
      fail(
        `Search index header ${name} is ${x}, not 0: the file is corrupted or from another writer`,
      );
  }
  const length = v.getUint32(20, true) + v.getUint32(24, true) * 2 ** 32;
  if (HEADER_BYTES + length !== bytes.length) {
    fail(
      `Search index is truncated or has trailing bytes: header says ${HEADER_BYTES + length} bytes, file has ${bytes.length}`,
    );
  }
  const payload = bytes.subarray(HEADER_BYTES);
  const want = v.getUint32(16, true);
  const got = crc32(payload);
  if (got !== want) {
    fail(
      `Search index checksum mismatch (CRC-32 ${got.toString(16)}, expected ${want.toString(16)}): the file is corrupted`,
    );
  }
  return _decodePayload(payload, fail);
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
