/**
 * `kindred-dvi/1` documents (spec/case-format.md): victims against reference families. Parse
 * and validate into a {@link DVICase}, and format back to JSON.
 *
 * @module
 */
import type { Locus } from '../frequencies/locus.js';
import type { Sex } from '../pedigree/pedigree.js';
import type { GenotypeMap } from '../relationships/types.js';
import type { DVICase, EliminationProfile, Family } from '../search/types.js';
import type { ParseCaseOptions } from './case-file.js';
import { genotypesToJSON, locusToJSON, observationToJSON, recordToJSON } from './case-json.js';
import { checkThetaWithX, readCaseHeader, readLoci } from './case-loci.js';
import { checkObservationKeys, readObservation } from './case-observation.js';
import { readGenotypes, readPedigree } from './case-people.js';
import {
  checkFields,
  describeJson,
  getOwn,
  IssueList,
  isJsonObject,
  type JsonObject,
  readJsonInput,
  type SafeParseResult,
  toSafeResult,
} from './json-value.js';
import { _markValidated } from './validated.js';

/** Options of {@link parseDVICase}. */
export interface ParseDVIOptions extends ParseCaseOptions {
  /** Accept `victims: {}` (a document of reference families only; default false). */
  readonly allowNoVictims?: boolean;
}

/**
 * Parse and validate a `kindred-dvi/1` document, throwing the first issue.
 * See {@link safeParseDVICase} for the rules.
 *
 * @param input - JSON text, or an already-parsed JSON value
 * @param options - the file name for errors
 * @returns the validated DVI case
 * @throws KindredError `PARSE_ERROR`, `INVALID_CASE`, `INVALID_LOCUS`, `INVALID_FREQUENCIES`,
 *   `INVALID_MUTATION`, `INVALID_PEDIGREE`, `INVALID_GENOTYPE` or `UNSUPPORTED`
 * @example
 * ```ts
 * parseDVICase(text).families.map((f) => f.missing); // => [['M1']]
 * ```
 */
export function parseDVICase(input: unknown, options: ParseDVIOptions = {}): DVICase {
  const result = safeParseDVICase(input, options);
  if (!result.success) throw result.issues[0];
  return result.value;
}

/**
 * Parse and validate a `kindred-dvi/1` document, collecting every issue. Besides the header and
 * loci rules shared with `kindred-case/1`:
 * - `victims`: a non-empty object victim id → genotypes (`INVALID_CASE`, `INVALID_GENOTYPE`);
 *   with `allowNoVictims` (for `kindred power`, which reads only the families) it may be `{}`;
 * - `victimSex` (optional): victim id → `"male"`/`"female"`, naming victims only; with an X
 *   locus every victim needs a sex (`INVALID_CASE`);
 * - `families`: a non-empty array of `{name, pedigree, missing, genotypes}`; `missing` is a
 *   non-empty array of distinct ids of ordinary rows of that pedigree, none of them typed;
 *   `genotypes` name persons of that pedigree (`INVALID_CASE`, `INVALID_PEDIGREE`);
 * - `elimination` (optional, docs/dvi.md): a non-empty object profile id → genotypes, read as
 *   `victims`; `eliminationSex` (optional): profile id → sex, as `victimSex` (`INVALID_CASE`,
 *   `INVALID_GENOTYPE`);
 * - every victim id, elimination profile id, family name and person id is unique across the
 *   document (`INVALID_CASE`).
 *
 * @param input - JSON text, or an already-parsed JSON value
 * @param options - the file name for errors
 * @returns `{ success: true, value }` or `{ success: false, issues }`
 * @example
 * ```ts
 * safeParseDVICase({ format: 'kindred-dvi/1' }).success; // => false
 * ```
 */
export function safeParseDVICase(
  input: unknown,
  options: ParseDVIOptions = {},
): SafeParseResult<DVICase> {
  const issues = new IssueList(options.file);
  const doc = readJsonInput(input, issues);
  if (issues.count > 0) return toSafeResult<DVICase>(undefined, issues);
  const result = toSafeResult(_readDVICase(doc, issues, options.allowNoVictims === true), issues);
  if (result.success) _markValidated(result.value);
  return result;
}

