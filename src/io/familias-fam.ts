/**
 * Familias `.fam` files read in the layout that pedFamilias' `readFam`/`writeFam` document
 * (Familias 3; Egeland et al. 2000, doi:10.1016/s0379-0738(00)00147-x):
 *
 * - header: three lines (title, note: free text, version), an optional empty `""` line, the number of persons;
 * - persons: name, three flag lines, sex (`#TRUE#` male), the number of typed markers, then per
 *   marker three lines: allele index 1, allele index 2, locus index (0-based, into the database);
 * - `"Known relations"`: extra females, extra males, parent–child pairs (0-based); then the
 *   pedigrees, each with its own extra females/males and pairs;
 * - the database: `#FALSE# (#Databases: 1 ;Theta/Kinship/Fst: θ )`, the number of loci, an optional
 *   `#TRUE#` + database name, then per locus: name, female and male rate, female and male model
 *   code, number of alleles, female and male range, female and male rate2, silent-allele flag and
 *   frequency, the allele count with `(DatabaseSize = …)`, and `"allele"`/frequency pairs;
 * - an optional `[DVI]` section (see `familias-dvi.ts`) and settings sections (ignored).
 *
 * Supported: mutation models 0 (equal), 1 (proportional), 2 and 4 (stepwise, Kindred's extended
 * stepwise model); a locus with both rates 0 has no mutation. Refused (`UNSUPPORTED`): model 3
 * (stationary stepwise, which needs a stabilised matrix), silent alleles, twins ("Direct"
 * relations), precomputed probabilities. Extra (unnamed) persons are named `added_1`, `added_2`,
 * …; a child with one listed parent gets an `added_` parent of the other sex.
 *
 * @module
 */
import type { MutationModel, MutationSpec } from '../mutation/types.js';
import type { PersonRecord, Sex } from '../pedigree/pedigree.js';
import { type FamiliasDVI, parseFamiliasDVI } from './familias-dvi.js';
import { buildRecords, FamCursor } from './familias-lines.js';

/** A typed or untyped person of the main section. */
export interface FamiliasPerson {
  readonly id: string;
  readonly sex: Sex;
  /** Allele labels by database locus name. */
  readonly genotypes: ReadonlyMap<string, readonly [string, string]>;
}

/** A pedigree of the main section (named persons and extras). */
export interface FamiliasPedigree {
  readonly name: string;
  readonly records: readonly PersonRecord[];
}

/** One database locus. */
export interface FamiliasLocus {
  readonly name: string;
  readonly alleles: readonly string[];
  readonly frequencies: readonly number[];
  readonly mutation: MutationSpec;
  /** `DatabaseSize` of the locus line, when given. */
  readonly databaseSize?: number;
}

/** The frequency database of a `.fam` file. */
export interface FamiliasDatabase {
  readonly name?: string;
  readonly theta: number;
  readonly loci: readonly FamiliasLocus[];
}

/** A parsed `.fam` file. */
export interface FamiliasFile {
  /** Familias version of line 3 (without ` (DVI)`). */
  readonly version: string;
  /** The note of line 2 (free text; Familias writes its own there), when read or to write. */
  readonly note?: string;
  readonly persons: readonly FamiliasPerson[];
  readonly pedigrees: readonly FamiliasPedigree[];
  readonly database: FamiliasDatabase;
  readonly dvi?: FamiliasDVI;
}

/** Options of {@link parseFamiliasFam}. */
export interface ParseFamiliasOptions {
  readonly file?: string;
  /** Sex of untyped DVI pedigree members the file gives no sex for (e.g. the missing person). */
  readonly unknownSex?: Sex;
}

/**
 * Read a Familias `.fam` file (layout in the module comment).
 *
 * @param text - the file
 * @param options - file name for errors, sex for members of unknown sex
 * @returns persons, pedigrees, database and the DVI section
 * @throws KindredError `PARSE_ERROR` (`['line', n]` and a message naming what was expected),
 *   `UNSUPPORTED` (see module comment), `INVALID_PEDIGREE` (unknown sex with no `unknownSex`)
 * @example
 * ```ts
 * parseFamiliasFam(readFileSync('paternity.fam', 'utf8')).pedigrees.map((p) => p.name); // => ['H1', 'H2']
 * ```
 */
