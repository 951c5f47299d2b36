/**
 * Small fixtures shared by the store tests (not exported from the package).
 *
 * @module
 */
import { expect } from 'vitest';
import { type ErrorPath, KindredError, type KindredErrorCode } from '../../src/errors.js';
import { createFrequencyTable } from '../../src/frequencies/frequency-table.js';
import type { PedigreeRecord } from '../../src/pedigree/pedigree.js';
import { createProfile, type Profile, type ProfileKind } from '../../src/profile/profile.js';
import type { FamilyInput } from '../../src/store/profile-store.js';

/** A profile with one or two markers. */
export function _profile(
  id: string,
  kind: ProfileKind,
  genotypes: Record<string, string[]>,
  sex?: 'male' | 'female',
): Profile {
  return createProfile({ id, kind, genotypes, ...(sex !== undefined ? { sex } : {}) });
}

/** Trio pedigree: father FA, mother MO, missing child MP. */
export const _TRIO: readonly PedigreeRecord[] = [
  { id: 'FA', father: null, mother: null, sex: 'male' },
  { id: 'MO', father: null, mother: null, sex: 'female' },
  { id: 'MP', father: 'FA', mother: 'MO', sex: 'male' },
];

/** Family F1 over the trio with FA → profile R-FA, MO → profile R-MO. */
export function _family(
  name = 'F1',
  members: Record<string, string> = { FA: 'R-FA', MO: 'R-MO' },
): FamilyInput {
  return { name, pedigree: _TRIO, missing: ['MP'], members };
}

/** A two-marker table. */
export const _TABLE = createFrequencyTable({
  population: 'demo',
  markers: {
    TH01: { alleles: ['6', '7', '8', '9.3'], frequencies: [0.2, 0.3, 0.1, 0.4], n: 1000 },
    D3S1358: { alleles: ['14', '15', '16', '17'], frequencies: [0.1, 0.3, 0.4, 0.2], n: 1000 },
  },
}).table;

/** Mutation entries of `_TABLE` that say "no mutation" at both markers (closed forms without mutation). */
export const _NO_MUTATION: ReadonlyMap<string, null> = new Map([
  ['TH01', null],
  ['D3S1358', null],
]);

/** Assert that `fn` throws a KindredError with this code, path and message fragment. */
export function _expectError(
  fn: () => unknown,
  code: KindredErrorCode,
  path: ErrorPath | undefined,
  fragment: string,
): KindredError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(KindredError);
    const err = e as KindredError;
    expect(err.code).toBe(code);
    if (path !== undefined) expect(err.path).toEqual(path);
    expect(err.message).toContain(fragment);
    return err;
  }
  expect.unreachable('expected a KindredError');
  throw new Error('unreachable');
}

/** Assert that `fn` rejects with a KindredError with this code, path and message fragment. */
export async function _expectAsyncError(
  fn: () => Promise<unknown>,
  code: KindredErrorCode,
  path: ErrorPath | undefined,
  fragment: string,
): Promise<KindredError> {
  try {
    await fn();
  } catch (e) {
    expect(e).toBeInstanceOf(KindredError);
    const err = e as KindredError;
    expect(err.code).toBe(code);
    if (path !== undefined) expect(err.path).toEqual(path);
    expect(err.message).toContain(fragment);
    return err;
  }
  expect.unreachable('expected a KindredError');
  throw new Error('unreachable');
}
