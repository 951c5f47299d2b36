/**
 * `kindred-dvi/1` documents as import batches (`db import`), including what `db export --to dvi`
 * writes beyond the format's fields (`export-fields.ts`).
 *
 * @module
 */
import { KindredError } from '../errors.js';
import { createFrequencyTable, type MarkerFrequencies } from '../frequencies/frequency-table.js';
import { parseDVICase } from '../io/dvi-file.js';
import { getOwn } from '../io/json-value.js';
import { parseJsonText } from '../io/parse-json-text.js';
import type { MutationSpec } from '../mutation/types.js';
import { isSameAsRecord, type PedigreeRecord, type Sex } from '../pedigree/pedigree.js';
import { resolveMarkerName } from '../profile/markers.js';
import type { SampleObservation } from '../profile/observation.js';
import { createProfile, type Profile } from '../profile/profile.js';
import { readDVIStoreField } from './export-fields.js';
import type { ImportBatch } from './import-batch.js';
import type { FamilyInput } from './profile-store.js';

/**
 * Read a `kindred-dvi/1` document into an import batch: its loci as the table (named after the
 * document id unless `population` is given), victims as remains, elimination profiles, families
 * with their members' profiles, the observations, and `db export`'s `store` field
 * (`export-fields.ts`).
 *
 * @param file - the file name (for errors)
 * @param text - its contents
 * @param options - the population name
 * @returns the batch
 * @throws KindredError the errors of `parseDVICase`, `INVALID_CASE` (the `store` field, or one
 *   profile's observations differing between two families), `UNSUPPORTED` (a locus declared on
 *   another chromosome than its name says)
 * @example
 * ```ts
 * readDVIBatch('case.json', text).families.length; // => 3
 * ```
 */
