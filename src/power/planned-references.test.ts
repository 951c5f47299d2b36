import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectError } from '../../test/helpers/expect-error.js';
import { makeFamily, makeLocus, type Row } from '../../test/helpers/power-family.js';
import { bruteForceGenotypeDistribution } from '../likelihood/brute-force.js';
import { encodeGenotypes, prepareLocus } from '../likelihood/prepare-locus.js';
import type { LocusProblem } from '../likelihood/problem.js';
import type { MutationSpec } from '../mutation/types.js';
import { dropGenes, genotypeOfRow } from '../sim/gene-drop.js';
import { createRng } from '../sim/prng.js';
import { computeExactPower } from './exact-power.js';
import { computeFamilyPower } from './family-power.js';
import { plannedReferenceAtoms, samplePlannedReferences } from './planned-references.js';
import { summarizeAtoms } from './power-atoms.js';

const P4 = [0.1, 0.2, 0.3, 0.4];
const L = makeLocus('L', P4);
const trio: Row[] = [
  ['F', null, null, 'male'],
  ['MO', null, null, 'female'],
  ['M', 'F', 'MO', 'male'],
  ['W', null, null, 'female'],
];

describe('plannedReferenceAtoms: closed forms', () => {
  it('typing the father of a missing child (nobody typed yet): expected EP = Σ HW(a,b)·(1 − p_a − p_b)² (a = b: (1 − p_a)²)', () => {
    const fam = makeFamily('F1', trio, ['M'], {});
    let want = 0;
    for (let b = 0; b < 4; b++)
      for (let a = 0; a <= b; a++) {
        const hw = a === b ? P4[a]! ** 2 : 2 * P4[a]! * P4[b]!;
        want += hw * (a === b ? (1 - P4[a]!) ** 2 : (1 - P4[a]! - P4[b]!) ** 2);
      }
    const s = summarizeAtoms(plannedReferenceAtoms(fam, 'M', [L], ['F'])[0]!);
    expect(s.exclusionPower).toBeCloseTo(want, 14);
  });

  it('typing both parents: expected EP over both genotypes = Σ HW·HW·(1 − 2(P_F)(P_M)) with the paternity trio rule', () => {
    // Child consistent iff one allele from each parent's set; an unrelated child g = {x, y} is
    // consistent with probability Σ_{x∈F, y∈M} p_x p_y over ordered draws: P_F·P_M·2 − (overlap).
    // Computed here by direct enumeration of parent genotypes and child genotypes (independent).
    const fam = makeFamily('F1', trio, ['M'], {});
    const gts: [number, number][] = [];
    for (let b = 0; b < 4; b++) for (let a = 0; a <= b; a++) gts.push([a, b]);
    const hw = ([a, b]: [number, number]) => (a === b ? P4[a]! ** 2 : 2 * P4[a]! * P4[b]!);
    let want = 0;
    for (const f of gts)
      for (const m of gts) {
        let ok = 0;
        for (const c of gts) {
          const [x, y] = c;
          const fits = (f.includes(x) && m.includes(y)) || (f.includes(y) && m.includes(x));
          if (fits) ok += hw(c);
        }
        want += hw(f) * hw(m) * (1 - ok);
      }
    const s = summarizeAtoms(plannedReferenceAtoms(fam, 'M', [L], ['F', 'MO'])[0]!);
    expect(s.exclusionPower).toBeCloseTo(want, 13);
  });

  it('a planned person unrelated to the missing person (a spouse without children) adds nothing', () => {
    const fam = makeFamily('F1', trio, ['M'], { F: { L: ['1', '2'] } });
    const base = computeExactPower(fam, 'M', [L]);
    const s = summarizeAtoms(plannedReferenceAtoms(fam, 'M', [L], ['W'])[0]!);
    expect(s.exclusionPower).toBeCloseTo(base.exclusionPower, 14);
    expect(s.expectedLog10LR).toBeCloseTo(base.expectedLog10LR, 14);
    expect(s.expectedLR).toBeCloseTo(base.expectedLR, 12);
  });

  it('computeFamilyPower ranks the mother above the unrelated spouse; the spouse gains nothing', () => {
    const fam = makeFamily('F1', trio, ['M'], { F: { L: ['1', '2'] } });
    const [r] = computeFamilyPower(fam, [L], {
      candidates: ['W', 'MO'],
      threshold: 3,
      sims: 2000,
      seed: 1,
      pairs: false,
    });
    expect(r!.candidates.map((c) => c.add)).toEqual([['MO'], ['W']]);
    expect(r!.candidates[1]!.expectedLog10LRGain).toBeCloseTo(0, 14);
    // Same seed, same atoms up to order: the spouse's inclusion power equals the baseline's.
    expect(r!.candidates[0]!.expectedLog10LRGain).toBeGreaterThan(0);
  });
});

