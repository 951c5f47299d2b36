/**
 * Drop-out and drop-in in the store (`spec/degraded-dna.md`), shared by both store
 * implementations: a profile may have an observation of its own, and each profile kind a
 * default; the observation a search uses for a profile is its own, else its kind's default,
 * else none (d = c = 0). Values are checked here, compared, and kept as JSON text.
 *
 * @module
 */
import { KindredError } from '../errors.js';
import { isDegraded, type SampleObservation } from '../profile/observation.js';
import { PROFILE_KINDS, type ProfileKind } from '../profile/profile.js';
import type { StoredProfile, StoreReader } from './profile-store.js';

/**
 * Check an observation: `dropout` and `dropin` each a number in [0, 1) (`dropin` may be left
 * out: 0).
 *
 * @param value - what the caller gave
 * @param what - the sample or setting, named in the error (`profile "V1"`)
 * @param path - error path
 * @returns the observation with both fields
 * @throws KindredError `INVALID_ARGUMENT` naming the field and value
 * @example
 * ```ts
 * checkObservation({ dropout: 0.3 }, 'profile "V1"', ['profiles', 'V1']); // => { dropout: 0.3, dropin: 0 }
 * ```
 */
export function checkObservation(
  value: { readonly dropout?: unknown; readonly dropin?: unknown } | null | undefined,
  what: string,
  path: readonly (string | number)[],
): SampleObservation {
  if (value === null || typeof value !== 'object') {
    throw new KindredError(
      'INVALID_ARGUMENT',
      `The observation of ${what} must be { dropout, dropin }, got ${JSON.stringify(value)}`,
      { path: [...path, 'observation'] },
    );
  }
  const extra = Object.keys(value).find((k) => k !== 'dropout' && k !== 'dropin');
  if (extra !== undefined) {
    throw new KindredError(
      'INVALID_ARGUMENT',
      `The observation of ${what} has field "${extra}"; it has only dropout and dropin`,
      { path: [...path, 'observation', extra] },
    );
  }
  const field = (name: 'dropout' | 'dropin'): number => {
    const v = value[name] ?? 0;
    if (typeof v !== 'number' || !(v >= 0 && v < 1)) {
      throw new KindredError(
        'INVALID_ARGUMENT',
        `The ${name} of ${what} is ${JSON.stringify(v)}; expected a number in [0, 1)`,
        { path: [...path, 'observation', name] },
      );
    }
    return v;
  };
  return Object.freeze({ dropout: field('dropout'), dropin: field('dropin') });
}

/**
 * Check a profile kind named for a default observation.
 *
 * @throws KindredError `INVALID_ARGUMENT` for anything but a profile kind
 */
export function checkKind(kind: unknown): ProfileKind {
  if (!PROFILE_KINDS.includes(kind as ProfileKind)) {
    throw new KindredError(
      'INVALID_ARGUMENT',
      `Profile kind ${JSON.stringify(kind)} is not one of ${PROFILE_KINDS.join(', ')}`,
      { path: ['settings', 'observation', String(kind)] },
    );
  }
  return kind as ProfileKind;
}

/**
 * True when two (optional) observations are the same.
 *
 * @example
 * ```ts
 * sameObservation({ dropout: 0.2, dropin: 0 }, undefined); // => false
 * ```
 */
export function sameObservation(
  a: SampleObservation | null | undefined,
  b: SampleObservation | null | undefined,
): boolean {
  if (a == null || b == null) return (a ?? null) === (b ?? null);
  return a.dropout === b.dropout && a.dropin === b.dropin;
}

/** An observation as the JSON text a row keeps (NULL when none). */
export function observationToText(o: SampleObservation | null | undefined): string | null {
  return o == null ? null : JSON.stringify({ dropout: o.dropout, dropin: o.dropin });
}

/** An observation back from its row text (trusted: checked before it was written). */
export function observationFromText(text: string): SampleObservation {
  const o = JSON.parse(text) as SampleObservation;
  return Object.freeze({ dropout: o.dropout, dropin: o.dropin });
}

/** The history key of a kind's default observation. */
export function defaultObservationKey(kind: ProfileKind): string {
  return `observation:${kind}`;
}

/**
 * The drop-out and drop-in a search uses for a stored profile: its own, else its kind's
 * default, else undefined (d = c = 0).
 *
 * @example
 * ```ts
 * effectiveObservation(store, store.getProfile('V1')!); // => { dropout: 0.3, dropin: 0 }
 * ```
 */
export function effectiveObservation(
  store: Pick<StoreReader, 'getDefaultObservation'>,
  stored: StoredProfile,
): SampleObservation | undefined {
  return stored.observation ?? store.getDefaultObservation(stored.profile.kind);
}

/**
 * The effective observation of a profile when it is degraded (d > 0 or c > 0), else undefined:
 * what the search index is given.
 */
export function degradedObservation(
  store: Pick<StoreReader, 'getDefaultObservation'>,
  stored: StoredProfile,
): SampleObservation | undefined {
  const o = effectiveObservation(store, stored);
  return isDegraded(o) ? o : undefined;
}