export function readDVIBatch(
  file: string,
  text: string,
  options: { readonly population?: string } = {},
): ImportBatch {
  const dvi = parseDVICase(text, { file });
  const doc = parseJsonText(text, file).value as Record<string, unknown>;
  // `db export --to dvi` writes member ids as "FAMILY/ID": when every id of a family has
  // its family's prefix, the store's members get their ids back without it
  const locals = dvi.families.map((f) => {
    const prefix = `${f.name}/`;
    const strip = f.records.every(
      (r) => r.id.startsWith(prefix) && (isSameAsRecord(r) ? r.sameAs.startsWith(prefix) : true),
    );
    return (id: string): string => (strip ? id.slice(prefix.length) : id);
  });
  const fields = readDVIStoreField(getOwn(doc, 'store'), {
    file,
    loci: new Map(dvi.loci.map((l) => [l.name, l.mutation !== null])),
    families: new Map(
      dvi.families.map((f, i) => [
        f.name,
        { typed: new Set([...f.genotypes.keys()].map(locals[i] as (id: string) => string)) },
      ]),
    ),
  });
  const none = new Set(fields.noMutation);
  const population = options.population ?? dvi.id;
  const markers = new Map<string, MarkerFrequencies>();
  const mutation = new Map<string, MutationSpec>();
  dvi.loci.forEach((locus, i) => {
    const known = resolveMarkerName(locus.name);
    const name = known?.name ?? locus.name;
    // the store keeps no chromosome per marker: it reads it from the marker name (autosomal
    // when unknown), so a locus declared otherwise is refused rather than searched as the other
    const stored = known?.chromosome ?? 'autosomal';
    if (locus.chromosome !== stored) {
      throw new KindredError(
        'UNSUPPORTED',
        `Locus "${locus.name}" is declared ${locus.chromosome}, but the store reads marker "${name}" as ${stored} (it keeps no chromosome of its own for a marker); the file is refused rather than searched as ${stored}`,
        { path: ['loci', i, 'chromosome'], file },
      );
    }
    markers.set(name, { alleles: locus.alleles, frequencies: locus.frequencies });
    // null is "no model given" (the default), unless `store.noMutation` lists the locus
    if (locus.mutation !== null || none.has(locus.name)) mutation.set(name, locus.mutation);
  });
  const profiles: Profile[] = [];
  for (const [id, genotypes] of dvi.victims) {
    const sex = dvi.victimSex.get(id);
    // a kindred-dvi/1 genotype is the set of alleles seen: one allele is "only that one seen"
    profiles.push(
      createProfile(
        { id, kind: 'remains', ...(sex !== undefined ? { sex } : {}), genotypes },
        { file, singleAlleleHomozygotes: true },
      ),
    );
  }
  // the elimination set (docs/dvi.md): staff and other profiles that remains are compared with
  for (const e of dvi.elimination ?? []) {
    profiles.push(
      createProfile(
        {
          id: e.id,
          kind: 'elimination',
          ...(e.sex !== undefined ? { sex: e.sex } : {}),
          genotypes: e.genotypes,
        },
        { file, singleAlleleHomozygotes: true },
      ),
    );
  }
  // a sample's observation is keyed by its id in the document; a member's profile may have
  // an id of its own (store.referenceProfiles)
  const observations = new Map(dvi.observation ?? []);
  const memberObservations = new Map<string, SampleObservation | null>();
  const families: FamilyInput[] = dvi.families.map((f, i) => {
    const local = locals[i] as (id: string) => string;
    const own = fields.referenceProfiles.get(f.name);
    const members = new Map<string, string>();
    for (const [docId, genotypes] of f.genotypes) {
      const row = f.pedigree.index.get(docId) as number;
      const sex: Sex = f.pedigree.sex[row] === 1 ? 'male' : 'female';
      // the reference profile keeps the document's full id (as in a .fam import), unless the
      // document gives it one of its own
      const id = own?.get(local(docId)) ?? docId;
      profiles.push(
        createProfile(
          { id, kind: 'reference', sex, genotypes },
          { file, singleAlleleHomozygotes: true },
        ),
      );
      _memberObservation(memberObservations, observations.get(docId) ?? null, id, docId, file);
      observations.delete(docId);
      members.set(local(docId), id);
    }
    const pedigree = f.records.map(
      (r): PedigreeRecord =>
        isSameAsRecord(r)
          ? { id: local(r.id), sameAs: local(r.sameAs) }
          : {
              ...r,
              id: local(r.id),
              father: r.father === null ? null : local(r.father),
              mother: r.mother === null ? null : local(r.mother),
            },
    );
    return { name: f.name, pedigree, missing: f.missing.map(local), members, population };
  });
  // the store's search honours the silent allele (degraded-dna.md), so a table may list it
  const table = createFrequencyTable(
    { population, markers, source: file },
    { file, silent: true },
  ).table;
  for (const [id, o] of memberObservations) if (o !== null) observations.set(id, o);
  // the document's observation entries, by profile id, are the profiles' own drop-out and drop-in
  return {
    file,
    format: 'kindred-dvi',
    profiles,
    families,
    tables: [{ table, mutation, theta: dvi.theta }],
    rejected: [],
    skipped: [],
    warnings: [],
    // kindred-dvi/1 carries observations: a sample without an entry is pristine in the file
    observations,
  };
}

/**
 * Record a member's observation under its profile id (`null`: none). The same profile may be a
 * member of two families (two document ids): their entries must agree.
 */
function _memberObservation(
  byProfile: Map<string, SampleObservation | null>,
  o: SampleObservation | null,
  id: string,
  docId: string,
  file: string,
): void {
  const before = byProfile.get(id);
  if (before !== undefined && (before?.dropout !== o?.dropout || before?.dropin !== o?.dropin)) {
    throw new KindredError(
      'INVALID_CASE',
      `Profile "${id}" is a member of several families, and the observation of "${docId}" differs from that of its other place`,
      { path: ['observation', docId], file },
    );
  }
  byProfile.set(id, o);
}
