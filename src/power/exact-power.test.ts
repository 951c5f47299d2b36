import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectError } from '../../test/helpers/expect-error.js';
import { makeFamily, makeLocus, type Row } from '../../test/helpers/power-family.js';
import { bruteForceGenotypeDistribution } from '../likelihood/brute-force.js';
import { encodeGenotypes, observedAlleles, prepareLocus } from '../likelihood/prepare-locus.js';
import type { LocusProblem } from '../likelihood/problem.js';
import type { MutationSpec } from '../mutation/types.js';
import { MALE } from '../pedigree/pedigree.js';
import { dropGenes, genotypeOfRow } from '../sim/gene-drop.js';
import { createRng } from '../sim/prng.js';
import { computeExactPower, missingPersonAtoms } from './exact-power.js';
import { combinePower, summarizeAtoms } from './power-atoms.js';

const P4 = [0.1, 0.2, 0.3, 0.4];
const L = makeLocus('L', P4);

/** Unordered genotypes {i, j}, i <= j, of n alleles with their HW probability. */
function genotypes(p: readonly number[]): { i: number; j: number; hw: number }[] {
  const out: { i: number; j: number; hw: number }[] = [];
  for (let j = 0; j < p.length; j++)
    for (let i = 0; i <= j; i++) out.push({ i, j, hw: i === j ? p[i]! ** 2 : 2 * p[i]! * p[j]! });
  return out;
}

/** E[LR] = Σ q²/p and E[log10 LR] = Σ q log10(q/p) of a posterior q over genotypes. */
function expected(p: readonly number[], q: (i: number, j: number) => number) {
  let elr = 0;
  let elog = 0;
  for (const g of genotypes(p)) {
    const w = q(g.i, g.j);
    if (w === 0) continue;
    elr += (w * w) / g.hw;
    elog += w * Math.log10(w / g.hw);
  }
  return { elr, elog };
}

const parentChild: Row[] = [
  ['F', null, null, 'male'],
  ['MO', null, null, 'female'],
  ['M', 'F', 'MO', 'male'],
];

