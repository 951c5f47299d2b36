/**
 * Typed reading of untrusted JSON: an issue collector, and small own-property helpers that treat
 * keys such as `__proto__` or `constructor` as ordinary names.
 *
 * @module
 */
import { type ErrorPath, KindredError, type KindredErrorCode } from '../errors.js';
import { parseJsonText } from './parse-json-text.js';

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
 *
 * @example
 * ```ts
 * const issues = new IssueList('case.json');
 * issues.add('INVALID_CASE', 'Reference "H9" is not a hypothesis', ['reference']);
 * issues.issues[0]?.message; // => 'Reference "H9" is not a hypothesis (case.json: reference)'
 * ```
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
 * @param obj - the object to check
 * @param allowed - its known fields
 * @param owner - how messages name the object (`Locus "S01"`)
 * @param path - path of the object; the key is appended
 * @param issues - where issues go
 * @param code - the code of each issue
 * @returns true when every field is known
 * @example
 * ```ts
 * checkFields({ name: 'H1', prior: 1 }, ['name', 'pedigree'], 'Hypothesis "H1"', ['hypotheses', 0], issues, 'INVALID_CASE');
 * // => false, with issue 'Hypothesis "H1" has unknown field "prior"' at hypotheses[0].prior
 * ```
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
 * @param input - JSON text or a JSON value
 * @param issues - where issues go
 * @returns the value, or undefined when the text could not be read
 * @example
 * ```ts
 * readJsonInput('{"a": 1}', new IssueList()); // => { a: 1 }
 * ```
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

/**
 * Finish a `safeParse*`: the value when no issue was recorded, else every issue.
 *
 * @param value - the value read (undefined when it could not be built)
 * @param issues - the issues recorded while reading
 * @returns `{ success: true, value }` or `{ success: false, issues }`
 * @example
 * ```ts
 * toSafeResult(1, new IssueList()); // => { success: true, value: 1 }
 * ```
 */
export function toSafeResult<T>(value: T | undefined, issues: IssueList): SafeParseResult<T> {
  if (issues.count === 0 && value !== undefined) return { success: true, value };
  return { success: false, issues: issues.issues.slice() };
}
