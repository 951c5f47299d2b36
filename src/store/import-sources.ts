/**
 * Read any supported lab or frequency file into an {@link ImportBatch}: GeneMapper tables, CODIS
 * CMF, Familias `.fam` (database and `[DVI]` section), `kindred-dvi/1` and `kindred-families/1`
 * JSON, and frequency tables (long CSV, Familias list, NIST/FBI wide CSV, STRidER XML). The
 * format is given or detected from the file name and content.
 *
 * @module
 */

import { KindredError } from '../errors.js';
import { createFrequencyTable, type MarkerFrequencies } from '../frequencies/frequency-table.js';
import { parseCodisCmf } from '../io/codis-cmf.js';
import { checkUtf8Text } from '../io/delimited-text.js';
import { parseDVICase } from '../io/dvi-file.js';
import type { FamiliasDVIFamily } from '../io/familias-dvi.js';
import { type FamiliasFile, parseFamiliasFam } from '../io/familias-fam.js';
import { parseFrequencyCsv, parseFrequencyList } from '../io/frequency-file.js';
import { parseFrequencyWide } from '../io/frequency-wide.js';
import { parseGeneMapper } from '../io/genemapper.js';
import type { ImportWarning, ParsedProfiles, RejectedRecord } from '../io/import-report.js';
import { getOwn } from '../io/json-value.js';
import type { LabProfileOptions } from '../io/lab-profile.js';
import { parseJsonText } from '../io/parse-json-text.js';
import { parseStriderXml } from '../io/strider-xml.js';
import type { MutationSpec } from '../mutation/types.js';
import { isSameAsRecord, type PedigreeRecord, type Sex } from '../pedigree/pedigree.js';
import { resolveMarkerName } from '../profile/markers.js';
import type { SampleObservation } from '../profile/observation.js';
import { createProfile, type Profile, type ProfileKind } from '../profile/profile.js';
import {
  defaultProfileId,
  type FieldTargets,
  readDVIStoreField,
  readFamNote,
  readFamProfileNote,
} from './export-fields.js';
import { parseFamilyDocument } from './family-document.js';
import type { ImportBatch, TableInput } from './import-batch.js';
import type { FamilyInput } from './profile-store.js';
import { famMissingId } from './store-export.js';

/** The file formats `readImportFile` reads. */
export type ImportFormat =
  | 'genemapper'
  | 'codis-cmf'
  | 'familias-fam'
  | 'kindred-dvi'
  | 'kindred-families'
  | 'frequency-csv'
  | 'frequency-list'
  | 'frequency-wide'
  | 'strider-xml';

/** Every import format, in documentation order. */
export const IMPORT_FORMATS: readonly ImportFormat[] = Object.freeze([
  'genemapper',
  'codis-cmf',
  'familias-fam',
  'kindred-dvi',
  'kindred-families',
  'frequency-csv',
  'frequency-list',
  'frequency-wide',
  'strider-xml',
]);

/** Options of {@link readImportFile}. */
export interface ReadImportOptions extends LabProfileOptions {
  /** The format; detected when absent. */
  readonly format?: ImportFormat;
  /** Kind of GeneMapper profiles (required for that format). */
  readonly kind?: ProfileKind;
  /** Population name of a frequency table (default: from the file). */
  readonly population?: string;
  /** STRidER origin to import (default: every origin). */
  readonly origin?: string;
  /** Rescale frequency tables whose markers do not sum to 1 (reported). */
  readonly normalise?: boolean;
  /** What a wide table's N or STRidER's n counts (default alleles). */
  readonly nCounts?: 'alleles' | 'individuals';
  /** Sex of `.fam` DVI members the file gives none for. */
  readonly unknownSex?: Sex;
}

/**
 * The extension of a file name with its dot (`'a/b.csv'` → `'.csv'`, `''` when none), as
 * POSIX `path.extname` gives it, without `node:path` so that importing runs in a browser.
 */
function _extension(file: string): string {
  const base = file.slice(file.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot);
}

/**
 * The file name without folders and extension (`'a/b.csv'` → `'b'`), as POSIX
 * `path.basename(file, path.extname(file))` gives it.
 */
function _stem(file: string): string {
  const base = file.slice(file.lastIndexOf('/') + 1);
  const ext = _extension(file);
  return ext === '' || ext === base ? base : base.slice(0, base.length - ext.length);
}

/**
 * Guess a file's format from its extension and first bytes.
 *
 * @example
 * ```ts
 * detectImportFormat('refs.txt', 'Sample Name\tMarker\tAllele 1\n'); // => 'genemapper'
 * ```
 */
