/**
 * Search what is new in a store and record the matches: every family not yet searched (new, or
 * changed since: a new member, a changed genotype, a new table) against every remains profile,
 * and every remains profile not yet searched against every family. Each pair's
 *
 *   LR = P(genotypes | victim is missing person m) / P(genotypes | victim unrelated)
 *
 * (the DVI pairwise LR of `spec/case-format.md`) comes from the search index (`SearchIndex`,
 * exact per-locus tables of each missing person). Pairs whose sexes are both known and differ
 * are excluded. A pair with log10 LR at or above the recording threshold becomes a match record
 * (status `new`); an existing record gets its log10 LR updated whatever the value, keeping its
 * review. The whole search runs inside one write transaction, so nothing imported meanwhile is
 * marked searched without being searched.
 *
 * Loci are the markers of the family's population table (with its mutation models and theta;
 * a marker without a stored model is searched with `DEFAULT_SEARCH_MUTATION`, see
 * `search-mutation.ts`); typed markers the table lacks, and Amelogenin, are not used (counted in the summary). Alleles
 * the table lacks follow the unseen-allele policy (error by default).
 *
 * @module
 */
import { KindredError } from '../errors.js';
import type { FrequencyTable } from '../frequencies/frequency-table.js';
import type { Locus } from '../frequencies/locus.js';
import {
  type AddedAllele,
  type AlleleRequest,
  DEFAULT_UNSEEN_POLICY,
  extendTable,
  type UnseenAllelePolicy,
} from '../frequencies/unseen.js';
import { createPedigree } from '../pedigree/create-pedigree.js';
import type { Genotype } from '../profile/genotype.js';
import { canonicalMarkerName, isSexMarker, resolveMarkerName } from '../profile/markers.js';
import { SearchIndex } from '../search/index/search-index.js';
import type { Family } from '../search/types.js';
import type {
  MatchInput,
  ProfileStore,
  StoredFamily,
  StoredProfile,
  StoreWriter,
  WriteContext,
} from './profile-store.js';
import { type SearchMutation, searchMutation } from './search-mutation.js';

/** Default recording threshold: matches with LR ≥ 1 are recorded. */
export const DEFAULT_RECORD_LOG10LR = 0;

/** Options of {@link searchStore}. */
export interface SearchStoreOptions {
  /** Record new matches with log10 LR ≥ this (default {@link DEFAULT_RECORD_LOG10LR}). */
  readonly recordLog10LR?: number;
  /** Alleles missing from a table: error (default) or a minimum frequency. */
  readonly unseen?: UnseenAllelePolicy;
  /** Search every pair again, not only what is new. */
  readonly all?: boolean;
  /** The acting user and reason recorded in the history with the search and its results. */
  readonly context?: WriteContext;
}

/** What a search did. */
export interface SearchSummary {
  readonly families: readonly string[];
  readonly remains: readonly string[];
  /** Victim–missing-person pairs computed. */
  readonly pairs: number;
  /** Pairs left out because both sexes are known and differ. */
  readonly excludedBySex: number;
  readonly recorded: number;
  readonly updated: number;
  /** Alleles added under a `minimum` unseen policy. */
  readonly addedAlleles: readonly AddedAllele[];
  /** Typed markers not in the population's table (not used), with how many profiles had them. */
  readonly unusedMarkers: ReadonlyMap<string, number>;
  /**
   * Per population searched: the markers that got the default mutation model (the table stores
   * none for them) and those searched without mutation (stored as none).
   */
  readonly mutation: ReadonlyMap<string, Omit<SearchMutation, 'models'>>;
}

/**
 * Search what is new in the store and record matches (see module comment).
 *
 * @param store - the store
 * @param options - recording threshold, unseen-allele policy, search everything
 * @returns what was searched and recorded
 * @throws KindredError `STORE_ERROR` (a family's population has no table, or several tables and
 *   none named), `UNSEEN_ALLELE`, `TOO_COMPLEX`, `INVALID_PEDIGREE`
 * @example
 * ```ts
 * searchStore(store).recorded; // => 2
 * ```
 */
export function searchStore(store: ProfileStore, options: SearchStoreOptions = {}): SearchSummary {
  return store.write((tx) => _search(tx, options), options.context);
}

