/**
 * Every input of `fixtures/repro/` (copied from ../shared/repro/, found by fuzzing; issue 18)
 * gives the behaviour its README asks for, through the CLI exactly as a user runs it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIO } from '../src/cli/cli-io.js';
import { readTextFile } from '../src/cli/cli-io.js';
import { runCli } from '../src/cli/main.js';

const repro = (name: string) => join(import.meta.dirname, '..', 'fixtures', 'repro', name);

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
    readFile: readTextFile,
  };
  const code = await runCli(argv, io);
  return { code, out, err };
}

/** One `kindred: CODE: …` line, no raw control character, a readable length. */
function expectOneLine(err: string, code: string): void {
  expect(err.endsWith('\n')).toBe(true);
  const body = err.slice(0, -1);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting their absence
  expect(body).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  expect(body.startsWith(`kindred: ${code}: `)).toBe(true);
  expect(body.length).toBeLessThanOrEqual(2100);
}

describe('fixtures/repro (issue 18)', () => {
  it('REPRO-newline-injection: the newline in an id is escaped; one line, no forged second line', async () => {
    const r = await run(['lr', repro('REPRO-newline-injection.json')]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expectOneLine(r.err, 'INVALID_PEDIGREE');
    expect(r.err).toContain('father "A\\nkindred: OK: fake second line"');
    expect(r.err.split('\n')).toHaveLength(2);
  });

  it('REPRO-ansi-escape-in-error: the terminal escape sequence is shown as \\x1b, never sent', async () => {
    const r = await run(['lr', repro('REPRO-ansi-escape-in-error.json')]);
    expect(r.code).toBe(1);
    expectOneLine(r.err, 'INVALID_PEDIGREE');
    expect(r.err).toContain('"X\\x1b[2J\\x1b[H"');
    expect(r.err).not.toContain('\u001b');
  });

  it('REPRO-huge-error-message: the megabyte value is cut, its length shown, the rest of the message kept', async () => {
    const r = await run(['lr', repro('REPRO-huge-error-message.json')]);
    expect(r.code).toBe(1);
    expectOneLine(r.err, 'INVALID_GENOTYPE');
    expect(r.err).toMatch(/…\[\d{7} chars\]…/);
    expect(r.err).toContain('S01');
    expect(r.err).toContain('genotypes.A.S01[0]');
  });

  it('REPRO-stepwise-infinite-label: the 400-digit label is refused naming locus and label (lr and validate)', async () => {
    const file = repro('REPRO-stepwise-infinite-label.json');
    const r = await run(['lr', file]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expectOneLine(r.err, 'INVALID_LOCUS');
    expect(r.err).toContain('Locus "L1" has allele label "9999');
    expect(r.err).toContain('loci[0].alleles[3]');
    const v = await run(['validate', file]);
    expect(v.code).toBe(1);
    expect(`${v.out}${v.err}`).toContain('INVALID_LOCUS');
  });

  it('REPRO-dvi-stepwise-infinite-label: refused the same way by dvi and validate, never shown as an exclusion', async () => {
    const file = repro('REPRO-dvi-stepwise-infinite-label.json');
    const r = await run(['dvi', file]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expectOneLine(r.err, 'INVALID_LOCUS');
    expect(r.err).toContain('Locus "S03" has allele label "9999');
    const v = await run(['validate', file]);
    expect(v.code).toBe(1);
    expect(`${v.out}${v.err}`).toContain('INVALID_LOCUS');
  });

  it('REPRO-theta-underflow-false-exclusion: theta 0.02, likelihood ~1e-309: the true log10 LR ≈ −11.9, not an exclusion', async () => {
    const r = await run(['lr', repro('REPRO-theta-underflow-false-exclusion.json')]);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const h1 = JSON.parse(r.out).hypotheses.H1;
    // README of fixtures/repro: true log10 LR ≈ −11.9.
    expect(h1.log10LR).toBeCloseTo(-11.9, 1);
    expect(h1.log10Likelihood).toBeLessThan(-308);
  });

  it('REPRO-theta-underflow-impossible-reference: the reference is possible; its log10 likelihood ≈ −314 is reported', async () => {
    const r = await run(['lr', repro('REPRO-theta-underflow-impossible-reference.json')]);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const answer = JSON.parse(r.out);
    const ref = answer.hypotheses[answer.reference];
    expect(ref.log10LR).toBe(0);
    expect(ref.log10Likelihood).toBeLessThan(-308);
    expect(Number.isFinite(ref.log10Likelihood)).toBe(true);
    for (const h of Object.values(answer.hypotheses) as { log10LR: number | null }[])
      expect(h.log10LR).not.toBeNull();
  });

  it('REPRO-slow-too-complex-10000-alleles: refused by the reader (a size check, before any matrix), in lr and validate', async () => {
    const file = repro('REPRO-slow-too-complex-10000-alleles.json');
    const r = await run(['lr', file]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expectOneLine(r.err, 'INVALID_LOCUS');
    expect(r.err).toContain('Locus "L0" has 10000 alleles; at most 4096 are allowed');
    const v = await run(['validate', file]);
    expect(v.code).toBe(1);
    expect(`${v.out}${v.err}`).toContain('has 10000 alleles');
  });

  describe('db import', () => {
    const withStore = async (fn: (db: string) => Promise<void>) => {
      const dir = mkdtempSync(join(tmpdir(), 'kindred-repro-'));
      try {
        const db = join(dir, 'x.db');
        expect((await run(['db', 'init', db])).code).toBe(0);
        await fn(db);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    };

    it('REPRO-fam-extra-persons-50M: refused at once, the count exceeds what the file holds', async () => {
      await withStore(async (db) => {
        const r = await run(['db', 'import', db, repro('REPRO-fam-extra-persons-50M.fam')]);
        expect(r.code).toBe(1);
        expectOneLine(r.err, 'PARSE_ERROR');
        expect(r.err).toContain('extra females as 50000000, more than the 56 line(s) left');
        expect(r.err).toContain('line 52');
      });
    });

    it('REPRO-cmf-huge-charref: &#99999999; is a clear PARSE_ERROR naming line and value, not INTERNAL', async () => {
      await withStore(async (db) => {
        const r = await run(['db', 'import', db, repro('REPRO-cmf-huge-charref.cmf.xml')]);
        expect(r.code).toBe(1);
        expectOneLine(r.err, 'PARSE_ERROR');
        expect(r.err).toContain('Character reference "&#99999999;"');
        expect(r.err).toContain('line 10');
      });
    });
  });

  it('every file of fixtures/repro has a test here', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const me = readFileSync(import.meta.filename, 'utf8');
    const files = readdirSync(join(import.meta.dirname, '..', 'fixtures', 'repro')).filter((f) =>
      f.startsWith('REPRO-'),
    );
    expect(files.length).toBe(10);
    for (const f of files) expect(me).toContain(`${f.replace(/\.(json|fam|cmf\.xml)$/, '')}:`);
  });
});
