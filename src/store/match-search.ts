/**
 * Search what is new in a store and record the matches: every family not yet searched (new, or
 * changed since: a new member, a changed genotype, a new table) against every remains profile,
 * and every remains profile not yet searched against every family. Each pair's
 *
 *   LR = P(genotypes | victim is missing person m) / P(genotypes | victim unrelated)
 *
 * (the DVI pairwise LR of `spec/case-format.md`) comes from the search index (`SearchIndex`,
 * exact per-locus tables of each missing person). Pairs whose sexes are both known and differ
 * are excluded. A new pair (new remains, or a new or changed family) with log10 LR at or above
 * the recording threshold becomes a match record (status `new`); an existing record gets a new
 * version when its log10 LR, posterior or undisputed flag changed, keeping its review.
 *
 * Conclusions: every non-withdrawn remains is ranked against every non-withdrawn missing person
 * of its population's families with `rankAll` (the one ranking kernel; on the worker pool when
 * the caller passes `rank`, e.g. the CLI's `--threads`), which gives each pair its posterior
 * (flat prior over the sex-compatible candidates and "none of them", or `familyPriors`) and
 * the undisputed flag (Vigeland & Egeland 2021). Remains whose best `top` hits are all at or above
 * the recording threshold, and remains with existing matches beyond them, are ranked in full by
 * `rankFamilies` (same posterior).
 *
 * Three phases: a snapshot is read, the ranking runs (asynchronously, perhaps on worker
 * threads), and the results are written in one transaction that first checks that the store
 * has not changed since the snapshot (else `STORE_ERROR`, nothing written): nothing imported
 * meanwhile is marked searched without being searched, and a killed process leaves the search
 * either written whole or not at all.
 *
 * Drop-out and drop-in (`spec/degraded-dna.md`): each profile is searched with the observation
 * the store gives it (its own, else its kind's default; see `store-observation.ts`): degraded
 * remains through the index's degraded formula (exact at theta 0; a table with theta > 0 refuses
 * degraded remains, `UNSUPPORTED`), degraded relatives inside their family's exact likelihood.
 * The search's provenance lists the observation of every degraded profile it used.
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
import type { GenotypeMap } from '../profile/genotype-map.js';
import { canonicalMarkerName, isSexMarker, resolveMarkerName } from '../profile/markers.js';
import type { ObservationMap, SampleObservation } from '../profile/observation.js';
import { frequencyTableSHA256 } from '../provenance/frequency-hash.js';
import { createProvenance } from '../provenance/provenance.js';
import { prepareDVILoci } from '../search/case-budget.js';
import { SearchIndex } from '../search/index/search-index.js';
import type { RankOptions, SearchHit } from '../search/rank/hit.js';
import { rankFamilies } from '../search/rank/rank.js';
import { type RankAllResult, rankAll } from '../search/rank/rank-all.js';
import type { Family } from '../search/types.js';
import { matchProvenance } from './match-provenance.js';
import type {
  MatchInput,
  MatchRecord,
  ProfileStore,
  StoredFamily,
  StoredFrequencyTable,
  StoredProfile,
  StoreReader,
  StoreWriter,
  WriteContext,
} from './profile-store.js';
import { type SearchMutation, searchMutation } from './search-mutation.js';
import { degradedObservation } from './store-observation.js';

/** Default recording threshold: matches with LR ≥ 1 are recorded. */
export const DEFAULT_RECORD_LOG10LR = 0;

/** Hits per remains taken from `rankAll` before a full ranking is needed. */
const TOP = 10;

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
  /** Prior probability of each family (see `RankOptions.familyPriors`); default flat. */
  readonly familyPriors?: ReadonlyMap<string, number>;
  /**
   * How to run rankAll over an index (default: `rankAll` on this thread). The CLI passes the
   * worker pool's search, which returns exactly the same result.
   */
  readonly rank?: (index: SearchIndex, options: RankOptions) => Promise<RankAllResult>;
  /**
   * Called while each population's index is built, after each family and each remains, with
   * the count done and the total of that population (for a progress bar; it only observes).
   */
  readonly onIndexProgress?: (done: number, total: number, population: string) => void;
}

