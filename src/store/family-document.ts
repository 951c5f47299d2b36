/**
 * `kindred-families/1`: a small JSON document that defines reference families over profiles
 * already in the store (typically imported from GeneMapper or CODIS), so a lab can send the
 * pedigrees separately from the genotypes:
 *
 * ```json
 * { "format": "kindred-families/1",
 *   "families": [ { "name": "F-001", "population": "synthetic",
 *                   "pedigree": [ {"id": "FA", "father": null, "mother": null, "sex": "male"}, … ],
 *                   "missing": ["MP"],
 *                   "members": { "FA": "F001-FA", "MO": "F001-MO" } } ] }
 * ```
 *
 * `members` maps pedigree ids to stored profile ids. Pedigree rows follow the case format
 * (`sameAs` rows for direct references).
 *
 * @module
 */
import { KindredError } from '../errors.js';
import type { ImportWarning, RejectedRecord } from '../io/import-report.js';
import { describeJson, getOwn, isJsonObject } from '../io/json-value.js';
import { parseJsonText } from '../io/parse-json-text.js';
import type { PedigreeRecord } from '../pedigree/pedigree.js';
import type { FamilyInput } from './profile-store.js';

/** Families read from a `kindred-families/1` document. */
export interface ParsedFamilies {
  readonly families: readonly FamilyInput[];
  readonly rejected: readonly RejectedRecord[];
  readonly warnings: readonly ImportWarning[];
}

const FIELDS = ['name', 'pedigree', 'missing', 'members', 'population'];

/**
 * Read a `kindred-families/1` document. Structural problems of one family reject that family
 * (the pedigree itself is validated when the family is written to the store).
 *
 * @param text - JSON text
 * @param file - file named in errors
 * @returns the families and the rejected ones
 * @throws KindredError `PARSE_ERROR` for invalid JSON, `INVALID_CASE` for a wrong `format`
 * @example
 * ```ts
 * parseFamilyDocument('{"format":"kindred-families/1","families":[]}').families; // => []
 * ```
 */
export function parseFamilyDocument(text: string, file?: string): ParsedFamilies {
  const doc = parseJsonText(text, file).value;
  const where = (path: (string | number)[]) => ({ path, ...(file !== undefined ? { file } : {}) });
  if (!isJsonObject(doc) || getOwn(doc, 'format') !== 'kindred-families/1') {
    throw new KindredError(
      'INVALID_CASE',
      `Expected a document with "format": "kindred-families/1", got ${describeJson(isJsonObject(doc) ? getOwn(doc, 'format') : doc)}`,
      where(['format']),
    );
  }
  const list = getOwn(doc, 'families');
  if (!Array.isArray(list)) {
    throw new KindredError(
      'INVALID_CASE',
      `"families" must be an array, got ${describeJson(list)}`,
      where(['families']),
    );
  }
  const families: FamilyInput[] = [];
  const rejected: RejectedRecord[] = [];
  for (const [i, raw] of (list as unknown[]).entries()) {
    const read = _readFamily(raw, i, where);
    if ('error' in read) rejected.push(read);
    else families.push(read);
  }
  return { families, rejected, warnings: [] };
}

function _readFamily(
  raw: unknown,
  i: number,
  where: (path: (string | number)[]) => { path: (string | number)[]; file?: string },
): FamilyInput | RejectedRecord {
  const path = ['families', i];
  const reject = (id: string, detail: string, field: string): RejectedRecord => ({
    id,
    error: new KindredError('INVALID_CASE', detail, where([...path, field])),
  });
  if (!isJsonObject(raw)) {
    return reject('', `families[${i}] must be an object, got ${describeJson(raw)}`, 'name');
  }
  const name = getOwn(raw, 'name');
  const id = typeof name === 'string' ? name : '';
  const unknown = Object.keys(raw).find((k) => !FIELDS.includes(k));
  if (unknown !== undefined)
    return reject(id, `Family "${id}" has unknown field "${unknown}"`, unknown);
  if (typeof name !== 'string' || name === '') {
    return reject(id, `Family name must be a non-empty string, got ${describeJson(name)}`, 'name');
  }
  const pedigree = getOwn(raw, 'pedigree');
  if (!Array.isArray(pedigree))
    return reject(id, `Family "${id}" needs a pedigree array`, 'pedigree');
  const missing = getOwn(raw, 'missing');
  if (!Array.isArray(missing) || !missing.every((m) => typeof m === 'string')) {
    return reject(id, `Family "${id}" needs "missing": an array of person ids`, 'missing');
  }
  const members = getOwn(raw, 'members');
  if (!isJsonObject(members) || !Object.values(members).every((v) => typeof v === 'string')) {
    return reject(
      id,
      `Family "${id}" needs "members": an object of pedigree id -> profile id`,
      'members',
    );
  }
  const population = getOwn(raw, 'population');
  if (population !== undefined && typeof population !== 'string') {
    return reject(id, `Family "${id}" has a population that is not a string`, 'population');
  }
  return {
    name,
    pedigree: pedigree as PedigreeRecord[],
    missing: missing as string[],
    members: new Map(Object.entries(members as Record<string, string>)),
    ...(population !== undefined ? { population } : {}),
  };
}
