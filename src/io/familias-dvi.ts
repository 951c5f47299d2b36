/**
 * The `[DVI]` section of a Familias `.fam` file, as pedFamilias' `readFam`/`writeDVI` document
 * it: bracketed headings whose depth is the number of `[` (`[DVI]`, `[[Unidentified persons]]`,
 * `[[[Person 1 ]]]`, `[[[[DNA data]]]]`, `[[Reference Families]]`, `[[[Family 1 ]]]`,
 * `[[[[Persons]]]]`, `[[[[Pedigrees]]]]`, `[[[[[Pedigree 1]]]]]`) and `key= value` lines (`Name=`,
 * `Gender=`, `nSystems=`, `SystemName=`/`Allele1=`/`Allele2=`, `nRelations=`, `Parent=`/`Child=`).
 *
 * `[[Notes]]` holds one line of free text per reference family, in family order: each family's
 * non-empty line is its `note`.
 *
 * In a reference family, the people of `Persons` are the family members (typed or not); anyone
 * named only in a pedigree's relations is an untyped extra. Members and extras named `Missing
 * person…` (R dvir's rule) are the missing persons; listed, they may give their sex, and one
 * with DNA data is refused (`UNSUPPORTED`). A family's pedigree is the one not named `Reference pedigree` (the
 * copy Familias keeps), or that one when it is alone; several other pedigrees are refused
 * (`UNSUPPORTED`). An extra's sex is the opposite of its co-parent's; a member whose sex the file
 * cannot give takes `unknownSex`, or is an `INVALID_PEDIGREE` error naming the family.
 *
 * @module
 */
import { KindredError } from '../errors.js';
import type { PersonRecord, Sex } from '../pedigree/pedigree.js';
import type { ParseFamiliasOptions } from './familias-fam.js';
import { buildRecords, type FamCursor } from './familias-lines.js';

/** A person of the DVI section (unidentified person or family member). */
export interface FamiliasDVIPerson {
  readonly id: string;
  readonly sex?: Sex;
  /** Allele labels by marker name as written. */
  readonly genotypes: ReadonlyMap<string, readonly [string, string]>;
}

/** A reference family of the DVI section. */
export interface FamiliasDVIFamily {
  readonly name: string;
  /** Members listed under `Persons` (typed or not), the missing persons left out. */
  readonly persons: readonly FamiliasDVIPerson[];
  /** The family's pedigree: persons, extras, added parents. */
  readonly records: readonly PersonRecord[];
  /** Ids of the missing persons (`Missing person…` extras). */
  readonly missing: readonly string[];
  /** The family's note (its line of `[[Notes]]`; free text), when not empty. */
  readonly note?: string;
}

/** The DVI section. */
export interface FamiliasDVI {
  readonly unidentified: readonly FamiliasDVIPerson[];
  readonly families: readonly FamiliasDVIFamily[];
}

interface _Node {
  readonly name: string;
  readonly depth: number;
  readonly line: number;
  readonly entries: { key: string; value: string; line: number }[];
  readonly children: _Node[];
}

const REFERENCE_PEDIGREE = 'reference pedigree';

/**
 * Read the DVI section that starts at 0-based line `start` of the cursor's file.
 *
 * @throws KindredError `PARSE_ERROR`, `UNSUPPORTED`, `INVALID_PEDIGREE` (see module comment)
 */
export function parseFamiliasDVI(
  c: FamCursor,
  start: number,
  options: ParseFamiliasOptions,
): FamiliasDVI {
  const root = _tree(c, start);
  const child = (n: _Node, name: string) =>
    n.children.find((x) => x.name.toLowerCase() === name.toLowerCase());
  const unidentified = (child(root, 'Unidentified persons')?.children ?? []).map((p) =>
    _person(p, c),
  );
  const refs = child(root, 'Reference Families');
  const notes = _notes(child(root, 'Notes'));
  const families = (refs?.children ?? []).map((f, i) => {
    const name = _entry(f, 'Name') ?? '';
    if (name === '') c.fail('Reference family without "Name="', f.line);
    const persons = (child(f, 'Persons')?.children ?? []).map((p) => _person(p, c));
    const pedigrees = child(f, 'Pedigrees')?.children ?? [];
    const others = pedigrees.filter(
      (p) => (_entry(p, 'Name') ?? '').toLowerCase() !== REFERENCE_PEDIGREE,
    );
    if (others.length > 1) {
      c.unsupported(`several pedigrees in reference family "${name}"`, others[1]?.line ?? f.line);
    }
    const chosen = others[0] ?? pedigrees[0];
    if (chosen === undefined) c.fail(`Reference family "${name}" has no pedigree`, f.line);
    const family = _family(name, persons, chosen as _Node, c, options);
    const note = notes[i] ?? '';
    return note === '' ? family : { ...family, note };
  });
  return { unidentified, families };
}

