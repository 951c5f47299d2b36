import { describe, expect, it } from 'vitest';
import { expectError } from '../../test/helpers/expect-error.js';
import { createFrequencyTable } from './frequency-table.js';
import { extendTable } from './unseen.js';

// TH01 with n = 500 alleles typed (250 people): NRC II minimum 5/(2N) = 5/500 = 0.01.
const { table } = createFrequencyTable({
  population: 'demo',
  markers: {
    TH01: { alleles: ['6', '7'], frequencies: [0.5, 0.5], n: 500 },
    D3S1358: { alleles: ['15', '16'], frequencies: [0.25, 0.75] },
  },
});
const unseen8 = { marker: 'TH01', allele: '8', person: 'P1', path: ['genotypes', 'P1', 'TH01', 0] };

describe('extendTable', () => {
  it('extendTable returns the same table when every allele is seen', () => {
    const r = extendTable(table, [{ marker: 'TH01', allele: '6' }]);
    expect(r).toEqual({ table, added: [], renormalised: false });
    expect(r.table).toBe(table);
  });

  it('extendTable under the default policy throws UNSEEN_ALLELE naming person, marker, allele, table', () => {
    expectError(
      () => extendTable(table, [unseen8]),
      'UNSEEN_ALLELE',
      ['genotypes', 'P1', 'TH01', 0],
      'Allele "8" of person "P1" at marker TH01 is not in the frequency table of population "demo"',
    );
  });

  it('extendTable under the error policy lists the other unseen alleles too', () => {
    expectError(
      () =>
        extendTable(table, [unseen8, { marker: 'D3S1358', allele: '17', person: 'P2' }], {
          kind: 'error',
        }),
      'UNSEEN_ALLELE',
      ['genotypes', 'P1', 'TH01', 0],
      'also unseen: "17" at D3S1358 of person "P2"',
    );
  });

  it('extendTable minimum/none adds 5/n = 0.01 and keeps the others (sum 1.01)', () => {
    const r = extendTable(table, [unseen8], { kind: 'minimum', renormalise: 'none' });
    expect(r.added).toEqual([
      { marker: 'TH01', allele: '8', frequency: 0.01, minimum: 0.01, person: 'P1' },
    ]);
    expect(r.renormalised).toBe(false);
    expect(r.table.markers.get('TH01')).toEqual({
      alleles: ['6', '7', '8'],
      frequencies: [0.5, 0.5, 0.01],
      n: 500,
    });
    expect(table.markers.get('TH01')?.alleles).toEqual(['6', '7']);
  });

  it('extendTable minimum/scale-others keeps 0.01 and scales the others by 0.99', () => {
    const r = extendTable(table, [unseen8], { kind: 'minimum', renormalise: 'scale-others' });
    // (1 - 0.01) / 1 = 0.99 → 0.5 * 0.99 = 0.495.
    expect(r.table.markers.get('TH01')?.frequencies).toEqual([0.495, 0.495, 0.01]);
    expect(r.renormalised).toBe(true);
    expect(r.added[0]?.frequency).toBe(0.01);
  });

  it('extendTable minimum/scale-all divides everything by 1.01', () => {
    const r = extendTable(table, [unseen8], { kind: 'minimum', renormalise: 'scale-all' });
    const f = r.table.markers.get('TH01')?.frequencies ?? [];
    expect(f[0]).toBeCloseTo(0.5 / 1.01, 15);
    expect(f[2]).toBeCloseTo(0.01 / 1.01, 15);
    expect(r.added[0]).toMatchObject({ minimum: 0.01 });
    expect(r.added[0]?.frequency).toBeCloseTo(0.01 / 1.01, 15);
  });

  it('extendTable uses a given floor and adds each allele once', () => {
    const r = extendTable(
      table,
      [
        { marker: 'D3S1358', allele: '17' },
        { marker: 'D3S1358', allele: '17' },
        { marker: 'D3S1358', allele: '18' },
      ],
      { kind: 'minimum', floor: 0.001, renormalise: 'none' },
    );
    expect(r.added.map((a) => [a.allele, a.frequency])).toEqual([
      ['17', 0.001],
      ['18', 0.001],
    ]);
    expect(r.table.markers.get('D3S1358')?.alleles).toEqual(['15', '16', '17', '18']);
  });

  it('extendTable minimum without floor on a marker without n throws UNSEEN_ALLELE', () => {
    expectError(
      () =>
        extendTable(table, [{ marker: 'D3S1358', allele: '17', person: 'P2' }], {
          kind: 'minimum',
          renormalise: 'none',
        }),
      'UNSEEN_ALLELE',
      ['markers', 'D3S1358'],
      'gives no sample size n for that marker: pass a floor',
    );
  });

  it('extendTable scale-others refuses minima that sum to 1 or more', () => {
    expectError(
      () =>
        extendTable(
          table,
          [
            { marker: 'TH01', allele: '8' },
            { marker: 'TH01', allele: '9' },
          ],
          { kind: 'minimum', floor: 0.5, renormalise: 'scale-others' },
        ),
      'UNSEEN_ALLELE',
      ['markers', 'TH01'],
      'leave no mass',
    );
  });

  it('extendTable throws UNKNOWN_MARKER for a marker not in the table', () => {
    expectError(
      () => extendTable(table, [{ marker: 'vWA', allele: '16' }]),
      'UNKNOWN_MARKER',
      ['markers', 'vWA'],
      'Marker vWA is not in the frequency table of population "demo"',
    );
  });

  it('extendTable refuses malformed policies with INVALID_ARGUMENT', () => {
    const bad = [
      [{ kind: 'ignore' }, ['unseen'], 'must be'],
      [{ kind: 'minimum' }, ['unseen', 'renormalise'], 'needs renormalise'],
      [{ kind: 'minimum', floor: 0, renormalise: 'none' }, ['unseen', 'floor'], 'floor'],
      [{ kind: 'minimum', floor: 1, renormalise: 'none' }, ['unseen', 'floor'], 'floor'],
    ] as const;
    for (const [policy, path, fragment] of bad) {
      expectError(
        () => extendTable(table, [unseen8], policy as never),
        'INVALID_ARGUMENT',
        path,
        fragment,
      );
    }
  });
});
