/**
 * Allele labels: text, with the repeat length parsed where the label is a repeat number.
 *
 * STR nomenclature (ISFG 1997, Bär et al., doi:10.1007/s004140050024): `9.3` means 9 complete
 * repeats plus 3 bp of an incomplete repeat; `22.2` is 22 repeats + 2 bp.
 *
 * @module
 */
import { type AlleleLabelContext, validateAlleleLabel } from '../frequencies/allele-label.js';

/** A repeat-number label such as `9`, `9.3` or `22.2`. */
export interface NumericAllele {
  readonly kind: 'numeric';
  /** The label as written (trimmed). */
  readonly label: string;
  /** The repeat length as a number: `9.3` → 9.3. */
  readonly repeats: number;
  /** Complete repeats: `9.3` → 9. */
  readonly whole: number;
  /** Extra base pairs of an incomplete repeat: `9.3` → 3, `9` → 0. */
  readonly bp: number;
}

/** `X` or `Y`, the Amelogenin alleles. */
export interface SexAllele {
  readonly kind: 'sex';
  readonly label: string;
  readonly repeats?: undefined;
}

/** Any other label (`>27`, `09`, `9.0`, `8.10`): kept as text, no repeat length. */
export interface OtherAllele {
  readonly kind: 'other';
  readonly label: string;
  readonly repeats?: undefined;
}

/** A parsed allele label. */
export type Allele = NumericAllele | SexAllele | OtherAllele;

/** Canonical repeat number: no leading zeros, at most one decimal digit 1–9. */
const NUMERIC = /^(0|[1-9][0-9]*)(?:\.([1-9]))?$/;

/**
 * Parse an allele label.
 *
 * Numeric labels are canonical repeat numbers: an integer without leading zeros, optionally
 * followed by `.d` with one digit 1–9 (the extra base pairs). Anything else that is a valid label
 * (`>27`, `9.0`, `08`) is kind `'other'`: it loads as text but mutation models that need a repeat
 * length will refuse it. `X`/`Y` (any case) are kind `'sex'`.
 *
 * @param label - the label as written
 * @param context - marker, owner, path and file for error messages
 * @returns the parsed allele
 * @throws KindredError `INVALID_ALLELE` for `OL` (off-ladder, any case), an empty label, a
 *   non-string, or a label with whitespace or control characters inside
 * @example
 * ```ts
 * parseAllele('9.3'); // => { kind: 'numeric', label: '9.3', repeats: 9.3, whole: 9, bp: 3 }
 * parseAllele('>27').kind; // => 'other'
 * parseAllele('X').kind; // => 'sex'
 * ```
 */
export function parseAllele(label: unknown, context: AlleleLabelContext = {}): Allele {
  const text = validateAlleleLabel(label, context);
  const match = NUMERIC.exec(text);
  if (match !== null) {
    const whole = Number(match[1]);
    const bp = match[2] === undefined ? 0 : Number(match[2]);
    return { kind: 'numeric', label: text, repeats: Number(text), whole, bp };
  }
  if (text === 'X' || text === 'Y' || text === 'x' || text === 'y') {
    return { kind: 'sex', label: text };
  }
  return { kind: 'other', label: text };
}

/**
 * True when the label is a numeric repeat number (see {@link parseAllele}).
 *
 * @example
 * ```ts
 * isNumericAllele('22.2'); // => true
 * isNumericAllele('>27'); // => false
 * ```
 */
export function isNumericAllele(label: string): boolean {
  return NUMERIC.test(label.trim());
}

/**
 * Order two labels: numeric labels by repeat length first, then other labels by text.
 * Used to normalise unordered genotypes for comparison; labels themselves are never changed.
 *
 * @returns negative, zero or positive, as for `Array.prototype.sort`
 * @example
 * ```ts
 * ['10', '9.3', '>27', '9'].sort(compareAlleleLabels); // => ['9', '9.3', '10', '>27']
 * ```
 */
export function compareAlleleLabels(a: string, b: string): number {
  const na = NUMERIC.test(a);
  const nb = NUMERIC.test(b);
  if (na && nb) return Number(a) - Number(b);
  if (na !== nb) return na ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
