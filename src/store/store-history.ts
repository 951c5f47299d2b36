/**
 * The history's plain-JSON forms, shared by both store implementations: the whole version of a
 * profile, family, table or match as a history entry keeps it, the extra fields of a profile
 * record (kept as they are, or refused when they are not plain JSON, never dropped), and the
 * checks of a withdrawal.
 *
 * @module
 */
import { KindredError } from '../errors.js';
import type { FrequencyTable } from '../frequencies/frequency-table.js';
import type { MutationSpec } from '../mutation/types.js';
import type { SampleObservation } from '../profile/observation.js';
import type { Profile } from '../profile/profile.js';
import type { MatchRecord, StoredFamily, Withdrawal, WriteContext } from './profile-store.js';
import type { CheckedFamily } from './store-records.js';

/** The fields of a profile record that have columns of their own. */
const PROFILE_FIELDS = new Set(['id', 'kind', 'sex', 'genotypes']);

/** Fields a profile record cannot carry as extras: the store keeps them itself. */
const RESERVED_FIELDS = new Set(['observation', 'source', 'withdrawn']);

/**
 * The fields of a profile record beyond id, kind, sex and genotypes, as plain JSON, so a store
 * keeps the whole record. `observation`, `source` and `withdrawn` are the store's own (and
 * would be confused with them in the history), so a profile carrying them is refused.
 *
 * @returns the extra fields (empty object when none)
 * @throws KindredError `STORE_ERROR` when a field is not plain JSON (a Map, a function, a
 *   non-finite number, …) or is one of the store's own: the store refuses it rather than drop it
 * @example
 * ```ts
 * profileExtra(createProfile({ id: 'V1', kind: 'remains', genotypes: {} })); // => {}
 * ```
 */
export function profileExtra(profile: Profile): Record<string, unknown> {
  const extra: Record<string, unknown> = {};
  for (const key of Object.keys(profile)) {
    if (PROFILE_FIELDS.has(key)) continue;
    const value = (profile as unknown as Record<string, unknown>)[key];
    if (value === undefined) continue;
    if (RESERVED_FIELDS.has(key)) {
      throw new KindredError(
        'STORE_ERROR',
        `Profile "${profile.id}" has field "${key}", which the store keeps itself${key === 'observation' ? " (give it with putProfile's observation option or setObservation)" : ''}; it is refused rather than stored as a profile field`,
        { path: ['profiles', profile.id, key] },
      );
    }
    if (!_isPlainJson(value)) {
      throw new KindredError(
        'STORE_ERROR',
        `Profile "${profile.id}" has field "${key}" that this store cannot keep (not plain JSON); it is refused rather than dropped`,
        { path: ['profiles', profile.id, key] },
      );
    }
    extra[key] = value;
  }
  return extra;
}

