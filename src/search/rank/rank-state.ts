/**
 * The running row and column states of a ranking (see `tile-kernel.ts`), initialised for a
 * fresh search, in blocks that a tile takes along and gives back: one block per tile-row
 * (remains) and per tile-column (entries). `rankAll` uses one block each; the worker pool one
 * per tile-row and tile-column of its grid.
 *
 * @module
 */
import type { Sex } from '../../pedigree/pedigree.js';
import type { Candidate } from '../index/candidate.js';
import type { IndexEntry } from '../index/family.js';
import type { SearchIndex } from '../index/search-index.js';
import {
  _logPriors,
  type _Resolved,
  _resolveOptions,
  type RankOptions,
  type SearchHit,
} from './hit.js';
import { STATE_WIDTH, type TileSearch, type TileTask, type TopLists } from './tile-kernel.js';

/**
 * The running states of one block of remains (a tile-row) or entries (a tile-column): STATE_WIDTH
 * values and a best-first list per remains or entry. Only one tile of a tile-row (or column) runs
 * at a time, so a tile takes its blocks' arrays with it (transferred, not copied) and gives them
 * back when it returns ({@link storeTile}).
 */
export interface StateBlock {
  /** First remains or entry of the block. */
  readonly start: number;
  /** End (exclusive). */
  readonly end: number;
  state: Float64Array;
  top: TopLists;
}

/** What a ranking runs over: the index, its entries (index order) and its remains in id order. */
export interface RankSource {
  readonly index: SearchIndex;
  readonly entries: readonly IndexEntry[];
  /** The remains, sorted by id (the kernel's row order). */
  readonly remains: readonly Candidate[];
}

/** The cuts of a tile grid: block boundaries of remains and of entries (0, …, count). */
export interface TileCuts {
  readonly rowCuts: readonly number[];
  readonly colCuts: readonly number[];
}

/** A tile of the grid: tile-row `i`, tile-column `j`. */
export interface TileAt {
  readonly i: number;
  readonly j: number;
}

/** Running states of a whole search (see `tile-kernel.ts` for their meaning). */
export interface RankState {
  readonly source: RankSource;
  readonly resolved: _Resolved;
  /** List length of the result (`top`, default 10). */
  readonly top: number;
  readonly search: TileSearch;
  readonly grid: TileCuts;
  /** One block per tile-row (remains) and per tile-column (entries). */
  readonly rowBlocks: readonly StateBlock[];
  readonly colBlocks: readonly StateBlock[];
  /** Block of each remains and of each entry. */
  readonly rowBlockOf: Int32Array;
  readonly colBlockOf: Int32Array;
  /** Hit lists built early per remains (`prepareRowHits`), not yet flagged undisputed. */
  readonly rowHits: (SearchHit[] | undefined)[];
}

const _SEXES: readonly (Sex | undefined)[] = [undefined, 'male', 'female'];

function _blocks(
  cuts: readonly number[],
  k: number,
  init: (i: number) => readonly number[],
): { blocks: StateBlock[]; of: Int32Array } {
  const n = cuts[cuts.length - 1]!;
  const of = new Int32Array(n);
  const blocks = cuts.slice(1).map((end, b) => {
    const start = cuts[b]!;
    const state = new Float64Array(STATE_WIDTH * (end - start));
    for (let i = start; i < end; i++) {
      state.set(init(i), STATE_WIDTH * (i - start));
      of[i] = b;
    }
    const top = {
      count: new Int32Array(end - start),
      index: new Int32Array((end - start) * k),
      lnLR: new Float64Array((end - start) * k),
    };
    return { start, end, state, top };
  });
  return { blocks, of };
}

/**
 * Fresh states for ranking `source` with `options` on `grid`: per remains
 * m = ln prior of "none" (s = 1, or 0 when that prior is 0), per entry max 0 and sum 1 (the
 * "none" term of the family-side posterior), no best pairs, empty lists.
 *
 * @param source - the index, its entries and its remains in id order (a packed snapshot is one)
 * @param options - the ranking options
 * @param grid - the tile grid (its cuts make the blocks)
 * @returns the states
 * @throws KindredError `INVALID_ARGUMENT` for invalid options
 * @example
 * ```ts
 * createRankState(source, { top: 3 }, grid).search.rowK; // => min(3, entries)
 * ```
 */
