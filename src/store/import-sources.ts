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
import type { FamiliasDVIFamily } from '../io/familias-dvi.js';
import { type FamiliasFile, parseFamiliasFam } from '../io/familias-fam.js';
import { parseFrequencyCsv, parseFrequencyList } from '../io/frequency-file.js';
import { parseFrequencyWide } from '../io/frequency-wide.js';
import { parseGeneMapper } from '../io/genemapper.js';
import type { ImportWarning, ParsedProfiles, RejectedRecord } from '../io/import-report.js';
import type { LabProfileOptions } from '../io/lab-profile.js';
import { parseStriderXml } from '../io/strider-xml.js';
import type { MutationSpec } from '../mutation/types.js';
import type { Sex } from '../pedigree/pedigree.js';
import { resolveMarkerName } from '../profile/markers.js';
import { createProfile, type Profile, type ProfileKind } from '../profile/profile.js';
import {
  defaultProfileId,
  type FieldTargets,
  readFamNote,
  readFamProfileNote,
} from './export-fields.js';
import { parseFamilyDocument } from './family-document.js';
import type { ImportBatch, TableInput } from './import-batch.js';
import { readDVIBatch } from './import-dvi.js';
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
      return readDVIBatch(
        file,
        text,
        options.population !== undefined ? { population: options.population } : {},
      );
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
