import { describe, expect, it } from 'vitest';
import { KindredError } from '../errors.js';
import {
  avuncular,
  directMatch,
  firstCousins,
  fullSiblings,
  grandparent,
  greatGrandparent,
  halfSiblings,
  nuclearFamily,
  type PairSpec,
  parentChild,
  unrelated,
} from './builders.js';
import { createPedigree } from './create-pedigree.js';
import { isSameAsRecord, type PedigreeRecord, type PersonRecord, type Sex } from './pedigree.js';

/**
 * IBD sharing of A and B by exhaustive gene dropping: founders carry distinct alleles, every
 * meiosis picks the paternal or maternal allele (all 2^meioses choices equally likely).
 */
function ibdByGeneDropping(records: readonly PedigreeRecord[], a: string, b: string): number[] {
  const people = records.filter((r): r is PersonRecord => !isSameAsRecord(r));
  const alias = new Map<string, string>();
  for (const r of records) if (isSameAsRecord(r)) alias.set(r.id, r.sameAs);
  const nonFounders = people.filter((p) => p.father !== null);
  const k = [0, 0, 0];
  const total = 2 ** (2 * nonFounders.length);
  for (let bits = 0; bits < total; bits++) {
    const g = new Map<string, [number, number]>();
    let label = 0;
    for (const p of people) if (p.father === null) g.set(p.id, [label++, label++]);
    let bit = 0;
    let pending = nonFounders.slice();
    while (pending.length > 0) {
      const next: PersonRecord[] = [];
      for (const p of pending) {
        const f = g.get(p.father!);
        const m = g.get(p.mother!);
        if (f === undefined || m === undefined) next.push(p);
        else g.set(p.id, [f[(bits >> bit++) & 1]!, m[(bits >> bit++) & 1]!]);
      }
      pending = next;
    }
    const ga = g.get(alias.get(a) ?? a)!;
    const gb = g.get(alias.get(b) ?? b)!;
    const shared =
      (ga[0] === gb[0] && ga[1] === gb[1]) || (ga[0] === gb[1] && ga[1] === gb[0])
        ? 2
        : ga.some((x) => gb.includes(x))
          ? 1
          : 0;
    k[shared]! += 1 / total;
  }
  return k;
}

const SEXES: Sex[] = ['male', 'female'];
const pairs: PairSpec[] = SEXES.flatMap((sexA) =>
  SEXES.map((sexB) => ({ a: 'A', b: 'B', sexA, sexB })),
);

function parentsOf(records: readonly PedigreeRecord[], id: string): PersonRecord {
  return records.find((r): r is PersonRecord => r.id === id && !isSameAsRecord(r))!;
}

describe('pairwise builders give valid pedigrees with the textbook IBD coefficients', () => {
  // k values: Weir, Anderson & Hepler 2006 (doi:10.1038/nrg1960), Table 1; checked here by
  // exhaustive gene dropping on the built pedigree, independent of the registry.
  const cases: [string, (p: PairSpec) => PedigreeRecord[], number[]][] = [
    ['parentChild', parentChild, [0, 1, 0]],
    ['fullSiblings', fullSiblings, [0.25, 0.5, 0.25]],
    ['halfSiblings paternal', (p) => halfSiblings(p, 'paternal'), [0.5, 0.5, 0]],
    ['halfSiblings maternal', (p) => halfSiblings(p, 'maternal'), [0.5, 0.5, 0]],
    ['grandparent paternal', (p) => grandparent(p, 'paternal'), [0.5, 0.5, 0]],
    ['grandparent maternal', (p) => grandparent(p, 'maternal'), [0.5, 0.5, 0]],
    ['avuncular paternal', (p) => avuncular(p, 'paternal'), [0.5, 0.5, 0]],
    ['avuncular maternal', (p) => avuncular(p, 'maternal'), [0.5, 0.5, 0]],
    ['firstCousins', (p) => firstCousins(p), [0.75, 0.25, 0]],
    [
      'firstCousins maternal/paternal',
      (p) => firstCousins(p, ['maternal', 'paternal']),
      [0.75, 0.25, 0],
    ],
    ['greatGrandparent paternal', (p) => greatGrandparent(p), [0.75, 0.25, 0]],
    ['greatGrandparent maternal', (p) => greatGrandparent(p, 'maternal'), [0.75, 0.25, 0]],
    ['unrelated', unrelated, [1, 0, 0]],
  ];
  for (const [name, build, k] of cases) {
    it(`${name}(A, B) passes createPedigree for every sex pair and has k = [${k}]`, () => {
      for (const pair of pairs) {
        const records = build(pair);
        const ped = createPedigree(records);
        expect(ped.sex[ped.index.get('A')!]).toBe(pair.sexA === 'male' ? 1 : 2);
        expect(ped.sex[ped.index.get('B')!]).toBe(pair.sexB === 'male' ? 1 : 2);
        const got = ibdByGeneDropping(records, 'A', 'B');
        got.forEach((x, i) => {
          expect(x).toBeCloseTo(k[i]!, 12);
        });
      }
    });
  }

  it('directMatch(A, B) is [A, {B sameAs A}] with k = [0, 0, 1]', () => {
    const records = directMatch({ a: 'R', b: 'V', sexA: 'male', sexB: 'male' });
    expect(records).toEqual([
      { id: 'R', father: null, mother: null, sex: 'male' },
      { id: 'V', sameAs: 'R' },
    ]);
    createPedigree(records);
    expect(ibdByGeneDropping(records, 'R', 'V')).toEqual([0, 0, 1]);
  });
});

