/**
 * The theta path in log space (issue 18): on deep pedigrees whose locus likelihood is far below
 * the double range (1e-308), the theta engine equals an independent closed form (NRC II 4.10:
 * founders' alleles drawn from the Balding–Nichols urn, children by Mendel), equals the plain
 * engine at theta = 0 and as theta → 0, and `computeKinshipLR` over many such loci agrees
 * between theta → 0 and theta = 0. Before, these likelihoods underflowed to 0: a false exclusion.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCase } from '../src/io/case-file.js';
import { computeLocusLikelihood } from '../src/likelihood/locus-likelihood.js';
import type { LocusProblem } from '../src/likelihood/problem.js';
import { computeThetaLogLikelihood } from '../src/likelihood/theta.js';
import { computeKinshipLR } from '../src/relationships/kinship-lr.js';
import { makeProblem, type Row } from './helpers/make-problem.js';

const P = [0.02, 0.03, 0.05, 0.1, 0.15, 0.2, 0.2, 0.25];
const LN_MIN_DOUBLE = Math.log(2.2250738585072014e-308);

/** A chain: founders 0 (male) and 1 (female), then each child (male) with a new founder wife. */
interface Chain {
  readonly founders: readonly (readonly [number, number])[];
  readonly picks: readonly (readonly [0 | 1, 0 | 1])[];
  /** Indices (into founders, ≥ 2) of founders left untyped. */
  readonly untyped?: readonly number[];
}

/** Rows of the chain with Mendelian genotypes; returns rows and, per person, genotype or null. */
function chainRows(c: Chain): Row[] {
  const rows: Row[] = [];
  const geno: [number, number][] = [];
  const founder = (k: number, sex: 1 | 2): number => {
    const g = c.founders[k]!;
    geno.push([g[0], g[1]]);
    rows.push(c.untyped?.includes(k) ? { sex } : { sex, g: [g[0], g[1]] });
    return rows.length - 1;
  };
  let father = founder(0, 1);
  let mother = founder(1, 2);
  c.picks.forEach(([a, b], i) => {
    const g: [number, number] = [geno[father]![a]!, geno[mother]![b]!];
    geno.push(g);
    rows.push({ father, mother, sex: 1, g });
    const child = rows.length - 1;
    if (i + 2 < c.founders.length) {
      father = child;
      mother = founder(i + 2, 2);
    }
  });
  return rows;
}

/**
 * Independent closed form, all founders typed: P = Π_founders (2 if heterozygous) ·
 * Π_a R_a(c_a) / Π_{k<K} (1 + (k−1)θ), R_a(c) = Π_{j<c} (jθ + (1−θ)p_a), times each child's
 * Mendelian probability given its parents (NRC II 4.10; Balding & Nichols 1994), as a log.
 */
function closedFormLog(rows: readonly Row[], p: readonly number[], theta: number): number {
  const counts = new Array<number>(p.length).fill(0);
  let log = 0;
  for (const r of rows) {
    const g = r.g!;
    if (r.father === undefined) {
      counts[g[0]]!++;
      counts[g[1]]!++;
      if (g[0] !== g[1]) log += Math.LN2;
      continue;
    }
    const f = rows[r.father]!.g!;
    const m = rows[r.mother!]!.g!;
    const from = (parent: readonly [number, number], x: number) =>
      ((parent[0] === x ? 1 : 0) + (parent[1] === x ? 1 : 0)) / 2;
    let t = from(f, g[0]) * from(m, g[1]);
    if (g[0] !== g[1]) t += from(f, g[1]) * from(m, g[0]);
    log += Math.log(t);
  }
  let k = 0;
  counts.forEach((c, a) => {
    for (let j = 0; j < c; j++) log += Math.log(j * theta + (1 - theta) * p[a]!);
    k += c;
  });
  for (let i = 0; i < k; i++) log -= Math.log(1 + (i - 1) * theta);
  return log;
}

const allele = fc.nat(P.length - 1);
const chainArb = (minDepth: number, maxDepth: number) =>
  fc.integer({ min: minDepth, max: maxDepth }).chain((depth) =>
    fc.record({
      founders: fc.array(fc.tuple(allele, allele), { minLength: depth + 1, maxLength: depth + 1 }),
      picks: fc.array(fc.tuple(fc.constantFrom<0 | 1>(0, 1), fc.constantFrom<0 | 1>(0, 1)), {
        minLength: depth,
        maxLength: depth,
      }),
    }),
  );

function withTheta(problem: LocusProblem, theta: number): LocusProblem {
  return { ...problem, theta };
}

