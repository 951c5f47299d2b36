import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './main.js';

const fixture = join(
  import.meta.dirname,
  '..',
  '..',
  'fixtures',
  'conformance',
  'dvi',
  'dvi-pub-3v-2f-stepwise.json',
);

function run(argv: string[], files: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: (s: string) => {
      stdout += s;
    },
    stderr: (s: string) => {
      stderr += s;
    },
    readFile: (p: string) => {
      if (Object.hasOwn(files, p)) return files[p]!;
      return readFileSync(p, 'utf8');
    },
  };
  return runCli(['search', ...argv], io).then((code) => ({ code, stdout, stderr }));
}

interface Expected {
  pairwise: Record<string, Record<string, { log10LR: number | null }>>;
}

describe('kindred search', () => {
  it('--json lists every victim best first with log10LR equal to the conformance pairwise answer', async () => {
    const expected = (JSON.parse(readFileSync(fixture, 'utf8')) as { expected: Expected }).expected;
    const { code, stdout, stderr } = await run([fixture, '--json', '--top', '10']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const out = JSON.parse(stdout) as {
      id: string;
      matches: {
        victim: string;
        missing: string;
        family: string;
        rank: number;
        log10LR: number | null;
      }[];
    };
    expect(out.id).toBe('dvi-pub-3v-2f-stepwise');
    for (const [victim, byMissing] of Object.entries(expected.pairwise)) {
      const mine = out.matches.filter((m) => m.victim === victim);
      expect(mine.map((m) => m.rank)).toEqual(mine.map((_, i) => i + 1));
      expect(mine.map((m) => m.missing).sort()).toEqual(Object.keys(byMissing).sort());
      for (const m of mine) expect(m.log10LR).toBeCloseTo(byMissing[m.missing]!.log10LR!, 9);
      for (let i = 1; i < mine.length; i++)
        expect(mine[i - 1]!.log10LR!).toBeGreaterThanOrEqual(mine[i]!.log10LR!);
    }
  });

  // Issue 15, problem 4: the CLI showed no conclusions. Posterior under a flat prior over the
  // sex-compatible candidates and "none": LR_m / (1 + Σ_m' LR_m'), from the conformance answers;
  // undisputed: LR ≥ T and ≥ T · every other LR of the victim and of the missing person, T = 10⁴.
  it('--json gives each match its posterior and undisputed flag, from the conformance pairwise LRs', async () => {
    const expected = (JSON.parse(readFileSync(fixture, 'utf8')) as { expected: Expected }).expected;
    const { stdout } = await run([fixture, '--json', '--top', '10']);
    const out = JSON.parse(stdout) as {
      matches: { victim: string; missing: string; posterior: number; undisputed: boolean }[];
    };
    const lr = (v: string, m: string) => 10 ** (expected.pairwise[v]?.[m]?.log10LR ?? -Infinity);
    const T = 10_000;
    for (const m of out.matches) {
      const row = Object.keys(expected.pairwise[m.victim] ?? {});
      const total = row.reduce((a, k) => a + lr(m.victim, k), 1);
      expect(m.posterior).toBeCloseTo(lr(m.victim, m.missing) / total, 9);
      const mine = lr(m.victim, m.missing);
      const others = [
        ...row.filter((k) => k !== m.missing).map((k) => lr(m.victim, k)),
        ...Object.keys(expected.pairwise)
          .filter((v) => v !== m.victim && expected.pairwise[v]?.[m.missing] !== undefined)
          .map((v) => lr(v, m.missing)),
      ];
      expect(m.undisputed).toBe(mine >= T && others.every((o) => mine >= T * o));
    }
    expect(out.matches.some((m) => m.undisputed)).toBe(true);
  });

  it('prints a readable table with --top 1 (true identity V2 = M2 from the case description)', async () => {
    const { code, stdout } = await run([fixture, '--top', '1']);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /Victim V2 \(male\)\n\s+rank\s+missing\s+family\s+log10LR\s+posterior\s+undisputed\s+category\s+verbal\n\s+1\s+M2\s+F2\s/,
    );
    expect(stdout.match(/^\s+1\s/gm)?.length).toBe(3);
  });

  it('usage errors exit 2 with kindred: USAGE on stderr and nothing on stdout', async () => {
    for (const argv of [
      [],
      [fixture, '--top', '0'],
      [fixture, '--threshold', 'abc'],
      [fixture, '--nope'],
    ]) {
      const { code, stdout, stderr } = await run(argv);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(/^kindred: USAGE: /);
    }
  });

  it('an invalid document exits 1 with kindred: <code>: <message> naming the problem', async () => {
    const { code, stdout, stderr } = await run(['bad.json'], {
      'bad.json': '{"format": "kindred-dvi/1"',
    });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^kindred: PARSE_ERROR: .*bad\.json/);
  });
});
