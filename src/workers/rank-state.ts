/**
 * The main thread's side of a tiled search: the running row and column states of every remains
 * and entry (initialised as `rankAll` initialises them), copied out for a tile and stored back
 * when the tile returns, and an in-process runner that executes every tile in wavefront order
 * on the calling thread (the reference the worker pool is tested against, and its fallback for
 * searches too small to be worth a thread).
 *
 * @module
 */
import type { Sex } from '../pedigree/pedigree.js';
import type { IndexEntry } from '../search/index-family.js';
import type { RankAllResult } from '../search/rank-all.js';
import {
  _logPriors,
  type _Resolved,
  _resolveOptions,
  type RankOptions,
  type SearchHit,
} from '../search/rank-hit.js';
import type { SharedSearchIndex } from './packed-index.js';
import { assembleRankAll, prepareRowHits } from './rank-assembly.js';
import { unpackIndex } from './scoring-view.js';
import {
  runTile,
  STATE_WIDTH,
  type TileSearch,
  type TileTask,
  type TopLists,
} from './tile-kernel.js';
import {
  createWavefront,
  planTiles,
  type TileGrid,
  type TilePos,
  type TileSize,
} from './tile-plan.js';

/** Running states of a whole search (see `tile-kernel.ts` for their meaning). */
export interface RankState {
  readonly shared: SharedSearchIndex;
  readonly resolved: _Resolved;
  /** List length of the result (`top`, default 10). */
  readonly top: number;
  readonly search: TileSearch;
  readonly rows: Float64Array;
  readonly rowTop: TopLists;
  readonly cols: Float64Array;
  readonly colTop: TopLists;
  /** Hit lists built early per remains (`prepareRowHits`), not yet flagged undisputed. */
  readonly rowHits: (SearchHit[] | undefined)[];
}

const _SEXES: readonly (Sex | undefined)[] = [undefined, 'male', 'female'];

function _lists(owners: number, k: number): TopLists {
  return {
    count: new Int32Array(owners),
    index: new Int32Array(owners * k),
    lnLR: new Float64Array(owners * k),
  };
}

/**
 * Fresh states for searching `shared` with `options`, as rankAll starts: per remains
 * m = ln prior of "none" (s = 1, or 0 when that prior is 0), per entry max 0 and sum 1
 * (the "none" term of the family-side posterior), no best pairs, empty lists.
 *
 * @param shared - the packed snapshot
 * @param options - rankAll's options
 * @returns the states
 * @throws KindredError `INVALID_ARGUMENT` for invalid options (as rankAll)
 * @example
 * ```ts
 * createRankState(shareSearchIndex(index), { top: 3 }).search.rowK; // => min(3, entries)
 * ```
 */
export function createRankState(shared: SharedSearchIndex, options: RankOptions = {}): RankState {
  const resolved = _resolveOptions(options);
  const top = options.top ?? 10;
  const entries = shared.entries;
  const R = shared.remains.length;
  const E = entries.length;
  const priors = _SEXES.map((sex) =>
    _logPriors(entries, (e: IndexEntry) => sex === undefined || sex === e.sex, resolved),
  );
  const rows = new Float64Array(STATE_WIDTH * R);
  shared.remains.forEach((c, ri) => {
    const none = priors[c.sex === undefined ? 0 : c.sex === 'male' ? 1 : 2]!.logNone;
    rows.set(
      [none, none === Number.NEGATIVE_INFINITY ? 0 : 1, -Infinity, -Infinity, -1],
      STATE_WIDTH * ri,
    );
  });
  const cols = new Float64Array(STATE_WIDTH * E);
  for (let e = 0; e < E; e++) cols.set([0, 1, -Infinity, -Infinity, -1], STATE_WIDTH * e);
  const rowK = Math.min(top, E);
  const colK = Math.min(top, R);
  return {
    shared,
    resolved,
    top,
    search: {
      flag: resolved.flag,
      rowK,
      colK,
      logPrior: [priors[0]!.logPrior, priors[1]!.logPrior, priors[2]!.logPrior],
    },
    rows,
    rowTop: _lists(R, rowK),
    cols,
    colTop: _lists(E, colK),
    rowHits: new Array<SearchHit[] | undefined>(R),
  };
}

