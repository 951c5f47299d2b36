/**
 * The provenance (`kindred-provenance/1`, docs/provenance.md) a stored match was computed with:
 * the match's last result entry in the history points at its search (`{ search: seq }`), whose
 * entry keeps, per population searched, the provenance of that search. Matches recorded before
 * provenance was kept have none.
 *
 * @module
 */
import type { Provenance } from '../provenance/provenance.js';
import type { MatchRecord, StoreReader } from './profile-store.js';

/**
 * The provenance of a stored match's current LR.
 *
 * @param store - any store reader
 * @param match - a match of that store
 * @returns the provenance of the search that computed its LR, or null when the store has none
 *   (a match recorded before provenance was kept, or by a caller that gave none)
 * @example
 * ```ts
 * matchProvenance(store, store.getMatch(1)!)?.computation; // => 'kindred db search'
 * ```
 */
export function matchProvenance(store: StoreReader, match: MatchRecord): Provenance | null {
  const results = store
    .listHistory({ entity: 'match', key: String(match.id) })
    .filter((e) => e.provenance !== undefined);
  const pointer = results.at(-1)?.provenance as { search?: unknown } | undefined;
  if (pointer === undefined || typeof pointer.search !== 'number') return null;
  const search = store.listHistory({ entity: 'search' }).find((e) => e.seq === pointer.search);
  const tables = (search?.data as { tables?: Record<string, { provenance?: unknown }> } | undefined)
    ?.tables;
  if (tables === undefined) return null;
  const family = store.getFamily(match.family);
  const populations = Object.keys(tables);
  const population = family?.population ?? (populations.length === 1 ? populations[0] : undefined);
  const p = population === undefined ? undefined : tables[population]?.provenance;
  return p === undefined ? null : (p as Provenance);
}
