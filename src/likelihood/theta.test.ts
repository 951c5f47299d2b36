import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeProblem, type ProblemOptions, type Row } from '../../test/helpers/make-problem.js';
import { bruteForceLikelihood } from './brute-force.js';
import type { LocusProblem } from './problem.js';
import { computeThetaLikelihood } from './theta.js';

/** Equal to 1e-12 relative; zeros exact. */
const same = (got: number, want: number): boolean =>
  want === 0 ? got === 0 : Math.abs(got - want) <= 1e-12 * Math.abs(want);

const L = (rows: readonly Row[], o: ProblemOptions): number =>
  computeThetaLikelihood(makeProblem(rows, o));

describe('computeThetaLikelihood: closed forms of NRC II 4.10 (mutation-models.md, theta)', () => {
  const thetas = [0, 0.01, 0.03, 0.2];
  const p = [0.1, 0.25, 0.15, 0.5];
  const [pa, pb] = [0.1, 0.25];

  it('is p_a(θ + (1−θ)p_a) for one a/a founder (TSDoc example: 0.0127)', () => {
    expect(same(L([{ g: [0, 0] }], { p, theta: 0.03 }), 0.0127)).toBe(true);
    for (const t of thetas)
      expect(same(L([{ g: [0, 0] }], { p, theta: t }), pa * (t + (1 - t) * pa))).toBe(true);
  });

  it('is 2p_a p_b(1−θ) for one a/b founder', () => {
    for (const t of thetas)
      expect(same(L([{ g: [1, 0] }], { p, theta: t }), 2 * pa * pb * (1 - t))).toBe(true);
  });

  it('draws two unrelated a/a people jointly', () => {
    for (const t of thetas) {
      const want =
        (pa * (t + (1 - t) * pa) * (2 * t + (1 - t) * pa) * (3 * t + (1 - t) * pa)) /
        ((1 + t) * (1 + 2 * t));
      expect(same(L([{ g: [0, 0] }, { g: [0, 0] }], { p, theta: t }), want)).toBe(true);
    }
  });

  it('gives LR (1+2θ)/(4(θ+(1−θ)p_a)) for parent a/b, child a/c, other parent untyped', () => {
    for (const t of thetas) {
      const h1 = L([{ sex: 1, g: [0, 1] }, { sex: 2 }, { father: 0, mother: 1, g: [0, 2] }], {
        p,
        theta: t,
      });
      const h2 = L([{ sex: 1, g: [0, 1] }, { g: [0, 2] }], { p, theta: t });
      expect(same(h1 / h2, (1 + 2 * t) / (4 * (t + (1 - t) * pa)))).toBe(true);
    }
  });

  it('gives LR (1+2θ)/(2(2θ+(1−θ)p_a)) for parent a/b, child a/a', () => {
    for (const t of thetas) {
      const h1 = L([{ sex: 2, g: [0, 1] }, { sex: 1 }, { father: 1, mother: 0, g: [0, 0] }], {
        p,
        theta: t,
      });
      const h2 = L([{ sex: 2, g: [0, 1] }, { g: [0, 0] }], { p, theta: t });
      expect(same(h1 / h2, (1 + 2 * t) / (2 * (2 * t + (1 - t) * pa)))).toBe(true);
    }
  });

  it('gives the direct-match LR P(G)/P(G,G) with a sameAs row, and 0 when the samples differ', () => {
    // conformance README, direct match: H1 likelihood is P(G) (one person), H2 one joint draw of both.
    const t = 0.03;
    const h1 = L([{ g: [0, 1] }, { sameAs: 0, g: [1, 0] }], { p, theta: t });
    expect(same(h1, 2 * pa * pb * (1 - t))).toBe(true);
    expect(L([{ g: [0, 1] }, { sameAs: 0, g: [1, 1] }], { p, theta: t })).toBe(0);
  });
});

