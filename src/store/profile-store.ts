/**
 * The profile store: everything a missing-persons programme keeps between runs. Profiles
 * (reference relatives, remains, direct references), families (pedigree, missing persons, which
 * stored profile is which member), frequency tables by population (with mutation models), match
 * records under review, and a log of imports.
 *
 * Two implementations share this interface: `createMemoryStore` (pure TypeScript, the default for
 * library users) and `openSqliteStore` from `kindred/sqlite` (durable, on better-sqlite3). Every
 * write happens inside {@link ProfileStore.write}: all of a callback's writes land, or none do.
 *
 * Nothing is lost or rewritten without trace: every change of a profile, family, table or
 * match, every review and every withdrawal appends a {@link HistoryEntry} (time, acting user,
 * reason, the full new version, and for search results the provenance of the computation) to
 * an append-only history; the records the readers return are the current state, kept in step
 * with the history in the same transaction. Profiles and families are never deleted, only
 * withdrawn: kept, listed with the reason, and left out of every search.
 *
 * @module
 */
import type { FrequencyTable } from '../frequencies/frequency-table.js';
import type { MutationSpec } from '../mutation/types.js';
import type { PedigreeRecord } from '../pedigree/pedigree.js';
import type { SampleObservation } from '../profile/observation.js';
import type { Profile, ProfileKind } from '../profile/profile.js';

/** Review state of a match record. */
export type MatchStatus = 'new' | 'confirmed' | 'rejected';

/** The match statuses, in workflow order. */
export const MATCH_STATUSES: readonly MatchStatus[] = Object.freeze([
  'new',
  'confirmed',
  'rejected',
]);

/** What a put did: a new record, a different record replaced, or an identical one left as it was. */
export type PutOutcome = 'added' | 'changed' | 'unchanged';

/** Why, when and by whom a profile or family was withdrawn. */
export interface Withdrawal {
  /** ISO 8601 time of the withdrawal. */
  readonly at: string;
  /** The acting user. */
  readonly user: string;
  /** The reason given (a sample swap, consent withdrawn, …). */
  readonly reason: string;
}

/** A stored profile with its bookkeeping. */
export interface StoredProfile {
  readonly profile: Profile;
  /** Set once the profile is withdrawn: kept, but left out of every search. */
  readonly withdrawn?: Withdrawal;
  /** File or system the profile came from. */
  readonly source?: string;
  /** ISO 8601 time of the first write. */
  readonly createdAt: string;
  /** ISO 8601 time of the last change. */
  readonly updatedAt: string;
  /** True once the search has run for this profile since its last change (remains only). */
  readonly searched: boolean;
  /**
   * Drop-out and drop-in given to this profile itself (`spec/degraded-dna.md`); absent: the
   * default of its kind applies, if any (see {@link StoreReader.getDefaultObservation}).
   */
  readonly observation?: SampleObservation;
}

/** Options of {@link StoreWriter.putProfile}. */
export interface PutProfileOptions {
  /** File or system the profile came from. */
  readonly source?: string;
  /** Replace a stored profile with the same id that differs (default false: refused). */
  readonly replace?: boolean;
  /**
   * The profile's own drop-out and drop-in (e.g. a `kindred-dvi/1` file's `observation`); null:
   * none of its own (a file that gives observations and none for this sample: its kind's
   * default applies, and a stored own value differs from it); absent: a new profile has none, a
   * stored one keeps its own (a file format that cannot carry observations).
   */
  readonly observation?: SampleObservation | null;
}

/** A family as given to {@link StoreWriter.putFamily}. */
export interface FamilyInput {
  /** Unique family name (`F-2024-017`). */
  readonly name: string;
  /** Pedigree rows as in a case file; direct references are `sameAs` rows of a missing person. */
  readonly pedigree: readonly PedigreeRecord[];
  /** Ids of the missing persons: ordinary, untyped pedigree members. */
  readonly missing: readonly string[];
  /** Typed pedigree members: member id → stored profile id. */
  readonly members: ReadonlyMap<string, string> | Readonly<Record<string, string>>;
  /** Population whose frequencies the family is searched with (default: the store's only one). */
  readonly population?: string;
  /** File or system the family came from. */
  readonly source?: string;
}

