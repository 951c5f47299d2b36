import { describe, expect, it } from 'vitest';
import { _expectError, _family, _profile, _TABLE } from '../../test/helpers/store-test-helpers.js';
import { formatFamiliasFam } from '../io/familias-format.js';
import {
  defaultProfileId,
  formatFamNote,
  formatFamProfileNote,
  readDVIStoreField,
  readFamProfileNote,
} from './export-fields.js';
import { importBatch } from './import-batch.js';
import { readImportFile } from './import-sources.js';
import { createMemoryStore } from './memory-store.js';
import type { ProfileStore } from './profile-store.js';
import { exportDVIDocument, exportFamilias } from './store-export.js';

/** A trio family F1 whose members' profiles have ids of their own; TH01 stored as none. */
function programme(): ProfileStore {
  const store = createMemoryStore();
  store.write((tx) => {
    tx.putFrequencyTable(_TABLE, { mutation: new Map([['TH01', null]]) });
    tx.putProfile(_profile('P-0042', 'reference', { D3S1358: ['14', '14'] }, 'male'));
    tx.putProfile(_profile('F1/MO', 'reference', { D3S1358: ['15', '15'] }, 'female'));
    tx.putFamily(_family('F1', { FA: 'P-0042', MO: 'F1/MO' }));
    tx.putProfile(_profile('V1', 'remains', { D3S1358: ['14', '15'] }, 'male'));
  });
  return store;
}

const dviText = (doc: Record<string, unknown>) => JSON.stringify(doc);
const readDVI = (doc: Record<string, unknown>) =>
  readImportFile('x.json', dviText(doc), { format: 'kindred-dvi' });
const readFam = (text: string) => readImportFile('x.fam', text);

