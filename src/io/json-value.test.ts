import { describe, expect, it } from 'vitest';
import {
  checkFields,
  describeJson,
  getOwn,
  IssueList,
  isJsonObject,
  readJsonInput,
} from './json-value.js';

describe('json helpers', () => {
  it('getOwn reads own keys only', () => {
    expect(getOwn({}, 'constructor')).toBeUndefined();
    expect(getOwn(JSON.parse('{"__proto__": 5}'), '__proto__')).toBe(5);
  });

  it('isJsonObject is false for arrays and null', () => {
    expect([isJsonObject({}), isJsonObject([]), isJsonObject(null)]).toEqual([true, false, false]);
  });

  it('describeJson names each kind of value', () => {
    expect([undefined, 'x', 1, null, [], {}].map(describeJson)).toEqual([
      'nothing',
      '"x"',
      '1',
      'null',
      'an array',
      'an object',
    ]);
  });

  it('checkFields reports each unknown field with its path', () => {
    const issues = new IssueList('f.json');
    checkFields({ a: 1, zz: 2 }, ['a'], 'Thing "T"', ['things', 0], issues, 'INVALID_CASE');
    expect(issues.issues.map((e) => [e.code, e.path, e.detail])).toEqual([
      ['INVALID_CASE', ['things', 0, 'zz'], 'Thing "T" has unknown field "zz"'],
    ]);
  });

  it('readJsonInput turns a duplicate key into an INVALID_CASE issue', () => {
    const issues = new IssueList('f.json');
    readJsonInput('{"id": "a", "id": "b"}', issues);
    expect(issues.issues[0]?.code).toBe('INVALID_CASE');
    expect(issues.issues[0]?.path).toEqual(['id']);
    expect(issues.issues[0]?.message).toContain('Key "id" appears twice');
  });
});
