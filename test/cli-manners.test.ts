/**
 * CLI manners (issue 17, item 4): `--help`/`-h` and `--version`/`-v` on every command, usage
 * errors in Kindred's words naming the command and the flag (never node's parseArgs wording),
 * one line on stderr, nothing on stdout, exit 2 for usage and 1 for refused input.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIO } from '../src/cli/cli-io.js';
import { readTextFile } from '../src/cli/cli-io.js';
import { COMMANDS } from '../src/cli/commands.js';
import { runCli } from '../src/cli/main.js';

const root = join(import.meta.dirname, '..');
const version = (
  JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }
).version;
const dviCase = join(root, 'fixtures', 'conformance', 'dvi', 'dvi-pub-3v-2f-stepwise.json');

async function run(argv: string[], stdin = '') {
  const io: CliIO & { out: string; err: string } = {
    out: '',
    err: '',
    stdout(t) {
      io.out += t;
    },
    stderr(t) {
      io.err += t;
    },
    readFile: (p) => (p === '-' ? stdin : readTextFile(p)),
  };
  const code = await runCli(argv, io);
  return { code, out: io.out, err: io.err };
}

/** Output with the provenance's computation time (which differs between runs) blanked. */
const untimed = (s: string): string =>
  s.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g, '<computedAt>');

const withUsage = Object.entries(COMMANDS).filter(([, c]) => c.usage !== undefined);

