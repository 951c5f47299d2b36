/**
 * Log-space arithmetic shared by the ranking and DVI: sums of probabilities held as natural logs.
 *
 * @module
 */

/**
 * log Σ exp, safe for −Infinity terms (returns −Infinity when all are).
 *
 * @param values - natural logs
 * @returns ln Σ exp(values)
 * @example
 * ```ts
 * logSumExp([Math.log(1), Math.log(3)]); // => Math.log(4)
 * ```
 */
export function logSumExp(values: ArrayLike<number>): number {
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) if (values[i]! > max) max = values[i]!;
  if (max === Number.NEGATIVE_INFINITY) return max;
  let s = 0;
  for (let i = 0; i < values.length; i++) s += Math.exp(values[i]! - max);
  return max + Math.log(s);
}
