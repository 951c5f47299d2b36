/**
 * Entry of a search worker thread in Node: exposes the search worker API on `parentPort`
 * through comlink's node adapter. Built to `dist/workers/node-worker.js`; in development the
 * pool bundles this file on the fly (see `spawn-node.ts`).
 *
 * @module
 */

import { parentPort } from 'node:worker_threads';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { KindredError } from '../errors.js';
import { exposeSearchWorker } from './worker-api.js';

if (parentPort === null) {
  throw new KindredError('INVALID_ARGUMENT', 'node-worker.ts must run as a worker thread', {
    path: ['parentPort'],
  });
}
exposeSearchWorker(nodeEndpoint(parentPort));
