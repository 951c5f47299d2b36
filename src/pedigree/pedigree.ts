/**
 * The pedigree data structure: people indexed 0..n-1, parents as indices (-1 for founders),
 * sexes, and `sameAs` links (a second sample of the same person).
 *
 * @module
 */

/** Sex codes used in {@link Pedigree.sex}. */
export const MALE = 1;
/** Sex code for female. */
export const FEMALE = 2;

/** Sex as written in case files. */
export type Sex = 'male' | 'female';

/** A pedigree member as written in a case file (ordinary person). */
export interface PersonRecord {
  readonly id: string;
  readonly father: string | null;
  readonly mother: string | null;
  readonly sex: Sex;
}

/** A second sample of person `sameAs` (direct reference, duplicate, identical twin). */
export interface SameAsRecord {
  readonly id: string;
  readonly sameAs: string;
}

/** One row of a pedigree in a case file. */
export type PedigreeRecord = PersonRecord | SameAsRecord;

/** True when the record is a `sameAs` entry. */
export function isSameAsRecord(r: PedigreeRecord): r is SameAsRecord {
  return 'sameAs' in r;
}

/**
 * A validated pedigree. Index-based for speed: `father[i]`/`mother[i]` are indices or -1.
 * `sameAs[i]` is the index of the person that row i is a second sample of, or -1; such rows have
 * `father`/`mother` -1 and the sex of the person they point at.
 */
export interface Pedigree {
  /** Person ids in row order. */
  readonly ids: readonly string[];
  /** Father index per row, -1 for founders and sameAs rows. */
  readonly father: Int32Array;
  /** Mother index per row, -1 for founders and sameAs rows. */
  readonly mother: Int32Array;
  /** {@link MALE} or {@link FEMALE} per row. */
  readonly sex: Uint8Array;
  /** Index of the person this row duplicates, or -1. */
  readonly sameAs: Int32Array;
  /** Row index by id. */
  readonly index: ReadonlyMap<string, number>;
}

/** Number of rows. */
export function pedigreeSize(ped: Pedigree): number {
  return ped.ids.length;
}

/** True when row `i` is a founder (no parents) and not a sameAs row. */
export function isFounder(ped: Pedigree, i: number): boolean {
  return ped.father[i] === -1 && ped.sameAs[i] === -1;
}
