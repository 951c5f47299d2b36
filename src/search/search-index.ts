/**
 * The missing-persons search index: reference families (each missing person's exact per-locus LR
 * tables, see `index-locus-table.ts`) and unidentified remains (encoded profiles), both added and
 * removed incrementally. Scoring one remains against every indexed missing person is a sum of
 * table lookups per family (`scoring.ts`); ranking lives in `rank.ts`, saving in `index-file.ts`.
 *
 * @module
 */
import { KindredError } from '../errors.js';
import type { Locus } from '../frequencies/locus.js';
import type { ComputeBudget } from '../likelihood/eliminate.js';
import type { Sex } from '../pedigree/pedigree.js';
import { type Candidate, type CandidateUnseenPolicy, encodeCandidate } from './index-candidate.js';
import { entryBytes, type IndexEntry, indexFamily } from './index-family.js';
import { createIndexLayout, type IndexLayout } from './index-layout.js';
import { scoreEntries } from './scoring.js';
import type { DVICase, Family } from './types.js';

/** Options of a {@link SearchIndex}. */
export interface SearchIndexOptions {
  /** Balding–Nichols theta in [0, 1) (default 0; > 0 makes indexing much slower, still exact). */
  readonly theta?: number;
  /** Lump alleles no relative carries where exact (default true; results are identical). */
  readonly lump?: boolean;
  /** Candidate alleles missing from the locus definitions: refuse (default) or skip the locus. */
  readonly unseen?: CandidateUnseenPolicy;
  /** Compute budget for each family's exact computation. */
  readonly budget?: ComputeBudget;
}

/**
 * An incremental index of families and remains over fixed loci.
 *
 * @example
 * ```ts
 * const index = SearchIndex.fromDVICase(parseDVICase(text));
 * index.score('V1')[0] / Math.LN10; // => log10 LR of V1 against the first missing person
 * ```
 */
export class SearchIndex {
  /** Loci and allele numbering. */
  readonly layout: IndexLayout;
  /** Balding–Nichols theta used for every family. */
  readonly theta: number;
  /** Whether lumping is allowed. */
  readonly lump: boolean;
  /** Unseen-allele policy for remains. */
  readonly unseen: CandidateUnseenPolicy;
  readonly #budget: ComputeBudget | undefined;
  readonly #families = new Map<string, readonly IndexEntry[]>();
  readonly #entries: IndexEntry[] = [];
  readonly #entryPos = new Map<IndexEntry, number>();
  readonly #remains = new Map<string, Candidate>();

  /**
   * @param loci - the locus definitions every family and remains is compared on
   * @param options - theta, lumping, unseen-allele policy, compute budget
   * @throws KindredError `INVALID_ARGUMENT` for no loci, repeated names or theta outside [0, 1)
   */
  constructor(loci: readonly Locus[], options: SearchIndexOptions = {}) {
    const theta = options.theta ?? 0;
    if (!(theta >= 0 && theta < 1)) {
      throw new KindredError('INVALID_ARGUMENT', `theta must be in [0, 1), got ${theta}`, {
        path: ['theta'],
      });
    }
    this.layout = createIndexLayout(loci);
    this.theta = theta;
    this.lump = options.lump ?? true;
    this.unseen = options.unseen ?? 'error';
    this.#budget = options.budget;
  }

  /**
   * Index every family and victim of a DVI case (theta from the case).
   *
   * @param dvi - a validated `kindred-dvi/1` case
   * @param options - lumping, unseen-allele policy, budget (theta is the case's)
   * @returns the filled index
   * @throws KindredError as {@link SearchIndex.addFamily} and {@link SearchIndex.addRemains}
   */
  static fromDVICase(dvi: DVICase, options: Omit<SearchIndexOptions, 'theta'> = {}): SearchIndex {
    const index = new SearchIndex(dvi.loci, { ...options, theta: dvi.theta });
    for (const family of dvi.families) index.addFamily(family);
    for (const [id, genotypes] of dvi.victims)
      index.addRemains(id, genotypes, dvi.victimSex.get(id));
    return index;
  }

