// Degradation features that a reader cannot honour are refused, never read and dropped
// (degraded-dna.md: "A reader that does not implement this file must refuse a document that has
// `observation` or a silent allele, never ignore it").
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KindredError } from '../src/errors.js';
import { createFrequencyTable } from '../src/frequencies/frequency-table.js';
import { parseDVICase } from '../src/io/dvi-file.js';
import { parseFamiliasFam } from '../src/io/familias-fam.js';
import { SearchIndex } from '../src/search/index/search-index.js';

const famLines = readFileSync(
  new URL('../fixtures/lab/paternity.fam', import.meta.url),
  'utf8',
).split('\r\n');

function famError(text: string): KindredError {
  try {
    parseFamiliasFam(text, { file: 'x.fam' });
  } catch (e) {
    expect(e).toBeInstanceOf(KindredError);
    return e as KindredError;
  }
  throw new Error('parseFamiliasFam accepted the file');
}

describe('Familias drop-out settings are refused, never ignored', () => {
  it('parseFamiliasFam refuses a locus with Dropout probability = 0.2, naming locus and line', () => {
    const i = famLines.findIndex((l) => l.includes('Dropout probability = 0 '));
    const lines = [...famLines];
    lines[i] = lines[i]!.replace('Dropout probability = 0 ', 'Dropout probability = 0.2 ');
    const e = famError(lines.join('\r\n'));
    expect(e.code).toBe('UNSUPPORTED');
    expect(e.path).toEqual(['line', i + 1]);
    expect(e.file).toBe('x.fam');
    expect(e.message).toContain('drop-out probability 0.2 (locus D3S1358)');
  });

  it('parseFamiliasFam refuses [Advanced] Dropout= 0.1', () => {
    const i = famLines.indexOf('Dropout= 0');
    const lines = [...famLines];
    lines[i] = 'Dropout= 0.1';
    const e = famError(lines.join('\r\n'));
    expect(e).toMatchObject({ code: 'UNSUPPORTED', path: ['line', i + 1] });
    expect(e.message).toContain('Dropout= 0.1');
  });

  it('parseFamiliasFam refuses a person drop-out flag other than -1', () => {
    const i = famLines.indexOf('"AF"');
    const lines = [...famLines];
    lines[i + 2] = '1';
    const e = famError(lines.join('\r\n'));
    expect(e).toMatchObject({ code: 'UNSUPPORTED', path: ['line', i + 3] });
    expect(e.message).toContain('person "AF"');
  });

  it('parseFamiliasFam still reads the fixture with all drop-out settings 0', () => {
    expect(parseFamiliasFam(famLines.join('\r\n')).persons).toHaveLength(3);
  });
});

describe('the reserved silent allele label', () => {
  it('a frequency table with allele "silent" is refused as UNSUPPORTED', () => {
    expect(() =>
      createFrequencyTable({
        population: 'p',
        markers: { M: { alleles: ['1', 'silent'], frequencies: [0.9, 0.1] } },
      }),
    ).toThrow(/reserved silent/);
  });
});

const deg = (name: string): Record<string, unknown> => {
  const doc = JSON.parse(
    readFileSync(new URL(`../fixtures/conformance/degraded/${name}.json`, import.meta.url), 'utf8'),
  ) as Record<string, unknown>;
  delete doc.expected;
  delete doc.expected_tool;
  return doc;
};

describe('paths that do not honour degraded samples yet refuse them', () => {
  it('a search index with theta > 0 refuses degraded remains and a locus with the silent allele (UNSUPPORTED)', () => {
    const withTheta = (name: string): Record<string, unknown> => ({ ...deg(name), theta: 0.01 });
    const silent = withTheta('deg-dvi-04-4v-2f-silent-prop');
    expect(() => SearchIndex.fromDVICase(parseDVICase(silent))).toThrow(
      /Locus "D04" has the silent allele "silent" and theta is 0.01/,
    );
    const doc = withTheta('deg-dvi-01-3v-2f');
    doc.loci = (doc.loci as { name: string }[]).filter((l) => l.name !== 'D04');
    for (const p of Object.values(doc.victims as Record<string, Record<string, unknown>>))
      delete p.D04;
    for (const f of doc.families as { genotypes: Record<string, Record<string, unknown>> }[])
      for (const p of Object.values(f.genotypes)) delete p.D04;
    const e = (() => {
      try {
        SearchIndex.fromDVICase(parseDVICase(doc));
      } catch (err) {
        return err as KindredError;
      }
      throw new Error('accepted');
    })();
    expect(e).toMatchObject({ code: 'UNSUPPORTED', path: ['observation', 'V1'] });
    expect(e.message).toContain('theta 0.01');
  });
});