function _readDVICase(
  doc: unknown,
  issues: IssueList,
  allowNoVictims: boolean,
): DVICase | undefined {
  const header = readCaseHeader(doc, 'kindred-dvi/1', issues);
  if (header === undefined || !isJsonObject(doc)) return undefined;
  const { loci, byName: lociByName } = readLoci(getOwn(doc, 'loci'), issues);
  checkThetaWithX(header.theta, loci, issues);
  const observation = readObservation(getOwn(doc, 'observation'), issues);
  const dropinOf = (id: string): number => observation?.get(id)?.dropin ?? 0;
  const rawVictims = getOwn(doc, 'victims');
  if (!isJsonObject(rawVictims) || (Object.keys(rawVictims).length === 0 && !allowNoVictims)) {
    issues.add(
      'INVALID_CASE',
      `victims must be a non-empty object of victim id -> genotypes, got ${describeJson(rawVictims)}`,
      ['victims'],
    );
  }
  const victimIds = isJsonObject(rawVictims) ? Object.keys(rawVictims) : [];
  const victimSex = _readVictimSex(getOwn(doc, 'victimSex'), new Set(victimIds), issues);
  const xLocus = loci.find((l) => l.chromosome === 'X');
  if (xLocus !== undefined) {
    for (const v of victimIds.filter((id) => !victimSex.has(id))) {
      issues.add(
        'INVALID_CASE',
        `Victim "${v}" has no sex in victimSex; a document with X-chromosomal loci (here "${xLocus.name}") needs every victim's sex`,
        ['victimSex'],
      );
    }
  }
  const victims: GenotypeMap = isJsonObject(rawVictims)
    ? readGenotypes(
        rawVictims,
        ['victims'],
        {
          loci: lociByName,
          who: (id) => `Victim "${id}"`,
          sexOf: (id) => victimSex.get(id),
          dropinOf,
        },
        issues,
      )
    : new Map();
  const used = new Map<string, string>(victimIds.map((v) => [v, 'a victim']));
  const claim = (id: string, what: string, path: (string | number)[]): void => {
    const before = used.get(id);
    if (before !== undefined) {
      issues.add(
        'INVALID_CASE',
        `Id "${id}" is used twice: as ${before} and as ${what}; victim ids, family names and person ids must be unique across the document`,
        path,
      );
    } else used.set(id, what);
  };
  const rawFamilies = getOwn(doc, 'families');
  if (!Array.isArray(rawFamilies) || rawFamilies.length === 0) {
    issues.add(
      'INVALID_CASE',
      `families must be a non-empty array, got ${describeJson(rawFamilies)}`,
      ['families'],
    );
  }
  const families: Family[] = [];
  (Array.isArray(rawFamilies) ? rawFamilies : []).forEach((raw: unknown, i) => {
    const family = _readFamily(raw, i, lociByName, claim, dropinOf, issues);
    if (family !== undefined) families.push(family);
  });
  const elimination = _readElimination(doc, lociByName, xLocus, claim, dropinOf, issues);
  checkObservationKeys(
    getOwn(doc, 'observation'),
    (id) =>
      victims.has(id) ||
      families.some((f) => f.genotypes.has(id)) ||
      elimination?.some((e) => e.id === id) === true,
    'a victim, a typed family member or an elimination profile',
    issues,
  );
  return {
    format: 'kindred-dvi/1',
    id: header.id,
    ...(header.description !== undefined ? { description: header.description } : {}),
    theta: header.theta,
    loci,
    victims,
    victimSex,
    families,
    ...(observation !== undefined ? { observation } : {}),
    ...(elimination !== undefined ? { elimination } : {}),
  };
}

/**
 * The elimination set (docs/dvi.md): `elimination`, profile id → genotypes as `victims`, and
 * `eliminationSex`, profile id → sex as `victimSex` (every profile needs one with X loci). Ids are
 * unique across the document. Undefined when the document has neither field.
 */
