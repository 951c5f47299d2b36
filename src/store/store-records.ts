/**
 * Rules and plain-text forms shared by both store implementations: family validation against the
 * stored profiles, equality (to tell `changed` from `unchanged`), match ordering, and the JSON
 * text a row holds (genotypes as `[marker, alleles]` pairs, so no marker name is ever an object
 * key).
 *
 * @module
 */
import { KindredError } from '../errors.js';
import type { FrequencyTable, MarkerFrequencies } from '../frequencies/frequency-table.js';
import type { MutationSpec } from '../mutation/types.js';
import { createPedigree } from '../pedigree/create-pedigree.js';
import { FEMALE, isSameAsRecord, type PedigreeRecord, type Sex } from '../pedigree/pedigree.js';
import { type Genotype, sameGenotype } from '../profile/genotype.js';
import type { Profile, ProfileKind } from '../profile/profile.js';
import type { FamilyInput, MatchRecord, StoredProfile } from './profile-store.js';
import { profileExtra } from './store-history.js';

/** A family after validation: what both stores keep. */
export interface CheckedFamily {
  readonly name: string;
  readonly pedigree: readonly PedigreeRecord[];
  readonly missing: readonly string[];
  readonly members: ReadonlyMap<string, string>;
  readonly population?: string;
  readonly source?: string;
}

/**
 * Validate a family against the profiles in the store.
 *
 * @param input - the family
 * @param lookup - the stored profile of an id, if any
 * @returns the family with members in pedigree order
 * @throws KindredError `INVALID_PEDIGREE` (pedigree rules, member sex against the profile's sex),
 *   `STORE_ERROR` (unknown member or profile, remains mapped as a relative, missing person typed)
 */
export function checkFamily(
  input: FamilyInput,
  lookup: (id: string) => StoredProfile | undefined,
): CheckedFamily {
  const name = input.name;
  if (typeof name !== 'string' || name.trim() === '') {
    throw _storeError(`Family name must be a non-empty string, got ${JSON.stringify(name)}`, [
      'name',
    ]);
  }
  const base = ['families', name];
  const pedigree = createPedigree(input.pedigree, { path: [...base, 'pedigree'] });
  const records = input.pedigree.map((r) => ({ ...r }));
  const members =
    input.members instanceof Map
      ? new Map(input.members)
      : new Map(Object.entries(input.members as Record<string, string>));
  const missing = [...input.missing];
  if (missing.length === 0) {
    throw _storeError(`Family "${name}" names no missing person`, [...base, 'missing']);
  }
  missing.forEach((id, i) => {
    const row = pedigree.index.get(id);
    if (row === undefined || pedigree.sameAs[row]! >= 0 || missing.indexOf(id) !== i) {
      const why = row === undefined ? 'is not in its pedigree' : 'is a sameAs row or repeated';
      throw _storeError(`Missing person "${id}" of family "${name}" ${why}`, [
        ...base,
        'missing',
        i,
      ]);
    }
    if (members.has(id)) {
      throw _storeError(
        `Missing person "${id}" of family "${name}" is mapped to profile "${members.get(id)}"; a missing person is untyped (record a direct reference as a sameAs row)`,
        [...base, 'members', id],
      );
    }
  });
  const used = new Map<string, string>();
  for (const [member, profileId] of members) {
    const path = [...base, 'members', member];
    const row = pedigree.index.get(member);
    if (row === undefined) {
      throw _storeError(`Family "${name}" maps "${member}", who is not in its pedigree`, path);
    }
    const stored = lookup(profileId);
    if (stored === undefined) {
      throw _storeError(
        `Member "${member}" of family "${name}" refers to profile "${profileId}", which is not in the store`,
        path,
      );
    }
    if (stored.profile.kind !== 'reference' && stored.profile.kind !== 'direct') {
      throw _storeError(
        `Member "${member}" of family "${name}" refers to profile "${profileId}" of kind ${stored.profile.kind}; only reference and direct profiles can be family members`,
        path,
      );
    }
    const other = used.get(profileId);
    if (other !== undefined) {
      throw _storeError(
        `Profile "${profileId}" is mapped twice in family "${name}" (members "${other}" and "${member}")`,
        path,
      );
    }
    used.set(profileId, member);
    const sex: Sex = pedigree.sex[row] === FEMALE ? 'female' : 'male';
    if (stored.profile.sex !== undefined && stored.profile.sex !== sex) {
      throw new KindredError(
        'INVALID_PEDIGREE',
        `Member "${member}" of family "${name}" is ${sex} in the pedigree but profile "${profileId}" is ${stored.profile.sex}`,
        { path },
      );
    }
  }
  const ordered = new Map<string, string>();
  for (const r of records) {
    const p = members.get(r.id);
    if (p !== undefined) ordered.set(r.id, p);
  }
  return {
    name,
    pedigree: records,
    missing,
    members: ordered,
    ...(input.population !== undefined ? { population: input.population } : {}),
    ...(input.source !== undefined ? { source: input.source } : {}),
  };
}