/** What a search did. */
export interface SearchSummary {
  readonly families: readonly string[];
  readonly remains: readonly string[];
  /** New victim–missing-person pairs compared (new remains, or new or changed families). */
  readonly pairs: number;
  /** New pairs left out because both sexes are known and differ. */
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
  /** History sequence number of the search's own entry (its provenance). */
  readonly historySeq: number;
  /**
   * The profiles searched with a drop-out or drop-in (their own or their kind's default), by
   * profile id, with the values used (degraded-dna.md).
   */
  readonly degraded: ReadonlyMap<string, SampleObservation>;
}

/**
 * Search the store and record matches with their conclusions (see module comment).
 *
 * @param store - the store
 * @param options - recording threshold, unseen-allele policy, search everything, priors, the
 *   acting user, and how to run the ranking (worker pool)
 * @returns what was searched and recorded
 * @throws KindredError `STORE_ERROR` (a family's population has no table, or several tables and
 *   none named; the store changed while the search ran), `UNSEEN_ALLELE`, `INVALID_MUTATION`,
 *   `TOO_COMPLEX`, `INVALID_PEDIGREE`, `ABORTED` (from the pool)
 * @example
 * ```ts
 * (await searchStore(store)).recorded; // => 2
 * ```
 */
export async function searchStore(
  store: ProfileStore,
  options: SearchStoreOptions = {},
): Promise<SearchSummary> {
  const plan = store.read((r) => _plan(r as StoreWriter, options));
  const rank = options.rank ?? (async (index, o) => rankAll(index, o));
  const results: _Result[] = [];
  for (const group of plan.groups) {
    const rankOptions: RankOptions = {
      top: TOP,
      ...(options.familyPriors !== undefined ? { familyPriors: options.familyPriors } : {}),
    };
    const all = await rank(group.index, rankOptions);
    for (const c of group.index.remains) {
      let hits = all.byRemains.get(c.id) ?? [];
      const last = hits.at(-1);
      const full =
        (hits.length === TOP && last?.log10LR != null && last.log10LR >= plan.threshold) ||
        group.existing.has(c.id);
      if (full) {
        const undisputed = new Set(
          hits.filter((h) => h.undisputed).map((h) => `${h.family}\u0000${h.missing}`),
        );
        hits = rankFamilies(group.index, c, {
          ...rankOptions,
          top: group.index.entries.length,
        }).map((h) => ({ ...h, undisputed: undisputed.has(`${h.family}\u0000${h.missing}`) }));
      }
      results.push({ remains: c.id, hits });
    }
  }
  return store.write((tx) => _record(tx, plan, results, options), options.context);
}

interface _Group {
  readonly population: string;
  readonly index: SearchIndex;
  /** Remains ids with existing matches in this group's families. */
  readonly existing: ReadonlySet<string>;
  readonly provenance: unknown;
}

interface _Plan {
  readonly threshold: number;
  readonly all: boolean;
  /** The last history entry when the snapshot was read. */
  readonly lastSeq: number;
  readonly groups: readonly _Group[];
  readonly newRemains: ReadonlySet<string>;
  readonly newFamilies: ReadonlySet<string>;
  readonly remainsSex: ReadonlyMap<string, string | undefined>;
  readonly addedAlleles: readonly AddedAllele[];
  readonly unused: ReadonlyMap<string, number>;
  readonly mutation: ReadonlyMap<string, Omit<SearchMutation, 'models'>>;
  readonly degraded: ReadonlyMap<string, SampleObservation>;
}

interface _Result {
  readonly remains: string;
  readonly hits: readonly SearchHit[];
}

