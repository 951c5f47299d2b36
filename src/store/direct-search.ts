/**
 * Direct matching in a store (issue 11 item 4): every pair of remains profiles (the same body in
 * several fragments) and every remains profile against every elimination profile (staff DNA on
 * remains), with the same-person LR of `findDirectMatches`, under each population's frequency
 * table as `kindred db search` uses it (the table's markers, the unseen-allele policy, theta) and
 * each profile's drop-out and drop-in (its own, else its kind's default). Withdrawn profiles are
 * left out, and so are the X markers of a pair in which neither sex is known (named in each
 * pair's `leftOut`). The pairs are reported, not recorded as matches: they are computed afresh over all
 * remains at every search (2,000 remains take well under a second).
 *
 * @module
 */
import type { DirectMatch, DirectProfile } from '../dvi/direct-match.js';
import { DEFAULT_DIRECT_THRESHOLD, findDirectMatches } from '../dvi/direct-match.js';
import {
  type AlleleRequest,
  DEFAULT_UNSEEN_POLICY,
  extendTable,
  type UnseenAllelePolicy,
} from '../frequencies/unseen.js';
import { _loci, _onTable, _tableKeys } from './match-search.js';
import type { StoredProfile, StoreReader } from './profile-store.js';
import { degradedObservation } from './store-observation.js';

/** Options of {@link findStoreDirectMatches}. */
export interface StoreDirectOptions {
  /** List pairs with LR at least this (default 10,000; 0 lists every compared pair). */
  readonly threshold?: number;
  /** Alleles missing from a table: as `kindred db search --unseen` (default: refused). */
  readonly unseen?: UnseenAllelePolicy;
}

/** The direct matches under one population's table. */
export interface StoreDirectMatches {
  /** The population whose table the LRs use. */
  readonly population: string;
  /** Pairs compared (sexes agree where both are known). */
  readonly compared: number;
  /** Remains pairs at or above the threshold, best first. */
  readonly remains: readonly DirectMatch[];
  /** Remains × elimination-profile pairs at or above the threshold, best first. */
  readonly elimination: readonly DirectMatch[];
}

/** Result of {@link findStoreDirectMatches}. */
export interface StoreDirectResult {
  /** The listing threshold (an LR). */
  readonly threshold: number;
  /** Per population (the store's tables, in their order). */
  readonly populations: readonly StoreDirectMatches[];
  /** Typed markers not in a table (not used there), with how many profiles had them. */
  readonly unusedMarkers: ReadonlyMap<string, number>;
}

/**
 * Direct matches of a store's remains among themselves and against its elimination profiles,
 * under each population's table (see the module comment).
 *
 * @param store - any store reader
 * @param options - listing threshold and unseen-allele policy
 * @returns per population the pairs compared and listed
 * @throws KindredError as `findDirectMatches` (`UNSUPPORTED` for two remains without a sex typed
 *   at an X marker) and `extendTable` (`UNSEEN_ALLELE` under the default policy)
 * @example
 * ```ts
 * findStoreDirectMatches(store).populations[0]?.remains.map((m) => [m.a, m.b]); // => [['V1', 'V3']]
 * ```
 */
export function findStoreDirectMatches(
  store: StoreReader,
  options: StoreDirectOptions = {},
): StoreDirectResult {
  const threshold = options.threshold ?? DEFAULT_DIRECT_THRESHOLD;
  const remains = store.listProfiles({ kind: 'remains', withdrawn: false });
  const staff = store.listProfiles({ kind: 'elimination', withdrawn: false });
  const noted = new Set<string>();
  const populations: StoreDirectMatches[] = [];
  for (const population of store.listPopulations()) {
    const stored = store.getFrequencyTable(population);
    if (stored === undefined) continue;
    const keys = _tableKeys(stored.table);
    const onTable = (p: StoredProfile) =>
      _onTable(p.profile.genotypes, keys, (marker) => {
        noted.add(`${p.profile.id}\u0000${marker}`);
      });
    const genotypes = new Map([...remains, ...staff].map((p) => [p.profile.id, onTable(p)]));
    const requests: AlleleRequest[] = [];
    for (const [person, g] of genotypes) {
      for (const [marker, alleles] of g)
        for (const allele of alleles)
          requests.push({ marker, allele, person, path: ['profiles', person, marker] });
    }
    const extended = extendTable(stored.table, requests, options.unseen ?? DEFAULT_UNSEEN_POLICY);
    const loci = _loci(extended.table, new Map());
    const profile = (p: StoredProfile): DirectProfile => {
      const o = degradedObservation(store, p);
      return {
        id: p.profile.id,
        genotypes: genotypes.get(p.profile.id)!,
        ...(p.profile.sex !== undefined ? { sex: p.profile.sex } : {}),
        ...(o !== undefined ? { observation: o } : {}),
      };
    };
    const found = findDirectMatches(loci, remains.map(profile), {
      theta: stored.theta,
      threshold,
      elimination: staff.map(profile),
      // a store's remains may lack a sex: such a pair leaves its X markers out, and says so
      xWithoutSex: 'leave out',
    });
    populations.push({
      population,
      compared: found.compared,
      remains: found.matches.filter((m) => m.kind === 'remains'),
      elimination: found.matches.filter((m) => m.kind === 'elimination'),
    });
  }
  const unused = new Map<string, number>();
  for (const key of noted) {
    const marker = key.slice(key.indexOf('\u0000') + 1);
    unused.set(marker, (unused.get(marker) ?? 0) + 1);
  }
  return { threshold, populations, unusedMarkers: unused };
}
