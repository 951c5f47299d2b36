/**
 * Provenance of stored matches and the programme report of `kindred db`: after the workflow's
 * imports and search, every match's provenance names the table by the SHA-256 of its canonical
 * form — equal to that of the frequency file read independently — and keeps the provenance it
 * was computed with when a later search finds the same LR; `kindred report DB --out DIR` writes
 * a summary with a page per match.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIO } from '../src/cli/cli-io.js';
import { readTextFile } from '../src/cli/cli-io.js';
import { runCli } from '../src/cli/main.js';
import { parseFrequencyWide } from '../src/io/frequency-wide.js';
import { frequencyTableSHA256 } from '../src/provenance/frequency-hash.js';

const root = join(import.meta.dirname, '..');
const lab = join(root, 'fixtures', 'lab');

function capture(): CliIO & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout(t: string) {
      io.out += t;
    },
    stderr(t: string) {
      io.err += t;
    },
    readFile: (p: string) => readTextFile(p),
  };
  return io;
}

async function run(argv: string[]): Promise<string> {
  const io = capture();
  const code = await runCli(argv, io);
  expect(code, `${argv.join(' ')}: ${io.err}`).toBe(0);
  return io.out;
}

describe('kindred db matches and kindred report DB', () => {
  it('stored matches keep the provenance they were computed with, and the report links a page per match', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kindred-report-db-'));
    const db = join(dir, 'programme.db');
    await run(['db', 'init', db]);
    await run(['db', 'import', db, join(lab, 'synthetic.wide.csv'), '--population', 'synthetic']);
    await run([
      'db',
      'import',
      db,
      join(lab, 'references.genemapper.txt'),
      join(lab, 'families.json'),
      '--kind',
      'reference',
    ]);
    await run(['db', 'import', db, join(lab, 'remains.genemapper.txt'), '--kind', 'remains']);
    await run(['db', 'search', db]);

    const matches = JSON.parse(await run(['db', 'matches', db, '--json'])) as {
      id: number;
      log10LR: number | null;
      provenance: {
        format: string;
        computation: string;
        computedAt: string;
        frequencies: { name: string; sha256: string }[];
        loci: { name: string; mutation: unknown }[];
      } | null;
    }[];
    expect(matches.length).toBeGreaterThan(0);
    const table = parseFrequencyWide(readFileSync(join(lab, 'synthetic.wide.csv'), 'utf8'), {
      population: 'any name',
    }).table;
    for (const m of matches) {
      expect(m.provenance?.format).toBe('kindred-provenance/1');
      expect(m.provenance?.computation).toBe('kindred db search');
      expect(m.provenance?.frequencies).toEqual([
        expect.objectContaining({ name: 'synthetic', sha256: frequencyTableSHA256(table) }),
      ]);
      expect(m.provenance?.loci.length).toBe(table.markers.size);
    }

    // A second search of everything finds the same LRs: the matches keep their provenance.
    await run(['db', 'search', db, '--all']);
    const again = JSON.parse(await run(['db', 'matches', db, '--json'])) as typeof matches;
    expect(again.map((m) => [m.id, m.provenance?.computedAt])).toEqual(
      matches.map((m) => [m.id, m.provenance?.computedAt]),
    );

    const out = join(dir, 'report');
    expect(await run(['report', db, '--out', out])).toBe(
      `${join(out, 'index.html')} (${matches.length} match pages)\n`,
    );
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    expect(index).toContain('Open matches (to review)');
    for (const m of matches) {
      expect(index).toContain(`<a href="match-${m.id}.html">${m.id}</a>`);
      const page = readFileSync(join(out, `match-${m.id}.html`), 'utf8');
      expect(page).toContain('data-placed=');
      expect(page).toContain(frequencyTableSHA256(table));
      expect(page).toContain(`data-value="${String(m.log10LR)}"`);
      // the per-marker LRs, recomputed from the store, add up to the recorded LR
      expect(page).toContain('data-field="agrees" data-value="true"');
      const cells = [...page.matchAll(/data-field="lr" data-value="([^"]+)"/g)].map((x) =>
        Number(x[1]),
      );
      expect(cells.length).toBeGreaterThan(0);
      expect(cells.reduce((a, b) => a + b, 0)).toBeCloseTo(m.log10LR as number, 9);
    }
    expect(index).not.toMatch(/<script/i);
  }, 120_000);
});
