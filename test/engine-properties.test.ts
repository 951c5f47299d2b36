/**
 * Properties of the exact engine, checked against the brute-force oracle (complete enumeration,
 * src/likelihood/brute-force.ts) on random tiny pedigrees, loci and typings.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bruteForceLikelihood } from '../src/likelihood/brute-force.js';
import { compilePlan, planOrder, runPlan } from '../src/likelihood/compiled-plan.js';
import {
  barrenLogConstant,
  bucketOf,
  planForProblem,
} from '../src/likelihood/compute-likelihood.js';
import { computeJointWithPerson } from '../src/likelihood/genotype-distribution.js';
import { computeLocusLikelihood } from '../src/likelihood/locus-likelihood.js';
import { describeLocus } from '../src/likelihood/locus-model.js';
import type { LocusProblem } from '../src/likelihood/problem.js';
import { FEMALE, MALE, type Pedigree } from '../src/pedigree/pedigree.js';

/** A random pedigree of `size` people: each may get two earlier people of the right sexes as parents. */
const pedigreeArb = (maxSize: number) =>
  fc.integer({ min: 1, max: maxSize }).chain((size) =>
    fc
      .tuple(
        fc.array(fc.boolean(), { minLength: size, maxLength: size }),
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean()), { minLength: size, maxLength: size }),
      )
      .map(([males, parents]) => {
        const father = new Int32Array(size).fill(-1);
        const mother = new Int32Array(size).fill(-1);
        const sex = Uint8Array.from(males, (m) => (m ? MALE : FEMALE));
        for (let i = 0; i < size; i++) {
          const [fi, mi, hasParents] = parents[i]!;
          const fathers = [...Array(i).keys()].filter((j) => sex[j] === MALE);
          const mothers = [...Array(i).keys()].filter((j) => sex[j] === FEMALE);
          if (hasParents && fathers.length > 0 && mothers.length > 0) {
            father[i] = fathers[fi % fathers.length]!;
            mother[i] = mothers[mi % mothers.length]!;
          }
        }
        const ids = Array.from({ length: size }, (_, i) => `P${i}`);
        const ped: Pedigree = {
          ids,
          father,
          mother,
          sex,
          sameAs: new Int32Array(size).fill(-1),
          index: new Map(ids.map((id, i) => [id, i])),
        };
        return ped;
      }),
  );

/** Random stochastic matrix (rows sum to 1 up to rounding) or null. */
const matrixArb = (n: number) =>
  fc.option(
    fc
      .array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: n * n, maxLength: n * n })
      .map((w) => {
        const m = Float64Array.from(w);
        for (let i = 0; i < n; i++) {
          // Make mutation small: diagonal dominant.
          m[i * n + i] = m[i * n + i]! + 5 * n;
          let s = 0;
          for (let j = 0; j < n; j++) s += m[i * n + j]!;
          for (let j = 0; j < n; j++) m[i * n + j] = m[i * n + j]! / s;
        }
        return m;
      }),
    { nil: null },
  );

const problemArb = (maxSize: number, xLinked: boolean) =>
  fc.integer({ min: 2, max: 3 }).chain((n) =>
    fc
      .record({
        ped: pedigreeArb(maxSize),
        weights: fc.array(fc.double({ min: 0.05, max: 1, noNaN: true }), {
          minLength: n,
          maxLength: n,
        }),
        male: matrixArb(n),
        female: matrixArb(n),
        typing: fc.array(fc.tuple(fc.boolean(), fc.nat(n - 1), fc.nat(n - 1)), {
          minLength: maxSize,
          maxLength: maxSize,
        }),
      })
      .map(({ ped, weights, male, female, typing }): LocusProblem => {
        const total = weights.reduce((a, b) => a + b, 0);
        const N = ped.ids.length;
        const g = new Int32Array(2 * N).fill(-1);
        for (let i = 0; i < N; i++) {
          const [typed, a, b] = typing[i]!;
          if (!typed) continue;
          const bb = xLinked && ped.sex[i] === MALE ? a : b;
          g[2 * i] = Math.min(a, bb);
          g[2 * i + 1] = Math.max(a, bb);
        }
        return {
          pedigree: ped,
          nAlleles: n,
          frequencies: Float64Array.from(weights, (w) => w / total),
          maleMatrix: male,
          femaleMatrix: female,
          xLinked,
          genotypes: g,
          theta: 0,
        };
      }),
  );