describe('computeExactPower: closed forms for single relatives', () => {
  it('one typed parent a/b, no mutation: an unrelated person is excluded with probability (1 − p_a − p_b)²', () => {
    const fam = makeFamily('F1', parentChild, ['M'], { F: { L: ['1', '2'] } });
    const r = computeExactPower(fam, 'M', [L]);
    expect(r.exclusionPower).toBeCloseTo((1 - 0.1 - 0.2) ** 2, 14);
    expect(r.loci[0]!.exclusionPowerWithoutMutation).toBeCloseTo(0.49, 14);
  });

  it('one typed parent a/a, no mutation: excluded with probability (1 − p_a)²', () => {
    const fam = makeFamily('F1', parentChild, ['M'], { F: { L: ['3', '3'] } });
    expect(computeExactPower(fam, 'M', [L]).exclusionPower).toBeCloseTo((1 - 0.3) ** 2, 14);
  });

  it('both parents typed 1/2 and 3/4 (paternity trio): excluded with probability 1 − 2(p1+p2)(p3+p4)', () => {
    const fam = makeFamily('F1', parentChild, ['M'], {
      F: { L: ['1', '2'] },
      MO: { L: ['3', '4'] },
    });
    expect(computeExactPower(fam, 'M', [L]).exclusionPower).toBeCloseTo(1 - 2 * 0.3 * 0.7, 14);
  });

  it('expected LR of forrel expectedLR() example: mother 1/2, p = 0.9: 1/(8p(1−p)) + 1/2; with father 1/1: 1/(8p(1−p)) + 1/(4p²)', () => {
    // Source: forrel R/expectedLR.R, @examples (the "exact" lines).
    const p = 0.9;
    const locus = makeLocus('L', [p, 1 - p]);
    const mother = makeFamily('F1', parentChild, ['M'], { MO: { L: ['1', '2'] } });
    expect(computeExactPower(mother, 'M', [locus]).expectedLR).toBeCloseTo(
      1 / (8 * p * (1 - p)) + 1 / 2,
      12,
    );
    const both = makeFamily('F1', parentChild, ['M'], {
      MO: { L: ['1', '2'] },
      F: { L: ['1', '1'] },
    });
    expect(computeExactPower(both, 'M', [locus]).expectedLR).toBeCloseTo(
      1 / (8 * p * (1 - p)) + 1 / (4 * p * p),
      12,
    );
  });

  it('full sibling typed 1/2: expected LR and log10 LR equal the IBD closed form κ = (¼, ½, ¼)', () => {
    // P(g | sib a/b) = ¼·HW(g) + ½·½[P(g | a shared) + P(g | b shared)] + ¼·[g = a/b],
    // P(g | a shared) = p_x for g = {a, x} (x may be a), 0 otherwise (Weir et al. 2006, IBD).
    const rows: Row[] = [
      ['FA', null, null, 'male'],
      ['MO', null, null, 'female'],
      ['S', 'FA', 'MO', 'female'],
      ['M', 'FA', 'MO', 'male'],
    ];
    const fam = makeFamily('F1', rows, ['M'], { S: { L: ['1', '2'] } });
    const share = (a: number, i: number, j: number): number =>
      i === a ? P4[j]! : j === a ? P4[i]! : 0;
    const q = (i: number, j: number): number =>
      0.25 * (i === j ? P4[i]! ** 2 : 2 * P4[i]! * P4[j]!) +
      0.5 * 0.5 * (share(0, i, j) + share(1, i, j)) +
      0.25 * (i === 0 && j === 1 ? 1 : 0);
    const want = expected(P4, q);
    const r = computeExactPower(fam, 'M', [L]);
    expect(r.expectedLR).toBeCloseTo(want.elr, 12);
    expect(r.expectedLog10LR).toBeCloseTo(want.elog, 12);
    expect(r.exclusionPower).toBe(0); // a full sibling can share nothing
  });

  it('grandparents only (1/2 and 3/3): EP = (1 − p1 − p2 − p3)², q(x, y) = t(x)p(y) + t(y)p(x)', () => {
    // The typed side passes one of the four grandparental alleles, ¼ each (t), the other parent
    // an allele from the population.
    const rows: Row[] = [
      ['GF', null, null, 'male'],
      ['GM', null, null, 'female'],
      ['FA', 'GF', 'GM', 'male'],
      ['MO', null, null, 'female'],
      ['M', 'FA', 'MO', 'female'],
    ];
    const fam = makeFamily('F1', rows, ['M'], { GF: { L: ['1', '2'] }, GM: { L: ['3', '3'] } });
    const t = [0.25, 0.25, 0.5, 0];
    const q = (i: number, j: number): number =>
      i === j ? t[i]! * P4[i]! : t[i]! * P4[j]! + t[j]! * P4[i]!;
    const want = expected(P4, q);
    const r = computeExactPower(fam, 'M', [L]);
    expect(r.exclusionPower).toBeCloseTo((1 - 0.1 - 0.2 - 0.3) ** 2, 14);
    expect(r.expectedLR).toBeCloseTo(want.elr, 12);
    expect(r.expectedLog10LR).toBeCloseTo(want.elog, 12);
  });

  it('a parent with a mutation model: LR > 0 everywhere (EP 0); without mutation (forrel default) EP (1 − p_a − p_b)²', () => {
    const locus = makeLocus('L', P4, { model: 'equal', rate: 0.01 });
    const fam = makeFamily('F1', parentChild, ['M'], { F: { L: ['1', '2'] } });
    const r = computeExactPower(fam, 'M', [locus]);
    expect(r.exclusionPower).toBe(0);
    expect(r.exclusionPowerWithoutMutation).toBeCloseTo(0.49, 14);
    expect(r.mutationKept).toEqual([]);
  });

  it('references inconsistent without mutation keep the model at that locus (mutationKept)', () => {
    const locus = makeLocus('L', P4, { model: 'equal', rate: 0.01 });
    // A full sibling C typed 3/3 of parents 1/1 and 2/2: only a mutation explains C.
    const fam = makeFamily('F1', [...parentChild, ['C', 'F', 'MO', 'male']], ['M'], {
      F: { L: ['1', '1'] },
      MO: { L: ['2', '2'] },
      C: { L: ['3', '3'] },
    });
    const r = computeExactPower(fam, 'M', [locus]);
    expect(r.mutationKept).toEqual(['L']);
    expect(r.loci[0]!.exclusionPowerWithoutMutation).toBe(r.loci[0]!.exclusionPower);
  });

  it('combines loci: EP = 1 − Π(1 − EP_l), E[LR] = Π, E[log10 LR] = Σ', () => {
    const L2 = makeLocus('L2', [0.5, 0.5]);
    const fam = makeFamily('F1', parentChild, ['M'], {
      F: { L: ['1', '2'], L2: ['1', '1'] },
    });
    const r = computeExactPower(fam, 'M', [L, L2]);
    expect(r.exclusionPower).toBeCloseTo(1 - (1 - 0.49) * (1 - 0.25), 14);
    expect(r.expectedLR).toBeCloseTo(r.loci[0]!.expectedLR * r.loci[1]!.expectedLR, 12);
    expect(r.expectedLog10LR).toBeCloseTo(
      r.loci[0]!.expectedLog10LR + r.loci[1]!.expectedLog10LR,
      14,
    );
    expect(combinePower([])).toEqual({ exclusionPower: 0, expectedLR: 1, expectedLog10LR: 0 });
  });

  it('an untyped locus contributes nothing (EP 0, E[LR] 1, E[log10 LR] 0)', () => {
    const fam = makeFamily('F1', parentChild, ['M'], {});
    const s = computeExactPower(fam, 'M', [L]).loci[0]!;
    expect(s).toMatchObject({ exclusionPower: 0, expectedLog10LR: 0, informative: false });
    expect(s.expectedLR).toBeCloseTo(1, 14);
  });

  it('a male missing person at an X locus typed through his mother a/b: EP = 1 − p_a − p_b', () => {
    const locus = makeLocus('X1', P4, null, 'X');
    const fam = makeFamily('F1', parentChild, ['M'], { MO: { X1: ['1', '2'] } });
    expect(computeExactPower(fam, 'M', [locus]).exclusionPower).toBeCloseTo(1 - 0.3, 14);
  });
});

