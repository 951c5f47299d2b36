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
   * Tables already computed by this index, reused for a missing person whose pedigree
   * structure, row and relatives' genotypes at a locus are those of an earlier one (same
   * options): identical inputs, identical table.
   */
  readonly tables?: LocusTableCache;
  /**
   * Drop-out and drop-in of the family's samples (degraded-dna.md), by person id: the tables
   * include their observation factors. Samples without an entry are pristine.
   */
  readonly observation?: ObservationMap | undefined;
}

/** Most tables kept per locus by a {@link LocusTableCache} (then it starts again). */
const MAX_CACHED_TABLES_PER_LOCUS = 1024;

/**
 * Locus tables by locus and input (pedigree structure, missing row, genotype labels per row),
 * for one index (one set of loci and options).
 */
export class LocusTableCache {
  readonly #byLocus: Map<string, LocusTable>[] = [];

  /** The table of locus `l` for `key`, computing and keeping it when absent. */
  get(l: number, key: string, build: () => LocusTable): LocusTable {
    let m = this.#byLocus[l];
    if (m === undefined) {
      m = new Map();
      this.#byLocus[l] = m;
    }
    let t = m.get(key);
    if (t === undefined) {
      t = build();
      if (m.size >= MAX_CACHED_TABLES_PER_LOCUS) m.clear();
      m.set(key, t);
    }
    return t;
  }
}

/** The fields of a {@link Family} that the cache key covers (structure and genotypes). */
const _KEYED_FIELDS = new Set(['name', 'pedigree', 'records', 'missing', 'genotypes']);

/**
 * Pedigree structure (parents, sexes, sameAs) as a string; null (no caching) for a family
 * with any field the key does not cover, so evidence added to families later (observations,
 * say) is never answered from a table computed without it.
 */
function _structure(family: Family): string | null {
  for (const k of Object.keys(family)) if (!_KEYED_FIELDS.has(k)) return null;
  const p = family.pedigree;
  return `${p.father.join(',')}/${p.mother.join(',')}/${p.sex.join('')}/${p.sameAs.join(',')}`;
}

/** Allele indices of every row's genotype at locus l ('-' for untyped rows), as a string. */
function _typing(family: Family, layout: IndexLayout, l: number): string {
  const name = layout.loci[l]!.name;
  const index = layout.alleleIndex[l]!;
  let out = '';
  for (const id of family.pedigree.ids) {
    const g = family.genotypes.get(id)?.get(name);
    if (g === undefined) out += '-;';
    else {
      for (const a of g) out += `${index.get(a)},`;
      out += ';';
    }
  }
  return out;
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
  // Samples with an observation (drop-out, drop-in) are not in the cache key: no caching then.
  const observed =
    options.observation !== undefined &&
    family.pedigree.ids.some((id) => options.observation!.has(id));
  const structure = options.tables !== undefined && !observed ? _structure(family) : null;
  const typing = structure !== null ? layout.loci.map((_, l) => _typing(family, layout, l)) : [];
  return family.missing.map((id, k) => {
    const row = family.pedigree.index.get(id);
    if (row === undefined) {
      throw new KindredError(
        'INVALID_CASE',
        `Family "${family.name}" lists missing person "${id}", who is not in its pedigree`,
        { path: ['families', family.name, 'missing', k] },
      );
    }
    // Every input here that varies between families of one index must be in the cache key
    // below (structure, row, genotypes at the locus) or turn caching off (observation); theta,
    // lumping, consistency and budget are the index's.
    const build = (locus: (typeof layout.loci)[number]): LocusTable =>
      buildLocusTable({
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
      });
    const cache = options.tables;
    const tables: LocusTable[] = layout.loci.map((locus, l) =>
      cache === undefined || structure === null
        ? build(locus)
        : cache.get(l, `${structure}#${row}#${typing[l]}`, () => build(locus)),
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
 * Spread per-locus class tables over every genotype slot of the layout.
 *
 * @param family - family name
 * @param missing - missing person id
 * @param sex - the missing person's sex
 * @param tables - one table per locus of `layout`
 * @param layout - the index's loci
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
): PackedEntry {
  const L = layout.loci.length;
  const classes = new Uint16Array(L);
  const informative = new Uint8Array(L);
  const logLR = new Float64Array(layout.slots);
  const withBits = tables.every((t) => t.consistent !== null);
  const consistent = withBits ? new Uint8Array((layout.slots + 7) >> 3) : null;
  tables.forEach((t, l) => {
    classes[l] = t.classes;
    informative[l] = t.informative ? 1 : 0;
    const n = layout.loci[l]!.alleles.length;
    let s = layout.slotOffset[l]!;
    for (let hi = 0; hi < n; hi++) {
      for (let lo = 0; lo <= hi; lo++, s++) {
        const k = genotypeSlot(t.classOf[lo]!, t.classOf[hi]!);
        logLR[s] = t.logLR[k]!;
        if (consistent !== null && t.consistent![k]) consistent[s >> 3]! |= 1 << (s & 7);
      }
    }
  });
  return { family, missing, sex, classes, informative, consistent, logLR };
}

/** Bytes of typed arrays an entry keeps besides its store column (bits, flags, classes). */
export function entryBytes(entry: IndexEntry): number {
  return (
    (entry.consistent?.byteLength ?? 0) + entry.informative.byteLength + entry.classes.byteLength
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
