/**
 * Repeat-number models: the extended `stepwise` model and `onestep`, exactly as pedmut 0.9.1
 * builds them (see `spec/mutation-models.md`), with the allele-label rules they need.
 *
 * @module
 */
import { type ErrorPath, KindredError } from '../errors.js';

/** Plain decimal notation: optional sign, digits, optional fraction (no exponent, no hex). */
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/**
 * The largest repeat number a repeat-based model (`stepwise`, `onestep`) accepts, in absolute
 * value. Real STR alleles stay well under 100 repeats; the bound keeps every repeat difference
 * exact in double precision and refuses corrupted labels (such as a 400-digit number, which
 * would read as Infinity and turn every likelihood into NaN) with a clear error.
 */
export const MAX_REPEAT_NUMBER = 1000;

/**
 * Round to the nearest integer with ties to even, as R's `round(x)` does.
 *
 * @param x - any finite number
 * @returns the nearest integer; `k + 0.5` goes to whichever of `k`, `k + 1` is even
 * @example
 * ```ts
 * roundHalfEven(9.5); // => 10
 * roundHalfEven(10.5); // => 10
 * roundHalfEven(-2.5); // => -2
 * ```
 */
export function roundHalfEven(x: number): number {
  if (Math.abs(x % 1) === 0.5) return 2 * Math.round(x / 2);
  return Math.round(x);
}

/**
 * The microvariant group of a repeat number: `round(10 * (a - round(a)))` with R's rounding.
 * Integers are group 0, `x.1`..`x.4` groups 1..4, `x.6`..`x.9` groups -4..-1; `x.5` alleles
 * split by parity (9.5 → -5, 10.5 → +5), pedmut's `.5` quirk.
 *
 * @param a - a repeat number with at most one decimal
 * @returns the group, an integer in [-5, 5]
 * @example
 * ```ts
 * microvariantGroup(16.3); // => 3
 * microvariantGroup(11.5); // => -5
 * ```
 */
export function microvariantGroup(a: number): number {
  return roundHalfEven(10 * (a - roundHalfEven(a)));
}

/**
 * Parse allele labels as repeat numbers for a repeat-based model.
 *
 * @param alleles - the locus's labels
 * @param maxDecimals - 1 for `stepwise`, 0 for `onestep`
 * @returns the numeric values in allele order
 * @throws KindredError `INVALID_MUTATION` naming the locus and the first bad label (not a
 *   decimal number, too many decimals, or beyond {@link MAX_REPEAT_NUMBER} in absolute value)
 */
export function _parseRepeatLabels(
  alleles: readonly string[],
  maxDecimals: 0 | 1,
  model: 'stepwise' | 'onestep',
  locus: string,
  path: ErrorPath,
): Float64Array {
  const out = new Float64Array(alleles.length);
  alleles.forEach((label, i) => {
    const dot = label.indexOf('.');
    const decimals = dot < 0 ? '' : label.slice(dot + 1).replace(/0+$/, '');
    if (!DECIMAL.test(label) || decimals.length > maxDecimals) {
      const need =
        maxDecimals === 0
          ? 'integer allele labels'
          : 'numeric allele labels with at most one decimal';
      throw new KindredError(
        'INVALID_MUTATION',
        `Locus "${locus}": the ${model} mutation model needs ${need}, but allele ${i + 1} is "${label}"`,
        { path },
      );
    }
    const value = Number(label);
    if (!(Math.abs(value) <= MAX_REPEAT_NUMBER)) {
      throw new KindredError(
        'INVALID_MUTATION',
        `Locus "${locus}": the ${model} mutation model needs repeat numbers between -${MAX_REPEAT_NUMBER} and ${MAX_REPEAT_NUMBER}, but allele ${i + 1} is "${label}"`,
        { path },
      );
    }
    out[i] = value;
  });
  return out;
}

/**
 * Fill `m` (row-major n*n, zeroed) with the extended stepwise matrix.
 * Row i: same-group alleles get weights `range^|a_i - a_j|` rescaled to sum to `rate`; the
 * other groups' alleles share `rate2` equally; the diagonal takes the rest.
 */
export function _fillStepwise(
  m: Float64Array,
  values: Float64Array,
  rate: number,
  rate2: number,
  range: number,
): void {
  const n = values.length;
  const group = new Int32Array(n);
  for (let i = 0; i < n; i++) group[i] = microvariantGroup(values[i]!);
  for (let i = 0; i < n; i++) {
    const gi = group[i]!;
    const ai = values[i]!;
    // Weights are range^(d - dRef) with dRef the distance of the heaviest weight (nearest allele
    // for range < 1, farthest for range > 1): the same ratios as range^d after rescaling, but
    // neither overflows nor underflows to 0/0 for extreme `range`.
    let sameCount = 0;
    let dRef = range < 1 ? Number.POSITIVE_INFINITY : 0;
    for (let j = 0; j < n; j++) {
      if (j === i || group[j] !== gi) continue;
      sameCount++;
      const d = Math.abs(ai - values[j]!);
      dRef = range < 1 ? Math.min(dRef, d) : Math.max(dRef, d);
    }
    let weightSum = 0;
    for (let j = 0; j < n; j++) {
      if (j !== i && group[j] === gi) weightSum += range ** (Math.abs(ai - values[j]!) - dRef);
    }
    const otherCount = n - 1 - sameCount;
    const row = i * n;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      m[row + j] =
        group[j] === gi
          ? (rate * range ** (Math.abs(ai - values[j]!) - dRef)) / weightSum
          : rate2 / otherCount;
    }
    // pedmut's diagonal: 1 - rate if every allele is in i's group, 1 - rate2 if i is alone in it.
    if (otherCount === 0) m[row + i] = 1 - rate;
    else if (sameCount === 0) m[row + i] = 1 - rate2;
    else m[row + i] = 1 - rate - rate2;
  }
}

/**
 * Fill `m` (row-major n*n, zeroed) with the onestep matrix: `rate` shared by the alleles exactly
 * one repeat away, diagonal `1 - rate`; an allele without such a neighbour never mutates.
 */
export function _fillOnestep(m: Float64Array, values: Float64Array, rate: number): void {
  const n = values.length;
  for (let i = 0; i < n; i++) {
    let neighbours = 0;
    for (let j = 0; j < n; j++) if (Math.abs(values[j]! - values[i]!) === 1) neighbours++;
    const row = i * n;
    if (neighbours === 0) {
      m[row + i] = 1;
      continue;
    }
    for (let j = 0; j < n; j++) {
      if (Math.abs(values[j]! - values[i]!) === 1) m[row + j] = rate / neighbours;
    }
    m[row + i] = 1 - rate;
  }
}
