import { describe, expect, it } from 'vitest';
import { KindredError } from '../errors.js';
import { buildMatrices, buildMutationMatrix } from './matrix.js';
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
