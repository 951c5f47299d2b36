/**
 * A package ready to publish (issue 17, item 6): built and packed from a fresh copy of the
 * checkout, installed offline into a temporary project, the tarball holds what it should (and
 * no source maps), every `exports` target exists, the package loads by ESM `import` and by
 * CommonJS `require` (Node ≥ 20.19), its types resolve for TypeScript, the `kindred` binary
 * runs from node_modules/.bin and through `npx`, and the browser worker is shipped as one
 * self-contained script. Issue 16, item 4: every sub-path of `exports` loads with the names it
 * documents, the main entry has at most 60 value exports, and the main entry (and every
 * browser-safe sub-path) bundles for a browser with esbuild with no `node:` import and no Node
 * built-in, while `kindred/node` does not (so the check can fail).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshCopy, repoRoot } from './helpers/fresh-copy.js';

interface Packed {
  files: { path: string; size: number }[];
  size: number;
  unpackedSize: number;
  filename: string;
}

let copy: { dir: string; remove: () => void };
let project: string;
let packed: Packed;

function sh(command: string, cwd: string) {
  return spawnSync('sh', ['-c', command], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', npm_config_update_notifier: 'false' },
    maxBuffer: 1 << 26,
  });
}

function ok(command: string, cwd: string): string {
  const r = sh(command, cwd);
  expect([command, r.status, r.status === 0 ? '' : r.stderr]).toEqual([command, 0, '']);
  return r.stdout;
}

beforeAll(() => {
  copy = freshCopy('kindred-pack-');
  ok('npm run -s build', copy.dir);
  const out = join(copy.dir, '.tmp-pack');
  ok(`mkdir -p ${out}`, copy.dir);
  packed = (JSON.parse(ok(`npm pack --json --pack-destination ${out}`, copy.dir)) as Packed[])[0]!;
  // The one dependency, packed from the installed copy, so the install needs no network.
  ok(`npm pack --pack-destination ${out} ${join(repoRoot, 'node_modules', 'comlink')}`, out);
  project = join(out, 'project');
  ok(`mkdir -p ${project}`, out);
  writeFileSync(
    join(project, 'package.json'),
    '{ "name": "try-kindred", "version": "1.0.0", "private": true }\n',
  );
  const comlink = readdirSync(out).find((f) => f.startsWith('comlink-'))!;
  ok(
    `npm install --offline --no-audit --no-fund --ignore-scripts ../${packed.filename} ../${comlink}`,
    project,
  );
  copyFileSync(join(repoRoot, 'examples', 'case.json'), join(project, 'case.json'));
}, 30 * 60_000);

afterAll(() => copy?.remove());

describe('the packed tarball', () => {
  it('holds dist, LICENSE, README.md and package.json, and no source maps', () => {
    const paths = packed.files.map((f) => f.path);
    for (const p of [
      'LICENSE',
      'README.md',
      'package.json',
      'dist/index.js',
      'dist/index.d.ts',
      'dist/cli/main.js',
      'dist/store/sqlite.js',
      'dist/workers/node-worker.js',
      'dist/browser-worker.js',
    ])
      expect(paths).toContain(p);
    expect(paths.filter((p) => p.endsWith('.map'))).toEqual([]);
    expect(paths.filter((p) => !/^(dist\/|LICENSE$|README\.md$|package\.json$)/.test(p))).toEqual(
      [],
    );
  });

  it('has every exports target, bin and types file of package.json', () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
      exports: Record<string, string | Record<string, string>>;
      bin: Record<string, string>;
      types: string;
      main: string;
    };
    const paths = new Set(packed.files.map((f) => f.path));
    const targets = [
      ...Object.values(pkg.exports).flatMap((t) =>
        typeof t === 'string' ? [t] : Object.values(t),
      ),
      ...Object.values(pkg.bin),
      pkg.types,
      pkg.main,
    ];
    for (const t of targets) expect([t, paths.has(t.replace(/^\.\//, ''))]).toEqual([t, true]);
    for (const [name, t] of Object.entries(pkg.exports)) {
      if (typeof t === 'string') continue;
      // types first; a "default" condition so that require() of the ESM build resolves
      expect([name, Object.keys(t)[0]]).toEqual([name, 'types']);
      expect([name, t.default]).toEqual([name, t.import]);
    }
  });
});

/** Sub-paths of the package and a name each must export (a function). */
const SUBPATHS: Record<string, string> = {
  kindred: 'computeKinshipLR',
  'kindred/node': 'readIndexFile',
  'kindred/io': 'parseGeneMapper',
  'kindred/store': 'createMemoryStore',
  'kindred/workers': 'createSearchPool',
  'kindred/report': 'renderCaseReport',
  'kindred/engine': 'bruteForceLikelihood',
  'kindred/sqlite': 'openSqliteStore',
};

/** Sub-paths that bundle for a browser (all but `kindred/node` and `kindred/sqlite`). */
const BROWSER_SAFE = [
  'kindred',
  'kindred/io',
  'kindred/store',
  'kindred/workers',
  'kindred/report',
  'kindred/engine',
];

