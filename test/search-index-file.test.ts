import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { crc32 } from '../src/_internal/crc32.js';
import { isKindredError } from '../src/errors.js';
import { parseDVICase } from '../src/io/dvi-file.js';
import { deserializeIndex, serializeIndex } from '../src/search/index/index-file.js';
import { readIndexFile, writeIndexFile } from '../src/search/index/index-file-node.js';
import { SearchIndex } from '../src/search/index/search-index.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'conformance', 'dvi');

function load(file: string, consistency = false): SearchIndex {
  const doc = JSON.parse(readFileSync(join(fixtures, file), 'utf8')) as Record<string, unknown>;
  delete doc.expected;
  delete doc.expected_tool;
  return SearchIndex.fromDVICase(parseDVICase(doc, { file }), { consistency });
}

function scores(index: SearchIndex): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of index.remains) {
    const s = index.score(r);
    index.entries.forEach((e, i) => {
      out.set(`${r.id}|${e.family}|${e.missing}`, s[i]!);
    });
  }
  return out;
}

function parseError(f: () => unknown): { code: string; message: string; file: string | undefined } {
  try {
    f();
  } catch (e) {
    if (isKindredError(e)) return { code: e.code, message: e.message, file: e.file };
    throw e;
  }
  throw new Error('expected an error');
}