/** Per unordered genotype {a,b} of `row`: the joint table against enumeration with the person typed. */
function expectJointMatchesEnumeration(
  problem: LocusProblem,
  row: number,
  joint: { readonly table: Float64Array; readonly logScale: number },
): void {
  const n = problem.nAlleles;
  for (let a = 0; a < n; a++)
    for (let b = a; b < n; b++) {
      const g = Int32Array.from(problem.genotypes);
      g[2 * row] = a;
      g[2 * row + 1] = b;
      const want = bruteForceLikelihood({ ...problem, genotypes: g });
      const got =
        (joint.table[a * n + b]! + (a === b ? 0 : joint.table[b * n + a]!)) *
        Math.exp(joint.logScale);
      expect(relClose(got, want, 1e-11)).toBe(true);
    }
}

function relClose(a: number, b: number, tol = 1e-12): boolean {
  if (b === 0) return a === 0;
  return Math.abs(a - b) <= tol * Math.abs(b);
}

describe('computeLocusLikelihood agrees with complete enumeration', () => {
  it('on random autosomal pedigrees of up to 5 people, with and without mutation', () => {
    fc.assert(
      fc.property(problemArb(5, false), (problem) => {
        const want = bruteForceLikelihood(problem);
        const got = Math.exp(computeLocusLikelihood(problem));
        expect(relClose(got, want)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
  it('on random X-chromosomal pedigrees of up to 5 people', () => {
    fc.assert(
      fc.property(problemArb(5, true), (problem) => {
        const want = bruteForceLikelihood(problem);
        const got = Math.exp(computeLocusLikelihood(problem));
        expect(relClose(got, want)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('probability laws', () => {
  it('Σ over every genotype combination of the typed people of P(data) = Σp-normalised 1', () => {
    fc.assert(
      fc.property(problemArb(4, false), (problem) => {
        const N = problem.pedigree.ids.length;
        const typed = [...Array(N).keys()].filter((i) => problem.genotypes[2 * i]! >= 0);
        const n = problem.nAlleles;
        const pairs: [number, number][] = [];
        for (let a = 0; a < n; a++) for (let b = a; b < n; b++) pairs.push([a, b]);
        let total = 0;
        const g = new Int32Array(problem.genotypes.length).fill(-1);
        const rec = (k: number): void => {
          if (k === typed.length) {
            total += Math.exp(computeLocusLikelihood({ ...problem, genotypes: g }));
            return;
          }
          const i = typed[k]!;
          for (const [a, b] of pairs) {
            g[2 * i] = a;
            g[2 * i + 1] = b;
            rec(k + 1);
          }
        };
        rec(0);
        expect(Math.abs(total - 1)).toBeLessThan(1e-12);
      }),
      { numRuns: 60 },
    );
  });

  it('computeJointWithPerson sums to P(data) and equals enumeration per genotype', () => {
    fc.assert(
      fc.property(problemArb(5, false), fc.nat(), (problem, pick) => {
        const N = problem.pedigree.ids.length;
        const untyped = [...Array(N).keys()].filter((i) => problem.genotypes[2 * i]! < 0);
        if (untyped.length === 0) return;
        const row = untyped[pick % untyped.length]!;
        const joint = computeJointWithPerson(problem, row);
        const n = problem.nAlleles;
        let sum = 0;
        for (let x = 0; x < n; x++)
          for (let y = 0; y < n; y++) sum += joint.table[x * n + y]! * Math.exp(joint.logScale);
        expect(relClose(sum, bruteForceLikelihood(problem), 1e-11)).toBe(true);
        expectJointMatchesEnumeration(problem, row, joint);
      }),
      { numRuns: 200 },
    );
  });

  it('untyped leaves change nothing', () => {
    fc.assert(
      fc.property(problemArb(4, false), fc.boolean(), (problem, male) => {
        const ped = problem.pedigree;
        const N = ped.ids.length;
        const fathers = [...Array(N).keys()].filter((i) => ped.sex[i] === MALE);
        const mothers = [...Array(N).keys()].filter((i) => ped.sex[i] === FEMALE);
        if (fathers.length === 0 || mothers.length === 0) return;
        const ids = [...ped.ids, 'LEAF'];
        const bigger: Pedigree = {
          ids,
          father: Int32Array.of(...ped.father, fathers[0]!),
          mother: Int32Array.of(...ped.mother, mothers[0]!),
          sex: Uint8Array.of(...ped.sex, male ? MALE : FEMALE),
          sameAs: Int32Array.of(...ped.sameAs, -1),
          index: new Map(ids.map((id, i) => [id, i])),
        };
        const g = Int32Array.of(...problem.genotypes, -1, -1);
        const a = computeLocusLikelihood(problem);
        const b = computeLocusLikelihood({ ...problem, pedigree: bigger, genotypes: g });
        expect(relClose(Math.exp(b), Math.exp(a))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('pair steps (both parents of a transmission eliminated at once)', () => {
  // Untyped parents FA, MO; the kept person M (their child) and 1–3 typed full siblings.
  const sibshipArb = fc.integer({ min: 10, max: 11 }).chain((n) =>
    fc.record({
      n: fc.constant(n),
      sibs: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { minLength: 1, maxLength: 3 }),
      weights: fc.array(fc.double({ min: 0.05, max: 1, noNaN: true }), {
        minLength: n,
        maxLength: n,
      }),
      male: matrixArb(n),
      female: matrixArb(n),
    }),
  );

  it('appear in the plans of a sibship with a kept member, whose joint table equals enumeration', async () => {
    const { _setTransmissionForm } = await import('../src/likelihood/locus-model.js');
    _setTransmissionForm('plain');
    try {
      fc.assert(
        fc.property(sibshipArb, ({ n, sibs, weights, male, female }) => {
          const ids = ['FA', 'MO', 'M', ...sibs.map((_, i) => `S${i}`)];
          const N = ids.length;
          const pedigree: Pedigree = {
            ids,
            father: Int32Array.from(ids, (_, i) => (i < 2 ? -1 : 0)),
            mother: Int32Array.from(ids, (_, i) => (i < 2 ? -1 : 1)),
            sex: Uint8Array.from(ids, (_, i) => (i % 2 === 0 ? MALE : FEMALE)),
            sameAs: new Int32Array(N).fill(-1),
            index: new Map(ids.map((id, i) => [id, i])),
          };
          const genotypes = new Int32Array(2 * N).fill(-1);
          sibs.forEach(([a, b], i) => {
            genotypes[2 * (3 + i)] = Math.min(a, b);
            genotypes[2 * (3 + i) + 1] = Math.max(a, b);
          });
          const total = weights.reduce((x, y) => x + y, 0);
          const problem: LocusProblem = {
            pedigree,
            nAlleles: n,
            frequencies: Float64Array.from(weights, (w) => w / total),
            maleMatrix: male,
            femaleMatrix: female,
            xLinked: false,
            genotypes,
            theta: 0,
          };
          const keepVars = [4, 5];
          const shape = describeLocus(problem, [2], false)!;
          const { order } = planOrder(shape, bucketOf(n), keepVars);
          expect(order.some((step) => typeof step !== 'number')).toBe(true);
          expectJointMatchesEnumeration(problem, 2, computeJointWithPerson(problem, 2));
        }),
        { numRuns: 15 },
      );
    } finally {
      _setTransmissionForm('best');
    }
  });
});

describe('barren people', () => {
  // Father F (typed 0/1), mother M (untyped), untyped child C of theirs, typed child T (1/2).
  const ids = ['F', 'M', 'C', 'T'];
  const pedigree: Pedigree = {
    ids,
    father: Int32Array.of(-1, -1, 0, 0),
    mother: Int32Array.of(-1, -1, 1, 1),
    sex: Uint8Array.of(MALE, FEMALE, MALE, FEMALE),
    sameAs: Int32Array.of(-1, -1, -1, -1),
    index: new Map(ids.map((id, i) => [id, i])),
  };
  const n = 3;
  const matrix = (rowSum: number): Float64Array => {
    const m = new Float64Array(n * n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) m[i * n + j] = (i === j ? 0.98 : 0.01) * rowSum;
    return m;
  };
  const problem = (m: Float64Array): LocusProblem => ({
    pedigree,
    nAlleles: n,
    frequencies: Float64Array.of(0.2, 0.3, 0.5),
    maleMatrix: m,
    femaleMatrix: m,
    xLinked: false,
    genotypes: Int32Array.of(0, 1, -1, -1, -1, -1, 1, 2),
    theta: 0,
  });

  it('rows within 1e-13 of 1: the untyped child is left out and the likelihood moves by < 1e-12', () => {
    const p = problem(matrix(1 - 5e-14));
    const plan = planForProblem(p)!;
    expect(plan.shape.status[2 * 2]).toBe(0);
    expect(relClose(Math.exp(computeLocusLikelihood(p)), bruteForceLikelihood(p), 1e-12)).toBe(
      true,
    );
  });

  it('rows further from 1 (a custom matrix off by 1e-7): nobody is left out, the rows are used as given', () => {
    const p = problem(matrix(1 - 1e-7));
    const plan = planForProblem(p)!;
    expect(plan.shape.status[2 * 2]).not.toBe(0);
    const want = bruteForceLikelihood(p);
    expect(Math.abs(Math.exp(computeLocusLikelihood(p)) / want - 1)).toBeLessThan(1e-14);
  });
});

describe('closed forms', () => {
  const single = (g: [number, number], p: number[]): number => {
    const ids = ['A'];
    const ped: Pedigree = {
      ids,
      father: Int32Array.of(-1),
      mother: Int32Array.of(-1),
      sex: Uint8Array.of(MALE),
      sameAs: Int32Array.of(-1),
      index: new Map([['A', 0]]),
    };
    return Math.exp(
      computeLocusLikelihood({
        pedigree: ped,
        nAlleles: p.length,
        frequencies: Float64Array.from(p),
        maleMatrix: null,
        femaleMatrix: null,
        xLinked: false,
        genotypes: Int32Array.from(g),
        theta: 0,
      }),
    );
  };
  it('computeLocusLikelihood(single heterozygote a/b) is 2·p_a·p_b', () => {
    // Hardy–Weinberg: 2pq.
    expect(single([0, 1], [0.1, 0.2, 0.7])).toBeCloseTo(2 * 0.1 * 0.2, 15);
  });
  it('computeLocusLikelihood(single homozygote a/a) is p_a²', () => {
    expect(single([2, 2], [0.1, 0.2, 0.7])).toBeCloseTo(0.49, 15);
  });
});

describe('invariances', () => {
  it('E[LR(H1 vs unrelated) | unrelated] = 1: Σ_gB P(gB)·LR(gA, gB) = 1 for any pedigree linking A and B', () => {
    fc.assert(
      fc.property(problemArb(5, false), fc.nat(), fc.nat(), (problem, pa, pb) => {
        const N = problem.pedigree.ids.length;
        if (N < 2) return;
        const a = pa % N;
        const b = (a + 1 + (pb % (N - 1))) % N;
        const n = problem.nAlleles;
        const only = (rows: [number, number, number][]): Int32Array => {
          const g = new Int32Array(2 * N).fill(-1);
          for (const [r, x, y] of rows) {
            g[2 * r] = x;
            g[2 * r + 1] = y;
          }
          return g;
        };
        const ga = [0, Math.min(1, n - 1)] as const;
        const pA = Math.exp(
          computeLocusLikelihood({ ...problem, genotypes: only([[a, ga[0], ga[1]]]) }),
        );
        if (pA === 0) return;
        let expectation = 0;
        for (let x = 0; x < n; x++)
          for (let y = x; y < n; y++) {
            const joint = Math.exp(
              computeLocusLikelihood({
                ...problem,
                genotypes: only([
                  [a, ga[0], ga[1]],
                  [b, x, y],
                ]),
              }),
            );
            const p = problem.frequencies;
            const pB = x === y ? p[x]! * p[x]! : 2 * p[x]! * p[y]!;
            // LR = P(gA, gB | H1) / (P(gA) P(gB)); weight P(gB) under "unrelated".
            expectation += pB * (joint / (pA * pB));
          }
        expect(Math.abs(expectation - 1)).toBeLessThan(1e-10);
      }),
      { numRuns: 150 },
    );
  });

  it('permuting pedigree rows changes nothing', () => {
    fc.assert(
      fc.property(
        problemArb(5, false),
        fc.array(fc.nat(), { minLength: 5, maxLength: 5 }),
        (problem, keys) => {
          const ped = problem.pedigree;
          const N = ped.ids.length;
          // A topological-order-free permutation: rows may come in any order.
          const perm = [...Array(N).keys()].sort((x, y) => keys[x]! - keys[y]! || x - y);
          const inv = new Int32Array(N);
          perm.forEach((old, i) => {
            inv[old] = i;
          });
          const ids = perm.map((old) => ped.ids[old]!);
          const mapParent = (x: number): number => (x < 0 ? -1 : inv[x]!);
          const permuted: Pedigree = {
            ids,
            father: Int32Array.from(perm, (old) => mapParent(ped.father[old]!)),
            mother: Int32Array.from(perm, (old) => mapParent(ped.mother[old]!)),
            sex: Uint8Array.from(perm, (old) => ped.sex[old]!),
            sameAs: Int32Array.from(perm, () => -1),
            index: new Map(ids.map((id, i) => [id, i])),
          };
          const g = new Int32Array(2 * N);
          perm.forEach((old, i) => {
            g[2 * i] = problem.genotypes[2 * old]!;
            g[2 * i + 1] = problem.genotypes[2 * old + 1]!;
          });
          const a = computeLocusLikelihood(problem);
          const b = computeLocusLikelihood({ ...problem, pedigree: permuted, genotypes: g });
          expect(relClose(Math.exp(b), Math.exp(a), 1e-12)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('permuting alleles together with their frequencies and matrix rows/columns changes nothing', () => {
    fc.assert(
      fc.property(problemArb(5, true), fc.boolean(), (problem, reverse) => {
        const n = problem.nAlleles;
        const perm = reverse
          ? [...Array(n).keys()].reverse()
          : [...Array(n).keys()].map((i) => (i + 1) % n);
        const inv = new Int32Array(n);
        perm.forEach((old, i) => {
          inv[old] = i;
        });
        const pm = (m: Float64Array | null): Float64Array | null => {
          if (m === null) return null;
          const out = new Float64Array(n * n);
          for (let i = 0; i < n; i++)
            for (let j = 0; j < n; j++) out[i * n + j] = m[perm[i]! * n + perm[j]!]!;
          return out;
        };
        const g = Int32Array.from(problem.genotypes, (x) => (x < 0 ? -1 : inv[x]!));
        const permuted: LocusProblem = {
          ...problem,
          frequencies: Float64Array.from(perm, (old) => problem.frequencies[old]!),
          maleMatrix: pm(problem.maleMatrix),
          femaleMatrix: pm(problem.femaleMatrix),
          genotypes: g,
        };
        const a = computeLocusLikelihood(problem);
        const b = computeLocusLikelihood(permuted);
        expect(relClose(Math.exp(b), Math.exp(a), 1e-12)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('transmission forms', () => {
  it('splitting transmissions from untyped parents with segregation indicators changes nothing', async () => {
    const { _setTransmissionForm } = await import('../src/likelihood/locus-model.js');
    try {
      fc.assert(
        fc.property(problemArb(5, false), (problem) => {
          _setTransmissionForm('plain');
          const a = computeLocusLikelihood(problem);
          _setTransmissionForm('split');
          const b = computeLocusLikelihood(problem);
          _setTransmissionForm('best');
          const c = computeLocusLikelihood(problem);
          expect(relClose(Math.exp(b), Math.exp(a), 1e-12)).toBe(true);
          expect(relClose(Math.exp(c), Math.exp(a), 1e-12)).toBe(true);
        }),
        { numRuns: 200 },
      );
    } finally {
      _setTransmissionForm('best');
    }
  });

  it('any set of untyped parents split, in an order planned for another allele count, matches enumeration', () => {
    fc.assert(
      fc.property(
        problemArb(5, false),
        fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
        fc.integer({ min: 2, max: 40 }),
        (problem, splitMask, planN) => {
          const rows = new Set(splitMask.flatMap((b, i) => (b ? [i] : [])));
          const shape = describeLocus(problem, [], rows);
          if (shape === null) return;
          const { order } = planOrder(shape, planN);
          const plan = compilePlan(shape, problem.nAlleles, [], {}, order);
          let log = runPlan(plan, problem) + barrenLogConstant(plan, problem.frequencies);
          for (const s of plan.finalSlots) log += Math.log(plan.tables[s]![0]!);
          expect(relClose(Math.exp(log), bruteForceLikelihood(problem), 1e-12)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('the shared untyped part (shared-untyped.ts) gives the ordinary plan’s joint', () => {
  /** The joint through both paths: ordinary plan, and shared untyped part when it is taken. */
  const bothPaths = async (problem: LocusProblem, row: number) => {
    const { _setSharedUntyped, sharedJoint } = await import('../src/likelihood/shared-untyped.js');
    const previous = _setSharedUntyped('off');
    try {
      const ordinary = computeJointWithPerson(problem, row);
      _setSharedUntyped('always');
      const hemi = problem.xLinked && problem.pedigree.sex[row] === MALE;
      const keep = hemi ? [2 * row + 1] : [2 * row, 2 * row + 1];
      const plan = planForProblem(problem, [row], keep);
      const taken =
        plan !== null &&
        sharedJoint(
          plan,
          problem,
          row,
          hemi,
          barrenLogConstant(plan, problem.frequencies),
          new Float64Array(problem.nAlleles ** 2),
        ) !== null;
      return {
        ordinary,
        shared: computeJointWithPerson(problem, row, undefined, { shareUntyped: true }),
        taken,
      };
    } finally {
      _setSharedUntyped(previous);
    }
  };
  const expectSameJoint = (
    a: { readonly table: Float64Array; readonly logScale: number },
    b: { readonly table: Float64Array; readonly logScale: number },
  ): void => {
    expect(b.table.length).toBe(a.table.length);
    for (let i = 0; i < a.table.length; i++) {
      const x = a.table[i]! * Math.exp(a.logScale);
      const y = b.table[i]! * Math.exp(b.logScale);
      expect(relClose(y, x, 1e-12)).toBe(true);
    }
  };
  const untypedRow = (problem: LocusProblem, pick: number): number | null => {
    const N = problem.pedigree.ids.length;
    const untyped = [...Array(N).keys()].filter((i) => problem.genotypes[2 * i]! < 0);
    return untyped.length === 0 ? null : untyped[pick % untyped.length]!;
  };

  for (const xLinked of [false, true]) {
    it(`on random ${xLinked ? 'X-chromosomal' : 'autosomal'} pedigrees of up to 6 people, with and without mutation (and against enumeration)`, async () => {
      let taken = 0;
      await fc.assert(
        fc.asyncProperty(problemArb(6, xLinked), fc.nat(), async (problem, pick) => {
          const row = untypedRow(problem, pick);
          if (row === null || !(bruteForceLikelihood(problem) > 0)) return;
          const r = await bothPaths(problem, row);
          if (r.taken) taken++;
          expectSameJoint(r.ordinary, r.shared);
          // (the enumeration helper reads an n×n table: autosomal loci)
          if (!xLinked) expectJointMatchesEnumeration(problem, row, r.shared);
        }),
        { numRuns: 200 },
      );
      expect(taken).toBeGreaterThan(20);
    });
  }

  // The costly shapes of a search index: untyped parents FA, MO, the kept child M, 1–3 typed
  // full siblings and maybe a typed parent, 5–9 alleles, random mutation matrices per sex.
  const familyArb = fc.integer({ min: 5, max: 9 }).chain((n) =>
    fc.record({
      n: fc.constant(n),
      sibs: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.boolean()), {
        minLength: 1,
        maxLength: 3,
      }),
      mother: fc.option(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { nil: null }),
      weights: fc.array(fc.double({ min: 0.05, max: 1, noNaN: true }), {
        minLength: n,
        maxLength: n,
      }),
      male: matrixArb(n),
      female: matrixArb(n),
      kept: fc.boolean(),
      xLinked: fc.boolean(),
    }),
  );

  it('on sibships with untyped parents (the shared path is taken), X loci included', async () => {
    await fc.assert(
      fc.asyncProperty(familyArb, async (f) => {
        const ids = ['FA', 'MO', 'M', ...f.sibs.map((_, i) => `S${i}`)];
        const N = ids.length;
        const sex = Uint8Array.from(ids, (_, i) =>
          i === 0
            ? MALE
            : i === 1
              ? FEMALE
              : i === 2
                ? f.kept
                  ? MALE
                  : FEMALE
                : f.sibs[i - 3]![2]
                  ? MALE
                  : FEMALE,
        );
        const pedigree: Pedigree = {
          ids,
          father: Int32Array.from(ids, (_, i) => (i < 2 ? -1 : 0)),
          mother: Int32Array.from(ids, (_, i) => (i < 2 ? -1 : 1)),
          sex,
          sameAs: new Int32Array(N).fill(-1),
          index: new Map(ids.map((id, i) => [id, i])),
        };
        const genotypes = new Int32Array(2 * N).fill(-1);
        const put = (row: number, a: number, b: number): void => {
          const bb = f.xLinked && sex[row] === MALE ? a : b;
          genotypes[2 * row] = Math.min(a, bb);
          genotypes[2 * row + 1] = Math.max(a, bb);
        };
        f.sibs.forEach(([a, b], i) => {
          put(3 + i, a, b);
        });
        if (f.mother !== null) put(1, f.mother[0], f.mother[1]);
        const total = f.weights.reduce((x, y) => x + y, 0);
        const problem: LocusProblem = {
          pedigree,
          nAlleles: f.n,
          frequencies: Float64Array.from(f.weights, (w) => w / total),
          maleMatrix: f.male,
          femaleMatrix: f.female,
          xLinked: f.xLinked,
          genotypes,
          theta: 0,
        };
        if (!(Math.exp(computeLocusLikelihood(problem)) > 0)) return;
        const r = await bothPaths(problem, 2);
        expect(r.taken).toBe(true);
        expectSameJoint(r.ordinary, r.shared);
      }),
      { numRuns: 150 },
    );
  });

  it('is taken from the first problem on when asked (never without), and never with observation factors (degraded samples)', async () => {
    const { sharedJoint } = await import('../src/likelihood/shared-untyped.js');
    const ids = ['FA', 'MO', 'S', 'M'];
    const pedigree: Pedigree = {
      ids,
      father: Int32Array.of(-1, -1, 0, 0),
      mother: Int32Array.of(-1, -1, 1, 1),
      sex: Uint8Array.of(MALE, FEMALE, MALE, FEMALE),
      sameAs: Int32Array.of(-1, -1, -1, -1),
      index: new Map(ids.map((id, i) => [id, i])),
    };
    const n = 6;
    const problem: LocusProblem = {
      pedigree,
      nAlleles: n,
      frequencies: Float64Array.from({ length: n }, (_, i) => (i + 1) / 21),
      maleMatrix: null,
      femaleMatrix: null,
      xLinked: false,
      genotypes: Int32Array.of(-1, -1, -1, -1, 0, 1, -1, -1),
      theta: 0,
    };
    const plan = planForProblem(problem, [3], [6, 7])!;
    const first = sharedJoint(plan, problem, 3, false, 0, new Float64Array(n * n));
    expect(first).not.toBeNull();
    // The same problem again (phase 1 now cached): the same bits.
    expect(sharedJoint(plan, problem, 3, false, 0, new Float64Array(n * n))!.table).toEqual(
      first!.table,
    );
    // Not asked for: the ordinary plan, bit for bit.
    const { _setSharedUntyped } = await import('../src/likelihood/shared-untyped.js');
    const previous = _setSharedUntyped('off');
    const ordinary = computeJointWithPerson(problem, 3);
    _setSharedUntyped(previous);
    expect(computeJointWithPerson(problem, 3)).toEqual(ordinary);
    const observations = [null, null, new Float64Array(n * n).fill(1), null];
    const degraded: LocusProblem = { ...problem, observations };
    const dPlan = planForProblem(degraded, [3], [6, 7])!;
    expect(sharedJoint(dPlan, degraded, 3, false, 0, new Float64Array(n * n))).toBeNull();
  });
});
