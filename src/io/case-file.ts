/**
 * `kindred-case/1` documents (spec/case-format.md): parse and validate into a
 * {@link KinshipCase}, and format back to JSON.
 *
 * @module
 */
import type { Sex } from '../pedigree/pedigree.js';
import type { Hypothesis, KinshipCase } from '../relationships/types.js';
import { genotypesToJSON, locusToJSON, observationToJSON, recordToJSON } from './case-json.js';
import { checkThetaWithX, readCaseHeader, readLoci } from './case-loci.js';
import { checkObservationKeys, readObservation } from './case-observation.js';
import { type ReadPedigree, readGenotypes, readPedigree } from './case-people.js';
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

/** Options of the case parsers. */
export interface ParseCaseOptions {
  /** File name, attached to every error. */
  readonly file?: string;
}

/**
 * Parse and validate a `kindred-case/1` document, throwing the first issue.
 * See {@link safeParseCase} for the rules.
 *
 * @param input - JSON text, or an already-parsed JSON value
 * @param options - the file name for errors
 * @returns the validated case
 * @throws KindredError `PARSE_ERROR`, `INVALID_CASE`, `INVALID_LOCUS`, `INVALID_FREQUENCIES`,
 *   `INVALID_MUTATION`, `INVALID_PEDIGREE`, `INVALID_GENOTYPE` or `UNSUPPORTED`
 * @example
 * ```ts
 * const c = parseCase(text, { file: 'pc-001.json' });
 * c.hypotheses.map((h) => h.name); // => ['H1', 'H2']
 * ```
 */
export function parseCase(input: unknown, options: ParseCaseOptions = {}): KinshipCase {
  const result = safeParseCase(input, options);
  if (!result.success) throw result.issues[0];
  return result.value;
}

/**
 * Parse and validate a `kindred-case/1` document, collecting every issue. Rules:
 * - JSON syntax (`PARSE_ERROR` with line and column); no duplicate keys (`INVALID_CASE`);
 * - header: `format` is `"kindred-case/1"`, `id` a non-empty string, `theta` in [0, 1)
 *   (default 0); unknown top-level fields are ignored (`INVALID_CASE`);
 * - `loci`: see `readLoci` (`INVALID_LOCUS`, `INVALID_FREQUENCIES`, `INVALID_MUTATION`);
 *   theta > 0 with an X locus is `UNSUPPORTED`;
 * - `hypotheses`: a non-empty array of `{name, pedigree}` with unique non-empty names and a
 *   valid pedigree each (`INVALID_CASE`, `INVALID_PEDIGREE` at `hypotheses[i].pedigree`);
 * - `reference` names a hypothesis (`INVALID_CASE`);
 * - `genotypes`: every typed person is in every hypothesis, with the same sex in each
 *   (`INVALID_CASE`); genotype rules of `readGenotypes` (`INVALID_GENOTYPE`);
 * - `observation` (degraded-dna.md): see `readObservation`; every key a typed person
 *   (`INVALID_CASE`).
 *
 * @param input - JSON text, or an already-parsed JSON value
 * @param options - the file name for errors
 * @returns `{ success: true, value }` or `{ success: false, issues }`
 * @example
 * ```ts
 * safeParseCase('{"format": "kindred-case/1"}').success; // => false
 * ```
 */
export function safeParseCase(
  input: unknown,
  options: ParseCaseOptions = {},
): SafeParseResult<KinshipCase> {
  const issues = new IssueList(options.file);
  const doc = readJsonInput(input, issues);
  if (issues.count > 0) return toSafeResult<KinshipCase>(undefined, issues);
  const result = toSafeResult(_readKinshipCase(doc, issues), issues);
  if (result.success) _markValidated(result.value);
  return result;
}

function _readKinshipCase(doc: unknown, issues: IssueList): KinshipCase | undefined {
  const header = readCaseHeader(doc, 'kindred-case/1', issues);
  if (header === undefined || !isJsonObject(doc)) return undefined;
  const { loci, byName } = readLoci(getOwn(doc, 'loci'), issues);
  checkThetaWithX(header.theta, loci, issues);
  const read = _readHypotheses(getOwn(doc, 'hypotheses'), issues);
  const observation = readObservation(getOwn(doc, 'observation'), issues);
  const reference = getOwn(doc, 'reference');
  if (
    typeof reference !== 'string' ||
    (read.length > 0 && !read.some((h) => h.name === reference))
  ) {
    const names = read.map((h) => `"${h.name}"`).join(', ');
    issues.add(
      'INVALID_CASE',
      `Reference ${describeJson(reference)} is not a hypothesis of this case (hypotheses: ${names})`,
      ['reference'],
    );
  }
  const genotypes = readGenotypes(
    getOwn(doc, 'genotypes'),
    ['genotypes'],
    {
      loci: byName,
      who: (id) => `Person "${id}"`,
      sexOf: (id) => _sexAcross(id, read, issues),
      dropinOf: (id) => observation?.get(id)?.dropin ?? 0,
      checkPerson: (id, path) => {
        for (const h of read) {
          if (!h.people.rows.has(id)) {
            issues.add(
              'INVALID_CASE',
              `Typed person "${id}" is not in hypothesis "${h.name}"; every typed person must appear in every hypothesis`,
              path,
            );
          }
        }
      },
    },
    issues,
  );
  checkObservationKeys(
    getOwn(doc, 'observation'),
    (id) => genotypes.has(id),
    'a typed person',
    issues,
  );
  const hypotheses: Hypothesis[] = read.flatMap((h) =>
    h.people.pedigree === undefined
      ? []
      : [{ name: h.name, pedigree: h.people.pedigree, records: h.people.records }],
  );
  return {
    format: 'kindred-case/1',
    id: header.id,
    ...(header.description !== undefined ? { description: header.description } : {}),
    theta: header.theta,
    loci,
    hypotheses,
    reference: reference as string,
    genotypes,
    ...(observation !== undefined ? { observation } : {}),
  };
}