describe('plannedReferenceAtoms equals complete enumeration', () => {
  const arb = fc.record({
    rows: fc.constantFrom<Row[]>(
      // parents, a sibling, M; M's child with a spouse
      [
        ['FA', null, null, 'male'],
        ['MO', null, null, 'female'],
        ['S', 'FA', 'MO', 'female'],
        ['M', 'FA', 'MO', 'male'],
      ],
      [
        ['GF', null, null, 'male'],
        ['GM', null, null, 'female'],
        ['FA', 'GF', 'GM', 'male'],
        ['MO', null, null, 'female'],
        ['M', 'FA', 'MO', 'female'],
      ],
    ),
    n: fc.integer({ min: 2, max: 3 }),
    weights: fc.array(fc.double({ min: 0.05, max: 1, noNaN: true }), {
      minLength: 3,
      maxLength: 3,
    }),
    mutation: fc.constantFrom<MutationSpec>(null, { model: 'equal', rate: 0.05 }),
    typed: fc.nat(),
    add: fc.nat(),
    seed: fc.integer(),
  });
  it('expected EP, E[LR] and E[log10 LR] of typing one more relative (fast-check)', () => {
    fc.assert(
      fc.property(arb, ({ rows, n, weights, mutation, typed, add, seed }) => {
        const total = weights.slice(0, n).reduce((s, w) => s + w, 0);
        const locus = makeLocus(
          'L',
          weights.slice(0, n).map((w) => w / total),
          mutation,
        );
        const others = rows.map((r) => r[0]).filter((id) => id !== 'M');
        const t = others[typed % others.length]!;
        const rest = others.filter((id) => id !== t);
        const r = rest[add % rest.length]!;
        const fam0 = makeFamily('F', rows, ['M'], {});
        const drop = dropGenes(createRng(seed), fam0.pedigree, locus, { mutation: true });
        const fam = makeFamily('F', rows, ['M'], {
          [t]: { L: genotypeOfRow(drop, fam0.pedigree.index.get(t)!, locus) },
        });
        // Oracle: for every genotype of r, enumerate all assignments (brute force) for M.
        const prepared = prepareLocus(locus, new Set(locus.alleles), { lump: false });
        const base = encodeGenotypes(fam.pedigree, prepared, fam.genotypes)!;
        const rRow = fam.pedigree.index.get(r)!;
        const mRow = fam.pedigree.index.get('M')!;
        const p = locus.frequencies;
        let pData = 0;
        const parts: { joint: Float64Array }[] = [];
        for (let b = 0; b < n; b++)
          for (let a = 0; a <= b; a++) {
            const g = Int32Array.from(base);
            g[2 * rRow] = a;
            g[2 * rRow + 1] = b;
            const problem: LocusProblem = {
              pedigree: fam.pedigree,
              nAlleles: n,
              frequencies: prepared.frequencies,
              maleMatrix: prepared.maleMatrix,
              femaleMatrix: prepared.femaleMatrix,
              xLinked: false,
              genotypes: g,
              theta: 0,
            };
            const joint = bruteForceGenotypeDistribution(problem, mRow);
            for (const x of joint) pData += x;
            parts.push({ joint });
          }
        let ep = 0;
        let elr = 0;
        let elog = 0;
        for (const { joint } of parts) {
          const pR = joint.reduce((s, x) => s + x, 0) / pData;
          if (pR === 0) continue;
          let k = 0;
          for (let j = 0; j < n; j++)
            for (let i = 0; i <= j; i++, k++) {
              const hw = i === j ? p[i]! ** 2 : 2 * p[i]! * p[j]!;
              const q = joint[k]! / pData / pR; // P(g_M | data, g_R)
              if (q === 0) ep += pR * hw;
              else {
                elr += pR * ((q * q) / hw);
                elog += pR * q * Math.log10(q / hw);
              }
            }
        }
        const s = summarizeAtoms(plannedReferenceAtoms(fam, 'M', [locus], [r])[0]!);
        expect(s.exclusionPower).toBeCloseTo(ep, 10);
        expect(s.expectedLog10LR).toBeCloseTo(elog, 10);
        expect(s.expectedLR).toBeCloseTo(elr, 8);
      }),
      { numRuns: 60 },
    );
  });
});

