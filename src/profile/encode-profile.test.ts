import { describe, expect, it } from 'vitest';
import { KindredError } from '../errors.js';
import { createFrequencyTable } from '../frequencies/frequency-table.js';
import { encodeProfile, encodeProfiles } from './encode-profile.js';
import { createProfile } from './profile.js';

const { table } = createFrequencyTable({
  population: 'demo',
  markers: {
    TH01: { alleles: ['6', '9.3'], frequencies: [0.4, 0.6], n: 1000 },
    VWA: { alleles: ['16', '17', '18'], frequencies: [0.2, 0.3, 0.5] },
    HPRTB: { alleles: ['12', '13'], frequencies: [0.5, 0.5] },
  },
});

const p1 = createProfile({
  id: 'P1',
  kind: 'reference',
  genotypes: { TH01: ['9.3', '6'], vWA: ['18', '18'], AMEL: ['X', 'Y'], D3S1358: ['15', '16'] },
});

describe('encodeProfile', () => {
  it('encodeProfile gives index pairs, smaller first, matching table markers by alias', () => {
    const { profile, added, table: used } = encodeProfile(p1, table);
    expect(profile.genotypes.get('TH01')).toEqual([0, 1]);
    expect(profile.genotypes.get('VWA')).toEqual([2, 2]);
    expect(profile.sex).toBe('male');
    expect(added).toEqual([]);
    expect(used).toBe(table);
  });

  it('encodeProfile lists typed markers absent from the table and never encodes Amelogenin', () => {
    const { profile } = encodeProfile(p1, table);
    expect(profile.skippedMarkers).toEqual(['D3S1358']);
    expect(profile.genotypes.has('Amelogenin')).toBe(false);
  });

  it('encodeProfile encodes a hemizygous male at X as [i, i]', () => {
    const male = createProfile({
      id: 'M',
      kind: 'reference',
      sex: 'male',
      genotypes: { HPRTB: ['13'] },
    });
    expect(encodeProfile(male, table).profile.genotypes.get('HPRTB')).toEqual([1, 1]);
  });

  it('encodeProfile throws UNSEEN_ALLELE at the genotype path by default', () => {
    const p = createProfile({ id: 'V1', kind: 'remains', genotypes: { TH01: ['6', '8'] } });
    try {
      encodeProfile(p, table);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(KindredError);
      expect(e).toMatchObject({ code: 'UNSEEN_ALLELE', path: ['genotypes', 'V1', 'TH01', 1] });
      expect((e as Error).message).toContain('Allele "8" of person "V1" at marker TH01');
    }
  });
});

describe('encodeProfiles', () => {
  it('encodeProfiles extends one table for all profiles under a minimum policy', () => {
    const a = createProfile({ id: 'A', kind: 'reference', genotypes: { TH01: ['6', '8'] } });
    const b = createProfile({ id: 'B', kind: 'remains', genotypes: { TH01: ['8', '10'] } });
    const r = encodeProfiles([a, b], table, {
      unseen: { kind: 'minimum', renormalise: 'none' },
    });
    // NRC II: 5/(2N) with 2N = n = 1000 alleles → 0.005.
    expect(r.added).toEqual([
      { marker: 'TH01', allele: '8', frequency: 0.005, minimum: 0.005, person: 'A' },
      { marker: 'TH01', allele: '10', frequency: 0.005, minimum: 0.005, person: 'B' },
    ]);
    expect(r.table.markers.get('TH01')?.alleles).toEqual(['6', '9.3', '8', '10']);
    expect(r.profiles[0]?.genotypes.get('TH01')).toEqual([0, 2]);
    expect(r.profiles[1]?.genotypes.get('TH01')).toEqual([2, 3]);
    expect(r.renormalised).toBe(false);
  });

  it('encodeProfiles refuses a table with two markers of the same canonical name', () => {
    const twice = createFrequencyTable({
      population: 'bad',
      markers: {
        vWA: { alleles: ['16'], frequencies: [1] },
        VWA: { alleles: ['16'], frequencies: [1] },
      },
    }).table;
    try {
      encodeProfiles([p1], twice);
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ code: 'UNKNOWN_MARKER', path: ['markers', 'VWA'] });
      expect((e as Error).message).toContain('both name vWA');
    }
  });
});
