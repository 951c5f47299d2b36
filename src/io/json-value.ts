/**
 * Typed reading of untrusted JSON: a strict JSON text reader that reports line and column and
 * duplicate object keys, an issue collector, and small own-property helpers that treat keys
 * such as `__proto__` or `constructor` as ordinary names.
 *
 * @module
 */
import { type ErrorPath, KindredError, type KindredErrorCode } from '../errors.js';

/** A JSON object as read from input: string keys, unknown values. */
export type JsonObject = { readonly [key: string]: unknown };

/**
 * True when `value` is a JSON object (not null, not an array).
 *
 * @example
 * ```ts
 * isJsonObject({ a: 1 }); // => true
 * isJsonObject([1]); // => false
 * ```
 */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The own property `key` of `obj`, or `undefined`; never reads the prototype chain, so
 * `getOwn({}, 'constructor')` is `undefined` and an own `__proto__` key is an ordinary value.
 *
 * @example
 * ```ts
 * getOwn({}, 'toString'); // => undefined
 * ```
 */
export function getOwn(obj: JsonObject, key: string): unknown {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}

/**
 * A short description of a JSON value for messages: strings quoted, `null`, numbers, `an array`,
 * `an object`, `nothing` for a missing value.
 *
 * @example
 * ```ts
 * describeJson('X'); // => '"X"'
 * describeJson([1, 2]); // => 'an array'
 * ```
 */
export function describeJson(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  }
  if (Array.isArray(value)) return 'an array';
  if (value === null || typeof value !== 'object') return String(value);
  return 'an object';
}

/**
 * Collects {@link KindredError}s while a document is read, so that `safeParse*` can report every
 * issue at once and `parse*` can throw the first.
 */
export class IssueList {
  /** Every issue in the order found. */
  readonly issues: KindredError[] = [];
  /** @param file - the file name attached to every issue, when known */
  constructor(readonly file?: string) {}

  /** Record one issue. */
  add(code: KindredErrorCode, detail: string, path: ErrorPath): void {
    this.issues.push(
      new KindredError(code, detail, {
        path,
        ...(this.file !== undefined ? { file: this.file } : {}),
      }),
    );
  }

  /** Record an issue made elsewhere (e.g. by `safeCreatePedigree`). */
  addError(error: KindredError): void {
    this.issues.push(error);
  }

  /** Number of issues so far (compare before and after a step to see if it failed). */
  get count(): number {
    return this.issues.length;
  }
}

/**
 * Report every own key of `obj` that is not in `allowed` as `<owner> has unknown field "<key>"`.
 *
 * @returns true when every field is known
 */
export function checkFields(
  obj: JsonObject,
  allowed: readonly string[],
  owner: string,
  path: ErrorPath,
  issues: IssueList,
  code: KindredErrorCode,
): boolean {
  let ok = true;
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) {
      issues.add(code, `${owner} has unknown field ${JSON.stringify(key)}`, [...path, key]);
      ok = false;
    }
  }
  return ok;
}

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
  const reader = new _JsonReader(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, file);
  return { value: reader.readDocument(), duplicateKeys: reader.duplicates };
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

  readObject(path: (string | number)[], depth: number): JsonObject {
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

/** Result of a `safeParse*` function: the value, or every issue found. */
export type SafeParseResult<T> =
  | { readonly success: true; readonly value: T }
  | { readonly success: false; readonly issues: KindredError[] };

/**
 * Turn the input of a `parse*` function into a JSON value: text is read with
 * {@link parseJsonText} (a syntax error is a `PARSE_ERROR` issue; each duplicate key an
 * `INVALID_CASE` issue, since `JSON.parse` would silently keep only the last value); anything
 * else is taken as an already-parsed JSON value.
 *
 * @returns the value, or undefined when the text could not be read
 */
export function readJsonInput(input: unknown, issues: IssueList): unknown {
  if (typeof input !== 'string') return input;
  try {
    const parsed = parseJsonText(input, issues.file);
    for (const d of parsed.duplicateKeys) {
      const key = String(d.path[d.path.length - 1]);
      issues.add(
        'INVALID_CASE',
        `Key ${JSON.stringify(key)} appears twice in one JSON object (line ${d.line}, column ${d.column}); only one value may be given`,
        d.path,
      );
    }
    return parsed.value;
  } catch (e) {
    if (!(e instanceof KindredError)) throw e;
    issues.addError(e);
    return undefined;
  }
}

/** Finish a `safeParse*`: the value when no issue was recorded, else every issue. */
export function toSafeResult<T>(value: T | undefined, issues: IssueList): SafeParseResult<T> {
  if (issues.count === 0 && value !== undefined) return { success: true, value };
  return { success: false, issues: issues.issues.slice() };
}
