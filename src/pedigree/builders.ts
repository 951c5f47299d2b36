/**
 * Builders for the pedigrees of the named relationships labs use daily, between two people A and
 * B whose ids the caller gives. Connecting people are untyped and get generated ids starting with
 * `_` that never clash with A or B. Every builder lists parents before their children.
 *
 * @module
 */
import { KindredError } from '../errors.js';
import type { PedigreeRecord, PersonRecord, Sex } from './pedigree.js';

/** The two people of a pairwise relationship and their sexes. */
export interface PairSpec {
  readonly a: string;
  readonly b: string;
  readonly sexA: Sex;
  readonly sexB: Sex;
}

/** Through which parent of the younger person a relationship runs. */
export type Line = 'paternal' | 'maternal';

/** A child in {@link nuclearFamily}. */
export interface ChildSpec {
  readonly id: string;
  readonly sex: Sex;
}

const _other = (sex: Sex): Sex => (sex === 'male' ? 'female' : 'male');
const _lineSex = (line: Line): Sex => (line === 'paternal' ? 'male' : 'female');

function _person(
  id: string,
  sex: Sex,
  father: string | null = null,
  mother: string | null = null,
): PersonRecord {
  return { id, father, mother, sex };
}

/** A child of two parents given in either order. */
function _child(id: string, sex: Sex, p1: PersonRecord, p2: PersonRecord): PersonRecord {
  return p1.sex === 'male' ? _person(id, sex, p1.id, p2.id) : _person(id, sex, p2.id, p1.id);
}

/** Generates `_`-prefixed ids that differ from A's and B's. */
function _namer(pair: PairSpec): (base: string) => string {
  if (typeof pair.a !== 'string' || typeof pair.b !== 'string' || pair.a === '' || pair.b === '') {
    throw new KindredError('INVALID_ARGUMENT', 'The two people need non-empty string ids');
  }
  if (pair.a === pair.b) {
    throw new KindredError(
      'INVALID_ARGUMENT',
      `A and B must be different ids, both are "${pair.a}"`,
    );
  }
  for (const [who, sex] of [['A', pair.sexA] as const, ['B', pair.sexB] as const]) {
    if (sex !== 'male' && sex !== 'female') {
      throw new KindredError(
        'INVALID_ARGUMENT',
        `Sex of ${who} must be "male" or "female", got "${String(sex)}"`,
      );
    }
  }
  return (base) => {
    let id = `_${base}`;
    while (id === pair.a || id === pair.b) id = `_${id}`;
    return id;
  };
}

/**
 * Direct match: B is a second sample of A (`{id: B, sameAs: A}`).
 *
 * @param pair - A, B and their sexes (they must agree: one person has one sex)
 * @returns `[A, {id: B, sameAs: A}]`
 * @throws KindredError `INVALID_ARGUMENT` for equal ids or different sexes
 * @example
 * ```ts
 * directMatch({ a: 'R', b: 'V', sexA: 'male', sexB: 'male' });
 * // => [{ id: 'R', father: null, mother: null, sex: 'male' }, { id: 'V', sameAs: 'R' }]
 * ```
 */
export function directMatch(pair: PairSpec): PedigreeRecord[] {
  _namer(pair);
  if (pair.sexA !== pair.sexB) {
    throw new KindredError(
      'INVALID_ARGUMENT',
      `A direct match needs one sex: "${pair.a}" is ${pair.sexA} and "${pair.b}" is ${pair.sexB}`,
    );
  }
  return [_person(pair.a, pair.sexA), { id: pair.b, sameAs: pair.a }];
}

/**
 * Parent–child: A is a parent of B; B's other parent is untyped.
 *
 * @param pair - A (the parent), B (the child) and their sexes
 * @returns records: A, B's other parent, B
 * @throws KindredError `INVALID_ARGUMENT` for equal or empty ids or a bad sex
 * @example
 * ```ts
 * parentChild({ a: 'AF', b: 'CH', sexA: 'male', sexB: 'female' }).map((r) => r.id); // => ['AF', '_M', 'CH']
 * ```
 */
export function parentChild(pair: PairSpec): PersonRecord[] {
  const id = _namer(pair);
  const a = _person(pair.a, pair.sexA);
  const other = _person(id(pair.sexA === 'male' ? 'M' : 'F'), _other(pair.sexA));
  return [a, other, _child(pair.b, pair.sexB, a, other)];
}

