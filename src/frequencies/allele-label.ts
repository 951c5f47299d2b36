/**
 * The rules every allele label obeys, wherever it comes from (frequency file, case, profile):
 * non-empty text without inner whitespace or control characters, and never `OL` (off-ladder).
 *
 * @module
 */
import { type ErrorPath, KindredError } from '../errors.js';

/**
 * The longest allele label accepted, in characters. STR designations are a few characters
 * (`9.3`, `32.2`, `X`); anything far longer is a corrupted field, refused at the door so that
 * it cannot reach a matrix, a message or a store.
 */
export const MAX_ALLELE_LABEL_LENGTH = 64;

/** Where a label came from, for error messages. */
export interface AlleleLabelContext {
  /** Marker the label belongs to, named in messages. */
  readonly marker?: string;
  /** Person or table the label belongs to, named in messages (e.g. `person "P1"`). */
  readonly owner?: string;
  /** Path of the label in the input. */
  readonly path?: ErrorPath;
  /** File the input came from. */
  readonly file?: string;
  /**
   * Accept the reserved silent-allele label `silent` (degraded-dna.md) as a table allele: only
   * for readers whose every consumer honours it (default false: refused).
   */
  readonly allowSilent?: boolean;
}

/**
 * Check an allele label and return it without surrounding whitespace.
 *
 * Rejected: non-strings, empty labels, labels longer than {@link MAX_ALLELE_LABEL_LENGTH}
 * characters, labels with whitespace or control characters inside
 * (they cannot be written to the list format or a CSV cell unambiguously), and `OL` in any
 * case: an off-ladder call has no designation, so no frequency can be attached to it; type it
 * (e.g. as a microvariant) or leave the locus untyped.
 *
 * @param label - the label as written
 * @param context - marker, owner, path and file for the error
 * @returns the trimmed label
 * @throws KindredError `INVALID_ALLELE` naming the marker, owner and value; `UNSUPPORTED` for the
 *   reserved silent-allele label `silent`
 * @example
 * ```ts
 * validateAlleleLabel(' 9.3 '); // => '9.3'
 * ```
 */
export function validateAlleleLabel(label: unknown, context: AlleleLabelContext = {}): string {
  const where = _describe(context);
  const options = {
    ...(context.path !== undefined ? { path: context.path } : {}),
    ...(context.file !== undefined ? { file: context.file } : {}),
  };
  if (typeof label !== 'string') {
    throw new KindredError(
      'INVALID_ALLELE',
      `Allele label${where} must be text, got ${label === null ? 'null' : typeof label} ${JSON.stringify(label) ?? String(label)}`,
      options,
    );
  }
  const trimmed = label.trim();
  if (trimmed === '') {
    throw new KindredError('INVALID_ALLELE', `Empty allele label${where}`, options);
  }
  if (trimmed.length > MAX_ALLELE_LABEL_LENGTH) {
    throw new KindredError(
      'INVALID_ALLELE',
      `Allele label "${trimmed}"${where} is ${trimmed.length} characters long; at most ${MAX_ALLELE_LABEL_LENGTH} are allowed`,
      options,
    );
  }
  if (trimmed.toUpperCase() === 'OL') {
    throw new KindredError(
      'INVALID_ALLELE',
      `Off-ladder allele "${trimmed}"${where} cannot be used: an OL call has no designation and no frequency; designate it or leave the marker untyped`,
      options,
    );
  }
  if (
    trimmed.toLowerCase() === 'silent' &&
    !(context.allowSilent === true && trimmed === 'silent')
  ) {
    throw new KindredError(
      'UNSUPPORTED',
      `Allele label "${trimmed}"${where} is the reserved silent (null) allele of degraded-dna.md, which this reader does not implement; it is refused rather than read as an ordinary allele`,
      options,
    );
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we reject
  if (/[\s\u0000-\u001f\u007f]/.test(trimmed)) {
    throw new KindredError(
      'INVALID_ALLELE',
      `Allele label ${JSON.stringify(trimmed)}${where} contains whitespace or a control character`,
      options,
    );
  }
  return trimmed;
}

function _describe(context: AlleleLabelContext): string {
  const owner = context.owner !== undefined ? ` of ${context.owner}` : '';
  const marker = context.marker !== undefined ? ` at marker ${context.marker}` : '';
  return owner + marker;
}
