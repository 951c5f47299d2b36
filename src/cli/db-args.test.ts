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

  it('storeFile refuses a command line without the store', () => {
    expect(() => storeFile({ values: {}, positionals: [] }, 'Usage: x')).toThrow(
      /Name the store file/,
    );
  });
});
