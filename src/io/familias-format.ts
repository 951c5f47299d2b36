/**
 * Write a {@link FamiliasFile} as a Familias `.fam` file, in the layout `familias-fam.ts` reads
 * (that of pedFamilias' `writeFam` and, for the `[DVI]` section, `writeDVI`). Every pedigree
 * member of the main section is written as a named person (no unnamed extras). In the DVI
 * section every family member is listed under `Persons` (typed or not, so each keeps its sex),
 * the missing person untyped under its name, which must start with `Missing person` (Familias'
 * convention, which is also how `familias-dvi.ts` and R dvir find it), and both pedigree copies (`Reference pedigree` and the
 * family's own) are written.
 *
 * The file's note (line 2) and each DVI family's note (its line of `[[Notes]]`) are written as
 * given (`INVALID_ARGUMENT` when one cannot be read back the same: a line break, a double quote,
 * white space at either end, a leading `[`).
 *
 * Refused (`UNSUPPORTED`): mutation models other than equal, proportional and stepwise
 * (`onestep`, `custom`), a DVI family with more than one missing person, a missing person whose
 * name does not start with `Missing person`, and another member whose name does.
 *
 * @module
 */
import { KindredError } from '../errors.js';
import type { MutationModel, MutationSpec } from '../mutation/types.js';
import type { PersonRecord } from '../pedigree/pedigree.js';
import type { FamiliasDVI, FamiliasDVIPerson } from './familias-dvi.js';
import type { FamiliasFile, FamiliasLocus } from './familias-fam.js';

/**
 * Write a `.fam` file.
 *
 * @param fam - persons, pedigrees, database and optional DVI section
 * @returns the file text (LF line ends)
 * @throws KindredError `UNSUPPORTED` (see module comment), `INVALID_ARGUMENT` when a main-section
 *   genotype names a locus or allele missing from the database
 * @example
 * ```ts
 * parseFamiliasFam(formatFamiliasFam(fam)).database.loci.length; // => fam.database.loci.length
 * ```
 */
export function formatFamiliasFam(fam: FamiliasFile): string {
  const out: string[] = [];
  const add = (...lines: (string | number)[]) => out.push(...lines.map(String));
  const quote = (s: string) => `"${s}"`;
  const version = fam.version === '' ? '3.3.1' : fam.version;
  const isDvi = fam.dvi !== undefined;
  const people = new Map(fam.persons.map((p) => [p.id, { sex: p.sex, genotypes: p.genotypes }]));
  for (const ped of fam.pedigrees) {
    for (const r of ped.records)
      if (!people.has(r.id)) people.set(r.id, { sex: r.sex, genotypes: new Map() });
  }
  const ids = [...people.keys()];
  add(
    quote(`Output from Familias, version ${version}`),
    quote(_noteLine(fam.note ?? '(Produced by Kindred)', 'The file note', ['note'])),
    isDvi ? `${version} (DVI)` : version,
    quote(''),
    ids.length,
  );
  const loci = fam.database.loci;
  const locusIndex = new Map(loci.map((l, i) => [l.name, i]));
  for (const [id, person] of people) {
    add(
      quote(id),
      '#FALSE#',
      -1,
      '#FALSE#',
      person.sex === 'male' ? '#TRUE#' : '#FALSE#',
      person.genotypes.size,
    );
    for (const [marker, [a, b]] of person.genotypes) {
      const li = locusIndex.get(marker);
      const locus = li === undefined ? undefined : loci[li];
      const ia = locus?.alleles.indexOf(a) ?? -1;
      const ib = locus?.alleles.indexOf(b) ?? -1;
      if (li === undefined || ia < 0 || ib < 0) {
        throw new KindredError(
          'INVALID_ARGUMENT',
          `Person "${id}" has genotype ${a},${b} at ${marker}, which the database does not hold`,
          { path: ['persons', id, marker] },
        );
      }
      add(ia, ib, li);
    }
  }
  add(quote('Known relations'), 0, 0, 0, fam.pedigrees.length);
  fam.pedigrees.forEach((ped, i) => {
    const pairs = _pairs(ped.records);
    add(i, quote(ped.name), 0, 0, pairs.length);
    for (const [parent, child] of pairs) add(ids.indexOf(parent), ids.indexOf(child));
  });
  add(
    `#FALSE# (#Databases: 1 ;Theta/Kinship/Fst: ${fam.database.theta} )`,
    loci.length,
    '#TRUE#',
    quote(fam.database.name ?? 'unknown'),
  );
  for (const locus of loci) _locus(locus, add, quote);
  if (fam.dvi !== undefined) _dvi(fam.dvi, add);
  return `${out.join('\n')}\n`;
}

function _locus(
  locus: FamiliasLocus,
  add: (...l: (string | number)[]) => void,
  quote: (s: string) => string,
): void {
  const [female, male] = _sexModels(locus.mutation, locus.name);
  const code = (m: MutationModel | null) =>
    m === null || m.model === 'equal' ? 0 : m.model === 'proportional' ? 1 : 4;
  const num = (m: MutationModel | null, key: 'rate' | 'range' | 'rate2') =>
    m !== null && key in m ? ((m as unknown as Record<string, number>)[key] ?? 0) : 0;
  add(
    quote(locus.name),
    num(female, 'rate'),
    num(male, 'rate'),
    code(female),
    code(male),
    locus.alleles.length,
    num(female, 'range'),
    num(male, 'range'),
    num(female, 'rate2'),
    num(male, 'rate2'),
    '#FALSE#',
    0,
    `${locus.alleles.length}\t(DatabaseSize = ${locus.databaseSize ?? 1000} , Dropout probability = 0 , Minor allele frequency = 0 )`,
  );
  locus.alleles.forEach((a, i) => {
    add(quote(a), String(locus.frequencies[i]));
  });
}

