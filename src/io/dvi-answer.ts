/**
 * The answer object of `kindred dvi` (case-format.md, `kindred-dvi/1`): the pairwise matrix and
 * the ranked joint assignments, with every victim, missing person and case id written exactly as
 * in the case. Objects keyed by those ids have no prototype and their keys are defined as own
 * properties, so ids such as `__proto__` or `constructor` are ordinary keys.
 *
 * @module
 */
import type { DVIResult } from '../dvi/dvi.js';
import type { Provenance } from '../provenance/provenance.js';

/** One pairwise entry: log10 LR, null for LR 0. */
export interface DVIPairwiseEntry {
  readonly log10LR: number | null;
}

/** One joint assignment of the answer. */
export interface DVIJointEntry {
  /** Every victim → missing person id or null. */
  readonly assignment: Record<string, string | null>;
  readonly log10LR: number;
}

/** The JSON answer of a DVI case. */
export interface DVIAnswer {
  readonly id: string;
  /** victim → missing person → entry; pairs excluded by sex are absent. */
  readonly pairwise: Record<string, Record<string, DVIPairwiseEntry>>;
  /** Best first. */
  readonly joint: readonly DVIJointEntry[];
  /** How the answer was made (docs/provenance.md); absent in answers written without it. */
  readonly provenance?: Provenance;
}

/**
 * Convert a {@link DVIResult} to the answer object of case-format.md.
 *
 * @param result - from `computeDVI`
 * @returns `{ id, pairwise, joint }`, ready for `JSON.stringify`
 * @example
 * ```ts
 * JSON.stringify(formatDVIAnswer(computeDVI(c)).joint[0]);
 * // => '{"assignment":{"V1":"M1","V2":null},"log10LR":5.1}'
 * ```
 */
export function formatDVIAnswer(result: DVIResult, provenance?: Provenance): DVIAnswer {
  const pairwise = Object.create(null) as Record<string, Record<string, DVIPairwiseEntry>>;
  for (const [v, row] of result.pairwise) {
    const entries = Object.create(null) as Record<string, DVIPairwiseEntry>;
    for (const [m, x] of row) _defineOwn(entries, m, { log10LR: x });
    _defineOwn(pairwise, v, entries);
  }
  const joint = result.joint.map((j): DVIJointEntry => {
    const assignment = Object.create(null) as Record<string, string | null>;
    for (const [v, m] of j.assignment) _defineOwn(assignment, v, m);
    return { assignment, log10LR: j.log10LR };
  });
  return { id: result.id, pairwise, joint, ...(provenance !== undefined ? { provenance } : {}) };
}

/**
 * The answer as JSON text (2-space indentation, trailing newline).
 *
 * @example
 * ```ts
 * formatDVIAnswerJSON(result).startsWith('{\n  "id"'); // => true
 * ```
 */
export function formatDVIAnswerJSON(result: DVIResult, provenance?: Provenance): string {
  return `${JSON.stringify(formatDVIAnswer(result, provenance), null, 2)}\n`;
}

function _defineOwn<T>(obj: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}
