/**
 * A package ready to publish (issue 17, item 6): built and packed from a fresh copy of the
 * checkout, installed offline into a temporary project, the tarball holds what it should (and
 * no source maps), every `exports` target exists, the package loads by ESM `import` and by
 * CommonJS `require` (Node ≥ 20.19), its types resolve for TypeScript, the `kindred` binary
 * runs from node_modules/.bin and through `npx`, and the browser worker is shipped as one
 * self-contained script.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
const kcase: KinshipCase = parseCase('{}');
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
      /log10 LR\s+5\.0367\s+0\.0000\nKindred \S+, kindred lr, .*\n$/,
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
