/**
 * A running search worker as the pool sees it, independent of the platform: its comlink proxy,
 * a promise that rejects when it dies on its own, and a way to stop it.
 *
 * @module
 */
import type { Remote } from 'comlink';
import { KindredError } from '../errors.js';
import type { SearchWorkerApi } from './worker-api.js';

/** A live worker (see module doc). */
export interface WorkerHandle {
  /** The worker's API through comlink. */
  readonly api: Remote<SearchWorkerApi>;
  /**
   * Rejects with KindredError `WORKER_CRASHED` when the worker dies without {@link terminate}
   * (uncaught error, `process.exit`, out of memory); never resolves.
   */
  readonly died: Promise<never>;
  /** Stop the worker; resolves once its thread has exited. */
  terminate(): Promise<void>;
  /** Whether the worker keeps the process alive (busy) or not (idle); a no-op in browsers. */
  setBusy(busy: boolean): void;
}

/** Start worker number `slot` (0-based) of a pool. */
export type SpawnWorker = (slot: number) => Promise<WorkerHandle>;

/**
 * A `died` promise and the function that triggers it, with a rejection handler attached so an
 * unobserved crash is not an unhandled rejection.
 *
 * @returns the promise and `crash(detail)`, which rejects it with `WORKER_CRASHED` (once)
 * @example
 * ```ts
 * const { died, crash } = deathNotice();
 * crash('Search worker 0 stopped with exit code 1'); // died rejects with code 'WORKER_CRASHED'
 * ```
 */
export function deathNotice(): { died: Promise<never>; crash(detail: string): void } {
  let reject: (e: KindredError) => void = () => undefined;
  const died = new Promise<never>((_, r) => {
    reject = r;
  });
  died.catch(() => undefined);
  return { died, crash: (detail) => reject(new KindredError('WORKER_CRASHED', detail)) };
}
