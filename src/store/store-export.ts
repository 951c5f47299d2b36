/**
 * Export a store's programme for other tools: as a Familias `.fam` file with a `[DVI]` section
 * (remains as unidentified persons, families as reference families, the population's table as
 * the database), or as a `kindred-dvi/1` document for `kindred dvi`.
 *
 * In the `kindred-dvi/1` export every family member id is prefixed with its family name
 * (`F-001/MP`), because that format needs person ids unique across the document (`db import`
 * takes the prefix off again), and the case id is the population; every profile searched with
 * a drop-out or drop-in (its own, or its kind's default) gets its `observation` entry, and
 * genotypes are written as stored (one allele: only that one was seen). In the `.fam` export the
 * missing person is named `Missing person (ID)` (Familias and R dvir recognise a missing person
 * by its name starting `Missing person`; `db import` takes the wrapping off again), unless its id
 * already starts `Missing person` and is not itself of that wrapped form. A `.fam` file has no
 * per-sample drop-out, so a degraded profile is refused (`UNSUPPORTED`), as is a silent allele;
 * `DatabaseSize` is the table's sample size n/2 (0 when n is not known; an odd n is refused).
 *
 * What neither format has a field for is written where `export-fields.ts` says: the profile id
 * of each member whose profile is not named `FAMILY/MEMBER` (`store.referenceProfiles`; a
 * `.fam` family's note), and the markers stored as searched without mutation, which both
 * formats otherwise write as they write a marker with no model (`store.noMutation`; the `.fam`
 * file's note).
 *
 * Both exports hold what a search uses: withdrawn profiles and families are left out (a
 * withdrawn relative's family is written with that member untyped), and so are elimination
 * profiles in `.fam` (`kindred-dvi/1` writes them as its elimination set), and reference
 * profiles that no exported family names; {@link exportOmissions} lists them. Genotypes at markers the table lacks are left out (listed in `unusedMarkers`);
 * Amelogenin gives `victimSex`.
 *
 * @module
 */
import { KindredError } from '../errors.js';
import type { FamiliasDVIPerson } from '../io/familias-dvi.js';
import type { FamiliasFile } from '../io/familias-fam.js';
import { isSameAsRecord, type PedigreeRecord } from '../pedigree/pedigree.js';
import type { Genotype } from '../profile/genotype.js';
import { canonicalMarkerName, isSexMarker, resolveMarkerName } from '../profile/markers.js';
import { SILENT_ALLELE } from '../profile/observation.js';
import {
  defaultProfileId,
  formatDVIStoreField,
  formatFamNote,
  formatFamProfileNote,
  type StoreFields,
} from './export-fields.js';
import type {
  StoredFamily,
  StoredFrequencyTable,
  StoredProfile,
  StoreReader,
} from './profile-store.js';
import { effectiveObservation } from './store-observation.js';

/** The `.fam` name of a missing person: `Missing person (ID)` (see the module comment). */
export function famMissingName(id: string): string {
  return /^missing person/i.test(id) && !WRAPPED.test(id) ? id : `Missing person (${id})`;
}

/** A missing person's name as `famMissingName` writes it: `Missing person (ID)`. */
const WRAPPED = /^Missing person \((.*)\)$/s;

/**
 * The id a `.fam` missing-person name stands for: the `ID` of `Missing person (ID)`, else the
 * name itself.
 *
 * @example
 * ```ts
 * famMissingId('Missing person (MP)'); // => 'MP'
 * ```
 */
export function famMissingId(name: string): string {
  return WRAPPED.exec(name)?.[1] ?? name;
}

/** What the exports leave out because no search uses it. */
export interface ExportOmissions {
  /** Withdrawn profiles (remains, or relatives whose families are written without them). */
  readonly withdrawnProfiles: readonly string[];
  readonly withdrawnFamilies: readonly string[];
  /** Elimination profiles (the `.fam` export has no place for them; `--to dvi` writes them as `elimination`). */
  readonly elimination: readonly string[];
  /**
   * Reference and direct profiles (not withdrawn) that no exported family names as a member (in
   * no family, or only in withdrawn ones): neither format has a place for a relative apart from
   * a family.
   */
  readonly unattached: readonly string[];
}

