import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KindredError } from '../errors.js';
import { parseGeneMapper } from './genemapper.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../../fixtures/lab/${name}`, import.meta.url), 'utf8');
const malformed = parseGeneMapper(fixture('malformed.genemapper.txt'), {
  kind: 'reference',
  file: 'malformed.genemapper.txt',
});
const rejectedOf = (id: string) => malformed.rejected.find((r) => r.id === id)?.error;

describe('parseGeneMapper on a real-shaped GeneMapper ID-X export', () => {
  const refs = parseGeneMapper(fixture('references.genemapper.txt'), {
    kind: 'reference',
    file: 'references.genemapper.txt',
  });

  it('parseGeneMapper reads every reference sample, skipping the ladder and the controls', () => {
    expect(refs.profiles.map((p) => p.id)).toEqual([
      'F001-FA',
      'F001-MO',
      'F001-SIB',
      'F002-WI',
      'F002-C1',
      'F002-C2',
      'F003-S1',
      'F003-S2',
    ]);
    expect(refs.skipped.map((s) => s.id)).toEqual(['Allelic Ladder', 'PC 9947A', 'NC']);
    expect(refs.skipped[0]?.line).toBe(2);
    expect(refs.rejected).toEqual([]);
    expect(refs.warnings).toEqual([]);
  });

  it('parseGeneMapper reads 15 STRs, sex from AMEL, and a homozygote from an empty Allele 2', () => {
    const fa = refs.profiles[0]!;
    expect(fa.sex).toBe('male');
    // the first rows of F001-FA in the fixture: D3S1358 13,15 and vWA 18 with Allele 2 empty
    expect(fa.genotypes.get('D3S1358')).toEqual(['13', '15']);
    expect(fa.genotypes.get('vWA')).toEqual(['18', '18']);
    expect([...fa.genotypes.keys()].filter((m) => m !== 'Amelogenin')).toHaveLength(15);
    expect(refs.profiles[1]?.sex).toBe('female');
  });
});

