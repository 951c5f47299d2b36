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
    // db import and db export use --format for a file format: untouched
    const file = { format: { type: 'string' }, json: { type: 'boolean' } } as const;
    expect(parseDbArgs(['x.db', '--format', 'fam'], file).values.format).toBe('fam');
  });

  it('storeFile refuses a command line without the store', () => {
    expect(() => storeFile({ values: {}, positionals: [] }, 'Usage: x')).toThrow(
      /Name the store file/,
    );
  });
});
