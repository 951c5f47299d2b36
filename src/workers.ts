/**
 * `kindred/workers`: the search pool and its parts — Web Worker spawning, memory sharing,
 * tile sizes, the transfer of `KindredError` through comlink. Browser-safe; Node worker threads
 * are in `kindred/node` (and the pool's default in Node).
 *
 * @module
 */

export { registerKindredErrorTransfer } from './workers/error-transfer.js';
export type { SharedSearchIndex } from './workers/packed-index.js';
export { canShareMemory, shareSearchIndex } from './workers/packed-index.js';
export type {
  SearchControl,
  SearchPool,
  SearchPoolOptions,
  SearchProgress,
} from './workers/search-pool.js';
export {
  createSearchPool,
  DEFAULT_TASK_TIMEOUT_MS,
  defaultThreadCount,
} from './workers/search-pool.js';
export { createWebSpawner } from './workers/spawn-web.js';
export type { TileSize } from './workers/tile-plan.js';
export type { SpawnWorker, WorkerHandle } from './workers/worker-handle.js';
