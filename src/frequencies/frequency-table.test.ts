import { describe, expect, it } from 'vitest';
import { expectError } from '../../test/helpers/expect-error.js';
import { KindredError } from '../errors.js';
import {
  createFrequencyDatabase,
  getFrequencyTable,
  getMarkerFrequencies,
  toLocus,
} from './frequency-database.js';
import { checkFrequencySum, createFrequencyTable, FREQUENCY_TOLERANCE } from './frequency-table.js';

const TH01 = { alleles: ['6', '9.3'], frequencies: [0.4, 0.6] };

describe('checkFrequencySum', () => {
  it('checkFrequencySum returns values within 1e-5 unchanged (STRidER rounding, 2e-6 off)', () => {
    // 0.5 + 0.500002 = 1.000002: within the tolerance, used as given.
    const r = checkFrequencySum([0.5, 0.500002], { marker: 'M' });
    expect(r.normalised).toBe(false);
    expect(r.frequencies).toEqual([0.5, 0.500002]);
  });

  it('checkFrequencySum throws INVALID_FREQUENCIES naming marker, population and sum', () => {
    expectError(
      () => checkFrequencySum([0.5, 0.4], { marker: 'TH01', population: 'Europe', path: ['m'] }),
      'INVALID_FREQUENCIES',
      ['m'],
      'Frequencies of marker TH01 of population "Europe" sum to 0.9',
    );
  });

  it('checkFrequencySum rescales p/Σp with normalise: true and reports it', () => {
    const r = checkFrequencySum([0.2, 0.2], { marker: 'M', normalise: true });
    expect(r).toEqual({ frequencies: [0.5, 0.5], sum: 0.4, normalised: true });
  });

  it('checkFrequencySum refuses a sum off by 2e-5 (FREQUENCY_TOLERANCE is 1e-5)', () => {
    expect(FREQUENCY_TOLERANCE).toBe(1e-5);
    expect(() => checkFrequencySum([0.5, 0.50002], { marker: 'M' })).toThrow(KindredError);
  });
});

describe('createFrequencyTable', () => {
  it('createFrequencyTable keeps frequencies exactly as given', () => {
    const { table, normalised } = createFrequencyTable({
      population: 'demo',
      markers: { TH01: { ...TH01, n: 500 } },
      source: 'test',
    });
    expect(table.markers.get('TH01')).toEqual({ ...TH01, n: 500 });
    expect(table.source).toBe('test');
    expect(normalised).toEqual([]);
  });

  it('createFrequencyTable accepts a Map and __proto__ as a marker name', () => {
    const markers = new Map([['__proto__', TH01]]);
    const { table } = createFrequencyTable({ population: 'demo', markers });
    expect(table.markers.get('__proto__')).toEqual(TH01);
    const fromJson = JSON.parse(`{"__proto__": ${JSON.stringify(TH01)}}`);
    expect(createFrequencyTable({ population: 'p', markers: fromJson }).table.markers.size).toBe(1);
  });

  it('createFrequencyTable rejects a sum off by more than 1e-5, naming file, marker and sum', () => {
    try {
      createFrequencyTable(
        {
          population: 'demo',
          markers: { TH01: { alleles: ['6', '7'], frequencies: [0.5, 0.49] } },
        },
        { file: 'demo.json' },
      );
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({
        code: 'INVALID_FREQUENCIES',
        path: ['markers', 'TH01', 'frequencies'],
        file: 'demo.json',
      });
      expect((e as Error).message).toContain('marker TH01 of population "demo" sum to 0.99');
      expect((e as Error).message).toContain('demo.json');
    }
  });

  it('createFrequencyTable with normalise: true rescales and reports the marker and sum', () => {
    const { table, normalised } = createFrequencyTable(
      { population: 'demo', markers: { TH01: { alleles: ['6', '7'], frequencies: [0.3, 0.3] } } },
      { normalise: true },
    );
    expect(table.markers.get('TH01')?.frequencies).toEqual([0.5, 0.5]);
    expect(normalised).toEqual([{ marker: 'TH01', sum: 0.6 }]);
  });

  it.each([0, -0.1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])(
    'createFrequencyTable rejects frequency %s with INVALID_FREQUENCIES',
    (p) => {
      expectError(
        () =>
          createFrequencyTable({
            population: 'demo',
            markers: { TH01: { alleles: ['6', '7'], frequencies: [1 - 0.5, p] } },
          }),
        'INVALID_FREQUENCIES',
        ['markers', 'TH01', 'frequencies', 1],
        `Frequency of allele "7" at marker TH01 must be in (0, 1], got ${String(p)}`,
      );
    },
  );

  it('createFrequencyTable rejects a duplicate allele with INVALID_LOCUS', () => {
    expectError(
      () =>
        createFrequencyTable({
          population: 'demo',
          markers: { TH01: { alleles: ['6', '6'], frequencies: [0.5, 0.5] } },
        }),
      'INVALID_LOCUS',
      ['markers', 'TH01', 'alleles', 1],
      'Allele "6" appears twice at marker TH01',
    );
  });

  it('createFrequencyTable rejects OL and length mismatches', () => {
    expectError(
      () =>
        createFrequencyTable({
          population: 'demo',
          markers: { TH01: { alleles: ['6', 'OL'], frequencies: [0.5, 0.5] } },
        }),
      'INVALID_ALLELE',
      ['markers', 'TH01', 'alleles', 1],
      'Off-ladder allele "OL" of population "demo" at marker TH01',
    );
    expectError(
      () =>
        createFrequencyTable({
          population: 'demo',
          markers: { TH01: { alleles: ['6', '7'], frequencies: [1] } },
        }),
      'INVALID_FREQUENCIES',
      ['markers', 'TH01', 'frequencies'],
      'has 2 alleles but 1 frequencies',
    );
  });

  it('createFrequencyTable rejects a non-integer n and an empty population', () => {
    expectError(
      () => createFrequencyTable({ population: 'demo', markers: { TH01: { ...TH01, n: 10.5 } } }),
      'INVALID_FREQUENCIES',
      ['markers', 'TH01', 'n'],
      'Sample size n of marker TH01 must be a positive integer',
    );
    expectError(
      () => createFrequencyTable({ population: ' ', markers: {} }),
      'INVALID_ARGUMENT',
      ['population'],
      'Population name',
    );
  });
});