/**
 * Full siblings: A and B share both (untyped) parents `_F` and `_M`.
 *
 * @param pair - A, B and their sexes
 * @returns records: father, mother, A, B
 * @throws KindredError `INVALID_ARGUMENT` for equal or empty ids or a bad sex
 * @example
 * ```ts
 * fullSiblings({ a: 'A', b: 'B', sexA: 'male', sexB: 'female' }).length; // => 4
 * ```
 */
export function fullSiblings(pair: PairSpec): PersonRecord[] {
  const id = _namer(pair);
  return nuclearFamily(id('F'), id('M'), [
    { id: pair.a, sex: pair.sexA },
    { id: pair.b, sex: pair.sexB },
  ]);
}

/**
 * Half siblings: A and B share their father (`paternal`) or their mother (`maternal`).
 *
 * @param pair - A, B and their sexes
 * @param line - which parent they share (default `paternal`)
 * @returns records: the shared parent, A's other parent, B's other parent, A, B
 * @throws KindredError `INVALID_ARGUMENT` for equal or empty ids or a bad sex
 * @example
 * ```ts
 * halfSiblings({ a: 'A', b: 'B', sexA: 'male', sexB: 'male' }, 'maternal')[0]; // => { id: '_M', father: null, mother: null, sex: 'female' }
 * ```
 */
export function halfSiblings(pair: PairSpec, line: Line = 'paternal'): PersonRecord[] {
  const id = _namer(pair);
  const sharedSex = _lineSex(line);
  const shared = _person(id(sharedSex === 'male' ? 'F' : 'M'), sharedSex);
  const tag = sharedSex === 'male' ? 'M' : 'F';
  const otherA = _person(id(`${tag}1`), _other(sharedSex));
  const otherB = _person(id(`${tag}2`), _other(sharedSex));
  return [
    shared,
    otherA,
    otherB,
    _child(pair.a, pair.sexA, shared, otherA),
    _child(pair.b, pair.sexB, shared, otherB),
  ];
}

/**
 * Grandparent–grandchild: A is a grandparent of B through B's father (`paternal`) or mother.
 *
 * @param pair - A (grandparent), B (grandchild) and their sexes
 * @param line - B's parent through whom they are related (default `paternal`)
 * @returns records: A, A's partner, the connecting parent, B's other parent, B
 * @throws KindredError `INVALID_ARGUMENT` for equal or empty ids or a bad sex
 * @example
 * ```ts
 * grandparent({ a: 'GM', b: 'B', sexA: 'female', sexB: 'male' }, 'maternal').map((r) => r.id);
 * // => ['GM', '_GF', '_M', '_F', 'B']
 * ```
 */
export function grandparent(pair: PairSpec, line: Line = 'paternal'): PersonRecord[] {
  const id = _namer(pair);
  const a = _person(pair.a, pair.sexA);
  const partner = _person(id(pair.sexA === 'male' ? 'GM' : 'GF'), _other(pair.sexA));
  const parentSex = _lineSex(line);
  const parent = _child(id(parentSex === 'male' ? 'F' : 'M'), parentSex, a, partner);
  const otherParent = _person(id(parentSex === 'male' ? 'M' : 'F'), _other(parentSex));
  return [a, partner, parent, otherParent, _child(pair.b, pair.sexB, parent, otherParent)];
}

/**
 * Avuncular: A is an uncle or aunt of B: A is a full sibling of B's father (`paternal`) or mother.
 *
 * @param pair - A (uncle/aunt), B (nephew/niece) and their sexes
 * @param line - which parent of B is A's sibling (default `paternal`)
 * @returns records: grandparents, A, B's parent, B's other parent, B
 * @throws KindredError `INVALID_ARGUMENT` for equal or empty ids or a bad sex
 * @example
 * ```ts
 * avuncular({ a: 'U', b: 'N', sexA: 'male', sexB: 'female' }).map((r) => r.id);
 * // => ['_GF', '_GM', 'U', '_F', '_M', 'N']
 * ```
 */
export function avuncular(pair: PairSpec, line: Line = 'paternal'): PersonRecord[] {
  const id = _namer(pair);
  const parentSex = _lineSex(line);
  const parentId = id(parentSex === 'male' ? 'F' : 'M');
  const [gf, gm, a, parent] = nuclearFamily(id('GF'), id('GM'), [
    { id: pair.a, sex: pair.sexA },
    { id: parentId, sex: parentSex },
  ]) as [PersonRecord, PersonRecord, PersonRecord, PersonRecord];
  const otherParent = _person(id(parentSex === 'male' ? 'M' : 'F'), _other(parentSex));
  return [gf, gm, a, parent, otherParent, _child(pair.b, pair.sexB, parent, otherParent)];
}

