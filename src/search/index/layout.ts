/**
 * The global frame of a search index: its loci in order and a flat numbering of every unordered
 * genotype of every locus. Locus l with n alleles has n(n+1)/2 genotype *slots*, numbered
 * `slotOffset[l] + hi(hi+1)/2 + lo` for the allele indices lo ≤ hi; a male at an X locus uses
 * the homozygous slot of his allele. Every indexed missing person stores one ln LR per slot.
 *
 * @module
 */
import { KindredError } from '../../errors.js';
import type { Locus } from '../../frequencies/locus.js';
import { MAX_ALLELES_PER_LOCUS } from '../../frequencies/locus.js';

/** Loci and flat genotype-slot numbering shared by every family and candidate of an index. */
export interface IndexLayout {
  readonly loci: readonly Locus[];
  /** Locus index by name. */
  readonly locusIndex: ReadonlyMap<string, number>;
  /** Allele label → index within the locus, per locus. */
  readonly alleleIndex: readonly ReadonlyMap<string, number>[];
  /** First genotype slot of each locus; length L + 1 (the last is the total). */
  readonly slotOffset: Int32Array;
  /** Total number of genotype slots. */
  readonly slots: number;
  /**
   * First derived row of each locus, counted from `slots`; length L + 1. Locus l with n alleles
   * has n + 1 derived rows after the genotype slots, read only by the degraded-locus sum
   * (`linear-rows.ts`): row `slots + derivedOffset[l] + a` is H_a = Σ_x p_x·R_{a,x}, row
   * `slots + derivedOffset[l] + n` is T = Σ_G P(G)·R_G.
   */
  readonly derivedOffset: Int32Array;
  /** Genotype slots plus derived rows: the rows of the linear values of degraded scoring. */
  readonly rows: number;
}

/**
 * Slot of the unordered pair {a, b} within a locus: `hi·(hi+1)/2 + lo`.
 *
 * @param a - an allele (or class) index
 * @param b - another
 * @returns the slot index within the locus
 * @example
 * ```ts
 * genotypeSlot(1, 2); // => 4
 * ```
 */
export function genotypeSlot(a: number, b: number): number {
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  return ((hi * (hi + 1)) >> 1) + lo;
}

/**
 * Build the layout of an index over `loci`.
 *
 * @param loci - the locus definitions (unique names)
 * @returns the layout
 * @throws KindredError `INVALID_ARGUMENT` for an empty list, a repeated locus name, or a locus
 *   with more than `MAX_ALLELES_PER_LOCUS` (4,096) alleles
 * @example
 * ```ts
 * createIndexLayout([locusWith3Alleles, locusWith5Alleles]).slotOffset; // => Int32Array [0, 6, 21]
 * ```
 */
export function createIndexLayout(loci: readonly Locus[]): IndexLayout {
  if (loci.length === 0) {
    throw new KindredError('INVALID_ARGUMENT', 'A search index needs at least one locus', {
      path: ['loci'],
    });
  }
  const locusIndex = new Map<string, number>();
  const slotOffset = new Int32Array(loci.length + 1);
  const alleleIndex: Map<string, number>[] = [];
  loci.forEach((locus, l) => {
    if (locusIndex.has(locus.name)) {
      throw new KindredError('INVALID_ARGUMENT', `Locus "${locus.name}" is listed twice`, {
        path: ['loci', l, 'name'],
      });
    }
    const n = locus.alleles.length;
    if (n > MAX_ALLELES_PER_LOCUS) {
      throw new KindredError(
        'INVALID_ARGUMENT',
        `Locus "${locus.name}" has ${n} alleles; at most ${MAX_ALLELES_PER_LOCUS} are allowed`,
        { path: ['loci', l, 'alleles'] },
      );
    }
    locusIndex.set(locus.name, l);
    slotOffset[l + 1] = slotOffset[l]! + (n * (n + 1)) / 2;
    alleleIndex.push(new Map(locus.alleles.map((a, i) => [a, i])));
  });
  const derivedOffset = new Int32Array(loci.length + 1);
  loci.forEach((locus, l) => {
    derivedOffset[l + 1] = derivedOffset[l]! + locus.alleles.length + 1;
  });
  const slots = slotOffset[loci.length]!;
  return {
    loci,
    locusIndex,
    alleleIndex,
    slotOffset,
    slots,
    derivedOffset,
    rows: slots + derivedOffset[loci.length]!,
  };
}

/**
 * True when two layouts have the same loci (names, alleles, frequencies, chromosome, mutation).
 *
 * @param a - a layout
 * @param b - another layout
 * @returns whether an index built on one can be used with the other
 * @example
 * ```ts
 * sameLayout(createIndexLayout(loci), createIndexLayout(loci)); // => true
 * ```
 */
export function sameLayout(a: IndexLayout, b: IndexLayout): boolean {
  if (a.loci.length !== b.loci.length) return false;
  return a.loci.every((l, i) => JSON.stringify(l) === JSON.stringify(b.loci[i]));
}
