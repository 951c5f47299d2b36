/**
 * searchTopAssignments against brute force: on random families of configurations (victim sets
 * and log LRs, ties included) the branch and bound returns exactly the K best sums of
 * conflict-free choices.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type SearchConfiguration, searchTopAssignments } from './joint-search.js';

/** All conflict-free choices (one configuration per family) with their sums, best first. */
function bruteForce(families: readonly (readonly SearchConfiguration[])[]): number[] {
  const sums: number[] = [];
  const walk = (i: number, used: Set<number>, sum: number): void => {
    if (i === families.length) {
      sums.push(sum);
      return;
    }
    for (const c of families[i]!) {
      if (c.victims.some((v) => used.has(v))) continue;
      walk(i + 1, new Set([...used, ...c.victims]), sum + c.logLR);
    }
  };
  walk(0, new Set(), 0);
  return sums.sort((a, b) => b - a);
}

const N_VICTIMS = 5;
const config = fc.record({
  victims: fc.uniqueArray(fc.integer({ min: 0, max: N_VICTIMS - 1 }), {
    minLength: 1,
    maxLength: 2,
  }),
  // integers make exact ties frequent
  logLR: fc.oneof(fc.integer({ min: -5, max: 8 }), fc.double({ min: -20, max: 30, noNaN: true })),
});
const families = fc.array(
  fc.array(config, { maxLength: 5 }).map((cs) => [{ victims: [], logLR: 0 }, ...cs]),
  { minLength: 1, maxLength: 5 },
);

describe('searchTopAssignments', () => {
  it('returns the K best conflict-free sums, as brute force does (ties in any order)', () => {
    fc.assert(
      fc.property(families, fc.integer({ min: 1, max: 15 }), (fams, k) => {
        const want = bruteForce(fams).slice(0, k);
        const got = searchTopAssignments(fams, N_VICTIMS, k);
        // Sums are compared to 1e-9: the search bounds partial sums in another order than the
        // brute force adds them, and floating-point addition is not associative (a seeded
        // counterexample: a configuration of log LR −5e-324 beside +5 and −5 gives 0 in one order
        // and −5e-324 in the other, so the 10th best of 13 differed by 5e-324).
        expect(got.best.length).toBe(want.length);
        got.best.forEach((b, i) => {
          expect(Math.abs(b.logLR - want[i]!)).toBeLessThanOrEqual(1e-9);
        });
        for (const b of got.best) {
          const used = new Set<number>();
          let sum = 0;
          b.choice.forEach((ci, fi) => {
            const c = fams[fi]![ci]!;
            for (const v of c.victims) {
              expect(used.has(v)).toBe(false);
              used.add(v);
            }
            sum += c.logLR;
          });
          expect(sum).toBe(b.logLR);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('the seeded counterexample with a log LR of −5e-324 gives the brute-force sums within 1e-9', () => {
    const fams: SearchConfiguration[][] = [
      [
        { victims: [], logLR: 0 },
        { victims: [0], logLR: 0 },
      ],
      [
        { victims: [], logLR: 0 },
        { victims: [0], logLR: -5e-324 },
      ],
      [
        { victims: [], logLR: 0 },
        { victims: [2], logLR: 5 },
      ],
      [
        { victims: [], logLR: 0 },
        { victims: [3], logLR: -5 },
        { victims: [0], logLR: 0 },
        { victims: [0, 2], logLR: 6 },
        { victims: [2], logLR: 0 },
      ],
    ];
    const want = bruteForce(fams).slice(0, 13);
    const got = searchTopAssignments(fams, N_VICTIMS, 13).best.map((b) => b.logLR);
    expect(got).toHaveLength(13);
    got.forEach((x, i) => {
      expect(Math.abs(x - want[i]!)).toBeLessThanOrEqual(1e-9);
    });
  });

  it('searchTopAssignments of one family with one victim lists both choices, best first', () => {
    const r = searchTopAssignments(
      [
        [
          { victims: [0], logLR: 2 },
          { victims: [], logLR: 0 },
        ],
      ],
      1,
      5,
    );
    expect(r.best.map((b) => [...b.choice])).toEqual([[0], [1]]);
    expect(r.best.map((b) => b.logLR)).toEqual([2, 0]);
  });

  it('searchTopAssignments never lets two families share a victim', () => {
    // both families want victim 0; the best joint uses it once (5 + 0 beats 0 + 4)
    const r = searchTopAssignments(
      [
        [
          { victims: [0], logLR: 5 },
          { victims: [], logLR: 0 },
        ],
        [
          { victims: [0], logLR: 4 },
          { victims: [], logLR: 0 },
        ],
      ],
      1,
      10,
    );
    expect(r.best.map((b) => b.logLR)).toEqual([5, 4, 0]);
  });
});
