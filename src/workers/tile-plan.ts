/**
 * Cutting the (remains × entries) matrix into tiles and handing them out in wavefront order:
 * tile (i, j) is ready once (i − 1, j) and (i, j − 1) are done, because it continues their row
 * and column states (see `search/rank/tile-kernel.ts`). Anti-diagonals of an n × n grid hold up to n tiles,
 * so with at least 4 tiles per side per thread every thread stays busy except for the first and
 * last few tiles.
 *
 * @module
 */
import { KindredError } from '../errors.js';

/** Tile size (remains × entries) requested by the caller; the default aims at ~2^18 pairs. */
export interface TileSize {
  readonly remains?: number;
  readonly entries?: number;
}

/** Tile boundaries: tile (i, j) is remains `rowCuts[i]..rowCuts[i+1]` × entries `colCuts[j]..`. */
export interface TileGrid {
  readonly rowCuts: readonly number[];
  readonly colCuts: readonly number[];
}

/** Pairs per tile the default plan aims at (~10–40 ms of scoring with 20–30 loci). */
export const TARGET_TILE_PAIRS = 1 << 18;

function _cuts(n: number, per: number): number[] {
  const cuts = [0];
  while (cuts[cuts.length - 1]! < n) cuts.push(Math.min(n, cuts[cuts.length - 1]! + per));
  return cuts;
}

function _checkSize(value: number | undefined, name: string): void {
  if (value !== undefined && !(Number.isInteger(value) && value >= 1)) {
    throw new KindredError(
      'INVALID_ARGUMENT',
      `Tile ${name} must be a positive integer, got ${value}`,
      {
        path: ['tile', name],
      },
    );
  }
}

/**
 * Cut `remains × entries` pairs into tiles for `threads` threads.
 *
 * @param remains - number of remains (rows)
 * @param entries - number of indexed missing persons (columns)
 * @param threads - worker threads that will share the tiles
 * @param size - explicit tile size (for tests and tuning)
 * @returns the grid (no tiles when either side is empty)
 * @throws KindredError `INVALID_ARGUMENT` for a tile size that is not a positive integer
 * @example
 * ```ts
 * planTiles(10, 10, 1, { remains: 4, entries: 5 }).rowCuts; // => [0, 4, 8, 10]
 * ```
 */
export function planTiles(
  remains: number,
  entries: number,
  threads: number,
  size: TileSize = {},
): TileGrid {
  _checkSize(size.remains, 'remains');
  _checkSize(size.entries, 'entries');
  if (remains === 0 || entries === 0) return { rowCuts: [0], colCuts: [0] };
  const minSide = 4 * Math.max(1, threads);
  const side = Math.sqrt(TARGET_TILE_PAIRS);
  const colsPer =
    size.entries ??
    Math.ceil(entries / Math.max(Math.ceil(entries / side), Math.min(entries, minSide)));
  const rowsPer =
    size.remains ??
    Math.min(
      Math.max(1, Math.ceil(TARGET_TILE_PAIRS / colsPer)),
      Math.ceil(remains / Math.min(remains, minSide)),
    );
  return { rowCuts: _cuts(remains, rowsPer), colCuts: _cuts(entries, colsPer) };
}

/** A tile position in the grid. */
export interface TilePos {
  readonly i: number;
  readonly j: number;
}

/** Hands out ready tiles of a grid in wavefront order. */
export interface Wavefront {
  /** A ready tile not yet handed out (lowest anti-diagonal first), or undefined. */
  next(): TilePos | undefined;
  /** Mark a handed-out tile done. */
  complete(tile: TilePos): void;
  /** Number of tiles. */
  readonly total: number;
  /** Number of completed tiles. */
  readonly completed: number;
}

/**
 * Schedule the tiles of `grid`: at most one tile per tile-row runs at a time, and tile (i, j)
 * only after (i − 1, j) and (i, j − 1).
 *
 * @param grid - the tile grid
 * @returns the scheduler
 * @example
 * ```ts
 * const w = createWavefront(planTiles(8, 8, 1, { remains: 4, entries: 4 }));
 * w.next(); // => { i: 0, j: 0 }
 * w.next(); // => undefined (both neighbours of (0, 0) wait for it)
 * ```
 */
export function createWavefront(grid: TileGrid): Wavefront {
  const nR = grid.rowCuts.length - 1;
  const nE = grid.colCuts.length - 1;
  const done = new Int32Array(nR);
  const busy = new Uint8Array(nR);
  let completed = 0;
  return {
    next(): TilePos | undefined {
      let pick = -1;
      for (let i = 0; i < nR; i++) {
        const j = done[i]!;
        if (busy[i] || j >= nE || (i > 0 && done[i - 1]! <= j)) continue;
        if (pick < 0 || i + j < pick + done[pick]!) pick = i;
      }
      if (pick < 0) return undefined;
      busy[pick] = 1;
      return { i: pick, j: done[pick]! };
    },
    complete(tile: TilePos): void {
      if (!busy[tile.i] || done[tile.i] !== tile.j) {
        throw new KindredError(
          'INVALID_ARGUMENT',
          `Tile (${tile.i}, ${tile.j}) was not handed out`,
          {
            path: ['tile'],
          },
        );
      }
      busy[tile.i] = 0;
      done[tile.i] = tile.j + 1;
      completed++;
    },
    total: nR * nE,
    get completed(): number {
      return completed;
    },
  };
}
