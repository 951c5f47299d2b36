/**
 * The `observation` field of `kindred-case/1` and `kindred-dvi/1` (degraded-dna.md): per sample
 * its drop-out `dropout` and drop-in `dropin`, each a number in [0, 1) (default 0).
 *
 * @module
 */
import type { SampleObservation } from '../profile/observation.js';
import {
  checkFields,
  describeJson,
  getOwn,
  type IssueList,
  isJsonObject,
  type JsonObject,
} from './json-value.js';

/**
 * Read `observation` (`INVALID_CASE` for every bad entry, naming the sample, the field and the
 * value): an object of sample id → `{ dropout?, dropin? }`, each value a number in [0, 1).
 * Whether every key names a sample is checked by {@link checkObservationKeys}.
 *
 * @param value - the field's value (undefined: absent)
 * @param issues - where issues go
 * @returns the entries that are valid (absent field: undefined)
 * @example
 * ```ts
 * readObservation({ V: { dropout: 0.3 } }, issues)?.get('V'); // => { dropout: 0.3, dropin: 0 }
 * ```
 */
export function readObservation(
  value: unknown,
  issues: IssueList,
): Map<string, SampleObservation> | undefined {
  if (value === undefined) return undefined;
  const out = new Map<string, SampleObservation>();
  if (!isJsonObject(value)) {
    issues.add(
      'INVALID_CASE',
      `observation must be an object of sample id -> { dropout, dropin }, got ${describeJson(value)}`,
      ['observation'],
    );
    return out;
  }
  for (const id of Object.keys(value)) {
    const path = ['observation', id];
    const entry = value[id];
    if (!isJsonObject(entry)) {
      issues.add(
        'INVALID_CASE',
        `observation of sample "${id}" must be an object { dropout, dropin }, got ${describeJson(entry)}`,
        path,
      );
      continue;
    }
    const before = issues.count;
    checkFields(
      entry,
      ['dropout', 'dropin'],
      `observation of sample "${id}"`,
      path,
      issues,
      'INVALID_CASE',
    );
    const dropout = _probability(entry, 'dropout', id, issues);
    const dropin = _probability(entry, 'dropin', id, issues);
    if (issues.count === before) out.set(id, { dropout, dropin });
  }
  return out;
}

function _probability(entry: JsonObject, field: string, id: string, issues: IssueList): number {
  const v = getOwn(entry, field);
  if (v === undefined) return 0;
  if (typeof v !== 'number' || !(v >= 0 && v < 1)) {
    issues.add(
      'INVALID_CASE',
      `observation of sample "${id}" has ${field} ${describeJson(v)}; expected a number in [0, 1)`,
      ['observation', id, field],
    );
    return 0;
  }
  return v;
}

/**
 * Report every key of `observation` that names no sample of the document (`INVALID_CASE`).
 *
 * @param raw - the field's value as written
 * @param isSample - whether an id is a sample (a typed person, victim or family member)
 * @param what - how the message describes a sample (`a typed person`)
 * @param issues - where issues go
 */
export function checkObservationKeys(
  raw: unknown,
  isSample: (id: string) => boolean,
  what: string,
  issues: IssueList,
): void {
  if (!isJsonObject(raw)) return;
  for (const id of Object.keys(raw)) {
    if (!isSample(id)) {
      issues.add('INVALID_CASE', `observation names "${id}", who is not ${what} of this document`, [
        'observation',
        id,
      ]);
    }
  }
}