export function detectImportFormat(file: string, text: string): ImportFormat {
  const ext = _extension(file).toLowerCase();
  const head = text.slice(0, 4096).replace(/^\uFEFF/, '');
  const firstLine = head.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  if (ext === '.fam') return 'familias-fam';
  if (ext === '.xml' || head.trimStart().startsWith('<'))
    return /CODISImportFile/i.test(head) ? 'codis-cmf' : 'strider-xml';
  if (ext === '.json' || head.trimStart().startsWith('{')) {
    return /"kindred-families\/1"/.test(head) ? 'kindred-families' : 'kindred-dvi';
  }
  // A GeneMapper export: "Sample Name" and "Marker", or "Marker" with "Allele 1"-style columns
  // (then read as GeneMapper, so that a missing "Sample Name" is named, never read as frequencies).
  if (
    /marker/i.test(firstLine) &&
    (/sample\s*name/i.test(firstLine) || /allele\s*\d/i.test(firstLine))
  )
    return 'genemapper';
  if (/^\s*"?allele"?\s*[,;\t]/i.test(firstLine)) return 'frequency-wide';
  if (/^\s*"?marker"?\s*[,;\t]/i.test(firstLine)) return 'frequency-csv';
  return 'frequency-list';
}

/**
 * Read a file into an import batch.
 *
 * @param file - the file name (for errors, detection and default population names)
 * @param text - its contents
 * @param options - format, profile kind, population, lab and frequency options
 * @returns the batch (rejected records of the file included)
 * @throws KindredError `PARSE_ERROR` for a file that is not UTF-8 (Latin-1: replacement characters)
 *   naming the line; `USAGE` (GeneMapper without a kind), and the file-level errors of each
 *   reader (`PARSE_ERROR`, `INVALID_FREQUENCIES`, `INVALID_CASE`, `UNSUPPORTED`, …)
 * @example
 * ```ts
 * readImportFile('refs.txt', text, { kind: 'reference' }).profiles.length; // => 8
 * ```
 */
export function readImportFile(
  file: string,
  text: string,
  options: ReadImportOptions = {},
): ImportBatch {
  // Every format: a Latin-1 file is refused, never stored with replacement characters.
  checkUtf8Text(text, file);
  const format = options.format ?? detectImportFormat(file, text);
  const base = {
    file,
    format,
    profiles: [],
    families: [],
    tables: [],
    rejected: [],
    skipped: [],
    warnings: [],
  };
  const population = options.population ?? _stem(file);
  const freq = {
    population,
    file,
    ...(options.normalise === true ? { normalise: true } : {}),
    ...(options.nCounts !== undefined ? { nCounts: options.nCounts } : {}),
  };
  switch (format) {
    case 'genemapper': {
      if (options.kind === undefined) {
        throw new KindredError(
          'USAGE',
          'A GeneMapper table needs the kind of its profiles (--kind reference|remains|direct)',
        );
      }
      return _fromProfiles(file, parseGeneMapper(text, { ...options, file, kind: options.kind }));
    }
    case 'codis-cmf':
      return _fromProfiles(file, parseCodisCmf(text, { ...options, file }));
    case 'familias-fam':
      return _fromFamilias(
        file,
        parseFamiliasFam(text, {
          file,
          ...(options.unknownSex ? { unknownSex: options.unknownSex } : {}),
        }),
        options,
      );
    case 'kindred-dvi':
      return _fromDVI(file, text, options);
    case 'kindred-families':
      return { ...base, ...parseFamilyDocument(text, file) };
    case 'frequency-csv':
      return { ...base, tables: [{ table: parseFrequencyCsv(text, freq).table }] };
    case 'frequency-list':
      return { ...base, tables: [{ table: parseFrequencyList(text, freq).table }] };
    case 'frequency-wide':
      return { ...base, tables: [{ table: parseFrequencyWide(text, freq).table }] };
    case 'strider-xml': {
      const tables = parseStriderXml(text, freq);
      const chosen =
        options.origin === undefined ? [...tables.values()] : [tables.get(options.origin)];
      if (chosen[0] === undefined) {
        throw new KindredError(
          'USAGE',
          `STRidER file has no origin "${options.origin}"; it has ${[...tables.keys()].join(', ')}`,
        );
      }
      return {
        ...base,
        tables: chosen.map((t) => ({ table: (t as NonNullable<typeof t>).table })),
      };
    }
    default:
      throw new KindredError(
        'USAGE',
        `Unknown import format "${String(format)}"; known: ${IMPORT_FORMATS.join(', ')}`,
      );
  }
}

function _fromProfiles(file: string, parsed: ParsedProfiles): ImportBatch {
  return {
    file,
    format: parsed.format,
    profiles: parsed.profiles,
    families: [],
    tables: [],
    rejected: parsed.rejected,
    skipped: parsed.skipped,
    warnings: parsed.warnings,
  };
}