describe('crc32', () => {
  it('crc32("123456789") is the CRC-32 check value 0xCBF43926', () => {
    // Check value of the CRC-32 parameter model (Williams 1993, §15).
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it('crc32 fed in two chunks equals crc32 of the whole', () => {
    const enc = new TextEncoder();
    expect(crc32(enc.encode('6789'), crc32(enc.encode('12345')))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });
});

describe('serializeIndex / deserializeIndex', () => {
  for (const file of ['dvi-pub-8v-5f.json', 'dvi-pub-3v-2f-stepwise.json']) {
    it(`deserializeIndex(serializeIndex(${file})) scores every pair identically`, () => {
      const index = load(file);
      const back = deserializeIndex(serializeIndex(index));
      expect(back.familyNames()).toEqual(index.familyNames());
      expect(back.remains.map((r) => [r.id, r.sex])).toEqual(
        index.remains.map((r) => [r.id, r.sex]),
      );
      expect(back.theta).toBe(index.theta);
      expect(scores(back)).toEqual(scores(index));
      expect(back.memoryBytes()).toBe(index.memoryBytes());
    });
  }

  it('the consistency bits round-trip when the index has them, and stay absent when it has not', () => {
    for (const consistency of [false, true]) {
      const index = load('dvi-pub-3v-2f-stepwise.json', consistency);
      const back = deserializeIndex(serializeIndex(index));
      expect(back.consistency).toBe(consistency);
      back.entries.forEach((e, i) => {
        expect(e.consistent).toEqual(index.entries[i]!.consistent);
        if (!consistency) expect(e.consistent).toBeNull();
      });
      expect(scores(back)).toEqual(scores(index));
    }
  });

  it('a loaded index still adds and removes families incrementally', () => {
    const index = load('dvi-pub-8v-5f.json');
    const back = deserializeIndex(serializeIndex(index));
    const first = back.familyNames()[0]!;
    expect(back.removeFamily(first)).toBe(true);
    expect(back.family(first)).toBeUndefined();
    expect(back.removeFamily(first)).toBe(false);
  });

  it('deserializeIndex refuses a flipped payload byte with PARSE_ERROR naming the file', () => {
    const bytes = serializeIndex(load('dvi-pub-8v-5f.json'));
    bytes[bytes.length - 100]! ^= 0x40;
    const e = parseError(() => deserializeIndex(bytes, { file: 'x.kidx' }));
    expect(e.code).toBe('PARSE_ERROR');
    expect(e.file).toBe('x.kidx');
    expect(e.message).toMatch(/checksum mismatch.*x\.kidx/);
  });

  it('deserializeIndex refuses a truncated file', () => {
    const bytes = serializeIndex(load('dvi-pub-8v-5f.json'));
    const e = parseError(() =>
      deserializeIndex(bytes.subarray(0, bytes.length - 8), { file: 'x.kidx' }),
    );
    expect(e.code).toBe('PARSE_ERROR');
    expect(e.message).toMatch(/truncated/);
    expect(parseError(() => deserializeIndex(bytes.subarray(0, 10))).message).toMatch(
      /only 10 bytes/,
    );
  });

  it('deserializeIndex refuses wrong magic bytes and an unknown version', () => {
    const bytes = serializeIndex(load('dvi-pub-8v-5f.json'));
    const magic = bytes.slice();
    magic[0] = 0x58;
    expect(parseError(() => deserializeIndex(magic)).message).toMatch(/wrong magic/);
    const version = bytes.slice();
    version[8] = 9;
    expect(parseError(() => deserializeIndex(version)).message).toMatch(
      /version 9 is not supported/,
    );
    // version 1 had no degraded-reference flags: refused with what to do, never read without them
    const v1 = bytes.slice();
    v1[8] = 1;
    expect(parseError(() => deserializeIndex(v1)).message).toMatch(
      /version 1 is not supported .*treated as degraded: build the index again/,
    );
  });

  it('deserializeIndex refuses a change to any single header byte (issue 18: bytes 12–15, 28–31)', () => {
    const bytes = serializeIndex(load('dvi-pub-8v-5f.json'));
    expect(() => deserializeIndex(bytes)).not.toThrow();
    for (let at = 0; at < 32; at++) {
      for (const bit of [0x01, 0x80]) {
        const flipped = bytes.slice();
        flipped[at]! ^= bit;
        const e = parseError(() => deserializeIndex(flipped, { file: 'x.kidx' }));
        expect(e.code, `byte ${at}`).toBe('PARSE_ERROR');
      }
    }
    const flags = bytes.slice();
    flags[13] = 1;
    expect(parseError(() => deserializeIndex(flags)).message).toMatch(
      /flags \(bytes 12–15\) is 256/,
    );
    const reserved = bytes.slice();
    reserved[31] = 1;
    expect(parseError(() => deserializeIndex(reserved)).message).toMatch(/reserved word/);
  });

  it('deserializeIndex refuses a payload whose checksum is right but whose tables are inconsistent', () => {
    const index = load('dvi-pub-8v-5f.json');
    const bytes = serializeIndex(index);
    // Re-checksum after damaging the first entry's first class count (crafted, not random, damage).
    const payload = bytes.subarray(32);
    const jsonLength = new DataView(payload.buffer, payload.byteOffset).getUint32(0, true);
    const firstSection = 8 + jsonLength + ((8 - (jsonLength % 8)) % 8);
    // The first section of the first entry holds its class count per locus (Uint16).
    const classesAt = firstSection;
    payload[classesAt] = 0;
    payload[classesAt + 1] = 0;
    new DataView(bytes.buffer, bytes.byteOffset).setUint32(16, crc32(payload), true);
    const e = parseError(() => deserializeIndex(bytes, { file: 'y.kidx' }));
    expect(e.code).toBe('PARSE_ERROR');
    expect(e.message).toMatch(/0 classes at locus/);
  });
});

describe('writeIndexFile / readIndexFile', () => {
  it('writeIndexFile then readIndexFile round-trips and leaves no temporary file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kindred-index-'));
    const path = join(dir, 'families.kidx');
    const index = load('dvi-pub-3v-2f-stepwise.json');
    writeIndexFile(index, path);
    expect(readdirSync(dir)).toEqual(['families.kidx']);
    expect(readFileSync(path)).toEqual(Buffer.from(serializeIndex(index)));
    expect(scores(readIndexFile(path))).toEqual(scores(index));
  });

  it('readIndexFile of a missing file is IO_ERROR and of a text file PARSE_ERROR', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kindred-index-'));
    expect(parseError(() => readIndexFile(join(dir, 'none.kidx'))).code).toBe('IO_ERROR');
    writeFileSync(join(dir, 'text.kidx'), 'hello, this is not an index file at all');
    const e = parseError(() => readIndexFile(join(dir, 'text.kidx')));
    expect(e.code).toBe('PARSE_ERROR');
    expect(e.file).toBe(join(dir, 'text.kidx'));
  });

  it('writeIndexFile into a missing directory is IO_ERROR and creates nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kindred-index-'));
    const path = join(dir, 'no', 'such', 'x.kidx');
    expect(parseError(() => writeIndexFile(load('dvi-pub-8v-5f.json'), path)).code).toBe(
      'IO_ERROR',
    );
    expect(existsSync(path)).toBe(false);
  });
});
