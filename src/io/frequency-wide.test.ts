import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { KindredError } from '../errors.js';
import { parseFrequencyCsv } from './frequency-file.js';
import { formatFrequencyWide, parseFrequencyWide } from './frequency-wide.js';

// Synthetic table written by fixtures/lab/make-fixtures.ts (seeded Dirichlet draw, not real data).
const wideText = readFileSync(
  new URL('../../fixtures/lab/synthetic.wide.csv', import.meta.url),
  'utf8',
);
// A real table, read from ../shared at test time only (never copied into the project).
const SHARED_FBI = new URL(
  '../../../shared/data/frequencies/fbi2015-caucasian.csv',
  import.meta.url,
);
const hasShared = existsSync(SHARED_FBI);
if (!hasShared)
  console.warn(
    `frequency-wide.test: skipping the real-table test, ${fileURLToPath(SHARED_FBI)} not found`,
  );

/** The wide layout of a long `marker,allele,frequency,n` CSV, built by transposing its rows. */
function _longToWide(long: string): string {
  const cells = new Map<string, Map<string, string>>();
  const n = new Map<string, string>();
  for (const line of long.trim().split('\n').slice(1)) {
    const [marker, allele, frequency, count] = line.split(',') as [string, string, string, string];
    if (!cells.has(marker)) cells.set(marker, new Map());
    cells.get(marker)?.set(allele, frequency);
    n.set(marker, count);
  }
  const markers = [...cells.keys()];
  const alleles = [...new Set(markers.flatMap((m) => [...(cells.get(m)?.keys() ?? [])]))].sort(
    (x, y) => Number(x) - Number(y),
  );
  return [
    ['Allele', ...markers].join(','),
    ...alleles.map((a) => [a, ...markers.map((m) => cells.get(m)?.get(a) ?? '')].join(',')),
    ['N', ...markers.map((m) => n.get(m))].join(','),
  ].join('\n');
}

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
  it('parseFrequencyWide reads the synthetic fixture: 15 markers, N 1000, floored 4-decimal frequencies', () => {
    const wide = parseFrequencyWide(wideText, { population: 'synthetic' }).table;
    // make-fixtures.ts: 15 marker ladders, N row 1000, floor 0.005, rounded to 1e-4 summing to 1
    expect(wide.markers.size).toBe(15);
    expect(wide.markers.get('D3S1358')?.alleles).toEqual([
      '13',
      '14',
      '15',
      '16',
      '17',
      '18',
      '19',
    ]);
    expect(wide.markers.get('D21S11')?.alleles).toContain('24.2');
    for (const entry of wide.markers.values()) {
      expect(entry.n).toBe(1000);
      const units = entry.frequencies.map((p) => p * 10000);
      for (const u of units) {
        expect(u).toBeGreaterThanOrEqual(50);
        expect(Math.abs(u - Math.round(u))).toBeLessThan(1e-6);
      }
      expect(Math.round(units.reduce((s, u) => s + u, 0))).toBe(10000);
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

describe.runIf(hasShared)(
  'parseFrequencyWide on a real table (../shared, read at test time)',
  () => {
    it('parseFrequencyWide of the FBI 2015 Caucasian table in wide layout equals the long CSV read', () => {
      // independent source: ../shared/data/frequencies/fbi2015-caucasian.csv (long layout, same data)
      const longText = readFileSync(SHARED_FBI, 'utf8');
      const long = parseFrequencyCsv(longText, { population: 'fbi-cauc' }).table;
      const wide = parseFrequencyWide(_longToWide(longText), { population: 'fbi-cauc' }).table;
      expect([...wide.markers.keys()]).toEqual([...long.markers.keys()]);
      for (const [marker, entry] of wide.markers) {
        const ref = long.markers.get(marker);
        expect(entry.alleles).toEqual(ref?.alleles);
        expect(entry.frequencies).toEqual(ref?.frequencies);
        expect(entry.n).toBe(404);
      }
    });
  },
);