describe('export fields: what the formats have no field for', () => {
  it('the exports write only the profile ids not named FAMILY/MEMBER, and the markers stored as none', () => {
    const store = programme();
    const { document } = store.read((r) => exportDVIDocument(r));
    expect(document.store).toEqual({
      referenceProfiles: { F1: { FA: 'P-0042' } },
      noMutation: ['TH01'],
    });
    const fam = store.read((r) => exportFamilias(r));
    expect(fam.note).toBe('(Produced by Kindred; searched without mutation: TH01)');
    expect(fam.dvi?.families[0]?.note).toBe('Kindred profile ids: FA=P-0042');
    expect(defaultProfileId('F1', 'MO')).toBe('F1/MO');
  });

  it.each(['dvi', 'fam'] as const)(
    '%s: db import gives the profiles, members and "none" back',
    (format) => {
      const store = programme();
      const batch =
        format === 'dvi'
          ? readDVI(store.read((r) => exportDVIDocument(r)).document)
          : readFam(formatFamiliasFam(store.read((r) => exportFamilias(r))));
      expect(batch.profiles.map((p) => p.id).sort()).toEqual(['F1/MO', 'P-0042', 'V1']);
      expect(batch.families[0]?.members).toEqual(
        new Map([
          ['FA', 'P-0042'],
          ['MO', 'F1/MO'],
        ]),
      );
      // TH01 none (stored null), D3S1358 no model given (no entry: the default)
      expect(batch.tables[0]?.mutation).toEqual(new Map([['TH01', null]]));
      const back = createMemoryStore();
      expect(importBatch(back, batch).applied).toBe(true);
      expect(back.read((r) => r.getFamily('F1')?.members)).toEqual(
        new Map([
          ['FA', 'P-0042'],
          ['MO', 'F1/MO'],
        ]),
      );
    },
  );

  it('ids with any characters travel in a .fam note (percent-encoded)', () => {
    const members = new Map([
      ['F A', 'P, 1=2'],
      ['Ø"x', '%zz; "q"'],
    ]);
    const note = formatFamProfileNote(members) as string;
    expect(note).not.toMatch(/["\n]/);
    const targets = {
      file: 'x.fam',
      loci: new Map(),
      families: new Map([['F', { typed: new Set(members.keys()) }]]),
    };
    expect(readFamProfileNote('F', note, targets)).toEqual(members);
    expect(formatFamNote([])).toBe('(Produced by Kindred)');
    expect(formatFamNote(['Penta E'])).toBe(
      '(Produced by Kindred; searched without mutation: Penta%20E)',
    );
  });
});

describe('a store field that names what the file lacks is refused, naming it', () => {
  const doc = () => programme().read((r) => exportDVIDocument(r)).document;
  const withStore = (store: unknown) => readDVI({ ...doc(), store });

  it.each([
    [
      { referenceProfiles: { F9: { FA: 'P-1' } } },
      ['store', 'referenceProfiles', 'F9'],
      'family "F9", which is not a family of the file',
    ],
    [
      { referenceProfiles: { F1: { XX: 'P-1' } } },
      ['store', 'referenceProfiles', 'F1'],
      '"XX" of family "F1", who is not a typed member',
    ],
    [
      { referenceProfiles: { F1: { MP: 'P-1' } } },
      ['store', 'referenceProfiles', 'F1'],
      '"MP" of family "F1", who is not a typed member',
    ],
    [
      { referenceProfiles: { F1: { FA: '' } } },
      ['store', 'referenceProfiles', 'F1', 'FA'],
      'a profile id is a non-empty string',
    ],
    [
      { referenceProfiles: { F1: ['P-1'] } },
      ['store', 'referenceProfiles', 'F1'],
      'must be an object of member id',
    ],
    [
      { noMutation: ['XX'] },
      ['store', 'noMutation', 0],
      'Marker "XX" is listed as searched without mutation, but is not a locus',
    ],
    [{ noMutation: ['TH01', 'TH01'] }, ['store', 'noMutation', 1], 'listed twice'],
    [{ noMutation: 'TH01' }, ['store', 'noMutation'], 'must be an array of locus names'],
    [{ profiles: {} }, ['store', 'profiles'], 'store has unknown field "profiles"'],
    [[], ['store'], 'store must be an object'],
  ] as const)('kindred-dvi/1 store %j', (store, path, fragment) => {
    const e = _expectError(() => withStore(store), 'INVALID_CASE', path, fragment);
    expect(e.file).toBe('x.json');
  });

  it('kindred-dvi/1: a marker listed as "none" that has a model is refused', () => {
    const d = doc() as { loci: { name: string; mutation: unknown }[] };
    const loci = d.loci.map((l) =>
      l.name === 'TH01' ? { ...l, mutation: { model: 'equal', rate: 0.001 } } : l,
    );
    _expectError(
      () => readDVI({ ...d, loci }),
      'INVALID_CASE',
      ['store', 'noMutation', 0],
      'Marker "TH01" is listed as searched without mutation, but the file gives it a mutation model',
    );
  });

  it('the same profile in two families with different observations is refused', () => {
    const d = doc() as Record<string, unknown> & { families: Record<string, unknown>[] };
    const f1 = d.families[0] as Record<string, unknown>;
    const rename = (v: unknown): unknown => (typeof v === 'string' ? v.replace(/^F1\//, 'F2/') : v);
    const f2 = {
      ...f1,
      name: 'F2',
      pedigree: (f1.pedigree as Record<string, unknown>[]).map((r) =>
        Object.fromEntries(Object.entries(r).map(([k, v]) => [k, rename(v)])),
      ),
      missing: ['F2/MP'],
      genotypes: Object.fromEntries(
        Object.entries(f1.genotypes as object).map(([k, v]) => [rename(k), v]),
      ),
    };
    const two = {
      ...d,
      families: [f1, f2],
      store: { referenceProfiles: { F1: { FA: 'P-0042' }, F2: { FA: 'P-0042' } } },
    };
    expect(readDVI(two).profiles.filter((p) => p.id === 'P-0042')).toHaveLength(2);
    _expectError(
      () => readDVI({ ...two, observation: { 'F2/FA': { dropout: 0.1, dropin: 0 } } }),
      'INVALID_CASE',
      ['observation', 'F2/FA'],
      'Profile "P-0042" is a member of several families',
    );
  });

  it('.fam: a family note naming a member the family lacks, or badly encoded, is refused', () => {
    const text = formatFamiliasFam(programme().read((r) => exportFamilias(r)));
    _expectError(
      () =>
        readFam(text.replace('Kindred profile ids: FA=P-0042', 'Kindred profile ids: XX=P-0042')),
      'INVALID_CASE',
      ['families', 'F1', 'note'],
      '"XX" of family "F1", who is not a typed member',
    );
    _expectError(
      () =>
        readFam(text.replace('Kindred profile ids: FA=P-0042', 'Kindred profile ids: FA=%E0%A4%A')),
      'INVALID_CASE',
      ['families', 'F1', 'note'],
      'is not percent-encoded text',
    );
    _expectError(
      () => readFam(text.replace('Kindred profile ids: FA=P-0042', 'Kindred profile ids: FA')),
      'INVALID_CASE',
      ['families', 'F1', 'note'],
      'Expected MEMBER=ID',
    );
    // a note of free text is a note: read, not a profile id
    const free = readFam(text.replace('Kindred profile ids: FA=P-0042', 'Contact: the sister'));
    expect(free.families[0]?.members).toEqual(
      new Map([
        ['FA', 'F1/FA'],
        ['MO', 'F1/MO'],
      ]),
    );
  });

  it('.fam: a marker the note lists as "none" but the file gives a rate is refused', () => {
    const fam = programme().read((r) => exportFamilias(r));
    const text = formatFamiliasFam({ ...fam, note: formatFamNote(['TH01', 'D3S1358']) });
    _expectError(
      () => readFam(text.replace(/("D3S1358"\n)0\n0\n/, '$10.001\n0.001\n')),
      'INVALID_CASE',
      ['line', 2],
      'Marker "D3S1358" is listed as searched without mutation, but the file gives it a mutation model',
    );
    _expectError(
      () => readFam(formatFamiliasFam({ ...fam, note: formatFamNote(['XX']) })),
      'INVALID_CASE',
      ['line', 2],
      'Marker "XX" is listed as searched without mutation, but is not a locus of the file',
    );
  });

  it('readDVIStoreField of an absent field is empty', () => {
    const targets = { file: 'x', loci: new Map(), families: new Map() };
    expect(readDVIStoreField(undefined, targets)).toEqual({
      referenceProfiles: new Map(),
      noMutation: [],
    });
  });
});
