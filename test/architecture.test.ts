/**
 * Architecture rules from ../shared/conventions.md, read off the source files themselves:
 * dependencies point one way (a folder imports only from folders listed before it; `errors` and
 * `_internal` from anywhere), the domain never imports io, store or cli, the core never imports
 * better-sqlite3, and docs/architecture.md has a line for every source file.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
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
  'power',
  'workers',
  'provenance',
  'io',
  'store',
  'report',
  'cli',
];

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

const sources = walk(src).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));

describe('architecture', () => {
  it('every import points to an earlier layer (or errors/_internal)', () => {
    const violations: string[] = [];
    for (const file of sources) {
      const rel = relative(src, file);
      const folder = rel.includes('/') ? rel.split('/')[0]! : '';
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/from '\.\.\/([a-z_]+)\//g)) {
        const target = m[1]!;
        if (target === '_internal') continue;
        const from = LAYERS.indexOf(folder);
        const to = LAYERS.indexOf(target);
        if (from < 0 || to < 0 || to > from) violations.push(`${rel} imports ../${target}/`);
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
