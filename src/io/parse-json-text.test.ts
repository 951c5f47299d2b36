import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isKindredError } from '../errors.js';
import { parseJsonText } from './parse-json-text.js';

function parseError(text: string) {
  try {
    parseJsonText(text, 'doc.json');
  } catch (e) {
    if (isKindredError(e)) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('parseJsonText', () => {
  it('parseJsonText equals JSON.parse on any JSON value (fast-check)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (v, pretty) => {
        const text = JSON.stringify(v, null, pretty ? 2 : undefined);
        expect(parseJsonText(text).value).toEqual(JSON.parse(text));
      }),
    );
  });

  it('parseJsonText reports the line and column of a syntax error', () => {
    const e = parseError('{\n  "a": 1,\n  "b": }');
    expect(e.code).toBe('PARSE_ERROR');
    expect(e.file).toBe('doc.json');
    expect(e.message).toContain('line 3, column 8');
  });

  it('parseJsonText refuses trailing commas, single quotes and trailing data', () => {
    expect(parseError('[1, 2,]').message).toContain('line 1, column 7');
    expect(parseError("{'a': 1}").message).toContain('property name in double quotes');
    expect(parseError('{} x').message).toContain('unexpected data after the JSON value');
    expect(parseError('"abc').message).toContain('invalid string');
    expect(parseError('').message).toContain('end of input');
  });

  it('parseJsonText refuses raw control characters inside strings', () => {
    expect(parseError('"a\tb"').code).toBe('PARSE_ERROR');
  });

  it('parseJsonText refuses nesting deeper than 512 levels instead of overflowing the stack', () => {
    expect(parseError('['.repeat(2000) + ']'.repeat(2000)).message).toContain('nested deeper');
  });

  it('parseJsonText skips a byte-order mark', () => {
    expect(parseJsonText('\uFEFF{"a": 1}').value).toEqual({ a: 1 });
  });

  it('parseJsonText lists duplicate keys with their path, line and column', () => {
    const r = parseJsonText('{"g": {"AF": 1,\n "AF": 2}}');
    expect(r.duplicateKeys).toEqual([{ path: ['g', 'AF'], line: 2, column: 2 }]);
    expect(r.value).toEqual({ g: { AF: 2 } });
  });

  it('parseJsonText keeps "__proto__" an own key and never sets a prototype', () => {
    const v = parseJsonText('{"__proto__": {"polluted": true}}').value as object;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.keys(v)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('parseJsonText fast path (JSON.parse) against the strict reader', () => {
  it('finds every duplicate key, __proto__ included, at any depth (fast-check)', () => {
    const key = fc.constantFrom('a', 'b', '__proto__', 'x"y', 'a\\u0062', '');
    fc.assert(
      fc.property(fc.jsonValue(), key, fc.nat(3), fc.boolean(), (v, k, depth, pretty) => {
        // Wrap v in `depth` objects, the innermost holding key k twice.
        let text = `{${JSON.stringify(k)}: 1, "v": ${JSON.stringify(v, null, pretty ? 2 : undefined)}, ${JSON.stringify(k)}: 2}`;
        for (let d = 0; d < depth; d++) text = `{"w${d}": [${text}]}`;
        const parsed = parseJsonText(text);
        expect(parsed.duplicateKeys.length).toBeGreaterThanOrEqual(1);
        expect(parsed.duplicateKeys.some((x) => x.path.at(-1) === k)).toBe(true);
        expect(parsed.value).toEqual(JSON.parse(text));
      }),
    );
  });

  it('keeps a single __proto__ key as an own property and reports no duplicate', () => {
    const parsed = parseJsonText('{"__proto__": {"polluted": 1}, "a": "\\":"}');
    expect(parsed.duplicateKeys).toEqual([]);
    expect(Object.hasOwn(parsed.value as object, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('still refuses nesting deeper than 512 levels (where JSON.parse would accept it)', () => {
    const text = `${'['.repeat(600)}${']'.repeat(600)}`;
    expect(() => JSON.parse(text)).not.toThrow();
    expect(parseError(text).message).toContain('nested deeper than 512');
  });
});