function _sexModels(
  spec: MutationSpec,
  locus: string,
): [MutationModel | null, MutationModel | null] {
  if (spec === null) return [null, null];
  const pair: [MutationModel, MutationModel] =
    'model' in spec ? [spec, spec] : [spec.female, spec.male];
  for (const m of pair) {
    if (m.model === 'onestep' || m.model === 'custom') {
      throw new KindredError(
        'UNSUPPORTED',
        `Locus ${locus} has mutation model "${m.model}", which a .fam file cannot hold (equal, proportional and stepwise can)`,
        { path: ['loci', locus, 'mutation'] },
      );
    }
  }
  return pair;
}

/**
 * A note as one line that reads back as written: no line break or double quote (a `.fam`
 * reader removes quotes), no white space at either end (trimmed), and, since a DVI note line
 * starting with `[` would be read as a heading, no leading `[`.
 */
function _noteLine(note: string, what: string, path: string[]): string {
  if (/[\r\n"]/.test(note) || note.trim() !== note || note.startsWith('[')) {
    throw new KindredError(
      'INVALID_ARGUMENT',
      `${what} ${JSON.stringify(note)} cannot be written as one .fam line that reads back the same (no line break, double quote, leading "[" or white space at either end)`,
      { path },
    );
  }
  return note;
}

function _pairs(records: readonly PersonRecord[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (const r of records) {
    if (r.father !== null) pairs.push([r.father, r.id]);
    if (r.mother !== null) pairs.push([r.mother, r.id]);
  }
  return pairs;
}

function _dvi(dvi: FamiliasDVI, add: (...l: (string | number)[]) => void): void {
  const person = (p: FamiliasDVIPerson, num: number, depth: number) => {
    const open = '['.repeat(depth);
    const close = ']'.repeat(depth);
    add(`${open}Person ${num}${depth === 3 ? ' ' : ''}${close}`, `Name= ${p.id}`);
    if (p.sex !== undefined) add(`Gender= ${p.sex === 'male' ? 'Male' : 'Female'}`);
    add(`${open}[DNA data]${close}]`, `nSystems= ${p.genotypes.size}`);
    for (const [m, [a, b]] of p.genotypes)
      add(`SystemName= ${m}`, `Allele1= ${a}`, `Allele2= ${b}`);
  };
  add('', '[DVI]', '[[Unidentified persons]]', `nPersons= ${dvi.unidentified.length}`);
  dvi.unidentified.forEach((p, i) => {
    person(p, i + 1, 3);
  });
  add(
    '[[Notes]]',
    `nFamilies= ${dvi.families.length}`,
    ...dvi.families.map((f) =>
      _noteLine(f.note ?? '', `The note of family "${f.name}"`, ['families', f.name, 'note']),
    ),
  );
  add('[[Reference Families]]', `nFamilies= ${dvi.families.length}`);
  dvi.families.forEach((f, i) => {
    if (f.missing.length > 1) {
      throw new KindredError(
        'UNSUPPORTED',
        `Family "${f.name}" has ${f.missing.length} missing persons; a Familias DVI family has one`,
        { path: ['families', f.name, 'missing'] },
      );
    }
    const missing = f.missing[0];
    if (missing !== undefined && !/^missing person/i.test(missing)) {
      throw new KindredError(
        'UNSUPPORTED',
        `Family "${f.name}": its missing person "${missing}" must be named "Missing person…" in a .fam file (that is how Familias and R dvir find it)`,
        { path: ['families', f.name, 'missing'] },
      );
    }
    const extra = f.records.find((r) => r.id !== missing && /^missing person/i.test(r.id));
    if (extra !== undefined) {
      throw new KindredError(
        'UNSUPPORTED',
        `Family "${f.name}": member "${extra.id}" is not its missing person, but a .fam file would read it as one`,
        { path: ['families', f.name, 'pedigree'] },
      );
    }
    // every member is listed, the missing person too (untyped, so it keeps its sex)
    const listed = f.records;
    const typed = new Map(f.persons.map((p) => [p.id, p]));
    add(
      `[[[Family ${i + 1} ]]]`,
      `Name= ${f.name}`,
      '[[[[Persons]]]]',
      `nPersons= ${listed.length}`,
    );
    listed.forEach((r, j) => {
      person(typed.get(r.id) ?? { id: r.id, sex: r.sex, genotypes: new Map() }, j + 1, 5);
    });
    const pairs = _pairs(f.records);
    const relations = pairs.flatMap(([p, c]) => [`Parent= ${p}`, `Child= ${c}`]);
    add('[[[[Pedigrees]]]]', 'nPedigrees= 2');
    add(
      '[[[[[Pedigree 1]]]]]',
      'Name= Reference pedigree',
      `nRelations= ${pairs.length}`,
      ...relations,
    );
    add('[[[[[Pedigree 2]]]]]', `Name= ${f.name}`, `nRelations= ${pairs.length}`, ...relations);
  });
  add('[Prior]', 'UseList= Yes', `Size= ${dvi.unidentified.length}`);
}
