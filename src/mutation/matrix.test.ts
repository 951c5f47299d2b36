import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KindredError } from '../errors.js';
import { buildMatrices, buildMutationMatrix } from './matrix.js';
import { expectedMutationRate, isStationary, rowSums } from './properties.js';
import type { MutationModel } from './types.js';

/** Compare with the spec's 10-significant-digit tables: relative 1e-9 (absolute for exact 0). */
function expectMatrix(actual: Float64Array, expected: number[][]): void {
  const n = expected.length;
  expect(actual.length).toBe(n * n);
  expected.forEach((row, i) => {
    row.forEach((e, j) => {
      const a = actual[i * n + j]!;
      if (e === 0) expect(a).toBe(0);
      else expect(Math.abs(a - e) / e, `entry [${i}][${j}] = ${a}, spec ${e}`).toBeLessThan(1e-9);
    });
  });
}

function catchError(f: () => unknown): KindredError {
  try {
    f();
  } catch (e) {
    if (e instanceof KindredError) return e;
    throw e;
  }
  throw new Error('expected a KindredError');
}

const A4 = ['14', '15', '16', '16.3'];
const P4 = [0.2, 0.4, 0.3, 0.1];

describe('buildMutationMatrix: the worked examples of spec/mutation-models.md', () => {
  it('equal 0.01 on 14,15,16,16.3 is the spec table', () => {
    // Source: mutation-models.md, `equal` example (pedmut 0.9.1 output).
    const d = 0.99;
    const o = 0.003333333333;
    expectMatrix(buildMutationMatrix({ model: 'equal', rate: 0.01 }, A4, P4), [
      [d, o, o, o],
      [o, d, o, o],
      [o, o, d, o],
      [o, o, o, d],
    ]);
  });

  it('proportional 0.01 on 14,15,16,16.3 is the spec table', () => {
    // Source: mutation-models.md, `proportional` example.
    expectMatrix(buildMutationMatrix({ model: 'proportional', rate: 0.01 }, A4, P4), [
      [0.9885714286, 0.005714285714, 0.004285714286, 0.001428571429],
      [0.002857142857, 0.9914285714, 0.004285714286, 0.001428571429],
      [0.002857142857, 0.005714285714, 0.99, 0.001428571429],
      [0.002857142857, 0.005714285714, 0.004285714286, 0.9871428571],
    ]);
  });

  const step: MutationModel = { model: 'stepwise', rate: 0.01, rate2: 0.001, range: 0.5 };

  it('stepwise (0.01, 0.001, 0.5) on 14,15,16,16.3 is the spec table', () => {
    // Source: mutation-models.md, `stepwise` example.
    expectMatrix(buildMutationMatrix(step, A4, P4), [
      [0.989, 0.006666666667, 0.003333333333, 0.001],
      [0.005, 0.989, 0.005, 0.001],
      [0.003333333333, 0.006666666667, 0.989, 0.001],
      [0.0003333333333, 0.0003333333333, 0.0003333333333, 0.999],
    ]);
  });

  it('stepwise with two microvariants in one group is the spec table', () => {
    // Source: mutation-models.md, "Two microvariants in one group".
    const m = buildMutationMatrix(
      step,
      ['14', '15', '16', '16.3', '17.3'],
      [0.2, 0.3, 0.3, 0.1, 0.1],
    );
    expectMatrix(m, [
      [0.989, 0.006666666667, 0.003333333333, 0.0005, 0.0005],
      [0.005, 0.989, 0.005, 0.0005, 0.0005],
      [0.003333333333, 0.006666666667, 0.989, 0.0005, 0.0005],
      [0.0003333333333, 0.0003333333333, 0.0003333333333, 0.989, 0.01],
      [0.0003333333333, 0.0003333333333, 0.0003333333333, 0.01, 0.989],
    ]);
  });

  it('stepwise copies the .5 quirk: 9.5,10,10.5,11.5 is the spec table', () => {
    // Source: mutation-models.md, "The .5 quirk": 9.5 and 11.5 share a group, 10.5 is alone.
    const m = buildMutationMatrix(step, ['9.5', '10', '10.5', '11.5'], [0.25, 0.25, 0.25, 0.25]);
    expectMatrix(m, [
      [0.989, 0.0005, 0.0005, 0.01],
      [0.0003333333333, 0.999, 0.0003333333333, 0.0003333333333],
      [0.0003333333333, 0.0003333333333, 0.999, 0.0003333333333],
      [0.01, 0.0005, 0.0005, 0.989],
    ]);
  });

  it('onestep 0.01 on 14,15,16,18 gives the isolated 18 a diagonal of 1 (spec table)', () => {
    // Source: mutation-models.md, `onestep` example.
    const m = buildMutationMatrix({ model: 'onestep', rate: 0.01 }, ['14', '15', '16', '18'], P4);
    expectMatrix(m, [
      [0.99, 0.01, 0, 0],
      [0.005, 0.99, 0.005, 0],
      [0, 0.01, 0.99, 0],
      [0, 0, 0, 1],
    ]);
  });

  it('custom returns the matrix as given', () => {
    const matrix = [
      [0.9, 0.1],
      [0.25, 0.75],
    ];
    expectMatrix(buildMutationMatrix({ model: 'custom', matrix }, ['a', 'b'], [0.5, 0.5]), matrix);
  });

  it('every model but custom gives [[1]] for a one-allele locus (pedmut: "trivial")', () => {
    for (const model of [
      { model: 'equal', rate: 0.5 },
      { model: 'proportional', rate: 0.5 },
      { model: 'stepwise', rate: 0.5, rate2: 0.1, range: 0.3 },
      { model: 'onestep', rate: 0.5 },
    ] as const) {
      expect(Array.from(buildMutationMatrix(model, ['12'], [1]))).toEqual([1]);
    }
  });

  it('equal example in the TSDoc: m[0] is 0.99 and m[1] is 0.01/3', () => {
    const m = buildMutationMatrix({ model: 'equal', rate: 0.01 }, A4, P4);
    expect(m[0]).toBe(0.99);
    expect(m[1]).toBe(0.01 / 3);
  });
});

