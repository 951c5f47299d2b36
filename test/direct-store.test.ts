/**
 * Direct matching in a store (src/store/direct-search.ts) and `kindred db search`'s report of
 * remains–remains and remains–elimination pairs: the incident of examples/fragments.json imported
 * into a store gives the same pairs and LRs as `kindred dvi` on the document (same table, the
 * profiles' own drop-out and drop-in), withdrawn profiles are left out, and the CLI prints them.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDbCommand } from '../src/cli/db-command.js';
import { computeDVI } from '../src/dvi/dvi.js';
import { parseDVICase } from '../src/io/dvi-file.js';
import { findStoreDirectMatches } from '../src/store/direct-search.js';
import { importBatch } from '../src/store/import-batch.js';
import { readImportFile } from '../src/store/import-sources.js';
import { createMemoryStore } from '../src/store/memory-store.js';
import { exportDVIDocument } from '../src/store/store-export.js';

const FILE = join(import.meta.dirname, '..', 'examples', 'fragments.json');
const TEXT = readFileSync(FILE, 'utf8');

function store() {
  const s = createMemoryStore();
  importBatch(s, readImportFile('fragments.json', TEXT));
  return s;
}

describe('findStoreDirectMatches', () => {
  it('equals kindred dvi on the same document: V1–V3 (fragments), V2–S1 (staff)', () => {
    const dvi = computeDVI(parseDVICase(TEXT), { directThreshold: 10 });
    const r = findStoreDirectMatches(store(), { threshold: 10 });
    expect(r.populations).toHaveLength(1);
    const p = r.populations[0]!;
    expect(p.compared).toBe(dvi.direct.compared);
    expect(p.remains).toEqual(dvi.direct.remains);
    expect(p.elimination).toEqual(dvi.direct.elimination);
    expect(p.remains.map((m) => [m.a, m.b])).toEqual([['V1', 'V3']]);
    expect(p.elimination.map((m) => [m.a, m.b])).toEqual([['V2', 'S1']]);
  });

  it('leaves withdrawn profiles out, and lists every pair with threshold 0', () => {
    const s = store();
    expect(findStoreDirectMatches(s, { threshold: 0 }).populations[0]!.compared).toBe(6);
    s.write((tx) => tx.withdrawProfile('S1', 'wrong staff sample'), { user: 'test' });
    const r = findStoreDirectMatches(s, { threshold: 0 });
    expect(r.populations[0]!.compared).toBe(3);
    expect(r.populations[0]!.elimination).toEqual([]);
  });
});

describe('db export --to dvi writes the elimination set', () => {
  it('exportDVIDocument carries elimination and eliminationSex, and reads back to the same direct matches', () => {
    const { document } = exportDVIDocument(store());
    expect(document.elimination).toEqual({
      S1: { D1: ['15', '17'], D2: ['11', '12'], D3: ['21', '21'] },
    });
    expect(document.eliminationSex).toEqual({ S1: 'male' });
    const again = computeDVI(parseDVICase(document), { directThreshold: 10 });
    const original = computeDVI(parseDVICase(TEXT), { directThreshold: 10 });
    expect(again.direct.elimination).toEqual(original.direct.elimination);
  });
});

describe('kindred db search reports direct matches', () => {
  it('prints remains pairs and pairs against elimination profiles, and warns of the staff match', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kindred-direct-'));
    const db = join(dir, 'p.db');
    try {
      let out = '';
      let err = '';
      const io = {
        stdout: (t: string) => {
          out += t;
        },
        stderr: (t: string) => {
          err += t;
        },
        readFile: (p: string) => readFileSync(p, 'utf8'),
      };
      expect(await runDbCommand(['init', db], io)).toBe(0);
      expect(await runDbCommand(['import', db, FILE, '--quiet'], io)).toBe(0);
      out = '';
      err = '';
      expect(await runDbCommand(['search', db, '--direct-threshold', '10', '--quiet'], io)).toBe(0);
      expect(out).toMatch(
        /direct matches \(same person vs unrelated, LR >= 10; fragments\): 6 pairs compared, 1 remains pairs, 1 against elimination profiles\n {2}V1 ~ remains V3: log10 LR 2\.05 \(2 loci; discordant: D1\)\n {2}V2 ~ elimination S1: log10 LR 2\.67 \(3 loci\)\n/,
      );
      expect(err).toContain('kindred: warning: remains "V2" match elimination profile "S1"');
      out = '';
      expect(
        await runDbCommand(['search', db, '--json', '--direct-threshold', '0', '--quiet'], io),
      ).toBe(0);
      const json = JSON.parse(out) as {
        direct: { threshold: number; populations: { compared: number }[] };
      };
      expect(json.direct.threshold).toBe(0);
      expect(json.direct.populations[0]!.compared).toBe(6);
      await expect(
        runDbCommand(['search', db, '--direct-threshold', '-1'], io),
      ).rejects.toMatchObject({
        code: 'USAGE',
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('kindred db search refuses before it records anything', () => {
  it('an elimination profile with an allele the table lacks: UNSEEN_ALLELE, and no match, search entry or searched flag is written (they were, before the refusal)', async () => {
    const { openSqliteStore } = await import('../src/store/sqlite-store.js');
    const { createProfile } = await import('../src/profile/profile.js');
    const dir = mkdtempSync(join(tmpdir(), 'kindred-direct-'));
    const db = join(dir, 'p.db');
    const io = {
      stdout: () => undefined,
      stderr: () => undefined,
      readFile: (p: string) => readFileSync(p, 'utf8'),
    };
    try {
      expect(await runDbCommand(['init', db], io)).toBe(0);
      expect(await runDbCommand(['import', db, FILE, '--quiet'], io)).toBe(0);
      const s = openSqliteStore(db);
      s.write(
        (tx) =>
          tx.putProfile(
            createProfile({ id: 'S2', kind: 'elimination', genotypes: { D1: ['15', '99'] } }),
          ),
        { user: 'test' },
      );
      s.close();
      for (let k = 0; k < 2; k++) {
        await expect(runDbCommand(['search', db, '--quiet'], io)).rejects.toMatchObject({
          code: 'UNSEEN_ALLELE',
          message: expect.stringContaining('"S2"'),
        });
      }
      const after = openSqliteStore(db);
      try {
        expect(after.listMatches()).toEqual([]);
        expect(after.listHistory({}).filter((h) => h.entity === 'search')).toEqual([]);
        expect(after.listProfiles({ kind: 'remains' }).every((p) => !p.searched)).toBe(true);
      } finally {
        after.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