/** Random tiny problems: 2–5 people (loops allowed), 2–4 alleles, random typing, theta, mutation. */
const arbProblem = fc
  .record({
    n: fc.integer({ min: 2, max: 4 }),
    people: fc.array(
      fc.record({
        sex: fc.constantFrom<1 | 2>(1, 2),
        founder: fc.boolean(),
        f: fc.nat(),
        m: fc.nat(),
        typed: fc.boolean(),
        a: fc.nat(),
        b: fc.nat(),
      }),
      { minLength: 2, maxLength: 5 },
    ),
    weights: fc.array(fc.double({ min: 0.05, max: 1, noNaN: true }), {
      minLength: 4,
      maxLength: 4,
    }),
    // Frequencies are used as given: sometimes they sum to 1 only within 1e-5.
    scale: fc.oneof(fc.constant(1), fc.double({ min: 1 - 1e-5, max: 1 + 1e-5, noNaN: true })),
    theta: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.3, noNaN: true })),
    mutation: fc.constantFrom('none', 'same', 'sex'),
    // Matrix cells: 0 or at least 1e-12. Cells near the bottom of the double range (e.g. 7e-323,
    // or 2.5e-301 where two mutations multiply to 1e-602) underflow or keep only a few
    // significant bits, so the oracle, which does not rescale, cannot be matched to 1e-12 there;
    // real mutation probabilities are many orders of magnitude larger.
    cells: fc.array(fc.oneof(fc.constant(0), fc.double({ min: 1e-12, max: 1, noNaN: true })), {
      minLength: 32,
      maxLength: 32,
    }),
    twin: fc.option(fc.record({ of: fc.nat(), agree: fc.boolean() })),
  })
  .map((r): LocusProblem => {
    const n = r.n;
    const rows: Row[] = [];
    for (const [i, x] of r.people.entries()) {
      const males = rows.flatMap((row, j) =>
        row.sex === 1 && row.sameAs === undefined ? [j] : [],
      );
      const females = rows.flatMap((row, j) =>
        row.sex === 2 && row.sameAs === undefined ? [j] : [],
      );
      const g: [number, number] | undefined = x.typed ? [x.a % n, x.b % n] : undefined;
      const parents =
        !x.founder && males.length > 0 && females.length > 0
          ? { father: males[x.f % males.length]!, mother: females[x.m % females.length]! }
          : {};
      rows.push({ sex: x.sex, ...parents, ...(g ? { g } : {}) });
      void i;
    }
    if (r.twin !== null) {
      const of = r.twin.of % rows.length;
      const g = rows[of]!.g;
      rows.push({
        sameAs: of,
        ...(g
          ? { g: r.twin.agree ? ([g[1], g[0]] as const) : ([g[0], (g[1] + 1) % n] as const) }
          : {}),
      });
    }
    const total = r.weights.slice(0, n).reduce((s, w) => s + w, 0);
    const p = r.weights.slice(0, n).map((w) => (w / total) * r.scale);
    const matrix = (offset: number): number[] => {
      const m: number[] = [];
      for (let i = 0; i < n; i++) {
        const row = Array.from(
          { length: n },
          (_, j) => r.cells[offset + i * n + j]! + (i === j ? 4 : 0),
        );
        const s = row.reduce((a, b) => a + b, 0);
        m.push(...row.map((x) => x / s));
      }
      return m;
    };
    const male = r.mutation === 'none' ? null : matrix(0);
    const female = r.mutation === 'none' ? null : r.mutation === 'same' ? male : matrix(16);
    return makeProblem(rows, { p, theta: r.theta, male, female });
  })
  .filter((problem) => {
    // Keep the oracle fast: at most ~2e5 complete assignments.
    let terms = 1;
    for (let i = 0; i < problem.pedigree.ids.length; i++) {
      if (problem.pedigree.sameAs[i] === -1 && problem.genotypes[2 * i] === -1)
        terms *= problem.nAlleles ** 2;
    }
    return terms <= 2e5;
  });

