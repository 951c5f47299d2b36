/**
 * Export a store's programme for other tools: as a Familias `.fam` file with a `[DVI]` section
 * (remains as unidentified persons, families as reference families, the population's table as
 * the database), or as a `kindred-dvi/1` document for `kindred dvi`.
 *
 * In the `kindred-dvi/1` export every family member id is prefixed with its family name
 * (`F-001/MP`), because that format needs person ids unique across the document (`db import`
 * takes the prefix off again), and the case id is the population. In the `.fam` export the
 * missing person is named `Missing person` followed by its id (Familias and R dvir recognise a
 * missing person by that name), unless its id already starts so. Genotypes at
 * markers the table lacks are left out (listed in `unusedMarkers`); Amelogenin gives `victimSex`.
 *
 * @module
 */
import { KindredError } from '../errors.js';
import type { FamiliasDVIPerson } from '../io/familias-dvi.js';
import type { FamiliasFile } from '../io/familias-fam.js';
import { isSameAsRecord, type PedigreeRecord } from '../pedigree/pedigree.js';
import type { Genotype } from '../profile/genotype.js';
import { canonicalMarkerName, isSexMarker, resolveMarkerName } from '../profile/markers.js';
import type { StoredFrequencyTable, StoreReader } from './profile-store.js';

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
  const unidentified = store
    .listProfiles({ kind: 'remains' })
    .map((r) => person(r.profile.id, r.profile.sex, r.profile.genotypes));
  const families = store.listFamilies().map((f) => {
    if (f.pedigree.some(isSameAsRecord)) {
      throw new KindredError(
        'UNSUPPORTED',
        `Family "${f.name}" has a sameAs row (direct reference), which a .fam file cannot hold`,
        {
          path: ['families', f.name, 'pedigree'],
        },
      );
    }
    const rename = (id: string) =>
      f.missing.includes(id) && !/^missing person/i.test(id) ? `Missing person ${id}` : id;
    const persons = [...f.members].map(([member, profileId]) => {
      const p = store.getProfile(profileId)?.profile;
      return person(member, p?.sex, p?.genotypes ?? new Map());
    });
    const records = (f.pedigree as FamiliasFile['pedigrees'][number]['records']).map((r) => ({
      ...r,
      id: rename(r.id),
      father: r.father === null ? null : rename(r.father),
      mother: r.mother === null ? null : rename(r.mother),
    }));
    return { name: f.name, persons, records, missing: f.missing.map(rename) };
  });
  return {
    version: '3.3.1',
    persons: [],
    pedigrees: [],
    database: {
      name: stored.table.population,
      theta: stored.theta,
      loci: [...stored.table.markers].map(([name, m]) => ({
        name,
        alleles: m.alleles,
        frequencies: m.frequencies,
        mutation: stored.mutation.get(name) ?? null,
        ...(m.n !== undefined ? { databaseSize: Math.round(m.n / 2) } : {}),
      })),
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
      else out[key] = [a[0] as string, (a[1] ?? a[0]) as string];
    }
    return out;
  };
  const victims: Record<string, unknown> = Object.create(null);
  const victimSex: Record<string, string> = Object.create(null);
  for (const r of store.listProfiles({ kind: 'remains' })) {
    victims[r.profile.id] = onTable(r.profile.genotypes);
    if (r.profile.sex !== undefined) victimSex[r.profile.id] = r.profile.sex;
  }
  const families = store.listFamilies().map((f) => {
    const rename = (id: string) => `${f.name}/${id}`;
    const genotypes: Record<string, unknown> = Object.create(null);
    for (const [member, profileId] of f.members) {
      genotypes[rename(member)] = onTable(
        store.getProfile(profileId)?.profile.genotypes ?? new Map(),
      );
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
