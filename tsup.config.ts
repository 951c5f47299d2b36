import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'cli/main': 'src/cli/main.ts',
    'store/sqlite': 'src/store/sqlite.ts',
    // Script of the search pool's worker threads (found by src/workers/spawn-node.ts).
    'workers/node-worker': 'src/workers/node-worker.ts',
  },
  format: ['esm'],
  dts: { entry: { index: 'src/index.ts', 'store/sqlite': 'src/store/sqlite.ts' } },
  sourcemap: true,
  clean: true,
  target: 'node20',
});
