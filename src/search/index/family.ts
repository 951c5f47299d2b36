/**
 * Index one reference family: for each of its missing persons, the per-locus LR tables of
 * `locus-table.ts` (by allele class) spread over every genotype slot of the layout, as one
 * flat ln LR array (a {@link PackedEntry}) that the index moves into its genotype-major score
 * store, plus one consistency bit per slot and an "informative" flag per locus.
 *
 * @module
 */
import { KindredError } from '../../errors.js';
import type { ComputeBudget } from '../../likelihood/eliminate.js';
import { MALE, type Sex } from '../../pedigree/pedigree.js';
import { type ObservationMap, SILENT_ALLELE } from '../../profile/observation.js';
import type { Family } from '../types.js';
import { genotypeSlot, type IndexLayout } from './layout.js';
import { buildLocusTable, type LocusTable } from './locus-table.js';

/** An indexed missing person: identity and per-slot metadata (its LRs live in the store). */
export interface IndexEntry {
  readonly family: string;
  readonly missing: string;
  readonly sex: Sex;
  /**
   * Bit s set when genotype slot s is consistent with the family without mutation; null when
   * the index was built without the consistency pass (`SearchIndexOptions.consistency`).
   */
  readonly consistent: Uint8Array | null;
  /** 1 when the family has a typed relative (or a direct reference) at the locus. */
  readonly informative: Uint8Array;
  /**
   * 1 when the family's side was treated as degraded at the locus (degraded-dna.md: a relative
   * or direct reference with drop-out or drop-in typed there, or a silent allele in the table):
   * the entry's LRs there include observation factors.
   */
  readonly referenceDegraded: Uint8Array;
  /** Allele classes the locus tables were computed with (the allele count when not lumped). */
  readonly classes: Uint16Array;
}

/** An entry with its ln LR per genotype slot of the layout, before it goes into the store. */
export interface PackedEntry extends IndexEntry {
  /** ln LR per genotype slot (length `layout.slots`). */
  readonly logLR: Float64Array;
}

/** Options for {@link indexFamily}. */
export interface IndexFamilyOptions {
  /** Balding–Nichols theta (default 0). */
  readonly theta?: number;
  /** Lump alleles where exact (default true). */
  readonly lump?: boolean;
  /** Compute the consistency bits (default false: {@link IndexEntry.consistent} is null). */
  readonly consistency?: boolean;
  readonly budget?: ComputeBudget;
  /**
   * Drop-out and drop-in of the family's samples (degraded-dna.md), by person id: the tables
   * include their observation factors. Samples without an entry are pristine.
   */
  readonly observation?: ObservationMap | undefined;
  /**
   * Space for the entries' ln LR columns, reused from call to call (columns[k] for the k-th
   * missing person, added when absent): the entries' `logLR` are then views of it, valid until
   * the next call with the same space (the index copies them into its store at once). Default:
   * new arrays.
   */
  readonly columns?: Float64Array[];
}

/**
 * Build the entries of every missing person of `family` (exact LRs, see `locus-table.ts`).
 *
 * @param family - a validated family (as in a `DVICase`)
 * @param layout - the index's loci
 * @param options - theta, lumping, compute budget, the samples' drop-out and drop-in
 * @returns one entry per missing person, in the family's `missing` order
 * @throws KindredError `INVALID_GENOTYPE` for a genotype at a locus or with an allele the index
 *   does not define, or with the silent allele (never observed); `INVALID_CASE` for a missing person not in the pedigree;
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
): PackedEntry[] {
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
    const column = _column(options.columns, k, layout.slots);
    const off = layout.slotOffset;
    const tables: LocusTable[] = layout.loci.map((locus, l) =>
      buildLocusTable({
        // An unlumped table is written straight into its slot run of the column.
        out: column.subarray(off[l]!, off[l + 1]!),
        family: family.name,
        pedigree: family.pedigree,
        row,
        locus,
        genotypes: family.genotypes,
        theta: options.theta ?? 0,
        ...(options.lump !== undefined ? { lump: options.lump } : {}),
        ...(options.consistency === true ? { consistency: true } : {}),
        ...(options.budget !== undefined ? { budget: options.budget } : {}),
        ...(options.observation !== undefined ? { observation: options.observation } : {}),
      }),
    );
    return packEntry(
      family.name,
      id,
      family.pedigree.sex[row] === MALE ? 'male' : 'female',
      tables,
      layout,
      column,
    );
  });
}

/** Column k of the reusable space, or a new array when there is none. */
function _column(columns: Float64Array[] | undefined, k: number, slots: number): Float64Array {
  if (columns === undefined) return new Float64Array(slots);
  let c = columns[k];
  if (c === undefined || c.length !== slots) {
    c = new Float64Array(slots);
    columns[k] = c;
  }
  return c;
}

