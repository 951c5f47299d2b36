import { describe, expect, it } from 'vitest';
import { expectError } from '../../test/helpers/expect-error.js';
import { createProfile, type ProfileInput } from './profile.js';

describe('createProfile', () => {
  it('createProfile resolves marker aliases and keeps allele labels as written', () => {
    const p = createProfile({
      id: 'R1',
      kind: 'reference',
      genotypes: { VWA: ['17', '16'], THO1: ['9.3', '6'], 'PENTA E': ['5', '12'] },
    });
    expect([...p.genotypes.keys()]).toEqual(['vWA', 'TH01', 'Penta E']);
    expect(p.genotypes.get('vWA')).toEqual(['17', '16']);
    expect(p.sex).toBeUndefined();
  });

  it('createProfile keeps names as written with resolveAliases: false', () => {
    const p = createProfile(
      { id: 'R1', kind: 'reference', genotypes: { VWA: ['17', '16'] } },
      { resolveAliases: false },
    );
    expect([...p.genotypes.keys()]).toEqual(['VWA']);
  });

  it('createProfile accepts a Map of genotypes and a partial profile', () => {
    const p = createProfile({
      id: 'V1',
      kind: 'remains',
      genotypes: new Map([['D3S1358', ['15', '16']]]),
    });
    expect(p.genotypes.size).toBe(1);
    expect(p.genotypes.has('TH01')).toBe(false);
  });

  it('createProfile accepts one-allele homozygotes only with singleAlleleHomozygotes', () => {
    const input: ProfileInput = { id: 'R1', kind: 'reference', genotypes: { TH01: ['7'] } };
    expectError(
      () => createProfile(input),
      'INVALID_GENOTYPE',
      ['genotypes', 'TH01'],
      'one allele',
    );
    const p = createProfile(input, { singleAlleleHomozygotes: true });
    expect(p.genotypes.get('TH01')).toEqual(['7']);
  });

  it('createProfile reads sex from Amelogenin: X,Y male, X,X female', () => {
    const male = createProfile({ id: 'V1', kind: 'remains', genotypes: { AMEL: ['X', 'Y'] } });
    const female = createProfile({ id: 'V2', kind: 'remains', genotypes: { AM: ['X', 'X'] } });
    expect(male.sex).toBe('male');
    expect(female.sex).toBe('female');
    expect(male.genotypes.get('Amelogenin')).toEqual(['X', 'Y']);
  });

  it('createProfile refuses Amelogenin contradicting the declared sex', () => {
    expectError(
      () =>
        createProfile({
          id: 'R2',
          kind: 'reference',
          sex: 'male',
          genotypes: { Amelogenin: ['X', 'X'] },
        }),
      'INVALID_GENOTYPE',
      ['genotypes', 'Amelogenin'],
      'Profile "R2" is declared male but Amelogenin X,X indicates female',
    );
  });

  it('createProfile applies the X rules with the sex read from Amelogenin', () => {
    const input: ProfileInput = {
      id: 'V3',
      kind: 'remains',
      genotypes: { HPRTB: ['12', '13'], Amelogenin: ['X', 'Y'] },
    };
    expectError(
      () => createProfile(input),
      'INVALID_GENOTYPE',
      ['genotypes', 'HPRTB'],
      'Person "V3" is male but has two different alleles "12" and "13" at X marker HPRTB',
    );
    const hemizygous = createProfile({ ...input, genotypes: { HPRTB: ['12'], AMEL: ['X', 'Y'] } });
    expect(hemizygous.genotypes.get('HPRTB')).toEqual(['12']);
  });

  it('createProfile refuses a tri-allelic genotype naming person and marker', () => {
    expectError(
      () => createProfile({ id: 'R1', kind: 'reference', genotypes: { TPOX: ['8', '9', '11'] } }),
      'INVALID_GENOTYPE',
      ['genotypes', 'TPOX'],
      'Person "R1" has 3 alleles at marker TPOX ("8", "9", "11")',
    );
  });

  it('createProfile refuses two names that resolve to the same marker', () => {
    expectError(
      () =>
        createProfile({
          id: 'R1',
          kind: 'reference',
          genotypes: { vWA: ['16', '17'], VWA: ['16', '17'] },
        }),
      'INVALID_GENOTYPE',
      ['genotypes', 'VWA'],
      'two genotypes for marker vWA (written "vWA" and "VWA")',
    );
  });

  it('createProfile prefixes paths and names the file', () => {
    try {
      createProfile(
        { id: 'R1', kind: 'reference', genotypes: { TH01: ['6', 'OL'] } },
        { path: ['profiles', 0], file: 'p.json' },
      );
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({
        code: 'INVALID_ALLELE',
        path: ['profiles', 0, 'genotypes', 'TH01', 1],
        file: 'p.json',
      });
    }
  });

  it('createProfile keeps unknown markers (autosomal) and refuses them with unknownMarkers: error', () => {
    const p = createProfile({ id: 'R1', kind: 'reference', genotypes: { L1: ['1', '2'] } });
    expect(p.genotypes.get('L1')).toEqual(['1', '2']);
    expectError(
      () =>
        createProfile(
          { id: 'R1', kind: 'reference', genotypes: { L1: ['1', '2'] } },
          { unknownMarkers: 'error' },
        ),
      'UNKNOWN_MARKER',
      ['genotypes', 'L1'],
      'unknown marker "L1"',
    );
  });

  it('createProfile uses chromosomeOf for loci the marker table does not know', () => {
    const options = { chromosomeOf: (m: string) => (m === 'XL' ? ('X' as const) : undefined) };
    const p = createProfile(
      { id: 'M', kind: 'reference', sex: 'male', genotypes: { XL: ['7'] } },
      options,
    );
    expect(p.genotypes.get('XL')).toEqual(['7']);
  });

  it('createProfile treats __proto__ and constructor as ordinary marker names', () => {
    const genotypes = JSON.parse('{"__proto__": ["1","2"], "constructor": ["3","3"]}');
    const p = createProfile({ id: 'R1', kind: 'reference', genotypes });
    expect(p.genotypes.get('__proto__')).toEqual(['1', '2']);
    expect(p.genotypes.get('constructor')).toEqual(['3', '3']);
  });

  it('createProfile refuses a bad id, kind or sex with INVALID_ARGUMENT', () => {
    expectError(
      () => createProfile({ id: '', kind: 'reference', genotypes: {} }),
      'INVALID_ARGUMENT',
      ['id'],
      'Profile id',
    );
    expectError(
      () => createProfile({ id: 'R', kind: 'victim' as 'remains', genotypes: {} }),
      'INVALID_ARGUMENT',
      ['kind'],
      'kind "victim"',
    );
    expectError(
      () => createProfile({ id: 'R', kind: 'direct', sex: 'M' as 'male', genotypes: {} }),
      'INVALID_ARGUMENT',
      ['sex'],
      'sex "M"',
    );
  });

  it('createProfile accepts the three kinds and sex null', () => {
    for (const kind of ['reference', 'remains', 'direct'] as const) {
      expect(createProfile({ id: 'A', kind, sex: null, genotypes: {} }).kind).toBe(kind);
    }
  });
});
