import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectError } from '../../test/helpers/expect-error.js';
import { createFrequencyTable, type MarkerFrequencies } from '../frequencies/frequency-table.js';
import { parseAllele } from '../profile/allele.js';
import { listMarkers, resolveMarkerName } from '../profile/markers.js';
import {
  formatFrequencyCsv,
  formatFrequencyList,
  parseFrequencyCsv,
  parseFrequencyList,
} from './frequency-file.js';

const opts = { population: 'demo', file: 'demo.csv' };
const HEADER = 'marker,allele,frequency,n\n';

describe('parseFrequencyCsv', () => {
  it('parseFrequencyCsv reads markers, alleles, frequencies exactly and n', () => {
    const r = parseFrequencyCsv(`${HEADER}TH01,6,0.25,404\nTH01,9.3,0.75,404\n`, opts);
    expect(r.table.markers.get('TH01')).toEqual({
      alleles: ['6', '9.3'],
      frequencies: [0.25, 0.75],
      n: 404,
    });
    expect(r.table.population).toBe('demo');
    expect(r.table.source).toBe('demo.csv');
    expect(r.unknownMarkers).toEqual([]);
    expect(r.normalised).toEqual([]);
  });

  it('parseFrequencyCsv tolerates CRLF, a BOM, quoted fields, blank lines and column order', () => {
    const text =
      '\uFEFFallele,Marker,Frequency\r\n"9.3","TH01",0.5\r\n\r\n6,TH01,0.5\r\n1,"my,""odd"" locus",1\r\n';
    const r = parseFrequencyCsv(text, opts);
    expect(r.table.markers.get('TH01')?.alleles).toEqual(['9.3', '6']);
    expect(r.table.markers.get('my,"odd" locus')?.frequencies).toEqual([1]);
    expect(r.unknownMarkers).toEqual(['my,"odd" locus']);
  });

  it('parseFrequencyCsv counts lines inside quoted fields for later rows', () => {
    expectError(
      () => parseFrequencyCsv('marker,allele,frequency\n"A\nB",6,1\nTH01,OL,1\n', opts),
      'INVALID_ALLELE',
      ['line', 4, 'allele'],
      'Off-ladder',
    );
  });

  it('parseFrequencyCsv resolves aliases to canonical names and flags unknown markers', () => {
    const r = parseFrequencyCsv(
      'marker,allele,frequency\nVWA,16,1\nPENTA_E,5,1\nMyLocus,1,1\n',
      opts,
    );
    expect([...r.table.markers.keys()]).toEqual(['vWA', 'Penta E', 'MyLocus']);
    expect(r.unknownMarkers).toEqual(['MyLocus']);
  });

  it('parseFrequencyCsv loads ">27" as a non-numeric label (FBI pooled rest allele)', () => {
    const r = parseFrequencyCsv('marker,allele,frequency\nD18S51,27,0.5\nD18S51,>27,0.5\n', opts);
    const alleles = r.table.markers.get('D18S51')?.alleles ?? [];
    expect(alleles).toEqual(['27', '>27']);
    expect(parseAllele(alleles[1]).kind).toBe('other');
  });

  it('parseFrequencyCsv rejects a missing or wrong header with PARSE_ERROR at line 1', () => {
    expectError(() => parseFrequencyCsv('', opts), 'PARSE_ERROR', ['line', 1], 'empty');
    expectError(
      () => parseFrequencyCsv('TH01,6,0.5\n', opts),
      'PARSE_ERROR',
      ['line', 1],
      'Header column "TH01" is unknown',
    );
    expectError(
      () => parseFrequencyCsv('marker,allele\nTH01,6\n', opts),
      'PARSE_ERROR',
      ['line', 1],
      'lacks column "frequency"',
    );
  });

  it('parseFrequencyCsv rejects a row with the wrong number of fields', () => {
    expectError(
      () => parseFrequencyCsv('marker,allele,frequency\nTH01,6\n', opts),
      'PARSE_ERROR',
      ['line', 2],
      'Expected 3 fields, found 2',
    );
  });

  it('parseFrequencyCsv rejects an unterminated quote and text after a closing quote', () => {
    expectError(
      () => parseFrequencyCsv('marker,allele,frequency\n"TH01,6,1\n', opts),
      'PARSE_ERROR',
      ['line', 2],
      'Unterminated',
    );
    expectError(
      () => parseFrequencyCsv('marker,allele,frequency\n"TH01"x,6,1\n', opts),
      'PARSE_ERROR',
      ['line', 2],
      'after a closing quote',
    );
  });

  it.each(['abc', '0', '-0.1', '1.5', '', '0,5', 'NaN'])(
    'parseFrequencyCsv rejects frequency %j at its line and field, naming file and value',
    (value) => {
      const text = `marker,allele,frequency\nTH01,6,1\nTH01,7,"${value}"\n`;
      try {
        parseFrequencyCsv(text, opts);
        expect.unreachable();
      } catch (e) {
        expect(e).toMatchObject({
          code: 'INVALID_FREQUENCIES',
          path: ['line', 3, 'frequency'],
          file: 'demo.csv',
        });
        expect((e as Error).message).toContain(`got ${JSON.stringify(value)}`);
        expect((e as Error).message).toContain('demo.csv: line 3, column "frequency"');
      }
    },
  );

  it('parseFrequencyCsv reads exponent notation', () => {
    const r = parseFrequencyCsv('marker,allele,frequency\nM,1,5e-7\nM,2,0.9999995\n', opts);
    expect(r.table.markers.get('M')?.frequencies).toEqual([5e-7, 0.9999995]);
  });

  it('parseFrequencyCsv rejects a sum off by more than 1e-5, naming file, marker and sum', () => {
    try {
      parseFrequencyCsv('marker,allele,frequency\nTH01,6,0.5\nTH01,7,0.4\n', opts);
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ code: 'INVALID_FREQUENCIES', path: ['marker', 'TH01'] });
      expect((e as Error).message).toContain('TH01 (lines 2-3) of population "demo" sum to 0.9');
      expect((e as Error).message).toContain('demo.csv');
    }
  });

  it('parseFrequencyCsv with normalise: true rescales and reports the marker', () => {
    const r = parseFrequencyCsv('marker,allele,frequency\nTH01,6,0.2\nTH01,7,0.2\n', {
      ...opts,
      normalise: true,
    });
    expect(r.table.markers.get('TH01')?.frequencies).toEqual([0.5, 0.5]);
    expect(r.normalised).toEqual([{ marker: 'TH01', sum: 0.4 }]);
  });

  it('parseFrequencyCsv uses sums within 1e-5 exactly as given', () => {
    const r = parseFrequencyCsv('marker,allele,frequency\nM,1,0.500001\nM,2,0.5\n', opts);
    expect(r.table.markers.get('M')?.frequencies).toEqual([0.500001, 0.5]);
  });

  it('parseFrequencyCsv rejects a duplicate allele with INVALID_LOCUS naming both lines', () => {
    expectError(
      () => parseFrequencyCsv('marker,allele,frequency\nTH01,6,0.5\nTH01,6,0.5\n', opts),
      'INVALID_LOCUS',
      ['line', 3, 'allele'],
      'Allele "6" of marker TH01 appears twice (lines 2 and 3)',
    );
  });

  it('parseFrequencyCsv rejects OL with INVALID_ALLELE at its line', () => {
    expectError(
      () => parseFrequencyCsv('marker,allele,frequency\nTH01,OL,1\n', opts),
      'INVALID_ALLELE',
      ['line', 2, 'allele'],
      'Off-ladder allele "OL" of population "demo" at marker TH01',
    );
  });

  it('parseFrequencyCsv rejects a bad or inconsistent n', () => {
    expectError(
      () => parseFrequencyCsv(`${HEADER}TH01,6,1,4.5\n`, opts),
      'INVALID_FREQUENCIES',
      ['line', 2, 'n'],
      'got "4.5"',
    );
    expectError(
      () => parseFrequencyCsv(`${HEADER}TH01,6,0.5,400\nTH01,7,0.5,402\n`, opts),
      'INVALID_FREQUENCIES',
      ['line', 3, 'n'],
      'has n = 400 at line 2 but n = 402 here',
    );
  });

  it('parseFrequencyCsv rejects one marker written two ways and an empty marker', () => {
    expectError(
      () => parseFrequencyCsv('marker,allele,frequency\nvWA,16,0.5\nVWA,17,0.5\n', opts),
      'INVALID_FREQUENCIES',
      ['line', 3, 'marker'],
      'Marker vWA is written both as "vWA" (line 2) and as "VWA"',
    );
    expectError(
      () => parseFrequencyCsv('marker,allele,frequency\n,16,1\n', opts),
      'PARSE_ERROR',
      ['line', 2, 'marker'],
      'Empty marker name',
    );
  });

  it('parseFrequencyCsv rejects a file with a header only', () => {
    expectError(
      () => parseFrequencyCsv('marker,allele,frequency\n', opts),
      'INVALID_FREQUENCIES',
      [],
      'no frequency rows',
    );
  });
});

