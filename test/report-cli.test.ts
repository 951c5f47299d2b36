/**
 * `kindred report` and the provenance of `kindred lr`, `dvi` and `search` answers: a report for
 * every conformance case (lr and dvi) and for the demo's simulated incident, files written
 * with --out, provenance objects whose hashes are those of the input file, and usage errors.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIO } from '../src/cli/cli-io.js';
import { readTextFile } from '../src/cli/cli-io.js';
import { runCli } from '../src/cli/main.js';
import { parseCase } from '../src/io/case-file.js';
import { lociFrequencySHA256 } from '../src/provenance/frequency-hash.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'conformance');

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

const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('kindred report', () => {
  it.each([
    ...readdirSync(join(fixtures, 'lr'))
      .filter((f) => f.endsWith('.json'))
      .map((f) => `lr/${f}`),
    ...readdirSync(join(fixtures, 'degraded'))
      .filter((f) => /^deg-\d.*\.json$/.test(f))
      .map((f) => `degraded/${f}`),
  ])('kindred report %s prints one HTML page', async (name) => {
    const io = capture();
    expect(await runCli(['report', join(fixtures, name)], io)).toBe(0);
    expect(io.out.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(io.out.trimEnd().endsWith('</html>')).toBe(true);
    expect(io.err).toBe('');
  });

  it.each(readdirSync(join(fixtures, 'dvi')).filter((f) => f.endsWith('.json')))(
    'kindred report dvi/%s --out DIR writes DIR/<id>.html',
    async (name) => {
      const dir = mkdtempSync(join(tmpdir(), 'kindred-report-cli-'));
      const io = capture();
      expect(
        await runCli(['report', join(fixtures, 'dvi', name), '--out', dir, '--top', '3'], io),
      ).toBe(0);
      const id = JSON.parse(readFileSync(join(fixtures, 'dvi', name), 'utf8')).id as string;
      expect(io.out).toBe(`${join(dir, `${id}.html`)}\n`);
      const html = readFileSync(join(dir, `${id}.html`), 'utf8');
      expect(html).toContain('Best joint assignments');
      expect(html.match(/<tr data-rank=/g)?.length).toBeLessThanOrEqual(3);
    },
  );

  it("kindred report works on the demo's simulated incident", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kindred-demo-'));
    const file = join(dir, 'incident.json');
    const demo = capture();
    expect(
      await runCli(['demo', '--families', '12', '--unrelated', '3', '--out', file], demo),
    ).toBe(0);
    const io = capture();
    expect(await runCli(['report', file, '--out', dir], io)).toBe(0);
    const html = readFileSync(io.out.trim(), 'utf8');
    expect(html.match(/<svg /g)).toHaveLength(12);
    expect(html).toContain('Reference families');
  }, 120_000);

  it('refuses --top for a kinship case, a file of another format, and extra arguments', async () => {
    const file = join(fixtures, 'lr', 'pair-po-ff-10l.json');
    let io = capture();
    expect(await runCli(['report', file, '--top', '2'], io)).toBe(2);
    expect(io.err).toContain('--top applies to kindred-dvi/1 reports only');
    expect(io.out).toBe('');
    io = capture('{"format":"kindred-families/1"}');
    expect(await runCli(['report', '-'], io)).toBe(1);
    expect(io.out).toBe('');
    io = capture();
    expect(await runCli(['report', file, file], io)).toBe(2);
  });
});

describe('provenance in answers', () => {
  const file = join(fixtures, 'lr', 'mut-stepwise-po-1excl-15l.json');
  const text = readFileSync(file, 'utf8');

  it('kindred lr adds a provenance object with the file hash, the loci table hash, models and engine budget', async () => {
    const io = capture();
    expect(await runCli(['lr', file, '--max-work', '100000000'], io)).toBe(0);
    const answer = JSON.parse(io.out);
    expect(Object.keys(answer)).toEqual(['id', 'reference', 'hypotheses', 'provenance']);
    const p = answer.provenance;
    expect(p.format).toBe('kindred-provenance/1');
    expect(p.computation).toBe('kindred lr');
    expect(p.inputs).toEqual([{ name: file, sha256: sha(text), bytes: Buffer.byteLength(text) }]);
    expect(p.frequencies[0].sha256).toBe(lociFrequencySHA256(parseCase(text).loci));
    expect(p.loci).toEqual(
      JSON.parse(text).loci.map((l: { name: string; mutation: unknown; chromosome?: string }) => ({
        name: l.name,
        chromosome: l.chromosome ?? 'autosomal',
        mutation: l.mutation,
      })),
    );
    expect(p.engine).toEqual({
      lump: true,
      maxTableSize: 16777216,
      maxWork: 100000000,
      maxCaseWork: 4294967296,
    });
    expect(Number.isNaN(Date.parse(p.computedAt))).toBe(false);
  });

  it('kindred lr --format table ends with a provenance line', async () => {
    const io = capture();
    expect(await runCli(['lr', file, '--format', 'table'], io)).toBe(0);
    expect(io.out.trimEnd().split('\n').pop()).toMatch(
      new RegExp(
        `^Kindred \\d+\\.\\d+\\.\\d+, kindred lr, .*input .* sha256 ${sha(text).slice(0, 16)}…`,
      ),
    );
  });

  it('kindred dvi and kindred search --json add provenance with the options that shape the answer', async () => {
    const dvi = join(fixtures, 'dvi', 'dvi-pub-4v-3f-sexspec.json');
    const dviText = readFileSync(dvi, 'utf8');
    let io = capture();
    expect(await runCli(['dvi', dvi, '--top', '4'], io)).toBe(0);
    let answer = JSON.parse(io.out);
    expect(answer.provenance.inputs[0].sha256).toBe(sha(dviText));
    expect(answer.provenance.options).toEqual({ top: 4, directThreshold: 10000 });
    io = capture();
    expect(await runCli(['search', dvi, '--json', '--threads', '1', '--quiet'], io)).toBe(0);
    answer = JSON.parse(io.out);
    expect(answer.provenance.computation).toBe('kindred search');
    expect(answer.provenance.options).toEqual({ top: 5, threshold: 10000 });
  }, 60_000);
});