describe('computeExactPower errors', () => {
  const fam = makeFamily('F1', parentChild, ['M'], { F: { L: ['1', '2'] } });
  it('refuses a person who is not a missing person of the family', () => {
    expectError(
      () => computeExactPower(fam, 'F', [L]),
      'INVALID_ARGUMENT',
      ['families', 'F1', 'missing'],
      '"F" is not a missing person of family "F1"',
    );
  });
  it('refuses theta > 0', () => {
    expectError(
      () => computeExactPower(fam, 'M', [L], { theta: 0.01 }),
      'UNSUPPORTED',
      ['theta'],
      'theta = 0.01',
    );
  });
  it('refuses a genotype at a locus that is not in the list', () => {
    expectError(
      () => computeExactPower(fam, 'M', [makeLocus('Other', P4)]),
      'INVALID_GENOTYPE',
      ['families', 'F1', 'genotypes', 'F', 'L'],
      'not among the loci',
    );
  });
  it('refuses an allele the locus does not define', () => {
    const bad = makeFamily('F1', parentChild, ['M'], { F: { L: ['1', '9'] } });
    expectError(
      () => computeExactPower(bad, 'M', [L]),
      'INVALID_GENOTYPE',
      ['families', 'F1', 'genotypes', 'F', 'L', 1],
      'allele "9"',
    );
  });
  it('refuses references that are impossible at a locus (IMPOSSIBLE_REFERENCE)', () => {
    const bad = makeFamily('F1', [...parentChild, ['C', 'F', 'MO', 'male']], ['M'], {
      F: { L: ['1', '1'] },
      MO: { L: ['1', '1'] },
      C: { L: ['2', '2'] },
    });
    expect(() => computeExactPower(bad, 'M', [L])).toThrow(/likelihood 0/);
  });
});

