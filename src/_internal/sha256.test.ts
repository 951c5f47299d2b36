import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { _sha256Js, sha256Hex } from './sha256.js';

describe('sha256Hex', () => {
  it('sha256Hex("abc") is the FIPS 180-4 example digest', () => {
    // FIPS 180-4 / NIST example "abc".
    expect(sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('equals node:crypto for any bytes and any text (UTF-8), across block boundaries', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(sha256Hex(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'));
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 120 }), (text) => {
        expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
      }),
    );
    for (const n of [55, 56, 63, 64, 65, 119, 120, 1000]) {
      const s = 'a'.repeat(n);
      expect(sha256Hex(s)).toBe(createHash('sha256').update(s).digest('hex'));
    }
  });

  it("large inputs (Node's own SHA-256 in Node) and the plain-TypeScript path give the same digest as node:crypto", () => {
    for (const n of [64 * 1024 - 1, 64 * 1024, 200_003]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 2654435761) >>> 24);
      const want = createHash('sha256').update(bytes).digest('hex');
      expect(sha256Hex(bytes)).toBe(want);
      expect(_sha256Js(bytes)).toBe(want);
    }
  });
});