function _search(tx: StoreWriter, options: SearchStoreOptions): SearchSummary {
  const threshold = options.recordLog10LR ?? DEFAULT_RECORD_LOG10LR;
  const all = options.all === true;
  const families = tx.listFamilies({ withdrawn: false });
  const remains = tx.listProfiles({ kind: 'remains', withdrawn: false });
  const newRemains = remains.filter((r) => all || !r.searched);
  const summary = { pairs: 0, excludedBySex: 0, recorded: 0, updated: 0 };
  const added: AddedAllele[] = [];
  const unused = new Map<string, number>();
  const mutationUsed = new Map<string, Omit<SearchMutation, 'models'>>();
  const pending: { match: MatchInput; isNew: boolean; changed: boolean }[] = [];
  const provenanceTables: Record<string, unknown> = {};
  const byPopulation = new Map<string, StoredFamily[]>();
  for (const f of families) {
    const population = _population(tx, f);
    byPopulation.set(population, [...(byPopulation.get(population) ?? []), f]);
  }
  const searchedFamilies = families.filter((f) => all || !f.searched).map((f) => f.name);
  for (const [population, group] of byPopulation) {
    const stored = tx.getFrequencyTable(population) as NonNullable<
      ReturnType<StoreWriter['getFrequencyTable']>
    >;
    const needed = group.filter((f) => all || !f.searched || newRemains.length > 0);
    if (needed.length === 0 || remains.length === 0) continue;
    const members = needed.map((f) => _memberGenotypes(tx, f));
    const keys = _tableKeys(stored.table);
    const note = (marker: string) => unused.set(marker, (unused.get(marker) ?? 0) + 1);
    const usable = (g: ReadonlyMap<string, Genotype>) => _onTable(g, keys, note);
    const requests: AlleleRequest[] = [];
    const remainsGenotypes = new Map(
      remains.map((r) => [r.profile.id, usable(r.profile.genotypes)]),
    );
    const familyGenotypes = members.map((m) => new Map([...m].map(([id, g]) => [id, usable(g)])));
    for (const [person, g] of [...remainsGenotypes, ...familyGenotypes.flatMap((m) => [...m])]) {
      for (const [marker, alleles] of g) {
        for (const allele of alleles)
          requests.push({ marker, allele, person, path: ['profiles', person, marker] });
      }
    }
    const extended = extendTable(stored.table, requests, options.unseen ?? DEFAULT_UNSEEN_POLICY);
    added.push(...extended.added);
    const mutation = searchMutation(extended.table, stored.mutation);
    mutationUsed.set(population, { defaulted: mutation.defaulted, none: mutation.none });
    provenanceTables[population] = {
      tableVersion: tx.listHistory({ entity: 'table', key: population }).at(-1)?.seq ?? null,
      theta: stored.theta,
      mutation: Object.fromEntries(mutation.models),
      defaultMutation: mutation.defaulted,
      addedAlleles: extended.added,
    };
    const index = new SearchIndex(_loci(extended.table, mutation.models), { theta: stored.theta });
    needed.forEach((f, i) => {
      index.addFamily(_family(f, familyGenotypes[i] as Map<string, Map<string, Genotype>>));
    });
    for (const r of remains) {
      const isNew = all || !r.searched;
      const scores = index.score(
        index.encode(
          r.profile.id,
          remainsGenotypes.get(r.profile.id) as Map<string, Genotype>,
          r.profile.sex,
        ),
      );
      index.entries.forEach((entry, k) => {
        const family = tx.getFamily(entry.family) as StoredFamily;
        if (!isNew && !(all || !family.searched)) return;
        if (r.profile.sex !== undefined && r.profile.sex !== entry.sex) {
          summary.excludedBySex += 1;
          return;
        }
        summary.pairs += 1;
        const ln = scores[k] as number;
        const log10LR = ln === Number.NEGATIVE_INFINITY ? null : ln / Math.LN10;
        const existing = tx
          .listMatches({ victim: r.profile.id, family: entry.family })
          .find((m) => m.missing === entry.missing);
        if (existing === undefined && (log10LR === null || log10LR < threshold)) return;
        pending.push({
          match: { victim: r.profile.id, family: entry.family, missing: entry.missing, log10LR },
          isNew: existing === undefined,
          changed: existing !== undefined && existing.log10LR !== log10LR,
        });
        if (existing === undefined) summary.recorded += 1;
        else if (existing.log10LR !== log10LR) summary.updated += 1;
      });
    }
  }
  const searches = tx.listHistory({ entity: 'search' }).length;
  const entry = tx.appendHistory({
    entity: 'search',
    key: String(searches + 1),
    action: 'searched',
    data: {
      method:
        'exact pairwise LR (search index: per-locus LR tables of each missing person, spec/case-format.md DVI pairwise LR)',
      options: { recordLog10LR: threshold, all, unseen: options.unseen ?? DEFAULT_UNSEEN_POLICY },
      tables: provenanceTables,
      families: searchedFamilies,
      remains: newRemains.map((r) => r.profile.id),
      ...summary,
      unusedMarkers: Object.fromEntries(unused),
    },
  });
  for (const p of pending) {
    if (p.isNew || p.changed) tx.recordMatch(p.match, { search: entry.seq });
  }
  tx.markSearched(
    newRemains.map((r) => r.profile.id),
    searchedFamilies,
  );
  return {
    families: searchedFamilies,
    remains: newRemains.map((r) => r.profile.id),
    ...summary,
    addedAlleles: added,
    unusedMarkers: unused,
    mutation: mutationUsed,
  };
}

