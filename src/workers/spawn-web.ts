/**
 * Starting search workers as browser module Web Workers. The worker script is the bundled
 * `browser-worker.ts`; by default it is looked for next to the bundle that contains this code
 * (`./browser-worker.js`), or wherever `workerUrl` says.
 *
 * @module
 */
import { wrap } from 'comlink';
import type { SearchWorkerApi } from './worker-api.js';
import { deathNotice, type SpawnWorker, type WorkerHandle } from './worker-handle.js';

/**
 * A spawner of module Web Workers.
 *
 * @param workerUrl - URL of the bundled worker script (default `./browser-worker.js` relative to
 *   this module)
 * @returns the spawner; a worker's `error` event (uncaught error, failed load) counts as a crash
 * @example
 * ```ts
 * createSearchPool({ spawn: createWebSpawner(new URL('./browser-worker.js', location.href)) });
 * ```
 */
export function createWebSpawner(workerUrl?: string | URL): SpawnWorker {
  const url = workerUrl ?? new URL('./browser-worker.js', import.meta.url);
  return async (slot: number): Promise<WorkerHandle> => {
    const worker = new Worker(url, { type: 'module', name: `kindred-search-${slot}` });
    const { died, crash } = deathNotice();
    let stopped = false;
    const onError = (ev: Event): void => {
      ev.preventDefault();
      if (stopped) return;
      const message = ev instanceof ErrorEvent && ev.message !== '' ? `: ${ev.message}` : '';
      stopped = true;
      worker.terminate();
      crash(`Search worker ${slot} failed${message}`);
    };
    worker.addEventListener('error', onError);
    worker.addEventListener('messageerror', onError);
    return {
      api: wrap<SearchWorkerApi>(worker),
      died,
      terminate: async () => {
        stopped = true;
        worker.terminate();
      },
      setBusy: () => undefined,
    };
  };
}
