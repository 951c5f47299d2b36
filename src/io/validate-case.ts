/**
 * Any case document (`kindred-case/1` or `kindred-dvi/1`): dispatch on `format`, and the
 * all-issues report behind `kindred validate FILE`.
 *
 * @module
 */
import { _oneLine } from '../_internal/one-line.js';
import { formatPath, KindredError } from '../errors.js';
import { checkKinshipCaseBudget } from '../relationships/case-budget.js';
import type { KinshipCase } from '../relationships/types.js';
import { checkDVICaseBudget } from '../search/case-budget.js';
import type { DVICase } from '../search/types.js';
import { type ParseCaseOptions, safeParseCase } from './case-file.js';
import { safeParseDVICase } from './dvi-file.js';
import {
  describeJson,
  getOwn,
  IssueList,
  isJsonObject,
  readJsonInput,
  type SafeParseResult,
} from './json-value.js';

/** Either document type, discriminated on `format`. */
export type CaseDocument = KinshipCase | DVICase;

/** The formats {@link parseCaseDocument} understands. */
export const CASE_FORMATS = ['kindred-case/1', 'kindred-dvi/1'] as const;

/**
 * Parse and validate a case document of either type, throwing the first issue.
 *
 * @param input - JSON text, or an already-parsed JSON value
 * @param options - the file name for errors
 * @returns a {@link KinshipCase} or a {@link DVICase}, told apart by `format`
 * @throws KindredError `INVALID_CASE` naming the value when `format` is neither
 *   `"kindred-case/1"` nor `"kindred-dvi/1"`; otherwise as `parseCase` / `parseDVICase`
 * @example
 * ```ts
 * parseCaseDocument(text).format; // => 'kindred-dvi/1'
 * ```
 */
export function parseCaseDocument(input: unknown, options: ParseCaseOptions = {}): CaseDocument {
  const result = safeParseCaseDocument(input, options);
  if (!result.success) throw result.issues[0];
  return result.value;
}

/**
 * Parse and validate a case document of either type, collecting every issue (the rules of
 * `safeParseCase` or `safeParseDVICase`, chosen by `format`).
 *
 * @param input - JSON text, or an already-parsed JSON value
 * @param options - the file name for errors
 * @returns `{ success: true, value }` or `{ success: false, issues }`
 * @example
 * ```ts
 * safeParseCaseDocument('{"format": "kindred-lr/9"}').success; // => false
 * ```
 */
export function safeParseCaseDocument(
  input: unknown,
  options: ParseCaseOptions = {},
): SafeParseResult<CaseDocument> {
  const issues = new IssueList(options.file);
  const doc = readJsonInput(input, issues);
  if (doc === undefined) return { success: false, issues: issues.issues };
  const format = isJsonObject(doc) ? getOwn(doc, 'format') : undefined;
  let result: SafeParseResult<CaseDocument>;
  if (format === 'kindred-case/1') result = safeParseCase(doc, options);
  else if (format === 'kindred-dvi/1') result = safeParseDVICase(doc, options);
  else {
    const what = isJsonObject(doc)
      ? `format ${describeJson(format)}`
      : `a document that is ${describeJson(doc)}`;
    issues.add(
      'INVALID_CASE',
      `Unknown case format: got ${what}; expected "kindred-case/1" or "kindred-dvi/1"`,
      isJsonObject(doc) ? ['format'] : [],
    );
    return { success: false, issues: issues.issues };
  }
  if (issues.count === 0) return result;
  return { success: false, issues: [...issues.issues, ...(result.success ? [] : result.issues)] };
}

/** Result of {@link validateCaseText}. */
export interface CaseValidationReport {
  /** True when the document has no issue. */
  readonly ok: boolean;
  /** Every issue found, in document order as far as possible. */
  readonly issues: readonly KindredError[];
  /** One line per issue (`<file>: <code>: <message>`), or a one-line summary when ok. */
  readonly summary: string;
}

/**
 * Check a case file of either type and report every issue at once (for `kindred validate`).
 *
 * @param text - the file's text
 * @param file - the file name (used in every issue and line)
 * @returns `ok`, the issues, and a human-readable report
 * @example
 * ```ts
 * validateCaseText(text, 'pc-001.json').summary;
 * // => 'ok: kindred-case/1 "pc-001": 15 loci, 2 hypotheses, 3 typed people'
 * ```
 */
export function validateCaseText(text: string, file: string): CaseValidationReport {
  const result = safeParseCaseDocument(text, { file });
  let issues: readonly KindredError[];
  if (result.success) {
    const tooComplex = checkCaseBudget(result.value, file);
    if (tooComplex === undefined)
      return { ok: true, issues: [], summary: _oneLine(summarizeCaseDocument(result.value)) };
    issues = [tooComplex];
  } else issues = result.issues;
  const lines = issues.map((e) => {
    const where = e.path.length > 0 ? ` (${formatPath(e.path)})` : '';
    return _oneLine(`${file}: ${e.code}: ${e.detail}${where}`);
  });
  return { ok: false, issues, summary: lines.join('\n') };
}

/**
 * The case budget `kindred lr`, `dvi` and `search` apply with their default limits (see
 * `likelihood/case-budget.ts`), so that validate accepts exactly what they will compute: the
 * refusal (`TOO_COMPLEX`, or what the engine refuses while planning), or undefined when the case
 * is within it.
 */
function checkCaseBudget(doc: CaseDocument, file: string): KindredError | undefined {
  try {
    if (doc.format === 'kindred-case/1') checkKinshipCaseBudget(doc);
    else checkDVICaseBudget(doc);
    return undefined;
  } catch (e) {
    if (e instanceof KindredError)
      return new KindredError(e.code, e.detail, { path: e.path, file });
    throw e;
  }
}

/**
 * A one-line description of a valid document (a DVI document's elimination set counted when it has one).
 *
 * @example
 * ```ts
 * summarizeCaseDocument(dvi);
 * // => 'ok: kindred-dvi/1 "dvi-001": 10 loci, 4 victims, 3 families, 4 missing persons, 8 typed relatives'
 * ```
 */
export function summarizeCaseDocument(doc: CaseDocument): string {
  const head = `ok: ${doc.format} ${JSON.stringify(doc.id)}: ${_count(doc.loci.length, 'locus', 'loci')}`;
  if (doc.format === 'kindred-case/1') {
    return `${head}, ${_count(doc.hypotheses.length, 'hypothesis', 'hypotheses')}, ${_count(doc.genotypes.size, 'typed person', 'typed people')}`;
  }
  const missing = doc.families.reduce((s, f) => s + f.missing.length, 0);
  const typed = doc.families.reduce((s, f) => s + f.genotypes.size, 0);
  const elimination =
    doc.elimination === undefined
      ? ''
      : `, ${_count(doc.elimination.length, 'elimination profile', 'elimination profiles')}`;
  return `${head}, ${_count(doc.victims.size, 'victim', 'victims')}, ${_count(doc.families.length, 'family', 'families')}, ${_count(missing, 'missing person', 'missing persons')}, ${_count(typed, 'typed relative', 'typed relatives')}${elimination}`;
}

function _count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
