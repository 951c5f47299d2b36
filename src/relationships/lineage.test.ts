import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeLocusLikelihood } from '../likelihood/locus-likelihood.js';
import { createPedigree } from '../pedigree/create-pedigree.js';
import {
  isSameAsRecord,
  type PedigreeRecord,
  type PersonRecord,
  type Sex,
} from '../pedigree/pedigree.js';
import { type LineageRelation, lineageLocusLR, lineageTables } from './lineage.js';
import { RELATIONSHIPS } from './named-relationships.js';
import { pairwiseLocusLR } from './pairwise.js';

type G = [number, number];
type Mat = Float64Array | null;

const same = (x: readonly number[], y: readonly number[]): boolean =>
  (x[0] === y[0] && x[1] === y[1]) || (x[0] === y[1] && x[1] === y[0]);
const hw = (g: G, p: ArrayLike<number>): number =>
  g[0] < 0 ? 1 : g[0] === g[1] ? p[g[0]]! ** 2 : 2 * p[g[0]]! * p[g[1]]!;

/**
 * Brute-force P(typed genotypes | pedigree) by enumerating every person's ordered alleles:
 * founders from p, a child's paternal allele one of the father's (½ each) through `male`, the
 * maternal one through `female`. Independent of the code under test.
 */
function bruteForce(
  records: readonly PedigreeRecord[],
  typed: Map<string, G>,
  p: ArrayLike<number>,
  male: Mat,
  female: Mat,
): number {
  const n = p.length;
  const alias = new Map<string, string>();
  for (const r of records) if (isSameAsRecord(r)) alias.set(r.id, r.sameAs);
  const obs = new Map<string, G[]>();
  for (const [id, g] of typed)
    obs.set(alias.get(id) ?? id, [...(obs.get(alias.get(id) ?? id) ?? []), g]);
  const people: PersonRecord[] = [];
  const todo = records.filter((r): r is PersonRecord => !isSameAsRecord(r));
  while (todo.length > 0) {
    const i = todo.findIndex(
      (r) =>
        r.father === null ||
        (people.some((q) => q.id === r.father) && people.some((q) => q.id === r.mother)),
    );
    people.push(todo.splice(i, 1)[0]!);
  }
  const T = (m: Mat, i: number, j: number): number =>
    m === null ? (i === j ? 1 : 0) : m[i * n + j]!;
  const al = new Map<string, G>();
  let total = 0;
  const rec = (i: number, w: number): void => {
    if (w === 0) return;
    if (i === people.length) {
      total += w;
      return;
    }
    const r = people[i]!;
    for (let x = 0; x < n; x++) {
      for (let y = 0; y < n; y++) {
        if (!(obs.get(r.id) ?? []).every((g) => same([x, y], g))) continue;
        let pw: number;
        if (r.father === null) pw = p[x]! * p[y]!;
        else {
          const f = al.get(r.father)!;
          const m = al.get(r.mother!)!;
          pw =
            0.25 *
            (T(male, f[0], x) + T(male, f[1], x)) *
            (T(female, m[0], y) + T(female, m[1], y));
        }
        al.set(r.id, [x, y]);
        rec(i + 1, w * pw);
      }
    }
    al.delete(r.id);
  };
  rec(0, 1);
  return total;
}

const stochastic = (n: number) =>
  fc
    .array(fc.double({ min: 0.001, max: 1, noNaN: true }), { minLength: n * n, maxLength: n * n })
    .map((w) => {
      const m = Float64Array.from(w);
      for (let i = 0; i < n; i++) {
        m[i * n + i]! += 3; // mostly no mutation, like real models
        const s = m.subarray(i * n, i * n + n).reduce((a, b) => a + b, 0);
        for (let j = 0; j < n; j++) m[i * n + j]! /= s;
      }
      return m;
    });
const freqs = (n: number) =>
  fc
    .array(fc.double({ min: 0.05, max: 1, noNaN: true }), { minLength: n, maxLength: n })
    .map((w) => {
      const s = w.reduce((a, b) => a + b, 0);
      return Float64Array.from(w, (x) => x / s);
    });
const genotype = (n: number) =>
  fc.tuple(
    fc.integer({ min: 0, max: n - 1 }),
    fc.integer({ min: 0, max: n - 1 }),
  ) as fc.Arbitrary<G>;
const sexArb = fc.constantFrom<Sex>('male', 'female');

/** Lineage relations with the registry entry whose pedigree they describe. */
const LINEAGE: [string, (sexA: Sex) => LineageRelation][] = [
  ['parent-child', (sexA) => ({ relation: 'parentChild', sexA })],
  ['full-siblings', () => ({ relation: 'fullSiblings' })],
  ['half-siblings-paternal', () => ({ relation: 'halfSiblings', line: 'paternal' })],
  ['half-siblings-maternal', () => ({ relation: 'halfSiblings', line: 'maternal' })],
  ['grandparent-paternal', (sexA) => ({ relation: 'grandparent', sexA, line: 'paternal' })],
  ['grandparent-maternal', (sexA) => ({ relation: 'grandparent', sexA, line: 'maternal' })],
];

