/**
 * The `kindred` CLI contract (case-format.md and the conventions): answers on stdout, errors as
 * `kindred: <code>: <message>` on stderr with exit 1 (2 for usage), nothing on stdout then.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIO } from '../src/cli/cli-io.js';
import { readTextFile } from '../src/cli/cli-io.js';
import { runCli } from '../src/cli/main.js';

const lr = join(import.meta.dirname, '..', 'fixtures', 'conformance', 'lr');

function capture(stdin = ''): CliIO & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout(t: string) {
      io.out += t;
    },
    stderr(t: string) {
      io.err += t;
    },
    readFile: (p: string) => (p === '-' ? stdin : readTextFile(p)),
  };
  return io;
}

describe('kindred CLI', () => {
  it('kindred lr FILE prints the answer object with the reference log10 LR', async () => {
    const file = join(lr, 'pair-po-ff-10l.json');
    const io = capture();
    expect(await runCli(['lr', file], io)).toBe(0);
    const answer = JSON.parse(io.out);
    const expected = JSON.parse(readFileSync(file, 'utf8')).expected;
    // Reference value: forrel/pedprobr (conformance file).
    expect(Math.abs(answer.hypotheses.H1.log10LR - expected.hypotheses.H1.log10LR)).toBeLessThan(
      1e-9,
    );
    expect(io.err).toBe('');
  });

  it('kindred lr - reads standard input; --format table prints a per-locus table', async () => {
    const text = readFileSync(join(lr, 'pair-po-ff-10l.json'), 'utf8');
    const io = capture(text);
    expect(await runCli(['lr', '-', '--format', 'table'], io)).toBe(0);
    expect(io.out).toContain('log10 LR');
    expect(io.out).toContain('S03');
    // genotypes of every typed person beside the LRs, and the verbal scale of each hypothesis
    const doc = JSON.parse(text) as {
      genotypes: Record<string, Record<string, string[]>>;
      hypotheses: { name: string }[];
      reference: string;
      expected: { reference: { hypotheses: Record<string, { log10LR: number | null }> } };
    };
    const ids = Object.keys(doc.genotypes);
    const header = io.out.split('\n').find((l) => l.startsWith('locus'))!;
    expect(header.split(/ {2,}/).slice(-ids.length)).toEqual(ids);
    const row = io.out.split('\n').find((l) => l.startsWith('S03'))!;
    expect(row.split(/ {2,}/).slice(-ids.length)).toEqual(
      ids.map((id) => doc.genotypes[id]!.S03?.join('/') ?? '-'),
    );
    for (const h of doc.hypotheses.filter((x) => x.name !== doc.reference)) {
      expect(io.out).toContain(`${h.name} against ${doc.reference}: `);
    }
  });

  it('a missing file is IO_ERROR on stderr, exit 1, nothing on stdout', async () => {
    const io = capture();
    expect(await runCli(['lr', '/no/such/case.json'], io)).toBe(1);
    expect(io.out).toBe('');
    expect(io.err).toBe('kindred: IO_ERROR: Cannot read "/no/such/case.json": no such file\n');
  });

  it('an invalid case names the field; no stack trace without --verbose', async () => {
    const io = capture('{"format": "kindred-case/1", "id": "x", "loci": []}');
    expect(await runCli(['lr', '-'], io)).toBe(1);
    expect(io.out).toBe('');
    expect(io.err).toMatch(/^kindred: INVALID_CASE: .*loci/);
    expect(io.err).not.toContain('    at ');
  });

  it('a pedigree over the budget is TOO_COMPLEX naming hypothesis and locus', async () => {
    const io = capture();
    expect(await runCli(['lr', join(lr, 'mp-big3gen-24l.json'), '--max-table', '10'], io)).toBe(1);
    expect(io.err).toMatch(
      /^kindred: TOO_COMPLEX: Hypothesis "H1" at locus "S01": .*table of \d+ entries/,
    );
    expect(io.out).toBe('');
  });

  it('wrong usage exits 2', async () => {
    for (const argv of [
      ['nope'],
      ['lr'],
      ['lr', 'a', '--format', 'xml'],
      ['lr', 'a', '--max-table', '-1'],
      ['lr', '--bogus', 'a'],
    ]) {
      const io = capture();
      expect(await runCli(argv, io)).toBe(2);
      expect(io.err).toMatch(/^kindred: USAGE: /);
      expect(io.out).toBe('');
    }
  });

  it('kindred validate reports every issue of a bad file at once', async () => {
    const io = capture(
      JSON.stringify({
        format: 'kindred-case/1',
        id: 'bad',
        theta: 2,
        loci: [{ name: 'L1', alleles: ['1', '1'], frequencies: [0.5, 0.5] }],
        hypotheses: [
          { name: 'H1', pedigree: [{ id: 'A', father: null, mother: null, sex: 'male' }] },
        ],
        reference: 'H9',
        genotypes: {},
      }),
    );
    expect(await runCli(['validate', '-'], io)).toBe(1);
    const lines = io.err.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(3);
    expect(io.err).toContain('theta');
    expect(io.err).toContain('reference');
  });
});

describe('kindred validate --format json', () => {
  const bad = JSON.stringify({
    format: 'kindred-case/1',
    id: 'bad',
    theta: 2,
    loci: [{ name: 'L1', alleles: ['1', '1'], frequencies: [0.5, 0.5] }],
    hypotheses: [{ name: 'H1', pedigree: [{ id: 'A', father: null, mother: null, sex: 'male' }] }],
    reference: 'H9',
    genotypes: {},
  });
  it('prints one JSON array on stdout: the issues of a bad file with code, message and path (it printed text only)', async () => {
    const io = capture(bad);
    expect(await runCli(['validate', '-', '--format', 'json'], io)).toBe(1);
    expect(io.err).toBe('');
    const [entry] = JSON.parse(io.out) as {
      file: string;
      ok: boolean;
      issues: { code: string; message: string; path: (string | number)[] }[];
    }[];
    expect(entry!.file).toBe('-');
    expect(entry!.ok).toBe(false);
    expect(entry!.issues.map((i) => i.path[0])).toEqual(
      expect.arrayContaining(['theta', 'reference']),
    );
    for (const i of entry!.issues) expect(i.code).toMatch(/^[A-Z_]+$/);
  });
  it('a valid file gives ok and its summary; --json is the alias', async () => {
    const io = capture(readFileSync(join(lr, 'pair-po-mm-01l.json'), 'utf8'));
    expect(await runCli(['validate', '--json', '-'], io)).toBe(0);
    expect(JSON.parse(io.out)).toEqual([
      {
        file: '-',
        ok: true,
        summary: expect.stringMatching(/^ok: kindred-case\/1 "pair-po-mm-01l"/),
      },
    ]);
  });
});

describe('kindred demo', () => {
  it('simulates a labelled synthetic incident, ranks it and runs a joint DVI', async () => {
    const io = capture();
    expect(await runCli(['demo', '--families', '20', '--unrelated', '3', '--seed', '7'], io)).toBe(
      0,
    );
    expect(io.out).toContain('SIMULATED, not real');
    expect(io.out).toContain('SYNTHETIC population');
    const m = io.out.match(/ranked first for (\d+) of (\d+) identifiable remains/);
    expect(m).not.toBeNull();
    // Simulated with no mutation from 23 loci: the true family should nearly always rank first.
    expect(Number(m![1])).toBeGreaterThanOrEqual(Number(m![2]) - 2);
    expect(io.out).toMatch(/Joint DVI: .*\n\s+log10 LR/);
  });

  it('kindred demo rejects a bad option value with USAGE', async () => {
    const io = capture();
    expect(await runCli(['demo', '--families', '0'], io)).toBe(2);
    expect(io.err).toBe(
      'kindred: USAGE: kindred demo: --families must be a whole number >= 1, not "0"\n',
    );
  });
});
