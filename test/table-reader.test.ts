/**
 * One table reader (issue 17, item 7): every importer of delimited tables (long and wide
 * frequency CSV, GeneMapper, mutation CSV) goes through `readDelimitedText`, so a European
 * spreadsheet's `;` CSV, a `,` CSV and a tab-separated export read the same, and a Latin-1 file
 * is refused the same way everywhere. Before, three hand-written splitters disagreed: a `;` long
 * CSV was detected as a Familias list file, and GeneMapper read tabs only.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFrequencyCsv } from '../src/io/frequency-file.js';
import { parseFrequencyWide } from '../src/io/frequency-wide.js';
import { parseGeneMapper } from '../src/io/genemapper.js';
import { parseMutationCsv } from '../src/io/mutation-csv.js';
import { detectImportFormat, readImportFile } from '../src/store/import-sources.js';

const root = join(import.meta.dirname, '..');
const withDelimiter = (csv: string, d: string) => csv.replaceAll(',', d);
const latin1 = (text: string) => new TextDecoder('utf-8').decode(Buffer.from(text, 'latin1'));

const LONG = 'marker,allele,frequency\nTH01,6,0.25\nTH01,9.3,0.75\nvWA,16,0.4\nvWA,17,0.6\n';

describe('one table reader for every importer', () => {
  it('no importer splits lines by hand any more (only delimited-text.ts reads delimited tables)', () => {
    const io = join(root, 'src', 'io');
    for (const f of readdirSync(io).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
      const src = readFileSync(join(io, f), 'utf8');
      if (f === 'delimited-text.ts') continue;
      if (/parseFrequencyCsv|parseFrequencyWide|parseGeneMapper|parseMutationCsv/.test(src))
        expect([f, /readDelimitedText/.test(src) || !/export function parse/.test(src)]).toEqual([
          f,
          true,
        ]);
      expect([f, /function _split\(|function _readCsv\(|line\.split\('\\t'\)/.test(src)]).toEqual([
        f,
        false,
      ]);
    }
  });

  it('a ";" long CSV (European spreadsheet) is detected as frequency-csv and reads as the "," one', () => {
    const semi = withDelimiter(LONG, ';');
    // before: detected as 'frequency-list' (a Familias list file) and refused there
    expect(detectImportFormat('pop.csv', semi)).toBe('frequency-csv');
    expect(detectImportFormat('pop.csv', withDelimiter(LONG, '\t'))).toBe('frequency-csv');
    const comma = parseFrequencyCsv(LONG, { population: 'p' }).table;
    for (const d of [';', '\t']) {
      const other = parseFrequencyCsv(withDelimiter(LONG, d), { population: 'p' }).table;
      expect(other.markers).toEqual(comma.markers);
    }
    const batch = readImportFile('pop.csv', semi, { population: 'p' });
    expect(batch.format).toBe('frequency-csv');
    expect(batch.tables[0]?.table.markers.get('vWA')?.frequencies).toEqual([0.4, 0.6]);
  });

  it('a ";" CSV with decimal commas is refused naming line and value, never read as other numbers', () => {
    const text = 'marker;allele;frequency\nTH01;6;0,25\nTH01;9.3;0,75\n';
    expect(() => parseFrequencyCsv(text, { population: 'p', file: 'eu.csv' })).toThrow(
      expect.objectContaining({
        code: 'INVALID_FREQUENCIES',
        file: 'eu.csv',
        message: expect.stringContaining('0,25'),
      }),
    );
  });

  it('GeneMapper exports read the same from a tab, "," or ";" table', () => {
    const tab = readFileSync(join(root, 'fixtures', 'lab', 'references.genemapper.txt'), 'utf8');
    const want = parseGeneMapper(tab, { kind: 'reference' });
    expect(want.profiles.length).toBe(8);
    for (const d of [',', ';']) {
      const got = parseGeneMapper(tab.replaceAll('\t', d), { kind: 'reference' });
      expect(got.profiles).toEqual(want.profiles);
      expect(got.skipped).toEqual(want.skipped);
    }
  });

  it('the wide table and the mutation CSV take the same delimiters', () => {
    const wide = 'Allele,TH01,VWA\n6,0.4,\n9.3,0.6,\n16,,1\nN,404,404\n';
    const a = parseFrequencyWide(wide, { population: 'p' }).table.markers;
    expect(parseFrequencyWide(withDelimiter(wide, ';'), { population: 'p' }).table.markers).toEqual(
      a,
    );
    const mut = 'marker,model,rate\nTH01,equal,0.002\n';
    expect(parseMutationCsv(withDelimiter(mut, '\t'))).toEqual(parseMutationCsv(mut));
  });

  it('a Latin-1 file is refused the same way by every importer, naming file and line', () => {
    const cases: [string, () => unknown][] = [
      [
        'long',
        () => parseFrequencyCsv(latin1(`${LONG}Bär,1,1\n`), { population: 'p', file: 'x.csv' }),
      ],
      [
        'wide',
        () =>
          parseFrequencyWide(latin1('Allele,TH01\n6,1\nN,1\n# Bär\n'), {
            population: 'p',
            file: 'x.csv',
          }),
      ],
      [
        'genemapper',
        () =>
          parseGeneMapper(latin1('Sample Name\tMarker\tAllele 1\nJosé\tTH01\t6\n'), {
            kind: 'reference',
            file: 'x.csv',
          }),
      ],
      [
        'mutation',
        () => parseMutationCsv(latin1('marker,model\nTH01,none\nÄ,none\n'), { file: 'x.csv' }),
      ],
    ];
    for (const [name, read] of cases) {
      let error: unknown;
      try {
        read();
      } catch (e) {
        error = e;
      }
      expect([name, error]).toEqual([
        name,
        expect.objectContaining({
          code: 'PARSE_ERROR',
          file: 'x.csv',
          message: expect.stringContaining('save it as UTF-8'),
        }),
      ]);
    }
  });
});