const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** Bundle `export * from spec` for a browser: the Node built-ins it reached, or esbuild's errors. */
async function browserBundle(spec: string): Promise<{ builtins: string[]; errors: string[] }> {
  try {
    const out = await build({
      stdin: { contents: `export * from '${spec}';`, resolveDir: project, loader: 'js' },
      bundle: true,
      platform: 'browser',
      format: 'esm',
      target: 'es2022',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const paths = Object.entries(out.metafile.inputs).flatMap(([file, input]) => [
      file,
      ...input.imports.map((i) => i.path),
    ]);
    const builtins = paths.filter((p) => p.startsWith('node:') || NODE_BUILTINS.has(p));
    return { builtins: [...new Set(builtins)].sort(), errors: [] };
  } catch (e) {
    const errors = (e as { errors?: { text: string }[] }).errors ?? [{ text: String(e) }];
    return { builtins: [], errors: errors.map((x) => x.text) };
  }
}

describe('the entry points', () => {
  it('load by ESM import, each with its documented names; the main entry has <= 60 values', () => {
    writeFileSync(
      join(project, 'entries.mjs'),
      `const out = {};
${Object.entries(SUBPATHS)
  .map(([spec, name]) => `out['${spec}'] = typeof (await import('${spec}'))['${name}'];`)
  .join('\n')}
out.rootValues = Object.keys(await import('kindred')).length;
console.log(JSON.stringify(out));
`,
    );
    const out = JSON.parse(ok('node entries.mjs', project)) as Record<string, string | number>;
    const { rootValues, ...types } = out;
    expect(types).toEqual(Object.fromEntries(Object.keys(SUBPATHS).map((s) => [s, 'function'])));
    expect(rootValues).toBeGreaterThan(30);
    expect(rootValues).toBeLessThanOrEqual(60);
  });

  it.each(BROWSER_SAFE)(
    '%s bundles for a browser with esbuild: no node: import, no Node built-in',
    async (spec) => {
      expect(await browserBundle(spec)).toEqual({ builtins: [], errors: [] });
    },
  );

  it('kindred/node does not bundle for a browser (the check above can fail)', async () => {
    const r = await browserBundle('kindred/node');
    // tsup writes Node built-ins without the `node:` prefix: esbuild cannot resolve "fs"
    expect(r.errors.some((e) => /Could not resolve "(node:)?fs"/.test(e))).toBe(true);
  });
});

describe('the installed package', () => {
  it('loads by ESM import and computes an LR', () => {
    const out = ok(
      `node --input-type=module -e "import { computeKinshipLR, parseCase } from 'kindred'; import { readFileSync } from 'node:fs'; console.log(computeKinshipLR(parseCase(readFileSync('case.json', 'utf8'))).hypotheses[0].log10LR.toFixed(4));"`,
      project,
    );
    // examples/case.json is conformance case mp-grandparents-12l: log10 LR 5.0367 (pedprobr)
    expect(out).toBe('5.0367\n');
  });

  it.skipIf(!process.features.require_module)(
    'loads by CommonJS require (Node >= 20.19 loads the ESM build)',
    () => {
      const out = ok(
        `node -e "const k = require('kindred'); console.log(typeof k.computeKinshipLR, typeof k.createWebSpawner, typeof k.createSearchPool)"`,
        project,
      );
      expect(out).toBe('function function function\n');
    },
  );

  it('resolves its types for TypeScript (ESM and CommonJS)', () => {
    writeFileSync(
      join(project, 'check.mts'),
      `import { computeKinshipLR, createWebSpawner, type KinshipCase, parseCase } from 'kindred';
import { readIndexFile } from 'kindred/node';
import { parseGeneMapper } from 'kindred/io';
import { createMemoryStore } from 'kindred/store';
import { canShareMemory } from 'kindred/workers';
import { drawPedigreeSVG } from 'kindred/report';
import { bruteForceLikelihood } from 'kindred/engine';
import { openSqliteStore } from 'kindred/sqlite';
const kcase: KinshipCase = parseCase('{}');
export const subpaths = [readIndexFile, parseGeneMapper, createMemoryStore, canShareMemory, drawPedigreeSVG, bruteForceLikelihood, openSqliteStore];
export const log10LR: number | null = computeKinshipLR(kcase).hypotheses[0]!.log10LR;
export const spawn = createWebSpawner('worker.js');
// @ts-expect-error the package has no such export
export { noSuchExport } from 'kindred';
`,
    );
    writeFileSync(
      join(project, 'check-cjs.cts'),
      `import kindred = require('kindred');
export const f: typeof kindred.computeKinshipLR = kindred.computeKinshipLR;
`,
    );
    const tsc = join(repoRoot, 'node_modules', '.bin', 'tsc');
    ok(
      `${tsc} --noEmit --strict --module nodenext --moduleResolution nodenext --target es2022 --types node --typeRoots ${join(repoRoot, 'node_modules', '@types')} check.mts check-cjs.cts`,
      project,
    );
  });

  it('runs the kindred binary from node_modules/.bin and through npx', () => {
    const version = (
      JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }
    ).version;
    expect(ok('./node_modules/.bin/kindred --version', project)).toBe(`kindred ${version}\n`);
    expect(ok('npx --offline --no-install kindred lr case.json --format table', project)).toMatch(
      /log10 LR\s+5\.0367\s+0\.0000\n(?:H1 against H2: .*\n)?Kindred \S+, kindred lr, .*\n$/,
    );
    const bad = sh('./node_modules/.bin/kindred lr nope.json', project);
    expect([bad.status, bad.stdout, bad.stderr]).toEqual([
      1,
      '',
      'kindred: IO_ERROR: Cannot read "nope.json": no such file\n',
    ]);
  });

  it('ships the browser worker as one self-contained script (no imports, nothing from node:)', () => {
    const worker = readFileSync(
      join(project, 'node_modules', 'kindred', 'dist', 'browser-worker.js'),
      'utf8',
    );
    expect(worker).not.toMatch(/^\s*import\s/m);
    expect(worker).not.toMatch(/\bfrom\s*["']/);
    expect(worker).not.toContain('node:');
    expect(ok(`node -p "require.resolve('kindred/browser-worker')"`, project).trim()).toBe(
      join(project, 'node_modules', 'kindred', 'dist', 'browser-worker.js'),
    );
  });
});
