/**
 * How reliably a sample's alleles were seen (`../shared/spec/degraded-dna.md`): per sample a
 * drop-out probability d (one copy of an allele is not seen) and a drop-in probability c (one
 * foreign allele is seen at a locus), and the reserved label of the silent (null) allele.
 *
 * @module
 */

/** The reserved allele label of a silent (null) allele: listed with a frequency, never observed. */
export const SILENT_ALLELE = 'silent';

/** Drop-out and drop-in of one sample (both in [0, 1); a sample without an entry has 0, 0). */
export interface SampleObservation {
  /** d: probability that one copy of an allele is not seen. */
  readonly dropout: number;
  /** c: probability that one foreign allele is seen at a locus. */
  readonly dropin: number;
}

/** Observations by sample id (person id in a case; victim or family-member id in DVI). */
export type ObservationMap = ReadonlyMap<string, SampleObservation>;

/** True when a sample has drop-out or drop-in (d > 0 or c > 0). */
export function isDegraded(o: SampleObservation | undefined): o is SampleObservation {
  return o !== undefined && (o.dropout > 0 || o.dropin > 0);
}
