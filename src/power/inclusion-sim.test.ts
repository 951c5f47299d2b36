import { describe, expect, it } from 'vitest';
import { expectError } from '../../test/helpers/expect-error.js';
import { makeFamily, makeLocus, type Row } from '../../test/helpers/power-family.js';
import { createRng } from '../sim/prng.js';
import { missingPersonAtoms } from './exact-power.js';
import {
  createPowerSampler,
  sampleLogLR,
  simulateInclusionPower,
  summarizeDraws,
} from './inclusion-sim.js';
import type { PowerAtoms } from './power-atoms.js';

const P4 = [0.1, 0.2, 0.3, 0.4];

/**
 * The exact P(LR ≥ t) under h1 and under h0, and the exact variance of the importance-sampling
 * estimator of the latter, by enumerating every combination of atoms over the loci.
 */
function enumerate(atoms: readonly PowerAtoms[], t: number) {
  let ip = 0;
  let fp = 0;
  let fp2 = 0;
  const logT = Math.log(t);
  const walk = (l: number, h1: number, h0: number, s: number): void => {
    if (l === atoms.length) {
      if (s >= logT && h1 > 0) {
        ip += h1;
        fp += h0;
        fp2 += (h0 * h0) / h1;
      }
      return;
    }
    const a = atoms[l]!;
    for (let k = 0; k < a.h1.length; k++)
      walk(l + 1, h1 * a.h1[k]!, h0 * a.h0[k]!, s + a.logLR[k]!);
  };
  walk(0, 1, 1, 0);
  return { ip, fp, fpVar: fp2 - fp * fp };
}

const parentChild: Row[] = [
  ['F', null, null, 'male'],
  ['MO', null, null, 'female'],
  ['M', 'F', 'MO', 'male'],
];
const loci = [
  makeLocus('A', P4),
  makeLocus('B', [0.5, 0.3, 0.2]),
  makeLocus('C', [0.25, 0.25, 0.5]),
];

/** forrel's example shapes (missingPersonIP / MPPsims documentation): one parent, grandparents, a full sibling. */
const shapes = {
  'one parent typed': makeFamily('F1', parentChild, ['M'], {
    F: { A: ['1', '2'], B: ['1', '3'], C: ['3', '3'] },
  }),
  'grandparents only': makeFamily(
    'F2',
    [
      ['GF', null, null, 'male'],
      ['GM', null, null, 'female'],
      ['FA', 'GF', 'GM', 'male'],
      ['MO', null, null, 'female'],
      ['M', 'FA', 'MO', 'female'],
    ],
    ['M'],
    { GF: { A: ['1', '2'], B: ['2', '2'] }, GM: { A: ['3', '4'], C: ['1', '2'] } },
  ),
  'a full sibling': makeFamily(
    'F3',
    [
      ['FA', null, null, 'male'],
      ['MO', null, null, 'female'],
      ['S', 'FA', 'MO', 'female'],
      ['M', 'FA', 'MO', 'male'],
    ],
    ['M'],
    { S: { A: ['1', '2'], B: ['1', '1'], C: ['2', '3'] } },
  ),
};