  /**
   * Index a family (all its missing persons). Other families are untouched.
   *
   * @param family - a validated family
   * @returns its entries
   * @throws KindredError `INVALID_ARGUMENT` when a family of that name is indexed already; see
   *   `indexFamily` for the others
   */
  addFamily(family: Family): readonly IndexEntry[] {
    if (this.#families.has(family.name)) {
      throw new KindredError(
        'INVALID_ARGUMENT',
        `Family "${family.name}" is already in the index; remove it first`,
        { path: ['families', family.name] },
      );
    }
    const entries = indexFamily(family, this.layout, {
      theta: this.theta,
      lump: this.lump,
      ...(this.#budget !== undefined ? { budget: this.#budget } : {}),
    });
    this.insertEntries(family.name, entries);
    return entries;
  }

  /**
   * Add prebuilt entries of a family (used when loading a saved index).
   *
   * @param name - family name (not yet indexed)
   * @param entries - its entries, built on this index's layout
   * @throws KindredError `INVALID_ARGUMENT` when the name is taken
   */
  insertEntries(name: string, entries: readonly IndexEntry[]): void {
    if (this.#families.has(name)) {
      throw new KindredError('INVALID_ARGUMENT', `Family "${name}" is already in the index`, {
        path: ['families', name],
      });
    }
    this.#families.set(name, entries);
    for (const e of entries) {
      this.#entryPos.set(e, this.#entries.length);
      this.#entries.push(e);
    }
  }

  /**
   * Remove a family and its entries (swap-remove: other entries may change position).
   *
   * @param name - family name
   * @returns true when it was indexed
   */
  removeFamily(name: string): boolean {
    const entries = this.#families.get(name);
    if (entries === undefined) return false;
    this.#families.delete(name);
    for (const e of entries) {
      const pos = this.#entryPos.get(e)!;
      const last = this.#entries.pop()!;
      if (last !== e) {
        this.#entries[pos] = last;
        this.#entryPos.set(last, pos);
      }
      this.#entryPos.delete(e);
    }
    return true;
  }

  /**
   * Add an unidentified remains profile (encoded once against the index loci).
   *
   * @param id - unique remains id
   * @param genotypes - locus name → allele labels
   * @param sex - known sex, if any
   * @returns the encoded candidate
   * @throws KindredError `INVALID_ARGUMENT` for a repeated id; see `encodeCandidate` for the rest
   */
  addRemains(
    id: string,
    genotypes: ReadonlyMap<string, readonly string[]>,
    sex?: Sex | undefined,
  ): Candidate {
    if (this.#remains.has(id)) {
      throw new KindredError('INVALID_ARGUMENT', `Remains "${id}" is already in the index`, {
        path: ['victims', id],
      });
    }
    const c = this.encode(id, genotypes, sex);
    this.#remains.set(id, c);
    return c;
  }

  /** Remove a remains profile; true when it was there. */
  removeRemains(id: string): boolean {
    return this.#remains.delete(id);
  }

  /**
   * Encode a profile against the index loci without adding it.
   *
   * @throws KindredError `UNSEEN_ALLELE`, `UNKNOWN_MARKER`, `INVALID_GENOTYPE` (see `encodeCandidate`)
   */
  encode(
    id: string,
    genotypes: ReadonlyMap<string, readonly string[]>,
    sex?: Sex | undefined,
  ): Candidate {
    return encodeCandidate(id, genotypes, this.layout, { sex, unseen: this.unseen });
  }

  /** Every indexed missing person (dense array; order changes on removal). */
  get entries(): readonly IndexEntry[] {
    return this.#entries;
  }

  /** Every remains profile, in insertion order. */
  get remains(): readonly Candidate[] {
    return [...this.#remains.values()];
  }

  /** Names of the indexed families, in insertion order. */
  familyNames(): string[] {
    return [...this.#families.keys()];
  }

  /** The entries of one family, or undefined. */
  family(name: string): readonly IndexEntry[] | undefined {
    return this.#families.get(name);
  }

  /** One remains profile, or undefined. */
  getRemains(id: string): Candidate | undefined {
    return this.#remains.get(id);
  }

  /**
   * ln LR of a candidate (or an indexed remains, by id) against every entry, in `entries` order.
   *
   * @throws KindredError `INVALID_ARGUMENT` for an unknown remains id
   */
  score(candidate: Candidate | string, out?: Float64Array): Float64Array {
    const c = typeof candidate === 'string' ? this.#requireRemains(candidate) : candidate;
    return scoreEntries(c, this.#entries, out);
  }

  /** Bytes of typed arrays held by the entries (shared identity class maps counted once). */
  memoryBytes(): number {
    let total = this.layout.identity.byteLength;
    for (const e of this.#entries) total += entryBytes(e, this.layout);
    return total;
  }

  #requireRemains(id: string): Candidate {
    const c = this.#remains.get(id);
    if (c === undefined) {
      throw new KindredError('INVALID_ARGUMENT', `Remains "${id}" is not in the index`, {
        path: ['victims', id],
      });
    }
    return c;
  }
}
