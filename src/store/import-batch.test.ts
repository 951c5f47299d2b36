import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFamiliasFam } from '../io/familias-fam.js';
import { formatFamiliasFam } from '../io/familias-format.js';
import { type ImportBatch, importBatch, importBatches } from './import-batch.js';
import { detectImportFormat, type ReadImportOptions, readImportFile } from './import-sources.js';
import { searchStore } from './match-search.js';
import { createMemoryStore } from './memory-store.js';
import type { ProfileStore } from './profile-store.js';
import { exportDVIDocument, exportFamilias } from './store-export.js';

const LAB = new URL('../../fixtures/lab/', import.meta.url);
const read = (name: string, options: ReadImportOptions = {}): ImportBatch =>
  readImportFile(name, readFileSync(new URL(name, LAB), 'utf8'), options);

function programme(families = 'families.json'): ProfileStore {
  const store = createMemoryStore();
  const reports = importBatches(store, [
    read('synthetic.wide.csv', { population: 'synthetic' }),
    read('references.genemapper.txt', { kind: 'reference' }),
    read('remains.genemapper.txt', { kind: 'remains' }),
    read(families),
  ]);
  expect(reports.every((r) => r.applied)).toBe(true);
  return store;
}

describe('readImportFile / detectImportFormat', () => {
  it('detectImportFormat tells every fixture format from its name and first line', async () => {
    const formats = [
      'references.genemapper.txt',
      'batch2.cmf.xml',
      'dvi-small.fam',
      'families.json',
      'synthetic.wide.csv',
      'synthetic-strider.xml',
    ].map((f) => detectImportFormat(f, readFileSync(new URL(f, LAB), 'utf8')));
    expect(formats).toEqual([
      'genemapper',
      'codis-cmf',
      'familias-fam',
      'kindred-families',
      'frequency-wide',
      'strider-xml',
    ]);
  });

  it('readImportFile turns a Familias DVI file into remains, prefixed references, families and a table', async () => {
    const batch = read('dvi-small.fam', { unknownSex: 'male' });
    expect(batch.profiles.map((p) => [p.id, p.kind])).toEqual([
      ['V1', 'remains'],
      ['V2', 'remains'],
      ['F1/FA', 'reference'],
      ['F1/MO', 'reference'],
      ['F2/CH', 'reference'],
    ]);
    expect(batch.families.map((f) => [f.name, f.missing])).toEqual([
      ['F1', ['Missing person']],
      ['F2', ['Missing person']],
    ]);
    expect([...(batch.tables[0]?.table.markers.keys() ?? [])]).toEqual(['D3S1358', 'Penta E']);
    expect(batch.tables[0]?.mutation?.get('D3S1358')).toEqual({
      model: 'proportional',
      rate: 0.001,
    });
  });

  it('readImportFile refuses a GeneMapper table without a profile kind', async () => {
    expect(() => read('remains.genemapper.txt')).toThrow(/needs the kind of its profiles/);
  });
});

