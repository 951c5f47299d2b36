/**
 * `kindred power`: the table, the JSON answer (docs/power.md), the SVG plot, candidates and costs,
 * a document without victims, and usage errors with nothing on stdout.
 */
import { describe, expect, it } from 'vitest';
import { runPowerCommand } from './power-command.js';

// One typed father 1/2 of a missing son, p = (0.1, 0.2, 0.3, 0.4): EP = (1 − 0.3)² = 0.49.
const CASE = JSON.stringify({
  format: 'kindred-dvi/1',
  id: 'pw-1',
  loci: [{ name: 'L1', alleles: ['1', '2', '3', '4'], frequencies: [0.1, 0.2, 0.3, 0.4] }],
  victims: {},
  families: [
    {
      name: 'F1',
      pedigree: [
        { id: 'FA', father: null, mother: null, sex: 'male' },
        { id: 'MO', father: null, mother: null, sex: 'female' },
        { id: 'M1', father: 'FA', mother: 'MO', sex: 'male' },
        { id: 'SP', father: null, mother: null, sex: 'female' },
      ],
      missing: ['M1'],
      genotypes: { FA: { L1: ['1', '2'] } },
    },
  ],
});

async function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runPowerCommand(argv, {
    stdout: (s) => {
      stdout += s;
    },
    stderr: (s) => {
      stderr += s;
    },
    readFile: (p) => {
      if (p !== 'case.json') throw new Error(`unexpected read ${p}`);
      return CASE;
    },
  });
  return { code, stdout, stderr };
}

