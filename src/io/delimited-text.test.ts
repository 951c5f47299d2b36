import { describe, expect, it } from 'vitest';
import { detectDelimiter, readDelimitedText } from './delimited-text.js';

const fields = (text: string) => readDelimitedText(text).records.map((r) => r.fields);

describe('detectDelimiter', () => {
  it('detectDelimiter picks the delimiter found most often outside quotes', () => {
    expect(detectDelimiter('marker,allele,frequency')).toBe(',');
    expect(detectDelimiter('marker;allele;frequency')).toBe(';');
    expect(detectDelimiter('Sample Name\tMarker\tAllele 1')).toBe('\t');
    expect(detectDelimiter('"a;b;c",d')).toBe(',');
    expect(detectDelimiter('single')).toBe(',');
  });
});

describe('readDelimitedText', () => {
  it('reads a European spreadsheet CSV (";") as well as a "," CSV and a TSV', () => {
    const want = [
      ['marker', 'allele', 'frequency'],
      ['TH01', '9.3', '0.3'],
    ];
    expect(fields('marker,allele,frequency\nTH01,9.3,0.3\n')).toEqual(want);
    expect(fields('marker;allele;frequency\nTH01;9.3;0.3\n')).toEqual(want);
    expect(fields('marker\tallele\tfrequency\nTH01\t9.3\t0.3\n')).toEqual(want);
    expect(readDelimitedText('a;b\n1;2\n').delimiter).toBe(';');
  });

  it('honours RFC 4180 quotes: delimiters, line breaks and "" inside, blanks around', () => {
    const t = readDelimitedText('id,note\n"a,1","two\nlines"\n  "say ""hi""" ,x\n');
    expect(t.records).toEqual([
      { line: 1, fields: ['id', 'note'] },
      { line: 2, fields: ['a,1', 'two\nlines'] },
      { line: 4, fields: ['say "hi"', 'x'] },
    ]);
  });

  it('drops a BOM, takes CRLF, LF and CR line ends, and skips blank lines', () => {
    const t = readDelimitedText('\uFEFFa,b\r\n1,2\r\n\r\n3,4\r5,6\n\n');
    expect(t.records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
      { line: 4, fields: ['3', '4'] },
      { line: 5, fields: ['5', '6'] },
    ]);
  });

  it('keeps fields as written (callers trim) and an explicit delimiter wins over detection', () => {
    expect(fields(' a , b \n')).toEqual([[' a ', ' b ']]);
    expect(readDelimitedText('a,b;c\n', { delimiter: ';' }).records[0]?.fields).toEqual([
      'a,b',
      'c',
    ]);
  });

  it('an unterminated quote is PARSE_ERROR naming the file and the line it starts on', () => {
    expect(() => readDelimitedText('a,b\n1,"open\n2,3\n', { file: 'f.csv' })).toThrow(
      expect.objectContaining({
        code: 'PARSE_ERROR',
        path: ['line', 2],
        file: 'f.csv',
        message: expect.stringContaining('Unterminated quoted field from line 2'),
      }),
    );
  });

  it('text after a closing quote is PARSE_ERROR naming the line', () => {
    expect(() => readDelimitedText('a,b\n"x"y,2\n')).toThrow(
      expect.objectContaining({ code: 'PARSE_ERROR', path: ['line', 2] }),
    );
  });

  it('a Latin-1 file (decoded as UTF-8) is refused with a message naming the line and the fix', () => {
    // "Bär" in Latin-1 is 42 E4 72: E4 is not valid UTF-8 on its own, so decoding gives U+FFFD.
    const latin1 = Buffer.from('marker,allele,frequency\nD3S1358,15,0.2\nBär,1,1\n', 'latin1');
    const text = new TextDecoder('utf-8').decode(latin1);
    expect(() => readDelimitedText(text, { file: 'pop.csv' })).toThrow(
      expect.objectContaining({
        code: 'PARSE_ERROR',
        path: ['line', 3],
        file: 'pop.csv',
        message: expect.stringMatching(/not UTF-8 text.*line 3.*Latin-1.*save it as UTF-8/),
      }),
    );
  });
});