/**
 * What {@link exportFamilias} and {@link exportDVIDocument} leave out.
 *
 * @throws KindredError `STORE_ERROR` (no or several tables), as the exports
 * @example
 * ```ts
 * exportOmissions(store).withdrawnProfiles; // => ['V-03']
 * ```
 */
export function exportOmissions(store: StoreReader, options: ExportOptions = {}): ExportOmissions {
  _table(store, options);
  return {
    withdrawnProfiles: store.listProfiles({ withdrawn: true }).map((p) => p.profile.id),
    withdrawnFamilies: store.listFamilies({ withdrawn: true }).map((f) => f.name),
    elimination: store
      .listProfiles({ kind: 'elimination', withdrawn: false })
      .map((p) => p.profile.id),
    unattached: _unattached(store),
  };
}

function _unattached(store: StoreReader): string[] {
  const members = new Set(
    store.listFamilies({ withdrawn: false }).flatMap((f) => [...f.members.values()]),
  );
  return store
    .listProfiles({ withdrawn: false })
    .filter(
      (p) =>
        (p.profile.kind === 'reference' || p.profile.kind === 'direct') &&
        !members.has(p.profile.id),
    )
    .map((p) => p.profile.id);
}

/** The current remains and families, and the usable profile of each family member. */
function _programme(store: StoreReader) {
  const remains = store.listProfiles({ kind: 'remains', withdrawn: false });
  const families = store.listFamilies({ withdrawn: false });
  const member = (profileId: string): StoredProfile | undefined => {
    const p = store.getProfile(profileId);
    return p === undefined || p.withdrawn !== undefined ? undefined : p;
  };
  return { remains, families, member };
}

/**
 * What both exports write beyond their formats' fields (`export-fields.ts`): the profile ids of
 * the exported members not named `FAMILY/MEMBER`, and the table's markers stored as none.
 */
function _storeFields(
  programme: ReturnType<typeof _programme>,
  stored: StoredFrequencyTable,
): StoreFields {
  const referenceProfiles = new Map<string, Map<string, string>>();
  for (const f of programme.families) {
    const own = new Map<string, string>();
    for (const [member, profileId] of f.members) {
      if (
        programme.member(profileId) !== undefined &&
        profileId !== defaultProfileId(f.name, member)
      )
        own.set(member, profileId);
    }
    if (own.size > 0) referenceProfiles.set(f.name, own);
  }
  const noMutation = [...stored.table.markers.keys()].filter(
    (m) => stored.mutation.has(m) && stored.mutation.get(m) === null,
  );
  return { referenceProfiles, noMutation };
}

/** Options of the exports. */
export interface ExportOptions {
  /** Population whose table to export (default: the store's only one). */
  readonly population?: string;
}

/**
 * The store as a Familias DVI file (write it with `formatFamiliasFam`).
 *
 * @param store - any store reader
 * @param options - population
 * @returns the file model
 * @throws KindredError `STORE_ERROR` (no or several tables), `UNSUPPORTED` (a `sameAs` row:
 *   `.fam` has no direct references)
 * @example
 * ```ts
 * formatFamiliasFam(exportFamilias(store)).includes('[DVI]'); // => true
 * ```
 */