describe('buildMutationMatrix: refused models', () => {
  const opts = { path: ['loci', 3, 'mutation'], locus: 'D3S1358' } as const;
  const cases: [string, MutationModel, string[], (string | number)[], string][] = [
    [
      'stepwise with label "X"',
      { model: 'stepwise', rate: 0.01, rate2: 0, range: 0.5 },
      ['10', 'X'],
      [],
      '"X"',
    ],
    [
      'stepwise with label "99a"',
      { model: 'stepwise', rate: 0.01, rate2: 0, range: 0.5 },
      ['99a', '10'],
      [],
      '"99a"',
    ],
    [
      'stepwise with two decimals',
      { model: 'stepwise', rate: 0.01, rate2: 0, range: 0.5 },
      ['9.25', '10'],
      [],
      '"9.25"',
    ],
    [
      'stepwise with an exponent',
      { model: 'stepwise', rate: 0.01, rate2: 0, range: 0.5 },
      ['1e1', '10'],
      [],
      '"1e1"',
    ],
    ['onestep with a microvariant', { model: 'onestep', rate: 0.01 }, ['10', '10.3'], [], '"10.3"'],
    ['equal with rate 1.5', { model: 'equal', rate: 1.5 }, ['1', '2'], ['rate'], '1.5'],
    ['equal with rate -0.1', { model: 'equal', rate: -0.1 }, ['1', '2'], ['rate'], '-0.1'],
    ['equal with rate NaN', { model: 'equal', rate: Number.NaN }, ['1', '2'], ['rate'], 'NaN'],
    [
      'stepwise with rate2 2',
      { model: 'stepwise', rate: 0.1, rate2: 2, range: 0.5 },
      ['1', '2'],
      ['rate2'],
      '2',
    ],
    [
      'stepwise with rate+rate2 > 1',
      { model: 'stepwise', rate: 0.6, rate2: 0.5, range: 0.5 },
      ['1', '2'],
      [],
      '0.6 + 0.5',
    ],
    [
      'stepwise with range 0',
      { model: 'stepwise', rate: 0.1, rate2: 0.1, range: 0 },
      ['1', '2'],
      ['range'],
      'range',
    ],
    [
      'stepwise with range -1',
      { model: 'stepwise', rate: 0.1, rate2: 0.1, range: -1 },
      ['1', '2'],
      ['range'],
      '-1',
    ],
  ];
  for (const [name, model, alleles, extra, fragment] of cases) {
    it(`${name} throws INVALID_MUTATION naming the locus and value`, () => {
      const e = catchError(() =>
        buildMutationMatrix(
          model,
          alleles,
          alleles.map(() => 1 / alleles.length),
          opts,
        ),
      );
      expect(e.code).toBe('INVALID_MUTATION');
      expect(e.path).toEqual(['loci', 3, 'mutation', ...extra]);
      expect(e.message).toContain('D3S1358');
      expect(e.message).toContain(fragment);
    });
  }

  it('proportional above (1 - Σp²)/(1 - min p) throws INVALID_MUTATION', () => {
    // p = (0.5, 0.5): bound = (1 - 0.5)/(1 - 0.5) = 1; p = (0.9, 0.1): bound = 0.18/0.9 = 0.2.
    expect(() =>
      buildMutationMatrix({ model: 'proportional', rate: 1 }, ['1', '2'], [0.5, 0.5]),
    ).not.toThrow();
    const e = catchError(() =>
      buildMutationMatrix({ model: 'proportional', rate: 0.21 }, ['1', '2'], [0.9, 0.1], opts),
    );
    expect(e.code).toBe('INVALID_MUTATION');
    expect(e.path).toEqual(['loci', 3, 'mutation', 'rate']);
    expect(e.message).toContain('0.21');
    // Just below the bound the rarest allele's diagonal 1 - k·(1 - 0.1), k = 0.19/0.18, is 0.05.
    const below = buildMutationMatrix(
      { model: 'proportional', rate: 0.19 },
      ['1', '2'],
      [0.9, 0.1],
    );
    expect(below[3]).toBeCloseTo(0.05, 14);
  });

  it('custom of the wrong shape throws with the path of the matrix or row', () => {
    const rows = catchError(() =>
      buildMutationMatrix({ model: 'custom', matrix: [[1, 0]] }, ['a', 'b'], [0.5, 0.5], opts),
    );
    expect([rows.code, rows.path]).toEqual(['INVALID_MUTATION', ['loci', 3, 'mutation', 'matrix']]);
    expect(rows.message).toContain('2 rows');
    const row = catchError(() =>
      buildMutationMatrix({ model: 'custom', matrix: [[1, 0], [1]] }, ['a', 'b'], [0.5, 0.5], opts),
    );
    expect(row.path).toEqual(['loci', 3, 'mutation', 'matrix', 1]);
    expect(row.message).toContain('row 1');
  });

  it('custom with an entry outside [0, 1] or a row sum off by more than 1e-6 throws', () => {
    const entry = catchError(() =>
      buildMutationMatrix(
        {
          model: 'custom',
          matrix: [
            [1.2, -0.2],
            [0, 1],
          ],
        },
        ['a', 'b'],
        [0.5, 0.5],
        opts,
      ),
    );
    expect([entry.code, entry.path]).toEqual([
      'INVALID_MUTATION',
      ['loci', 3, 'mutation', 'matrix', 0, 0],
    ]);
    expect(entry.message).toContain('1.2');
    const sum = catchError(() =>
      buildMutationMatrix(
        {
          model: 'custom',
          matrix: [
            [0.5, 0.5],
            [0.5, 0.499998],
          ],
        },
        ['a', 'b'],
        [0.5, 0.5],
        opts,
      ),
    );
    expect([sum.code, sum.path]).toEqual([
      'INVALID_MUTATION',
      ['loci', 3, 'mutation', 'matrix', 1],
    ]);
    expect(sum.message).toContain('row 1 sums to 0.99999');
    // Within the tolerance the matrix is used exactly as given.
    const ok = buildMutationMatrix(
      {
        model: 'custom',
        matrix: [
          [0.5, 0.5],
          [0.5, 0.4999995],
        ],
      },
      ['a', 'b'],
      [0.5, 0.5],
    );
    expect(ok[3]).toBe(0.4999995);
  });

  it('alleles and frequencies of different lengths throw INVALID_ARGUMENT', () => {
    expect(
      catchError(() => buildMutationMatrix({ model: 'equal', rate: 0 }, ['1', '2'], [1])).code,
    ).toBe('INVALID_ARGUMENT');
  });
});

describe('buildMatrices', () => {
  it('returns null for both sexes without mutation', () => {
    expect(buildMatrices(null, ['1', '2'], [0.5, 0.5])).toEqual({ male: null, female: null });
  });

  it('returns the same array for both sexes for a plain model', () => {
    const { male, female } = buildMatrices({ model: 'equal', rate: 0.1 }, ['1', '2'], [0.5, 0.5]);
    expect(male).toBe(female);
  });

  it('builds male and female from their own models, with the sex in the error path', () => {
    const spec = {
      female: { model: 'equal', rate: 0.001 },
      male: { model: 'onestep', rate: 0.004 },
    } as const;
    const { male, female } = buildMatrices(spec, ['14', '15', '16'], [0.3, 0.3, 0.4]);
    expect(female![0]).toBe(0.999);
    expect(male![2]).toBe(0); // onestep: 14 → 16 is two steps, impossible
    const e = catchError(() =>
      buildMatrices(spec, ['14', '15.2'], [0.5, 0.5], {
        path: ['loci', 0, 'mutation'],
        locus: 'S01',
      }),
    );
    expect([e.code, e.path]).toEqual(['INVALID_MUTATION', ['loci', 0, 'mutation', 'male']]);
  });
});

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
