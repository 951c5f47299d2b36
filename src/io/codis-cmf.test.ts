import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCodisCmf } from './codis-cmf.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../../fixtures/lab/${name}`, import.meta.url), 'utf8');

describe('parseCodisCmf on a CMF 3.2 file', () => {
  const batch = parseCodisCmf(fixture('batch2.cmf.xml'), { file: 'batch2.cmf.xml' });

  it('parseCodisCmf maps Biological Mother to reference and Unidentified Person to remains', () => {
    expect(batch.profiles.map((p) => [p.id, p.kind, p.sex])).toEqual([
      ['F003-MO', 'reference', 'female'],
      ['V-04', 'remains', 'female'],
      ['V-05', 'remains', 'female'],
    ]);
    expect(batch.warnings).toEqual([]);
  });

  it('parseCodisCmf skips a specimen whose category is not a missing-persons category', () => {
    expect(batch.skipped).toEqual([
      {
        id: 'CASE-17-Q1',
        reason: 'category "Forensic, Unknown" is not mapped to a profile kind',
        line: expect.any(Number),
      },
    ]);
  });

  it('parseCodisCmf reads one ALLELE as a homozygote and every locus of the specimen', () => {
    const mo = batch.profiles[0]!;
    expect([...mo.genotypes.keys()].filter((m) => m !== 'Amelogenin')).toHaveLength(15);
    for (const g of mo.genotypes.values()) expect(g).toHaveLength(2);
  });
});

describe('parseCodisCmf on malformed specimens', () => {
  const r = parseCodisCmf(fixture('malformed.cmf.xml'), { file: 'malformed.cmf.xml' });
  const err = (i: number) => r.rejected[i]?.error;

  it('parseCodisCmf keeps the good specimen, resolving VWA to vWA', () => {
    expect(r.profiles.map((p) => p.id)).toEqual(['U-OK']);
    expect(r.profiles[0]?.genotypes.get('vWA')).toEqual(['16', '17']);
    expect(r.profiles[0]?.genotypes.get('TH01')).toEqual(['9.3', '9.3']);
  });

  it('parseCodisCmf warns about an unexpected header version', () => {
    expect(r.warnings).toEqual([
      {
        id: '',
        line: 3,
        field: 'HEADERVERSION',
        message: 'header version "3.1"; read as CMF 3.2/3.3',
      },
    ]);
  });

  it('parseCodisCmf rejects each malformed specimen with file, line and element', () => {
    expect(r.rejected.map((x) => [x.id, x.error.code, x.error.path])).toEqual([
      ['', 'PARSE_ERROR', ['line', 11, 'SPECIMENID']],
      ['U-OK', 'PARSE_ERROR', ['line', 14, 'SPECIMENID']],
      ['U-OL', 'INVALID_ALLELE', ['line', 24, 'ALLELEVALUE']],
      ['U-TRI', 'INVALID_GENOTYPE', ['line', 34, 'ALLELEVALUE']],
      ['R-NONAME', 'PARSE_ERROR', ['line', 40, 'LOCUSNAME']],
      ['R-EMPTY', 'PARSE_ERROR', ['line', 45, 'ALLELEVALUE']],
    ]);
    expect(err(1)?.message).toContain('Specimen "U-OK" appears twice (lines 5 and 14)');
    expect(err(2)?.message).toContain('off-ladder call "OL" at marker D3S1358');
    expect(err(2)?.file).toBe('malformed.cmf.xml');
    expect(err(3)?.message).toContain('3 alleles at marker TPOX');
    expect(err(5)?.message).toContain('empty ALLELEVALUE at locus FGA');
  });

  it('parseCodisCmf lets the caller map or skip categories', () => {
    const custom = parseCodisCmf(fixture('malformed.cmf.xml'), {
      categories: { 'forensic, unknown': 'remains', 'unidentified human (remains)': 'skip' },
    });
    expect(custom.profiles.map((p) => p.id)).toEqual(['Q-17']);
    expect(custom.skipped.map((s) => s.id)).toEqual(['U-OK']);
  });

  it('parseCodisCmf refuses a root that is not CODISImportFile', () => {
    try {
      parseCodisCmf('<?xml version="1.0"?>\n<frequencies/>', { file: 'x.xml' });
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({
        code: 'PARSE_ERROR',
        path: ['line', 2, 'frequencies'],
        file: 'x.xml',
      });
      expect((e as Error).message).toContain('Expected a CODISImportFile root element');
    }
  });
});
