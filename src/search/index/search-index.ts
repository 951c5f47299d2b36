/**
 * The missing-persons search index: reference families (each missing person's exact ln LR for
 * every genotype of every locus, see `locus-table.ts`, kept genotype-major in a
 * {@link ScoreStore}) and unidentified remains (encoded profiles), both added and removed
 * incrementally. Scoring one remains against every indexed missing person streams one run of
 * values per typed locus (`scoring.ts`); ranking lives in `rank.ts`, saving in `index-file.ts`.
 *
 * @module
 */

import { KindredError } from '../../errors.js';
import type { Locus } from '../../frequencies/locus.js';
import type { ComputeBudget } from '../../likelihood/eliminate.js';
import { type PreparedLocus, prepareLocus } from '../../likelihood/prepare-locus.js';
import type { Sex } from '../../pedigree/pedigree.js';
import {
  isDegraded,
  type ObservationMap,
  type SampleObservation,
  SILENT_ALLELE,
} from '../../profile/observation.js';
import { checkDVICaseBudget, prepareDVILoci } from '../case-budget.js';
import { type DVICase, type Family, refuseElimination } from '../types.js';
import { type Candidate, type CandidateUnseenPolicy, encodeCandidate } from './candidate.js';
import { entryBytes, type IndexEntry, indexFamily, type PackedEntry } from './family.js';
import { createIndexLayout, type IndexLayout } from './layout.js';
import { ScoreStore } from './score-store.js';
import { type LocusScore, scoreCandidate, scoreLoci, scorePair } from './scoring.js';

/** Options of a {@link SearchIndex}. */
export interface SearchIndexOptions {
  /** Balding–Nichols theta in [0, 1) (default 0; > 0 makes indexing much slower, still exact). */
  readonly theta?: number;
  /** Lump alleles no relative carries where exact (default true; results are identical). */
  readonly lump?: boolean;
  /** Candidate alleles missing from the locus definitions: refuse (default) or skip the locus. */
  readonly unseen?: CandidateUnseenPolicy;
  /**
   * Also compute, per genotype slot, whether it is consistent with the family without mutation
   * (`SearchHit.lociInconsistent`, `LocusHit.consistent`; default false: those are null). With
   * mutation it costs a second elimination per family and locus.
   */
  readonly consistency?: boolean;
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
  /** Whether entries carry consistency bits (see {@link SearchIndexOptions.consistency}). */
  readonly consistency: boolean;
  readonly #budget: ComputeBudget | undefined;
  readonly #families = new Map<string, readonly IndexEntry[]>();
  readonly #entries: IndexEntry[] = [];
  #store: ScoreStore;
  readonly #entryPos = new Map<IndexEntry, number>();
  readonly #remains = new Map<string, Candidate>();
  /** Reused space for a family's columns before they go into the store (`indexFamily`). */
  readonly #columns: Float64Array[] = [];

  /**
   * @param loci - the locus definitions every family and remains is compared on
   * @param options - theta, lumping, unseen-allele policy, compute budget
   * @throws KindredError `INVALID_ARGUMENT` for no loci, repeated names or theta outside [0, 1);
   *   `UNSUPPORTED` for a locus with a silent allele when theta > 0
   */
  constructor(loci: readonly Locus[], options: SearchIndexOptions = {}) {
    const theta = options.theta ?? 0;
    if (!(theta >= 0 && theta < 1)) {
      throw new KindredError('INVALID_ARGUMENT', `theta must be in [0, 1), got ${theta}`, {
        path: ['theta'],
      });
    }
    this.layout = createIndexLayout(loci);
    if (theta > 0) {
      const l = loci.findIndex((locus) => locus.alleles.includes(SILENT_ALLELE));
      if (l >= 0) {
        throw new KindredError(
          'UNSUPPORTED',
          `Locus "${loci[l]!.name}" has the silent allele "${SILENT_ALLELE}" and theta is ${theta}: the search index implements silent alleles at theta 0 only (degraded-dna.md's search formula); use kindred dvi (exact) for this case`,
          { path: ['loci', l, 'alleles', loci[l]!.alleles.indexOf(SILENT_ALLELE)] },
        );
      }
    }
    this.#store = new ScoreStore(this.layout.slots, this.layout);
    this.theta = theta;
    this.lump = options.lump ?? true;
    this.unseen = options.unseen ?? 'error';
    this.consistency = options.consistency ?? false;
    this.#budget = options.budget;
  }

