/**
 * Build the browser example: bundle `app.ts` and the search worker (src/workers/browser-worker.ts,
 * shipped as `kindred/browser-worker`) with esbuild into `examples/browser/dist/` (`app.js`,
 * `browser-worker.js`). The app imports only the package's entry points (`kindred`,
 * `kindred/workers`), which this build takes from their sources in `src/` (so no `npm run build`
 * is needed first); nothing is stubbed: the main entry has no `node:` import.
 * Run: `npm run build:browser`.
 */
import { build, type Plugin } from 'esbuild';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

/** Resolve `kindred` and `kindred/<sub>` to `src/index.ts` and `src/<sub>.ts`. */
const packageFromSources: Plugin = {
  name: 'kindred-from-sources',
  setup(b) {
    b.onResolve({ filter: /^kindred(\/[a-z]+)?$/ }, (args) => ({
      path: `${here}../../src/${args.path === 'kindred' ? 'index' : args.path.slice('kindred/'.length)}.ts`,
    }));
  },
};

/**
 * Bundle the example.
 *
 * @returns the output directory
 */
export async function buildBrowserExample(): Promise<string> {
  const outdir = `${here}dist`;
  await build({
    entryPoints: { app: `${here}app.ts`, 'browser-worker': `${here}../../src/workers/browser-worker.ts` },
    outdir,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    sourcemap: true,
    logLevel: 'warning',
    plugins: [packageFromSources],
  });
  return outdir;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(`built ${await buildBrowserExample()}`);
}