/** Random small pedigree rows: each person may get two earlier people of the right sexes. */
const familyArb = fc
  .record({
    size: fc.integer({ min: 2, max: 5 }),
    males: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
    parents: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean()), { minLength: 5, maxLength: 5 }),
    typed: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
    missing: fc.nat(),
    n: fc.integer({ min: 2, max: 3 }),
    weights: fc.array(fc.double({ min: 0.05, max: 1, noNaN: true }), {
      minLength: 3,
      maxLength: 3,
    }),
    mutation: fc.constantFrom<MutationSpec>(
      null,
      { model: 'equal', rate: 0.05 },
      {
        model: 'proportional',
        rate: 0.02,
      },
    ),
    x: fc.boolean(),
    seed: fc.integer(),
  })
  .map((c) => {
    const rows: Row[] = [];
    for (let i = 0; i < c.size; i++) {
      const sex = c.males[i] ? 'male' : 'female';
      const fathers = rows.filter((r) => r[3] === 'male');
      const mothers = rows.filter((r) => r[3] === 'female');
      const [fi, mi, has] = c.parents[i]!;
      if (has && fathers.length > 0 && mothers.length > 0) {
        rows.push([
          `P${i}`,
          fathers[fi % fathers.length]![0],
          mothers[mi % mothers.length]![0],
          sex,
        ]);
      } else rows.push([`P${i}`, null, null, sex]);
    }
    const total = c.weights.slice(0, c.n).reduce((s, w) => s + w, 0);
    const locus = makeLocus(
      'L',
      c.weights.slice(0, c.n).map((w) => w / total),
      c.mutation,
      c.x ? 'X' : 'autosomal',
    );
    const m = c.missing % c.size;
    return { rows, locus, m, typed: c.typed, seed: c.seed };
  });

describe('computeExactPower equals complete enumeration (brute-force oracle)', () => {
  it('EP, E[LR] and E[log10 LR] on random small pedigrees, typed by gene dropping', () => {
    fc.assert(
      fc.property(familyArb, ({ rows, locus, m, typed, seed }) => {
        const fam0 = makeFamily('F', rows, [`P${m}`], {});
        const drop = dropGenes(createRng(seed), fam0.pedigree, locus, { mutation: true });
        const g: Record<string, Record<string, string[]>> = {};
        rows.forEach((r, i) => {
          if (i !== m && typed[i]) g[r[0]] = { L: genotypeOfRow(drop, i, locus) };
        });
        const fam = makeFamily('F', rows, [`P${m}`], g);
        // The oracle: enumerate every allele assignment (likelihood/brute-force.ts).
        const prepared = prepareLocus(locus, observedAlleles(fam.genotypes, 'L'), { lump: false });
        const problem: LocusProblem = {
          pedigree: fam.pedigree,
          nAlleles: prepared.nAlleles,
          frequencies: prepared.frequencies,
          maleMatrix: prepared.maleMatrix,
          femaleMatrix: prepared.femaleMatrix,
          xLinked: locus.chromosome === 'X',
          genotypes: encodeGenotypes(fam.pedigree, prepared, fam.genotypes)!,
          theta: 0,
        };
        const joint = bruteForceGenotypeDistribution(problem, m);
        const pData = joint.reduce((s, x) => s + x, 0);
        const p = locus.frequencies;
        const hemi = problem.xLinked && fam.pedigree.sex[m] === MALE;
        let ep = 0;
        let elr = 0;
        let elog = 0;
        for (let j = 0; j < p.length; j++) {
          for (let i = 0; i <= j; i++) {
            if (hemi && i !== j) continue;
            const hw = hemi ? p[i]! : i === j ? p[i]! ** 2 : 2 * p[i]! * p[j]!;
            const q = joint[(j * (j + 1)) / 2 + i]! / pData;
            if (q === 0) ep += hw;
            else {
              elr += (q * q) / hw;
              elog += q * Math.log10(q / hw);
            }
          }
        }
        const r = computeExactPower(fam, `P${m}`, [locus]);
        expect(r.exclusionPower).toBeCloseTo(ep, 10);
        expect(r.expectedLR).toBeCloseTo(elr, 8);
        expect(r.expectedLog10LR).toBeCloseTo(elog, 10);
        // Under "unrelated", Σ P(g)·LR(g) = 1 exactly.
        const a = missingPersonAtoms(fam, `P${m}`, [locus])[0]!;
        let h0LR = 0;
        for (let k = 0; k < a.h0.length; k++) h0LR += a.h0[k]! * Math.exp(a.logLR[k]!);
        expect(h0LR).toBeCloseTo(1, 12);
        expect(a.h1.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
        expect(summarizeAtoms(a).exclusionPower).toBe(r.loci[0]!.exclusionPower);
      }),
      { numRuns: 150 },
    );
  });
});
