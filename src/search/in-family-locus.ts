/**
 * Family (or victim) and locus named in the errors of the likelihood layer, which knows
 * neither.
 *
 * @module
 */
import { KindredError } from '../errors.js';

/**
 * Run `fn`, naming the family (or victim) and locus in any KindredError it throws that does not
 * name them already (the likelihood layer does not know them), with the path into the case.
 *
 * @param where - `Family "F1"` or `Victim "V1"`, as it should appear in the message
 * @param locus - the locus name
 * @param path - path of the family or victim in the case
 * @param fn - the computation
 * @returns what `fn` returns
 * @throws KindredError what `fn` throws, with the family or victim and the locus named
 * @example
 * ```ts
 * inFamilyLocus('Family "F1"', 'TH01', ['families', 0], () => 1); // => 1
 * ```
 */
export function inFamilyLocus<T>(
  where: string,
  locus: string,
  path: readonly (string | number)[],
  fn: () => T,
): T {
  try {
    return fn();
  } catch (e) {
    if (!(e instanceof KindredError) || e.detail.startsWith(where)) throw e;
    throw new KindredError(e.code, `${where}, locus "${locus}": ${e.detail}`, {
      path: e.path.length > 0 ? e.path : [...path],
      ...(e.file !== undefined ? { file: e.file } : {}),
      cause: e,
    });
  }
}
