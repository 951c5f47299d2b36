/**
 * Reading the people of a case document: pedigree arrays (through `safeCreatePedigree`) and
 * genotype tables (`{ person: { locus: [a1, a2] } }`).
 *
 * @module
 */
import type { ErrorPath } from '../errors.js';
import type { Locus } from '../frequencies/locus.js';
import { safeCreatePedigree } from '../pedigree/create-pedigree.js';
import type { Pedigree, PedigreeRecord, Sex } from '../pedigree/pedigree.js';
import { SILENT_ALLELE } from '../profile/observation.js';
import { checkFields, describeJson, getOwn, type IssueList, isJsonObject } from './json-value.js';

/** A pedigree array as read: the rows, the pedigree when valid, and what could be learnt. */
export interface ReadPedigree {
  /** Rows with only their known fields (best effort when invalid). */
  readonly records: PedigreeRecord[];
  /** The validated pedigree, or undefined when it has issues. */
  readonly pedigree: Pedigree | undefined;
  /** Row index by id, for every row with a string id (first occurrence). */
  readonly rows: ReadonlyMap<string, number>;
  /** Sex by id where known (sameAs rows take their target's sex). */
  readonly sex: ReadonlyMap<string, Sex>;
}

/**
 * Read a pedigree array. Rules (`INVALID_PEDIGREE`): a non-empty array of objects; ordinary rows
 * have only `id`, `father`, `mother`, `sex`, sameAs rows only `id`, `sameAs`; then every rule of
 * `safeCreatePedigree` with errors located at `path`.
 *
 * @param value - the `pedigree` field
 * @param path - its path (`['hypotheses', 0, 'pedigree']`)
 * @param owner - how messages name the owner (`Hypothesis "H1"`)
 * @param issues - where issues go
 * @returns the rows, the pedigree when valid, row index and sex by id
 * @example
 * ```ts
 * readPedigree([{ id: 'R', father: null, mother: null, sex: 'male' }, { id: 'V', sameAs: 'R' }], ['pedigree'], 'Hypothesis "H1"', issues).sex.get('V');
 * // => 'male'
 * ```
 */
export function readPedigree(
  value: unknown,
  path: ErrorPath,
  owner: string,
  issues: IssueList,
): ReadPedigree {
  const records: PedigreeRecord[] = [];
  const rows = new Map<string, number>();
  const sex = new Map<string, Sex>();
  if (!Array.isArray(value) || value.length === 0) {
    issues.add(
      'INVALID_PEDIGREE',
      `${owner} needs a non-empty pedigree array, got ${describeJson(value)}`,
      path,
    );
    return { records, pedigree: undefined, rows, sex };
  }
  const before = issues.count;
  const sameAs: [string, unknown][] = [];
  value.forEach((row: unknown, i) => {
    if (!isJsonObject(row)) return;
    const id = getOwn(row, 'id');
    const who = typeof id === 'string' ? `Individual "${id}"` : `Row ${i}`;
    if (typeof id === 'string' && !rows.has(id)) rows.set(id, i);
    if (Object.hasOwn(row, 'sameAs')) {
      checkFields(
        row,
        ['id', 'sameAs', 'father', 'mother', 'sex'],
        who,
        [...path, i],
        issues,
        'INVALID_PEDIGREE',
      );
      records.push({ id: id as string, sameAs: getOwn(row, 'sameAs') as string });
      if (typeof id === 'string') sameAs.push([id, getOwn(row, 'sameAs')]);
      return;
    }
    checkFields(
      row,
      ['id', 'father', 'mother', 'sex'],
      who,
      [...path, i],
      issues,
      'INVALID_PEDIGREE',
    );
    const s = getOwn(row, 'sex');
    if (typeof id === 'string' && (s === 'male' || s === 'female') && !sex.has(id)) sex.set(id, s);
    records.push({
      id: id as string,
      father: getOwn(row, 'father') as string | null,
      mother: getOwn(row, 'mother') as string | null,
      sex: s as Sex,
    });
  });
  for (const [id, target] of sameAs) {
    const s = typeof target === 'string' ? sex.get(target) : undefined;
    if (s !== undefined && !sex.has(id)) sex.set(id, s);
  }
  const result = safeCreatePedigree(value as PedigreeRecord[], {
    path,
    ...(issues.file !== undefined ? { file: issues.file } : {}),
  });
  if (!result.success) for (const e of result.issues) issues.addError(e);
  const pedigree = result.success && issues.count === before ? result.value : undefined;
  return { records, pedigree, rows, sex };
}

/** How genotype tables are checked. */
export interface GenotypeRules {
  /** Loci by name; a name mapped to undefined is a locus too broken to check genotypes at. */
  readonly loci: ReadonlyMap<string, Locus | undefined>;
  /** `Person "AF"` or `Victim "V1"`: how a message names the owner of a profile. */
  readonly who: (id: string) => string;
  /** Sex of a person, undefined when unknown (then sex-dependent X rules are skipped). */
  readonly sexOf: (id: string) => Sex | undefined;
  /** Further checks on a typed person's id (e.g. "is in every hypothesis"). */
  readonly checkPerson?: (id: string, path: ErrorPath) => void;
  /** Drop-in probability of a sample (degraded-dna.md; default 0): a male may show two alleles at an X locus only when it is > 0. */
  readonly dropinOf?: (id: string) => number;
}

