import { describe, expect, it } from 'vitest';
import { makeProblem, type Row } from '../../test/helpers/make-problem.js';
import { KindredError } from '../errors.js';
import { bruteForceGenotypeDistribution, bruteForceLikelihood } from './brute-force.js';

const close = (got: number, want: number): void => {
  expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-14 * Math.abs(want));
};

describe('bruteForceLikelihood', () => {
  it('is 2pq for one heterozygous founder (Hardy–Weinberg)', () => {
    // TSDoc example: p = (0.2, 0.8), genotype 0/1 → 2·0.2·0.8 = 0.32
    close(bruteForceLikelihood(makeProblem([{ g: [0, 1] }], { p: [0.2, 0.8] })), 0.32);
  });

  it('is p² for one homozygous founder (Hardy–Weinberg)', () => {
    close(bruteForceLikelihood(makeProblem([{ g: [1, 1] }], { p: [0.2, 0.8] })), 0.64);
  });

  it('gives the paternity index 1/(4p_a) for father a/b, child a/c, mother untyped', () => {
    // Textbook paternity index (Evett & Weir 1998, ch. 8): PI = 1/(4 p_a) when the child shares a.
    const p = [0.1, 0.3, 0.6];
    const trio = makeProblem(
      [{ sex: 1, g: [0, 1] }, { sex: 2 }, { father: 0, mother: 1, g: [0, 2] }],
      { p },
    );
    const unrelated = makeProblem([{ sex: 1, g: [0, 1] }, { g: [0, 2] }], { p });
    close(bruteForceLikelihood(trio) / bruteForceLikelihood(unrelated), 1 / (4 * 0.1));
  });

  it('gives 1/(2p_a) for an X father a and heterozygous daughter a/b (father always passes his X)', () => {
    // X-chromosomal paternity index without the mother: 1/(2 p_a) (Szibor et al. 2003, Int J Legal Med 117:67).
    const p = [0.15, 0.25, 0.6];
    const h1 = makeProblem(
      [{ sex: 1, g: [0, 0] }, { sex: 2 }, { father: 0, mother: 1, sex: 2, g: [0, 1] }],
      {
        p,
        xLinked: true,
      },
    );
    const h2 = makeProblem(
      [
        { sex: 1, g: [0, 0] },
        { sex: 2, g: [0, 1] },
      ],
      { p, xLinked: true },
    );
    close(bruteForceLikelihood(h1) / bruteForceLikelihood(h2), 1 / (2 * 0.15));
  });

  it('gives LR 1 for an X father and his son (sons get no X from the father)', () => {
    // case-format.md: the father passes his X allele to daughters only.
    const p = [0.15, 0.25, 0.6];
    const h1 = makeProblem(
      [{ sex: 1, g: [0, 0] }, { sex: 2 }, { father: 0, mother: 1, sex: 1, g: [1, 1] }],
      {
        p,
        xLinked: true,
      },
    );
    const h2 = makeProblem(
      [
        { sex: 1, g: [0, 0] },
        { sex: 1, g: [1, 1] },
      ],
      { p, xLinked: true },
    );
    close(bruteForceLikelihood(h1), bruteForceLikelihood(h2));
    close(bruteForceLikelihood(h2), 0.15 * 0.25);
  });

  it('uses the male matrix from a typed father and p·M from an untyped mother', () => {
    // mutation-models.md, "How a matrix is used": a parent {i,k} transmits j with (M[i][j]+M[k][j])/2,
    // an untyped founder's transmitted allele is distributed as p·M.
    const p = [0.2, 0.3, 0.5];
    const male = [0.9, 0.06, 0.04, 0.02, 0.95, 0.03, 0.01, 0.04, 0.95];
    const female = [0.8, 0.1, 0.1, 0.1, 0.8, 0.1, 0.05, 0.05, 0.9];
    const pMf = [0, 1, 2].map((j) => p.reduce((s, pi, i) => s + pi * female[i * 3 + j]!, 0));
    const problem = makeProblem(
      [{ sex: 1, g: [2, 2] }, { sex: 2 }, { father: 0, mother: 1, g: [0, 1] }],
      {
        p,
        male,
        female,
      },
    );
    const want = p[2]! ** 2 * (male[2 * 3 + 0]! * pMf[1]! + male[2 * 3 + 1]! * pMf[0]!);
    close(bruteForceLikelihood(problem), want);
  });

  it('draws two unrelated a/a founders jointly under theta (NRC II 4.10)', () => {
    // mutation-models.md, theta: p_a(θ+(1−θ)p_a)(2θ+(1−θ)p_a)/(1+θ)·(3θ+(1−θ)p_a)/(1+2θ)
    const [pa, t] = [0.1, 0.03];
    const want =
      (pa * (t + (1 - t) * pa) * (2 * t + (1 - t) * pa) * (3 * t + (1 - t) * pa)) /
      ((1 + t) * (1 + 2 * t));
    close(
      bruteForceLikelihood(
        makeProblem([{ g: [0, 0] }, { g: [0, 0] }], { p: [pa, 1 - pa], theta: t }),
      ),
      want,
    );
  });

  it('sums to 1 over every genotype combination of a trio (theta and mutation, exact p)', () => {
    // Σ_g P(g) = 1: binary-exact frequencies and matrix rows, so the sum is exactly representable.
    const p = [0.25, 0.25, 0.5];
    const m = [0.5, 0.25, 0.25, 0.125, 0.75, 0.125, 0, 0.25, 0.75];
    const genotypes: Array<[number, number]> = [];
    for (let a = 0; a < 3; a++) for (let b = a; b < 3; b++) genotypes.push([a, b]);
    let total = 0;
    for (const g0 of genotypes)
      for (const g1 of genotypes)
        for (const g2 of genotypes) {
          const rows: Row[] = [
            { sex: 1, g: g0 },
            { sex: 2, g: g1 },
            { father: 0, mother: 1, g: g2 },
          ];
          total += bruteForceLikelihood(makeProblem(rows, { p, theta: 0.1, male: m, female: m }));
        }
    expect(Math.abs(total - 1)).toBeLessThan(1e-14);
  });

  it('checks a sameAs row against the person it points at', () => {
    // case-format.md: a sameAs sample has probability 1 when it agrees, 0 when it differs.
    const p = [0.2, 0.8];
    const same = makeProblem([{ g: [0, 1] }, { sameAs: 0, g: [1, 0] }], { p });
    const conflict = makeProblem([{ g: [0, 1] }, { sameAs: 0, g: [1, 1] }], { p });
    close(bruteForceLikelihood(same), 0.32);
    expect(bruteForceLikelihood(conflict)).toBe(0);
  });

  it('throws TOO_COMPLEX above maxTerms', () => {
    const problem = makeProblem([{}, {}, {}], { p: [0.5, 0.5] });
    expect(() => bruteForceLikelihood(problem, { maxTerms: 10 })).toThrow(
      expect.objectContaining({
        code: 'TOO_COMPLEX',
        path: ['pedigree'],
        message: expect.stringContaining('64 assignments'),
      }),
    );
  });

  it('throws UNSUPPORTED for theta at an X locus', () => {
    const problem = makeProblem([{ sex: 1, g: [0, 0] }], {
      p: [0.5, 0.5],
      theta: 0.01,
      xLinked: true,
    });
    expect(() => bruteForceLikelihood(problem)).toThrow(
      expect.objectContaining({
        code: 'UNSUPPORTED',
        path: ['theta'],
        message: expect.stringContaining('X-chromosomal'),
      }),
    );
  });

  it('throws INVALID_ARGUMENT for an allele index out of range', () => {
    const problem = makeProblem([{ g: [0, 2] }], { p: [0.5, 0.5] });
    expect(() => bruteForceLikelihood(problem)).toThrow(KindredError);
    expect(() => bruteForceLikelihood(problem)).toThrow(
      expect.objectContaining({
        code: 'INVALID_ARGUMENT',
        path: ['genotypes', 1],
        message: expect.stringContaining('index 2'),
      }),
    );
  });
});