describe('frequency database and toLocus', () => {
  const europe = createFrequencyTable({ population: 'Europe', markers: { TH01 } }).table;
  const africa = createFrequencyTable({
    population: 'Africa',
    markers: { DXS7132: { alleles: ['13', '14'], frequencies: [0.25, 0.75] } },
  }).table;

  it('createFrequencyDatabase keeps populations side by side', () => {
    const db = createFrequencyDatabase([europe, africa]);
    expect([...db.keys()]).toEqual(['Europe', 'Africa']);
    expect(getFrequencyTable(db, 'Africa')).toBe(africa);
  });

  it('createFrequencyDatabase refuses a repeated population', () => {
    expectError(
      () => createFrequencyDatabase([europe, europe]),
      'INVALID_ARGUMENT',
      [1, 'population'],
      'Population "Europe" appears twice',
    );
  });

  it('getFrequencyTable names the unknown population and the known ones', () => {
    const db = createFrequencyDatabase([europe]);
    expectError(
      () => getFrequencyTable(db, 'Asia'),
      'INVALID_ARGUMENT',
      ['population'],
      'No frequency table for population "Asia"; known: "Europe"',
    );
  });

  it('toLocus copies alleles and frequencies with the given chromosome and mutation', () => {
    const locus = toLocus(africa, 'DXS7132', {
      chromosome: 'X',
      mutation: { model: 'equal', rate: 0.001 },
    });
    expect(locus).toEqual({
      name: 'DXS7132',
      alleles: ['13', '14'],
      frequencies: [0.25, 0.75],
      chromosome: 'X',
      mutation: { model: 'equal', rate: 0.001 },
    });
    expect(toLocus(europe, 'TH01', { chromosome: 'autosomal', name: 'THO1' }).mutation).toBeNull();
  });

  it('toLocus and getMarkerFrequencies throw UNKNOWN_MARKER for a marker not in the table', () => {
    expectError(
      () => toLocus(europe, 'vWA', { chromosome: 'autosomal' }),
      'UNKNOWN_MARKER',
      ['markers', 'vWA'],
      'Marker vWA is not in the frequency table of population "Europe"',
    );
    expect(getMarkerFrequencies(europe, 'TH01').alleles).toEqual(['6', '9.3']);
  });
});
