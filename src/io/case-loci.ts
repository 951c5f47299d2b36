/**
 * Reading the parts shared by `kindred-case/1` and `kindred-dvi/1`: the header (`format`, `id`,
 * `description`, `theta`) and the `loci` with their frequencies and mutation models.
 *
 * @module
 */
import { MAX_ALLELE_LABEL_LENGTH } from '../frequencies/allele-label.js';
import type { Locus } from '../frequencies/locus.js';
import { MAX_ALLELES_PER_LOCUS } from '../frequencies/locus.js';
import type { MutationSpec } from '../mutation/types.js';
import { readMutationSpec } from './case-mutation.js';
import {
  checkFields,
  describeJson,
  getOwn,
  type IssueList,
  isJsonObject,
  type JsonObject,
} from './json-value.js';

/** Frequencies must sum to 1 within this tolerance (case-format.md). */
export const FREQUENCY_SUM_TOLERANCE = 1e-5;

/** The header fields common to both document types. */
export interface CaseHeader {
  readonly id: string;
  readonly description?: string;
  readonly theta: number;
}

/**
 * Read `format`, `id`, `description` and `theta` of a document.
 * Rules (`INVALID_CASE`): the document is an object; `format` equals `expected`; `id` is a
 * non-empty string; `description`, when present, is a string; `theta` is absent (0) or a
 * number in [0, 1).
 *
 * @param doc - the document
 * @param expected - the format it must declare
 * @param issues - where issues go
 * @returns the header (best effort), or undefined when the document is not an object
 * @example
 * ```ts
 * readCaseHeader({ format: 'kindred-case/1', id: 'pc-001' }, 'kindred-case/1', issues);
 * // => { id: 'pc-001', theta: 0 }
 * ```
 */
export function readCaseHeader(
  doc: unknown,
  expected: string,
  issues: IssueList,
): CaseHeader | undefined {
  if (!isJsonObject(doc)) {
    issues.add(
      'INVALID_CASE',
      `A case document must be a JSON object, got ${describeJson(doc)}`,
      [],
    );
    return undefined;
  }
  const format = getOwn(doc, 'format');
  if (format !== expected) {
    issues.add(
      'INVALID_CASE',
      `Unsupported format ${describeJson(format)}; expected "${expected}"`,
      ['format'],
    );
  }
  let id = getOwn(doc, 'id');
  if (typeof id !== 'string' || id === '') {
    issues.add('INVALID_CASE', `Case id ${describeJson(id)} must be a non-empty string`, ['id']);
    id = '';
  }
  const description = getOwn(doc, 'description');
  if (description !== undefined && typeof description !== 'string') {
    issues.add(
      'INVALID_CASE',
      `Case description must be a string, got ${describeJson(description)}`,
      ['description'],
    );
  }
  let theta = getOwn(doc, 'theta') ?? 0;
  if (typeof theta !== 'number' || !(theta >= 0 && theta < 1)) {
    issues.add('INVALID_CASE', `theta ${describeJson(theta)} must be a number in [0, 1)`, [
      'theta',
    ]);
    theta = 0;
  }
  return {
    id: id as string,
    theta: theta as number,
    ...(typeof description === 'string' ? { description } : {}),
  };
}

/**
 * Refuse theta > 0 together with an X-chromosomal locus (`UNSUPPORTED`: there is no reference
 * definition of the theta correction on X).
 *
 * @param theta - the document's theta
 * @param loci - its loci
 * @param issues - where the issue goes (path `theta`)
 * @example
 * ```ts
 * checkThetaWithX(0.01, [xLocus], issues); // adds 'theta 0.01 with X-chromosomal locus "X01" is not supported'
 * ```
 */
export function checkThetaWithX(theta: number, loci: readonly Locus[], issues: IssueList): void {
  const x = loci.find((l) => l.chromosome === 'X');
  if (theta > 0 && x !== undefined) {
    issues.add(
      'UNSUPPORTED',
      `theta ${theta} with X-chromosomal locus "${x.name}" is not supported`,
      ['theta'],
    );
  }
}

