/**
 * The one error type of Kindred. Every failure that is the caller's (bad input, impossible
 * request, unsupported combination, cancelled work) is a {@link KindredError} with a stable
 * `code`, a `path` into the input that was at fault, and a message naming the entity and value.
 *
 * @module
 */
import { _oneLine } from './_internal/one-line.js';

/** Machine-readable error codes. Stable: callers may switch on them. */
export type KindredErrorCode =
  /** Malformed JSON, CSV or text that cannot be read at all. */
  | 'PARSE_ERROR'
  /** A case or DVI document breaks a rule of the case format. */
  | 'INVALID_CASE'
  /** A pedigree breaks a structural rule (parents, sexes, cycles, ids, sameAs). */
  | 'INVALID_PEDIGREE'
  /** A locus definition is wrong (duplicate alleles, bad label, chromosome). */
  | 'INVALID_LOCUS'
  /** Frequencies out of range or not summing to 1 within tolerance. */
  | 'INVALID_FREQUENCIES'
  /** A mutation model or its parameters are invalid for the locus. */
  | 'INVALID_MUTATION'
  /** A genotype is malformed (wrong allele count, unknown allele, tri-allelic pattern). */
  | 'INVALID_GENOTYPE'
  /** An allele label cannot be parsed (e.g. `OL` off-ladder). */
  | 'INVALID_ALLELE'
  /** A marker name is unknown or ambiguous. */
  | 'UNKNOWN_MARKER'
  /** An allele in a profile is absent from the frequency table and the policy is `error`. */
  | 'UNSEEN_ALLELE'
  /** The reference hypothesis has likelihood 0: the LR is undefined. */
  | 'IMPOSSIBLE_REFERENCE'
  /** A valid combination that Kindred refuses rather than approximates. */
  | 'UNSUPPORTED'
  /** The exact computation would exceed the configured budget. */
  | 'TOO_COMPLEX'
  /** Invalid argument to a library function (programming error by the caller). */
  | 'INVALID_ARGUMENT'
  /** File system failure (missing file, permission). */
  | 'IO_ERROR'
  /** Work was cancelled through an AbortSignal. */
  | 'ABORTED'
  /** A worker thread died. */
  | 'WORKER_CRASHED'
  /** A worker did not answer a task within the pool's deadline; it was stopped. */
  | 'WORKER_TIMEOUT'
  /** Store (database) failure. */
  | 'STORE_ERROR'
  /** Wrong command-line usage. */
  | 'USAGE';

/** A path into an input document: object keys and array indices. */
export type ErrorPath = readonly (string | number)[];

/** Options for {@link KindredError}. */
export interface KindredErrorOptions {
  /** Where in the input the fault is (e.g. `['hypotheses', 0, 'pedigree', 2, 'mother']`). */
  readonly path?: ErrorPath;
  /** The file the input came from, when known. */
  readonly file?: string;
  /** The underlying error, if any. */
  readonly cause?: unknown;
}

/**
 * The error thrown by every Kindred function for bad input or refused work.
 *
 * @example
 * ```ts
 * const e = new KindredError('INVALID_PEDIGREE', 'Individual "CH" has mother "MO" who is male', {
 *   path: ['hypotheses', 0, 'pedigree', 2, 'mother'],
 * });
 * e.message; // => 'Individual "CH" has mother "MO" who is male (hypotheses[0].pedigree[2].mother)'
 * ```
 */
export class KindredError extends Error {
  /** Machine-readable code. */
  readonly code: KindredErrorCode;
  /** Path into the input at fault (may be empty). */
  readonly path: ErrorPath;
  /** The file at fault, when known. */
  readonly file: string | undefined;
  /** The message without the path and file suffix (one line, control characters escaped). */
  readonly detail: string;

  /**
   * @param code - what kind of failure
   * The message is always one line: control characters in `detail`, the path or the file are
   * escaped and long values cut (see `_oneLine`), so input echoed into a message can neither
   * forge a second line nor reach the terminal raw.
   *
   * @param detail - what was wrong, naming the entity and value
   * @param options - path, file and cause
   */
  constructor(code: KindredErrorCode, detail: string, options: KindredErrorOptions = {}) {
    const path = options.path ?? [];
    const safe = _oneLine(detail);
    super(
      _oneLine(composeMessage(safe, path, options.file)),
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = 'KindredError';
    this.code = code;
    this.path = path;
    this.file = options.file;
    this.detail = safe;
  }

  /** A copy of this error with a file name and/or a path prefix added. */
  withContext(context: { file?: string; pathPrefix?: ErrorPath }): KindredError {
    return new KindredError(this.code, this.detail, {
      path: [...(context.pathPrefix ?? []), ...this.path],
      ...((context.file ?? this.file) !== undefined
        ? { file: (context.file ?? this.file) as string }
        : {}),
      cause: this.cause,
    });
  }

  /** Plain-object form, for JSON output and for crossing worker boundaries. */
  toJSON(): KindredErrorJSON {
    return {
      name: 'KindredError',
      code: this.code,
      detail: this.detail,
      path: [...this.path],
      ...(this.file !== undefined ? { file: this.file } : {}),
    };
  }

  /** Rebuild an error from {@link KindredError.toJSON} output. */
  static fromJSON(json: KindredErrorJSON): KindredError {
    return new KindredError(json.code, json.detail, {
      path: json.path,
      ...(json.file !== undefined ? { file: json.file } : {}),
    });
  }
}

/** Serialised form of a {@link KindredError}. */
export interface KindredErrorJSON {
  readonly name: 'KindredError';
  readonly code: KindredErrorCode;
  readonly detail: string;
  readonly path: (string | number)[];
  readonly file?: string;
}

/**
 * Format a path as `a[0].b["odd key"]`.
 *
 * @example
 * ```ts
 * formatPath(['hypotheses', 0, 'pedigree', 2, 'mother']); // => 'hypotheses[0].pedigree[2].mother'
 * ```
 */
export function formatPath(path: ErrorPath): string {
  // A line of a lab file reads as a lab person says it: `line 5, column "Allele 2"`.
  if (path[0] === 'line' && typeof path[1] === 'number') {
    const column = path[2];
    const rest = formatPath(path.slice(column === undefined ? 2 : 3));
    return `line ${path[1]}${column === undefined ? '' : `, column ${JSON.stringify(String(column))}`}${rest === '' ? '' : ` ${rest}`}`;
  }
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(part)) out += out === '' ? part : `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}

function composeMessage(detail: string, path: ErrorPath, file: string | undefined): string {
  const where = [file, path.length > 0 ? formatPath(path) : undefined].filter(
    (x): x is string => x !== undefined && x !== '',
  );
  return where.length > 0 ? `${detail} (${where.join(': ')})` : detail;
}

/** True when `value` is a {@link KindredError} (also across realms, by name and code). */
export function isKindredError(value: unknown): value is KindredError {
  if (value instanceof KindredError) return true;
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { name?: unknown }).name === 'KindredError' &&
    typeof (value as { code?: unknown }).code === 'string'
  );
}
