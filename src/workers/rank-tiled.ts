/**
 * The tiled search on the calling thread: every tile of a grid run by the ranking kernel in
 * wavefront order, as the pool schedules them on workers (the reference the pool is tested
 * against: same result as rankAll, bit for bit, for any tile size).
 *
 * @module
 */
import type { RankOptions } from '../search/rank/hit.js';
import type { RankAllResult } from '../search/rank/rank-all.js';
import { assembleRankAll, prepareRowHits } from '../search/rank/rank-assembly.js';
import { createRankState, storeTile, takeTile } from '../search/rank/rank-state.js';
import { runTile } from '../search/rank/tile-kernel.js';
import type { SharedSearchIndex } from './packed-index.js';
import { unpackIndex } from './scoring-view.js';
import { createWavefront, planTiles, type TileSize } from './tile-plan.js';

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
  const grid = planTiles(shared.remains.length, shared.entries.length, 1, tile);
  const state = createRankState(shared, options, grid);
  const view = unpackIndex(shared.packed);
  const wave = createWavefront(grid);
  const lastColumn = grid.colCuts.length - 2;
  for (let pos = wave.next(); pos !== undefined; pos = wave.next()) {
    const task = runTile(view, state.search, takeTile(state, pos));
    storeTile(state, task);
    wave.complete(pos);
    // Rows of a finished tile-row are final: build their hits now, as the pool does.
    if (pos.j === lastColumn) prepareRowHits(state, task.r0, task.r1);
  }
  return assembleRankAll(state);
}
