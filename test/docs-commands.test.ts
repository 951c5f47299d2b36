/**
 * README as a path (issue 17, item 1): every shell command of README.md, examples/README.md
 * and docs/*.md runs as written, from the root of a fresh copy of the checkout (its tracked and unignored files, with
 * the installed node_modules linked in), with its documented exit code (`# exit N` on the line,
 * else 0), and every line of the output block that follows a `sh` block (a fence without a
 * language; `…` lines stand for omitted output) appears, in order, in what its commands print.
 * The `kindred` npm-script lines run in one process (see test/helpers/doc-commands.ts); the
 * scripts themselves are checked here and run once through npm.
 *
 * Two commands are not run by this test: the install (`npm ci`, run before this suite; the
 * copy shares its node_modules) and `npm test` (this suite itself).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type CommandResult, kindredArgv, shBlocks } from './helpers/doc-commands.js';
import { freshCopy, repoRoot as root } from './helpers/fresh-copy.js';

const docs = [
  'README.md',
  'examples/README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

const copies: (() => void)[] = [];
afterAll(() => {
  for (const remove of copies) remove();
});

/** Every documented line, in order, in `printed` (`…` lines skipped; trailing blanks ignored). */
function missingLines(expected: readonly string[], printed: string): string[] {
  const lines = printed.split('\n').map((l) => l.trimEnd());
  const missing: string[] = [];
  let at = 0;
  for (const want of expected.map((l) => l.trimEnd())) {
    if (want.trim() === '…') continue;
    const found = lines.indexOf(want, at);
    if (found === -1) missing.push(want);
    else at = found + 1;
  }
  return missing;
}

describe('shBlocks', () => {
  it('finds the commands of a sh block and the output block right after it', () => {
    const md =
      '# t\n\n```sh\na b  # c\n# only a comment\n\nd\n```\n\n```\nout\n…\n```\n\n```sh\ne\n```\n';
    expect(shBlocks(md)).toEqual([
      { line: 3, commands: ['a b  # c', 'd'], output: ['out', '…'] },
      { line: 15, commands: ['e'], output: null },
    ]);
  });
});

describe('kindredArgv', () => {
  it('reads the kindred arguments, quotes and a > redirection of an npm script line', () => {
    expect(kindredArgv('npm run -s kindred -- db matches x.db --note "a b (c)"  # exit 1')).toEqual(
      {
        argv: ['db', 'matches', 'x.db', '--note', 'a b (c)'],
        redirect: null,
      },
    );
    expect(kindredArgv('npm run -s kindred -- db export x.db --to fam > x.fam')).toEqual({
      argv: ['db', 'export', 'x.db', '--to', 'fam'],
      redirect: 'x.fam',
    });
    expect(kindredArgv('npm run demo')).toEqual({ argv: ['demo'], redirect: null });
    expect(kindredArgv('npm run demo -- --seed 3')?.argv).toEqual(['demo', '--seed', '3']);
    expect(kindredArgv('npm run -s kindred -- lr a.json | head')).toBeNull();
    expect(kindredArgv('kindred lr a.json')).toBeNull();
  });
});

describe('the npm scripts the documents use', () => {
  it('kindred and demo run src/cli/main.ts, and npm run -s kindred -- works as a real process', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      version: string;
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.kindred).toBe('tsx src/cli/main.ts');
    expect(pkg.scripts.demo).toBe('tsx src/cli/main.ts demo');
    const r = spawnSync('sh', ['-c', 'npm run -s kindred -- lr --version'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect([r.status, r.stdout, r.stderr]).toEqual([0, `kindred ${pkg.version}\n`, '']);
    const bad = spawnSync('sh', ['-c', 'npm run -s kindred -- lr --bogus'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect([bad.status, bad.stdout, bad.stderr]).toEqual([
      2,
      '',
      'kindred: USAGE: kindred lr: unknown option "--bogus" (see kindred lr --help)\n',
    ]);
  });
});

describe.each(docs)('the shell commands of %s', (doc) => {
  const blocks = shBlocks(readFileSync(join(root, doc), 'utf8'));
  it.skipIf(blocks.length === 0)(
    'run as written on a fresh copy with their exit codes and documented output',
    () => {
      const { dir, remove } = freshCopy('kindred-docs-');
      copies.push(remove);
      const commands = blocks.flatMap(
        (b) =>
          b.commands
            .filter((c) => c.trim() !== 'npm test') // this suite itself
            .map((c) => c.replace(/^npm ci && /, '')), // installed before this suite
      );
      const run = spawnSync(
        process.execPath,
        ['--import', 'tsx', join(dir, 'test', 'helpers', 'doc-commands.ts')],
        {
          cwd: dir,
          input: JSON.stringify({ commands }),
          encoding: 'utf8',
          env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
          maxBuffer: 1 << 28,
        },
      );
      expect([run.status, run.stderr]).toEqual([0, '']);
      const results = JSON.parse(run.stdout) as CommandResult[];
      let i = 0;
      for (const block of blocks) {
        let printed = '';
        for (const written of block.commands) {
          if (written.trim() === 'npm test') continue;
          const r = results[i++]!;
          const expectedCode = Number(/#\s*exit (\d+)/.exec(written)?.[1] ?? '0');
          const where = `${doc}:${block.line}: ${written}`;
          expect([where, r.code, r.code === expectedCode ? '' : r.stderr]).toEqual([
            where,
            expectedCode,
            '',
          ]);
          printed += r.stdout + r.stderr;
        }
        if (block.output !== null) {
          expect([`${doc}:${block.line}`, missingLines(block.output, printed)]).toEqual([
            `${doc}:${block.line}`,
            [],
          ]);
        }
      }
      expect(i).toBe(results.length);
    },
    30 * 60_000,
  );
});