/** Result of {@link readLoci}. */
export interface ReadLoci {
  readonly loci: Locus[];
  readonly byName: ReadonlyMap<string, Locus | undefined>;
}

const LOCUS_FIELDS = ['name', 'alleles', 'frequencies', 'mutation', 'chromosome'];

/**
 * Read the `loci` array. Rules:
 * - `loci` is a non-empty array of objects with only the fields name, alleles, frequencies,
 *   mutation, chromosome (`INVALID_CASE` / `INVALID_LOCUS`);
 * - `name` is a non-empty string, unique (`INVALID_LOCUS`);
 * - `alleles` is a non-empty array of at most 4,096 non-empty, unique strings of at most 64
 *   characters (`INVALID_LOCUS`);
 * - `frequencies` has one number in (0, 1] per allele and sums to 1 within 1e-5
 *   (`INVALID_FREQUENCIES`); the numbers are kept exactly as given, never renormalised;
 * - `chromosome` is `"autosomal"` (default) or `"X"` (`INVALID_LOCUS`);
 * - `mutation` follows {@link readMutationSpec} (`INVALID_MUTATION`).
 *
 * @param value - the `loci` field
 * @param issues - where issues go (paths start at `loci`)
 * @returns the loci whose name and alleles are usable (best effort; the document is valid only
 *   when no issue was added), and every locus name (mapped to undefined when its alleles are
 *   unusable, so genotypes at it are not reported again as typed at an unknown locus)
 * @example
 * ```ts
 * readLoci([{ name: 'vWA', alleles: ['17'], frequencies: [1] }], issues).loci[0]?.chromosome;
 * // => 'autosomal'
 * ```
 */
export function readLoci(value: unknown, issues: IssueList): ReadLoci {
  const out: Locus[] = [];
  const byName = new Map<string, Locus | undefined>();
  if (!Array.isArray(value) || value.length === 0) {
    issues.add('INVALID_CASE', `loci must be a non-empty array, got ${describeJson(value)}`, [
      'loci',
    ]);
    return { loci: out, byName };
  }
  const seen = new Map<string, number>();
  value.forEach((raw: unknown, i) => {
    const path = ['loci', i];
    if (!isJsonObject(raw)) {
      issues.add('INVALID_LOCUS', `Locus ${i} must be an object, got ${describeJson(raw)}`, path);
      return;
    }
    const name = getOwn(raw, 'name');
    if (typeof name !== 'string' || name === '') {
      issues.add(
        'INVALID_LOCUS',
        `Locus ${i} has name ${describeJson(name)}; expected a non-empty string`,
        [...path, 'name'],
      );
    } else if (seen.has(name)) {
      issues.add(
        'INVALID_LOCUS',
        `Locus "${name}" is defined twice (loci ${seen.get(name)} and ${i})`,
        [...path, 'name'],
      );
    } else {
      seen.set(name, i);
      byName.set(name, undefined);
    }
    const label = typeof name === 'string' && name !== '' ? `Locus "${name}"` : `Locus ${i}`;
    checkFields(raw, LOCUS_FIELDS, label, path, issues, 'INVALID_LOCUS');
    const read = _readAlleles(raw, label, path, issues);
    const alleles = read?.valid ? read.labels : undefined;
    const chromosome = getOwn(raw, 'chromosome') ?? 'autosomal';
    if (chromosome !== 'autosomal' && chromosome !== 'X') {
      issues.add(
        'INVALID_LOCUS',
        `${label} has chromosome ${describeJson(chromosome)}; expected "autosomal" or "X"`,
        [...path, 'chromosome'],
      );
    }
    const frequencies =
      read === undefined ? undefined : _readFrequencies(raw, label, read.labels, path, issues);
    const mutation: MutationSpec =
      alleles === undefined
        ? null
        : readMutationSpec(
            getOwn(raw, 'mutation'),
            { label, alleles, frequencies, path: [...path, 'mutation'] },
            issues,
          );
    if (typeof name === 'string' && name !== '' && alleles !== undefined) {
      out.push({
        name,
        alleles,
        frequencies: frequencies ?? [],
        chromosome: chromosome === 'X' ? 'X' : 'autosomal',
        mutation,
      });
    }
  });
  for (const l of out) if (byName.has(l.name)) byName.set(l.name, l);
  return { loci: out, byName };
}