export function parseFamiliasFam(text: string, options: ParseFamiliasOptions = {}): FamiliasFile {
  const c = new FamCursor(text, options.file);
  c.take('title');
  const note = c.take('note');
  const version = c.take('Familias version').replace(/\s*\(DVI\)\s*$/, '');
  if (c.peek() === '') c.take('empty line');
  const nPersons = c.count('number of persons', 6);
  const raw: { id: string; sex: Sex; typed: [number, number, number, number][] }[] = [];
  for (let i = 0; i < nPersons; i++) {
    const id = c.take(`name of person ${i + 1}`);
    c.take('flag');
    const dropout = c.take('dropout flag').trim();
    if (dropout !== '-1')
      c.unsupported(`a drop-out setting (${JSON.stringify(dropout)}) for person "${id}"`);
    c.take('flag');
    const sex: Sex = c.take(`sex of "${id}"`) === '#TRUE#' ? 'male' : 'female';
    const k = c.count(`number of typed markers of "${id}"`, 3);
    const typed: [number, number, number, number][] = [];
    for (let j = 0; j < k; j++) {
      const line = c.line + 1;
      typed.push([c.int('allele index'), c.int('allele index'), c.int('locus index'), line]);
    }
    raw.push({ id, sex, typed });
  }
  c.expect('Known relations');
  const ids = raw.map((p) => p.id);
  const sexes = raw.map((p) => p.sex);
  const extra = _readExtras(c, ids, sexes, 'added_');
  const relations = _readPairs(c, 'known relations');
  const nPedigrees = c.count('number of pedigrees', 5);
  const pedigreeData: {
    index: number;
    name: string;
    ids: string[];
    sexes: Sex[];
    pairs: [number, number, number][];
  }[] = [];
  let added = extra;
  for (let i = 0; i < nPedigrees; i++) {
    const index = c.int('pedigree index');
    const name = c.take('pedigree name');
    const pIds = [...ids];
    const pSexes = [...sexes];
    added = _readExtras(c, pIds, pSexes, 'added_', added);
    pedigreeData.push({
      index,
      name,
      ids: pIds,
      sexes: pSexes,
      pairs: [...relations, ..._readPairs(c, `pedigree "${name}"`)],
    });
  }
  const dbHeader = c.take('database header');
  if (dbHeader.startsWith('#TRUE#')) c.unsupported('files with precomputed probabilities');
  const theta = Number(/Theta\/Kinship\/Fst:\s*([\d.eE+-]+)/.exec(dbHeader)?.[1] ?? '0');
  const database = _readDatabase(c, theta);
  const loci = database.loci;
  const persons = raw.map((p): FamiliasPerson => {
    const genotypes = new Map<string, readonly [string, string]>();
    for (const [a, b, l, line] of p.typed) {
      const locus = loci[l];
      const a1 = locus?.alleles[a];
      const a2 = locus?.alleles[b];
      if (locus === undefined || a1 === undefined || a2 === undefined) {
        c.fail(
          `Person "${p.id}" has allele indices ${a},${b} at locus index ${l}, outside the database`,
          line,
        );
      }
      genotypes.set((locus as FamiliasLocus).name, [a1 as string, a2 as string]);
    }
    return { id: p.id, sex: p.sex, genotypes };
  });
  const pedigrees = pedigreeData
    .sort((x, y) => x.index - y.index)
    .map((p) => ({ name: p.name, records: buildRecords(p.ids, p.sexes, p.pairs, c) }));
  _refuseAdvancedDropout(c);
  const dvi = c.findSection('[DVI]');
  return {
    version,
    note,
    persons,
    pedigrees,
    database,
    ...(dvi !== undefined ? { dvi: parseFamiliasDVI(c, dvi, options) } : {}),
  };
}

/**
 * The `[Advanced]` settings `Dropin=` and `Dropout=` (Familias' direct-identity drop-in and
 * drop-out): 0 is what Kindred computes; any other value is refused, never ignored.
 */
