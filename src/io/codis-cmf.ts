/**
 * CODIS Common Message Format (CMF) 3.2 / 3.3 import files: a `CODISImportFile` root (namespace
 * `urn:CODISImportFile-schema`, any prefix) with header elements (`HEADERVERSION`,
 * `MESSAGETYPE`, `SOURCELAB`, …) and `SPECIMEN` elements, each with `SPECIMENID`,
 * `SPECIMENCATEGORY` and `LOCUS` elements (`LOCUSNAME`, `ALLELE`/`ALLELEVALUE`). Element names
 * are matched case-insensitively; elements Kindred does not use (`READINGBY`, `KIT`, …) are
 * ignored.
 *
 * Specimen categories map to profile kinds through {@link DEFAULT_CMF_CATEGORIES} (extend or
 * override with `categories`); a specimen whose category maps to `'skip'` or to nothing is
 * listed as skipped with its category. Per-specimen rules are those of `lab-profile.ts`.
 *
 * @module
 */
import { KindredError } from '../errors.js';
import type { ProfileKind } from '../profile/profile.js';
import type {
  ImportWarning,
  ParsedProfiles,
  RejectedRecord,
  SkippedRecord,
} from './import-report.js';
import { buildLabProfile, type LabProfileOptions, type MarkerCall } from './lab-profile.js';
import { parseXml, xmlChildren, xmlChildText } from './xml-reader.js';

/** Category (upper case) → profile kind, for the missing-persons indexes of CODIS. */
export const DEFAULT_CMF_CATEGORIES: Readonly<Record<string, ProfileKind>> = Object.freeze({
  'UNIDENTIFIED PERSON': 'remains',
  'UNIDENTIFIED HUMAN (REMAINS)': 'remains',
  'UNIDENTIFIED HUMAN REMAINS': 'remains',
  DECEASED: 'remains',
  'MISSING PERSON': 'direct',
  'BIOLOGICAL MOTHER': 'reference',
  'BIOLOGICAL FATHER': 'reference',
  'BIOLOGICAL SIBLING': 'reference',
  'BIOLOGICAL CHILD': 'reference',
  'ALLEGED MOTHER': 'reference',
  'ALLEGED FATHER': 'reference',
  'MATERNAL RELATIVE': 'reference',
  'PATERNAL RELATIVE': 'reference',
  'RELATIVE OF MISSING PERSON': 'reference',
  SPOUSE: 'reference',
});

/** The header versions this reader was written for. */
export const CMF_VERSIONS: readonly string[] = Object.freeze(['3.2', '3.3']);

/** Options of {@link parseCodisCmf}. */
export interface CodisCmfOptions extends LabProfileOptions {
  /** Extra or overriding category → kind entries (any case); `'skip'` skips the category. */
  readonly categories?: Readonly<Record<string, ProfileKind | 'skip'>>;
}

/**
 * Read a CODIS CMF 3.2/3.3 import file.
 *
 * @param text - the XML
 * @param options - category map, file, off-ladder and unknown-marker policies
 * @returns profiles in file order, rejected specimens (file, line, element), skipped specimens
 *   (category not mapped), warnings (unexpected header version, unknown markers)
 * @throws KindredError `PARSE_ERROR` for XML that cannot be read or a root that is not
 *   `CODISImportFile`
 * @example
 * ```ts
 * const xml = '<CODISImportFile><HEADERVERSION>3.2</HEADERVERSION><SPECIMEN><SPECIMENID>U1</SPECIMENID>' +
 *   '<SPECIMENCATEGORY>Unidentified Person</SPECIMENCATEGORY><LOCUS><LOCUSNAME>TH01</LOCUSNAME>' +
 *   '<ALLELE><ALLELEVALUE>6</ALLELEVALUE></ALLELE><ALLELE><ALLELEVALUE>9.3</ALLELEVALUE></ALLELE></LOCUS></SPECIMEN></CODISImportFile>';
 * parseCodisCmf(xml).profiles[0]?.kind; // => 'remains'
 * ```
 */