describe('parseGeneMapper on malformed rows', () => {
  it('parseGeneMapper keeps the good sample and a single-allele homozygote', () => {
    expect(malformed.profiles.map((p) => p.id)).toEqual(['S-OK', 'S-UNK']);
    expect(malformed.profiles[0]?.genotypes.get('TH01')).toEqual(['9.3', '9.3']);
    expect(malformed.skipped.map((s) => s.id)).toEqual(['Ladder', 'Blank']);
  });

  it('parseGeneMapper rejects an OL call naming file, line and column', () => {
    const e = rejectedOf('S-OL');
    expect(e).toBeInstanceOf(KindredError);
    expect(e).toMatchObject({
      code: 'INVALID_ALLELE',
      path: ['line', 5, 'Allele 2'],
      file: 'malformed.genemapper.txt',
    });
    expect(e?.message).toContain('Sample "S-OL" has an off-ladder call "OL" at marker D3S1358');
  });

  it('parseGeneMapper rejects a tri-allelic call at its third allele', () => {
    expect(rejectedOf('S-TRI')).toMatchObject({
      code: 'INVALID_GENOTYPE',
      path: ['line', 6, 'Allele 3'],
    });
    expect(rejectedOf('S-TRI')?.message).toContain('3 alleles at marker vWA ("16", "17", "18")');
  });

  it('parseGeneMapper rejects an empty Allele 1 with an Allele 2', () => {
    expect(rejectedOf('S-GAP')).toMatchObject({
      code: 'PARSE_ERROR',
      path: ['line', 7, 'Allele 1'],
    });
    expect(rejectedOf('S-GAP')?.message).toContain('has "7" in Allele 2 but an empty Allele 1');
  });

  it('parseGeneMapper rejects a row without a sample name', () => {
    expect(rejectedOf('')).toMatchObject({ code: 'PARSE_ERROR', path: ['line', 8, 'Sample Name'] });
  });

  it('parseGeneMapper rejects the same marker twice with different calls', () => {
    expect(rejectedOf('S-DUP')).toMatchObject({
      code: 'INVALID_GENOTYPE',
      path: ['line', 10, 'Marker'],
    });
    expect(rejectedOf('S-DUP')?.message).toContain(
      'marker TH01 twice with different calls: 6,7 (line 9) and 6,8',
    );
  });

  it('parseGeneMapper rejects an allele label with a space inside', () => {
    expect(rejectedOf('S-BAD')).toMatchObject({
      code: 'INVALID_ALLELE',
      path: ['line', 15, 'Allele 2'],
    });
  });

  it('parseGeneMapper maps a profile rule (male with two X alleles) back to its line', () => {
    expect(rejectedOf('S-XMALE')).toMatchObject({
      code: 'INVALID_GENOTYPE',
      path: ['line', 17, 'Marker'],
    });
    expect(rejectedOf('S-XMALE')?.message).toContain(
      'male but has two different alleles "12" and "13" at X marker HPRTB',
    );
  });

  it('parseGeneMapper keeps an unknown marker under its name with a warning', () => {
    expect(malformed.profiles[1]?.genotypes.get('D99S999')).toEqual(['10', '11']);
    expect(malformed.warnings).toEqual([
      {
        id: 'S-UNK',
        line: 11,
        field: 'Marker',
        message: 'marker "D99S999" is not in the marker table: kept under that name',
      },
    ]);
  });

  it('parseGeneMapper lists the rejected samples in line order', () => {
    expect(malformed.rejected.map((r) => r.id)).toEqual([
      'S-OL',
      'S-TRI',
      'S-GAP',
      '',
      'S-DUP',
      'S-BAD',
      'S-XMALE',
    ]);
  });

  it('parseGeneMapper with offLadder drop-marker leaves the marker out and warns', () => {
    const r = parseGeneMapper(
      'Sample Name\tMarker\tAllele 1\tAllele 2\nS1\tTH01\t6\t7\nS1\tvWA\tOL\t17\n',
      {
        kind: 'remains',
        offLadder: 'drop-marker',
      },
    );
    expect([...(r.profiles[0]?.genotypes.keys() ?? [])]).toEqual(['TH01']);
    expect(r.warnings[0]).toMatchObject({ id: 'S1', line: 3, field: 'Allele 1' });
  });

  it('parseGeneMapper with unknownMarkers reject refuses the sample', () => {
    const r = parseGeneMapper('Sample Name\tMarker\tAllele 1\nS1\tXYZ1\t6\n', {
      kind: 'remains',
      unknownMarkers: 'reject',
    });
    expect(r.rejected[0]?.error).toMatchObject({
      code: 'UNKNOWN_MARKER',
      path: ['line', 2, 'Marker'],
    });
  });

  it('parseGeneMapper skips samples whose Sample Type is not Sample', () => {
    const text =
      'Sample Name\tSample Type\tMarker\tAllele 1\nX1\tAllelic Ladder\tTH01\t6\nS1\tSample\tTH01\t7\n';
    const r = parseGeneMapper(text, { kind: 'remains', controls: [] });
    expect(r.profiles.map((p) => p.id)).toEqual(['S1']);
    expect(r.skipped).toEqual([{ id: 'X1', reason: 'Sample Type is "Allelic Ladder"', line: 2 }]);
  });

  it('parseGeneMapper refuses a table without the required columns', () => {
    try {
      parseGeneMapper('\nName\tLocus\tA1\n', { kind: 'remains', file: 'x.txt' });
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ code: 'PARSE_ERROR', path: ['line', 2], file: 'x.txt' });
      expect((e as Error).message).toContain(
        'lacks the columns "Sample Name", "Marker" and "Allele 1" (it needs',
      );
    }
  });

  it('parseGeneMapper names the one column missing: an export without "Sample Name" (issue 18)', () => {
    expect(() =>
      parseGeneMapper('Sample File\tMarker\tAllele 1\tAllele 2\nS1\tTH01\t6\t7\n', {
        kind: 'reference',
        file: 'x.txt',
      }),
    ).toThrow(
      expect.objectContaining({
        code: 'PARSE_ERROR',
        message: expect.stringContaining(
          'GeneMapper table lacks the column "Sample Name" (it needs',
        ),
      }),
    );
  });
});
