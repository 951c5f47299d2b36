/**
 * `kindred/node`: what needs Node — search index files (`node:fs`) and the search pool's
 * worker threads started explicitly (`createSearchPool` picks them by default in Node). The
 * main entry `kindred` never imports this file.
 *
 * @module
 */

export { readIndexFile, writeIndexFile } from './search/index/index-file-node.js';
export type { NodeSpawnOptions } from './workers/spawn-node.js';
export { createNodeSpawner, resolveNodeWorkerScript } from './workers/spawn-node.js';