export function exportFamilias(store: StoreReader, options: ExportOptions = {}): FamiliasFile {
  const stored = _table(store, options);
  const person = (
    id: string,
    sex: FamiliasDVIPerson['sex'],
    g: ReadonlyMap<string, Genotype>,
  ): FamiliasDVIPerson => ({
    id,
    ...(sex !== undefined ? { sex } : {}),
    genotypes: new Map(
      [...g]
        .filter(([m]) => !isSexMarker(m))
        .map(([m, a]) => [m, [a[0] as string, (a[1] ?? a[0]) as string] as const]),
    ),
  });
  const programme = _programme(store);
  const fields = _storeFields(programme, stored);
  const refuseDegraded = (p: StoredProfile, where: string) => {
    const o = effectiveObservation(store, p);
    if (o !== undefined && (o.dropout > 0 || o.dropin > 0)) {
      throw new KindredError(
        'UNSUPPORTED',
        `Profile "${p.profile.id}"${where} is searched with dropout ${o.dropout} and dropin ${o.dropin}${p.observation === undefined ? ` (the default of ${p.profile.kind} profiles)` : ''}, which a .fam file cannot hold (its drop-out is one rate per locus, not per sample); export --to dvi instead`,
        { path: ['profiles', p.profile.id, 'observation'] },
      );
    }
  };
  const unidentified = programme.remains.map((r) => {
    refuseDegraded(r, '');
    return person(r.profile.id, r.profile.sex, r.profile.genotypes);
  });
  const families = programme.families.map((f: StoredFamily) => {
    if (f.pedigree.some(isSameAsRecord)) {
      throw new KindredError(
        'UNSUPPORTED',
        `Family "${f.name}" has a sameAs row (direct reference), which a .fam file cannot hold`,
        {
          path: ['families', f.name, 'pedigree'],
        },
      );
    }
    const rename = (id: string) => (f.missing.includes(id) ? famMissingName(id) : id);
    const persons = [...f.members].flatMap(([member, profileId]) => {
      const p = programme.member(profileId);
      if (p === undefined) return [];
      refuseDegraded(p, ` (member "${member}" of family "${f.name}")`);
      return [person(member, p.profile.sex, p.profile.genotypes)];
    });
    const records = (f.pedigree as FamiliasFile['pedigrees'][number]['records']).map((r) => ({
      ...r,
      id: rename(r.id),
      father: r.father === null ? null : rename(r.father),
      mother: r.mother === null ? null : rename(r.mother),
    }));
    const note = formatFamProfileNote(fields.referenceProfiles.get(f.name) ?? new Map());
    return {
      name: f.name,
      persons,
      records,
      missing: f.missing.map(rename),
      ...(note !== undefined ? { note } : {}),
    };
  });
  return {
    version: '3.3.1',
    note: formatFamNote(fields.noMutation),
    persons: [],
    pedigrees: [],
    database: {
      name: stored.table.population,
      theta: stored.theta,
      loci: [...stored.table.markers].map(([name, m]) => {
        if (m.alleles.includes(SILENT_ALLELE)) {
          throw new KindredError(
            'UNSUPPORTED',
            `Marker ${name} of population "${stored.table.population}" has the silent allele, which this .fam export does not write; export --to dvi instead`,
            { path: ['tables', stored.table.population, 'markers', name] },
          );
        }
        if (m.n !== undefined && m.n % 2 !== 0) {
          throw new KindredError(
            'UNSUPPORTED',
            `Marker ${name} of population "${stored.table.population}" has sample size n = ${m.n} alleles, which is not a whole number of individuals: a .fam file's DatabaseSize counts individuals; export --to dvi instead`,
            { path: ['tables', stored.table.population, 'markers', name, 'n'] },
          );
        }
        return {
          name,
          alleles: m.alleles,
          frequencies: m.frequencies,
          mutation: stored.mutation.get(name) ?? null,
          // 0: the sample size is not known (db import reads it back as none)
          databaseSize: m.n === undefined ? 0 : m.n / 2,
        };
      }),
    },
    dvi: { unidentified, families },
  };
}

/**
 * The store as a `kindred-dvi/1` JSON document (a plain object; `JSON.stringify` it).
 *
 * @param store - any store reader
 * @param options - population
 * @returns the document and the typed markers left out
 * @throws KindredError `STORE_ERROR` (no or several tables, no remains)
 * @example
 * ```ts
 * exportDVIDocument(store).document.format; // => 'kindred-dvi/1'
 * ```
 */