function _readElimination(
  doc: JsonObject,
  loci: ReadonlyMap<string, Locus | undefined>,
  xLocus: Locus | undefined,
  claim: (id: string, what: string, path: (string | number)[]) => void,
  dropinOf: (id: string) => number,
  issues: IssueList,
): EliminationProfile[] | undefined {
  const raw = getOwn(doc, 'elimination');
  const rawSex = getOwn(doc, 'eliminationSex');
  if (raw === undefined && rawSex === undefined) return undefined;
  if (!isJsonObject(raw) || Object.keys(raw).length === 0) {
    issues.add(
      'INVALID_CASE',
      `elimination must be a non-empty object of profile id -> genotypes, got ${describeJson(raw)}`,
      ['elimination'],
    );
  }
  const ids = isJsonObject(raw) ? Object.keys(raw) : [];
  const sexes = _readVictimSex(
    rawSex,
    new Set(ids),
    issues,
    'eliminationSex',
    'an elimination profile',
  );
  if (xLocus !== undefined) {
    for (const id of ids.filter((e) => !sexes.has(e))) {
      issues.add(
        'INVALID_CASE',
        `Elimination profile "${id}" has no sex in eliminationSex; a document with X-chromosomal loci (here "${xLocus.name}") needs every profile's sex`,
        ['eliminationSex'],
      );
    }
  }
  ids.forEach((id) => {
    claim(id, 'an elimination profile', ['elimination', id]);
  });
  const genotypes = isJsonObject(raw)
    ? readGenotypes(
        raw,
        ['elimination'],
        {
          loci,
          who: (id) => `Elimination profile "${id}"`,
          sexOf: (id) => sexes.get(id),
          dropinOf,
        },
        issues,
      )
    : new Map<string, Map<string, readonly string[]>>();
  return [...genotypes].map(([id, g]) => {
    const sex = sexes.get(id);
    return { id, genotypes: g, ...(sex !== undefined ? { sex } : {}) };
  });
}

function _readVictimSex(
  value: unknown,
  victims: ReadonlySet<string>,
  issues: IssueList,
  field = 'victimSex',
  what = 'a victim',
): Map<string, Sex> {
  const out = new Map<string, Sex>();
  const who = field === 'victimSex' ? 'Victim' : 'Elimination profile';
  const idName = field === 'victimSex' ? 'victim id' : 'profile id';
  if (value === undefined) return out;
  if (!isJsonObject(value)) {
    issues.add(
      'INVALID_CASE',
      `${field} must be an object of ${idName} -> "male"/"female", got ${describeJson(value)}`,
      [field],
    );
    return out;
  }
  for (const id of Object.keys(value)) {
    const sex = value[id];
    if (!victims.has(id))
      issues.add('INVALID_CASE', `${field} names "${id}", who is not ${what}`, [field, id]);
    if (sex === 'male' || sex === 'female') out.set(id, sex);
    else
      issues.add(
        'INVALID_CASE',
        `${who} "${id}" has sex ${describeJson(sex)}; expected "male" or "female"`,
        [field, id],
      );
  }
  return out;
}