function _readAlleles(
  raw: JsonObject,
  label: string,
  path: (string | number)[],
  issues: IssueList,
): { labels: string[]; valid: boolean } | undefined {
  const alleles = getOwn(raw, 'alleles');
  if (!Array.isArray(alleles) || alleles.length === 0) {
    issues.add(
      'INVALID_LOCUS',
      `${label} needs a non-empty array of allele labels, got ${describeJson(alleles)}`,
      [...path, 'alleles'],
    );
    return undefined;
  }
  if (alleles.length > MAX_ALLELES_PER_LOCUS) {
    issues.add(
      'INVALID_LOCUS',
      `${label} has ${alleles.length} alleles; at most ${MAX_ALLELES_PER_LOCUS} are allowed`,
      [...path, 'alleles'],
    );
    return undefined;
  }
  const before = issues.count;
  const seen = new Set<string>();
  alleles.forEach((a: unknown, j) => {
    if (typeof a !== 'string' || a === '') {
      issues.add(
        'INVALID_LOCUS',
        `${label} has allele label ${describeJson(a)}; labels are non-empty strings`,
        [...path, 'alleles', j],
      );
    } else if (a.length > MAX_ALLELE_LABEL_LENGTH) {
      issues.add(
        'INVALID_LOCUS',
        `${label} has allele label "${a}" of ${a.length} characters; at most ${MAX_ALLELE_LABEL_LENGTH} are allowed`,
        [...path, 'alleles', j],
      );
    } else if (seen.has(a)) {
      issues.add('INVALID_LOCUS', `${label} lists allele "${a}" twice`, [...path, 'alleles', j]);
    } else seen.add(a);
  });
  const labels = alleles.map((a: unknown) => (typeof a === 'string' ? a : String(a)));
  return { labels, valid: issues.count === before };
}

function _readFrequencies(
  raw: JsonObject,
  label: string,
  alleles: readonly string[],
  path: (string | number)[],
  issues: IssueList,
): number[] | undefined {
  const freqs = getOwn(raw, 'frequencies');
  const fpath = [...path, 'frequencies'];
  if (!Array.isArray(freqs) || freqs.length !== alleles.length) {
    const got = Array.isArray(freqs) ? `${freqs.length} frequencies` : describeJson(freqs);
    issues.add(
      'INVALID_FREQUENCIES',
      `${label} has ${alleles.length} alleles but ${got}; one frequency per allele is required`,
      fpath,
    );
    return undefined;
  }
  const before = issues.count;
  freqs.forEach((f: unknown, j) => {
    if (typeof f !== 'number' || !(f > 0 && f <= 1)) {
      issues.add(
        'INVALID_FREQUENCIES',
        `${label} allele "${alleles[j]}" has frequency ${describeJson(f)}; expected a number in (0, 1]`,
        [...fpath, j],
      );
    }
  });
  if (issues.count > before) return undefined;
  const values = freqs as number[];
  const sum = values.reduce((s, f) => s + f, 0);
  if (Math.abs(sum - 1) > FREQUENCY_SUM_TOLERANCE) {
    issues.add(
      'INVALID_FREQUENCIES',
      `${label} frequencies sum to ${Number(sum.toPrecision(12))}, not 1 within ${FREQUENCY_SUM_TOLERANCE}`,
      fpath,
    );
    return undefined;
  }
  return values.slice();
}
