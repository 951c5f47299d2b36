/**
 * The parsed form of a `kindred-case/1` document: one kinship question with competing
 * hypotheses (pedigrees) over the same typed people.
 *
 * @module
 */
import type { Locus } from '../frequencies/locus.js';
import type { Pedigree, PedigreeRecord } from '../pedigree/pedigree.js';

import type { GenotypeMap } from '../profile/genotype-map.js';
import type { ObservationMap } from '../profile/observation.js';

export type { GenotypeMap } from '../profile/genotype-map.js';

/** One named hypothesis: a pedigree. */
export interface Hypothesis {
  /** Name exactly as in the case. */
  readonly name: string;
  /** The validated pedigree. */
  readonly pedigree: Pedigree;
  /** The rows as written (for formatting back). */
  readonly records: readonly PedigreeRecord[];
}

/** A validated `kindred-case/1` document. */
export interface KinshipCase {
  readonly format: 'kindred-case/1';
  readonly id: string;
  readonly description?: string;
  /** Balding–Nichols theta in [0, 1). */
  readonly theta: number;
  readonly loci: readonly Locus[];
  readonly hypotheses: readonly Hypothesis[];
  /** Name of the reference hypothesis (the LR denominator). */
  readonly reference: string;
  readonly genotypes: GenotypeMap;
  /**
   * Drop-out and drop-in per typed person (degraded-dna.md); people without an entry have
   * d = c = 0. Absent: every sample is a hard genotype.
   */
  readonly observation?: ObservationMap;
}
