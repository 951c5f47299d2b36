/**
 * computePairings against brute force: on random families of configurations (victims, missing
 * persons, log LRs) the posterior of every victim–outcome pair equals Σ LR over the
 * conflict-free choices with the pairing / Σ LR over all of them, and the GLR equals the best
 * choice with the pairing over the best without it; the cap returns null rather than a partial
 * sum.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computePairings, type PairingConfiguration } from './joint-pairings.js';

const N_VICTIMS = 4;
const N_MISSING = 4;

/** Every conflict-free choice: victim → outcome (N_MISSING = not identified) and ln LR. */
function bruteForce(
  families: readonly (readonly PairingConfiguration[])[],
): { outcome: number[]; logLR: number }[] {
  const out: { outcome: number[]; logLR: number }[] = [];
  const walk = (i: number, outcome: number[], sum: number): void => {
    if (i === families.length) {
      out.push({ outcome, logLR: sum });
      return;
    }
    for (const c of families[i]!) {
      if (c.victims.some((v) => outcome[v] !== N_MISSING)) continue;
      const next = [...outcome];
      c.victims.forEach((v, k) => {
        next[v] = c.missing[k]!;
      });
      walk(i + 1, next, sum + c.logLR);
    }
  };
  walk(0, new Array<number>(N_VICTIMS).fill(N_MISSING), 0);
  return out;
}

// Family f owns missing person f (one per family) or persons f and f+2: configurations place
// distinct victims on distinct missing persons of the family.
const family = (f: number): fc.Arbitrary<PairingConfiguration[]> =>
  fc
    .array(
      fc.record({
        pairs: fc.uniqueArray(fc.integer({ min: 0, max: N_VICTIMS - 1 }), {
          minLength: 1,
          maxLength: 2,
        }),
        logLR: fc.oneof(
          fc.integer({ min: -5, max: 8 }),
          fc.double({ min: -60, max: 60, noNaN: true }),
        ),
      }),
      { maxLength: 5 },
    )
    .map((cs) => [
      { victims: [], missing: [], logLR: 0 },
      ...cs.map((c) => ({
        victims: c.pairs,
        missing: c.pairs.map((_, k) => f + 2 * k),
        logLR: c.logLR,
      })),
    ]);
const families = fc
  .integer({ min: 1, max: 2 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, f) => family(f))));

describe('computePairings', () => {
  it('posteriors and GLRs equal brute-force enumeration; posteriors sum to 1 per victim', () => {
    fc.assert(
      fc.property(families, (fams) => {
        const t = computePairings(fams, N_VICTIMS, N_MISSING)!;
        const all = bruteForce(fams);
        expect(t.assignments).toBe(all.length);
        const X = N_MISSING + 1;
        const maxLog = Math.max(...all.map((a) => a.logLR));
        const z = all.reduce((s, a) => s + Math.exp(a.logLR - maxLog), 0);
        for (let v = 0; v < N_VICTIMS; v++) {
          let sum = 0;
          for (let x = 0; x < X; x++) {
            const withX = all.filter((a) => a.outcome[v] === x);
            const without = all.filter((a) => a.outcome[v] !== x);
            const p = withX.reduce((s, a) => s + Math.exp(a.logLR - maxLog), 0) / z;
            expect(Math.abs(t.posterior[v * X + x]! - p)).toBeLessThanOrEqual(1e-12);
            sum += t.posterior[v * X + x]!;
            const bw = Math.max(...withX.map((a) => a.logLR));
            const bo = Math.max(...without.map((a) => a.logLR));
            const glr = t.logGLR[v * X + x]!;
            if (withX.length === 0) expect(glr).toBe(Number.NEGATIVE_INFINITY);
            else if (without.length === 0) expect(glr).toBe(Number.POSITIVE_INFINITY);
            else expect(Math.abs(glr - (bw - bo))).toBeLessThanOrEqual(1e-9 * (1 + Math.abs(bw)));
          }
          expect(Math.abs(sum - 1)).toBeLessThanOrEqual(1e-12);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps weights relative to the best assignment: LRs of 10^300 per family do not overflow', () => {
    const big = 300 * Math.LN10;
    const t = computePairings(
      [
        [
          { victims: [], missing: [], logLR: 0 },
          { victims: [0], missing: [0], logLR: big },
        ],
        [
          { victims: [], missing: [], logLR: 0 },
          { victims: [1], missing: [1], logLR: big },
        ],
      ],
      2,
      2,
    )!;
    // assignments: {}, {V1}, {V2}, {V1, V2} with LR 1, 1e300, 1e300, 1e600
    expect(t.posterior[0]).toBeCloseTo(1, 12);
    expect(t.posterior[2]).toBeLessThan(1e-299);
    expect(t.logGLR[0]! / Math.LN10).toBeCloseTo(300, 9);
  });

  it('returns null beyond maxAssignments instead of a partial sum', () => {
    const fam: PairingConfiguration[] = [
      { victims: [], missing: [], logLR: 0 },
      { victims: [0], missing: [0], logLR: 1 },
    ];
    expect(computePairings([fam], 1, 1, 1)).toBeNull();
    expect(computePairings([fam], 1, 1, 2)?.assignments).toBe(2);
  });
});
