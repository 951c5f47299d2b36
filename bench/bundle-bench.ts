/**
 * Browser bundle of the package (issue 16, item 4): the main entry `kindred` and each
 * browser-safe sub-path bundled for a browser with esbuild from their sources (what tsup builds
 * `dist/` from), minified, and gzipped at level 9 — the bytes a page downloads. The bundle
 * must not need any Node module (`test/package.test.ts` checks the built package the same way).
 * Also the lines of `src/` per folder, tests excluded.
 *
 * Run alone: `npx tsx bench/bundle-bench.ts`.
 *
 * @module
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = join(import.meta.dirname, '..');

/** Entry points that must bundle for a browser, by package sub-path. */
const ENTRIES: Record<string, string> = {
  kindred: 'src/index.ts',
  'kindred/io': 'src/io.ts',
  'kindred/store': 'src/store.ts',
  'kindred/workers': 'src/workers.ts',
  'kindred/report': 'src/report.ts',
  'kindred/engine': 'src/engine.ts',
};

/** Bytes of one entry bundled for a browser, minified or not. */
async function bundle(entry: string, minify: boolean): Promise<Uint8Array> {
  const out = await build({
    entryPoints: [join(root, entry)],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    minify,
    write: false,
    logLevel: 'silent',
  });
  return out.outputFiles[0]!.contents;
}

/** Lines of the non-test `.ts` files of `src/`, per top folder (`(top)` for `src/*.ts`). */
export function srcLines(): Record<string, number> {
  const counts: Record<string, number> = {};
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.ts') && !p.endsWith('.test.ts') && !p.endsWith('.d.ts')) {
        const parts = relative(join(root, 'src'), p).split('/');
        const folder = parts.length === 1 ? '(top)' : parts[0]!;
        counts[folder] = (counts[folder] ?? 0) + readFileSync(p, 'utf8').split('\n').length - 1;
      }
    }
  };
  walk(join(root, 'src'));
  const sorted = Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
  return { ...sorted, total: Object.values(counts).reduce((a, b) => a + b, 0) };
}

/** The figures of the suite. */
export async function runBundleBench(): Promise<Record<string, number | string>> {
  const figures: Record<string, number | string> = {};
  const main = await bundle(ENTRIES.kindred!, false);
  figures['kindred bundle bytes (not minified)'] = main.length;
  for (const [spec, entry] of Object.entries(ENTRIES)) {
    const min = await bundle(entry, true);
    figures[`${spec} minified bytes`] = min.length;
    figures[`${spec} minified + gzip -9 bytes`] = gzipSync(min, { level: 9 }).length;
  }
  for (const [folder, n] of Object.entries(srcLines())) figures[`src lines: ${folder}`] = n;
  return figures;
}

if (process.argv[1] !== undefined && import.meta.filename === process.argv[1]) {
  console.log(await runBundleBench());
}