describe('importBatches', () => {
  it('importBatches writes the example programme and the search finds both true matches', async () => {
    const store = programme();
    expect(store.countProfiles({ kind: 'reference' })).toBe(8);
    expect(store.countProfiles({ kind: 'remains' })).toBe(3);
    expect(store.listImports().map((i) => i.format)).toEqual([
      'frequency-wide',
      'genemapper',
      'genemapper',
      'kindred-families',
    ]);
    await searchStore(store);
    const strong = store.listMatches({ minLog10LR: 4 }).map((m) => [m.victim, m.family]);
    // make-fixtures.ts draws V-01 as the missing son of F-001 and V-02 as the missing father of F-002
    expect(strong).toEqual(
      expect.arrayContaining([
        ['V-01', 'F-001'],
        ['V-02', 'F-002'],
      ]),
    );
    expect(strong.some(([v]) => v === 'V-03')).toBe(false);
  });

  it('importBatches reports progress after every record of every batch, ending at the total', () => {
    const store = createMemoryStore();
    const batch = read('remains.genemapper.txt', { kind: 'remains' });
    const seen: [number, number][] = [];
    importBatches(store, [batch], { onProgress: (done, total) => seen.push([done, total]) });
    const n = batch.tables.length + batch.profiles.length + batch.families.length;
    expect(n).toBe(3);
    expect(seen).toEqual(Array.from({ length: n }, (_, k) => [k + 1, n]));
  });

  it('importBatch in a dry run reports what it would add and writes nothing', async () => {
    const store = createMemoryStore();
    const report = importBatch(store, read('remains.genemapper.txt', { kind: 'remains' }), {
      dryRun: true,
    });
    expect(report.applied).toBe(false);
    expect(report.profiles.added).toEqual(['V-01', 'V-02', 'V-03']);
    expect(report.skipped.map((s) => s.id)).toEqual(['Allelic Ladder', 'RB1']);
    expect(store.countProfiles()).toBe(0);
    expect(store.listImports()).toEqual([]);
  });

  it('importBatch of the same file again reports every profile unchanged', async () => {
    const store = programme();
    const report = importBatch(store, read('remains.genemapper.txt', { kind: 'remains' }));
    expect(report.profiles).toEqual({
      added: [],
      changed: [],
      unchanged: ['V-01', 'V-02', 'V-03'],
    });
  });

  it('importBatches refuses all files when one record is rejected, leaving the store as before', async () => {
    const store = createMemoryStore();
    const reports = importBatches(store, [
      read('remains.genemapper.txt', { kind: 'remains' }),
      read('families.json'),
    ]);
    expect(reports.map((r) => r.applied)).toEqual([false, false]);
    // the families name reference profiles that are not stored
    expect(reports[1]?.rejected.map((r) => [r.id, r.error.code, r.error.file])).toEqual([
      ['F-001', 'STORE_ERROR', 'families.json'],
      ['F-002', 'STORE_ERROR', 'families.json'],
      ['F-003', 'STORE_ERROR', 'families.json'],
    ]);
    expect(reports[1]?.rejected[0]?.error.message).toContain(
      'refers to profile "F001-FA", which is not in the store',
    );
    expect(store.countProfiles()).toBe(0);
  });

  it('importBatch with allowRejected writes the accepted records of a file with bad rows', async () => {
    const store = createMemoryStore();
    const report = importBatch(store, read('malformed.genemapper.txt', { kind: 'reference' }), {
      allowRejected: true,
    });
    expect(report.applied).toBe(true);
    expect(report.profiles.added).toEqual(['S-OK', 'S-UNK']);
    expect(report.rejected).toHaveLength(7);
  });

  it('importBatch refuses a changed profile without replace and takes it with replace', async () => {
    const store = programme();
    const changed = read('references.genemapper.txt', { kind: 'remains' });
    const refused = importBatch(store, changed);
    expect(refused.applied).toBe(false);
    expect(refused.rejected[0]?.error.message).toContain(
      'already in the store with different data',
    );
    // with replace, a reference that families use cannot become remains: still refused
    const replaced = importBatch(store, changed, { replace: true });
    expect(replaced.rejected[0]?.error.message).toContain('of kind remains');
    expect(store.getProfile('F001-FA')?.profile.kind).toBe('reference');
  });
});

describe('exports', () => {
  it('exportFamilias then re-import gives the same LRs (a .fam round trip through the store)', async () => {
    const store = programme();
    await searchStore(store);
    const before = store.listMatches();
    const text = formatFamiliasFam(exportFamilias(store));
    // every member keeps its sex: no unknownSex needed (issue 15, problem 3)
    expect(parseFamiliasFam(text).dvi?.families).toHaveLength(3);
    const back = createMemoryStore();
    const batch = readImportFile('programme.fam', text);
    expect(importBatch(back, batch).applied).toBe(true);
    await searchStore(back);
    const key = (m: { victim: string; family: string }) => `${m.victim} ${m.family}`;
    const after = new Map(back.listMatches().map((m) => [key(m), m.log10LR]));
    // the missing person is written "Missing person (MP)" and comes back as "MP"
    expect(text).toContain('Name= Missing person (MP)');
    expect(back.listFamilies().map((f) => f.missing)).toEqual(
      store.listFamilies().map((f) => f.missing),
    );
    expect(after.size).toBe(before.length);
    for (const m of before) expect(after.get(key(m))).toBeCloseTo(m.log10LR as number, 9);
  });

  it('exportDVIDocument gives a kindred-dvi/1 document that imports to the same LRs', async () => {
    const store = programme();
    await searchStore(store);
    const { document, unusedMarkers } = exportDVIDocument(store);
    expect(unusedMarkers).toEqual([]);
    const back = createMemoryStore();
    expect(importBatch(back, readImportFile('export.json', JSON.stringify(document))).applied).toBe(
      true,
    );
    await searchStore(back);
    const strong = back.listMatches({ minLog10LR: 4 }).map((m) => [m.victim, m.family, m.missing]);
    expect(strong).toEqual(
      expect.arrayContaining([
        ['V-01', 'F-001', 'MP'],
        ['V-02', 'F-002', 'MP'],
      ]),
    );
    for (const m of back.listMatches()) {
      const original = store.listMatches({ victim: m.victim, family: m.family })[0];
      expect(m.log10LR).toBeCloseTo(original?.log10LR as number, 9);
    }
  });
});