function _population(tx: StoreWriter, f: StoredFamily): string {
  if (f.population !== undefined) {
    if (tx.getFrequencyTable(f.population) === undefined) {
      throw new KindredError(
        'STORE_ERROR',
        `Family "${f.name}" uses population "${f.population}", which has no frequency table in the store`,
        {
          path: ['families', f.name, 'population'],
        },
      );
    }
    return f.population;
  }
  const populations = tx.listPopulations();
  if (populations.length !== 1) {
    throw new KindredError(
      'STORE_ERROR',
      populations.length === 0
        ? 'The store has no frequency table: import one before searching'
        : `Family "${f.name}" names no population and the store has ${populations.length} (${populations.join(', ')})`,
      { path: ['families', f.name, 'population'] },
    );
  }
  return populations[0] as string;
}

function _memberGenotypes(
  tx: StoreWriter,
  f: StoredFamily,
): Map<string, ReadonlyMap<string, Genotype>> {
  const out = new Map<string, ReadonlyMap<string, Genotype>>();
  for (const [member, profileId] of f.members) {
    const p = tx.getProfile(profileId) as StoredProfile;
    // a withdrawn relative's sample is not used: the member is searched as untyped
    if (p.withdrawn === undefined) out.set(member, p.profile.genotypes);
  }
  return out;
}

function _tableKeys(table: FrequencyTable): Map<string, string> {
  return new Map([...table.markers.keys()].map((k) => [canonicalMarkerName(k), k]));
}

function _onTable(
  genotypes: ReadonlyMap<string, Genotype>,
  keys: ReadonlyMap<string, string>,
  note: (marker: string) => void,
): Map<string, Genotype> {
  const out = new Map<string, Genotype>();
  for (const [marker, g] of genotypes) {
    if (isSexMarker(marker)) continue;
    const key = keys.get(canonicalMarkerName(marker));
    if (key === undefined) note(marker);
    else out.set(key, g.length === 1 ? [g[0] as string, g[0] as string] : g);
  }
  return out;
}

function _loci(table: FrequencyTable, mutation: ReadonlyMap<string, Locus['mutation']>): Locus[] {
  return [...table.markers].map(([name, m]) => ({
    name,
    alleles: [...m.alleles],
    frequencies: [...m.frequencies],
    chromosome: resolveMarkerName(name)?.chromosome ?? 'autosomal',
    mutation: mutation.get(name) ?? null,
  }));
}

function _family(f: StoredFamily, genotypes: Map<string, Map<string, Genotype>>): Family {
  return {
    name: f.name,
    pedigree: createPedigree(f.pedigree, { path: ['families', f.name, 'pedigree'] }),
    records: f.pedigree,
    missing: f.missing,
    genotypes,
  };
}
