/**
 * The parsed form of a `kindred-dvi/1` document: victims (unidentified remains) against
 * reference families with missing persons.
 *
 * @module
 */
import type { Locus } from '../frequencies/locus.js';
import type { Pedigree, PedigreeRecord, Sex } from '../pedigree/pedigree.js';
import type { ObservationMap } from '../profile/observation.js';
import type { GenotypeMap } from '../relationships/types.js';

/** One reference family. */
export interface Family {
  readonly name: string;
  readonly pedigree: Pedigree;
  readonly records: readonly PedigreeRecord[];
  /** Ids of the missing persons (untyped members of `pedigree`). */
  readonly missing: readonly string[];
  /** Genotypes of the typed relatives. */
  readonly genotypes: GenotypeMap;
}

/** A validated `kindred-dvi/1` document. */
export interface DVICase {
  readonly format: 'kindred-dvi/1';
  readonly id: string;
  readonly description?: string;
  readonly theta: number;
  readonly loci: readonly Locus[];
  /** Victim genotypes by victim id, then locus. */
  readonly victims: GenotypeMap;
  /** Known victim sexes. */
  readonly victimSex: ReadonlyMap<string, Sex>;
  readonly families: readonly Family[];
  /**
   * Drop-out and drop-in per victim and typed family member (degraded-dna.md); a victim's entry
   * travels with its profile wherever it is placed. Absent: every sample is a hard genotype.
   */
  readonly observation?: ObservationMap;
}