describe('parseFrequencyList', () => {
  it('parseFrequencyList reads tab- and space-separated blocks, Penta E included', () => {
    const text = 'TH01\n6\t0.25\n9.3\t0.75\n\nPENTA_E\n5   0.5\n 7 0.5 \n';
    const r = parseFrequencyList(text, opts);
    expect(r.table.markers.get('TH01')).toEqual({
      alleles: ['6', '9.3'],
      frequencies: [0.25, 0.75],
    });
    expect(r.table.markers.get('Penta E')?.alleles).toEqual(['5', '7']);
  });

  it('parseFrequencyList reads "Penta E" as a marker line and CRLF line ends', () => {
    const r = parseFrequencyList('Penta E\r\n5\t1\r\n', opts);
    expect([...r.table.markers.keys()]).toEqual(['Penta E']);
  });

  it('parseFrequencyList rejects an allele line before any marker', () => {
    expectError(
      () => parseFrequencyList('\n6\t0.5\n', opts),
      'PARSE_ERROR',
      ['line', 2],
      'comes before any marker name',
    );
  });

  it('parseFrequencyList rejects a marker without alleles', () => {
    expectError(
      () => parseFrequencyList('TH01\n\nvWA\n16\t1\n', opts),
      'PARSE_ERROR',
      ['line', 1],
      'Marker "TH01" has no allele lines',
    );
  });

  it('parseFrequencyList rejects extra fields and a missing frequency', () => {
    expectError(
      () => parseFrequencyList('TH01\n6\t0.5\t9\n', opts),
      'PARSE_ERROR',
      ['line', 2],
      'Expected "allele<TAB>frequency"',
    );
    expectError(
      () => parseFrequencyList('TH01\n6\t1\n7\n', opts),
      'PARSE_ERROR',
      ['line', 3],
      'Expected "allele<TAB>frequency"',
    );
  });

  it('parseFrequencyList reports a bad frequency at its line and field', () => {
    expectError(
      () => parseFrequencyList('TH01\n6\t0,5\n', opts),
      'INVALID_FREQUENCIES',
      ['line', 2, 'frequency'],
      'got "0,5"',
    );
  });

  it('parseFrequencyList rejects a marker block that appears twice', () => {
    expectError(
      () => parseFrequencyList('VWA\n16\t1\n\nvWA\n16\t1\n', opts),
      'INVALID_FREQUENCIES',
      ['line', 4, 'marker'],
      'Marker vWA appears twice (lines 1 and 4)',
    );
  });
});

