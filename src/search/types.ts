/**
 * The parsed form of a `kindred-dvi/1` document: victims (unidentified remains) against
 * reference families with missing persons.
 *
 * @module
 */
import { KindredError } from '../errors.js';
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

/**
 * A profile of the elimination set (`elimination` of a `kindred-dvi/1` document, docs/dvi.md):
 * someone whose DNA may be on the remains without being a victim — staff, first responders.
 */
export interface EliminationProfile {
  /** The profile id (unique across the document, like victim ids). */
  readonly id: string;
  /** Known sex (needed with X loci). */
  readonly sex?: Sex;
  /** Alleles seen, by locus. */
  readonly genotypes: ReadonlyMap<string, readonly string[]>;
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
  /**
   * The elimination set (docs/dvi.md): profiles every victim is directly compared with (same
   * person against unrelated); they take no part in the joint assignment. Absent: none.
   */
  readonly elimination?: readonly EliminationProfile[];
}

/**
 * Refuse a DVI case with an elimination set in a computation that does not use it (the search
 * index, power, the store's import): its profiles are compared with the remains by direct
 * matching (`computeDVI`, `kindred dvi`), never silently dropped.
 *
 * @param dvi - the case
 * @param reader - what would have ignored it, for the message (e.g. `kindred search`)
 * @throws KindredError `UNSUPPORTED` when `dvi.elimination` is present
 * @example
 * ```ts
 * refuseElimination(parseDVICase(text), 'kindred search'); // throws when text has "elimination"
 * ```
 */
export function refuseElimination(dvi: DVICase, reader: string): void {
  if (dvi.elimination === undefined) return;
  throw new KindredError(
    'UNSUPPORTED',
    `Case "${dvi.id}" has an elimination set (${dvi.elimination.length} profiles: ${dvi.elimination
      .slice(0, 3)
      .map((e) => `"${e.id}"`)
      .join(
        ', ',
      )}${dvi.elimination.length > 3 ? ', …' : ''}), which ${reader} does not use; kindred dvi compares the remains with it (docs/dvi.md)`,
    { path: ['elimination'] },
  );
}
