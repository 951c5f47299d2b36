import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KindredError } from '../errors.js';
import { type FamiliasFile, parseFamiliasFam } from './familias-fam.js';
import { formatFamiliasFam } from './familias-format.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../../fixtures/lab/${name}`, import.meta.url), 'utf8');
const paternity = parseFamiliasFam(fixture('paternity.fam'), { file: 'paternity.fam' });
const dvi = parseFamiliasFam(fixture('dvi-small.fam'), {
  file: 'dvi-small.fam',
  unknownSex: 'male',
});

function expectError(
  text: string,
  code: string,
  line: number,
  fragment: string,
  unknownSex?: 'male',
) {
  try {
    parseFamiliasFam(text, { file: 'x.fam', ...(unknownSex ? { unknownSex } : {}) });
    expect.unreachable();
  } catch (e) {
    expect(e).toBeInstanceOf(KindredError);
    expect(e).toMatchObject({ code, path: ['line', line], file: 'x.fam' });
    expect((e as Error).message).toContain(fragment);
  }
}

describe('parseFamiliasFam: main section and database', () => {
  it('parseFamiliasFam reads persons with genotypes given as allele and locus indices', () => {
    expect(paternity.version).toBe('3.3.1');
    expect(paternity.persons.map((p) => [p.id, p.sex])).toEqual([
      ['AF', 'male'],
      ['MO', 'female'],
      ['CH', 'female'],
    ]);
    // fixture: AF has indices (0,1) at locus 0 (D3S1358: 14,15,...) and (2,2) at locus 1 (TH01: 6,7,9.3)
    expect([...paternity.persons[0]!.genotypes]).toEqual([
      ['D3S1358', ['14', '15']],
      ['TH01', ['9.3', '9.3']],
    ]);
    expect(paternity.persons[1]?.genotypes.size).toBe(0);
  });

  it('parseFamiliasFam builds each pedigree, adding a parent where one is listed', () => {
    expect(paternity.pedigrees.map((p) => p.name)).toEqual(['H1', 'H2']);
    expect(paternity.pedigrees[0]?.records).toContainEqual({
      id: 'CH',
      father: 'AF',
      mother: 'MO',
      sex: 'female',
    });
    expect(paternity.pedigrees[1]?.records).toContainEqual({
      id: 'CH',
      father: 'added_CH_father',
      mother: 'MO',
      sex: 'female',
    });
    expect(paternity.pedigrees[1]?.records).toContainEqual({
      id: 'added_CH_father',
      father: null,
      mother: null,
      sex: 'male',
    });
  });

  it('parseFamiliasFam reads theta, the database name and sex-specific extended stepwise models', () => {
    expect(paternity.database.theta).toBe(0.01);
    expect(paternity.database.name).toBe('example');
    const [d3, th01] = paternity.database.loci;
    // fixture: female rate 0.001, male 0.002, model code 4 (step-ext), range 0.1, rate2 1e-006
    expect(d3?.mutation).toEqual({
      female: { model: 'stepwise', rate: 0.001, rate2: 1e-6, range: 0.1 },
      male: { model: 'stepwise', rate: 0.002, rate2: 1e-6, range: 0.1 },
    });
    expect(th01?.mutation).toEqual({ model: 'equal', rate: 0.005 });
    expect(th01?.frequencies).toEqual([0.25, 0.25, 0.5]);
    expect(d3?.databaseSize).toBe(1000);
  });

  it('formatFamiliasFam then parseFamiliasFam gives the same file back', () => {
    // Familias lists every person in every pedigree, so a pedigree may gain untyped unrelated
    // founders; persons, genotypes, sexes, parent-child relations and the database are kept.
    const again = parseFamiliasFam(formatFamiliasFam(paternity));
    expect(again.persons.slice(0, 3)).toEqual(paternity.persons);
    const relations = (f: typeof paternity) =>
      f.pedigrees.map((p) =>
        p.records
          .flatMap((r) => [`${r.father}>${r.id}`, `${r.mother}>${r.id}`])
          .filter((x) => !x.startsWith('null'))
          .sort(),
      );
    expect(relations(again)).toEqual(relations(paternity));
    expect(again.database).toEqual(paternity.database);
  });
});