describe('formatFrequencyCsv and formatFrequencyList', () => {
  const { table } = createFrequencyTable({
    population: 'demo',
    markers: new Map<string, MarkerFrequencies>([
      ['TH01', { alleles: ['6', '9.3'], frequencies: [0.25, 0.75], n: 400 }],
      ['Penta E', { alleles: ['5', '>27'], frequencies: [0.1, 0.9] }],
    ]),
  });

  it('formatFrequencyCsv writes the header, n where known and String(x) numbers', () => {
    expect(formatFrequencyCsv(table)).toBe(
      'marker,allele,frequency,n\nTH01,6,0.25,400\nTH01,9.3,0.75,400\nPenta E,5,0.1,\nPenta E,>27,0.9,\n',
    );
  });

  it('formatFrequencyCsv omits the n column when no marker has n', () => {
    const plain = createFrequencyTable({
      population: 'demo',
      markers: { TH01: { alleles: ['6', '9.3'], frequencies: [0.25, 0.75] } },
    }).table;
    expect(formatFrequencyCsv(plain)).toBe('marker,allele,frequency\nTH01,6,0.25\nTH01,9.3,0.75\n');
    expect(formatFrequencyList(plain)).toBe('TH01\n6\t0.25\n9.3\t0.75\n');
  });

  it('formatFrequencyList writes marker blocks separated by a blank line', () => {
    expect(formatFrequencyList(table)).toBe(
      'TH01\n6\t0.25\n9.3\t0.75\n\nPenta E\n5\t0.1\n>27\t0.9\n',
    );
  });
});