/**
 * Spread per-locus class tables over every genotype slot of the layout.
 *
 * @param family - family name
 * @param missing - missing person id
 * @param sex - the missing person's sex
 * @param tables - one table per locus of `layout`
 * @param layout - the index's loci
 * @param logLR - where the ln LRs go (length `layout.slots`; every slot is written)
 * @returns the packed entry
 * @example
 * ```ts
 * packEntry('F1', 'M1', 'male', tables, layout).logLR.length; // => layout.slots
 * ```
 */
export function packEntry(
  family: string,
  missing: string,
  sex: Sex,
  tables: readonly LocusTable[],
  layout: IndexLayout,
  logLR: Float64Array = new Float64Array(layout.slots),
): PackedEntry {
  const L = layout.loci.length;
  const classes = new Uint16Array(L);
  const informative = new Uint8Array(L);
  const referenceDegraded = new Uint8Array(L);
  const withBits = tables.every((t) => t.consistent !== null);
  const consistent = withBits ? new Uint8Array((layout.slots + 7) >> 3) : null;
  tables.forEach((t, l) => {
    classes[l] = t.classes;
    informative[l] = t.informative ? 1 : 0;
    referenceDegraded[l] = t.degraded ? 1 : 0;
    const n = layout.loci[l]!.alleles.length;
    let s = layout.slotOffset[l]!;
    if (consistent === null && !t.lumped && t.classes === n) {
      // One class per allele (classOf is the identity): the table is the locus's slot run
      // (and may already be written there: see LocusTableInput.out).
      const there =
        t.logLR.buffer === logLR.buffer && t.logLR.byteOffset === logLR.byteOffset + 8 * s;
      if (!there) logLR.set(t.logLR, s);
      return;
    }
    for (let hi = 0; hi < n; hi++) {
      for (let lo = 0; lo <= hi; lo++, s++) {
        const k = genotypeSlot(t.classOf[lo]!, t.classOf[hi]!);
        logLR[s] = t.logLR[k]!;
        if (consistent !== null && t.consistent![k]) consistent[s >> 3]! |= 1 << (s & 7);
      }
    }
  });
  return { family, missing, sex, classes, informative, referenceDegraded, consistent, logLR };
}

/** Bytes of typed arrays an entry keeps besides its store column (bits, flags, classes). */
export function entryBytes(entry: IndexEntry): number {
  return (
    (entry.consistent?.byteLength ?? 0) +
    entry.informative.byteLength +
    entry.referenceDegraded.byteLength +
    entry.classes.byteLength
  );
}

function _checkGenotypes(family: Family, layout: IndexLayout): void {
  const members = new Set(family.pedigree.ids);
  for (const [id, byLocus] of family.genotypes) {
    if (!members.has(id)) {
      // a genotype nobody in the pedigree carries would be evidence silently left out
      throw new KindredError(
        'INVALID_GENOTYPE',
        `Family "${family.name}" has a genotype for "${id}", who is not in its pedigree`,
        { path: ['families', family.name, 'genotypes', id] },
      );
    }
    for (const [name, alleles] of byLocus) {
      const l = layout.locusIndex.get(name);
      const path = ['families', family.name, 'genotypes', id, name];
      if (alleles.length < 1 || alleles.length > 2) {
        throw new KindredError(
          'INVALID_GENOTYPE',
          `Person "${id}" of family "${family.name}" has ${alleles.length} alleles at locus "${name}"; expected one or two`,
          { path },
        );
      }
      if (l === undefined) {
        throw new KindredError(
          'INVALID_GENOTYPE',
          `Person "${id}" of family "${family.name}" is typed at locus "${name}", which the search index does not define`,
          { path },
        );
      }
      alleles.forEach((a, k) => {
        if (a === SILENT_ALLELE) {
          throw new KindredError(
            'INVALID_GENOTYPE',
            `Person "${id}" of family "${family.name}" has the silent allele "${a}" at locus "${name}"; a silent allele is never observed (degraded-dna.md)`,
            { path: [...path, k] },
          );
        }
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