function _plan(tx: StoreWriter, options: SearchStoreOptions): _Plan {
  const threshold = options.recordLog10LR ?? DEFAULT_RECORD_LOG10LR;
  const all = options.all === true;
  const families = tx.listFamilies({ withdrawn: false });
  const remains = tx.listProfiles({ kind: 'remains', withdrawn: false });
  const newRemains = new Set(remains.filter((r) => all || !r.searched).map((r) => r.profile.id));
  const newFamilies = new Set(families.filter((f) => all || !f.searched).map((f) => f.name));
  const added: AddedAllele[] = [];
  const unused = new Map<string, number>();
  const mutationUsed = new Map<string, Omit<SearchMutation, 'models'>>();
  const degraded = new Map<string, SampleObservation>();
  const byPopulation = new Map<string, StoredFamily[]>();
  for (const f of families) {
    const population = _population(tx, f);
    byPopulation.set(population, [...(byPopulation.get(population) ?? []), f]);
  }
  const groups: _Group[] = [];
  const matched = tx.listMatches({ withdrawn: false });
  for (const [population, group] of byPopulation) {
    const stored = tx.getFrequencyTable(population) as NonNullable<
      ReturnType<StoreWriter['getFrequencyTable']>
    >;
    if (remains.length === 0) continue;
    if (!all && newRemains.size === 0 && !group.some((f) => newFamilies.has(f.name))) {
      // nothing new for this population; existing matches keep their last result
      continue;
    }
    const onStep = options.onIndexProgress;
    const built = _groupIndex(
      tx,
      stored,
      group,
      remains,
      options.unseen,
      (marker) => unused.set(marker, (unused.get(marker) ?? 0) + 1),
      onStep === undefined ? undefined : (done, total) => onStep(done, total, population),
    );
    const { extended, mutation, loci, index, observations } = built;
    for (const [id, o] of observations) degraded.set(id, o);
    added.push(...extended.added);
    mutationUsed.set(population, { defaulted: mutation.defaulted, none: mutation.none });
    const names = new Set(group.map((f) => f.name));
    groups.push({
      population,
      index,
      existing: new Set(matched.filter((m) => names.has(m.family)).map((m) => m.victim)),
      provenance: {
        provenance: createProvenance({
          computation: 'kindred db search',
          frequencies: [
            {
              name: population,
              sha256: frequencyTableSHA256(stored.table),
              markers: stored.table.markers.size,
              alleles: [...stored.table.markers.values()].reduce((s, m) => s + m.alleles.length, 0),
            },
          ],
          theta: stored.theta,
          loci,
          unseen: options.unseen ?? DEFAULT_UNSEEN_POLICY,
          added: extended.added.map((a) => ({
            marker: a.marker,
            allele: a.allele,
            frequency: a.frequency,
          })),
          options: { recordLog10LR: threshold, all },
        }),
        tableVersion: tx.listHistory({ entity: 'table', key: population }).at(-1)?.seq ?? null,
        theta: stored.theta,
        mutation: Object.fromEntries(mutation.models),
        defaultMutation: mutation.defaulted,
        addedAlleles: extended.added,
        // the drop-out and drop-in each degraded profile was searched with (degraded-dna.md)
        observations: Object.fromEntries(observations),
      },
    });
  }
  return {
    threshold,
    all,
    lastSeq: tx.listHistory().at(-1)?.seq ?? 0,
    groups,
    newRemains,
    newFamilies,
    remainsSex: new Map(remains.map((r) => [r.profile.id, r.profile.sex])),
    addedAlleles: added,
    unused,
    mutation: mutationUsed,
    degraded: new Map([...degraded].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
  };
}

function _record(
  tx: StoreWriter,
  plan: _Plan,
  results: readonly _Result[],
  options: SearchStoreOptions,
): SearchSummary {
  const now = tx.listHistory().at(-1)?.seq ?? 0;
  if (now !== plan.lastSeq) {
    throw new KindredError(
      'STORE_ERROR',
      `The store changed while the search ran (history ${plan.lastSeq} → ${now}); nothing was recorded: run the search again`,
      { path: ['history'] },
    );
  }
  const summary = { pairs: 0, excludedBySex: 0, recorded: 0, updated: 0 };
  const pending: MatchInput[] = [];
  for (const group of plan.groups) {
    for (const e of group.index.entries) {
      if (!plan.newFamilies.has(e.family)) continue;
      for (const c of group.index.remains) {
        if (c.sex !== undefined && c.sex !== e.sex) summary.excludedBySex += 1;
      }
    }
    for (const c of group.index.remains) {
      if (!plan.newRemains.has(c.id)) continue;
      for (const e of group.index.entries) {
        if (plan.newFamilies.has(e.family)) continue;
        if (c.sex !== undefined && c.sex !== e.sex) summary.excludedBySex += 1;
      }
    }
  }
  for (const { remains, hits } of results) {
    for (const h of hits) {
      const isNew = plan.newRemains.has(remains) || plan.newFamilies.has(h.family);
      if (isNew) summary.pairs += 1;
      const existing = tx
        .listMatches({ victim: remains, family: h.family })
        .find((m) => m.missing === h.missing);
      if (existing === undefined && (!isNew || h.log10LR === null || h.log10LR < plan.threshold))
        continue;
      const match: MatchInput = {
        victim: remains,
        family: h.family,
        missing: h.missing,
        log10LR: h.log10LR,
        posterior: h.posterior,
        undisputed: h.undisputed,
      };
      if (existing === undefined) summary.recorded += 1;
      else if (
        existing.log10LR === match.log10LR &&
        existing.posterior === match.posterior &&
        existing.undisputed === match.undisputed
      )
        continue;
      else summary.updated += 1;
      pending.push(match);
    }
  }
  const searches = tx.listHistory({ entity: 'search' }).length;
  const families = [...plan.newFamilies];
  const remains = [...plan.newRemains];
  const entry = tx.appendHistory({
    entity: 'search',
    key: String(searches + 1),
    action: 'searched',
    data: {
      method:
        'exact pairwise LR (search index: per-locus LR tables of each missing person); posteriors and the undisputed rule by rankAll',
      options: {
        recordLog10LR: plan.threshold,
        all: plan.all,
        unseen: options.unseen ?? DEFAULT_UNSEEN_POLICY,
        familyPriors:
          options.familyPriors !== undefined ? Object.fromEntries(options.familyPriors) : null,
      },
      tables: Object.fromEntries(plan.groups.map((g) => [g.population, g.provenance])),
      families,
      remains,
      ...summary,
      unusedMarkers: Object.fromEntries(plan.unused),
    },
  });
  for (const m of pending) tx.recordMatch(m, { search: entry.seq });
  tx.markSearched(remains, families);
  return {
    families,
    remains,
    ...summary,
    addedAlleles: plan.addedAlleles,
    unusedMarkers: plan.unused,
    mutation: plan.mutation,
    historySeq: entry.seq,
    degraded: plan.degraded,
  };
}

function _population(tx: StoreReader, f: StoredFamily): string {
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

/** The typed members of a family (member id → genotypes) and the drop-out of the degraded ones. */
function _members(
  tx: StoreReader,
  f: StoredFamily,
): {
  genotypes: Map<string, ReadonlyMap<string, Genotype>>;
  observation: Map<string, SampleObservation>;
} {
  const genotypes = new Map<string, ReadonlyMap<string, Genotype>>();
  const observation = new Map<string, SampleObservation>();
  for (const [member, profileId] of f.members) {
    const p = tx.getProfile(profileId) as StoredProfile;
    // a withdrawn relative's sample is not used: the member is searched as untyped
    if (p.withdrawn !== undefined) continue;
    genotypes.set(member, p.profile.genotypes);
    const o = degradedObservation(tx, p);
    if (o !== undefined) observation.set(member, o);
  }
  return { genotypes, observation };
}

/** Canonical marker name → the table's own name for it (shared with `direct-search.ts`). */
export function _tableKeys(table: FrequencyTable): Map<string, string> {
  return new Map([...table.markers.keys()].map((k) => [canonicalMarkerName(k), k]));
}

/** A profile's genotypes on a table's markers (sex markers dropped, others noted), one allele as two. */
export function _onTable(
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

/** A table's markers as engine loci, chromosome from the marker name, with the given models. */
export function _loci(
  table: FrequencyTable,
  mutation: ReadonlyMap<string, Locus['mutation']>,
): Locus[] {
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

/** What {@link _groupIndex} builds for one population. */
interface _GroupIndex {
  readonly extended: ReturnType<typeof extendTable>;
  readonly mutation: SearchMutation;
  readonly loci: Locus[];
  readonly index: SearchIndex;
  /** Drop-out and drop-in of the degraded profiles searched, by profile id. */
  readonly observations: ReadonlyMap<string, SampleObservation>;
}

/**
 * The search index of one population's families and the remains: typed markers on the table
 * (others noted), the table extended by the unseen-allele policy, the stored (or default)
 * mutation models and theta. The one way the store builds an index (search and match pages).
 */
function _groupIndex(
  tx: StoreReader,
  stored: StoredFrequencyTable,
  group: readonly StoredFamily[],
  remains: readonly StoredProfile[],
  unseen: UnseenAllelePolicy | undefined,
  note: (marker: string) => void,
  onStep?: (done: number, total: number) => void,
): _GroupIndex {
  const members = group.map((f) => _members(tx, f));
  const keys = _tableKeys(stored.table);
  const usable = (g: ReadonlyMap<string, Genotype>) => _onTable(g, keys, note);
  const requests: AlleleRequest[] = [];
  const remainsGenotypes = new Map(remains.map((r) => [r.profile.id, usable(r.profile.genotypes)]));
  const familyGenotypes = members.map(
    (m) => new Map([...m.genotypes].map(([id, g]) => [id, usable(g)])),
  );
  const observations = new Map<string, SampleObservation>();
  for (const [person, g] of [...remainsGenotypes, ...familyGenotypes.flatMap((m) => [...m])]) {
    for (const [marker, alleles] of g) {
      for (const allele of alleles)
        requests.push({ marker, allele, person, path: ['profiles', person, marker] });
    }
  }
  const extended = extendTable(stored.table, requests, unseen ?? DEFAULT_UNSEEN_POLICY);
  const mutation = searchMutation(extended.table, stored.mutation);
  const loci = _loci(extended.table, mutation.models);
  const index = new SearchIndex(loci, { theta: stored.theta });
  const families = group.map((f, i) =>
    _family(f, familyGenotypes[i] as Map<string, Map<string, Genotype>>),
  );
  // Each family is costed by addFamily as a case of its own (the budget of kindred dvi), with
  // every allele the remains or relatives carry, before any of its likelihoods is computed.
  const prepared = prepareDVILoci({
    format: 'kindred-dvi/1',
    id: `the store (population "${stored.table.population}")`,
    theta: stored.theta,
    loci,
    victims: remainsGenotypes,
    victimSex: new Map(),
    families,
  });
  const total = group.length + remains.length;
  let done = 0;
  group.forEach((f, i) => {
    const observation = (members[i] as (typeof members)[number]).observation;
    for (const [member, o] of observation) observations.set(f.members.get(member) as string, o);
    index.addFamily(
      families[i] as Family,
      observation.size > 0 ? observation : undefined,
      prepared,
    );
    onStep?.(++done, total);
  });
  for (const r of remains) {
    const observation = degradedObservation(tx, r);
    if (observation !== undefined) observations.set(r.profile.id, observation);
    index.addRemains(
      r.profile.id,
      remainsGenotypes.get(r.profile.id) as Map<string, Genotype>,
      r.profile.sex,
      observation,
    );
    onStep?.(++done, total);
  }
  return { extended, mutation, loci, index, observations };
}

/** One marker of {@link matchLoci}. */
export interface MatchLocus {
  /** The marker (the table's name for it). */
  readonly marker: string;
  /** True when the remains is typed here and the family has data at the marker. */
  readonly compared: boolean;
  /** log10 LR at the marker (0 when not compared; null for an exclusion, LR = 0). */
  readonly log10LR: number | null;
  /** True when the remains were treated as degraded at the marker (drop-out, drop-in or a silent allele). */
  readonly degraded: boolean;
  /** True when the family's side was treated as degraded at the marker (a degraded relative or a silent allele). */
  readonly referenceDegraded: boolean;
}

/** The per-marker LRs of a stored match, recomputed from the store as it is now. */
export interface MatchLoci {
  readonly loci: readonly MatchLocus[];
  /** Sum over the markers (null when a marker excludes). */
  readonly log10LR: number | null;
  /**
   * True when the recomputed log10 LR equals the match's recorded one (within 1e-9): the store's
   * family, profiles, table and models are those the match was computed with, as far as the LR
   * can tell. False: something changed since (run `kindred db search`).
   */
  readonly agrees: boolean;
}

/**
 * The per-marker LRs of a stored match (remains placed on the missing person against unrelated),
 * computed exactly as `kindred db search` computes them, from the store as it is now: same index
 * construction, table, stored or default mutation models, theta, and the unseen-allele policy the
 * match's own search used (from its provenance; `error` when it has none).
 *
 * @param store - any store reader
 * @param match - a match of that store
 * @returns the per-marker LRs, their sum and whether it agrees with the recorded LR
 * @throws KindredError `STORE_ERROR` (the match's family or remains is no longer in the store,
 *   its population has no table), and as `searchStore` (`UNSEEN_ALLELE`, `TOO_COMPLEX`, …)
 * @example
 * ```ts
 * matchLoci(store, store.getMatch(1)!).agrees; // => true
 * ```
 */
export function matchLoci(store: StoreReader, match: MatchRecord): MatchLoci {
  const family = store.getFamily(match.family);
  const remains = store.getProfile(match.victim);
  if (family === undefined || remains === undefined) {
    throw new KindredError(
      'STORE_ERROR',
      `Match ${match.id}: ${family === undefined ? `family "${match.family}"` : `remains "${match.victim}"`} is no longer in the store`,
      { path: ['matches', String(match.id)] },
    );
  }
  const population = _population(store, family);
  const stored = store.getFrequencyTable(population) as StoredFrequencyTable;
  const unseen = matchProvenance(store, match)?.unseenAlleles.policy;
  // Under a `minimum` policy the table is extended by every allele of the population's search
  // (with renormalisation), so the index is built over the same families and remains as the
  // search; otherwise nothing depends on the other profiles and this pair alone suffices.
  const whole = unseen !== undefined && unseen.kind !== 'error';
  const families = [family];
  const allRemains = [remains];
  if (whole) {
    for (const f of store.listFamilies({ withdrawn: false }))
      if (f.name !== family.name && _population(store, f) === population) families.push(f);
    for (const r of store.listProfiles({ kind: 'remains', withdrawn: false }))
      if (r.profile.id !== remains.profile.id) allRemains.push(r);
  }
  const { index } = _groupIndex(store, stored, families, allRemains, unseen, () => {});
  const entry = index.entries.find((e) => e.missing === match.missing);
  const candidate = index.getRemains(match.victim);
  if (entry === undefined || candidate === undefined) {
    throw new KindredError(
      'STORE_ERROR',
      `Match ${match.id}: "${match.missing}" is not a missing person of family "${match.family}"`,
      { path: ['matches', String(match.id)] },
    );
  }
  const loci = index.scoreLoci(candidate, entry).map(
    (s): MatchLocus => ({
      marker: s.locus,
      compared: s.compared,
      log10LR: s.logLR === Number.NEGATIVE_INFINITY ? null : s.logLR / Math.LN10,
      degraded: s.degraded === true,
      referenceDegraded: s.referenceDegraded,
    }),
  );
  const log10LR = loci.some((l) => l.log10LR === null)
    ? null
    : loci.reduce((t, l) => t + (l.log10LR as number), 0);
  const agrees =
    log10LR === null || match.log10LR === null
      ? log10LR === match.log10LR
      : Math.abs(log10LR - match.log10LR) <= 1e-9 * Math.max(1, Math.abs(match.log10LR));
  return { loci, log10LR, agrees };
}