  /**
   * Index every family and victim of a DVI case (theta from the case), with the case's drop-out
   * and drop-in of victims and family members (degraded-dna.md).
   *
   * @param dvi - a validated `kindred-dvi/1` case
   * @param options - lumping, unseen-allele policy, consistency, budget (theta is the case's)
   * @param onStep - called after each family and each remains with (done, total), for progress
   * @returns the filled index
   * @throws KindredError `TOO_COMPLEX` when a family is past the case budget (the check of
   *   `kindred validate` and `kindred dvi`, before any family is indexed); as
   *   {@link SearchIndex.addFamily} and {@link SearchIndex.addRemains}; `UNSUPPORTED` for a case
   *   with an elimination set (direct matching is `computeDVI`'s)
   */
  static fromDVICase(
    dvi: DVICase,
    options: Omit<SearchIndexOptions, 'theta'> = {},
    onStep?: (done: number, total: number) => void,
  ): SearchIndex {
    refuseElimination(dvi, 'the search index');
    // The case budget of kindred dvi and kindred validate, before any family is indexed (each
    // family a case of its own), so the limits agree whichever way a document is computed.
    checkDVICaseBudget(dvi, options.budget);
    const index = new SearchIndex(dvi.loci, { ...options, theta: dvi.theta });
    index.reserve(dvi.families.reduce((n, f) => n + f.missing.length, 0));
    const total = dvi.families.length + dvi.victims.size;
    let done = 0;
    for (const family of dvi.families) {
      // Costed above with every allele of the case: not again.
      index.#addFamily(family, dvi.observation);
      onStep?.(++done, total);
    }
    for (const [id, genotypes] of dvi.victims) {
      index.addRemains(id, genotypes, dvi.victimSex.get(id), dvi.observation?.get(id));
      onStep?.(++done, total);
    }
    return index;
  }

