import { describe, expect, it } from 'vitest';
import { _expectError } from '../../test/helpers/store-test-helpers.js';
import { parseFamilyDocument } from './family-document.js';

const doc = (families: unknown) => JSON.stringify({ format: 'kindred-families/1', families });
const trio = [
  { id: 'FA', father: null, mother: null, sex: 'male' },
  { id: 'MO', father: null, mother: null, sex: 'female' },
  { id: 'MP', father: 'FA', mother: 'MO', sex: 'male' },
];

describe('parseFamilyDocument', () => {
  it('parseFamilyDocument reads members as a Map, __proto__ being an ordinary id', () => {
    const text = `{"format":"kindred-families/1","families":[{"name":"F1","pedigree":${JSON.stringify(trio)},"missing":["MP"],"members":{"FA":"S1","__proto__":"S2"},"population":"p"}]}`;
    const r = parseFamilyDocument(text);
    expect(r.rejected).toEqual([]);
    expect(r.families[0]?.name).toBe('F1');
    expect(r.families[0]?.population).toBe('p');
    const members = r.families[0]?.members as ReadonlyMap<string, string>;
    expect([...members.entries()]).toEqual([
      ['FA', 'S1'],
      ['__proto__', 'S2'],
    ]);
  });

  it('parseFamilyDocument rejects one malformed family with its path and keeps the others', () => {
    const r = parseFamilyDocument(
      doc([
        { name: 'F1', pedigree: trio, missing: ['MP'], members: {} },
        { name: 'F2', pedigree: trio, missing: 'MP', members: {} },
        { name: 'F3', pedigree: trio, missing: ['MP'], members: {}, prior: 1 },
      ]),
      'fam.json',
    );
    expect(r.families.map((f) => f.name)).toEqual(['F1']);
    expect(r.rejected.map((x) => [x.id, x.error.code, x.error.path, x.error.file])).toEqual([
      ['F2', 'INVALID_CASE', ['families', 1, 'missing'], 'fam.json'],
      ['F3', 'INVALID_CASE', ['families', 2, 'prior'], 'fam.json'],
    ]);
    expect(r.rejected[1]?.error.message).toContain('Family "F3" has unknown field "prior"');
  });

  it('parseFamilyDocument refuses a document of another format', () => {
    _expectError(
      () => parseFamilyDocument('{"format":"kindred-dvi/1"}', 'x.json'),
      'INVALID_CASE',
      ['format'],
      'Expected a document with "format": "kindred-families/1"',
    );
  });
});