function _refuseAdvancedDropout(c: FamCursor): void {
  const start = c.findSection('[Advanced]');
  if (start === undefined) return;
  for (let i = start + 1; i < c.lines.length; i++) {
    const line = c.lines[i]!.trim();
    if (/^\[[^[]/.test(line)) break;
    const m = /^(Dropin|Dropout|Error)\s*=\s*(.*)$/i.exec(line);
    if (m !== null && Number(m[2]) !== 0)
      c.unsupported(`the [Advanced] setting ${m[1]}= ${m[2]}`, i + 1);
  }
}

function _readExtras(c: FamCursor, ids: string[], sexes: Sex[], prefix: string, start = 0): number {
  // An extra person matters only as the parent or child of a later relation line, so the
  // lines left bound how many a file can hold.
  const nFemale = c.count('number of extra females', 1);
  const nMale = c.count('number of extra males', 1);
  if (nFemale + nMale > c.lines.length - c.line)
    c.fail(
      `Lines ${c.line - 1}-${c.line} declare ${nFemale + nMale} extra persons, more than the ${c.lines.length - c.line} line(s) left in the file can relate`,
      c.line,
    );
  let k = start;
  for (let i = 0; i < nFemale + nMale; i++) {
    k += 1;
    ids.push(`${prefix}${k}`);
    sexes.push(i < nFemale ? 'female' : 'male');
  }
  return k;
}

function _readPairs(c: FamCursor, what: string): [number, number, number][] {
  const n = c.count(`number of relations of ${what}`, 2);
  const pairs: [number, number, number][] = [];
  for (let i = 0; i < n; i++) {
    const line = c.line + 1;
    const parent = c.take('parent index');
    if (/direct/i.test(parent)) c.unsupported('twins ("Direct" relations)');
    pairs.push([c.intOf(parent, 'parent index', line), c.int('child index'), line]);
  }
  return pairs;
}

const MODEL_NAMES = ['equal', 'proportional', 'stepwise', 'stationary stepwise', 'stepwise'];

function _readDatabase(c: FamCursor, theta: number): FamiliasDatabase {
  const nLoci = c.count('number of loci', 10);
  let name: string | undefined;
  if (c.peek() === '#TRUE#') {
    c.take('database flag');
    name = c.take('database name');
  }
  const loci: FamiliasLocus[] = [];
  for (let i = 0; i < nLoci; i++) {
    const locusName = c.take(`name of locus ${i + 1}`);
    const at = c.line;
    const rate = [c.num('female mutation rate'), c.num('male mutation rate')];
    const code = [c.int('female model code'), c.int('male model code')];
    c.int('number of alleles');
    const range = [c.num('female range'), c.num('male range')];
    const rate2 = [c.num('female rate2'), c.num('male rate2')];
    if (c.take('silent allele flag') === '#TRUE#')
      c.unsupported(`silent alleles (locus ${locusName})`);
    c.take('silent allele frequency');
    const infoLine = c.line + 1;
    const info = c.take('allele count line');
    const nAlleles = c.intOf(
      info.split('\t')[0]?.trim() ?? '',
      `number of alleles of locus ${locusName}`,
      infoLine,
    );
    const size = /DatabaseSize\s*=\s*(\d+)/.exec(info)?.[1];
    const dropout = /Dropout probability\s*=\s*([^,)]+)/.exec(info)?.[1]?.trim();
    if (dropout !== undefined && Number(dropout) !== 0)
      c.unsupported(`drop-out probability ${dropout} (locus ${locusName})`, infoLine);
    const alleles: string[] = [];
    const frequencies: number[] = [];
    if (nAlleles < 0 || 2 * nAlleles > c.lines.length - c.line)
      c.fail(
        `Line ${infoLine} gives ${nAlleles} alleles for locus ${locusName}, more than the ${c.lines.length - c.line} line(s) left in the file can hold`,
        infoLine,
      );
    for (let j = 0; j < nAlleles; j++) {
      alleles.push(c.take(`allele ${j + 1} of locus ${locusName}`));
      frequencies.push(c.num(`frequency of allele "${alleles[j]}" of locus ${locusName}`));
    }
    const models = [0, 1].map((s): MutationModel | null => {
      const k = code[s] as number;
      if (k > 4 || k < 0)
        c.fail(`Locus ${locusName} has mutation model code ${k}; expected 0-4`, at + 3 + s);
      if (k === 3)
        c.unsupported(`mutation model "${MODEL_NAMES[3]}" (locus ${locusName})`, at + 3 + s);
      const r = rate[s] as number;
      if (k === 0) return { model: 'equal', rate: r };
      if (k === 1) return { model: 'proportional', rate: r };
      return { model: 'stepwise', rate: r, rate2: rate2[s] as number, range: range[s] as number };
    });
    const [female, male] = models as [MutationModel, MutationModel];
    const mutation: MutationSpec =
      rate[0] === 0 && rate[1] === 0
        ? null
        : JSON.stringify(female) === JSON.stringify(male)
          ? male
          : { female, male };
    loci.push({
      name: locusName,
      alleles,
      frequencies,
      mutation,
      ...(size !== undefined ? { databaseSize: Number(size) } : {}),
    });
  }
  return { ...(name !== undefined ? { name } : {}), theta, loci };
}
