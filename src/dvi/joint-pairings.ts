/**
 * Conclusions about single pairings from the joint DVI assignments: for every victim v and every
 * outcome x (a missing person of v's sex, or "not identified"),
 *
 * - the posterior probability P(v = x | data) = Σ_{a : a(v) = x} LR(a) / Σ_a LR(a), the sums over
 *   every assignment a with a flat prior over assignments (every assignment equally likely a
 *   priori, as in R dvir's `jointDVI`); LR(a) is the joint LR against "no victim identified",
 *   which is proportional to the assignment's likelihood, so the ratio is the posterior;
 * - the generalised likelihood ratio of R dvir (`pairwiseGLR`, after Vigeland & Egeland):
 *   GLR(v = x) = max_{a : a(v) = x} L(a) / max_{a : a(v) ≠ x} L(a), the best assignment with
 *   the pairing against the best without it.
 *
 * Assignments with joint LR 0 add nothing to either sum or maximum. The sums are exact: every
 * assignment with LR > 0 is enumerated (families' configurations combined without reusing a
 * victim), weights kept relative to the best assignment so far so nothing overflows. When there are
 * more than `maxAssignments` such assignments the computation stops and reports that it
 * could not be done, rather than give a partial sum.
 *
 * @module
 */
import type { SearchConfiguration } from './joint-search.js';

/** A configuration with its placements, as {@link computePairings} needs it. */
export interface PairingConfiguration extends SearchConfiguration {
  /** The missing person (global index) of each victim in `victims`, in the same order. */
  readonly missing: readonly number[];
}

/** Per victim and outcome: posterior and GLR. Outcome index nMissing = "not identified". */
export interface PairingTable {
  readonly nVictims: number;
  readonly nMissing: number;
  /** posterior[v · (nMissing + 1) + x], x = nMissing for "not identified". */
  readonly posterior: Float64Array;
  /**
   * Natural-log GLR at the same index: −Infinity when no assignment with LR > 0 has the
   * pairing, +Infinity when every assignment with LR > 0 has it.
   */
  readonly logGLR: Float64Array;
  /** How many assignments with LR > 0 were summed. */
  readonly assignments: number;
}

/** Default cap on the assignments summed by {@link computePairings}. */
export const DEFAULT_MAX_PAIRING_ASSIGNMENTS = 2_000_000;

/**
 * Posterior and GLR of every victim–outcome pairing, by exact enumeration of the assignments.
 *
 * @param families - per family its configurations (the empty one included), natural-log LRs
 * @param nVictims - number of victims
 * @param nMissing - number of missing persons (global indices 0..nMissing-1)
 * @param maxAssignments - stop and return null beyond this many assignments with LR > 0
 * @returns the table, or null when there are more than `maxAssignments` assignments
 * @example
 * ```ts
 * // one family, one missing person, one victim with LR 9: P(V = M) = 0.9, GLR = 9
 * const t = computePairings([[{ victims: [], missing: [], logLR: 0 },
 *   { victims: [0], missing: [0], logLR: Math.log(9) }]], 1, 1)!;
 * t.posterior[0]; // => 0.9
 * ```
 */
export function computePairings(
  families: readonly (readonly PairingConfiguration[])[],
  nVictims: number,
  nMissing: number,
  maxAssignments: number = DEFAULT_MAX_PAIRING_ASSIGNMENTS,
): PairingTable | null {
  const F = families.length;
  const X = nMissing + 1;
  const mass = new Float64Array(nVictims * X);
  const best = new Float64Array(nVictims * X).fill(Number.NEGATIVE_INFINITY);
  const current = new Int32Array(nVictims).fill(nMissing);
  const used = new Uint8Array(nVictims);
  let total = 0;
  let shift = Number.NEGATIVE_INFINITY;
  let count = 0;
  let overflow = false;
  const walk = (f: number, sum: number): void => {
    if (overflow) return;
    if (f === F) {
      if (++count > maxAssignments) {
        overflow = true;
        return;
      }
      if (sum > shift) {
        // a new best assignment: weights are kept relative to the best so far (≤ 1)
        const r = shift === Number.NEGATIVE_INFINITY ? 0 : Math.exp(shift - sum);
        total *= r;
        for (let k = 0; k < mass.length; k++) mass[k] = mass[k]! * r;
        shift = sum;
      }
      const w = Math.exp(sum - shift);
      total += w;
      for (let v = 0; v < nVictims; v++) {
        const k = v * X + current[v]!;
        mass[k] = mass[k]! + w;
        if (sum > best[k]!) best[k] = sum;
      }
      return;
    }
    for (const c of families[f]!) {
      if (c.logLR === Number.NEGATIVE_INFINITY) continue;
      if (c.victims.some((v) => used[v] === 1)) continue;
      c.victims.forEach((v, i) => {
        used[v] = 1;
        current[v] = c.missing[i]!;
      });
      walk(f + 1, sum + c.logLR);
      for (const v of c.victims) {
        used[v] = 0;
        current[v] = nMissing;
      }
      if (overflow) return;
    }
  };
  walk(0, 0);
  if (overflow) return null;
  const posterior = new Float64Array(nVictims * X);
  const logGLR = new Float64Array(nVictims * X);
  for (let v = 0; v < nVictims; v++) {
    // the two largest maxima of the row, to get "best without x" for every x
    let top1 = Number.NEGATIVE_INFINITY;
    let top1x = -1;
    let top2 = Number.NEGATIVE_INFINITY;
    for (let x = 0; x < X; x++) {
      const b = best[v * X + x]!;
      if (b > top1) {
        top2 = top1;
        top1 = b;
        top1x = x;
      } else if (b > top2) top2 = b;
    }
    for (let x = 0; x < X; x++) {
      const k = v * X + x;
      posterior[k] = mass[k]! / total;
      const without = x === top1x ? top2 : top1;
      const with_ = best[k]!;
      logGLR[k] =
        with_ === Number.NEGATIVE_INFINITY
          ? Number.NEGATIVE_INFINITY
          : without === Number.NEGATIVE_INFINITY
            ? Number.POSITIVE_INFINITY
            : with_ - without;
    }
  }
  return { nVictims, nMissing, posterior, logGLR, assignments: count };
}