function _isPlainJson(v: unknown): boolean {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  if (Array.isArray(v)) return v.every(_isPlainJson);
  if (typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return false;
  return Object.values(v as object).every(_isPlainJson);
}

/**
 * A profile version as the history keeps it (with its own drop-out and drop-in, when it has
 * them: `observation: { dropout, dropin }`).
 */
export function profileVersion(
  profile: Profile,
  source: string | undefined,
  observation?: SampleObservation,
): unknown {
  return {
    id: profile.id,
    kind: profile.kind,
    ...(profile.sex !== undefined ? { sex: profile.sex } : {}),
    genotypes: [...profile.genotypes],
    ...profileExtra(profile),
    ...(source !== undefined ? { source } : {}),
    ...(observation !== undefined
      ? { observation: { dropout: observation.dropout, dropin: observation.dropin } }
      : {}),
  };
}

/** A family version as the history keeps it. */
export function familyVersion(f: CheckedFamily | StoredFamily): unknown {
  return {
    name: f.name,
    pedigree: f.pedigree,
    missing: f.missing,
    members: [...f.members],
    ...(f.population !== undefined ? { population: f.population } : {}),
    ...(f.source !== undefined ? { source: f.source } : {}),
  };
}

/** A table version as the history keeps it. */
export function tableVersion(
  table: FrequencyTable,
  mutation: ReadonlyMap<string, MutationSpec>,
  theta: number,
): unknown {
  return {
    population: table.population,
    markers: [...table.markers],
    mutation: [...mutation],
    theta,
    ...(table.source !== undefined ? { source: table.source } : {}),
  };
}

/** A match version as the history keeps it. */
export function matchVersion(m: MatchRecord): unknown {
  return {
    victim: m.victim,
    family: m.family,
    missing: m.missing,
    log10LR: m.log10LR,
    posterior: m.posterior,
    undisputed: m.undisputed,
    status: m.status,
    note: m.note,
  };
}

/**
 * Check a withdrawal: a non-empty reason, and a record that is not withdrawn already.
 *
 * @throws KindredError `INVALID_ARGUMENT` (no reason), `STORE_ERROR` (already withdrawn)
 */
export function checkWithdrawal(
  what: 'Profile' | 'Family',
  id: string,
  reason: unknown,
  current: { readonly withdrawn?: Withdrawal } | undefined,
): void {
  const path = [what === 'Profile' ? 'profiles' : 'families', id];
  if (current === undefined) {
    throw new KindredError('STORE_ERROR', `${what} "${id}" is not in the store`, { path });
  }
  if (typeof reason !== 'string' || reason.trim() === '') {
    throw new KindredError(
      'INVALID_ARGUMENT',
      `Withdrawing ${what.toLowerCase()} "${id}" needs a reason`,
      { path: [...path, 'reason'] },
    );
  }
  if (current.withdrawn !== undefined) {
    throw new KindredError(
      'STORE_ERROR',
      `${what} "${id}" was withdrawn on ${current.withdrawn.at} by ${current.withdrawn.user} (${current.withdrawn.reason})`,
      { path },
    );
  }
}

/**
 * The error of a write to a withdrawn record (it cannot change; its history is closed).
 *
 * @example
 * ```ts
 * withdrawnError('Profile', 'V1', w).code; // => 'STORE_ERROR'
 * ```
 */
export function withdrawnError(
  what: 'Profile' | 'Family',
  id: string,
  w: Withdrawal,
): KindredError {
  return new KindredError(
    'STORE_ERROR',
    `${what} "${id}" was withdrawn on ${w.at} by ${w.user} (${w.reason}) and cannot be changed or used again`,
    { path: [what === 'Profile' ? 'profiles' : 'families', id] },
  );
}

/**
 * The user and reason of a write, checked: a user is a non-empty string without control
 * characters, a reason a string.
 *
 * @param context - what the caller gave
 * @param defaultUser - the store's user when the context names none
 * @throws KindredError `INVALID_ARGUMENT`
 * @example
 * ```ts
 * checkWriteContext({ reason: 'lab batch 7' }, 'ana'); // => { user: 'ana', reason: 'lab batch 7' }
 * ```
 */
export function checkWriteContext(
  context: WriteContext | undefined,
  defaultUser: string,
): { user: string; reason: string } {
  const user = context?.user ?? defaultUser;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (typeof user !== 'string' || user.trim() === '' || /[\u0000-\u001f\u007f]/.test(user)) {
    throw new KindredError(
      'INVALID_ARGUMENT',
      `The acting user must be a non-empty name without control characters, got ${JSON.stringify(user)}`,
      { path: ['user'] },
    );
  }
  const reason = context?.reason ?? '';
  if (typeof reason !== 'string') {
    throw new KindredError('INVALID_ARGUMENT', 'The reason of a write must be a string', {
      path: ['reason'],
    });
  }
  return { user, reason };
}

/** The history action of a review: the new status, or `note` when only the note changed. */
export function reviewAction(
  old: MatchRecord,
  now: MatchRecord,
): 'confirmed' | 'rejected' | 'reopened' | 'note' {
  if (old.status === now.status) return 'note';
  return now.status === 'confirmed'
    ? 'confirmed'
    : now.status === 'rejected'
      ? 'rejected'
      : 'reopened';
}
