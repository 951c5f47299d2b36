import { describe, expect, it } from 'vitest';
import { formatTable, parseDbArgs, storeFile } from './db-args.js';

describe('db-args', () => {
  it('formatTable pads text left-aligned and numbers right-aligned (TSDoc example)', () => {
    expect(
      formatTable([
        ['id', 'n'],
        ['a', '10'],
      ]),
    ).toBe('id  n\na   10\n');
  });

  it('parseDbArgs turns an unknown option into USAGE', () => {
    expect(() => parseDbArgs(['x.db', '--nope'], {})).toThrow(
      expect.objectContaining({ code: 'USAGE' }),
    );
    expect(parseDbArgs(['x.db', '--json'], { json: { type: 'boolean' } }).values.json).toBe(true);
  });

  it('parseDbArgs takes --format table|json wherever --json is taken, and leaves a file --format alone', () => {
    const json = { json: { type: 'boolean' } } as const;
    expect(parseDbArgs(['x.db', '--format', 'json'], json).values.json).toBe(true);
    expect(parseDbArgs(['x.db', '--format', 'table'], json).values.json).toBe(false);
    expect(parseDbArgs(['x.db'], json).values.json).toBe(false);
    expect(parseDbArgs(['x.db', '--format', 'json'], json).values.format).toBeUndefined();
    expect(() => parseDbArgs(['x.db', '--format', 'csv'], json)).toThrow(
      expect.objectContaining({ code: 'USAGE', message: expect.stringContaining('"csv"') }),
    );
    expect(() => parseDbArgs(['x.db', '--json', '--format', 'table'], json)).toThrow(
      expect.objectContaining({ code: 'USAGE', message: expect.stringContaining('contradict') }),
    );
    // db import names its file format with --from: --format stays the report's format, and a
    // file format given to --format is refused with the flag to use
    const file = { from: { type: 'string' }, json: { type: 'boolean' } } as const;
    expect(parseDbArgs(['x.db', '--from', 'familias-fam'], file).values.from).toBe('familias-fam');
    expect(parseDbArgs(['x.db', '--format', 'json'], file).values.json).toBe(true);
    expect(() => parseDbArgs(['x.db', '--format', 'familias-fam'], file)).toThrow(
      expect.objectContaining({ code: 'USAGE', message: expect.stringContaining('--from') }),
    );
  });

  it('storeFile refuses a command line without the store', () => {
    expect(() => storeFile({ values: {}, positionals: [] }, 'Usage: x')).toThrow(
      /Name the store file/,
    );
  });
});