describe('kindred power', () => {
  it('--json prints the answer: exact EP 0.49, candidates best first, weak list', async () => {
    const r = await run([
      'case.json',
      '--json',
      '--threshold',
      '3',
      '--sims',
      '4000',
      '--seed',
      '2',
      '--candidates',
      'SP,MO',
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const a = JSON.parse(r.stdout);
    expect(a).toMatchObject({ id: 'pw-1', threshold: 3, sims: 4000, seed: 2, minPower: 0.9 });
    const f = a.families[0];
    expect(f).toMatchObject({ family: 'F1', missing: 'M1', weak: true });
    expect(f.exclusionPower).toBeCloseTo(0.49, 12);
    expect(f.loci.L1.exclusionPower).toBeCloseTo(0.49, 12);
    // IP(3) = 0.2 by hand (src/power/inclusion-sim.test.ts); 4 standard errors of 4,000 draws.
    expect(Math.abs(f.inclusionPower - 0.2)).toBeLessThanOrEqual(4 * Math.sqrt(0.16 / 4000));
    expect(f.candidates.map((c: { add: string[] }) => c.add)).toEqual([['MO'], ['SP']]);
    expect(f.candidates[1].expectedLog10LRGain).toBeCloseTo(0, 12);
    expect(a.weak).toEqual([{ family: 'F1', missing: 'M1' }]);
  });

  it('prints a table by default, with the ranking of candidates', async () => {
    const r = await run(['case.json', '--candidates', 'MO', '--sims', '500']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Power of the references of pw-1');
    expect(r.stdout).toMatch(/F1\s+M1\s+0\.4900/);
    expect(r.stdout).toContain('Whom to type next for F1/M1');
    expect(r.stdout).toContain('Weak (inclusion power < 0.9)');
  });

  it('--format svg prints the MPP plot', async () => {
    const r = await run(['case.json', '--format', 'svg', '--candidates', 'MO', '--sims', '200']);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('<svg')).toBe(true);
    expect(r.stdout).toContain('+MO');
  });

  it('--format html writes a report page whose numbers are those of the JSON answer', async () => {
    const args = ['case.json', '--threshold', '3', '--sims', '4000', '--seed', '2'];
    const json = await run([...args, '--candidates', 'SP,MO', '--json']);
    const html = await run([...args, '--candidates', 'SP,MO', '--format', 'html']);
    expect(html).toMatchObject({ code: 0, stderr: '' });
    const page = html.stdout;
    expect(page.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(page).not.toMatch(/<script/i);
    const answer = JSON.parse(json.stdout) as {
      families: {
        exclusionPower: number;
        inclusionPower: number;
        expectedLog10LR: number;
        candidates: { add: string[]; inclusionPower: number }[];
      }[];
    };
    const f = answer.families[0]!;
    // EP of one typed parent 1/2: (1 − p1 − p2)² = 0.49, as in the JSON answer
    expect(page).toContain(`data-field="exclusionPower" data-value="${String(f.exclusionPower)}"`);
    expect(f.exclusionPower).toBeCloseTo(0.49, 12);
    expect(page).toContain(`data-field="inclusionPower" data-value="${String(f.inclusionPower)}"`);
    expect(page).toContain(
      `data-field="expectedLog10LR" data-value="${String(f.expectedLog10LR)}"`,
    );
    for (const c of f.candidates) {
      expect(page).toContain(`data-add="${c.add.join('+')}"`);
      expect(page).toContain(`data-value="${String(c.inclusionPower)}"`);
    }
    // the MPP plot and the family's pedigree are drawn inline; provenance names the command
    expect(page.match(/<svg /g)?.length).toBe(2);
    expect(page).toContain('Exclusion and inclusion power');
    expect(page).toContain('kindred power');
    expect((await run([...args, '--format', 'html', '--json'])).code).toBe(2);
  });

  it('--progress and --quiet: progress never reaches stdout, and together they are a usage error', async () => {
    const plain = await run(['case.json', '--sims', '300', '--json']);
    const withProgress = await run(['case.json', '--sims', '300', '--json', '--progress']);
    expect(withProgress.code).toBe(0);
    expect(withProgress.stdout).toBe(plain.stdout);
    const both = await run(['case.json', '--progress', '--quiet']);
    expect(both).toMatchObject({ code: 2, stdout: '' });
    expect(both.stderr).toContain('--quiet and --progress contradict each other');
  });

  it('ranks by gain per cost with --costs', async () => {
    const r = await run([
      'case.json',
      '--json',
      '--candidates',
      'MO,SP',
      '--costs',
      'MO=4',
      '--sims',
      '200',
    ]);
    const f = JSON.parse(r.stdout).families[0];
    expect(f.candidates.find((c: { add: string[] }) => c.add[0] === 'MO').cost).toBe(4);
  });

  it.each([
    [['case.json', '--threshold', '0'], '--threshold cannot be "0"'],
    [['case.json', '--sims', '1.5'], '--sims cannot be "1.5"'],
    [['case.json', '--format', 'xml'], '--format must be'],
    [['case.json', '--json', '--format', 'table'], 'contradict'],
    [['case.json', '--candidates', 'MO,,SP'], 'empty entry'],
    [['case.json', '--candidates', 'MO', '--costs', 'SP=2'], 'not among --candidates'],
    [['case.json', '--candidates', 'MO', '--costs', 'MO=-1'], 'positive cost'],
    [['case.json', '--population', 'X'], '--population needs --db'],
    [[], 'exactly one FILE'],
    [['case.json', '--bogus'], 'bogus'],
  ])('refuses %j (exit 2, nothing on stdout)', async (argv, fragment) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(fragment);
  });

  it('refuses a candidate in no family and an already typed candidate (exit 1)', async () => {
    const a = await run(['case.json', '--candidates', 'ZZ']);
    expect(a.code).toBe(1);
    expect(a.stderr).toContain(
      'kindred: INVALID_ARGUMENT: Candidate reference "ZZ" is not a member of any family',
    );
    const b = await run(['case.json', '--candidates', 'FA']);
    expect(b.code).toBe(1);
    expect(b.stderr).toContain('is already typed');
    expect(b.stdout).toBe('');
  });
});

describe('README worked example', () => {
  it('the "whom to type next" output in README.md is what the command prints', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const root = join(import.meta.dirname, '..', '..');
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const block = readme.split('--candidates U2,MO,GM\n```\n\n```text\n')[1]!.split('```')[0]!;
    let stdout = '';
    const code = await runPowerCommand(
      ['examples/power/avuncular.json', '--candidates', 'U2,MO,GM'],
      {
        stdout: (s) => {
          stdout += s;
        },
        stderr: () => {},
        readFile: (p) => readFileSync(join(root, p), 'utf8'),
      },
    );
    expect(code).toBe(0);
    expect(stdout).toBe(block);
  });
});

describe('kindred power --db', () => {
  it('reads every family of a store (ids family/person) and agrees with the exported document', async () => {
    const { mkdtempSync, readFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { runDbCommand } = await import('./db-command.js');
    const lab = join(import.meta.dirname, '..', '..', 'fixtures', 'lab');
    const dir = mkdtempSync(join(tmpdir(), 'kindred-power-'));
    const db = join(dir, 'p.db');
    const out: string[] = [];
    const io = {
      stdout: (s: string) => {
        out.push(s);
      },
      stderr: () => {},
      readFile: (p: string) => readFileSync(p, 'utf8'),
    };
    try {
      expect(await runDbCommand(['init', db], io)).toBe(0);
      expect(
        await runDbCommand(
          ['import', db, join(lab, 'synthetic.wide.csv'), '--population', 'synthetic'],
          io,
        ),
      ).toBe(0);
      expect(
        await runDbCommand(
          [
            'import',
            db,
            join(lab, 'references.genemapper.txt'),
            join(lab, 'families.json'),
            '--kind',
            'reference',
          ],
          io,
        ),
      ).toBe(0);
      out.length = 0;
      expect(await runPowerCommand(['--db', db, '--json', '--sims', '300'], io)).toBe(0);
      const fromDb = JSON.parse(out.join(''));
      out.length = 0;
      expect(await runDbCommand(['export', db, '--to', 'dvi'], io)).toBe(0);
      const exported = out.join('');
      out.length = 0;
      const viaFile = await runPowerCommand(['doc.json', '--json', '--sims', '300'], {
        ...io,
        readFile: () => exported,
      });
      expect(viaFile).toBe(0);
      expect(JSON.parse(out.join('')).families).toEqual(fromDb.families);
      expect(fromDb.families.length).toBeGreaterThan(0);
      expect(fromDb.families[0].missing).toContain('/');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
