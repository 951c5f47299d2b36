/**
 * `kindred dvi`: the answer object on stdout, `--top`, standard input, and errors as
 * `kindred: <code>: <message>` on stderr with nothing on stdout.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from './main.js';

const CASE = JSON.stringify({
  format: 'kindred-dvi/1',
  id: 'cli-1',
  loci: [{ name: 'L1', alleles: ['14', '15', '16'], frequencies: [0.2, 0.5, 0.3] }],
  victims: { V1: { L1: ['14', '15'] }, V2: { L1: ['14', '16'] } },
  families: [
    {
      name: 'F1',
      pedigree: [
        { id: 'FA', father: null, mother: null, sex: 'male' },
        { id: 'MO', father: null, mother: null, sex: 'female' },
        { id: 'M1', father: 'FA', mother: 'MO', sex: 'male' },
      ],
      missing: ['M1'],
      genotypes: { FA: { L1: ['14', '14'] } },
    },
  ],
});

async function run(argv: string[], files: Record<string, string> = { 'case.json': CASE }) {
  let stdout = '';
  let stderr = '';
  const read: string[] = [];
  const code = await runCli(['dvi', ...argv], {
    stdout: (s) => {
      stdout += s;
    },
    stderr: (s) => {
      stderr += s;
    },
    readFile: (p) => {
      read.push(p);
      const text = files[p];
      if (text === undefined) throw new Error(`no such file ${p}`);
      return text;
    },
  });
  return { code, stdout, stderr, read };
}

describe('runDVICommand', () => {
  it('--progress leaves stdout unchanged, and --progress with --quiet is a usage error', async () => {
    const plain = await run(['case.json']);
    const watched = await run(['case.json', '--progress']);
    expect(watched.code).toBe(0);
    // the answer carries its computation time in the provenance; the rest is identical
    const strip = (t: string) => t.replace(/"computedAt": "[^"]+"/, '');
    expect(strip(watched.stdout)).toBe(strip(plain.stdout));
    const both = await run(['case.json', '--progress', '--quiet']);
    expect(both).toMatchObject({ code: 2, stdout: '' });
    expect(both.stderr).toContain('--quiet and --progress contradict each other');
  });

  it('kindred dvi case.json prints the answer object and exits 0', async () => {
    const r = await run(['case.json']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const answer = JSON.parse(r.stdout);
    expect(Object.keys(answer)).toEqual([
      'id',
      'pairwise',
      'joint',
      'pairings',
      'direct',
      'merged',
      'provenance',
    ]);
    // father 14/14: LR(V1 = M1) = LR(V2 = M1) = 1/(2·p14) = 2.5 (paternity index)
    expect(answer.pairwise.V1.M1.log10LR).toBeCloseTo(Math.log10(2.5), 12);
    expect(answer.pairwise.V2.M1.log10LR).toBeCloseTo(Math.log10(2.5), 12);
    // three assignments: V1 → M1, V2 → M1, nobody; the two identifications tie
    expect(answer.joint.length).toBe(3);
    expect(answer.joint[2]).toEqual({ assignment: { V1: null, V2: null }, log10LR: 0 });
    // over the three assignments (LR 2.5, 2.5, 1): P(V1 = M1) = 2.5 / 6, P(V1 = *) = 3.5 / 6;
    // GLR(V1 = M1) = 2.5 / 2.5 (best without: V2 = M1), GLR(V1 = *) = 2.5 / 2.5 likewise
    expect(answer.pairings.V1.M1.posterior).toBeCloseTo(2.5 / 6, 14);
    expect(answer.pairings.V1['*'].posterior).toBeCloseTo(3.5 / 6, 14);
    expect(answer.pairings.V1.M1.log10GLR).toBeCloseTo(0, 14);
    expect(answer.pairings.V1['*'].log10GLR).toBeCloseTo(0, 14);
  });

  it('kindred dvi --top 1 lists one joint assignment', async () => {
    const r = await run(['case.json', '--top', '1']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).joint.length).toBe(1);
  });

  it('kindred dvi - reads standard input through readFile("-")', async () => {
    const r = await run(['-'], { '-': CASE });
    expect(r.code).toBe(0);
    expect(r.read).toEqual(['-']);
    expect(JSON.parse(r.stdout).id).toBe('cli-1');
  });

  it('kindred dvi with an invalid case prints INVALID_CASE on stderr, nothing on stdout, exit 1', async () => {
    const bad = JSON.parse(CASE);
    bad.families[0].missing = ['XX'];
    const r = await run(['bad.json'], { 'bad.json': JSON.stringify(bad) });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^kindred: INVALID_CASE: .*missing person "XX".*bad\.json/);
  });

  it('kindred dvi with malformed JSON prints PARSE_ERROR, exit 1', async () => {
    const r = await run(['x.json'], { 'x.json': '{"format":' });
    expect([r.code, r.stdout]).toEqual([1, '']);
    expect(r.stderr).toMatch(/^kindred: PARSE_ERROR: /);
  });

  it('kindred dvi --top 0 is a usage error (exit 2)', async () => {
    const r = await run(['case.json', '--top', '0']);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toBe(
      'kindred: USAGE: kindred dvi: --top must be a positive whole number, not "0"\n',
    );
  });

  it('kindred dvi without FILE or with an unknown option is a usage error', async () => {
    expect((await run([])).stderr).toBe(
      'kindred: USAGE: kindred dvi needs a FILE (see kindred dvi --help)\n',
    );
    const r = await run(['case.json', '--bogus']);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toBe(
      'kindred: USAGE: kindred dvi: unknown option "--bogus" (see kindred dvi --help)\n',
    );
  });

  it('kindred dvi --help prints the usage', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: kindred dvi FILE [--top K]');
  });

  it('kindred dvi --format table prints the pairwise matrix and the ranked assignments', async () => {
    const r = await run(['case.json', '--format', 'table']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    // LR(V1 = M1) = LR(V2 = M1) = 2.5 (paternity index 1/(2·p14)), log10 2.5 = 0.40
    expect(r.stdout).toMatch(/victim\s+M1\n\s+V1\s+0\.40\n\s+V2\s+0\.40\n/);
    expect(r.stdout).toMatch(/rank\s+log10 LR\s+identified\n\s+1\s+0\.40\s+V[12]=M1\n/);
    expect(r.stdout).toMatch(/\n\s+3\s+0\.00\s+\(none\)\n\n/);
    expect(r.stdout).toMatch(
      /V2\s+not identified\s+0\.5833\s+0\.00\n\nDirect matches \(same person vs unrelated, LR >= 10000; 1 pairs compared\)\n {2}Victim against victim: none\n {2}Victim against the elimination set: none\nKindred \S+, kindred dvi, .*\n$/,
    );
  });

  it('kindred dvi --json is --format json; --format xml is a usage error', async () => {
    const untimed = (s: string): string =>
      s.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g, '<computedAt>');
    expect(untimed((await run(['case.json', '--json'])).stdout)).toBe(
      untimed((await run(['case.json'])).stdout),
    );
    const r = await run(['case.json', '--format', 'xml']);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toContain('--format must be "table" or "json", not "xml"');
  });
});
