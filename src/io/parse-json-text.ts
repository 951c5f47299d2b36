/**
 * A strict JSON text reader that reports the line and column of a syntax error and lists
 * duplicate object keys (which `JSON.parse` silently resolves to the last value). Documents go
 * through V8's `JSON.parse` first (fast); the strict reader runs only when that fails, a key
 * repeats or the nesting is too deep, so errors and duplicates are reported exactly as before.
 *
 * @module
 */
import { type ErrorPath, KindredError } from '../errors.js';

/** An object key that occurs twice in one JSON object (the later value wins in `JSON.parse`). */
export interface JsonDuplicateKey {
  /** Path of the object holding the key, then the key. */
  readonly path: ErrorPath;
  readonly line: number;
  readonly column: number;
}

/** Result of {@link parseJsonText}. */
export interface ParsedJson {
  readonly value: unknown;
  readonly duplicateKeys: readonly JsonDuplicateKey[];
}

const MAX_DEPTH = 512;
// biome-ignore lint/suspicious/noControlCharactersInRegex: JSON strings may not contain raw U+0000..U+001F
const STRING_RE = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const NUMBER_RE = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * Read JSON text (RFC 8259; a leading byte-order mark is skipped) into the same value
 * `JSON.parse` gives, and list every duplicate object key with its line and column.
 *
 * @param text - the JSON text
 * @param file - file name for the error
 * @returns the value and the duplicate keys
 * @throws KindredError `PARSE_ERROR` naming the line and column of the first syntax error
 * @example
 * ```ts
 * parseJsonText('{"a": 1, "a": 2}').duplicateKeys[0]?.path; // => ['a']
 * ```
 */
export function parseJsonText(text: string, file?: string): ParsedJson {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const fast = _fastParse(body);
  if (fast !== undefined) return { value: fast, duplicateKeys: [] };
  // A syntax error, a duplicate key or too deep a nesting: the strict reader says where.
  const reader = new _JsonReader(body, file);
  return { value: reader.readDocument(), duplicateKeys: reader.duplicates };
}

/**
 * V8's `JSON.parse` (several times faster than the reader below), kept only when the strict
 * reader would give the same value and no duplicate keys: the text parses, nothing is nested
 * deeper than {@link MAX_DEPTH}, and the value has as many own keys as the text has property
 * names (a duplicate key is one property name `JSON.parse` folds into an earlier key, so the
 * counts differ exactly when there is one). Returns undefined otherwise.
 */
function _fastParse(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const keys = _countKeys(value, 0);
  if (keys < 0 || keys !== _countPropertyNames(text)) return undefined;
  return value;
}

/** Own keys of every object in a parsed value; -1 when nested deeper than MAX_DEPTH. */
function _countKeys(value: unknown, depth: number): number {
  if (depth > MAX_DEPTH) return -1;
  if (typeof value !== 'object' || value === null) return 0;
  let n = 0;
  if (Array.isArray(value)) {
    for (const v of value) {
      const k = _countKeys(v, depth + 1);
      if (k < 0) return -1;
      n += k;
    }
    return n;
  }
  // JSON.parse makes plain objects whose keys are all own, enumerable strings.
  for (const v of Object.values(value)) {
    const k = _countKeys(v, depth + 1);
    if (k < 0) return -1;
    n += k + 1;
  }
  return n;
}

/**
 * Property names in valid JSON text: strings followed (after white space) by ':'. Outside
 * strings valid JSON has no '"', so scanning string by string from the start is exact.
 */
function _countPropertyNames(text: string): number {
  let n = 0;
  const len = text.length;
  let i = 0;
  while (i < len) {
    if (text.charCodeAt(i) !== 34) {
      i++;
      continue;
    }
    i++;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 92) i += 2;
      else if (c === 34) break;
      else i++;
    }
    i++;
    let c = text.charCodeAt(i);
    while (c === 32 || c === 9 || c === 10 || c === 13) c = text.charCodeAt(++i);
    if (c === 58) n++;
  }
  return n;
}

class _JsonReader {
  pos = 0;
  readonly duplicates: JsonDuplicateKey[] = [];

  constructor(
    readonly text: string,
    readonly file: string | undefined,
  ) {}

  readDocument(): unknown {
    this.skipSpace();
    const value = this.readValue([], 0);
    this.skipSpace();
    if (this.pos < this.text.length) this.fail('unexpected data after the JSON value');
    return value;
  }

  fail(what: string, at = this.pos): never {
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < at; i++) {
      if (this.text.charCodeAt(i) === 10) {
        line++;
        lineStart = i + 1;
      }
    }
    const found = at < this.text.length ? JSON.stringify(this.text[at]) : 'end of input';
    throw new KindredError(
      'PARSE_ERROR',
      `Invalid JSON at line ${line}, column ${at - lineStart + 1}: ${what} (found ${found})`,
      this.file !== undefined ? { file: this.file } : {},
    );
  }

  skipSpace(): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return;
      this.pos++;
    }
  }

  readValue(path: (string | number)[], depth: number): unknown {
    if (depth > MAX_DEPTH) this.fail(`nested deeper than ${MAX_DEPTH} levels`);
    const c = this.text[this.pos];
    if (c === '{') return this.readObject(path, depth);
    if (c === '[') return this.readArray(path, depth);
    if (c === '"') return this.readString();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
      NUMBER_RE.lastIndex = this.pos;
      const m = NUMBER_RE.exec(this.text);
      if (m === null) this.fail('invalid number');
      this.pos += m[0].length;
      return Number(m[0]);
    }
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return value;
      }
    }
    return this.fail('expected a value');
  }

  readString(): string {
    STRING_RE.lastIndex = this.pos;
    const m = STRING_RE.exec(this.text);
    if (m === null) this.fail('invalid string (unterminated, bad escape or control character)');
    this.pos += m[0].length;
    return JSON.parse(m[0]) as string;
  }

  readArray(path: (string | number)[], depth: number): unknown[] {
    const out: unknown[] = [];
    this.pos++;
    this.skipSpace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return out;
    }
    for (;;) {
      this.skipSpace();
      out.push(this.readValue([...path, out.length], depth + 1));
      this.skipSpace();
      const c = this.text[this.pos];
      this.pos++;
      if (c === ']') return out;
      if (c !== ',') this.fail("expected ',' or ']' in an array", this.pos - 1);
    }
  }

  readObject(path: (string | number)[], depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const seen = new Set<string>();
    this.pos++;
    this.skipSpace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return out;
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] !== '"') this.fail('expected a property name in double quotes');
      const keyAt = this.pos;
      const key = this.readString();
      this.skipSpace();
      if (this.text[this.pos] !== ':') this.fail("expected ':' after a property name");
      this.pos++;
      this.skipSpace();
      const value = this.readValue([...path, key], depth + 1);
      if (seen.has(key)) this.duplicates.push({ path: [...path, key], ...this.lineColumn(keyAt) });
      seen.add(key);
      // defineProperty keeps "__proto__" an ordinary own key, as JSON.parse does.
      Object.defineProperty(out, key, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
      this.skipSpace();
      const c = this.text[this.pos];
      this.pos++;
      if (c === '}') return out;
      if (c !== ',') this.fail("expected ',' or '}' in an object", this.pos - 1);
    }
  }

  lineColumn(at: number): { line: number; column: number } {
    const before = this.text.slice(0, at);
    const line = before.split('\n').length;
    return { line, column: at - before.lastIndexOf('\n') };
  }
}
