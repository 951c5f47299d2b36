import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { KindredError } from '../errors.js';
import { parseFrequencyCsv } from './frequency-file.js';
import { parseStriderXml } from './strider-xml.js';

// Synthetic STRidER-layout file written by fixtures/lab/make-fixtures.ts (made-up origins).
const xml = readFileSync(
  new URL('../../fixtures/lab/synthetic-strider.xml', import.meta.url),
  'utf8',
);
// Real STRidER tables, read from ../shared at test time only (never copied into the project).
const SHARED = new URL('../../../shared/data/frequencies/', import.meta.url);
const REAL = ['norway', 'austria'].map((o) => new URL(`strider-${o}.csv`, SHARED));
const hasShared = REAL.every((u) => existsSync(u));
if (!hasShared)
  console.warn(
    `strider-xml.test: skipping the real-table test, ${fileURLToPath(SHARED)} lacks strider-*.csv`,
  );

/** A STRidER XML built from long CSVs (one origin each), zeros where an origin lacks an allele. */
function _longToStrider(origins: [string, string][], markers: string[]): string {
  const rows = origins.map(([name, text]) => ({
    name,
    lines: text
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(',') as [string, string, string, string]),
  }));
  const body = markers.map((m) => {
    const alleles = [
      ...new Set(rows.flatMap((o) => o.lines.filter((l) => l[0] === m).map((l) => l[1]))),
    ].sort((x, y) => Number(x) - Number(y));
    const origin = rows.map((o) => {
      const own = new Map(o.lines.filter((l) => l[0] === m).map((l) => [l[1], l] as const));
      const n = [...own.values()][0]?.[3];
      const cells = alleles.map(
        (a) => `<frequency allele="${a}">${own.get(a)?.[2] ?? '0'}</frequency>`,
      );
      return `<origin name="${o.name}" n="${n}">\n${cells.join('\n')}\n</origin>`;
    });
    const name = m === 'vWA' ? 'VWA' : m;
    return `<marker>\n<name>${name}</name>\n<alleles>${alleles.join(', ')}</alleles>\n${origin.join('\n')}\n</marker>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<frequencies>\n${body.join('\n')}\n</frequencies>\n`;
}

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
  const tables = parseStriderXml(xml, { file: 'synthetic-strider.xml' });

  it('parseStriderXml gives one table per origin, in document order', () => {
    // make-fixtures.ts writes origins SYNTHETIA then EXAMPLIA, markers D3S1358, VWA, TH01
    expect([...tables.keys()]).toEqual(['SYNTHETIA', 'EXAMPLIA']);
    expect([...(tables.get('SYNTHETIA')?.table.markers.keys() ?? [])]).toEqual([
      'D3S1358',
      'vWA',
      'TH01',
    ]);
  });

  it('parseStriderXml reads n as alleles and leaves the zero frequencies out', () => {
    // make-fixtures.ts: SYNTHETIA n=600 writes 0 for the first ladder allele, EXAMPLIA n=480 for the last
    const syn = tables.get('SYNTHETIA')?.table.markers.get('D3S1358');
    const ex = tables.get('EXAMPLIA')?.table.markers.get('D3S1358');
    expect(syn?.n).toBe(600);
    expect(ex?.n).toBe(480);
    expect(syn?.alleles).toEqual(['13', '14', '15', '16', '17', '18', '19', '20']);
    expect(ex?.alleles).toEqual(['11', '13', '14', '15', '16', '17', '18', '19']);
    expect(tables.get('EXAMPLIA')?.table.markers.get('TH01')?.alleles).not.toContain('10.3');
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

describe.runIf(hasShared)('parseStriderXml on real tables (../shared, read at test time)', () => {
  it('parseStriderXml of STRidER Norway and Austria in XML layout equals the long CSV reads', () => {
    // independent source: ../shared/data/frequencies/strider-{norway,austria}.csv (same export)
    const texts = REAL.map((u) => readFileSync(u, 'utf8'));
    const markers = ['D3S1358', 'vWA', 'TH01'];
    const built = _longToStrider(
      [
        ['NORWAY', texts[0] as string],
        ['AUSTRIA', texts[1] as string],
      ],
      markers,
    );
    const tables = parseStriderXml(built, { file: 'built.xml' });
    expect([...tables.keys()]).toEqual(['NORWAY', 'AUSTRIA']);
    for (const [i, origin] of ['NORWAY', 'AUSTRIA'].entries()) {
      const ref = parseFrequencyCsv(texts[i] as string, { population: origin }).table;
      for (const m of markers) {
        expect(tables.get(origin)?.table.markers.get(m)).toEqual(ref.markers.get(m));
      }
    }
    // Norway has no D3S1358 allele 11, Austria has: the zero cell is left out
    expect(tables.get('NORWAY')?.table.markers.get('D3S1358')?.alleles).not.toContain('11');
  });
});