export function exportDVIDocument(
  store: StoreReader,
  options: ExportOptions = {},
): { document: Record<string, unknown>; unusedMarkers: string[] } {
  const stored = _table(store, options);
  const keys = new Map([...stored.table.markers.keys()].map((k) => [canonicalMarkerName(k), k]));
  const unused = new Set<string>();
  const onTable = (g: ReadonlyMap<string, Genotype>) => {
    const out: Record<string, string[]> = Object.create(null);
    for (const [m, a] of g) {
      if (isSexMarker(m)) continue;
      const key = keys.get(canonicalMarkerName(m));
      if (key === undefined) unused.add(m);
      else out[key] = [...a];
    }
    return out;
  };
  const programme = _programme(store);
  const fields = formatDVIStoreField(_storeFields(programme, stored));
  const observation: Record<string, { dropout: number; dropin: number }> = Object.create(null);
  const observe = (sample: string, p: StoredProfile) => {
    const o = effectiveObservation(store, p);
    if (o !== undefined) observation[sample] = { dropout: o.dropout, dropin: o.dropin };
  };
  const victims: Record<string, unknown> = Object.create(null);
  const victimSex: Record<string, string> = Object.create(null);
  for (const r of programme.remains) {
    victims[r.profile.id] = onTable(r.profile.genotypes);
    if (r.profile.sex !== undefined) victimSex[r.profile.id] = r.profile.sex;
    observe(r.profile.id, r);
  }
  // the elimination set (docs/dvi.md), which `kindred dvi` compares with the remains
  const elimination: Record<string, unknown> = Object.create(null);
  const eliminationSex: Record<string, string> = Object.create(null);
  for (const e of store.listProfiles({ kind: 'elimination', withdrawn: false })) {
    elimination[e.profile.id] = onTable(e.profile.genotypes);
    if (e.profile.sex !== undefined) eliminationSex[e.profile.id] = e.profile.sex;
    observe(e.profile.id, e);
  }
  const families = programme.families.map((f) => {
    const rename = (id: string) => `${f.name}/${id}`;
    const genotypes: Record<string, unknown> = Object.create(null);
    for (const [member, profileId] of f.members) {
      const p = programme.member(profileId);
      if (p === undefined) continue;
      genotypes[rename(member)] = onTable(p.profile.genotypes);
      observe(rename(member), p);
    }
    return {
      name: f.name,
      pedigree: f.pedigree.map((r: PedigreeRecord) =>
        isSameAsRecord(r)
          ? { id: rename(r.id), sameAs: rename(r.sameAs) }
          : {
              ...r,
              id: rename(r.id),
              father: r.father === null ? null : rename(r.father),
              mother: r.mother === null ? null : rename(r.mother),
            },
      ),
      missing: f.missing.map(rename),
      genotypes,
    };
  });
  const document = {
    format: 'kindred-dvi/1',
    // the population as the case id: `db import` names the table after the id, so it comes back
    id: stored.table.population,
    theta: stored.theta,
    loci: [...stored.table.markers].map(([name, m]) => ({
      name,
      alleles: [...m.alleles],
      frequencies: [...m.frequencies],
      mutation: stored.mutation.get(name) ?? null,
      chromosome: resolveMarkerName(name)?.chromosome ?? 'autosomal',
    })),
    victims,
    victimSex,
    families,
    ...(Object.keys(observation).length > 0 ? { observation } : {}),
    ...(Object.keys(elimination).length > 0 ? { elimination, eliminationSex } : {}),
    ...(fields !== undefined ? { store: fields } : {}),
  };
  return { document, unusedMarkers: [...unused] };
}

function _table(store: StoreReader, options: ExportOptions): StoredFrequencyTable {
  const populations = store.listPopulations();
  const population = options.population ?? (populations.length === 1 ? populations[0] : undefined);
  const stored = population === undefined ? undefined : store.getFrequencyTable(population);
  if (stored === undefined) {
    throw new KindredError(
      'STORE_ERROR',
      population === undefined
        ? `Name the population to export; the store has ${populations.length === 0 ? 'none' : populations.join(', ')}`
        : `The store has no frequency table for population "${population}"`,
      { path: ['population'] },
    );
  }
  return stored;
}
