/**
 * Build the browser example: bundle `app.ts` and the search worker (src/workers/browser-worker.ts)
 * with esbuild into `examples/browser/dist/` (`app.js`, `browser-worker.js`). The pool's Node
 * spawner (reached only through a dynamic import when no `Worker` global exists) is replaced by
 * a stub so the browser bundle has no `node:` imports. Run: `npm run build:browser`.
 */
import { build, type Plugin } from 'esbuild';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

/** Resolve `./spawn-node.js` to a stub that refuses to run. */
const noNodeSpawner: Plugin = {
  name: 'no-node-spawner',
  setup(b) {
    b.onResolve({ filter: /\/spawn-node\.js$/ }, () => ({ path: 'spawn-node', namespace: 'stub' }));
    b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({
      contents: `export function createNodeSpawner() { throw new Error('Node worker threads are not available in a browser'); }`,
      loader: 'js',
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
    plugins: [noNodeSpawner],
  });
  return outdir;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(`built ${await buildBrowserExample()}`);
}
