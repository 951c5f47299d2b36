import { describe, expect, it } from 'vitest';
import { buildLabProfile, type MarkerCall } from './lab-profile.js';

const call = (marker: string, alleles: string[], line: number): MarkerCall => ({
  marker,
  alleles,
  line,
  markerField: 'Marker',
  alleleFields: alleles.map((_, i) => `Allele ${i + 1}`),
});

describe('buildLabProfile', () => {
  it('buildLabProfile reads one allele as a homozygote (TSDoc example)', () => {
    const r = buildLabProfile({
      id: 'S1',
      kind: 'reference',
      line: 2,
      calls: [call('TH01', ['9.3'], 2)],
    });
    expect(r.profile?.genotypes.get('TH01')).toEqual(['9.3', '9.3']);
  });

  it('buildLabProfile leaves an untyped marker out and warns about a repeat with the same call', () => {
    const r = buildLabProfile({
      id: 'S1',
      kind: 'remains',
      line: 2,
      calls: [call('TH01', ['6', '7'], 2), call('vWA', [], 3), call('TH01', ['7', '6'], 4)],
    });
    expect([...(r.profile?.genotypes.keys() ?? [])]).toEqual(['TH01']);
    expect(r.warnings).toEqual([
      {
        id: 'S1',
        line: 4,
        field: 'Marker',
        message: 'marker TH01 repeated with the same call as line 2',
      },
    ]);
  });

  it('buildLabProfile resolves marker aliases and skips unknown markers when asked', () => {
    const r = buildLabProfile(
      {
        id: 'S1',
        kind: 'remains',
        line: 2,
        calls: [call('PENTA_E', ['5', '7'], 2), call('ZZZ9', ['1', '2'], 3)],
      },
      { unknownMarkers: 'skip' },
    );
    expect([...(r.profile?.genotypes.keys() ?? [])]).toEqual(['Penta E']);
    expect(r.warnings[0]?.message).toBe('marker "ZZZ9" is not in the marker table: left out');
  });

  it('buildLabProfile rejects a male (by Amelogenin) with two alleles at an X marker, at that marker line', () => {
    const r = buildLabProfile(
      {
        id: 'S1',
        kind: 'remains',
        line: 2,
        calls: [call('AMEL', ['X', 'Y'], 2), call('DXS10135', ['20', '21'], 3)],
      },
      { file: 'f.txt' },
    );
    expect(r.rejected?.error).toMatchObject({
      code: 'INVALID_GENOTYPE',
      path: ['line', 3, 'Marker'],
      file: 'f.txt',
    });
  });
});
