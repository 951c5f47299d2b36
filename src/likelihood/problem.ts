/**
 * The input of the exact likelihood engines for one locus: a pedigree, allele frequencies after
 * any lumping, transmission matrices and encoded genotypes.
 *
 * @module
 */
import type { Pedigree } from '../pedigree/pedigree.js';

/**
 * One locus of one hypothesis, ready for computation. Alleles are indices 0..nAlleles-1.
 *
 * Conventions:
 * - `genotypes[2*i]`, `genotypes[2*i+1]`: the two allele indices of row i (any order), or -1, -1 when untyped.
 *   At an X locus a male is written with both entries equal to his single allele.
 * - `sameAs` rows of the pedigree never carry genotypes here (the caller merges them into the
 *   person they duplicate, or returns likelihood 0 on conflict); they are leaves without children.
 * - A matrix is row-major `n*n`: `m[i*n + j]` = P(transmit j | parental allele i); `null` means identity (no mutation).
 */
export interface LocusProblem {
  readonly pedigree: Pedigree;
  readonly nAlleles: number;
  /** Founder allele frequencies (length nAlleles), used exactly as given. */
  readonly frequencies: Float64Array;
  /** Transmission matrix for fathers, or null for no mutation. */
  readonly maleMatrix: Float64Array | null;
  /** Transmission matrix for mothers, or null for no mutation. */
  readonly femaleMatrix: Float64Array | null;
  /** True for an X-chromosomal locus (males hemizygous, father to daughters only). */
  readonly xLinked: boolean;
  /** Encoded genotypes, length 2 * pedigree size. */
  readonly genotypes: Int32Array;
  /** Balding–Nichols theta, in [0, 1). */
  readonly theta: number;
  /**
   * Observation factors of degraded samples (see `evidence.ts`): per row, P(E | pat = x, mat = y)
   * at `x·nAlleles + y` (a male at an X locus: P(E | allele = y) at `y`), or null. A row with a
   * factor and genotype -1, -1 is summed over every genotype with the factor as its weight; a row
   * with a factor and a genotype is typed and weighted by the factor. Absent: no factor anywhere.
   */
  readonly observations?: readonly (Float64Array | null)[];
}
