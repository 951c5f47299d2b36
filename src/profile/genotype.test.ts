import { describe, expect, it } from 'vitest';
import { expectError } from '../../test/helpers/expect-error.js';
import {
  type GenotypeContext,
  genotypeKey,
  genotypePair,
  isHomozygous,
  sameGenotype,
  sexFromAmelogenin,
  validateGenotype,
} from './genotype.js';

const AUTO: GenotypeContext = {
  person: 'P1',
  marker: 'TH01',
  chromosome: 'autosomal',
  path: ['genotypes', 'TH01'],
};
const XMALE: GenotypeContext = { ...AUTO, marker: 'HPRTB', chromosome: 'X', sex: 'male' };
const XFEMALE: GenotypeContext = { ...XMALE, sex: 'female' };

describe('validateGenotype', () => {
  it('validateGenotype keeps labels and their order as written', () => {
    expect(validateGenotype(['9.3', '6'], AUTO)).toEqual(['9.3', '6']);
  });

  it('validateGenotype accepts a homozygote written as two equal alleles', () => {
    expect(validateGenotype(['12', '12'], AUTO)).toEqual(['12', '12']);
  });

  it('validateGenotype refuses one allele at an autosomal marker unless allowed', () => {
    expectError(
      () => validateGenotype(['12'], AUTO),
      'INVALID_GENOTYPE',
      ['genotypes', 'TH01'],
      'Person "P1" has one allele "12" at marker TH01',
    );
    expect(validateGenotype(['12'], { ...AUTO, singleAlleleHomozygotes: true })).toEqual(['12']);
  });

  it('validateGenotype accepts a hemizygous male at X written as one allele or two equal', () => {
    expect(validateGenotype(['12'], XMALE)).toEqual(['12']);
    expect(validateGenotype(['12', '12'], XMALE)).toEqual(['12', '12']);
  });

  it('validateGenotype refuses a male with two different alleles at an X marker', () => {
    expectError(
      () => validateGenotype(['12', '13'], XMALE),
      'INVALID_GENOTYPE',
      ['genotypes', 'TH01'],
      'Person "P1" is male but has two different alleles "12" and "13" at X marker HPRTB',
    );
  });

  it('validateGenotype accepts a female heterozygote at X and refuses her single allele', () => {
    expect(validateGenotype(['12', '13'], XFEMALE)).toEqual(['12', '13']);
    expectError(
      () => validateGenotype(['12'], XFEMALE),
      'INVALID_GENOTYPE',
      ['genotypes', 'TH01'],
      'a female needs two alleles',
    );
  });

  it('validateGenotype refuses one X allele when the sex is unknown', () => {
    const { sex: _omit, ...unknownSex } = XMALE;
    expectError(
      () => validateGenotype(['12'], unknownSex),
      'INVALID_GENOTYPE',
      ['genotypes', 'TH01'],
      'needs the person to be male',
    );
  });

  it('validateGenotype refuses three alleles, naming person, marker and every allele', () => {
    expectError(
      () => validateGenotype(['12', '13', '14'], AUTO),
      'INVALID_GENOTYPE',
      ['genotypes', 'TH01'],
      'Person "P1" has 3 alleles at marker TH01 ("12", "13", "14"): tri-allelic',
    );
  });

  it('validateGenotype refuses an empty list (untyped markers are absent)', () => {
    expectError(
      () => validateGenotype([], AUTO),
      'INVALID_GENOTYPE',
      ['genotypes', 'TH01'],
      'empty genotype',
    );
  });

  it('validateGenotype refuses a non-array', () => {
    expectError(
      () => validateGenotype('12,13', AUTO),
      'INVALID_GENOTYPE',
      ['genotypes', 'TH01'],
      'not a list',
    );
  });

  it('validateGenotype refuses OL with INVALID_ALLELE at the allele index', () => {
    expectError(
      () => validateGenotype(['12', 'OL'], AUTO),
      'INVALID_ALLELE',
      ['genotypes', 'TH01', 1],
      'Off-ladder allele "OL" of person "P1" at marker TH01',
    );
  });

  it('validateGenotype at a sex marker accepts X/Y only', () => {
    const amel: GenotypeContext = { ...AUTO, marker: 'Amelogenin', sexMarker: true };
    expect(validateGenotype(['X', 'Y'], amel)).toEqual(['X', 'Y']);
    expect(validateGenotype(['X'], amel)).toEqual(['X']);
    expectError(
      () => validateGenotype(['X', '12'], amel),
      'INVALID_GENOTYPE',
      ['genotypes', 'TH01', 1],
      'only X and Y',
    );
  });
});

describe('genotype helpers', () => {
  it('genotypeKey and sameGenotype ignore allele order', () => {
    expect(genotypeKey(['9.3', '6'])).toBe('6/9.3');
    expect(sameGenotype(['15', '14'], ['14', '15'])).toBe(true);
    expect(sameGenotype(['15', '14'], ['14', '16'])).toBe(false);
  });

  it('genotypePair doubles a single allele and genotypeKey treats ["12"] as 12/12', () => {
    expect(genotypePair(['12'])).toEqual(['12', '12']);
    expect(sameGenotype(['12'], ['12', '12'])).toBe(true);
  });

  it('isHomozygous is true for equal or single alleles', () => {
    expect(isHomozygous(['12', '12'])).toBe(true);
    expect(isHomozygous(['12'])).toBe(true);
    expect(isHomozygous(['12', '13'])).toBe(false);
  });

  it('sexFromAmelogenin reads X,Y as male and X,X as female', () => {
    expect(sexFromAmelogenin(['X', 'Y'])).toBe('male');
    expect(sexFromAmelogenin(['Y', 'X'])).toBe('male');
    expect(sexFromAmelogenin(['X', 'X'])).toBe('female');
    expect(sexFromAmelogenin(['X'])).toBe('female');
  });
});
