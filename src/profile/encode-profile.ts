/**
 * Encode profiles as allele indices against a frequency table, applying the unseen-allele policy.
 *
 * @module
 */
import { KindredError } from '../errors.js';
import type { FrequencyTable } from '../frequencies/frequency-table.js';
import {
  type AddedAllele,
  type AlleleRequest,
  DEFAULT_UNSEEN_POLICY,
  extendTable,
  type UnseenAllelePolicy,
} from '../frequencies/unseen.js';
import type { Sex } from '../pedigree/pedigree.js';
import { genotypePair } from './genotype.js';
import { canonicalMarkerName, isSexMarker } from './markers.js';
import type { Profile, ProfileKind } from './profile.js';

/** Two allele indices into the table's `alleles`, smaller first (equal for homozygotes and hemizygous males). */
export type EncodedGenotype = readonly [number, number];

/** A profile as allele indices. */
export interface EncodedProfile {
  readonly id: string;
  readonly kind: ProfileKind;
  readonly sex?: Sex;
  /** Index pairs by the table's marker name. */
  readonly genotypes: ReadonlyMap<string, EncodedGenotype>;
  /** Typed markers absent from the table (not encoded). Sex markers are never encoded or listed. */
  readonly skippedMarkers: readonly string[];
}

/** Options of {@link encodeProfiles}. */
export interface EncodeOptions {
  /** Unseen-allele policy; default `{ kind: 'error' }`. */
  readonly unseen?: UnseenAllelePolicy;
  /** File named in errors. */
  readonly file?: string;
}

/** Result of {@link encodeProfiles}. */
export interface EncodeProfilesResult {
  /** The table the indices refer to: the input table, extended when unseen alleles were added. */
  readonly table: FrequencyTable;
  readonly profiles: readonly EncodedProfile[];
  /** Every allele added under a `minimum` policy, with its frequency. */
  readonly added: readonly AddedAllele[];
  readonly renormalised: boolean;
}

/**
 * Encode several profiles against one table, so that every allele of every profile has an index
 * in the same (possibly extended) table.
 *
 * Profile markers match table markers by canonical name (`VWA` in a table matches `vWA`). Markers
 * the table lacks are listed in `skippedMarkers`; Amelogenin is never encoded. Alleles absent
 * from the table follow `options.unseen` (see `frequencies/unseen`): error by default, naming
 * the person, marker, allele and population, at path `['genotypes', id, marker, i]`.
 *
 * @param profiles - validated profiles
 * @param table - validated table
 * @param options - unseen-allele policy and file
 * @returns the table used, encoded profiles, added alleles, and whether the table was rescaled
 * @throws KindredError `UNSEEN_ALLELE` (policy), `UNKNOWN_MARKER` (two table markers with the same canonical name)
 * @example
 * ```ts
 * // table TH01: alleles ['6', '9.3']; profile P1 TH01: ['9.3', '6']
 * encodeProfiles([p1], table).profiles[0]?.genotypes.get('TH01'); // => [0, 1]
 * ```
 */
export function encodeProfiles(
  profiles: readonly Profile[],
  table: FrequencyTable,
  options: EncodeOptions = {},
): EncodeProfilesResult {
  const tableKey = _tableKeys(table);
  const requests: AlleleRequest[] = [];
  const plans = profiles.map((profile) => {
    const matched: [string, readonly [string, string]][] = [];
    const skipped: string[] = [];
    for (const [marker, genotype] of profile.genotypes) {
      if (isSexMarker(marker)) continue;
      const key = tableKey.get(canonicalMarkerName(marker));
      if (key === undefined) {
        skipped.push(marker);
        continue;
      }
      const pair = genotypePair(genotype);
      matched.push([key, pair]);
      genotype.forEach((allele, i) => {
        requests.push({
          marker: key,
          allele,
          person: profile.id,
          path: ['genotypes', profile.id, marker, i],
        });
      });
    }
    return { profile, matched, skipped };
  });
  const extended = extendTable(table, requests, options.unseen ?? DEFAULT_UNSEEN_POLICY, {
    ...(options.file !== undefined ? { file: options.file } : {}),
  });
  const encoded = plans.map(({ profile, matched, skipped }): EncodedProfile => {
    const genotypes = new Map<string, EncodedGenotype>();
    for (const [key, [a, b]] of matched) {
      const alleles = extended.table.markers.get(key)?.alleles ?? [];
      const i = alleles.indexOf(a);
      const j = alleles.indexOf(b);
      genotypes.set(key, i <= j ? [i, j] : [j, i]);
    }
    return {
      id: profile.id,
      kind: profile.kind,
      ...(profile.sex !== undefined ? { sex: profile.sex } : {}),
      genotypes,
      skippedMarkers: skipped,
    };
  });
  return {
    table: extended.table,
    profiles: encoded,
    added: extended.added,
    renormalised: extended.renormalised,
  };
}

/**
 * Encode one profile against a table (see {@link encodeProfiles}).
 *
 * @param profile - a validated profile
 * @param table - a validated table
 * @param options - unseen-allele policy and file
 * @returns the encoded profile, the table used, added alleles and whether it was rescaled
 * @throws KindredError `UNSEEN_ALLELE` under the default policy when an allele is not in the table
 * @example
 * ```ts
 * encodeProfile(p1, table).profile.genotypes.get('TH01'); // => [0, 1]
 * ```
 */
export function encodeProfile(
  profile: Profile,
  table: FrequencyTable,
  options: EncodeOptions = {},
): Omit<EncodeProfilesResult, 'profiles'> & { readonly profile: EncodedProfile } {
  const { profiles, ...rest } = encodeProfiles([profile], table, options);
  return { ...rest, profile: profiles[0] as EncodedProfile };
}

function _tableKeys(table: FrequencyTable): Map<string, string> {
  const keys = new Map<string, string>();
  for (const key of table.markers.keys()) {
    const canonical = canonicalMarkerName(key);
    const other = keys.get(canonical);
    if (other !== undefined) {
      throw new KindredError(
        'UNKNOWN_MARKER',
        `Frequency table of population "${table.population}" has markers "${other}" and "${key}", which both name ${canonical}`,
        { path: ['markers', key] },
      );
    }
    keys.set(canonical, key);
  }
  return keys;
}
