import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', 'cli/main': 'src/cli/main.ts', 'store/sqlite': 'src/store/sqlite.ts' },
  format: ['esm'],
  dts: { entry: { index: 'src/index.ts', 'store/sqlite': 'src/store/sqlite.ts' } },
  sourcemap: true,
  clean: true,
  target: 'node20',
});