describe('parseFamiliasFam: [DVI] section', () => {
  it('parseFamiliasFam reads unidentified persons with sex and allele labels', () => {
    expect(dvi.persons).toEqual([]);
    expect(dvi.dvi?.unidentified.map((p) => [p.id, p.sex, [...p.genotypes]])).toEqual([
      [
        'V1',
        'male',
        [
          ['D3S1358', ['15', '16']],
          ['PENTA_E', ['7', '7']],
        ],
      ],
      ['V2', 'female', [['D3S1358', ['14', '17']]]],
    ]);
  });

  it('parseFamiliasFam reads reference families, their pedigree and the missing person', () => {
    const [f1, f2] = dvi.dvi?.families ?? [];
    expect(f1?.name).toBe('F1');
    expect(f1?.missing).toEqual(['Missing person']);
    expect(f1?.records).toContainEqual({
      id: 'Missing person',
      father: 'FA',
      mother: 'MO',
      sex: 'male',
    });
    // F2: the missing person is the father of CH (co-parent WI is female), so his sex is known
    expect(f2?.records).toContainEqual({
      id: 'Missing person',
      father: null,
      mother: null,
      sex: 'male',
    });
    expect(f2?.persons.map((p) => [p.id, p.genotypes.size])).toEqual([
      ['WI', 0],
      ['CH', 1],
    ]);
  });

  it('parseFamiliasFam refuses a member of unknown sex unless unknownSex is given', () => {
    const line =
      fixture('dvi-small.fam').split('\r\n').lastIndexOf('[[[[[Pedigree 2]]]]]', 120) + 1;
    expectError(
      fixture('dvi-small.fam'),
      'INVALID_PEDIGREE',
      line,
      'Reference family "F1": the file gives no sex for "Missing person"',
    );
  });

  it('formatFamiliasFam then parseFamiliasFam keeps the DVI section', () => {
    const again = parseFamiliasFam(formatFamiliasFam(dvi), { unknownSex: 'male' });
    expect(again.dvi).toEqual(dvi.dvi);
    expect(again.database).toEqual(dvi.database);
  });

  it('each reference family\'s note ([[Notes]], one line of free text per family) is read; a note without "=" used to be a PARSE_ERROR', () => {
    const text = fixture('dvi-small.fam').replace(
      /(\[\[Notes\]\]\r?\nnFamilies= 2\r?\n)\r?\n/,
      '$1Contact: the sister, 2 samples [pending]\r\n',
    );
    const read = parseFamiliasFam(text, { unknownSex: 'male' });
    expect(read.dvi?.families.map((f) => f.note)).toEqual([
      'Contact: the sister, 2 samples [pending]',
      undefined,
    ]);
    expect(read.note).toBe('(Example written for Kindred tests)');
    // written back in family order, and read back the same
    const again = parseFamiliasFam(formatFamiliasFam(read), { unknownSex: 'male' });
    expect(again.dvi).toEqual(read.dvi);
    expect(again.note).toBe(read.note);
  });

  it.each([
    ['a line break', 'a\nb'],
    ['a double quote', 'say "x"'],
    ['a leading "["', '[x]'],
    ['white space at an end', 'x '],
  ])(
    'formatFamiliasFam refuses a note with %s (it would not read back the same)',
    (_what, note) => {
      const families = dvi.dvi?.families.map((f, i) => (i === 0 ? { ...f, note } : f)) ?? [];
      expect(() =>
        formatFamiliasFam({ ...dvi, dvi: { unidentified: dvi.dvi?.unidentified ?? [], families } }),
      ).toThrow(/cannot be written as one .fam line that reads back the same/);
      expect(() => formatFamiliasFam({ ...dvi, note })).toThrow(/The file note/);
    },
  );

  it('formatFamiliasFam refuses a mutation model .fam cannot hold', () => {
    const bad: FamiliasFile = {
      ...dvi,
      database: {
        ...dvi.database,
        loci: [{ ...dvi.database.loci[0]!, mutation: { model: 'onestep', rate: 0.001 } }],
      },
    };
    expect(() => formatFamiliasFam(bad)).toThrow(
      /mutation model "onestep", which a .fam file cannot hold/,
    );
  });
});

describe('parseFamiliasFam: malformed files', () => {
  const lines = fixture('paternity.fam').split('\r\n');

  it('parseFamiliasFam names the line and what it expected when a count is not a number', () => {
    const text = [...lines.slice(0, 4), 'three', ...lines.slice(5)].join('\n');
    expectError(text, 'PARSE_ERROR', 5, 'Expected line 5 to be number of persons, found "three"');
  });

  it('parseFamiliasFam reports a file that ends early (at the count the rest cannot hold)', () => {
    expectError(
      lines.slice(0, 20).join('\n'),
      'PARSE_ERROR',
      5,
      'gives number of persons as 3, more than the 15 line(s) left in the file can hold',
    );
    expectError(
      lines.slice(0, 25).join('\n'),
      'PARSE_ERROR',
      26,
      'Expected dropout flag on line 26, but the file ends',
    );
  });

  it('parseFamiliasFam refuses the stationary stepwise model (code 3)', () => {
    const i = lines.indexOf('"TH01"');
    const text = [...lines.slice(0, i + 3), '3', ...lines.slice(i + 4)].join('\n');
    expectError(text, 'UNSUPPORTED', i + 4, 'mutation model "stationary stepwise" (locus TH01)');
  });

  it('parseFamiliasFam refuses silent alleles', () => {
    const i = lines.indexOf('"TH01"');
    const text = [...lines.slice(0, i + 10), '#TRUE#', ...lines.slice(i + 11)].join('\n');
    expectError(text, 'UNSUPPORTED', i + 11, 'silent alleles (locus TH01)');
  });

  it('parseFamiliasFam reports "Known relations" missing where expected', () => {
    const i = lines.indexOf('"Known relations"');
    const text = [...lines.slice(0, i), '"Relations"', ...lines.slice(i + 1)].join('\n');
    expectError(text, 'PARSE_ERROR', i + 1, 'to be "Known relations"');
  });
});

describe('parseFamiliasFam: counts checked against what the file holds (issue 18)', () => {
  const lines = fixture('paternity.fam').split(/\r?\n/);
  const withLine = (index: number, value: string) =>
    lines.map((l, i) => (i === index ? value : l)).join('\n');

  it('a person count larger than the file can hold is PARSE_ERROR at its line, before reading people', () => {
    expectError(
      withLine(4, '50000000'),
      'PARSE_ERROR',
      5,
      'number of persons as 50000000, more than the',
    );
  });

  it('a negative count is PARSE_ERROR, never a silent empty loop', () => {
    expectError(withLine(4, '-3'), 'PARSE_ERROR', 5, 'a count cannot be negative');
  });

  it('REPRO-fam-extra-persons-50M: 50,000,000 extra persons in a 766-byte file are refused at once', () => {
    const text = readFileSync(
      new URL('../../fixtures/repro/REPRO-fam-extra-persons-50M.fam', import.meta.url),
      'utf8',
    );
    expectError(
      text,
      'PARSE_ERROR',
      52,
      'extra females as 50000000, more than the 56 line(s) left',
    );
  });
});