function _family(
  name: string,
  persons: FamiliasDVIPerson[],
  pedigree: _Node,
  c: FamCursor,
  options: ParseFamiliasOptions,
): FamiliasDVIFamily {
  const ids = persons.map((p) => p.id);
  const sexes: (Sex | undefined)[] = persons.map((p) => p.sex);
  const pairs: [number, number, number][] = [];
  const indexOf = (id: string) => {
    let i = ids.indexOf(id);
    if (i < 0) {
      ids.push(id);
      sexes.push(undefined);
      i = ids.length - 1;
    }
    return i;
  };
  const rel = pedigree.entries.filter((e) => e.key === 'Parent' || e.key === 'Child');
  for (let k = 0; k < rel.length; k += 2) {
    const parent = rel[k];
    const kid = rel[k + 1];
    if (parent?.key !== 'Parent' || kid?.key !== 'Child') {
      c.fail(
        `Pedigree of family "${name}": expected "Parent=" then "Child="`,
        (parent ?? kid)?.line ?? pedigree.line,
      );
    }
    pairs.push([
      indexOf((parent as { value: string }).value),
      indexOf((kid as { value: string }).value),
      parent?.line as number,
    ]);
  }
  for (let round = 0; round < ids.length; round++) {
    for (const [p, ch] of pairs) {
      if (sexes[p] !== undefined) continue;
      const co = pairs.find(([q, ch2]) => ch2 === ch && q !== p)?.[0];
      const s = co === undefined ? undefined : sexes[co];
      if (s !== undefined) sexes[p] = s === 'male' ? 'female' : 'male';
    }
  }
  const unknown = ids.filter((_, i) => sexes[i] === undefined);
  if (unknown.length > 0 && options.unknownSex === undefined) {
    throw new KindredError(
      'INVALID_PEDIGREE',
      `Reference family "${name}": the file gives no sex for ${unknown.map((u) => `"${u}"`).join(', ')}; pass unknownSex ('male' or 'female')`,
      { path: ['line', pedigree.line], ...(c.file !== undefined ? { file: c.file } : {}) },
    );
  }
  const records = buildRecords(
    ids,
    sexes.map((s) => s ?? (options.unknownSex as Sex)),
    pairs,
    c,
  );
  const typed = new Set(persons.filter((p) => p.genotypes.size > 0).map((p) => p.id));
  const missing = ids.filter((id) => /^missing person/i.test(id));
  const withDNA = missing.find((id) => typed.has(id));
  if (withDNA !== undefined) {
    c.unsupported(
      `"${withDNA}" of reference family "${name}" has DNA data, but a person named "Missing person…" is a missing person`,
      pedigree.line,
    );
  }
  // a listed missing person is not a member with data: only its sex (in records) is kept
  return { name, persons: persons.filter((p) => !missing.includes(p.id)), records, missing };
}

function _person(node: _Node, c: FamCursor): FamiliasDVIPerson {
  const id = _entry(node, 'Name') ?? '';
  if (id === '') c.fail(`${node.name} has no "Name="`, node.line);
  const gender = (_entry(node, 'Gender') ?? '').toLowerCase();
  const sex: Sex | undefined =
    gender === 'male' ? 'male' : gender === 'female' ? 'female' : undefined;
  const genotypes = new Map<string, readonly [string, string]>();
  const data = node.children.find((x) => x.name.toLowerCase() === 'dna data');
  const entries = data?.entries.filter((e) => e.key !== 'nSystems') ?? [];
  for (let k = 0; k < entries.length; k += 3) {
    const [system, a1, a2] = [entries[k], entries[k + 1], entries[k + 2]];
    if (system?.key !== 'SystemName' || a1?.key !== 'Allele1' || a2?.key !== 'Allele2') {
      c.fail(
        `DNA data of "${id}": expected SystemName=, Allele1=, Allele2=`,
        (system ?? a1 ?? a2)?.line ?? node.line,
      );
    }
    const first = (a1 as { value: string }).value;
    const second = (a2 as { value: string }).value;
    genotypes.set((system as { value: string }).value, [first, second === '' ? first : second]);
  }
  return { id, ...(sex !== undefined ? { sex } : {}), genotypes };
}

/**
 * The notes of the `[[Notes]]` section: after its `nFamilies=` line, one line per reference
 * family, in family order (free text, often empty).
 */
function _notes(node: _Node | undefined): string[] {
  const lines = node?.entries ?? [];
  const start = lines.findIndex((e) => /^nFamilies\s*=/.test(e.value));
  return start < 0 ? [] : lines.slice(start + 1).map((e) => e.value);
}

function _entry(node: _Node, key: string): string | undefined {
  return node.entries.find((e) => e.key === key)?.value;
}

function _tree(c: FamCursor, start: number): _Node {
  const root: _Node = { name: 'DVI', depth: 1, line: start + 1, entries: [], children: [] };
  const stack: _Node[] = [root];
  for (let i = start + 1; i < c.lines.length; i++) {
    const text = (c.lines[i] as string).trim();
    const depth = /^\[+/.exec(text)?.[0].length ?? 0;
    if (depth === 1) break;
    const top = stack.at(-1) as _Node;
    if (depth === 0 && top.depth === 2 && top.name.toLowerCase() === 'notes') {
      // a note is free text, one line per family, and may be empty: kept as written
      top.entries.push({ key: '', value: text, line: i + 1 });
      continue;
    }
    if (text === '') continue;
    if (depth > 1) {
      const node: _Node = {
        name: text.replace(/[[\]]/g, '').trim(),
        depth,
        line: i + 1,
        entries: [],
        children: [],
      };
      while ((stack.at(-1) as _Node).depth >= depth) stack.pop();
      (stack.at(-1) as _Node).children.push(node);
      stack.push(node);
      continue;
    }
    const eq = text.indexOf('=');
    if (eq < 0)
      c.fail(`Expected "key= value" in the DVI section, found ${JSON.stringify(text)}`, i + 1);
    (stack.at(-1) as _Node).entries.push({
      key: text.slice(0, eq).trim(),
      value: text.slice(eq + 1).trim(),
      line: i + 1,
    });
  }
  return root;
}
