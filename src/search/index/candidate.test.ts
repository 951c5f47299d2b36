import { describe, expect, it } from 'vitest';
import type { Locus } from '../../frequencies/locus.js';
import { createPedigree } from '../../pedigree/create-pedigree.js';
import type { Family } from '../types.js';
import { encodeCandidate, sexCheck } from './candidate.js';
import { createIndexLayout } from './layout.js';
import { SearchIndex } from './search-index.js';

const A: Locus = {
  name: 'A',
  alleles: ['9', '10', '11'],
  frequencies: [0.2, 0.3, 0.5],
  chromosome: 'autosomal',
  mutation: null,
};
const X: Locus = {
  name: 'X',
  alleles: ['5', '6'],
  frequencies: [0.4, 0.6],
  chromosome: 'X',
  mutation: null,
};
const layout = createIndexLayout([X, A]);

function errorOf(f: () => unknown): {
  code: string;
  path: readonly (string | number)[];
  message: string;
} {
  try {
    f();
  } catch (e) {
    return e as { code: string; path: readonly (string | number)[]; message: string };
  }
  throw new Error('expected an error');
}

describe('createIndexLayout', () => {
  it('numbers the genotype slots of all loci consecutively: n(n+1)/2 per locus', () => {
    // X: 2 alleles -> 3 slots; A: 3 alleles -> 6 slots.
    expect([...layout.slotOffset]).toEqual([0, 3, 9]);
    expect(layout.slots).toBe(9);
  });

  it('refuses a repeated locus name with INVALID_ARGUMENT', () => {
    const e = errorOf(() => createIndexLayout([A, A]));
    expect(e.code).toBe('INVALID_ARGUMENT');
    expect(e.path).toEqual(['loci', 1, 'name']);
    expect(e.message).toMatch(/Locus "A" is listed twice/);
  });
});

describe('encodeCandidate', () => {
  it('puts autosomal loci first and stores global genotype slots', () => {
    const c = encodeCandidate(
      'V1',
      new Map([
        ['X', ['6']],
        ['A', ['11', '9']],
      ]),
      layout,
      { sex: 'male' },
    );
    expect([...c.loci]).toEqual([1, 0]);
    expect(c.autosomalCount).toBe(1);
    // A 9/11 = alleles 0 and 2: slot 3 + (2·3/2 + 0) = 6; X 6 (allele 1, hemizygous): 1·2/2 + 1 = 2.
    expect([...c.slots]).toEqual([6, 2]);
  });

  it('refuses an allele outside the locus definition with UNSEEN_ALLELE naming victim, locus and allele', () => {
    const e = errorOf(() => encodeCandidate('V9', new Map([['A', ['10', '12']]]), layout));
    expect(e.code).toBe('UNSEEN_ALLELE');
    expect(e.path).toEqual(['victims', 'V9', 'A', 1]);
    expect(e.message).toMatch(/Candidate "V9" has allele "12" at locus "A"/);
  });

  it("skips the locus under the 'skip-locus' policy and reports it", () => {
    const c = encodeCandidate(
      'V9',
      new Map([
        ['A', ['10', '12']],
        ['Q', ['1', '1']],
      ]),
      layout,
      { unseen: 'skip-locus' },
    );
    expect(c.loci.length).toBe(0);
    expect(c.skipped.map((s) => s.locus)).toEqual(['A', 'Q']);
  });

  it('refuses an unknown locus with UNKNOWN_MARKER and a male heterozygous at X with INVALID_GENOTYPE', () => {
    expect(errorOf(() => encodeCandidate('V1', new Map([['Q', ['1', '1']]]), layout)).code).toBe(
      'UNKNOWN_MARKER',
    );
    const e = errorOf(() =>
      encodeCandidate('V1', new Map([['X', ['5', '6']]]), layout, { sex: 'male' }),
    );
    expect(e.code).toBe('INVALID_GENOTYPE');
    expect(e.path).toEqual(['victims', 'V1', 'X']);
  });

  it('sexCheck compares known sexes', () => {
    expect(sexCheck('male', 'male')).toBe('match');
    expect(sexCheck('female', 'male')).toBe('mismatch');
    expect(sexCheck(undefined, 'female')).toBe('unknown');
  });
});

describe('SearchIndex registry', () => {
  const records = [
    { id: 'FA', father: null, mother: null, sex: 'male' as const },
    { id: 'MO', father: null, mother: null, sex: 'female' as const },
    { id: 'CH', father: 'FA', mother: 'MO', sex: 'male' as const },
  ];
  const family = (name: string): Family => ({
    name,
    pedigree: createPedigree(records),
    records,
    missing: ['CH'],
    genotypes: new Map([['FA', new Map([['A', ['9', '10']]])]]),
  });

  it('addFamily / removeFamily change only that family and keep scores of the others', () => {
    const index = new SearchIndex([A]);
    index.addFamily(family('F1'));
    index.addFamily(family('F2'));
    index.addFamily(family('F3'));
    const v = index.addRemains('V', new Map([['A', ['9', '11']]]));
    const before = index.score(v)[0]!;
    expect(index.removeFamily('F1')).toBe(true);
    expect(index.familyNames()).toEqual(['F2', 'F3']);
    expect(index.entries.map((e) => e.family).sort()).toEqual(['F2', 'F3']);
    // Paternity index: P(9/11 | father 9/10) = ½·p_11 = 0.25 over 2·p_9·p_11 = 0.2 gives 1.25,
    // the same for every family (same data).
    expect(Math.exp(before)).toBeCloseTo(1.25, 12);
    expect([...index.score(v)]).toEqual([before, before]);
    expect(index.removeRemains('V')).toBe(true);
    expect(index.removeRemains('V')).toBe(false);
  });

  it('addFamily twice with one name is INVALID_ARGUMENT; a genotype at an unknown locus INVALID_GENOTYPE', () => {
    const index = new SearchIndex([A]);
    index.addFamily(family('F1'));
    expect(errorOf(() => index.addFamily(family('F1'))).message).toMatch(
      /Family "F1" is already in the index/,
    );
    const bad: Family = {
      ...family('F9'),
      genotypes: new Map([['FA', new Map([['Q', ['1', '2']]])]]),
    };
    const e = errorOf(() => index.addFamily(bad));
    expect(e.code).toBe('INVALID_GENOTYPE');
    expect(e.path).toEqual(['families', 'F9', 'genotypes', 'FA', 'Q']);
    expect(index.familyNames()).toEqual(['F1']);
  });

  it('new SearchIndex refuses theta outside [0, 1)', () => {
    expect(errorOf(() => new SearchIndex([A], { theta: 1 })).path).toEqual(['theta']);
  });
});
