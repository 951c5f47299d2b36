/**
 * Every input of `fixtures/repro/` (copied from ../shared/repro/, found by fuzzing; issue 18)
 * gives the behaviour its README asks for, through the CLI exactly as a user runs it.
 */
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
});
