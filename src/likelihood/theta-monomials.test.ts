import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { _createMonomialSpace, _monomialCount } from './theta-monomials.js';

describe('_monomialCount', () => {
  it('is C(n+d−1, d): 6 monomials of degree 2 in 3 variables', () => {
    // Stars and bars: π0², π1², π2², π0π1, π0π2, π1π2.
    expect(_monomialCount(3, 2)).toBe(6);
    expect(_monomialCount(5, 8)).toBe(495); // C(12, 8)
    expect(_monomialCount(4, 0)).toBe(1);
  });
});

describe('_createMonomialSpace', () => {
  it('numbers degree-2 monomials over 2 types as [π0², π0π1, π1²] (TSDoc example)', () => {
    const s = _createMonomialSpace(2, 2);
    expect(Array.from(s.counts(2))).toEqual([2, 0, 1, 1, 0, 2]);
    expect(s.shift(1)[0 * 2 + 1]).toBe(1);
  });

  it('lists every count vector of degree d once, and shift/add agree with adding counts', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 0, max: 3 }),
        (n, d1, d2) => {
          const s = _createMonomialSpace(n, d1 + d2 + 1);
          const vec = (d: number, i: number): number[] =>
            Array.from(s.counts(d).subarray(i * n, (i + 1) * n));
          const seen = new Set<string>();
          for (let i = 0; i < s.size(d1); i++) {
            const c = vec(d1, i);
            if (c.reduce((a, b) => a + b, 0) !== d1) return false;
            seen.add(c.join(','));
            for (let a = 0; a < n; a++) {
              const shifted = vec(d1 + 1, s.shift(d1)[i * n + a]!);
              if (shifted.some((x, t) => x !== c[t]! + (t === a ? 1 : 0))) return false;
            }
            for (let j = 0; j < s.size(d2); j++) {
              const sum = vec(d1 + d2, s.add(d1, d2)[i * s.size(d2) + j]!);
              const cj = vec(d2, j);
              if (sum.some((x, t) => x !== c[t]! + cj[t]!)) return false;
            }
          }
          return seen.size === _monomialCount(n, d1);
        },
      ),
      { numRuns: 60 },
    );
  });
});
