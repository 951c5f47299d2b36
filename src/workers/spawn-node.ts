/**
 * Starting search workers as Node `worker_threads`, connected through comlink's node adapter.
 *
 * Which script runs in the thread: `workerUrl` when given; else, from the built package,
 * `dist/workers/node-worker.js` (found relative to the file that holds this code, which tsup may
 * have put in `dist/`, `dist/cli/` or `dist/workers/`); else, when this code runs from the
 * TypeScript sources (vitest, tsx), `node-worker.ts` bundled once per process with esbuild into
 * a content-addressed file in the temporary directory. (Node 20 does not apply a `--import tsx`
 * loader to a worker's entry file, and registering tsx inside every worker costs about a second
 * and tens of MB each.)
 *
 * @module
 */

import { createHash } from 'node:crypto';
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { wrap } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { KindredError } from '../errors.js';
import type { SearchWorkerApi } from './worker-api.js';
import { deathNotice, type SpawnWorker, type WorkerHandle } from './worker-handle.js';

/** Candidate locations of the built worker, relative to the module holding this code. */
const _BUILT = ['./node-worker.js', './workers/node-worker.js', '../workers/node-worker.js'];

let _devScript: Promise<URL> | undefined;

/** Bundle node-worker.ts with esbuild (development only; esbuild comes with tsx and tsup). */
async function _bundleDevWorker(entry: string): Promise<URL> {
  const name = 'esbuild';
  let esbuild: typeof import('esbuild');
  try {
    esbuild = (await import(name)) as typeof import('esbuild');
  } catch (cause) {
    throw new KindredError(
      'UNSUPPORTED',
      'Running the worker pool from TypeScript sources needs esbuild (a dependency of tsx and tsup); build the package or install esbuild',
      { cause },
    );
  }
  const out = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    logLevel: 'silent',
  });
  const text = out.outputFiles[0]!.text;
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
  const file = join(tmpdir(), `kindred-search-worker-${hash}.mjs`);
  if (!existsSync(file)) {
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  }
  return pathToFileURL(file);
}

/**
 * The URL of the script a Node search worker runs (see module doc).
 *
 * @returns a file URL
 * @throws KindredError `IO_ERROR` when the built worker cannot be found; `UNSUPPORTED` when
 *   running from sources without esbuild
 * @example
 * ```ts
 * (await resolveNodeWorkerScript()).protocol; // => 'file:'
 * ```
 */
export async function resolveNodeWorkerScript(): Promise<URL> {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    _devScript ??= _bundleDevWorker(fileURLToPath(new URL('./node-worker.ts', here)));
    _devScript.catch(() => {
      _devScript = undefined;
    });
    return _devScript;
  }
  for (const rel of _BUILT) {
    const url = new URL(rel, here);
    if (existsSync(fileURLToPath(url))) return url;
  }
  throw new KindredError(
    'IO_ERROR',
    `Cannot find the search worker script (workers/node-worker.js) next to ${fileURLToPath(here)}`,
  );
}

/** Options of {@link createNodeSpawner}. */
export interface NodeSpawnOptions {
  /** Script the threads run (default: see module doc). */
  readonly workerUrl?: string | URL;
}

/**
 * A spawner of Node worker threads running the search worker.
 *
 * @param options - the worker script
 * @returns the spawner; a thread that exits without being terminated (uncaught error,
 *   `process.exit`, out of memory) rejects its `died` promise with `WORKER_CRASHED`
 * @example
 * ```ts
 * const handle = await createNodeSpawner()(0);
 * await handle.terminate(); // => undefined, thread gone
 * ```
 */
export function createNodeSpawner(options: NodeSpawnOptions = {}): SpawnWorker {
  return async (slot: number): Promise<WorkerHandle> => {
    const url = options.workerUrl ?? (await resolveNodeWorkerScript());
    const worker = new Worker(url, { name: `kindred-search-${slot}` });
    const { died, crash } = deathNotice();
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    let stopping = false;
    let lastError: unknown;
    worker.on('error', (e) => {
      lastError = e;
    });
    worker.once('exit', (code) => {
      if (stopping) return;
      const reason = lastError instanceof Error ? `: ${lastError.message}` : '';
      crash(`Search worker ${slot} stopped unexpectedly with exit code ${code}${reason}`);
    });
    worker.unref();
    return {
      api: wrap<SearchWorkerApi>(nodeEndpoint(worker)),
      died,
      terminate: async () => {
        stopping = true;
        await worker.terminate();
        await exited;
      },
      setBusy: (busy) => {
        if (busy) worker.ref();
        else worker.unref();
      },
    };
  };
}
