import { defineConfig } from 'tsup';

/**
 * The package's entry points (package.json `exports`): the main entry and its sub-paths, each
 * with its types. Only `node` and `store/sqlite` import Node modules.
 */
const ENTRIES = {
  index: 'src/index.ts',
  node: 'src/node.ts',
  io: 'src/io.ts',
  store: 'src/store.ts',
  workers: 'src/workers.ts',
  report: 'src/report.ts',
  engine: 'src/engine.ts',
  'store/sqlite': 'src/store/sqlite.ts',
};

// `npm run build` removes dist/ first (the "prebuild" script); neither config cleans, so the
// two builds, which run at the same time, cannot delete each other's output.
export default defineConfig([
  {
    entry: {
      ...ENTRIES,
      'cli/main': 'src/cli/main.ts',
      // Script of the search pool's worker threads (found by src/workers/spawn-node.ts).
      'workers/node-worker': 'src/workers/node-worker.ts',
    },
    format: ['esm'],
    dts: { entry: ENTRIES },
    // No source maps: the output is plain, unminified ESM, and maps would double the package.
    sourcemap: false,
    clean: false,
    target: 'node20',
  },
  {
    // Script of the search pool's module Web Workers, self-contained (comlink included) so a
    // page can serve it as it is; createWebSpawner looks for it next to the main bundle.
    entry: { 'browser-worker': 'src/workers/browser-worker.ts' },
    format: ['esm'],
    platform: 'browser',
    noExternal: [/.*/],
    splitting: false,
    sourcemap: false,
    clean: false,
    target: 'es2022',
  },
]);