function _readFamily(
  raw: unknown,
  i: number,
  loci: ReadonlyMap<string, Locus | undefined>,
  claim: (id: string, what: string, path: (string | number)[]) => void,
  dropinOf: (id: string) => number,
  issues: IssueList,
): Family | undefined {
  const path = ['families', i];
  if (!isJsonObject(raw)) {
    issues.add('INVALID_CASE', `Family ${i} must be an object, got ${describeJson(raw)}`, path);
    return undefined;
  }
  const name = getOwn(raw, 'name');
  const label = typeof name === 'string' && name !== '' ? `Family "${name}"` : `Family ${i}`;
  checkFields(
    raw,
    ['name', 'pedigree', 'missing', 'genotypes'],
    label,
    path,
    issues,
    'INVALID_CASE',
  );
  const inFamily = `f${label.slice(1)}`;
  if (typeof name !== 'string' || name === '') {
    issues.add(
      'INVALID_CASE',
      `${label} has name ${describeJson(name)}; expected a non-empty string`,
      [...path, 'name'],
    );
  } else claim(name, `the name of family ${i}`, [...path, 'name']);
  const people = readPedigree(getOwn(raw, 'pedigree'), [...path, 'pedigree'], label, issues);
  for (const [id, row] of people.rows)
    claim(id, `a person in ${inFamily}`, [...path, 'pedigree', row, 'id']);
  const missing = getOwn(raw, 'missing');
  const mpath = [...path, 'missing'];
  const isSameAs = (id: string): boolean =>
    people.records.some((r) => r.id === id && 'sameAs' in r);
  if (!Array.isArray(missing) || missing.length === 0) {
    issues.add(
      'INVALID_CASE',
      `${label} needs a non-empty array of missing person ids, got ${describeJson(missing)}`,
      mpath,
    );
  } else {
    missing.forEach((m: unknown, k) => {
      if (typeof m !== 'string' || !people.rows.has(m)) {
        issues.add(
          'INVALID_CASE',
          `${label} lists missing person ${describeJson(m)}, who is not in its pedigree`,
          [...mpath, k],
        );
      } else if (missing.indexOf(m) !== k) {
        issues.add('INVALID_CASE', `${label} lists missing person "${m}" twice`, [...mpath, k]);
      } else if (isSameAs(m)) {
        issues.add(
          'INVALID_CASE',
          `${label} lists missing person "${m}", which is a sameAs entry (a sample of a known person)`,
          [...mpath, k],
        );
      }
    });
  }
  const missingSet = new Set<string>(
    Array.isArray(missing)
      ? (missing as unknown[]).filter((m): m is string => typeof m === 'string')
      : [],
  );
  const genotypes = readGenotypes(
    getOwn(raw, 'genotypes'),
    [...path, 'genotypes'],
    {
      loci,
      who: (id) => `Person "${id}" of ${inFamily}`,
      sexOf: (id) => people.sex.get(id),
      dropinOf,
      checkPerson: (id, gpath) => {
        if (!people.rows.has(id)) {
          issues.add(
            'INVALID_CASE',
            `${label} has genotypes for "${id}", who is not in its pedigree`,
            gpath,
          );
        } else if (missingSet.has(id)) {
          issues.add(
            'INVALID_CASE',
            `Missing person "${id}" of ${inFamily} has genotypes; a missing person must be untyped`,
            gpath,
          );
        }
      },
    },
    issues,
  );
  if (typeof name !== 'string' || people.pedigree === undefined) return undefined;
  return {
    name,
    pedigree: people.pedigree,
    records: people.records,
    missing: [...missingSet],
    genotypes,
  };
}

/**
 * The JSON document of a DVI case (plain objects and arrays, fields in case-format order).
 *
 * @example
 * ```ts
 * toDVIDocument(parseDVICase(text)).format; // => 'kindred-dvi/1'
 * ```
 */
export function toDVIDocument(c: DVICase): Record<string, unknown> {
  return {
    format: c.format,
    id: c.id,
    ...(c.description !== undefined ? { description: c.description } : {}),
    theta: c.theta,
    loci: c.loci.map(locusToJSON),
    victims: genotypesToJSON(c.victims),
    victimSex: Object.fromEntries(c.victimSex),
    ...(c.observation !== undefined ? { observation: observationToJSON(c.observation) } : {}),
    ...(c.elimination !== undefined
      ? {
          elimination: genotypesToJSON(new Map(c.elimination.map((e) => [e.id, e.genotypes]))),
          eliminationSex: Object.fromEntries(
            c.elimination.flatMap((e) => (e.sex !== undefined ? [[e.id, e.sex]] : [])),
          ),
        }
      : {}),
    families: c.families.map((f) => ({
      name: f.name,
      pedigree: f.records.map(recordToJSON),
      missing: [...f.missing],
      genotypes: genotypesToJSON(f.genotypes),
    })),
  };
}

/**
 * Format a DVI case as JSON text that {@link parseDVICase} reads back to an equal case.
 *
 * @param c - a validated DVI case
 * @param indent - spaces of indentation (default 2)
 * @returns the JSON text, ending in a newline
 * @example
 * ```ts
 * parseDVICase(formatDVICase(c)); // => a DVI case equal to c
 * ```
 */
export function formatDVICase(c: DVICase, indent = 2): string {
  return `${JSON.stringify(toDVIDocument(c), null, indent)}\n`;
}