describe('pairwiseLocusLR lineage: agrees with brute force on the built pedigrees', () => {
  for (const [name, rel] of LINEAGE) {
    it(`${name} with random sex-specific mutation matrices (fast-check)`, () => {
      const n = 3;
      fc.assert(
        fc.property(
          freqs(n),
          stochastic(n),
          stochastic(n),
          genotype(n),
          genotype(n),
          sexArb,
          sexArb,
          (p, male, female, gA, gB, sexA, sexB) => {
            const records = RELATIONSHIPS.get(name)!.build({ a: 'A', b: 'B', sexA, sexB });
            const typed = new Map([
              ['A', gA],
              ['B', gB],
            ]);
            const expected = bruteForce(records, typed, p, male, female) / (hw(gA, p) * hw(gB, p));
            const lr = pairwiseLocusLR('lineage', rel(sexA), gA, gB, p, { male, female });
            expect(Math.abs(lr - expected)).toBeLessThanOrEqual(1e-12 * Math.max(expected, 1e-300));
            // One side untyped: the marginal of the other.
            const onlyB = bruteForce(records, new Map([['B', gB]]), p, male, female) / hw(gB, p);
            expect(
              pairwiseLocusLR('lineage', rel(sexA), [-1, -1], gB, p, { male, female }),
            ).toBeCloseTo(onlyB, 12);
          },
        ),
        { numRuns: 30 },
      );
    });
  }

  it('every registry relationship: the IBD LR equals brute force without mutation', () => {
    const p = new Float64Array([0.2, 0.5, 0.3]);
    const all: G[] = [
      [0, 0],
      [0, 1],
      [0, 2],
      [1, 1],
      [1, 2],
      [2, 2],
    ];
    for (const info of RELATIONSHIPS.values()) {
      const records = info.build({ a: 'A', b: 'B', sexA: 'female', sexB: 'female' });
      for (const gA of all) {
        for (const gB of all.slice(0, 4)) {
          const expected =
            bruteForce(
              records,
              new Map([
                ['A', gA],
                ['B', gB],
              ]),
              p,
              null,
              null,
            ) /
            (hw(gA, p) * hw(gB, p));
          expect(
            pairwiseLocusLR('ibd', info.ibd, gA, gB, p),
            `${info.name} ${gA} ${gB}`,
          ).toBeCloseTo(expected, 11);
        }
      }
    }
  });

  it('without mutation the lineage kernel equals the IBD formula of the registry', () => {
    const p = new Float64Array([0.1, 0.2, 0.3, 0.4]);
    for (const [name, rel] of LINEAGE) {
      for (let a = 0; a < 16; a++) {
        for (let b = 0; b < 16; b++) {
          const gA: G = [a >> 2, a & 3];
          const gB: G = [b >> 2, b & 3];
          const ibd = pairwiseLocusLR('ibd', RELATIONSHIPS.get(name)!.ibd, gA, gB, p);
          expect(
            pairwiseLocusLR('lineage', rel('male'), gA, gB, p, { male: null, female: null }),
          ).toBeCloseTo(ibd, 12);
        }
      }
    }
  });
});

describe('pairwise LRs agree with the general likelihood engine', () => {
  it('lineage relations with mutation and IBD relations without, on random loci (fast-check)', () => {
    const n = 4;
    fc.assert(
      fc.property(
        freqs(n),
        stochastic(n),
        stochastic(n),
        genotype(n),
        genotype(n),
        sexArb,
        sexArb,
        fc.nat(),
        (p, male, female, gA, gB, sexA, sexB, pick) => {
          const [name, rel] = LINEAGE[pick % LINEAGE.length]!;
          const engine = (records: readonly PedigreeRecord[], mm: Mat, fm: Mat): number => {
            const ped = createPedigree(records);
            const g = new Int32Array(2 * ped.ids.length).fill(-1);
            g.set(gA, 2 * ped.index.get('A')!);
            g.set(gB, 2 * ped.index.get('B')!);
            const problem = {
              pedigree: ped,
              nAlleles: n,
              frequencies: p,
              maleMatrix: mm,
              femaleMatrix: fm,
              xLinked: false,
              genotypes: g,
              theta: 0,
            };
            return Math.exp(computeLocusLikelihood(problem)) / (hw(gA, p) * hw(gB, p));
          };
          const pair = { a: 'A', b: 'B', sexA, sexB };
          const lineage = pairwiseLocusLR('lineage', rel(sexA), gA, gB, p, { male, female });
          const expected = engine(RELATIONSHIPS.get(name)!.build(pair), male, female);
          expect(Math.abs(lineage - expected)).toBeLessThanOrEqual(1e-10 * expected);
          for (const other of [
            'avuncular-maternal',
            'first-cousins',
            'great-grandparent-paternal',
          ]) {
            const info = RELATIONSHIPS.get(other)!;
            expect(pairwiseLocusLR('ibd', info.ibd, gA, gB, p)).toBeCloseTo(
              engine(info.build(pair), null, null),
              10,
            );
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('lineageLocusLR and lineageTables: TSDoc examples', () => {
  it('full siblings ab/ab without mutation is (1 + pa + pb + 2pa·pb)/(8pa·pb) = 8.375', () => {
    // Full-sibling index, Weir et al. 2006; p = (0.1, 0.2): 1.34/0.16.
    const lr = lineageLocusLR({ relation: 'fullSiblings' }, [0, 1], [0, 1], [0.1, 0.2, 0.7], {
      male: null,
      female: null,
    });
    expect(lr).toBeCloseTo(8.375, 12);
  });

  it('parent–child tables without mutation are T1 = diag(p), T2 = p pᵀ', () => {
    const t = lineageTables({ relation: 'parentChild', sexA: 'male' }, [0.5, 0.5], null, null);
    expect(Array.from(t.t1)).toEqual([0.5, 0, 0, 0.5]);
    expect(Array.from(t.t2)).toEqual([0.25, 0.25, 0.25, 0.25]);
  });

  it('refuses allele indices out of range with INVALID_ARGUMENT', () => {
    expect(() =>
      lineageLocusLR({ relation: 'fullSiblings' }, [0, 3], [0, 1], [0.5, 0.5], {
        male: null,
        female: null,
      }),
    ).toThrow(/outside 0\.\.1/);
  });
});
