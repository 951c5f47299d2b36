import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KindredError } from '../errors.js';
import { buildMutationMatrix } from './matrix.js';
import { expectedMutationRate, isStationary, rowSums } from './properties.js';
import type { MutationModel } from './types.js';

const A4 = ['14', '15', '16', '16.3'];
const P4 = [0.2, 0.4, 0.3, 0.1];

/** Random valid loci and models for property tests. */
const locusArb = fc
  .array(fc.integer({ min: 50, max: 300 }), { minLength: 1, maxLength: 9 })
  .chain((tenths) => {
    const labels = [...new Set(tenths)].map((t) =>
      t % 10 === 0 ? String(t / 10) : (t / 10).toFixed(1),
    );
    return fc
      .array(fc.double({ min: 0.01, max: 1, noNaN: true }), {
        minLength: labels.length,
        maxLength: labels.length,
      })
      .map((w) => {
        const s = w.reduce((a, b) => a + b, 0);
        return { labels, freqs: w.map((x) => x / s) };
      });
  });
const rateArb = fc.double({ min: 0, max: 1, noNaN: true });
const modelArb: fc.Arbitrary<MutationModel> = fc.oneof(
  rateArb.map((rate) => ({ model: 'equal' as const, rate })),
  rateArb.map((r) => ({ model: 'proportional' as const, rate: r * 0.5 })),
  fc
    .tuple(rateArb, rateArb, fc.double({ min: 0.01, max: 5, noNaN: true }))
    .map(([a, b, range]) => ({ model: 'stepwise' as const, rate: a / 2, rate2: b / 2, range })),
);

describe('buildMutationMatrix: properties', () => {
  it('every row sums to 1 for random valid models and loci (fast-check)', () => {
    fc.assert(
      fc.property(locusArb, modelArb, ({ labels, freqs }, model) => {
        let m: Float64Array;
        try {
          m = buildMutationMatrix(model, labels, freqs);
        } catch (e) {
          // Only proportional may refuse (rate above its bound); that is a valid refusal.
          return model.model === 'proportional' && (e as KindredError).code === 'INVALID_MUTATION';
        }
        for (const s of rowSums(m, labels.length)) expect(Math.abs(s - 1)).toBeLessThan(1e-12);
        for (const v of m) expect(v >= 0 && v <= 1).toBe(true);
        return true;
      }),
    );
  });

  it('onestep rows sum to 1 on integer loci (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 5, max: 20 }), { minLength: 1, maxLength: 8 }),
        rateArb,
        (ints, rate) => {
          const m = buildMutationMatrix(
            { model: 'onestep', rate },
            ints.map(String),
            ints.map(() => 1 / ints.length),
          );
          for (const s of rowSums(m, ints.length)) expect(Math.abs(s - 1)).toBeLessThan(1e-12);
        },
      ),
    );
  });

  it('proportional is stationary and its expected mutation rate equals rate (fast-check)', () => {
    // Source: mutation-models.md: "the expected mutation rate Σ p_i(1 - M[i][i]) equals rate, p·M = p".
    fc.assert(
      fc.property(
        locusArb,
        fc.double({ min: 0, max: 0.3, noNaN: true }),
        ({ labels, freqs }, rate) => {
          fc.pre(labels.length > 1);
          const bound = (1 - freqs.reduce((a, p) => a + p * p, 0)) / (1 - Math.min(...freqs));
          fc.pre(rate <= bound);
          const m = buildMutationMatrix({ model: 'proportional', rate }, labels, freqs);
          expect(isStationary(m, freqs, 1e-12)).toBe(true);
          expect(expectedMutationRate(m, freqs)).toBeCloseTo(rate, 14);
        },
      ),
    );
  });

  it('equal and stepwise are not stationary for uneven frequencies', () => {
    // p·M for equal 0.01 at p = (0.2,0.4,0.3,0.1): column 14 = 0.2·0.99 + 0.8·0.01/3 ≠ 0.2.
    expect(isStationary(buildMutationMatrix({ model: 'equal', rate: 0.01 }, A4, P4), P4)).toBe(
      false,
    );
    expect(
      isStationary(
        buildMutationMatrix({ model: 'stepwise', rate: 0.01, rate2: 0.001, range: 0.5 }, A4, P4),
        P4,
      ),
    ).toBe(false);
  });

  it('stepwise example has expected rate 0.01 (mutation-models.md notes this coincidence)', () => {
    const m = buildMutationMatrix(
      { model: 'stepwise', rate: 0.01, rate2: 0.001, range: 0.5 },
      A4,
      P4,
    );
    // 0.9·0.011 + 0.1·0.001 = 0.0099 + 0.0001 = 0.01
    expect(expectedMutationRate(m, P4)).toBeCloseTo(0.01, 15);
  });

  it('stepwise with extreme range neither overflows nor divides 0 by 0', () => {
    // range 1e-300: all of `rate` goes to the nearest same-group alleles (one step away).
    const m = buildMutationMatrix(
      { model: 'stepwise', rate: 0.02, rate2: 0, range: 1e-300 },
      ['10', '11', '12', '14'],
      [0.25, 0.25, 0.25, 0.25],
    );
    expect(Array.from(m.subarray(4, 8))).toEqual([0.01, 0.98, 0.01, 0]);
    const big = buildMutationMatrix(
      { model: 'stepwise', rate: 0.02, rate2: 0, range: 1e300 },
      ['10', '11', '12', '14'],
      [0.25, 0.25, 0.25, 0.25],
    );
    expect(big[3]).toBeCloseTo(0.02, 15); // all to the farthest allele
  });
});
