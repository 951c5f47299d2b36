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
 * Node's modules are taken at run time from `process.getBuiltinModule` (Node ≥ 20.16), not
 * imported, so the main entry that reaches this file through `createSearchPool` bundles for a
 * browser (`test/package.test.ts`); there this code is never called (a `Worker` global exists).
 *
 * @module
 */

import { wrap } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { KindredError } from '../errors.js';
import type { SearchWorkerApi } from './worker-api.js';
import { deathNotice, type SpawnWorker, type WorkerHandle } from './worker-handle.js';

/** The Node modules this file uses. */
interface NodeModules {
  readonly crypto: typeof import('node:crypto');
  readonly fs: typeof import('node:fs');
  readonly os: typeof import('node:os');
  readonly path: typeof import('node:path');
  readonly url: typeof import('node:url');
  readonly threads: typeof import('node:worker_threads');
  readonly v8: typeof import('node:v8');
}

let _modules: NodeModules | undefined;

/**
 * Node's built-in modules, from `process.getBuiltinModule`.
 *
 * @throws KindredError `UNSUPPORTED` outside Node (or on Node older than 20.16)
 */
function _node(): NodeModules {
  if (_modules !== undefined) return _modules;
  const get = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process
    ?.getBuiltinModule;
  if (typeof get !== 'function') {
    throw new KindredError(
      'UNSUPPORTED',
      'Search worker threads need Node >= 20.16 (process.getBuiltinModule) or a Worker global; elsewhere give createSearchPool a `spawn`',
    );
  }
  const load = <T>(id: string): T => get(id) as T;
  _modules = {
    crypto: load('node:crypto'),
    fs: load('node:fs'),
    os: load('node:os'),
    path: load('node:path'),
    url: load('node:url'),
    threads: load('node:worker_threads'),
    v8: load('node:v8'),
  };
  return _modules;
}

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
  const { crypto, fs, os, path, url } = _node();
  const text = out.outputFiles[0]!.text;
  const hash = crypto.createHash('sha256').update(text).digest('hex').slice(0, 16);
  const file = path.join(os.tmpdir(), `kindred-search-worker-${hash}.mjs`);
  if (!fs.existsSync(file)) {
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, file);
  }
  return url.pathToFileURL(file);
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
  const { fs, url } = _node();
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    _devScript ??= _bundleDevWorker(url.fileURLToPath(new URL('./node-worker.ts', here)));
    _devScript.catch(() => {
      _devScript = undefined;
    });
    return _devScript;
  }
  for (const rel of _BUILT) {
    const script = new URL(rel, here);
    if (fs.existsSync(url.fileURLToPath(script))) return script;
  }
  throw new KindredError(
    'IO_ERROR',
    `Cannot find the search worker script (workers/node-worker.js) next to ${url.fileURLToPath(here)}`,
  );
}

let _ownThreadCompileSet = false;

/**
 * Makes the search threads started from now on compile optimised code on their own thread.
 *
 * Node 20 can abort the whole process (`NodePlatform::ForIsolate … Assertion failed`) when a
 * worker thread ends (terminated, or at process exit) while V8 is still optimising one of its
 * functions on a background thread. A thread whose isolate has no background compiler cannot
 * be caught that way. V8 reads `--concurrent-recompilation` when an isolate is created, so
 * turning it off here changes only isolates created afterwards (the search threads); the main
 * thread keeps its background compiler. The cost is a few milliseconds of compilation per hot
 * function in each search thread, once.
 */
function _ownThreadCompile(v8: NodeModules['v8']): void {
  if (_ownThreadCompileSet) return;
  v8.setFlagsFromString('--no-concurrent-recompilation');
  _ownThreadCompileSet = true;
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
    const { threads, v8 } = _node();
    const url = options.workerUrl ?? (await resolveNodeWorkerScript());
    _ownThreadCompile(v8);
    const worker = new threads.Worker(url, { name: `kindred-search-${slot}` });
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