interface _ReadHypothesis {
  readonly name: string;
  readonly index: number;
  readonly people: ReadPedigree;
}

function _readHypotheses(value: unknown, issues: IssueList): _ReadHypothesis[] {
  if (!Array.isArray(value) || value.length === 0) {
    issues.add('INVALID_CASE', `hypotheses must be a non-empty array, got ${describeJson(value)}`, [
      'hypotheses',
    ]);
    return [];
  }
  const out: _ReadHypothesis[] = [];
  const seen = new Map<string, number>();
  value.forEach((raw: unknown, i) => {
    const path = ['hypotheses', i];
    if (!isJsonObject(raw)) {
      issues.add(
        'INVALID_CASE',
        `Hypothesis ${i} must be an object, got ${describeJson(raw)}`,
        path,
      );
      return;
    }
    const name = getOwn(raw, 'name');
    const label =
      typeof name === 'string' && name !== '' ? `Hypothesis "${name}"` : `Hypothesis ${i}`;
    checkFields(raw, ['name', 'pedigree'], label, path, issues, 'INVALID_CASE');
    if (typeof name !== 'string' || name === '') {
      issues.add(
        'INVALID_CASE',
        `${label} has name ${describeJson(name)}; expected a non-empty string`,
        [...path, 'name'],
      );
    } else if (seen.has(name)) {
      issues.add(
        'INVALID_CASE',
        `Hypothesis name "${name}" is used twice (hypotheses ${seen.get(name)} and ${i})`,
        [...path, 'name'],
      );
    } else seen.set(name, i);
    const people = readPedigree(
      getOwn(raw as JsonObject, 'pedigree'),
      [...path, 'pedigree'],
      label,
      issues,
    );
    if (typeof name === 'string' && name !== '') out.push({ name, index: i, people });
  });
  return out;
}

/** The typed person's sex; reports a person whose sex differs between hypotheses. */
function _sexAcross(
  id: string,
  read: readonly _ReadHypothesis[],
  issues: IssueList,
): Sex | undefined {
  let first: { sex: Sex; name: string } | undefined;
  for (const h of read) {
    const sex = h.people.sex.get(id);
    if (sex === undefined) continue;
    if (first === undefined) first = { sex, name: h.name };
    else if (first.sex !== sex) {
      const row = h.people.rows.get(id) ?? 0;
      issues.add(
        'INVALID_CASE',
        `Typed person "${id}" is ${first.sex} in hypothesis "${first.name}" but ${sex} in hypothesis "${h.name}"`,
        ['hypotheses', h.index, 'pedigree', row],
      );
      return undefined;
    }
  }
  return first?.sex;
}

/**
 * The JSON document of a case (plain objects and arrays, fields in case-format order); ids and
 * locus names such as `__proto__` stay ordinary own keys.
 *
 * @example
 * ```ts
 * toCaseDocument(parseCase(text)).format; // => 'kindred-case/1'
 * ```
 */
export function toCaseDocument(c: KinshipCase): Record<string, unknown> {
  return {
    format: c.format,
    id: c.id,
    ...(c.description !== undefined ? { description: c.description } : {}),
    theta: c.theta,
    loci: c.loci.map(locusToJSON),
    hypotheses: c.hypotheses.map((h) => ({ name: h.name, pedigree: h.records.map(recordToJSON) })),
    reference: c.reference,
    genotypes: genotypesToJSON(c.genotypes),
    ...(c.observation !== undefined ? { observation: observationToJSON(c.observation) } : {}),
  };
}

/**
 * Format a case as JSON text that {@link parseCase} reads back to an equal case.
 *
 * @param c - a validated case
 * @param indent - spaces of indentation (default 2)
 * @returns the JSON text, ending in a newline
 * @example
 * ```ts
 * parseCase(formatCase(c)); // => a case equal to c
 * ```
 */
export function formatCase(c: KinshipCase, indent = 2): string {
  return `${JSON.stringify(toCaseDocument(c), null, indent)}\n`;
}
