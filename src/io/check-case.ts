/**
 * Library input checked at the door. The public `computeKinshipLR` and `computeDVI` of the
 * package (re-exported from `src/index.ts`) take a case from the validating parsers as it is,
 * and any other case object (built in code, copied and changed) only after the same validation
 * as `parseCase` / `parseDVICase`: the object is written as its document (`toCaseDocument`) and
 * parsed again, so every mistake the CLI refuses in a file is refused in code too, with the
 * same code, message and path. The engines they call (`relationships/kinship-lr.ts`,
 * `search/dvi.ts`) trust their input and are internal.
 *
 * @module
 */

import { type DVIOptions, type DVIResult, computeDVI as dvi } from '../dvi/dvi.js';
import { isKindredError, KindredError } from '../errors.js';
import {
  type KinshipLROptions,
  type KinshipLRResult,
  computeKinshipLR as kinshipLR,
} from '../relationships/kinship-lr.js';
import type { KinshipCase } from '../relationships/types.js';
import type { DVICase } from '../search/types.js';
import type { DVICaseDocument, KinshipCaseDocument } from './case-document.js';
import { type ParseCaseOptions, parseCase, toCaseDocument } from './case-file.js';
import { parseDVICase, toDVIDocument } from './dvi-file.js';
import { _isValidated } from './validated.js';

/**
 * Build a validated {@link KinshipCase} from a typed `kindred-case/1` document (the same as
 * `parseCase`, with the document's type checked by the compiler).
 *
 * @param document - the case as a JSON object
 * @param options - the file name for errors
 * @returns the validated case
 * @throws KindredError as `parseCase` (`INVALID_CASE`, `INVALID_LOCUS`, `INVALID_GENOTYPE`, …)
 * @example
 * ```ts
 * createKinshipCase({ format: 'kindred-case/1', id: 'x', loci, hypotheses, reference: 'H2', genotypes }).id; // => 'x'
 * ```
 */
export function createKinshipCase(
  document: KinshipCaseDocument,
  options: ParseCaseOptions = {},
): KinshipCase {
  return parseCase(document, options);
}

/**
 * Build a validated {@link DVICase} from a typed `kindred-dvi/1` document (the same as
 * `parseDVICase`, with the document's type checked by the compiler).
 *
 * @param document - the DVI case as a JSON object
 * @param options - the file name for errors
 * @returns the validated case
 * @throws KindredError as `parseDVICase`
 * @example
 * ```ts
 * createDVICase({ format: 'kindred-dvi/1', id: 'd', loci, victims, families }).families.length; // => 1
 * ```
 */
export function createDVICase(document: DVICaseDocument, options: ParseCaseOptions = {}): DVICase {
  return parseDVICase(document, options);
}

/**
 * A {@link KinshipCase} that passed the validation of `parseCase`: the object itself when a
 * parser made it, otherwise the case parsed again from its document form.
 *
 * @param kcase - any case object
 * @returns a validated case with the same content
 * @throws KindredError as `parseCase`; `INVALID_ARGUMENT` when the object is not shaped like a
 *   KinshipCase at all
 * @example
 * ```ts
 * checkKinshipCase({ ...parsed, reference: 'H9' }); // throws INVALID_CASE naming "H9"
 * ```
 */
export function checkKinshipCase(kcase: KinshipCase): KinshipCase {
  if (_isValidated(kcase)) return kcase;
  return parseCase(_document(() => toCaseDocument(kcase), 'KinshipCase'));
}

/**
 * A {@link DVICase} that passed the validation of `parseDVICase` (see {@link checkKinshipCase}).
 *
 * @param dviCase - any DVI case object
 * @returns a validated case with the same content
 * @throws KindredError as `parseDVICase`; `INVALID_ARGUMENT` for an object not shaped like one
 */
export function checkDVICase(dviCase: DVICase): DVICase {
  if (_isValidated(dviCase)) return dviCase;
  return parseDVICase(_document(() => toDVIDocument(dviCase), 'DVICase'));
}

/**
 * The kinship LRs of a case (see `relationships/kinship-lr.ts` for the model), after checking
 * the case as {@link checkKinshipCase} does.
 *
 * @param kcase - a case from `parseCase` / `createKinshipCase`, or one built in code
 * @param options - lumping switch and compute budget
 * @returns per hypothesis the totals and per-locus table
 * @throws KindredError the validation errors of `parseCase`; `IMPOSSIBLE_REFERENCE`,
 *   `TOO_COMPLEX` as the engine
 * @example
 * ```ts
 * computeKinshipLR(parseCase(text)).hypotheses[0]?.log10LR; // => 0.398
 * ```
 */
export function computeKinshipLR(
  kcase: KinshipCase,
  options: KinshipLROptions = {},
): KinshipLRResult {
  return kinshipLR(checkKinshipCase(kcase), options);
}

/**
 * The pairwise LR matrix and the best joint assignments of a DVI case (see `search/dvi.ts`),
 * after checking the case as {@link checkDVICase} does.
 *
 * @param dviCase - a case from `parseDVICase` / `createDVICase`, or one built in code
 * @param options - `top` (default 10), configuration limit, compute budget
 * @returns pairwise log10 LRs, the ranked joint assignments and the assignment count
 * @throws KindredError the validation errors of `parseDVICase`; the errors of the DVI engine
 * @example
 * ```ts
 * computeDVI(parseDVICase(text)).joint[0]?.log10LR; // => 5.1
 * ```
 */
export function computeDVI(dviCase: DVICase, options: DVIOptions = {}): DVIResult {
  return dvi(checkDVICase(dviCase), options);
}

function _document(write: () => Record<string, unknown>, what: string): Record<string, unknown> {
  try {
    return write();
  } catch (e) {
    if (isKindredError(e)) throw e;
    throw new KindredError(
      'INVALID_ARGUMENT',
      `The argument is not a ${what} (${e instanceof Error ? e.message : String(e)}); build one with parseCase or create${what}`,
      { cause: e },
    );
  }
}
