/**
 * Architecture rules from ../shared/conventions.md, read off the source files themselves, test
 * files included: dependencies point one way (a folder imports only from folders listed before
 * it; `errors` and `_internal` from anywhere; inside `search/`, `index/` before `rank/`), the
 * domain never imports io, store or cli, no source file imports test code, no run-time import
 * cycle between files (src, test and bench), no `_` internal is imported from another folder
 * (test files included), the core never imports better-sqlite3, and
 * docs/architecture.md has a line for every source file.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const src = join(root, 'src');

/** Layer order: a folder may import from itself and from folders before it. */
const LAYERS = [
  'mutation',
  'pedigree',
  'frequencies',
  'profile',
  'likelihood',
  'relationships',
  'sim',
  'search',
  'dvi',
  'power',
  'workers',
  'provenance',
  'io',
  'store',
  'report',
  'cli',
];

/** Order of the sub-folders of a layer (files directly in the folder come first). */
const SUBLAYERS: Record<string, readonly string[]> = { search: ['index', 'rank'] };

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

const isTs = (f: string) => f.endsWith('.ts') && !f.endsWith('.d.ts');
const srcFiles = walk(src).filter(isTs);
const sources = srcFiles.filter((f) => !f.endsWith('.test.ts'));
const allFiles = [...srcFiles, ...walk(join(root, 'test')), ...walk(join(root, 'bench'))].filter(
  isTs,
);

interface Import {
  /** Absolute path of the imported .ts file. */
  readonly target: string;
  /** The specifier as written. */
  readonly spec: string;
  /** False for `import type` / `export type` (erased at compile time). */
  readonly runtime: boolean;
  /** Named bindings imported (for the `_` rule). */
  readonly names: readonly string[];
}

/** Relative imports of a file, with comments stripped. */
function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm, '');
  const out: Import[] = [];
  const re =
    /(?:^|\n)\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*'(\.{1,2}\/[^']+)'|(?:^|\n)\s*import\s*'(\.{1,2}\/[^']+)'|import\(\s*'(\.{1,2}\/[^']+)'\s*\)/g;
  for (const m of text.matchAll(re)) {
    const spec = (m[4] ?? m[5] ?? m[6])!;
    const clause = m[3] ?? '';
    const braces = clause.match(/\{([\s\S]*)\}/)?.[1];
    const parts =
      braces === undefined
        ? []
        : braces
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean);
    const allInlineTypes =
      braces !== undefined &&
      !/^[\w$]/.test(clause.trim().replace(/^\{/, '{')) &&
      parts.length > 0 &&
      parts.every((p) => p.startsWith('type '));
    const typeOnly = m[2] !== undefined || allInlineTypes;
    const names = parts.map((p) =>
      p
        .replace(/^type\s+/, '')
        .split(/\s+as\s+/)[0]!
        .trim(),
    );
    out.push({
      target: resolve(dirname(file), spec).replace(/\.js$/, '.ts'),
      spec,
      runtime: !typeOnly,
      names,
    });
  }
  return out;
}

/** Layer of a src file: [top folder, sub-folder or ''] ('' top folder for src/*.ts). */
function layerOf(file: string): [string, string] {
  const parts = relative(src, file).split('/');
  if (parts.length === 1) return ['', ''];
  return [parts[0]!, parts.length > 2 ? parts[1]! : ''];
}

describe('architecture', () => {
  it('every import points to an earlier layer (or errors/_internal), test files included', () => {
    const violations: string[] = [];
    for (const file of srcFiles) {
      const rel = relative(src, file);
      const [folder, sub] = layerOf(file);
      if (folder === '') continue; // src/index.ts re-exports everything
      for (const imp of importsOf(file)) {
        const trel = relative(src, imp.target);
        if (trel.startsWith('..')) {
          // Only tests may reach outside src/ (test/helpers); the package's own package.json is
          // read by the CLI for its version.
          const pkg = relative(root, resolve(dirname(file), imp.spec)) === 'package.json';
          if (!file.endsWith('.test.ts') && !pkg) violations.push(`${rel} imports ${imp.spec}`);
          continue;
        }
        const [to, toSub] = layerOf(imp.target);
        if (to === '_internal' || trel === 'errors.ts') continue;
        const from = LAYERS.indexOf(folder);
        const target = LAYERS.indexOf(to);
        if (from < 0 || target < 0 || target > from) {
          violations.push(`${rel} imports ${imp.spec}`);
          continue;
        }
        const order = SUBLAYERS[folder];
        if (to === folder && order !== undefined && toSub !== sub) {
          const a = sub === '' ? -1 : order.indexOf(sub);
          const b = toSub === '' ? -1 : order.indexOf(toSub);
          if (b > a)
            violations.push(`${rel} imports ${imp.spec} (${folder}/${toSub}/ comes later)`);
        }
      }
    }
    expect(violations).toEqual([]);
  });

  it('no run-time import cycle between files (src, test and bench)', () => {
    const graph = new Map<string, string[]>();
    for (const f of allFiles) {
      graph.set(
        f,
        importsOf(f)
          .filter((i) => i.runtime)
          .map((i) => i.target),
      );
    }
    // Tarjan's strongly connected components.
    let counter = 0;
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const cycles: string[][] = [];
    const visit = (v: string): void => {
      index.set(v, counter);
      low.set(v, counter++);
      stack.push(v);
      onStack.add(v);
      for (const w of graph.get(v) ?? []) {
        if (!graph.has(w)) continue;
        if (!index.has(w)) {
          visit(w);
          low.set(v, Math.min(low.get(v)!, low.get(w)!));
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
      if (low.get(v) === index.get(v)) {
        const scc: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          scc.push(relative(root, w));
        } while (w !== v);
        if (scc.length > 1) cycles.push(scc.sort());
      }
    };
    for (const f of graph.keys()) if (!index.has(f)) visit(f);
    expect(cycles).toEqual(KNOWN_CYCLES);
  });

  it('no `_` internal of src/ is imported from another folder (src, test and bench)', () => {
    const violations: string[] = [];
    for (const file of allFiles) {
      for (const imp of importsOf(file)) {
        const trel = relative(src, imp.target);
        if (trel.startsWith('..')) continue; // test helpers are not src
        if (trel.startsWith('_internal/')) continue; // shared internals, from anywhere
        if (dirname(imp.target) === dirname(file)) continue;
        for (const name of imp.names.filter((n) => n.startsWith('_')))
          violations.push(`${relative(root, file)} imports ${name} from ${imp.spec}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('only src/store/sqlite*.ts imports better-sqlite3', () => {
    const offenders = sources
      .filter((f) =>
        /better-sqlite3/.test(readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')),
      )
      .map((f) => relative(src, f))
      .filter((f) => !/^store\/sqlite[^/]*\.ts$/.test(f) && !/^cli\/db/.test(f));
    expect(offenders).toEqual([]);
  });

  it('docs/architecture.md has a line for every source file', () => {
    const doc = readFileSync(join(root, 'docs', 'architecture.md'), 'utf8');
    const missing = sources.map((f) => relative(root, f)).filter((f) => !doc.includes(`\`${f}\``));
    expect(missing).toEqual([]);
  });
});

/** Run-time import cycles allowed (none). */
const KNOWN_CYCLES: string[][] = [];
