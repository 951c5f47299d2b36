/**
 * Saving and loading a {@link SearchIndex}: a versioned, checksummed, little-endian binary file.
 *
 * Layout (all integers little-endian):
 * - header, 32 bytes: magic `KNDRIDX\0` (8), format version u32 (= 2), flags u32 (0), CRC-32 of
 *   the payload u32, payload length as two u32 (low, high), reserved u32 (0);
 * - payload: u32 length of a UTF-8 JSON block (loci, options, families with their entries'
 *   missing id and sex, remains with their genotypes), then per entry (families in order) its
 *   typed arrays — classes per locus (Uint16), ln LR per genotype slot of the layout (Float64),
 *   consistency bits per slot (Uint8), informative flag per locus (Uint8), degraded-reference flag
 *   per locus (Uint8) — every section padded with zeros to a multiple of 8 bytes. Version 1 had
 *   no degraded-reference flags; it is refused (rebuild the index from its documents).
 *
 * This file is platform-free (bytes in, bytes out); `index-file-node.ts` writes and reads files
 * with `node:fs`. Reading checks magic, version, flags and reserved word (both 0), length and
 * checksum (every header byte is checked or covered) before anything else, then every size and
 * class index, so a corrupted or truncated file is refused with `PARSE_ERROR` naming the file.
 *
 * @module
 */
import { crc32 } from '../../_internal/crc32.js';
import { KindredError } from '../../errors.js';
import { _decodePayload, _payloadChunks } from './index-file-payload.js';
import type { SearchIndex } from './search-index.js';

/** Magic bytes at the start of every index file. */
export const INDEX_MAGIC = 'KNDRIDX\u0000';
/** Current file format version. */
export const INDEX_FORMAT_VERSION = 2;
/** Bytes of the file header. */
export const _HEADER_BYTES = 32;

/** The 32-byte header of a payload with this CRC-32 and length. */
export function _header(crc: number, length: number): Uint8Array {
  const h = new Uint8Array(_HEADER_BYTES);
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
 * Serialise an index to bytes (whole file in memory; `writeIndexFile` of `kindred/node` streams
 * large ones to a file).
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
  const out = new Uint8Array(_HEADER_BYTES + length);
  out.set(_header(crc, length), 0);
  let at = _HEADER_BYTES;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
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
  if (bytes.length < _HEADER_BYTES) fail(`Not a Kindred search index: only ${bytes.length} bytes`);
  for (let i = 0; i < 8; i++) {
    if (bytes[i] !== INDEX_MAGIC.charCodeAt(i))
      fail('Not a Kindred search index: wrong magic bytes');
  }
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = v.getUint32(8, true);
  if (version !== INDEX_FORMAT_VERSION) {
    fail(
      `Search index format version ${version} is not supported (this Kindred reads version ${INDEX_FORMAT_VERSION})${version === 1 ? '; version 1 does not record which loci of each family were treated as degraded: build the index again from its documents' : ''}`,
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
  if (_HEADER_BYTES + length !== bytes.length) {
    fail(
      `Search index is truncated or has trailing bytes: header says ${_HEADER_BYTES + length} bytes, file has ${bytes.length}`,
    );
  }
  const payload = bytes.subarray(_HEADER_BYTES);
  const want = v.getUint32(16, true);
  const got = crc32(payload);
  if (got !== want) {
    fail(
      `Search index checksum mismatch (CRC-32 ${got.toString(16)}, expected ${want.toString(16)}): the file is corrupted`,
    );
  }
  return _decodePayload(payload, fail);
}