/**
 * Read a genotype table `{ person: { locus: [a1, a2] } }`. Rules (`INVALID_GENOTYPE` unless
 * noted):
 * - the table and every profile are objects (`INVALID_CASE` for the table);
 * - every locus is a locus of the document; every allele is a label of that locus;
 * - one or two alleles: the set of alleles seen (degraded-dna.md; `["12"]` and `["12", "12"]` both
 *   mean "only 12 was seen"; 3 or more: a tri-allelic pattern, refused, never truncated; 0: an
 *   untyped locus must be left out);
 * - a male has no two different alleles at an X locus unless its drop-in is > 0;
 * - the reserved label `"silent"` is never an observed allele.
 * Labels and names are kept exactly as written (`["12"]` stays one allele).
 *
 * @param value - the genotype table
 * @param path - its path (`['genotypes']`)
 * @param rules - loci, sexes and person checks
 * @param issues - where issues go
 * @returns person → locus → alleles (best effort)
 * @example
 * ```ts
 * readGenotypes({ AF: { D3S1358: ['14', '15', '16'] } }, ['genotypes'], rules, issues);
 * // adds 'Person "AF" has 3 alleles at locus "D3S1358" ("14", "15", "16"): a tri-allelic pattern ...'
 * ```
 */
export function readGenotypes(
  value: unknown,
  path: ErrorPath,
  rules: GenotypeRules,
  issues: IssueList,
): Map<string, Map<string, readonly string[]>> {
  const out = new Map<string, Map<string, readonly string[]>>();
  if (!isJsonObject(value)) {
    issues.add(
      'INVALID_CASE',
      `Genotypes must be an object of person -> locus -> alleles, got ${describeJson(value)}`,
      path,
    );
    return out;
  }
  for (const person of Object.keys(value)) {
    const ppath = [...path, person];
    const who = rules.who(person);
    rules.checkPerson?.(person, ppath);
    const profile = value[person];
    const typed = new Map<string, readonly string[]>();
    out.set(person, typed);
    if (!isJsonObject(profile)) {
      issues.add(
        'INVALID_GENOTYPE',
        `${who} must have an object of locus -> alleles, got ${describeJson(profile)}`,
        ppath,
      );
      continue;
    }
    const sex = rules.sexOf(person);
    for (const name of Object.keys(profile)) {
      const dropin = rules.dropinOf?.(person) ?? 0;
      const alleles = _readGenotype(
        profile[name],
        who,
        name,
        rules,
        sex,
        dropin,
        [...ppath, name],
        issues,
      );
      if (alleles !== undefined) typed.set(name, alleles);
    }
  }
  return out;
}

function _readGenotype(
  value: unknown,
  who: string,
  name: string,
  rules: GenotypeRules,
  sex: Sex | undefined,
  dropin: number,
  path: ErrorPath,
  issues: IssueList,
): readonly string[] | undefined {
  const locus = rules.loci.get(name);
  if (locus === undefined && rules.loci.has(name)) return undefined;
  if (locus === undefined) {
    issues.add('INVALID_GENOTYPE', `${who} is typed at unknown locus "${name}"`, path);
    return undefined;
  }
  if (!Array.isArray(value)) {
    issues.add(
      'INVALID_GENOTYPE',
      `${who} at locus "${name}" must have an array of allele labels, got ${describeJson(value)}`,
      path,
    );
    return undefined;
  }
  const notLabel = value.findIndex((a) => typeof a !== 'string');
  if (notLabel >= 0) {
    issues.add(
      'INVALID_GENOTYPE',
      `${who} at locus "${name}" has ${describeJson(value[notLabel])} as allele ${notLabel + 1}; allele labels are strings (write "${String(value[notLabel])}" in quotes)`,
      [...path, notLabel],
    );
    return undefined;
  }
  const alleles = value as string[];
  const before = issues.count;
  const shown = alleles.map((a) => JSON.stringify(a)).join(', ');
  const x = locus.chromosome === 'X';
  if (alleles.length === 0) {
    issues.add(
      'INVALID_GENOTYPE',
      `${who} has no alleles at locus "${name}"; leave an untyped locus out`,
      path,
    );
  } else if (alleles.length > 2) {
    issues.add(
      'INVALID_GENOTYPE',
      `${who} has ${alleles.length} alleles at locus "${name}" (${shown}): a tri-allelic pattern is not supported; exactly 2 are required`,
      path,
    );
  } else if (
    x &&
    sex === 'male' &&
    alleles.length === 2 &&
    alleles[0] !== alleles[1] &&
    !(dropin > 0)
  ) {
    issues.add(
      'INVALID_GENOTYPE',
      `${who} is male but has two different alleles (${shown}) at X locus "${name}" (possible only with a dropin > 0 in observation)`,
      path,
    );
  }
  alleles.forEach((a, k) => {
    if (a === SILENT_ALLELE) {
      issues.add(
        'INVALID_GENOTYPE',
        `${who} has the silent allele "silent" at locus "${name}"; a silent allele is never observed (write only the alleles seen)`,
        [...path, k],
      );
    }
  });
  alleles.forEach((a, k) => {
    if (!locus.alleles.includes(a)) {
      issues.add(
        'INVALID_GENOTYPE',
        `${who} has allele "${a}" at locus "${name}", which is not an allele of that locus`,
        [...path, k],
      );
    }
  });
  return issues.count === before ? alleles.slice() : undefined;
}