describe('builders: structure of the lines', () => {
  const pair: PairSpec = { a: 'A', b: 'B', sexA: 'female', sexB: 'male' };

  it('halfSiblings shares the father for paternal and the mother for maternal', () => {
    const pat = halfSiblings(pair, 'paternal');
    expect(parentsOf(pat, 'A').father).toBe(parentsOf(pat, 'B').father);
    expect(parentsOf(pat, 'A').mother).not.toBe(parentsOf(pat, 'B').mother);
    const mat = halfSiblings(pair, 'maternal');
    expect(parentsOf(mat, 'A').mother).toBe(parentsOf(mat, 'B').mother);
    expect(parentsOf(mat, 'A').father).not.toBe(parentsOf(mat, 'B').father);
  });

  it("grandparent maternal makes A the parent of B's mother (TSDoc example)", () => {
    const r = grandparent({ a: 'GM', b: 'B', sexA: 'female', sexB: 'male' }, 'maternal');
    expect(r.map((x) => x.id)).toEqual(['GM', '_GF', '_M', '_F', 'B']);
    const mother = parentsOf(r, parentsOf(r, 'B').mother!);
    expect(mother.mother).toBe('GM');
  });

  it("avuncular paternal makes A a full sibling of B's father (TSDoc example)", () => {
    const r = avuncular({ a: 'U', b: 'N', sexA: 'male', sexB: 'female' });
    expect(r.map((x) => x.id)).toEqual(['_GF', '_GM', 'U', '_F', '_M', 'N']);
    const father = parentsOf(r, parentsOf(r, 'N').father!);
    expect([father.father, father.mother]).toEqual([
      parentsOf(r, 'U').father,
      parentsOf(r, 'U').mother,
    ]);
  });

  it('greatGrandparent maternal runs through two mothers', () => {
    const r = greatGrandparent(pair, 'maternal');
    const m1 = parentsOf(r, parentsOf(r, 'B').mother!);
    const m2 = parentsOf(r, m1.mother!);
    expect(m2.mother).toBe('A');
  });

  it('parentChild gives B an untyped other parent of the opposite sex (TSDoc example)', () => {
    expect(parentChild({ a: 'AF', b: 'CH', sexA: 'male', sexB: 'female' })).toEqual([
      { id: 'AF', father: null, mother: null, sex: 'male' },
      { id: '_M', father: null, mother: null, sex: 'female' },
      { id: 'CH', father: 'AF', mother: '_M', sex: 'female' },
    ]);
  });

  it('TSDoc examples: record counts and first/last rows', () => {
    expect(fullSiblings({ a: 'A', b: 'B', sexA: 'male', sexB: 'female' }).length).toBe(4);
    expect(halfSiblings({ a: 'A', b: 'B', sexA: 'male', sexB: 'male' }, 'maternal')[0]).toEqual({
      id: '_M',
      father: null,
      mother: null,
      sex: 'female',
    });
    expect(firstCousins({ a: 'A', b: 'B', sexA: 'male', sexB: 'male' }).length).toBe(8);
    expect(greatGrandparent({ a: 'A', b: 'B', sexA: 'female', sexB: 'male' }).length).toBe(7);
    expect(unrelated({ a: 'A', b: 'B', sexA: 'male', sexB: 'female' })[1]).toEqual({
      id: 'B',
      father: null,
      mother: null,
      sex: 'female',
    });
  });
});

describe('builders: generated ids and refusals', () => {
  it('generated ids never clash with A or B', () => {
    const r = fullSiblings({ a: '_F', b: '__F', sexA: 'male', sexB: 'male' });
    expect(new Set(r.map((x) => x.id)).size).toBe(4);
    expect(r[0]!.id).toBe('___F');
    createPedigree(r);
    const gp = greatGrandparent({ a: '_S1', b: '_C2', sexA: 'male', sexB: 'male' });
    createPedigree(gp);
  });

  it('ids such as __proto__ are ordinary names', () => {
    createPedigree(avuncular({ a: '__proto__', b: 'constructor', sexA: 'male', sexB: 'male' }));
  });

  it('equal ids throw INVALID_ARGUMENT naming the id', () => {
    let err: unknown;
    try {
      fullSiblings({ a: 'X', b: 'X', sexA: 'male', sexB: 'male' });
    } catch (e) {
      err = e;
    }
    expect((err as KindredError).code).toBe('INVALID_ARGUMENT');
    expect((err as KindredError).message).toContain('"X"');
  });

  it('a bad sex or a direct match between sexes throws INVALID_ARGUMENT', () => {
    expect(() => unrelated({ a: 'A', b: 'B', sexA: 'male', sexB: 'M' as Sex })).toThrow(/Sex of B/);
    expect(() => directMatch({ a: 'A', b: 'B', sexA: 'male', sexB: 'female' })).toThrow(
      KindredError,
    );
  });
});

describe('nuclearFamily', () => {
  it('lists father, mother and the children (TSDoc example)', () => {
    expect(nuclearFamily('F', 'M', [{ id: 'C', sex: 'male' }])[2]).toEqual({
      id: 'C',
      father: 'F',
      mother: 'M',
      sex: 'male',
    });
  });

  it('refuses a repeated id', () => {
    expect(() => nuclearFamily('F', 'M', [{ id: 'F', sex: 'male' }])).toThrow(KindredError);
  });
});