/**
 * True when two profiles hold the same kind, sex and unordered genotypes at the same markers.
 *
 * @example
 * ```ts
 * sameProfile(a, a); // => true
 * ```
 */
export function sameProfile(a: Profile, b: Profile): boolean {
  if (a.id !== b.id || a.kind !== b.kind || a.sex !== b.sex) return false;
  if (JSON.stringify(profileExtra(a)) !== JSON.stringify(profileExtra(b))) return false;
  if (a.genotypes.size !== b.genotypes.size) return false;
  for (const [marker, g] of a.genotypes) {
    const other = b.genotypes.get(marker);
    if (other === undefined || !sameGenotype(g, other)) return false;
  }
  return true;
}

/** True when two families have the same pedigree rows, missing persons, members and population. */
export function sameFamily(a: CheckedFamily, b: CheckedFamily): boolean {
  return familyKey(a) === familyKey(b);
}

function familyKey(f: CheckedFamily): string {
  return JSON.stringify([f.pedigree, f.missing, [...f.members], f.population ?? null]);
}

/**
 * Order matches for listing: highest log10LR first, LR 0 (null) last, then by id.
 *
 * @example
 * ```ts
 * [{ id: 2, log10LR: null }, { id: 1, log10LR: 3 }].sort(compareMatches).map((m) => m.id); // => [1, 2]
 * ```
 */
export function compareMatches(
  a: Pick<MatchRecord, 'id' | 'log10LR'>,
  b: Pick<MatchRecord, 'id' | 'log10LR'>,
): number {
  const la = a.log10LR ?? Number.NEGATIVE_INFINITY;
  const lb = b.log10LR ?? Number.NEGATIVE_INFINITY;
  if (la !== lb) return lb > la ? 1 : -1;
  return a.id - b.id;
}

/** Genotypes as JSON text: `[[marker, [alleles…]], …]`. */
export function genotypesToText(genotypes: ReadonlyMap<string, Genotype>): string {
  return JSON.stringify([...genotypes]);
}

/**
 * Rebuild a stored profile (trusted: it was validated before it was written).
 *
 * @throws KindredError `STORE_ERROR` when the text is not the stored form
 */
export function profileFromText(
  id: string,
  kind: string,
  sex: string | null,
  genotypes: string,
  extra: string | null = null,
): Profile {
  let pairs: unknown;
  try {
    pairs = JSON.parse(genotypes);
  } catch (e) {
    throw _storeError(
      `Stored genotypes of profile "${id}" are not valid JSON`,
      ['profiles', id],
      e,
    );
  }
  if (!Array.isArray(pairs)) {
    throw _storeError(`Stored genotypes of profile "${id}" are not a list`, ['profiles', id]);
  }
  const map = new Map<string, Genotype>();
  for (const [marker, alleles] of pairs as [string, string[]][]) {
    map.set(marker, Object.freeze(alleles));
  }
  const fields = extra === null ? {} : (JSON.parse(extra) as Record<string, unknown>);
  return Object.freeze({
    ...fields,
    id,
    kind: kind as ProfileKind,
    ...(sex === 'male' || sex === 'female' ? { sex: sex as Sex } : {}),
    genotypes: map,
  });
}

/** A frequency table (and its mutation models) as JSON text. */
export function tableToText(table: FrequencyTable, mutation: ReadonlyMap<string, MutationSpec>) {
  return {
    markers: JSON.stringify([...table.markers]),
    mutation: JSON.stringify([...mutation]),
  };
}

/** Rebuild a stored frequency table and its mutation models (trusted). */
export function tableFromText(
  population: string,
  source: string | null,
  markers: string,
  mutation: string,
): { table: FrequencyTable; mutation: ReadonlyMap<string, MutationSpec> } {
  const entries = JSON.parse(markers) as [string, MarkerFrequencies][];
  const table: FrequencyTable = Object.freeze({
    population,
    markers: new Map(entries.map(([m, f]) => [m, Object.freeze(f)])),
    ...(source !== null ? { source } : {}),
  });
  return { table, mutation: new Map(JSON.parse(mutation) as [string, MutationSpec][]) };
}

/** True when the rows include `sameAs` entries (used by exporters that cannot write them). */
export function hasSameAs(records: readonly PedigreeRecord[]): boolean {
  return records.some(isSameAsRecord);
}

function _storeError(detail: string, path: (string | number)[], cause?: unknown): KindredError {
  return new KindredError('STORE_ERROR', detail, {
    path,
    ...(cause !== undefined ? { cause } : {}),
  });
}
