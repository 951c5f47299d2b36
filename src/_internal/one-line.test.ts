import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KindredError } from '../errors.js';
import { _MAX_MESSAGE, _MAX_TOKEN, _oneLine } from './one-line.js';

// biome-ignore lint/suspicious/noControlCharactersInRegex: asserting their absence
const RAW_CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/;

describe('_oneLine', () => {
  it('_oneLine escapes newline, carriage return, tab, ESC, DEL, C1 and U+2028 visibly', () => {
    expect(_oneLine('a\nb\rc\td')).toBe('a\\nb\\rc\\td');
    expect(_oneLine('X\u001b[2J')).toBe('X\\x1b[2J');
    expect(_oneLine('\u007f\u0085\u2028\u202e')).toBe('\\x7f\\x85\\u2028\\u202e');
  });

  it('_oneLine keeps ordinary text, accents and astral characters unchanged', () => {
    for (const s of ['Individual "CH" has mother "MO"', 'Müller Ñandú', '𝔸 emoji 🧬', ''])
      expect(_oneLine(s)).toBe(s);
  });

  it('_oneLine escapes a lone surrogate but not a pair', () => {
    expect(_oneLine('a\ud800b')).toBe('a\\ud800b');
    expect(_oneLine('a\udc00')).toBe('a\\udc00');
    expect(_oneLine('🧬')).toBe('🧬');
  });

  it('_oneLine cuts a 1000-character value to head and tail with its length', () => {
    const v = `"${'9'.repeat(1000)}"`;
    const out = _oneLine(`allele ${v} at S01`);
    expect(out).toBe(`allele "${'9'.repeat(79)}…[1002 chars]…${'9'.repeat(39)}" at S01`);
  });

  it('_oneLine cuts a whole message beyond the maximum, showing its length', () => {
    const long = 'word '.repeat(1000);
    const out = _oneLine(long);
    expect(out.length).toBeLessThanOrEqual(_MAX_MESSAGE);
    expect(out.endsWith(`…[${long.length} chars]`)).toBe(true);
  });

  it('property: no raw control character, one line, bounded length, idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 3000 }), (s) => {
        const out = _oneLine(s);
        expect(out).not.toMatch(RAW_CONTROL);
        expect(out.length).toBeLessThanOrEqual(_MAX_MESSAGE);
        for (const run of out.split(/\s+/)) expect(run.length).toBeLessThanOrEqual(_MAX_TOKEN);
        expect(_oneLine(out)).toBe(out);
      }),
    );
  });
});

describe('KindredError messages', () => {
  it('a KindredError message and detail are one line whatever the detail, path or file hold', () => {
    const e = new KindredError('INVALID_PEDIGREE', 'father "A\nkindred: OK"', {
      path: ['x\ny'],
      file: 'f\u001b.json',
    });
    expect(e.message).toBe('father "A\\nkindred: OK" (f\\x1b.json: ["x\\ny"])');
    expect(e.detail).toBe('father "A\\nkindred: OK"');
    expect(KindredError.fromJSON(e.toJSON()).message).toBe(e.message);
  });
});
