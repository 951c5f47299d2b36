/**
 * The global frame of a search index: its loci in order, a flat numbering of every allele of
 * every locus (locus l's alleles are `alleleOffset[l] .. alleleOffset[l+1]-1`), and the shared
 * identity class map used by families whose loci are not lumped.
 *
 * @module
 */
import { KindredError } from '../errors.js';
import type { Locus } from '../frequencies/locus.js';

/** Loci and flat allele numbering shared by every family and candidate of an index. */
export interface IndexLayout {
  readonly loci: readonly Locus[];
  /** Locus index by name. */
  readonly locusIndex: ReadonlyMap<string, number>;
  /** Start of each locus's alleles in the flat numbering; length L + 1. */
  readonly alleleOffset: Int32Array;
  /** Allele label → index within the locus, per locus. */
  readonly alleleIndex: readonly ReadonlyMap<string, number>[];
  /** Identity class map over the flat numbering (every allele its own class). */
  readonly identity: Uint16Array;
}

/**
 * Build the layout of an index over `loci`.
 *
 * @param loci - the locus definitions (unique names)
 * @returns the layout
 * @throws KindredError `INVALID_ARGUMENT` for an empty list, a repeated locus name, or a locus
 *   with more than 65,535 alleles
 * @example
 * ```ts
 * createIndexLayout([locusA3, locusB5]).alleleOffset; // => Int32Array [0, 3, 8]
 * ```
 */
export function createIndexLayout(loci: readonly Locus[]): IndexLayout {
  if (loci.length === 0) {
    throw new KindredError('INVALID_ARGUMENT', 'A search index needs at least one locus', {
      path: ['loci'],
    });
  }
  const locusIndex = new Map<string, number>();
  const alleleOffset = new Int32Array(loci.length + 1);
  const alleleIndex: Map<string, number>[] = [];
  loci.forEach((locus, l) => {
    if (locusIndex.has(locus.name)) {
      throw new KindredError('INVALID_ARGUMENT', `Locus "${locus.name}" is listed twice`, {
        path: ['loci', l, 'name'],
      });
    }
    if (locus.alleles.length > 0xffff) {
      throw new KindredError(
        'INVALID_ARGUMENT',
        `Locus "${locus.name}" has ${locus.alleles.length} alleles; a search index allows 65,535`,
        { path: ['loci', l, 'alleles'] },
      );
    }
    locusIndex.set(locus.name, l);
    alleleOffset[l + 1] = alleleOffset[l]! + locus.alleles.length;
    alleleIndex.push(new Map(locus.alleles.map((a, i) => [a, i])));
  });
  const identity = new Uint16Array(alleleOffset[loci.length]!);
  for (let l = 0; l < loci.length; l++) {
    for (let i = alleleOffset[l]!; i < alleleOffset[l + 1]!; i++)
      identity[i] = i - alleleOffset[l]!;
  }
  return { loci, locusIndex, alleleOffset, alleleIndex, identity };
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