function _fromFamilias(file: string, fam: FamiliasFile, options: ReadImportOptions): ImportBatch {
  const rejected: RejectedRecord[] = [];
  const warnings: ImportWarning[] = [];
  const profiles: Profile[] = [];
  const families: FamilyInput[] = [];
  const db = fam.database;
  const population =
    options.population ?? (db.name !== undefined && db.name !== 'unknown' ? db.name : _stem(file));
  const markers = new Map<string, MarkerFrequencies>();
  const mutation = new Map<string, MutationSpec>();
  const unwrapped = (fam.dvi?.families ?? []).map(_unwrapMissing);
  const targets: FieldTargets = {
    file,
    loci: new Map(db.loci.map((l) => [l.name, l.mutation !== null])),
    families: new Map(
      unwrapped.map((f) => [
        f.name,
        { typed: new Set(f.persons.filter((p) => p.genotypes.size > 0).map((p) => p.id)) },
      ]),
    ),
  };
  // markers the store searched without mutation (db export lists them in the file's note)
  const none = new Set(readFamNote(fam.note ?? '', targets));
  for (const locus of db.loci) {
    const name = resolveMarkerName(locus.name)?.name ?? locus.name;
    // DatabaseSize counts individuals (0: not known, as `db export` writes an unknown size)
    const size = locus.databaseSize ?? 0;
    markers.set(name, {
      alleles: locus.alleles,
      frequencies: locus.frequencies,
      ...(size > 0 ? { n: 2 * size } : {}),
    });
    if (locus.mutation !== null || none.has(locus.name)) mutation.set(name, locus.mutation);
  }
  const tables: TableInput[] =
    db.loci.length > 0
      ? [
          {
            table: createFrequencyTable({ population, markers, source: file }, { file }).table,
            mutation,
            theta: db.theta,
          },
        ]
      : [];
  const make = (
    id: string,
    kind: ProfileKind,
    sex: Sex | undefined,
    genotypes: ReadonlyMap<string, readonly [string, string]>,
  ) => {
    try {
      profiles.push(
        createProfile({ id, kind, ...(sex !== undefined ? { sex } : {}), genotypes }, { file }),
      );
      return true;
    } catch (e) {
      if (!(e instanceof KindredError)) throw e;
      rejected.push({ id, error: e });
      return false;
    }
  };
  if (fam.dvi === undefined && fam.pedigrees.length > 0) {
    warnings.push({
      id: '',
      line: 1,
      message: `pedigrees ${fam.pedigrees.map((p) => `"${p.name}"`).join(', ')} are hypotheses of a kinship case, not reference families: only the database was imported`,
    });
  }
  for (const p of fam.dvi?.unidentified ?? []) make(p.id, 'remains', p.sex, p.genotypes);
  for (const f of unwrapped) {
    // profile ids of their own, in the family's note (db export), else FAMILY/MEMBER
    const own = readFamProfileNote(f.name, f.note, targets);
    const members = new Map<string, string>();
    let ok = true;
    for (const person of f.persons) {
      if (person.genotypes.size === 0) continue;
      const id = own.get(person.id) ?? defaultProfileId(f.name, person.id);
      const sex = f.records.find((r) => r.id === person.id)?.sex;
      ok = make(id, 'reference', sex, person.genotypes) && ok;
      members.set(person.id, id);
    }
    if (ok)
      families.push({ name: f.name, pedigree: f.records, missing: f.missing, members, population });
  }
  return {
    file,
    format: 'familias-fam',
    profiles,
    families,
    tables,
    rejected,
    skipped: [],
    warnings,
  };
}

/**
 * A `.fam` family with its missing persons' ids back: `db export` writes a missing person `MP`
 * as `Missing person (MP)` (see `famMissingName`); any other name is kept as written, and so is
 * a wrapped one whose id another member of the family already has.
 */
function _unwrapMissing(f: FamiliasDVIFamily): FamiliasDVIFamily {
  const ids = new Set(f.records.map((r) => r.id));
  const rename = new Map<string, string>();
  for (const m of f.missing) {
    const id = famMissingId(m);
    if (id !== m && id !== '' && !ids.has(id)) rename.set(m, id);
  }
  if (rename.size === 0) return f;
  const to = (id: string) => rename.get(id) ?? id;
  return {
    ...f,
    missing: f.missing.map(to),
    records: f.records.map((r) => ({
      ...r,
      id: to(r.id),
      father: r.father === null ? null : to(r.father),
      mother: r.mother === null ? null : to(r.mother),
    })),
  };
}

function _fromDVI(file: string, text: string, options: ReadImportOptions): ImportBatch {
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
