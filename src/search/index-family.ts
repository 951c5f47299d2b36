/**
 * Index one reference family: for each of its missing persons, the per-locus LR tables of
 * `index-locus-table.ts` packed into a few flat typed arrays (an {@link IndexEntry}) that the
 * scorer reads with one lookup per locus.
 *
 * Entry layout: `classMap[alleleOffset[l] + a]` is the class of allele a at locus l (shared
 * identity map when no locus is lumped); the ln LR of the class pair {c1, c2} is
 * `logLR[tableOffset[l] + hi(hi+1)/2 + lo]`; `consistent` holds one bit per `logLR` slot.
 *
 * @module
 */
import { KindredError } from '../errors.js';
import type { ComputeBudget } from '../likelihood/eliminate.js';
import { MALE, type Sex } from '../pedigree/pedigree.js';
import type { IndexLayout } from './index-layout.js';
import { buildLocusTable, type LocusTable } from './index-locus-table.js';
import type { Family } from './types.js';

/** The packed LR tables of one missing person of one family. */
export interface IndexEntry {
  readonly family: string;
  readonly missing: string;
  readonly sex: Sex;
  /** Class of each allele in the flat numbering of the layout. */
  readonly classMap: Uint16Array;
  /** Number of classes per locus. */
  readonly classes: Uint16Array;
  /** Start of each locus's table in `logLR`; length L + 1. */
  readonly tableOffset: Int32Array;
  /** ln LR per (locus, class pair). */
  readonly logLR: Float64Array;
  /** Bit s set when slot s of `logLR` is consistent with the family without mutation. */
  readonly consistent: Uint8Array;
  /** 1 when the family has a typed relative (or direct reference) at the locus. */
  readonly informative: Uint8Array;
}

/** Options for {@link indexFamily}. */
export interface IndexFamilyOptions {
  /** Balding–Nichols theta (default 0). */
  readonly theta?: number;
  /** Lump alleles where exact (default true). */
  readonly lump?: boolean;
  readonly budget?: ComputeBudget;
}

/**
 * Build the entries of every missing person of `family` (exact LRs, see `index-locus-table.ts`).
 *
 * @param family - a validated family (as in a `DVICase`)
 * @param layout - the index's loci
 * @param options - theta, lumping, compute budget
 * @returns one entry per missing person, in the family's `missing` order
 * @throws KindredError `INVALID_GENOTYPE` for a genotype at a locus or with an allele the index
 *   does not define; `INVALID_CASE` for a missing person not in the pedigree;
 *   `IMPOSSIBLE_REFERENCE` when the family's data have likelihood 0 at a locus; `TOO_COMPLEX`
 * @example
 * ```ts
 * indexFamily(dvi.families[0], createIndexLayout(dvi.loci)).map((e) => e.missing); // => ['M1']
 * ```
 */
export function indexFamily(
  family: Family,
  layout: IndexLayout,
  options: IndexFamilyOptions = {},
): IndexEntry[] {
  _checkGenotypes(family, layout);
  return family.missing.map((id, k) => {
    const row = family.pedigree.index.get(id);
    if (row === undefined) {
      throw new KindredError(
        'INVALID_CASE',
        `Family "${family.name}" lists missing person "${id}", who is not in its pedigree`,
        { path: ['families', family.name, 'missing', k] },
      );
    }
    const tables: LocusTable[] = layout.loci.map((locus) =>
      buildLocusTable({
        family: family.name,
        pedigree: family.pedigree,
        row,
        locus,
        genotypes: family.genotypes,
        theta: options.theta ?? 0,
        ...(options.lump !== undefined ? { lump: options.lump } : {}),
        ...(options.budget !== undefined ? { budget: options.budget } : {}),
      }),
    );
    return packEntry(
      family.name,
      id,
      family.pedigree.sex[row] === MALE ? 'male' : 'female',
      tables,
      layout,
    );
  });
}

/**
 * Pack per-locus tables into one {@link IndexEntry}.
 *
 * @param family - family name
 * @param missing - missing person id
 * @param sex - the missing person's sex
 * @param tables - one table per locus of `layout`
 * @param layout - the index's loci
 * @returns the entry
 * @example
 * ```ts
 * packEntry('F1', 'M1', 'male', tables, layout).tableOffset.length; // => layout.loci.length + 1
 * ```
 */
export function packEntry(
  family: string,
  missing: string,
  sex: Sex,
  tables: readonly LocusTable[],
  layout: IndexLayout,
): IndexEntry {
  const L = layout.loci.length;
  const tableOffset = new Int32Array(L + 1);
  const classes = new Uint16Array(L);
  const informative = new Uint8Array(L);
  let identity = true;
  tables.forEach((t, l) => {
    tableOffset[l + 1] = tableOffset[l]! + t.logLR.length;
    classes[l] = t.classes;
    informative[l] = t.informative ? 1 : 0;
    if (t.classes !== t.classOf.length || t.classOf.some((c, i) => c !== i)) identity = false;
  });
  const classMap = identity ? layout.identity : new Uint16Array(layout.identity.length);
  const logLR = new Float64Array(tableOffset[L]!);
  const consistent = new Uint8Array((tableOffset[L]! + 7) >> 3);
  tables.forEach((t, l) => {
    if (!identity) classMap.set(t.classOf, layout.alleleOffset[l]!);
    const off = tableOffset[l]!;
    logLR.set(t.logLR, off);
    for (let s = 0; s < t.consistent.length; s++) {
      if (t.consistent[s]) consistent[(off + s) >> 3]! |= 1 << ((off + s) & 7);
    }
  });
  return { family, missing, sex, classMap, classes, tableOffset, logLR, consistent, informative };
}

/** Bytes of typed-array storage an entry owns (the shared identity class map not counted). */
export function entryBytes(entry: IndexEntry, layout: IndexLayout): number {
  const own = entry.classMap === layout.identity ? 0 : entry.classMap.byteLength;
  return (
    own +
    entry.classes.byteLength +
    entry.tableOffset.byteLength +
    entry.logLR.byteLength +
    entry.consistent.byteLength +
    entry.informative.byteLength
  );
}

function _checkGenotypes(family: Family, layout: IndexLayout): void {
  for (const [id, byLocus] of family.genotypes) {
    for (const [name, alleles] of byLocus) {
      const l = layout.locusIndex.get(name);
      const path = ['families', family.name, 'genotypes', id, name];
      if (l === undefined) {
        throw new KindredError(
          'INVALID_GENOTYPE',
          `Person "${id}" of family "${family.name}" is typed at locus "${name}", which the search index does not define`,
          { path },
        );
      }
      alleles.forEach((a, k) => {
        if (!layout.alleleIndex[l]!.has(a)) {
          throw new KindredError(
            'INVALID_GENOTYPE',
            `Person "${id}" of family "${family.name}" has allele "${a}" at locus "${name}", which is not in the locus definition`,
            { path: [...path, k] },
          );
        }
      });
    }
  }
}