describe('theta engine in log space on likelihoods below 1e-308', () => {
  it('a 241-person chain: theta engine = closed form at theta 0.02, and = plain engine at theta 0', () => {
    const depth = 120;
    const founders = Array.from({ length: depth + 1 }, (_, i) => [i % 3, (i * 5 + 1) % 8] as const);
    const picks = Array.from({ length: depth }, (_, i) => [(i % 2) as 0 | 1, 0 as const] as const);
    const rows = chainRows({ founders, picks });
    const problem = makeProblem(rows, { p: P });
    const plain = computeLocusLikelihood(problem);
    expect(plain).toBeLessThan(LN_MIN_DOUBLE); // the regime where the old theta path gave 0
    expect(computeThetaLogLikelihood(withTheta(problem, 0))).toBeCloseTo(plain, 8);
    expect(computeThetaLogLikelihood(withTheta(problem, 1e-12))).toBeCloseTo(plain, 6);
    const t = computeThetaLogLikelihood(withTheta(problem, 0.02));
    expect(t).toBeCloseTo(closedFormLog(rows, P, 0.02), 8);
    expect(Number.isFinite(t)).toBe(true);
  });

  it('property: deep typed chains, theta engine = closed form (theta 0.01–0.1) and → plain as theta → 0', () => {
    fc.assert(
      fc.property(
        chainArb(40, 140),
        fc.double({ min: 0.01, max: 0.1, noNaN: true }),
        (c, theta) => {
          const rows = chainRows(c);
          const problem = makeProblem(rows, { p: P });
          const oracle = closedFormLog(rows, P, theta);
          const got = computeThetaLogLikelihood(withTheta(problem, theta));
          expect(Math.abs(got - oracle)).toBeLessThan(1e-8 * Math.max(1, Math.abs(oracle)));
          const plain = computeLocusLikelihood(problem);
          expect(
            Math.abs(computeThetaLogLikelihood(withTheta(problem, 1e-12)) - plain),
          ).toBeLessThan(1e-6);
        },
      ),
      { numRuns: 15 },
    );
  });

  it('property: deep chains with untyped founders, theta → 0 equals the plain engine', () => {
    fc.assert(
      fc.property(
        chainArb(60, 120),
        fc.uniqueArray(fc.integer({ min: 2, max: 40 }), { maxLength: 2 }),
        (c, untyped) => {
          const problem = makeProblem(chainRows({ ...c, untyped }), { p: P });
          const plain = computeLocusLikelihood(problem);
          const theta0 = computeThetaLogLikelihood(withTheta(problem, 0));
          const tiny = computeThetaLogLikelihood(withTheta(problem, 1e-12));
          expect(Math.abs(theta0 - plain)).toBeLessThan(1e-8 * Math.max(1, Math.abs(plain)));
          expect(Math.abs(tiny - plain)).toBeLessThan(1e-6);
        },
      ),
      { numRuns: 12 },
    );
  });
});

/** The repro case (141 typed people, one locus) with its locus copied `n` times and theta set. */
function manyLoci(n: number, theta: number) {
  const file = join(
    import.meta.dirname,
    '..',
    'fixtures',
    'repro',
    'REPRO-theta-underflow-false-exclusion.json',
  );
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  const locus = doc.loci[0];
  doc.loci = Array.from({ length: n }, (_, i) => ({ ...locus, name: `L${i}` }));
  for (const g of Object.values(doc.genotypes) as Record<string, unknown>[]) {
    const v = g[locus.name];
    for (let i = 0; i < n; i++) g[`L${i}`] = v;
  }
  doc.theta = theta;
  return parseCase(doc);
}

describe('computeKinshipLR with theta on a deep pedigree with many loci', () => {
  it('8 loci each below 1e-308: theta → 0 equals theta = 0, and the total is 8 × one locus at theta 0.02', () => {
    const log10LR = (theta: number, n: number) =>
      computeKinshipLR(manyLoci(n, theta)).hypotheses.find((h) => h.name === 'H1')!.log10LR!;
    const plain = log10LR(0, 8);
    expect(Math.abs(log10LR(1e-12, 8) - plain)).toBeLessThan(1e-6);
    const one = log10LR(0.02, 1);
    // Loci are independent given the pedigree: the log LR adds up (conventions: product of
    // per-locus LRs = total). README of fixtures/repro: true log10 LR ≈ −11.9 at this locus.
    expect(one).toBeCloseTo(-11.9, 1);
    expect(log10LR(0.02, 8)).toBeCloseTo(8 * one, 6);
  });
});