function _sliceLists(t: TopLists, from: number, to: number, k: number): TopLists {
  return {
    count: t.count.slice(from, to),
    index: t.index.slice(from * k, to * k),
    lnLR: t.lnLR.slice(from * k, to * k),
  };
}

function _storeLists(t: TopLists, part: TopLists, from: number, k: number): void {
  t.count.set(part.count, from);
  t.index.set(part.index, from * k);
  t.lnLR.set(part.lnLR, from * k);
}

/**
 * Copy the states a tile needs into a task (its own buffers, safe to transfer).
 *
 * @param state - the search states
 * @param grid - the tile grid
 * @param pos - the tile
 * @returns the task
 * @example
 * ```ts
 * sliceTile(state, planTiles(4, 6, 1, { remains: 2, entries: 3 }), { i: 1, j: 0 }).r0; // => 2
 * ```
 */
export function sliceTile(state: RankState, grid: TileGrid, pos: TilePos): TileTask {
  const r0 = grid.rowCuts[pos.i]!;
  const r1 = grid.rowCuts[pos.i + 1]!;
  const e0 = grid.colCuts[pos.j]!;
  const e1 = grid.colCuts[pos.j + 1]!;
  const W = STATE_WIDTH;
  return {
    r0,
    r1,
    e0,
    e1,
    rows: state.rows.slice(W * r0, W * r1),
    rowTop: _sliceLists(state.rowTop, r0, r1, state.search.rowK),
    cols: state.cols.slice(W * e0, W * e1),
    colTop: _sliceLists(state.colTop, e0, e1, state.search.colK),
  };
}

/**
 * Store a finished task's states back.
 *
 * @param state - the search states
 * @param task - a task returned by a worker (or by `runTile`)
 * @example
 * ```ts
 * storeTile(state, runTile(view, state.search, sliceTile(state, grid, pos))); // => undefined
 * ```
 */
export function storeTile(state: RankState, task: TileTask): void {
  state.rows.set(task.rows, STATE_WIDTH * task.r0);
  state.cols.set(task.cols, STATE_WIDTH * task.e0);
  _storeLists(state.rowTop, task.rowTop, task.r0, state.search.rowK);
  _storeLists(state.colTop, task.colTop, task.e0, state.search.colK);
}

/**
 * rankAll computed tile by tile on the calling thread (same result as rankAll, bit for bit).
 *
 * @param shared - the packed snapshot
 * @param options - rankAll's options
 * @param tile - tile size (default: the pool's plan for one thread)
 * @returns rankAll's result
 * @throws KindredError `INVALID_ARGUMENT` for invalid options
 * @example
 * ```ts
 * rankAllTiled(shareSearchIndex(index), {}, { remains: 2, entries: 3 }); // => rankAll(index)
 * ```
 */
export function rankAllTiled(
  shared: SharedSearchIndex,
  options: RankOptions = {},
  tile: TileSize = {},
): RankAllResult {
  const state = createRankState(shared, options);
  const grid = planTiles(shared.remains.length, shared.entries.length, 1, tile);
  const view = unpackIndex(shared.packed);
  const wave = createWavefront(grid);
  const lastColumn = grid.colCuts.length - 2;
  for (let pos = wave.next(); pos !== undefined; pos = wave.next()) {
    const task = runTile(view, state.search, sliceTile(state, grid, pos));
    storeTile(state, task);
    wave.complete(pos);
    // Rows of a finished tile-row are final: build their hits now, as the pool does.
    if (pos.j === lastColumn) prepareRowHits(state, task.r0, task.r1);
  }
  return assembleRankAll(state);
}