describe('fixtures/frequencies synthetic demo tables', () => {
  const dir = fileURLToPath(new URL('../../fixtures/frequencies', import.meta.url));
  const csv = parseFrequencyCsv(readFileSync(join(dir, 'synthetic-demo.csv'), 'utf8'), {
    population: 'synthetic',
    file: 'synthetic-demo.csv',
  });
  const list = parseFrequencyList(readFileSync(join(dir, 'synthetic-demo.txt'), 'utf8'), {
    population: 'synthetic',
    file: 'synthetic-demo.txt',
  });

  it('synthetic-demo.csv loads with n where given and DXS7132 without n', () => {
    expect([...csv.table.markers.keys()]).toEqual([
      'D3S1358',
      'TH01',
      'vWA',
      'D18S51',
      'Penta E',
      'DXS7132',
    ]);
    expect(csv.table.markers.get('TH01')?.n).toBe(200);
    expect(csv.table.markers.get('DXS7132')?.n).toBeUndefined();
  });

  it('synthetic-demo.txt (aliases, list format) gives the CSV table without n', () => {
    expect(list.unknownMarkers).toEqual([]);
    const withoutN = [...csv.table.markers].map(([m, e]) => [m, e.alleles, e.frequencies]);
    expect([...list.table.markers].map(([m, e]) => [m, e.alleles, e.frequencies])).toEqual(
      withoutN,
    );
  });
});

const markerNames = [
  ...listMarkers()
    .filter((m) => m.kind === 'STR')
    .map((m) => m.name),
  'Locus_A',
  'my,locus',
  'L"q"',
];
const labelArb = fc.oneof(
  fc.integer({ min: 1, max: 60 }).map(String),
  fc
    .tuple(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 4 }))
    .map(([w, bp]) => `${w}.${bp}`),
  fc.constantFrom('>27', '<5', 'X'),
);
const markerArb = (withN: boolean) =>
  fc
    .tuple(
      fc.uniqueArray(labelArb, { minLength: 1, maxLength: 8 }),
      fc.array(fc.double({ min: 1e-6, max: 1, noNaN: true }), { minLength: 8, maxLength: 8 }),
      withN
        ? fc.option(fc.integer({ min: 1, max: 100_000 }), { nil: undefined })
        : fc.constant(undefined),
    )
    .map(([alleles, weights, n]): MarkerFrequencies => {
      const w = weights.slice(0, alleles.length);
      const total = w.reduce((s, x) => s + x, 0);
      return { alleles, frequencies: w.map((x) => x / total), ...(n !== undefined ? { n } : {}) };
    });
const tableArb = (withN: boolean, names: readonly string[]) =>
  fc
    .uniqueArray(fc.constantFrom(...names), { minLength: 1, maxLength: 6 })
    .chain((ms) =>
      fc.tuple(
        fc.constant(ms),
        fc.array(markerArb(withN), { minLength: ms.length, maxLength: ms.length }),
      ),
    )
    .map(
      ([ms, entries]) =>
        createFrequencyTable({
          population: 'random',
          markers: new Map(ms.map((m, i) => [m, entries[i] as MarkerFrequencies])),
        }).table,
    );

