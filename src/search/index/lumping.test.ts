import { describe, expect, it } from 'vitest';
import { _referenceLR } from '../../../test/helpers/index-test-helpers.js';
import type { Locus } from '../../frequencies/locus.js';
import { createPedigree } from '../../pedigree/create-pedigree.js';
import type { PersonRecord } from '../../pedigree/pedigree.js';
import type { Family } from '../types.js';
import { canIndexByClass, isClassLevelModel, isInbred } from './lumping.js';
import { SearchIndex } from './search-index.js';

// Full-sib mating: P4 is the child of the siblings P2 and P3 (inbred).
const sibMating: PersonRecord[] = [
  { id: 'P0', father: null, mother: null, sex: 'male' },
  { id: 'P1', father: null, mother: null, sex: 'female' },
  { id: 'P2', father: 'P0', mother: 'P1', sex: 'male' },
  { id: 'P3', father: 'P0', mother: 'P1', sex: 'female' },
  { id: 'P4', father: 'P2', mother: 'P3', sex: 'female' },
];

const locus: Locus = {
  name: 'L',
  alleles: ['8', '9', '10', '11', '12'],
  frequencies: [0.1, 0.2, 0.3, 0.15, 0.25],
  chromosome: 'autosomal',
  mutation: null,
};

describe('isInbred', () => {
  it('isInbred(child of full siblings) is true and isInbred(their parent) is false', () => {
    const ped = createPedigree(sibMating);
    expect(isInbred(ped, 4)).toBe(true);
    expect(isInbred(ped, 2)).toBe(false);
    expect(isInbred(ped, 0)).toBe(false);
  });

  it('isInbred(child of a father and his daughter) is true', () => {
    const ped = createPedigree([
      { id: 'F', father: null, mother: null, sex: 'male' },
      { id: 'M', father: null, mother: null, sex: 'female' },
      { id: 'D', father: 'F', mother: 'M', sex: 'female' },
      { id: 'C', father: 'F', mother: 'D', sex: 'male' },
    ]);
    expect(isInbred(ped, 3)).toBe(true);
  });
});

describe('isClassLevelModel', () => {
  it('accepts no mutation and proportional models, refuses equal, stepwise, onestep and custom', () => {
    expect(isClassLevelModel(null)).toBe(true);
    expect(isClassLevelModel({ model: 'proportional', rate: 0.01 })).toBe(true);
    expect(isClassLevelModel({ model: 'equal', rate: 0.01 })).toBe(false);
    expect(isClassLevelModel({ model: 'stepwise', rate: 0.01, rate2: 0, range: 0.1 })).toBe(false);
    expect(isClassLevelModel({ model: 'onestep', rate: 0.01 })).toBe(false);
    expect(isClassLevelModel({ model: 'custom', matrix: [[1]] })).toBe(false);
    expect(
      isClassLevelModel({
        female: { model: 'proportional', rate: 0.01 },
        male: { model: 'equal', rate: 0.01 },
      }),
    ).toBe(false);
  });

  it('canIndexByClass is false for an inbred missing person even without mutation', () => {
    expect(canIndexByClass(null, createPedigree(sibMating), 4)).toBe(false);
  });
});

describe('rest-class homozygotes on an inbred missing person', () => {
  // Grandfather P0 typed 8/9: alleles 10, 11, 12 are unobserved (the rest class). For an inbred
  // P4 the joint has a δ_xy·B·p_x term, so LR(11/11) ≠ LR(12/12); the index must still agree with
  // computeKinshipLR for every rest genotype.
  it('index LR of 10/10, 11/11, 12/12 and 11/12 on the child of full sibs equals computeKinshipLR', () => {
    const ped = createPedigree(sibMating);
    const family: Family = {
      name: 'F',
      pedigree: ped,
      records: sibMating,
      missing: ['P4'],
      genotypes: new Map([['P0', new Map([['L', ['8', '9']]])]]),
    };
    const index = new SearchIndex([locus]);
    index.addFamily(family);
    const seen = new Set<number>();
    for (const g of [
      ['10', '10'],
      ['11', '11'],
      ['12', '12'],
      ['11', '12'],
    ]) {
      const genotypes = new Map([['L', g]]);
      const got = index.score(index.encode('V', genotypes))[0]!;
      const want = _referenceLR(family, 'P4', 'female', genotypes, [locus], 0).log10LR!;
      expect(Math.abs(got - want * Math.LN10)).toBeLessThanOrEqual(1e-12);
      seen.add(Math.round(got * 1e6));
    }
    // The homozygote LRs really differ (the test would catch class-level storage).
    expect(seen.size).toBe(4);
  });
});
