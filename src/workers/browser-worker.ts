/**
 * Entry of a search worker in the browser (a module Web Worker): exposes the search worker API
 * on the worker's global scope through comlink. Bundle it (e.g. with esbuild) next to the page
 * script and pass its URL to `createSearchPool({ workerUrl })`.
 *
 * @module
 */
import type { Endpoint } from 'comlink';
import { exposeSearchWorker } from './worker-api.js';

exposeSearchWorker(globalThis as unknown as Endpoint);