describe('bruteForceGenotypeDistribution', () => {
  it('is [p0², 2p0p1, p1²] for an untyped founder', () => {
    // TSDoc example, Hardy–Weinberg proportions.
    const out = bruteForceGenotypeDistribution(makeProblem([{}], { p: [0.2, 0.8] }), 0);
    for (const [k, want] of [0.04, 0.32, 0.64].entries()) close(out[k]!, want);
  });

  it('puts all mass of the child of 0/0 and 2/2 parents on 0/2, summing to the likelihood', () => {
    // Mendel: father 0/0, mother 2/2 → the child is 0/2 with probability 1.
    const problem = makeProblem(
      [
        { sex: 1, g: [0, 0] },
        { sex: 2, g: [2, 2] },
        { father: 0, mother: 1 },
      ],
      {
        p: [0.2, 0.3, 0.5],
      },
    );
    const out = bruteForceGenotypeDistribution(problem, 2);
    close(out[(2 * 3) / 2 + 0]!, bruteForceLikelihood(problem));
    close(
      out.reduce((s, x) => s + x, 0),
      0.04 * 0.25,
    );
  });

  it('throws INVALID_ARGUMENT for a sameAs row', () => {
    const problem = makeProblem([{ g: [0, 1] }, { sameAs: 0 }], { p: [0.2, 0.8] });
    expect(() => bruteForceGenotypeDistribution(problem, 1)).toThrow(
      expect.objectContaining({
        code: 'INVALID_ARGUMENT',
        path: ['person'],
        message: expect.stringContaining('Row 1'),
      }),
    );
  });
});