describe('plannedReferenceAtoms errors', () => {
  const fam = makeFamily('F1', trio, ['M'], { F: { L: ['1', '2'] } });
  const path = ['families', 'F1', 'candidates'];
  it('refuses an already typed candidate, the missing person, an unknown id, a repeated id, three people', () => {
    expectError(
      () => plannedReferenceAtoms(fam, 'M', [L], ['F']),
      'INVALID_ARGUMENT',
      path,
      '"F" of family "F1" is already typed',
    );
    expectError(
      () => plannedReferenceAtoms(fam, 'M', [L], ['M']),
      'INVALID_ARGUMENT',
      path,
      'is the missing person',
    );
    expectError(
      () => plannedReferenceAtoms(fam, 'M', [L], ['Q']),
      'INVALID_ARGUMENT',
      path,
      'is not in its pedigree',
    );
    expectError(
      () => plannedReferenceAtoms(fam, 'M', [L], ['W', 'W']),
      'INVALID_ARGUMENT',
      path,
      'listed twice',
    );
    expectError(
      () => plannedReferenceAtoms(fam, 'M', [L], ['W', 'MO', 'F']),
      'INVALID_ARGUMENT',
      path,
      'one or two people',
    );
  });
  it('refuses to enumerate more reference genotypes than allowed (TOO_COMPLEX)', () => {
    expectError(
      () => plannedReferenceAtoms(fam, 'M', [L], ['MO', 'W'], { maxReferenceGenotypes: 20 }),
      'TOO_COMPLEX',
      path,
      'more than 20 reference genotypes at locus "L"',
    );
  });
  it('refuses costs that are not positive or belong to no candidate', () => {
    expectError(
      () => computeFamilyPower(fam, [L], { candidates: ['MO'], costs: new Map([['MO', 0]]) }),
      'INVALID_ARGUMENT',
      ['costs', 'MO'],
      'positive finite',
    );
    expectError(
      () => computeFamilyPower(fam, [L], { candidates: ['MO'], costs: new Map([['W', 2]]) }),
      'INVALID_ARGUMENT',
      ['costs', 'W'],
      'not among the candidates',
    );
  });
});

describe('samplePlannedReferences', () => {
  it('sampled pairs agree with the exact mixture within 4 batch standard errors (seed 3)', () => {
    // Exact: 10 × 10 genotype pairs of MO and W enumerated; sampled: the bound 5 forces 400
    // draws in 10 batches. With 10 batches the t quantile for 4 SE is beyond 99.7%.
    const loci = [makeLocus('L', P4), makeLocus('L2', [0.3, 0.3, 0.4])];
    const fam = makeFamily('F1', [...trio, ['C', 'M', 'W', 'female']], ['M'], {
      F: { L: ['1', '2'], L2: ['1', '3'] },
      C: { L: ['2', '3'], L2: ['2', '2'] },
    });
    const exact = plannedReferenceAtoms(fam, 'M', loci, ['MO', 'W']).map(summarizeAtoms);
    const s = samplePlannedReferences(fam, 'M', loci, ['MO', 'W'], {
      samples: 400,
      seed: 3,
      maxReferenceGenotypes: 5,
    });
    expect(s.exact).toBe(false);
    expect(s.sampledLoci).toEqual(['L', 'L2']);
    expect(s.batches).toHaveLength(10);
    for (let l = 0; l < loci.length; l++) {
      const xs = s.batches.map((b) => summarizeAtoms(b[l]!).expectedLog10LR);
      const m = xs.reduce((a, x) => a + x, 0) / xs.length;
      const se = Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / 9 / 10);
      // At L2 the father 1/3 and the child 2/2 fix M as 1/2 or 2/3 (½ each) whatever MO and W
      // are, so every batch has the same figure.
      if (l === 0) expect(se).toBeGreaterThan(0.001);
      expect(Math.abs(m - exact[l]!.expectedLog10LR)).toBeLessThanOrEqual(4 * se + 1e-12);
      // Each batch is a probability distribution under both hypotheses.
      for (const b of s.batches) expect(b[l]!.h1.reduce((a, x) => a + x, 0)).toBeCloseTo(1, 12);
    }
    // Within the bound nothing is sampled and the atoms are the exact ones.
    const e = samplePlannedReferences(fam, 'M', loci, ['MO'], { samples: 20, seed: 1 });
    expect(e.exact).toBe(true);
    expect(summarizeAtoms(e.batches[0]![0]!).expectedLog10LR).toBeCloseTo(
      summarizeAtoms(plannedReferenceAtoms(fam, 'M', loci, ['MO'])[0]!).expectedLog10LR,
      14,
    );
    const [r] = computeFamilyPower(fam, loci, {
      candidates: ['MO', 'W'],
      pairs: true,
      referenceSamples: 400,
      maxReferenceGenotypes: 5,
      sims: 2000,
      threshold: 5,
    });
    const pair = r!.candidates.find((c) => c.add.length === 2)!;
    expect(pair).toMatchObject({ exact: false, sampledLoci: ['L', 'L2'] });
    expect(pair.expectedLog10LRMcError).toBeGreaterThan(0);
    expect(pair.mcError).toBeGreaterThan(0);
  });
});