describe('simulateInclusionPower', () => {
  it('one typed parent 1/2 at one locus: IP(3) = P(1/1) + P(1/2) = 0.05 + 0.15 = 0.2 by hand, FP(3) = 0.01 + 0.04', () => {
    // By hand, p = (0.1, 0.2, 0.3, 0.4), father 1/2: LR(1/1) = 0.05/0.01 = 5, LR(1/2) = 0.15/0.04
    // = 3.75, LR(1/x) = 2.5, LR(2/2) = 2.5, LR(2/x) = 1.25 (x = 3, 4), every other genotype 0.
    const fam = makeFamily('F1', parentChild, ['M'], { F: { A: ['1', '2'] } });
    const atoms = missingPersonAtoms(fam, 'M', [loci[0]!]);
    const N = 20_000;
    const r = simulateInclusionPower(atoms, { thresholds: [3], sims: N, seed: 11 }).thresholds[0]!;
    // Bounds: 3 standard errors of the exact estimator variance (derived, not tuned).
    expect(Math.abs(r.inclusionPower - 0.2)).toBeLessThanOrEqual(3 * Math.sqrt((0.2 * 0.8) / N));
    const fpVar = 0.01 ** 2 / 0.05 + 0.04 ** 2 / 0.15 - 0.05 ** 2;
    expect(Math.abs(r.falseInclusion - 0.05)).toBeLessThanOrEqual(3 * Math.sqrt(fpVar / N));
    expect(enumerate(atoms, 3).ip).toBeCloseTo(0.2, 14);
    expect(enumerate(atoms, 3).fp).toBeCloseTo(0.05, 14);
  });

  for (const [shape, fam] of Object.entries(shapes)) {
    it(`${shape}, three loci: simulated IP and FP at t = 2, 10, 50 agree with exact enumeration within 3 SE (seed 5)`, () => {
      const atoms = missingPersonAtoms(fam, 'M', loci);
      const N = 20_000;
      const r = simulateInclusionPower(atoms, { thresholds: [2, 10, 50], sims: N, seed: 5 });
      for (const t of r.thresholds) {
        const e = enumerate(atoms, t.threshold);
        expect(Math.abs(t.inclusionPower - e.ip)).toBeLessThanOrEqual(
          3 * Math.sqrt((e.ip * (1 - e.ip)) / N) + 1e-12,
        );
        expect(Math.abs(t.falseInclusion - e.fp)).toBeLessThanOrEqual(
          3 * Math.sqrt(e.fpVar / N) + 1e-12,
        );
        // The reported error is the estimate of the same standard error.
        expect(t.mcError).toBeCloseTo(
          Math.sqrt((t.inclusionPower * (1 - t.inclusionPower)) / N),
          14,
        );
      }
    });
  }

  it('the expected LR under "unrelated" is 1 within the Monte-Carlo error (grandparents, seed 3)', () => {
    const atoms = missingPersonAtoms(shapes['grandparents only'], 'M', loci);
    // Var_h0(LR) = E_h0[LR²] − 1 = E_h1[LR] − 1 = Π_l E_h1[LR_l] − 1.
    let elr = 1;
    for (const a of atoms) {
      let s = 0;
      for (let k = 0; k < a.h1.length; k++) if (a.h1[k]! > 0) s += a.h1[k]! * Math.exp(a.logLR[k]!);
      elr *= s;
    }
    const N = 50_000;
    const draws = sampleLogLR(createPowerSampler(atoms, 'unrelated'), N, createRng(3));
    let mean = 0;
    for (const l of draws) mean += Math.exp(l) / N;
    expect(Math.abs(mean - 1)).toBeLessThanOrEqual(3 * Math.sqrt((elr - 1) / N));
  });

  it('is reproducible for a seed and differs between seeds', () => {
    const atoms = missingPersonAtoms(shapes['a full sibling'], 'M', loci);
    const a = sampleLogLR(createPowerSampler(atoms), 100, createRng(9));
    const b = sampleLogLR(createPowerSampler(atoms), 100, createRng(9));
    const c = sampleLogLR(createPowerSampler(atoms), 100, createRng(10));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('summarizeDraws counts LR ≥ t and weighs hits by 1/LR', () => {
    const s = summarizeDraws(Float64Array.of(Math.log(100), Math.log(10), 0, -Infinity), 10);
    expect(s.inclusionPower).toBe(0.5);
    expect(s.falseInclusion).toBeCloseTo((0.01 + 0.1) / 4, 15);
  });

  it('refuses bad thresholds, sims and seeds', () => {
    const atoms = missingPersonAtoms(shapes['a full sibling'], 'M', loci);
    expectError(
      () => simulateInclusionPower(atoms, { thresholds: [0], sims: 10, seed: 1 }),
      'INVALID_ARGUMENT',
      ['thresholds', 0],
      'positive finite',
    );
    expectError(
      () => simulateInclusionPower(atoms, { thresholds: [10], sims: 1.5, seed: 1 }),
      'INVALID_ARGUMENT',
      ['sims'],
      'positive integer',
    );
    expectError(
      () => simulateInclusionPower(atoms, { thresholds: [10], sims: 10, seed: 0.5 }),
      'INVALID_ARGUMENT',
      ['seed'],
      'integer',
    );
  });
});