export function parseCodisCmf(text: string, options: CodisCmfOptions = {}): ParsedProfiles {
  const file = options.file;
  const root = parseXml(text, file);
  const where = (line: number, field: string) => ({
    path: ['line', line, field],
    ...(file !== undefined ? { file } : {}),
  });
  if (root.name.toUpperCase() !== 'CODISIMPORTFILE') {
    throw new KindredError(
      'PARSE_ERROR',
      `Expected a CODISImportFile root element, found <${root.name}>`,
      where(root.line, root.name),
    );
  }
  const categories = new Map<string, ProfileKind | 'skip'>(Object.entries(DEFAULT_CMF_CATEGORIES));
  for (const [k, v] of Object.entries(options.categories ?? {}))
    categories.set(k.trim().toUpperCase(), v);
  const warnings: ImportWarning[] = [];
  const version = xmlChildText(root, 'HEADERVERSION');
  if (version === undefined || !CMF_VERSIONS.includes(version)) {
    warnings.push({
      id: '',
      line: xmlChildren(root, 'HEADERVERSION')[0]?.line ?? root.line,
      field: 'HEADERVERSION',
      message: `header version ${version === undefined ? 'missing' : `"${version}"`}; read as CMF 3.2/3.3`,
    });
  }
  const profiles = [];
  const rejected: RejectedRecord[] = [];
  const skipped: SkippedRecord[] = [];
  const seen = new Map<string, number>();
  for (const specimen of xmlChildren(root, 'SPECIMEN')) {
    const id = xmlChildText(specimen, 'SPECIMENID') ?? '';
    const reject = (detail: string, line: number, field: string) =>
      rejected.push({ id, error: new KindredError('PARSE_ERROR', detail, where(line, field)) });
    if (id === '') {
      reject('SPECIMEN has no SPECIMENID', specimen.line, 'SPECIMENID');
      continue;
    }
    const first = seen.get(id);
    if (first !== undefined) {
      reject(
        `Specimen "${id}" appears twice (lines ${first} and ${specimen.line})`,
        specimen.line,
        'SPECIMENID',
      );
      continue;
    }
    seen.set(id, specimen.line);
    const category = xmlChildText(specimen, 'SPECIMENCATEGORY') ?? '';
    const kind = categories.get(category.toUpperCase());
    if (kind === undefined || kind === 'skip') {
      const why =
        category === ''
          ? 'no SPECIMENCATEGORY'
          : `category "${category}" is not mapped to a profile kind`;
      skipped.push({ id, reason: why, line: specimen.line });
      continue;
    }
    const calls: MarkerCall[] = [];
    let bad = false;
    for (const locus of xmlChildren(specimen, 'LOCUS')) {
      const marker = xmlChildText(locus, 'LOCUSNAME') ?? '';
      if (marker === '') {
        reject(`Specimen "${id}" has a LOCUS without LOCUSNAME`, locus.line, 'LOCUSNAME');
        bad = true;
        break;
      }
      const alleles = xmlChildren(locus, 'ALLELE').map((a) => ({
        value: xmlChildText(a, 'ALLELEVALUE') ?? a.text.trim(),
        line: a.line,
      }));
      const empty = alleles.find((a) => a.value === '');
      if (empty !== undefined) {
        reject(
          `Specimen "${id}" has an empty ALLELEVALUE at locus ${marker}`,
          empty.line,
          'ALLELEVALUE',
        );
        bad = true;
        break;
      }
      calls.push({
        marker,
        alleles: alleles.map((a) => a.value),
        line: alleles[0]?.line ?? locus.line,
        markerField: 'LOCUSNAME',
        alleleFields: alleles.map(() => 'ALLELEVALUE'),
        alleleLines: alleles.map((a) => a.line),
      });
    }
    if (bad) continue;
    const built = buildLabProfile({ id, kind, line: specimen.line, calls }, options);
    warnings.push(...built.warnings);
    if (built.profile !== undefined) profiles.push(built.profile);
    else if (built.rejected !== undefined) rejected.push(built.rejected);
  }
  return {
    format: 'codis-cmf',
    ...(file !== undefined ? { file } : {}),
    profiles,
    rejected,
    skipped,
    warnings,
  };
}
