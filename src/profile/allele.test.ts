import { describe, expect, it } from 'vitest';
import { expectError } from '../../test/helpers/expect-error.js';
import { validateAlleleLabel } from '../frequencies/allele-label.js';
import { compareAlleleLabels, isNumericAllele, parseAllele } from './allele.js';

describe('parseAllele', () => {
  // ISFG nomenclature (Bär et al. 1997): "9.3" = 9 full repeats + 3 bp.
  it('parseAllele("9.3") is numeric, 9 repeats + 3 bp', () => {
    expect(parseAllele('9.3')).toEqual({
      kind: 'numeric',
      label: '9.3',
      repeats: 9.3,
      whole: 9,
      bp: 3,
    });
  });

  it('parseAllele("22.2") is 22 repeats + 2 bp and parseAllele("12") is 12 + 0 bp', () => {
    expect(parseAllele('22.2')).toMatchObject({ repeats: 22.2, whole: 22, bp: 2 });
    expect(parseAllele('12')).toMatchObject({ kind: 'numeric', repeats: 12, whole: 12, bp: 0 });
  });

  it('parseAllele("1") is numeric (STRidER placeholder loads as text with a repeat number)', () => {
    expect(parseAllele('1')).toMatchObject({ kind: 'numeric', label: '1', repeats: 1 });
  });

  it('parseAllele keeps non-canonical numbers and ">27" as text of kind other', () => {
    for (const label of ['>27', '9.0', '08', '8.10', '<8', 'A']) {
      const allele = parseAllele(label);
      expect(allele).toEqual({ kind: 'other', label });
      expect(allele.repeats).toBeUndefined();
    }
  });

  it('parseAllele("X") and parseAllele("Y") are sex alleles', () => {
    expect(parseAllele('X')).toEqual({ kind: 'sex', label: 'X' });
    expect(parseAllele('Y').kind).toBe('sex');
  });

  it('parseAllele trims surrounding whitespace', () => {
    expect(parseAllele(' 15 ').label).toBe('15');
  });

  it.each(['OL', 'ol', 'Ol', ' OL '])('parseAllele(%j) throws INVALID_ALLELE (off-ladder)', (l) => {
    expectError(
      () => parseAllele(l, { marker: 'TH01', owner: 'person "P1"', path: ['g', 0] }),
      'INVALID_ALLELE',
      ['g', 0],
      'Off-ladder allele',
    );
  });

  it('parseAllele of an off-ladder call names the person and marker', () => {
    expectError(
      () => parseAllele('OL', { marker: 'TH01', owner: 'person "P1"', path: [] }),
      'INVALID_ALLELE',
      [],
      'of person "P1" at marker TH01',
    );
  });

  it('parseAllele("") throws INVALID_ALLELE', () => {
    expectError(() => parseAllele('', { path: ['x'] }), 'INVALID_ALLELE', ['x'], 'Empty allele');
    expectError(() => parseAllele('   '), 'INVALID_ALLELE', [], 'Empty allele');
  });

  it('parseAllele of a non-string throws INVALID_ALLELE naming the value', () => {
    expectError(() => parseAllele(12), 'INVALID_ALLELE', [], 'must be text, got number 12');
    expectError(() => parseAllele(null), 'INVALID_ALLELE', [], 'got null');
  });

  it('parseAllele of a label with inner whitespace throws INVALID_ALLELE', () => {
    expectError(() => parseAllele('9 3'), 'INVALID_ALLELE', [], 'contains whitespace');
    expectError(() => parseAllele('9\t3'), 'INVALID_ALLELE', [], 'contains whitespace');
  });

  it('validateAlleleLabel refuses a label longer than 64 characters with INVALID_ALLELE', () => {
    expect(validateAlleleLabel('9'.repeat(64))).toBe('9'.repeat(64));
    expect(() => validateAlleleLabel('9'.repeat(65), { marker: 'TH01' })).toThrow(
      expect.objectContaining({
        code: 'INVALID_ALLELE',
        message: expect.stringContaining('at marker TH01 is 65 characters long; at most 64'),
      }),
    );
  });

  it('validateAlleleLabel(" 9.3 ") is "9.3"', () => {
    expect(validateAlleleLabel(' 9.3 ')).toBe('9.3');
  });

  it('validateAlleleLabel puts the file on the error', () => {
    try {
      validateAlleleLabel('OL', { file: 'f.csv', path: ['line', 3, 'allele'] });
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({
        code: 'INVALID_ALLELE',
        file: 'f.csv',
        path: ['line', 3, 'allele'],
      });
      expect((e as Error).message).toContain('f.csv: line 3, column "allele"');
    }
  });
});

describe('compareAlleleLabels and isNumericAllele', () => {
  it('compareAlleleLabels orders numeric labels by repeat length, then other labels', () => {
    expect(['10', '9.3', '>27', '9', 'X', '2'].sort(compareAlleleLabels)).toEqual([
      '2',
      '9',
      '9.3',
      '10',
      '>27',
      'X',
    ]);
  });

  it('isNumericAllele is true for repeat numbers only', () => {
    expect(isNumericAllele('22.2')).toBe(true);
    expect(isNumericAllele('>27')).toBe(false);
    expect(isNumericAllele('9.0')).toBe(false);
  });
});
