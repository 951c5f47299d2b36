import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KindredError } from '../errors.js';
import { parseFrequencyCsv } from './frequency-file.js';
import { formatFrequencyWide, parseFrequencyWide } from './frequency-wide.js';

const wideText = readFileSync(
  new URL('../../fixtures/lab/fbi2015-caucasian.wide.csv', import.meta.url),
  'utf8',
);
const longText = readFileSync(
  new URL('../../../shared/data/frequencies/fbi2015-caucasian.csv', import.meta.url),
  'utf8',
);

function expectError(
  text: string,
  code: string,
  path: unknown[],
  fragment: string,
  nCounts?: 'individuals',
) {
  try {
    parseFrequencyWide(text, { population: 'p', file: 'w.csv', ...(nCounts ? { nCounts } : {}) });
    expect.unreachable();
  } catch (e) {
    expect(e).toBeInstanceOf(KindredError);
    expect(e).toMatchObject({ code, path, file: 'w.csv' });
    expect((e as Error).message).toContain(fragment);
  }
}

describe('parseFrequencyWide', () => {
  it('parseFrequencyWide reads the FBI wide layout to the same table as the shared long CSV', () => {
    const wide = parseFrequencyWide(wideText, { population: 'fbi-cauc' }).table;
    // independent source: ../shared/data/frequencies/fbi2015-caucasian.csv (long layout, same data)
    const long = parseFrequencyCsv(longText, { population: 'fbi-cauc' }).table;
    expect(wide.markers.size).toBe(15);
    for (const [marker, entry] of wide.markers) {
      const ref = long.markers.get(marker);
      expect(entry.alleles).toEqual(ref?.alleles);
      expect(entry.frequencies).toEqual(ref?.frequencies);
      expect(entry.n).toBe(404);
    }
  });

  it('parseFrequencyWide resolves aliases, skips empty and zero cells, and reads N as alleles', () => {
    const r = parseFrequencyWide('Allele;VWA;Penta_E\n5;;0.5\n16;1;0\n17;0;0.5\nN;101;202\n', {
      population: 'p',
    });
    expect([...r.table.markers.keys()]).toEqual(['vWA', 'Penta E']);
    expect(r.table.markers.get('vWA')).toEqual({ alleles: ['16'], frequencies: [1], n: 101 });
    expect(r.table.markers.get('Penta E')?.alleles).toEqual(['5', '17']);
    expect(r.unknownMarkers).toEqual([]);
  });

  it('parseFrequencyWide doubles N when it counts individuals', () => {
    const r = parseFrequencyWide('Allele,TH01\n6,1\nN,101\n', {
      population: 'p',
      nCounts: 'individuals',
    });
    expect(r.table.markers.get('TH01')?.n).toBe(202);
  });

  it('formatFrequencyWide then parseFrequencyWide gives the same table', () => {
    const table = parseFrequencyWide(wideText, { population: 'x' }).table;
    const again = parseFrequencyWide(formatFrequencyWide(table), { population: 'x' }).table;
    expect([...again.markers]).toEqual([...table.markers]);
  });

  it('parseFrequencyWide reports a bad frequency with line and column', () => {
    expectError(
      'Allele,TH01,TPOX\n6,0.5,1\n7,half,\n',
      'INVALID_FREQUENCIES',
      ['line', 3, 'TH01'],
      'got "half"',
    );
  });

  it('parseFrequencyWide reports an allele row written twice', () => {
    expectError(
      'Allele,TH01\n6,0.5\n6,0.5\n',
      'INVALID_LOCUS',
      ['line', 3, 'TH01'],
      'Allele "6" of marker TH01 appears twice',
    );
  });

  it('parseFrequencyWide reports a marker named twice through aliases', () => {
    expectError(
      'Allele,vWA,VWA\n16,1,1\n',
      'INVALID_FREQUENCIES',
      ['line', 1, 'VWA'],
      'Marker vWA appears twice',
    );
  });

  it('parseFrequencyWide reports an N that is not a positive integer', () => {
    expectError(
      'Allele,TH01\n6,1\nN,12.5\n',
      'INVALID_FREQUENCIES',
      ['line', 3, 'TH01'],
      'Sample size N of marker TH01',
    );
  });

  it('parseFrequencyWide reports a marker whose frequencies do not sum to 1', () => {
    expectError(
      'Allele,TH01\n6,0.5\n7,0.4\n',
      'INVALID_FREQUENCIES',
      ['line', 1, 'TH01'],
      'sum to 0.9',
    );
  });

  it('parseFrequencyWide reports a row with more fields than the header and a bad header', () => {
    expectError('Allele,TH01\n6,1,0.3\n', 'PARSE_ERROR', ['line', 2], 'at most 2 fields');
    expectError(
      'Marker,TH01\n6,1\n',
      'PARSE_ERROR',
      ['line', 1],
      'Expected a header "Allele,<marker>',
    );
  });
});