  /**
   * Index a family (all its missing persons). Other families are untouched. The family is first
   * costed as a case of its own (the whole-case budget of `kindred dvi` and `validate`,
   * `search/case-budget.ts`) and refused before any of its likelihoods is computed when it is
   * past the budget.
   *
   * @param family - a validated family
   * @param observation - drop-out and drop-in of its samples by person id (degraded-dna.md);
   *   its other keys are ignored (a DVI case's one map serves every family)
   * @param loci - the index's loci prepared with every allele the case carries, when the caller
   *   knows more alleles than the family's (as {@link prepareDVILoci} gives them for a programme);
   *   by default each locus is prepared with the family's own alleles, as its tables are computed
   * @returns its entries
   * @throws KindredError `TOO_COMPLEX` when the family is past the case budget (naming it, the
   *   costliest computation and locus); `INVALID_ARGUMENT` when a family of that name is indexed
   *   already or `loci` are not the index's; see `indexFamily` for the others
   * @example
   * ```ts
   * index.addFamily(dvi.families[0], dvi.observation).map((e) => e.missing); // => ['M1']
   * ```
   */
  addFamily(
    family: Family,
    observation?: ObservationMap | undefined,
    loci?: readonly PreparedLocus[],
  ): readonly IndexEntry[] {
    this.#refuseIndexed(family.name);
    const own: DVICase = {
      format: 'kindred-dvi/1',
      id: 'the search index',
      theta: this.theta,
      loci: this.layout.loci,
      victims: new Map(),
      victimSex: new Map(),
      families: [family],
      ...(observation !== undefined ? { observation } : {}),
    };
    if (loci !== undefined) {
      const same =
        loci.length === this.layout.loci.length &&
        loci.every((p, l) => p.locus.name === this.layout.loci[l]!.name);
      if (!same) {
        throw new KindredError(
          'INVALID_ARGUMENT',
          `The prepared loci given for family "${family.name}" are not the index's loci (${this.layout.loci.length} loci, in the index's order)`,
          { path: ['families', family.name] },
        );
      }
    }
    // Unlumped, the tables are computed on every allele of each locus.
    const prepared =
      loci ??
      (this.lump
        ? prepareDVILoci(own)
        : this.layout.loci.map((l) => prepareLocus(l, new Set(), { lump: false })));
    checkDVICaseBudget(own, this.#budget, prepared);
    return this.#addFamily(family, observation);
  }

  /** {@link SearchIndex.addFamily} once the family's budget is checked. */
  #addFamily(family: Family, observation: ObservationMap | undefined): readonly IndexEntry[] {
    this.#refuseIndexed(family.name);
    return this.insertEntries(family.name, this._familyEntries(family, observation, this.#columns));
  }

  /**
   * The entries of a family as this index computes them (its theta, lumping, consistency and
   * budget; `indexFamily`), without adding them: the one computation behind
   * {@link SearchIndex.addFamily} and {@link SearchIndex.fromDVICase}, which the worker pool's
   * build also runs, family by family, on an index of the same loci and options. The family's
   * budget is not checked here (the callers do, once).
   *
   * @param family - a validated family
   * @param observation - drop-out and drop-in of its samples, by person id
   * @param columns - reusable space for the ln LR columns (see `IndexFamilyOptions.columns`)
   * @returns its entries, in the family's `missing` order
   * @throws KindredError as `indexFamily`
   */
  _familyEntries(
    family: Family,
    observation: ObservationMap | undefined,
    columns?: Float64Array[],
  ): PackedEntry[] {
    return indexFamily(family, this.layout, {
      theta: this.theta,
      lump: this.lump,
      consistency: this.consistency,
      ...(columns !== undefined ? { columns } : {}),
      ...(this.#budget !== undefined ? { budget: this.#budget } : {}),
      ...(observation !== undefined ? { observation } : {}),
    });
  }

  /**
   * Fill an empty index with families built elsewhere (the worker pool's build), their ln LRs
   * read in place from one genotype-major array: `values[slot·stride + e]` for the e-th entry of
   * `families` in order (no copy; see `ScoreStore.adopt`). Remains are added afterwards as usual.
   *
   * @param families - every family's name and entries (without columns), in index order
   * @param values - genotype-major ln LRs of every entry
   * @param stride - entries per slot row of `values`
   * @throws KindredError `INVALID_ARGUMENT` when the index is not empty, a name repeats or an
   *   entry's consistency bits do not match {@link SearchIndex.consistency}
   */
  _adoptFamilies(
    families: readonly { readonly name: string; readonly entries: readonly IndexEntry[] }[],
    values: Float64Array,
    stride: number,
  ): void {
    if (this.#entries.length > 0 || this.#families.size > 0) {
      throw new KindredError('INVALID_ARGUMENT', 'Families can be adopted by an empty index only');
    }
    const names = new Set<string>();
    for (const { name, entries } of families) {
      if (names.has(name)) {
        throw new KindredError(
          'INVALID_ARGUMENT',
          `Family "${name}" is already in the index; remove it first`,
          { path: ['families', name] },
        );
      }
      names.add(name);
      for (const p of entries) {
        if ((p.consistent !== null) !== this.consistency) {
          throw new KindredError(
            'INVALID_ARGUMENT',
            `Entry "${name}/${p.missing}" ${p.consistent !== null ? 'has' : 'has no'} consistency bits; the index is built ${this.consistency ? 'with' : 'without'} them`,
            { path: ['families', name] },
          );
        }
      }
    }
    const sexes = new Uint8Array(families.reduce((n, f) => n + f.entries.length, 0));
    for (const { name, entries } of families) {
      const first = this.#entries.length;
      for (const p of entries) {
        const e: IndexEntry = {
          family: p.family,
          missing: p.missing,
          sex: p.sex,
          consistent: p.consistent,
          informative: p.informative,
          referenceDegraded: p.referenceDegraded,
          classes: p.classes,
        };
        sexes[this.#entries.length] = e.sex === 'male' ? 1 : 2;
        this.#entryPos.set(e, this.#entries.length);
        this.#entries.push(e);
      }
      this.#families.set(name, this.#entries.slice(first));
    }
    this.#store = ScoreStore.adopt(this.layout.slots, values, stride, sexes, this.layout);
  }

  #refuseIndexed(name: string): void {
    if (this.#families.has(name)) {
      throw new KindredError(
        'INVALID_ARGUMENT',
        `Family "${name}" is already in the index; remove it first`,
        { path: ['families', name] },
      );
    }
  }

  /**
   * Add prebuilt entries of a family (used when loading a saved index): their ln LR columns go
   * into the score store.
   *
   * @param name - family name (not yet indexed)
   * @param packed - its entries, built on this index's layout (`logLR` of length `layout.slots`)
   * @returns the stored entries
   * @throws KindredError `INVALID_ARGUMENT` when the name is taken, a column has the wrong length
   *   or an entry's consistency bits do not match {@link SearchIndex.consistency}
   */
  insertEntries(name: string, packed: readonly PackedEntry[]): readonly IndexEntry[] {
    if (this.#families.has(name)) {
      throw new KindredError('INVALID_ARGUMENT', `Family "${name}" is already in the index`, {
        path: ['families', name],
      });
    }
    for (const p of packed) {
      if (p.logLR.length !== this.layout.slots) {
        throw new KindredError(
          'INVALID_ARGUMENT',
          `Entry "${name}/${p.missing}" has ${p.logLR.length} slots; the index has ${this.layout.slots}`,
          { path: ['families', name] },
        );
      }
      if ((p.consistent !== null) !== this.consistency) {
        throw new KindredError(
          'INVALID_ARGUMENT',
          `Entry "${name}/${p.missing}" ${p.consistent !== null ? 'has' : 'has no'} consistency bits; the index is built ${this.consistency ? 'with' : 'without'} them`,
          { path: ['families', name] },
        );
      }
    }
    const entries = packed.map((p): IndexEntry => {
      // The entry without its column (the store keeps the values).
      const e: IndexEntry = {
        family: p.family,
        missing: p.missing,
        sex: p.sex,
        consistent: p.consistent,
        informative: p.informative,
        referenceDegraded: p.referenceDegraded,
        classes: p.classes,
      };
      const pos = this.#store.append(p.logLR, e.sex);
      this.#entryPos.set(e, pos);
      this.#entries.push(e);
      return e;
    });
    this.#families.set(name, entries);
    return entries;
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
      this.#store.removeAt(pos);
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
    observation?: SampleObservation | undefined,
  ): Candidate {
    if (this.#remains.has(id)) {
      throw new KindredError('INVALID_ARGUMENT', `Remains "${id}" is already in the index`, {
        path: ['victims', id],
      });
    }
    const c = this.encode(id, genotypes, sex, observation);
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
    observation?: SampleObservation | undefined,
  ): Candidate {
    if (isDegraded(observation) && this.theta > 0) {
      throw new KindredError(
        'UNSUPPORTED',
        `Remains "${id}" are degraded (dropout ${observation.dropout}, dropin ${observation.dropin}) and the index has theta ${this.theta}: the degraded search formula of degraded-dna.md is exact at theta 0 only; use kindred dvi (exact) for this case`,
        { path: ['observation', id] },
      );
    }
    return encodeCandidate(id, genotypes, this.layout, {
      sex,
      unseen: this.unseen,
      observation,
    });
  }

  /** Position of an entry in {@link SearchIndex.entries} (and in the score store). */
  position(entry: IndexEntry): number {
    const pos = this.#entryPos.get(entry);
    if (pos === undefined) {
      throw new KindredError(
        'INVALID_ARGUMENT',
        `Entry "${entry.family}/${entry.missing}" is not in the index`,
      );
    }
    return pos;
  }

  /** ln LR of a candidate against one entry. */
  scorePair(candidate: Candidate, entry: IndexEntry): number {
    return scorePair(this.#store, this.position(entry), entry, candidate);
  }

  /** Per-locus ln LRs of a candidate against one entry, in locus order. */
  scoreLoci(candidate: Candidate, entry: IndexEntry): LocusScore[] {
    return scoreLoci(this.#store, this.position(entry), entry, candidate, this.layout);
  }

  /**
   * Every entry's ln LRs, genotype-major: `out[slot·stride + i]` for entry `entries[i]` (what
   * the workers' packed index holds; block copies, no per-entry column).
   *
   * @param out - destination, length >= layout.slots · stride
   * @param stride - at least the number of entries
   */
  copyGenotypeMajor(out: Float64Array, stride: number): void {
    this.#store.copyGenotypeMajor(out, stride);
  }

  /**
   * Make room for `entries` missing persons in all (families about to be added), so the score
   * store does not grow step by step.
   *
   * @param entries - total number of entries expected
   */
  reserve(entries: number): void {
    this.#store.reserve(entries);
  }

  /** A copy of an entry's ln LR per genotype slot (for saving). */
  column(entry: IndexEntry): Float64Array {
    return this.#store.column(this.position(entry));
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
   * `out` (length >= number of entries) may be reused across calls.
   *
   * @throws KindredError `INVALID_ARGUMENT` for an unknown remains id
   */
  score(
    candidate: Candidate | string,
    out: Float64Array = new Float64Array(this.#entries.length),
  ): Float64Array {
    const c = typeof candidate === 'string' ? this.#requireRemains(candidate) : candidate;
    return scoreCandidate(this.#store, c, out);
  }

  /**
   * Bytes of typed arrays held for the entries: the score store as allocated (its last block may
   * have spare capacity) plus each entry's consistency bits and flags.
   */
  memoryBytes(): number {
    let total = this.#store.bytes();
    for (const e of this.#entries) total += entryBytes(e);
    return total;
  }

  /** Bytes the entries need without spare capacity: slots × 8 + bits and flags per entry. */
  usedBytes(): number {
    let total = this.#entries.length * this.layout.slots * 8;
    for (const e of this.#entries) total += entryBytes(e);
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