describe('computeThetaLikelihood against the brute-force oracle', () => {
  it('agrees to 1e-12 relative on random tiny pedigrees (loops, untyped connectors, mutation, theta)', () => {
    fc.assert(
      fc.property(arbProblem, (problem) =>
        same(computeThetaLikelihood(problem), bruteForceLikelihood(problem)),
      ),
      { numRuns: 300 },
    );
  });

  it('equals the ordinary brute force at theta = 0', () => {
    fc.assert(
      fc.property(arbProblem, (problem) => {
        const plain = { ...problem, theta: 0 };
        return same(computeThetaLikelihood(plain), bruteForceLikelihood(plain));
      }),
      { numRuns: 100 },
    );
  });

  it('is unchanged by untyped founders without typed descendants (exchangeability of the urn)', () => {
    // Adding an unrelated untyped founder, or an untyped couple with an untyped child, drops out
    // (the brute force sums them; the engine prunes them), when the frequencies sum to 1.
    fc.assert(
      fc.property(arbProblem, fc.constantFrom(1, 3), (problem, extra) => {
        const p = problem.frequencies;
        const s = p.reduce((a, b) => a + b, 0);
        const exact = { ...problem, frequencies: p.map((x) => x / s) };
        const ped = exact.pedigree;
        const k = ped.ids.length;
        const add =
          extra === 1
            ? [[-1, -1, 1]]
            : [
                [-1, -1, 1],
                [-1, -1, 2],
                [k, k + 1, 2],
              ];
        const bigger: LocusProblem = {
          ...exact,
          pedigree: {
            ...ped,
            ids: [...ped.ids, ...add.map((_, j) => `X${j}`)],
            father: Int32Array.from([...ped.father, ...add.map((a) => a[0]!)]),
            mother: Int32Array.from([...ped.mother, ...add.map((a) => a[1]!)]),
            sex: Uint8Array.from([...ped.sex, ...add.map((a) => a[2]!)]),
            sameAs: Int32Array.from([...ped.sameAs, ...add.map(() => -1)]),
          },
          genotypes: Int32Array.from([...exact.genotypes, ...add.flatMap(() => [-1, -1])]),
        };
        return (
          Math.abs(computeThetaLikelihood(bigger) - computeThetaLikelihood(exact)) <=
          1e-12 * computeThetaLikelihood(exact)
        );
      }),
      { numRuns: 100 },
    );
  });
});

describe('computeThetaLikelihood: size and errors', () => {
  it('handles first cousins with four untyped founders over 20 alleles with mutation quickly', () => {
    // Four untyped founders (8 uncertain founder alleles); an equal-model matrix prevents lumping.
    const n = 20;
    const p = Array.from({ length: n }, () => 1 / n);
    const m = Array.from({ length: n * n }, (_, k) => (k % (n + 1) === 0 ? 0.99 : 0.01 / (n - 1)));
    const rows: Row[] = [
      { sex: 1 },
      { sex: 2 },
      { father: 0, mother: 1, sex: 1 },
      { father: 0, mother: 1, sex: 2 },
      { sex: 2 },
      { sex: 1 },
      { father: 2, mother: 4, g: [0, 1] },
      { father: 5, mother: 3, g: [1, 2] },
    ];
    const value = L(rows, { p, theta: 0.01, male: m, female: m });
    expect(value).toBeGreaterThan(0);
  });

  it('throws TOO_COMPLEX, naming the table entries, when the plan exceeds the budget maxWork', () => {
    const problem = makeProblem([{ sex: 1 }, { sex: 2 }, { father: 0, mother: 1, g: [0, 1] }], {
      p: [0.2, 0.3, 0.5],
      theta: 0.01,
      male: [0.9, 0.05, 0.05, 0.05, 0.9, 0.05, 0.05, 0.05, 0.9],
    });
    expect(() => computeThetaLikelihood(problem, { maxWork: 10 })).toThrow(
      expect.objectContaining({
        code: 'TOO_COMPLEX',
        path: ['pedigree'],
        message: expect.stringMatching(/needs about \d+ table entries/),
      }),
    );
    expect(() => computeThetaLikelihood(problem, { maxTableSize: 2 })).toThrow(
      expect.objectContaining({
        code: 'TOO_COMPLEX',
        path: ['pedigree'],
        message: expect.stringMatching(/needs a table of \d+ entries, more than the limit 2/),
      }),
    );
    expect(computeThetaLikelihood(problem, { maxWork: 1e6, maxTableSize: 1e6 })).toBeGreaterThan(0);
  });

  it('throws UNSUPPORTED for an X-linked locus', () => {
    const problem = makeProblem([{ sex: 1, g: [0, 0] }], {
      p: [0.5, 0.5],
      theta: 0.01,
      xLinked: true,
    });
    expect(() => computeThetaLikelihood(problem)).toThrow(
      expect.objectContaining({
        code: 'UNSUPPORTED',
        path: ['xLinked'],
        message: expect.stringContaining('autosomal'),
      }),
    );
  });

  it('throws INVALID_ARGUMENT for theta 1 and for an allele index out of range', () => {
    expect(() => L([{ g: [0, 1] }], { p: [0.5, 0.5], theta: 1 })).toThrow(
      expect.objectContaining({
        code: 'INVALID_ARGUMENT',
        path: ['theta'],
        message: expect.stringContaining('got 1'),
      }),
    );
    expect(() => L([{ g: [0, 5] }], { p: [0.5, 0.5] })).toThrow(
      expect.objectContaining({
        code: 'INVALID_ARGUMENT',
        path: ['genotypes', 1],
        message: expect.stringContaining('"P0"'),
      }),
    );
  });
});