/** A stored family. */
export interface StoredFamily {
  readonly name: string;
  readonly pedigree: readonly PedigreeRecord[];
  readonly missing: readonly string[];
  /** member id → profile id, in pedigree order. */
  readonly members: ReadonlyMap<string, string>;
  readonly population?: string;
  readonly source?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** True once the search has run for this family since its last change (or a member's). */
  readonly searched: boolean;
  /** Set once the family is withdrawn: kept, but left out of every search. */
  readonly withdrawn?: Withdrawal;
}

/** A stored frequency table with the mutation models and theta to search with. */
export interface StoredFrequencyTable {
  readonly table: FrequencyTable;
  /** Mutation model per marker (table marker name); markers absent here have none. */
  readonly mutation: ReadonlyMap<string, MutationSpec>;
  /** Balding–Nichols theta to search with (default 0). */
  readonly theta: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** Options of {@link StoreWriter.putFrequencyTable}. */
export interface PutFrequencyTableOptions {
  readonly mutation?: ReadonlyMap<string, MutationSpec>;
  readonly theta?: number;
}

/** The result of the search for one remains profile against one missing person. */
export interface MatchInput {
  /** Profile id of the remains (or unidentified person). */
  readonly victim: string;
  readonly family: string;
  /** Missing person id within the family. */
  readonly missing: string;
  /** log10 LR of "victim is this missing person" against "unrelated"; null for LR 0. */
  readonly log10LR: number | null;
  /**
   * Posterior probability that the victim is this missing person, over every sex-compatible
   * missing person of the population's families searched with it and "none of them" (flat
   * prior, or the search's family priors); null when not computed.
   */
  readonly posterior?: number | null;
  /** True when the undisputed rule held at the search (see `rankAll`). */
  readonly undisputed?: boolean;
}

/** A match record under review. */
export interface MatchRecord extends MatchInput {
  /** Store-assigned id, stable for the life of the record. */
  readonly id: number;
  readonly posterior: number | null;
  readonly undisputed: boolean;
  /** True when the victim or the family has been withdrawn since. */
  readonly withdrawn: boolean;
  readonly status: MatchStatus;
  /** Reviewer note ('' when none). */
  readonly note: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** One entry of the import log. */
export interface ImportRecord {
  readonly id: number;
  /** File the batch came from. */
  readonly file: string;
  /** Format name (`genemapper`, `codis-cmf`, `familias-fam`, …). */
  readonly format: string;
  readonly at: string;
  readonly profiles: number;
  readonly families: number;
  readonly tables: number;
}

/** What a history entry is about. */
export type HistoryEntity = 'profile' | 'family' | 'table' | 'match' | 'search' | 'setting';

/** What happened. */
export type HistoryAction =
  | 'added'
  | 'changed'
  | 'withdrawn'
  | 'recorded'
  | 'result'
  | 'confirmed'
  | 'rejected'
  | 'reopened'
  | 'note'
  | 'searched'
  | 'observation'
  | 'migrated';

/** One entry of the append-only history. */
export interface HistoryEntry {
  /** Position in the history (1, 2, …), increasing with time. */
  readonly seq: number;
  /** ISO 8601 time. */
  readonly at: string;
  /** The acting user (`--user`, the OS user, or the store's default). */
  readonly user: string;
  readonly entity: HistoryEntity;
  /**
   * Profile id, family name, population, match id (as text), search number, or the setting's
   * name (`observation:KIND`: the default drop-out and drop-in of a profile kind).
   */
  readonly key: string;
  readonly action: HistoryAction;
  /**
   * The new version, as plain JSON: the whole profile, family or table after the change; for a
   * match its victim, family, missing person, log10LR, status and note after the change; for a
   * search its summary; for a setting its new value (`{ kind, observation }`, observation null
   * when cleared).
   */
  readonly data: unknown;
  /** Reason or note given with the change ('' when none). */
  readonly reason: string;
  /** For search results: `{ "search": seq }` of the search entry, whose data says how. */
  readonly provenance?: unknown;
}

/** Filter of {@link StoreReader.listHistory}. */
export interface HistoryFilter {
  readonly entity?: HistoryEntity;
  readonly key?: string;
}

/** Who acts in a write, and why; recorded with every history entry the write appends. */
export interface WriteContext {
  /** The acting user (default: the store's `user` option). */
  readonly user?: string;
  /** Reason recorded with every entry ('' by default). */
  readonly reason?: string;
}

/** Filter of {@link StoreReader.listProfiles}. */
export interface ProfileFilter {
  readonly kind?: ProfileKind;
  readonly searched?: boolean;
  /** Only withdrawn (true) or only current (false) profiles; default both. */
  readonly withdrawn?: boolean;
  /** At most this many, in id order. */
  readonly limit?: number;
  readonly offset?: number;
}

/** Filter of {@link StoreReader.listMatches}. */
export interface MatchFilter {
  /** Only matches with log10LR ≥ this (LR-0 matches never pass). */
  readonly minLog10LR?: number;
  readonly status?: MatchStatus;
  readonly victim?: string;
  readonly family?: string;
  /** Only matches whose victim or family is withdrawn (true), or neither (false); default all. */
  readonly withdrawn?: boolean;
}

/** Read access: every method sees one consistent state. */
export interface StoreReader {
  getProfile(id: string): StoredProfile | undefined;
  /** Profiles in id order. */
  listProfiles(filter?: ProfileFilter): StoredProfile[];
  countProfiles(filter?: Omit<ProfileFilter, 'limit' | 'offset'>): number;
  getFamily(name: string): StoredFamily | undefined;
  /** Families in name order (withdrawn ones too unless `withdrawn: false`). */
  listFamilies(filter?: {
    readonly searched?: boolean;
    readonly withdrawn?: boolean;
  }): StoredFamily[];
  /** Names of the families with a member mapped to this profile, in name order. */
  familiesOfProfile(id: string): string[];
  getFrequencyTable(population: string): StoredFrequencyTable | undefined;
  /** Population names in name order. */
  listPopulations(): string[];
  getMatch(id: number): MatchRecord | undefined;
  /** Matches, highest log10LR first (LR 0 last), then by id. */
  listMatches(filter?: MatchFilter): MatchRecord[];
  /** The import log, oldest first. */
  listImports(): ImportRecord[];
  /**
   * The default drop-out and drop-in of a profile kind: it applies to every profile of that kind
   * that has no observation of its own. Undefined when none is set.
   */
  getDefaultObservation(kind: ProfileKind): SampleObservation | undefined;
  /** History entries, oldest first. */
  listHistory(filter?: HistoryFilter): HistoryEntry[];
}

/** Write access inside {@link ProfileStore.write}. */
export interface StoreWriter extends StoreReader {
  /**
   * Add a profile, or replace one with the same id (`replace: true`); a profile identical to the
   * stored one is `unchanged` either way. A replaced reference
   * profile marks its families unsearched; a replaced remains profile is itself unsearched.
   *
   * @throws KindredError `STORE_ERROR` when the id exists with other data and `replace` is not set, or when the
   *   kind changes while a family maps a member to it and the new kind is `remains`
   */
  putProfile(profile: Profile, options?: PutProfileOptions): PutOutcome;
  /**
   * Give a profile its own drop-out and drop-in, or (null) clear them so that its kind's default
   * applies. A change appends an `observation` history entry with the profile's whole version
   * and marks the profile (remains) or its families (references) unsearched.
   *
   * @returns `unchanged` when the profile's own observation is already that
   * @throws KindredError `STORE_ERROR` (unknown or withdrawn profile), `INVALID_ARGUMENT` (a
   *   value outside [0, 1))
   */
  setObservation(id: string, observation: SampleObservation | null): PutOutcome;
  /**
   * Set (or clear, null) the default drop-out and drop-in of a profile kind. A change appends a
   * `setting` history entry (`observation:KIND`) and marks unsearched every profile of that kind
   * without its own observation (remains) and their families (references).
   *
   * @throws KindredError `INVALID_ARGUMENT` (unknown kind, a value outside [0, 1))
   */
  setDefaultObservation(kind: ProfileKind, observation: SampleObservation | null): PutOutcome;
  /**
   * Add or replace (`replace: true`) a family (identical: `unchanged`). The pedigree is validated; members must be
   * ordinary or `sameAs` rows mapped to stored `reference`/`direct` profiles, missing persons
   * ordinary untyped rows.
   *
   * @throws KindredError `INVALID_PEDIGREE`, `STORE_ERROR`
   */
  putFamily(family: FamilyInput, options?: { readonly replace?: boolean }): PutOutcome;
  /** Add or replace a population's table (the population is `table.population`). */
  putFrequencyTable(table: FrequencyTable, options?: PutFrequencyTableOptions): PutOutcome;
  /**
   * Record a search result: a new record (status `new`), or the existing record of the same
   * victim, family and missing person with its log10LR updated (status and note kept). Either
   * way, when anything changed, a history entry keeps the result with its provenance.
   *
   * @param provenance - how the result was computed (plain JSON), e.g. `{ search: seq }`
   */
  recordMatch(match: MatchInput, provenance?: unknown): MatchRecord;
  /**
   * Set a match's review status and note.
   *
   * @throws KindredError `STORE_ERROR` when there is no match with that id
   */
  reviewMatch(id: number, status: MatchStatus, note?: string): MatchRecord;
  /** Mark profiles and families as searched. */
  markSearched(profiles: readonly string[], families: readonly string[]): void;
  /**
   * Withdraw a profile: it stays (with its history) and is listed with the reason, but no
   * search uses it again; families it is a member of are searched again without it.
   *
   * @throws KindredError `STORE_ERROR` (unknown or already withdrawn), `INVALID_ARGUMENT` (no reason)
   */
  withdrawProfile(id: string, reason: string): StoredProfile;
  /**
   * Withdraw a family: kept and listed with the reason, left out of every search.
   *
   * @throws KindredError `STORE_ERROR` (unknown or already withdrawn), `INVALID_ARGUMENT` (no reason)
   */
  withdrawFamily(name: string, reason: string): StoredFamily;
  /** Append a history entry of the write's own (e.g. a search's summary) and return it. */
  appendHistory(entry: {
    readonly entity: HistoryEntity;
    readonly key: string;
    readonly action: HistoryAction;
    readonly data: unknown;
  }): HistoryEntry;
  /** Append an entry to the import log and return it. */
  logImport(entry: Omit<ImportRecord, 'id' | 'at'>): ImportRecord;
}

/** A profile store. */
export interface ProfileStore extends StoreReader {
  /** `'memory'` or `'sqlite'`. */
  readonly kind: 'memory' | 'sqlite';
  /** The schema version the store is at. */
  readonly schemaVersion: number;
  /**
   * Run `fn` as one transaction: when it returns, all its writes are stored; when it throws,
   * none are and the store is exactly as before. Nested calls join the outer transaction (and
   * its context).
   *
   * @param context - the acting user and reason recorded in the history
   */
  write<T>(fn: (tx: StoreWriter) => T, context?: WriteContext): T;
  /** Run `fn` against one consistent snapshot (other connections' commits are not seen). */
  read<T>(fn: (reader: StoreReader) => T): T;
  /** Release the store (closes the database file). */
  close(): void;
}

/** Options common to both store implementations. */
export interface StoreOptions {
  /** Clock for timestamps (tests pass a fixed one); default `() => new Date()`. */
  readonly now?: () => Date;
  /** User recorded in the history when a write names none (default `'unknown'`). */
  readonly user?: string;
}
