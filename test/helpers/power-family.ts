/**
 * Small families for the power tests: a pedigree from rows, missing persons and genotypes
 * written as plain objects, and a locus from labels and frequencies.
 */
import type { Locus } from '../../src/frequencies/locus.js';
import type { MutationSpec } from '../../src/mutation/types.js';
import { createPedigree } from '../../src/pedigree/create-pedigree.js';
import type { PedigreeRecord } from '../../src/pedigree/pedigree.js';
import type { Family } from '../../src/search/types.js';

/** A row: id, parents (both or neither) and sex. */
export type Row = readonly [
  id: string,
  father: string | null,
  mother: string | null,
  sex: 'male' | 'female',
];

/** Build a validated family. */
export function makeFamily(
  name: string,
  rows: readonly Row[],
  missing: readonly string[],
  genotypes: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>,
): Family {
  const records: PedigreeRecord[] = rows.map(([id, father, mother, sex]) => ({
    id,
    father,
    mother,
    sex,
  }));
  return {
    name,
    pedigree: createPedigree(records),
    records,
    missing,
    genotypes: new Map(
      Object.entries(genotypes).map(([id, byLocus]) => [id, new Map(Object.entries(byLocus))]),
    ),
  };
}

/** A locus with labels "1".."n" (or the given labels) and frequencies. */
export function makeLocus(
  name: string,
  frequencies: readonly number[],
  mutation: MutationSpec = null,
  chromosome: 'autosomal' | 'X' = 'autosomal',
): Locus {
  return {
    name,
    alleles: frequencies.map((_, i) => String(i + 1)),
    frequencies,
    chromosome,
    mutation,
  };
}
