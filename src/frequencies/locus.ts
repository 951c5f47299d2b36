/**
 * A locus as the likelihood engine sees it: allele labels, their frequencies (used exactly as
 * given), chromosome and mutation model.
 *
 * @module
 */
import type { MutationSpec } from '../mutation/types.js';

/**
 * The most alleles a locus may have, wherever it is defined (case file, DVI file, frequency
 * table) and whatever reads it (`validate`, `lr`, `dvi`, `search`, the search index): one limit
 * for all. Real STR loci have well under a hundred.
 */
export const MAX_ALLELES_PER_LOCUS = 4096;

/** Which chromosome a marker is on, as far as inheritance is concerned. */
export type Chromosome = 'autosomal' | 'X';

/** One marker with its allele frequencies and mutation model. */
export interface Locus {
  /** Marker name exactly as the input wrote it. */
  readonly name: string;
  /** Allele labels (`"9"`, `"9.3"`, `"X"`, `">27"`), unique. */
  readonly alleles: readonly string[];
  /** Frequencies in the order of `alleles`, each in (0, 1]. */
  readonly frequencies: readonly number[];
  /** Autosomal (default) or X-chromosomal. */
  readonly chromosome: Chromosome;
  /** Mutation model, or `null` for none. */
  readonly mutation: MutationSpec;
}