describe('round trips', () => {
  it('parseFrequencyCsv(formatFrequencyCsv(t)) gives the same table (fast-check)', () => {
    fc.assert(
      fc.property(tableArb(true, markerNames), (table) => {
        const back = parseFrequencyCsv(formatFrequencyCsv(table), { population: 'random' });
        expect(back.table).toEqual(table);
      }),
    );
  });

  it('parseFrequencyList(formatFrequencyList(t)) gives the same table (fast-check)', () => {
    // The list format has no n and no quoting: names with a comma or quote are CSV-only tests.
    const names = markerNames.filter((m) => !/[,"]/.test(m));
    fc.assert(
      fc.property(tableArb(false, names), (table) => {
        const back = parseFrequencyList(formatFrequencyList(table), { population: 'random' });
        expect(back.table).toEqual(table);
      }),
    );
  });
});

const DATA = fileURLToPath(new URL('../../../shared/data/frequencies', import.meta.url));
const haveData = existsSync(DATA);
if (!haveData)
  console.log(`frequency-file.test: ${DATA} is absent, skipping the shared-data tests`);

describe.runIf(haveData)('every file of ../shared/data/frequencies', () => {
  const files = haveData
    ? readdirSync(DATA)
        .filter((f) => f.endsWith('.csv'))
        .sort()
    : [];
  // Per-file marker and row counts from the summary table of ../shared/data/README.md.
  const readme = haveData ? readFileSync(join(DATA, '..', 'README.md'), 'utf8') : '';
  const summary = new Map(
    [...readme.matchAll(/^\| (\S+\.csv)(?: \(X-STR\))? \| (\d+) \| (\d+) \|/gm)].map((m) => [
      m[1],
      { markers: Number(m[2]), rows: Number(m[3]) },
    ]),
  );

  it('the folder holds the 62 tables the README lists', () => {
    expect(files).toHaveLength(62);
    expect([...summary.keys()].sort()).toEqual(files);
  });

  it.each(files)('%s loads, its markers resolve and each sums to 1 within 1e-5', (file) => {
    const text = readFileSync(join(DATA, file), 'utf8');
    const { table, unknownMarkers, normalised } = parseFrequencyCsv(text, {
      file,
      population: file.replace(/\.csv$/, ''),
    });
    expect(unknownMarkers).toEqual([]);
    expect(normalised).toEqual([]);
    const expected = summary.get(file);
    expect(table.markers.size).toBe(expected?.markers);
    const rows = [...table.markers.values()].reduce((s, m) => s + m.alleles.length, 0);
    expect(rows).toBe(expected?.rows);
    for (const [name, entry] of table.markers) {
      const info = resolveMarkerName(name);
      expect(info?.name).toBe(name);
      expect(info?.chromosome).toBe(file.startsWith('garcia2019') ? 'X' : 'autosomal');
      const sum = entry.frequencies.reduce((s, p) => s + p, 0);
      expect(Math.abs(sum - 1)).toBeLessThanOrEqual(1e-5);
    }
  });

  it('FBI tables carry n (Caucasian TH01 404) and the pooled ">27" label loads', () => {
    const text = readFileSync(join(DATA, 'fbi2015-caucasian.csv'), 'utf8');
    const { table } = parseFrequencyCsv(text, { population: 'fbi2015-caucasian' });
    expect(table.markers.get('TH01')?.n).toBe(404);
    // ../shared/data/README.md §1: one `>27` row, kept as published (FBI SE Hispanic D18S51).
    const se = readFileSync(join(DATA, 'fbi2015-se_hispanic.csv'), 'utf8');
    const d18 = parseFrequencyCsv(se, { population: 'se' }).table.markers.get('D18S51');
    expect(d18?.alleles).toContain('>27');
    expect(d18?.n).toBe(526);
  });
});
