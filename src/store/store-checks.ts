/**
 * Argument checks and in-memory filters shared by the store implementations.
 *
 * @module
 */
import { KindredError } from '../errors.js';
import type { FrequencyTable } from '../frequencies/frequency-table.js';
import type { MutationSpec } from '../mutation/types.js';
import {
  MATCH_STATUSES,
  type MatchFilter,
  type MatchInput,
  type MatchRecord,
  type MatchStatus,
  type ProfileFilter,
  type PutFrequencyTableOptions,
  type StoredFrequencyTable,
  type StoredProfile,
  type StoreReader,
} from './profile-store.js';
import { compareMatches } from './store-records.js';

/**
 * Apply a profile filter to profiles already in id order.
 *
 * @example
 * ```ts
 * filterProfiles(all, { kind: 'remains', limit: 10 }).length <= 10; // => true
 * ```
 */
export function filterProfiles(
  list: readonly StoredProfile[],
  filter: ProfileFilter,
): StoredProfile[] {
  const kept = list.filter(
    (p) =>
      (filter.kind === undefined || p.profile.kind === filter.kind) &&
      (filter.searched === undefined || p.searched === filter.searched) &&
      (filter.withdrawn === undefined || (p.withdrawn !== undefined) === filter.withdrawn),
  );
  const offset = filter.offset ?? 0;
  return kept.slice(offset, filter.limit === undefined ? undefined : offset + filter.limit);
}

/**
 * Apply a match filter and sort (see `compareMatches`).
 *
 * @example
 * ```ts
 * filterMatches(all, { minLog10LR: 4 }).every((m) => (m.log10LR ?? -Infinity) >= 4); // => true
 * ```
 */
export function filterMatches(list: readonly MatchRecord[], filter: MatchFilter): MatchRecord[] {
  return list
    .filter(
      (m) =>
        (filter.minLog10LR === undefined ||
          (m.log10LR !== null && m.log10LR >= filter.minLog10LR)) &&
        (filter.status === undefined || m.status === filter.status) &&
        (filter.victim === undefined || m.victim === filter.victim) &&
        (filter.family === undefined || m.family === filter.family) &&
        (filter.withdrawn === undefined || m.withdrawn === filter.withdrawn),
    )
    .sort(compareMatches);
}

/**
 * Check a search result against the store: the victim is a stored remains profile, the family
 * exists and names that missing person, the log10LR is finite or null.
 *
 * @throws KindredError `STORE_ERROR` naming the victim, family or missing person
 */
export function checkMatchInput(match: MatchInput, reader: StoreReader): void {
  const path = ['matches', `${match.victim}/${match.family}/${match.missing}`];
  const victim = reader.getProfile(match.victim);
  if (victim === undefined) {
    throw new KindredError(
      'STORE_ERROR',
      `Match names victim "${match.victim}", who is not in the store`,
      {
        path,
      },
    );
  }
  const family = reader.getFamily(match.family);
  if (family === undefined || !family.missing.includes(match.missing)) {
    throw new KindredError(
      'STORE_ERROR',
      family === undefined
        ? `Match names family "${match.family}", which is not in the store`
        : `Match names "${match.missing}", who is not a missing person of family "${match.family}"`,
      { path },
    );
  }
  const p = match.posterior;
  if (p !== undefined && p !== null && !(Number.isFinite(p) && p >= 0 && p <= 1)) {
    throw new KindredError(
      'INVALID_ARGUMENT',
      `Match posterior must be a probability in [0, 1] or null, got ${String(p)}`,
      { path: [...path, 'posterior'] },
    );
  }
  if (match.log10LR !== null && !Number.isFinite(match.log10LR)) {
    throw new KindredError(
      'INVALID_ARGUMENT',
      `Match log10LR must be a finite number or null, got ${String(match.log10LR)}`,
      { path: [...path, 'log10LR'] },
    );
  }
}

/**
 * Check a review: the match exists, the status is known, the note is a string.
 *
 * @returns the match as it is now
 * @throws KindredError `STORE_ERROR` (unknown id), `INVALID_ARGUMENT` (status, note)
 */
export function checkReview(
  id: number,
  status: MatchStatus,
  note: string | undefined,
  reader: StoreReader,
): MatchRecord {
  const old = reader.getMatch(id);
  if (old === undefined) {
    throw new KindredError('STORE_ERROR', `There is no match with id ${id}`, {
      path: ['matches', id],
    });
  }
  if (!MATCH_STATUSES.includes(status)) {
    throw new KindredError(
      'INVALID_ARGUMENT',
      `Match status must be one of ${MATCH_STATUSES.join(', ')}, got ${JSON.stringify(status)}`,
      { path: ['matches', id, 'status'] },
    );
  }
  if (note !== undefined && typeof note !== 'string') {
    throw new KindredError('INVALID_ARGUMENT', 'Match note must be a string', {
      path: ['matches', id, 'note'],
    });
  }
  return old;
}

/**
 * Check the options of `putFrequencyTable`: theta in [0, 1), mutation models only for markers
 * of the table.
 *
 * @returns the mutation map (empty by default) and theta (0 by default)
 * @throws KindredError `INVALID_ARGUMENT`
 */
export function checkTableOptions(
  table: FrequencyTable,
  options: PutFrequencyTableOptions,
): { mutation: ReadonlyMap<string, MutationSpec>; theta: number } {
  const theta = options.theta ?? 0;
  if (!(Number.isFinite(theta) && theta >= 0 && theta < 1)) {
    throw new KindredError('INVALID_ARGUMENT', `theta must be in [0, 1), got ${String(theta)}`, {
      path: ['tables', table.population, 'theta'],
    });
  }
  const mutation = new Map(options.mutation ?? []);
  for (const marker of mutation.keys()) {
    if (!table.markers.has(marker)) {
      throw new KindredError(
        'INVALID_ARGUMENT',
        `Mutation model given for marker ${marker}, which is not in the table of population "${table.population}"`,
        { path: ['tables', table.population, 'mutation', marker] },
      );
    }
  }
  return { mutation, theta };
}

/** True when a stored table equals a new one (markers, frequencies, n, mutation, theta). */
export function sameTable(
  stored: StoredFrequencyTable,
  table: FrequencyTable,
  mutation: ReadonlyMap<string, MutationSpec>,
  theta: number,
): boolean {
  const key = (t: FrequencyTable, m: ReadonlyMap<string, MutationSpec>, th: number) =>
    JSON.stringify([[...t.markers], [...m], th, t.source ?? null]);
  return key(stored.table, stored.mutation, stored.theta) === key(table, mutation, theta);
}