describe('kindred --help and --version', () => {
  it('every command prints its usage for --help and -h, anywhere on the line, exit 0', async () => {
    expect(withUsage.map(([n]) => n).sort()).toEqual([
      'demo',
      'dvi',
      'lr',
      'power',
      'report',
      'search',
      'validate',
    ]);
    for (const [name, c] of withUsage) {
      for (const argv of [
        [name, '--help'],
        [name, '-h'],
        [name, 'some-file.json', '--help'],
      ]) {
        const r = await run(argv);
        expect([argv, r.code, r.err]).toEqual([argv, 0, '']);
        expect(r.out).toBe(`${c.usage}\n`);
        expect(r.out).toMatch(new RegExp(`^Usage: kindred ${name}\\b`));
      }
    }
  });

  it('kindred validate --help prints the usage (it used to read "--help" as a file name)', async () => {
    const r = await run(['validate', '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Usage: kindred validate FILE/);
    expect(r.err).toBe('');
  });

  it('after "--" a "--help" is a file name', async () => {
    const r = await run(['validate', '--', '--help']);
    expect(r.code).toBe(1);
    expect(r.err).toBe('kindred: IO_ERROR: Cannot read "--help": no such file\n');
  });

  it('kindred help lr prints the lr usage; kindred db --help the db usage', async () => {
    expect((await run(['help', 'lr'])).out).toBe(`${COMMANDS.lr!.usage}\n`);
    const db = await run(['db', '--help']);
    expect([db.code, db.out.startsWith('Usage: kindred db <command>')]).toEqual([0, true]);
  });

  it('--version, -v and -V print the package version on every command, exit 0', async () => {
    for (const argv of [['--version'], ['-v'], ['-V'], ['lr', '--version'], ['search', '-v']]) {
      const r = await run(argv);
      expect([argv, r.code, r.out, r.err]).toEqual([argv, 0, `kindred ${version}\n`, '']);
    }
  });
});

describe('kindred usage errors', () => {
  it('an unknown option names the command and the flag, in one line, never parseArgs wording', async () => {
    for (const name of ['lr', 'dvi', 'search', 'validate', 'demo']) {
      const r = await run([name, 'x.json', '--bogus']);
      expect([name, r.code, r.out]).toEqual([name, 2, '']);
      expect(r.err).toBe(
        `kindred: USAGE: kindred ${name}: unknown option "--bogus" (see kindred ${name} --help)\n`,
      );
    }
  });

  it('a missing option value and a value given to a flag name the flag', async () => {
    const missing = await run(['search', dviCase, '--top']);
    expect([missing.code, missing.err]).toEqual([
      2,
      'kindred: USAGE: kindred search: option "--top" needs a value (see kindred search --help)\n',
    ]);
    const flag = await run(['lr', 'x.json', '--no-lump=yes']);
    expect([flag.code, flag.err]).toEqual([
      2,
      'kindred: USAGE: kindred lr: option "--no-lump" takes no value (see kindred lr --help)\n',
    ]);
  });

  it('node parseArgs wording does not leak from any command (db included)', async () => {
    for (const argv of [
      ['lr', '--x'],
      ['db', 'init', 'x.db', '--nope'],
      ['db', 'list', 'x.db', '--json=1'],
      ['search', '-q'],
    ]) {
      const r = await run(argv);
      expect([argv, r.code]).toEqual([argv, 2]);
      expect(r.err).not.toMatch(/place it at the end|To specify a positional|'--/);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toMatch(/^kindred: USAGE: kindred (\w+ )*\w+: unknown option|takes no value/);
    }
  });

  it('an unknown command lists the commands in one line', async () => {
    const r = await run(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      `kindred: USAGE: unknown command "frobnicate" (commands: ${Object.keys(COMMANDS).join(', ')}; see kindred --help)\n`,
    );
  });

  it('a missing or extra FILE is one line naming the command', async () => {
    expect((await run(['lr'])).err).toBe(
      'kindred: USAGE: kindred lr needs a FILE (see kindred lr --help)\n',
    );
    expect((await run(['dvi', 'a.json', 'b.json'])).err).toBe(
      'kindred: USAGE: kindred dvi takes one FILE, got 2: "a.json" "b.json" (see kindred dvi --help)\n',
    );
  });
});

describe('kindred --format table|json (and --json) on every command that prints results', () => {
  it('search --format json equals --json; --format table equals the default', async () => {
    const json = await run(['search', dviCase, '--json']);
    expect(json.code).toBe(0);
    expect(untimed((await run(['search', dviCase, '--format', 'json'])).out)).toBe(
      untimed(json.out),
    );
    expect(JSON.parse(json.out).id).toBe('dvi-pub-3v-2f-stepwise');
    const table = await run(['search', dviCase, '--format', 'table']);
    expect(untimed(table.out)).toBe(untimed((await run(['search', dviCase])).out));
    expect(table.out).toMatch(/^Search dvi-pub-3v-2f-stepwise/);
  });

  it('dvi --format table prints the matrix; lr --json equals lr --format json', async () => {
    const t = await run(['dvi', dviCase, '--format', 'table']);
    expect(t.code).toBe(0);
    expect(t.out).toMatch(/Pairwise log10 LR/);
    expect(t.out).toMatch(/Best joint assignments/);
    const lrCase = join(root, 'fixtures', 'conformance', 'lr', 'pair-po-ff-10l.json');
    expect(untimed((await run(['lr', lrCase, '--json'])).out)).toBe(
      untimed((await run(['lr', lrCase, '--format', 'json'])).out),
    );
  });

  it('--json with --format table is a usage error', async () => {
    const r = await run(['search', dviCase, '--json', '--format', 'table']);
    expect([r.code, r.out]).toEqual([2, '']);
    expect(r.err).toContain('--json and --format table contradict each other');
  });
});

describe('lab-facing messages', () => {
  it('a line of a lab file reads "line 5, column \\"Allele 2\\"", not line[5]["Allele 2"]', async () => {
    const { formatPath } = await import('../src/errors.js');
    expect(formatPath(['line', 5, 'Allele 2'])).toBe('line 5, column "Allele 2"');
    expect(formatPath(['line', 3, 'frequency'])).toBe('line 3, column "frequency"');
    expect(formatPath(['line', 12])).toBe('line 12');
    expect(formatPath(['hypotheses', 0, 'pedigree', 2, 'mother'])).toBe(
      'hypotheses[0].pedigree[2].mother',
    );
  });

  it('a refused real import is headed "refused:", a dry run "dry run:", and the flag is named --off-ladder', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'kindred-manners-'));
    try {
      const db = join(dir, 'p.db');
      const bad = join(root, 'fixtures', 'lab', 'malformed.genemapper.txt');
      expect((await run(['db', 'init', db])).code).toBe(0);
      const real = await run(['db', 'import', db, bad, '--kind', 'reference']);
      expect(real.code).toBe(1);
      // a refusal prints nothing on stdout: the report and a coded line go to stderr
      expect(real.out).toBe('');
      expect(real.err).toMatch(/^refused: .*malformed\.genemapper\.txt \(genemapper\)\n/);
      expect(real.err).toContain('import with --off-ladder drop-marker');
      expect(real.err).toContain('malformed.genemapper.txt: line 5, column "Allele 2")');
      expect(real.err).toMatch(/\nkindred: INVALID_[A-Z]+: import refused: /);
      const dry = await run(['db', 'import', db, bad, '--kind', 'reference', '--dry-run']);
      expect(dry.code).toBe(1);
      expect(dry.out).toBe('');
      expect(dry.err).toMatch(/^dry run: /);
      expect(dry.err).toMatch(/\nkindred: INVALID_[A-Z]+: dry run: the import would be refused/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('an option given twice is refused, never the last one kept', () => {
  it('kindred dvi --merge twice, lr --max-work twice and db list --format twice: USAGE naming the flag (the first --merge used to be dropped without a word)', async () => {
    const cases: [string[], string][] = [
      [['dvi', 'examples/fragments.json', '--merge', 'V2=V1', '--merge', 'V1=V3'], '--merge'],
      [['lr', 'examples/case.json', '--max-work', '1000', '--max-work', '2000'], '--max-work'],
      [['search', 'examples/incident.json', '--top', '1', '--top=2'], '--top'],
      [['db', 'list', 'x.db', '--format', 'json', '--format', 'table'], '--format'],
    ];
    for (const [argv, flag] of cases) {
      const r = await run(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toMatch(
        new RegExp(`^kindred: USAGE: kindred \\w+: ${flag} is given 2 times; give it once`),
      );
    }
  });
});