export function createRankState(
  source: RankSource,
  options: RankOptions,
  grid: TileCuts,
): RankState {
  const resolved = _resolveOptions(options);
  const top = options.top ?? 10;
  const entries = source.entries;
  const R = source.remains.length;
  const E = entries.length;
  const priors = _SEXES.map((sex) =>
    _logPriors(entries, (e: IndexEntry) => sex === undefined || sex === e.sex, resolved),
  );
  const rowK = Math.min(top, E);
  const colK = Math.min(top, R);
  // A grid without tiles (no remains or no entries) still needs the states of the other side.
  const tiled = grid.rowCuts.length > 1 && grid.colCuts.length > 1;
  const rows = _blocks(tiled ? grid.rowCuts : [0, R], rowK, (ri) => {
    const c = source.remains[ri]!;
    const none = priors[c.sex === undefined ? 0 : c.sex === 'male' ? 1 : 2]!.logNone;
    return [none, none === Number.NEGATIVE_INFINITY ? 0 : 1, -Infinity, -Infinity, -1];
  });
  const cols = _blocks(tiled ? grid.colCuts : [0, E], colK, () => [0, 1, -Infinity, -Infinity, -1]);
  return {
    source,
    resolved,
    top,
    search: {
      flag: resolved.flag,
      rowK,
      colK,
      logPrior: [priors[0]!.logPrior, priors[1]!.logPrior, priors[2]!.logPrior],
    },
    grid,
    rowBlocks: rows.blocks,
    colBlocks: cols.blocks,
    rowBlockOf: rows.of,
    colBlockOf: cols.of,
    rowHits: new Array<SearchHit[] | undefined>(R),
  };
}

/**
 * The task of tile `pos`: its row and column blocks' arrays, handed over (not copied); transfer
 * them to a worker, or run the tile in place, then give them back with {@link storeTile}.
 *
 * @param state - the search states
 * @param pos - the tile
 * @returns the task
 * @example
 * ```ts
 * takeTile(state, { i: 1, j: 0 }).r0; // => state.grid.rowCuts[1]
 * ```
 */
export function takeTile(state: RankState, pos: TileAt): TileTask {
  const rb = state.rowBlocks[pos.i]!;
  const cb = state.colBlocks[pos.j]!;
  return {
    r0: rb.start,
    r1: rb.end,
    e0: cb.start,
    e1: cb.end,
    rows: rb.state,
    rowTop: rb.top,
    cols: cb.state,
    colTop: cb.top,
  };
}

/**
 * Give a finished task's arrays back to its blocks.
 *
 * @param state - the search states
 * @param task - a task returned by a worker (or by `runTile`)
 * @example
 * ```ts
 * storeTile(state, runTile(view, state.search, takeTile(state, pos))); // => undefined
 * ```
 */
export function storeTile(state: RankState, task: TileTask): void {
  const rb = state.rowBlocks[state.rowBlockOf[task.r0]!]!;
  const cb = state.colBlocks[state.colBlockOf[task.e0]!]!;
  rb.state = task.rows;
  rb.top = task.rowTop;
  cb.state = task.cols;
  cb.top = task.colTop;
}

/**
 * Where the state of remains `ri` (or entry `e`, with `side` 'col') lives: its block's arrays and
 * its position in them.
 *
 * @param state - the search states
 * @param side - 'row' for a remains, 'col' for an entry
 * @param i - the remains or entry
 * @returns the block's state values, list, and the local position
 * @example
 * ```ts
 * stateOf(state, 'row', 0).o; // => 0
 * ```
 */
export function stateOf(
  state: RankState,
  side: 'row' | 'col',
  i: number,
): { readonly s: Float64Array; readonly top: TopLists; readonly o: number } {
  const b =
    side === 'row'
      ? state.rowBlocks[state.rowBlockOf[i]!]!
      : state.colBlocks[state.colBlockOf[i]!]!;
  return { s: b.state, top: b.top, o: i - b.start };
}
