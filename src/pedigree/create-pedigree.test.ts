import { describe, expect, it } from 'vitest';
import { isKindredError } from '../errors.js';
import { createPedigree, safeCreatePedigree } from './create-pedigree.js';
import { FEMALE, MALE, type PedigreeRecord } from './pedigree.js';

// Rules: spec/case-format.md, "Pedigree" and "Same person".
const founder = (id: string, sex: 'male' | 'female'): PedigreeRecord => ({
  id,
  father: null,
  mother: null,
  sex,
});
const child = (id: string, father: string, mother: string, sex: 'male' | 'female' = 'female') => ({
  id,
  father,
  mother,
  sex,
});
const trio: PedigreeRecord[] = [
  founder('AF', 'male'),
  founder('MO', 'female'),
  child('CH', 'AF', 'MO'),
];

/** Run createPedigree expecting a throw; return the error for assertions. */
function thrown(records: unknown, path: (string | number)[] = ['hypotheses', 0, 'pedigree']) {
  try {
    createPedigree(records as PedigreeRecord[], { path, file: 'case.json' });
  } catch (e) {
    if (isKindredError(e)) return e;
    throw e;
  }
  throw new Error('createPedigree did not throw');
}

describe('createPedigree', () => {
  it('createPedigree(trio) indexes parents, sexes and ids', () => {
    const ped = createPedigree(trio);
    expect(ped.ids).toEqual(['AF', 'MO', 'CH']);
    expect([...ped.father]).toEqual([-1, -1, 0]);
    expect([...ped.mother]).toEqual([-1, -1, 1]);
    expect([...ped.sex]).toEqual([MALE, FEMALE, FEMALE]);
    expect([...ped.sameAs]).toEqual([-1, -1, -1]);
    expect(ped.index.get('CH')).toBe(2);
  });

  it('createPedigree gives a sameAs row the sex of its person and no parents', () => {
    const ped = createPedigree([founder('R', 'male'), { id: 'V', sameAs: 'R' }]);
    expect([...ped.sameAs]).toEqual([-1, 0]);
    expect([...ped.sex]).toEqual([MALE, MALE]);
    expect([...ped.father]).toEqual([-1, -1]);
  });

  it('createPedigree accepts parents listed after their child', () => {
    const ped = createPedigree([
      child('CH', 'AF', 'MO'),
      founder('AF', 'male'),
      founder('MO', 'female'),
    ]);
    expect([...ped.father]).toEqual([1, -1, -1]);
  });

  it('createPedigree treats __proto__, constructor and toString as ordinary ids', () => {
    const ped = createPedigree([
      founder('__proto__', 'male'),
      founder('constructor', 'female'),
      child('toString', '__proto__', 'constructor'),
    ]);
    expect(ped.index.get('__proto__')).toBe(0);
    expect([...ped.father]).toEqual([-1, -1, 0]);
    expect(({} as Record<string, unknown>).toString).toBe(Object.prototype.toString);
  });

  it('createPedigree refuses a duplicate id', () => {
    const e = thrown([founder('A', 'male'), founder('A', 'female')]);
    expect(e.code).toBe('INVALID_PEDIGREE');
    expect(e.path).toEqual(['hypotheses', 0, 'pedigree', 1, 'id']);
    expect(e.message).toContain('Individual id "A" appears twice');
    expect(e.file).toBe('case.json');
  });

  it('createPedigree refuses an empty or missing id', () => {
    const e = thrown([{ id: '', father: null, mother: null, sex: 'male' }]);
    expect(e.path).toEqual(['hypotheses', 0, 'pedigree', 0, 'id']);
    expect(e.message).toContain('non-empty string');
  });

  it('createPedigree refuses one parent without the other', () => {
    const e = thrown([
      founder('AF', 'male'),
      { id: 'CH', father: 'AF', mother: null, sex: 'male' },
    ]);
    expect(e.path).toEqual(['hypotheses', 0, 'pedigree', 1, 'mother']);
    expect(e.message).toContain('Individual "CH" has father "AF" but no mother');
  });

  it('createPedigree refuses an unknown parent id', () => {
    const e = thrown([founder('AF', 'male'), child('CH', 'AF', 'XX')]);
    expect(e.path).toEqual(['hypotheses', 0, 'pedigree', 1, 'mother']);
    expect(e.message).toContain('Individual "CH" has mother "XX" who is not in the pedigree');
  });

  it('createPedigree refuses a male mother', () => {
    const e = thrown([founder('AF', 'male'), founder('MO', 'male'), child('CH', 'AF', 'MO')]);
    expect(e.code).toBe('INVALID_PEDIGREE');
    expect(e.path).toEqual(['hypotheses', 0, 'pedigree', 2, 'mother']);
    expect(e.message).toContain('Individual "CH" has mother "MO" who is male');
  });

  it('createPedigree refuses a female father', () => {
    const e = thrown([founder('AF', 'female'), founder('MO', 'female'), child('CH', 'AF', 'MO')]);
    expect(e.path).toEqual(['hypotheses', 0, 'pedigree', 2, 'father']);
    expect(e.message).toContain('Individual "CH" has father "AF" who is female');
  });

  it('createPedigree refuses a sex other than male/female', () => {
    const e = thrown([{ id: 'A', father: null, mother: null, sex: 'M' }]);
    expect(e.path).toEqual(['hypotheses', 0, 'pedigree', 0, 'sex']);
    expect(e.message).toContain('Individual "A" has sex "M"');
  });

  it('createPedigree refuses a missing father field', () => {
    const e = thrown([{ id: 'A', mother: null, sex: 'male' }]);
    expect(e.path).toEqual(['hypotheses', 0, 'pedigree', 0, 'father']);
    expect(e.message).toContain('Individual "A" has no father field');
  });

  it('createPedigree reports a person who is their own parent', () => {
    const e = thrown([founder('MO', 'female'), child('A', 'A', 'MO', 'male')]);
    expect(e.path).toEqual(['hypotheses', 0, 'pedigree', 1, 'father']);
    expect(e.message).toContain('Individual "A" is their own ancestor ("A" is a child of "A")');
  });

  it('createPedigree reports a longer cycle with its members', () => {
    const e = thrown([
      founder('MO', 'female'),
      child('A', 'C', 'MO', 'male'),
      child('B', 'A', 'MO', 'male'),
      child('C', 'B', 'MO', 'male'),
    ]);
    expect(e.code).toBe('INVALID_PEDIGREE');
    expect(e.message).toContain('is their own ancestor');
    for (const id of ['"A"', '"B"', '"C"']) expect(e.message).toContain(id);
  });

  it('createPedigree refuses a sameAs entry with a sex field', () => {
    const e = thrown([founder('R', 'male'), { id: 'V', sameAs: 'R', sex: 'male' }]);
    expect(e.path).toEqual(['hypotheses', 0, 'pedigree', 1, 'sex']);
    expect(e.message).toContain('sameAs entry "V" must not have a sex field');
  });

  it('createPedigree refuses a sameAs entry pointing at an unknown person', () => {
    const e = thrown([founder('R', 'male'), { id: 'V', sameAs: 'Q' }]);
    expect(e.path).toEqual(['hypotheses', 0, 'pedigree', 1, 'sameAs']);
    expect(e.message).toContain('sameAs entry "V" points at "Q", who is not in the pedigree');
  });

  it('createPedigree refuses a sameAs entry pointing at another sameAs entry', () => {
    const e = thrown([founder('R', 'male'), { id: 'V', sameAs: 'R' }, { id: 'W', sameAs: 'V' }]);
    expect(e.path).toEqual(['hypotheses', 0, 'pedigree', 2, 'sameAs']);
    expect(e.message).toContain('points at "V", which is itself a sameAs entry');
  });

  it('createPedigree refuses a sameAs entry pointing at itself', () => {
    const e = thrown([{ id: 'V', sameAs: 'V' }]);
    expect(e.message).toContain('sameAs entry "V" points at itself');
  });

  it('createPedigree refuses a sameAs entry used as a parent', () => {
    const e = thrown([
      founder('R', 'male'),
      { id: 'V', sameAs: 'R' },
      founder('MO', 'female'),
      child('CH', 'V', 'MO'),
    ]);
    expect(e.path).toEqual(['hypotheses', 0, 'pedigree', 3, 'father']);
    expect(e.message).toContain('Individual "CH" has father "V" who is a sameAs entry');
  });

  it('createPedigree refuses a row that is not an object', () => {
    const e = thrown([founder('A', 'male'), 'B']);
    expect(e.path).toEqual(['hypotheses', 0, 'pedigree', 1]);
    expect(e.message).toContain('must be an object');
  });

  it('safeCreatePedigree collects every issue of a pedigree', () => {
    const r = safeCreatePedigree([
      founder('A', 'male'),
      founder('A', 'female'),
      child('CH', 'A', 'XX'),
      { id: 'V', sameAs: 'nobody' },
    ]);
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.issues.map((e) => e.path)).toEqual([
      [1, 'id'],
      [2, 'mother'],
      [3, 'sameAs'],
    ]);
  });
});
