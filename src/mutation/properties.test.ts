import { describe, expect, it } from 'vitest';
import { KindredError } from '../errors.js';
import { expectedMutationRate, isStationary, rowSums } from './properties.js';

describe('isStationary', () => {
  const m = new Float64Array([0.9, 0.1, 0.1, 0.9]);

  it('is true for a symmetric matrix and uniform p (p·M = (0.45+0.05, 0.05+0.45))', () => {
    expect(isStationary(m, [0.5, 0.5])).toBe(true);
  });

  it('is false when p·M moves p: (0.2, 0.8)·M = (0.26, 0.74)', () => {
    expect(isStationary(m, [0.2, 0.8])).toBe(false);
  });

  it('throws INVALID_ARGUMENT when the sizes do not match', () => {
    let err: unknown;
    try {
      isStationary(m, [1 / 3, 1 / 3, 1 / 3]);
    } catch (e) {
      err = e;
    }
    expect((err as KindredError).code).toBe('INVALID_ARGUMENT');
    expect((err as KindredError).message).toContain('got 4 entries');
  });
});

describe('expectedMutationRate', () => {
  it('is Σ p_i (1 - M[i][i]) = 0.5·0.1 + 0.5·0.3 = 0.2', () => {
    expect(expectedMutationRate(new Float64Array([0.9, 0.1, 0.3, 0.7]), [0.5, 0.5])).toBeCloseTo(
      0.2,
      15,
    );
  });
});

describe('rowSums', () => {
  it('sums each row', () => {
    expect(Array.from(rowSums(new Float64Array([0.9, 0.1, 0.3, 0.7]), 2))).toEqual([1, 1]);
  });

  it('throws INVALID_ARGUMENT for a matrix that is not n*n', () => {
    expect(() => rowSums(new Float64Array(3), 2)).toThrow(KindredError);
  });
});
