/**
 * The index's door for families built in code: evidence it cannot use is refused, never left
 * out — a genotype of someone not in the pedigree, a genotype with no or three alleles, an
 * allele the locus does not define.
 */
import { describe, expect, it } from 'vitest';
import type { Locus } from '../../frequencies/locus.js';
import { createPedigree } from '../../pedigree/create-pedigree.js';
import type { PedigreeRecord } from '../../pedigree/pedigree.js';
import type { Family } from '../types.js';
import { SearchIndex } from './search-index.js';

const LOCI: Locus[] = [
  {
    name: 'L1',
    alleles: ['1', '2', '3'],
    frequencies: [0.2, 0.3, 0.5],
    chromosome: 'autosomal',
    mutation: null,
  },
];
const RECORDS: PedigreeRecord[] = [
  { id: 'FA', father: null, mother: null, sex: 'male' },
  { id: 'MO', father: null, mother: null, sex: 'female' },
  { id: 'MP', father: 'FA', mother: 'MO', sex: 'male' },
];

function family(genotypes: [string, string[]][]): Family {
  return {
    name: 'F1',
    pedigree: createPedigree(RECORDS),
    records: RECORDS,
    missing: ['MP'],
    genotypes: new Map(genotypes.map(([id, g]) => [id, new Map([['L1', g]])])),
  };
}

describe('SearchIndex.addFamily refuses evidence it would leave out', () => {
  it.each([
    [[['GHOST', ['1', '2']]], 'has a genotype for "GHOST", who is not in its pedigree'],
    [[['FA', []]], 'has 0 alleles at locus "L1"; expected one or two'],
    [[['FA', ['1', '2', '3']]], 'has 3 alleles at locus "L1"; expected one or two'],
    [[['FA', ['9', '1']]], 'has allele "9" at locus "L1", which is not in the locus definition'],
  ] as [[string, string[]][], string][])('%j', (genotypes, message) => {
    const index = new SearchIndex(LOCI);
    expect(() => index.addFamily(family(genotypes))).toThrow(
      expect.objectContaining({
        code: 'INVALID_GENOTYPE',
        message: expect.stringContaining(message),
      }),
    );
    expect(index.entries).toHaveLength(0);
  });

  it('accepts the same family with its genotypes on pedigree members', () => {
    const index = new SearchIndex(LOCI);
    expect(index.addFamily(family([['FA', ['1', '2']]]))).toHaveLength(1);
  });
});
