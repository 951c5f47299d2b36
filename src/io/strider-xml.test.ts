import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KindredError } from '../errors.js';
import { parseFrequencyCsv } from './frequency-file.js';
import { parseStriderXml } from './strider-xml.js';

const xml = readFileSync(
  new URL('../../fixtures/lab/strider-excerpt.xml', import.meta.url),
  'utf8',
);
const norway = readFileSync(
  new URL('../../../shared/data/frequencies/strider-norway.csv', import.meta.url),
  'utf8',
);

function expectError(text: string, code: string, path: unknown[], fragment: string) {
  try {
    parseStriderXml(text, { file: 's.xml' });
    expect.unreachable();
  } catch (e) {
    expect(e).toBeInstanceOf(KindredError);
    expect(e).toMatchObject({ code, path, file: 's.xml' });
    expect((e as Error).message).toContain(fragment);
  }
}

describe('parseStriderXml', () => {
  const tables = parseStriderXml(xml, { file: 'strider-excerpt.xml' });

  it('parseStriderXml gives one table per origin, in document order', () => {
    expect([...tables.keys()]).toEqual(['NORWAY', 'AUSTRIA']);
    expect([...(tables.get('NORWAY')?.table.markers.keys() ?? [])]).toEqual([
      'D3S1358',
      'vWA',
      'TH01',
    ]);
  });

  it('parseStriderXml agrees with the shared STRidER Norway table and leaves zeros out', () => {
    // independent source: ../shared/data/frequencies/strider-norway.csv (same export, long layout)
    const ref = parseFrequencyCsv(norway, { population: 'NORWAY' }).table;
    for (const [marker, entry] of tables.get('NORWAY')?.table.markers ?? []) {
      expect(entry).toEqual(ref.markers.get(marker));
    }
    expect(tables.get('NORWAY')?.table.markers.get('D3S1358')?.alleles).not.toContain('11');
  });

  it('parseStriderXml reports a frequency out of range with its line', () => {
    expectError(
      '<f>\n<marker><name>TH01</name>\n<origin name="X">\n<frequency allele="6">1.5</frequency>\n</origin></marker></f>',
      'INVALID_FREQUENCIES',
      ['line', 4, 'frequency'],
      'must be a number in (0, 1], got "1.5"',
    );
  });

  it('parseStriderXml reports a marker without name and a frequency without allele', () => {
    expectError(
      '<f>\n<marker><origin name="X"/></marker></f>',
      'PARSE_ERROR',
      ['line', 2, 'name'],
      '<marker> has no <name>',
    );
    expectError(
      '<f><marker><name>TH01</name>\n<origin name="X">\n<frequency>1</frequency></origin></marker></f>',
      'PARSE_ERROR',
      ['line', 3, 'frequency'],
      'has no allele attribute',
    );
  });

  it('parseStriderXml refuses a document without markers', () => {
    expectError(
      '<frequencies/>',
      'PARSE_ERROR',
      ['line', 1, 'frequencies'],
      'no <marker> elements',
    );
  });
});
