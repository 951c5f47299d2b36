/**
 * Rank every remains against every indexed missing person in one streaming pass (memory
 * O(remains·top + missing persons·top), never the full matrix): the best missing persons per
 * remains, the best remains per family, and the undisputed identifications.
 *
 * Undisputed (dvir's `findUndisputed`, non-strict, one pass): the pair V = M is undisputed with
 * threshold T when LR(V, M) ≥ T and LR(V, M) ≥ T · LR for every other sex-compatible pair
 * involving V or M (Vigeland & Egeland 2021, doi:10.1016/j.fsigen.2021.102562; dvir 3.x
 * documentation). Sex-mismatched pairs (flagged or excluded) are never competitors.
 *
 * @module
 */
import type { Candidate } from '../index/candidate.js';
import type { SearchIndex } from '../index/search-index.js';
import type { RankOptions, SearchHit } from './hit.js';
import { assembleRankAll } from './rank-assembly.js';
import { createRankState, type RankSource, storeTile, takeTile } from './rank-state.js';
import { entryKeyRanks, type RankView, runTile } from './tile-kernel.js';

/** Result of {@link rankAll}. */
export interface RankAllResult {
  /** Per remains id (sorted), its best missing persons. */
  readonly byRemains: ReadonlyMap<string, readonly SearchHit[]>;
  /** Per family name (sorted), its best remains over all its missing persons. */
  readonly byFamily: ReadonlyMap<string, readonly SearchHit[]>;
  /** Every undisputed pair, by remains id. */
  readonly undisputed: readonly SearchHit[];
}

/**
 * Rank all remains against all missing persons (see module doc): the ranking kernel
 * (`tile-kernel.ts`) over a single tile, on the calling thread.
 *
 * @param index - the search index
 * @param options - thresholds, undisputed factor, sex policy, priors, top (default 10), per-locus
 * @returns best hits per remains and per family, and the undisputed pairs
 * @throws KindredError `INVALID_ARGUMENT` for invalid options
 * @example
 * ```ts
 * rankAll(index).undisputed.map((h) => `${h.remains}=${h.missing}`); // => ['V2=M2']
 * ```
 */
export function rankAll(index: SearchIndex, options: RankOptions = {}): RankAllResult {
  const remains = [...index.remains].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const source: RankSource = { index, entries: index.entries, remains };
  const R = remains.length;
  const E = source.entries.length;
  const state = createRankState(source, options, { rowCuts: [0, R], colCuts: [0, E] });
  if (R > 0 && E > 0) {
    const tile = { i: 0, j: 0 };
    storeTile(state, runTile(indexView(source), state.search, takeTile(state, tile)));
  }
  return assembleRankAll(state);
}

/**
 * The kernel's view of a search index, scoring through the index's score store.
 *
 * @param source - the index, its entries and its remains in id order
 * @returns the view
 * @example
 * ```ts
 * indexView({ index, entries: index.entries, remains }).remainsOrder[1]; // => 1
 * ```
 */
export function indexView(source: RankSource): RankView {
  const { index, entries, remains } = source;
  const E = entries.length;
  let row = new Float64Array(0);
  return {
    entrySex: Uint8Array.from(entries, (e) => (e.sex === 'male' ? 1 : 2)),
    entryKeyRank: entryKeyRanks(entries),
    remainsSex: Uint8Array.from(remains, (c: Candidate) =>
      c.sex === undefined ? 0 : c.sex === 'male' ? 1 : 2,
    ),
    remainsOrder: Int32Array.from({ length: remains.length }, (_, r) => r),
    scoreRange(r: number, e0: number, e1: number, out: Float64Array): Float64Array {
      if (e0 === 0 && e1 === E) return index.score(remains[r]!, out);
      if (row.length < E) row = new Float64Array(E);
      index.score(remains[r]!, row);
      out.set(row.subarray(e0, e1));
      return out;
    },
  };
}