/**
 * First cousins: a parent of A and a parent of B are full siblings.
 *
 * @param pair - A, B and their sexes
 * @param lines - through A's and B's father (`paternal`) or mother (default both `paternal`)
 * @returns records: grandparents, the two sibling parents, their partners, A, B
 * @throws KindredError `INVALID_ARGUMENT` for equal or empty ids or a bad sex
 * @example
 * ```ts
 * firstCousins({ a: 'A', b: 'B', sexA: 'male', sexB: 'male' }).length; // => 8
 * ```
 */
export function firstCousins(
  pair: PairSpec,
  lines: readonly [Line, Line] = ['paternal', 'paternal'],
): PersonRecord[] {
  const id = _namer(pair);
  const [sexPA, sexPB] = [_lineSex(lines[0]), _lineSex(lines[1])];
  const [gf, gm, pa, pb] = nuclearFamily(id('GF'), id('GM'), [
    { id: id('PA'), sex: sexPA },
    { id: id('PB'), sex: sexPB },
  ]) as [PersonRecord, PersonRecord, PersonRecord, PersonRecord];
  const sa = _person(id('SA'), _other(sexPA));
  const sb = _person(id('SB'), _other(sexPB));
  return [
    gf,
    gm,
    pa,
    pb,
    sa,
    sb,
    _child(pair.a, pair.sexA, pa, sa),
    _child(pair.b, pair.sexB, pb, sb),
  ];
}

/**
 * Great-grandparent: A is a great-grandparent of B; both connecting people are fathers
 * (`paternal`) or mothers (`maternal`).
 *
 * @param pair - A (great-grandparent), B and their sexes
 * @param line - the sex of the two connecting parents (default `paternal`)
 * @returns records: A and partner, A's child and partner, grandchild and partner, B
 * @throws KindredError `INVALID_ARGUMENT` for equal or empty ids or a bad sex
 * @example
 * ```ts
 * greatGrandparent({ a: 'A', b: 'B', sexA: 'female', sexB: 'male' }).length; // => 7
 * ```
 */
export function greatGrandparent(pair: PairSpec, line: Line = 'paternal'): PersonRecord[] {
  const id = _namer(pair);
  const sex = _lineSex(line);
  const a = _person(pair.a, pair.sexA);
  const s1 = _person(id('S1'), _other(pair.sexA));
  const c1 = _child(id('C1'), sex, a, s1);
  const s2 = _person(id('S2'), _other(sex));
  const c2 = _child(id('C2'), sex, c1, s2);
  const s3 = _person(id('S3'), _other(sex));
  return [a, s1, c1, s2, c2, s3, _child(pair.b, pair.sexB, c2, s3)];
}

/**
 * Unrelated: A and B are founders without common ancestors.
 *
 * @param pair - A, B and their sexes
 * @returns records: A, B
 * @throws KindredError `INVALID_ARGUMENT` for equal or empty ids or a bad sex
 * @example
 * ```ts
 * unrelated({ a: 'A', b: 'B', sexA: 'male', sexB: 'female' })[1]; // => { id: 'B', father: null, mother: null, sex: 'female' }
 * ```
 */
export function unrelated(pair: PairSpec): PersonRecord[] {
  _namer(pair);
  return [_person(pair.a, pair.sexA), _person(pair.b, pair.sexB)];
}

/**
 * A nuclear family: two founder parents and their children.
 *
 * @param father - the father's id
 * @param mother - the mother's id
 * @param children - ids and sexes of the children
 * @returns records: father, mother, then the children in the given order
 * @throws KindredError `INVALID_ARGUMENT` when an id is empty or repeated
 * @example
 * ```ts
 * nuclearFamily('F', 'M', [{ id: 'C', sex: 'male' }])[2]; // => { id: 'C', father: 'F', mother: 'M', sex: 'male' }
 * ```
 */
export function nuclearFamily(
  father: string,
  mother: string,
  children: readonly ChildSpec[],
): PersonRecord[] {
  const ids = [father, mother, ...children.map((c) => c.id)];
  const seen = new Set<string>();
  for (const x of ids) {
    if (typeof x !== 'string' || x === '' || seen.has(x)) {
      throw new KindredError(
        'INVALID_ARGUMENT',
        `Nuclear family ids must be distinct and non-empty, got "${String(x)}" twice or empty`,
      );
    }
    seen.add(x);
  }
  return [
    _person(father, 'male'),
    _person(mother, 'female'),
    ...children.map((c) => _person(c.id, c.sex, father, mother)),
  ];
}
