/**
 * Reading an LR: match / probable categories from configurable thresholds, the verbal scale of
 * the ENFSI Guideline for Evaluative Reporting in Forensic Science (2015, Table p. 17:
 * 2–10 weak, 10–100 moderate, 100–1,000 moderately strong, 1,000–10,000 strong,
 * 10,000–1,000,000 very strong, above 1,000,000 extremely strong support), and posterior
 * probabilities from priors over the candidates.
 *
 * @module
 */
import { logSumExp } from '../../_internal/log-space.js';
import { KindredError } from '../../errors.js';

/** Default LR from which a pair is called a match (dvir's `threshold`). */
export const DEFAULT_MATCH_THRESHOLD = 10_000;
/** Default LR from which a pair is called probable (dvir's `threshold2 = threshold / 10`). */
export const DEFAULT_PROBABLE_THRESHOLD = 1_000;

/** Category of a pair: by threshold, or an exclusion (LR 0). */
export type MatchCategory = 'match' | 'probable' | 'possible' | 'unsupported' | 'excluded';

/** The match and probable thresholds (LR values, not logs). */
export interface Thresholds {
  readonly match: number;
  readonly probable: number;
}

/**
 * Validate thresholds: both finite and > 0, probable ≤ match.
 *
 * @param match - match threshold (default 10,000)
 * @param probable - probable threshold (default 1,000)
 * @returns the thresholds
 * @throws KindredError `INVALID_ARGUMENT` for non-positive values or probable > match
 * @example
 * ```ts
 * resolveThresholds(1e6); // => { match: 1000000, probable: 1000 }
 * ```
 */
export function resolveThresholds(
  match = DEFAULT_MATCH_THRESHOLD,
  probable = Math.min(DEFAULT_PROBABLE_THRESHOLD, match),
): Thresholds {
  for (const [name, v] of [
    ['matchThreshold', match],
    ['probableThreshold', probable],
  ] as const) {
    if (!(Number.isFinite(v) && v > 0)) {
      throw new KindredError('INVALID_ARGUMENT', `${name} must be a positive LR, got ${v}`, {
        path: [name],
      });
    }
  }
  if (probable > match) {
    throw new KindredError(
      'INVALID_ARGUMENT',
      `probableThreshold (${probable}) is above matchThreshold (${match})`,
      { path: ['probableThreshold'] },
    );
  }
  return { match, probable };
}

/**
 * Category of a log10 LR: `match` (LR ≥ match), `probable` (≥ probable), `possible` (> 1),
 * `unsupported` (0 < LR ≤ 1), `excluded` (LR 0, written null).
 *
 * @param log10LR - the log10 LR, or null for LR 0
 * @param thresholds - match and probable LRs
 * @returns the category
 * @example
 * ```ts
 * categorize(3.5, { match: 1e4, probable: 1e3 }); // => 'probable'
 * ```
 */
export function categorize(log10LR: number | null, thresholds: Thresholds): MatchCategory {
  if (log10LR === null) return 'excluded';
  if (log10LR >= Math.log10(thresholds.match)) return 'match';
  if (log10LR >= Math.log10(thresholds.probable)) return 'probable';
  return log10LR > 0 ? 'possible' : 'unsupported';
}

/**
 * The ENFSI (2015) verbal equivalent of an LR, for support of "is the missing person" (LR ≥ 1)
 * or of "is unrelated" (LR < 1, by 1/LR).
 *
 * @param log10LR - the log10 LR, or null for LR 0
 * @returns e.g. `"very strong support"`, `"excluded"`
 * @example
 * ```ts
 * verbalScale(4.2); // => 'very strong support'
 * verbalScale(-1.5); // => 'moderate support against'
 * ```
 */
export function verbalScale(log10LR: number | null): string {
  if (log10LR === null) return 'excluded';
  const x = Math.abs(log10LR);
  const against = log10LR < 0 ? ' against' : '';
  if (x < Math.log10(2)) return 'no support either way';
  if (x < 1) return `weak support${against}`;
  if (x < 2) return `moderate support${against}`;
  if (x < 3) return `moderately strong support${against}`;
  if (x < 4) return `strong support${against}`;
  if (x < 6) return `very strong support${against}`;
  return `extremely strong support${against}`;
}

/**
 * Posterior probabilities of "the remains is candidate i" among N candidates and "none of them":
 *
 *   P(i | data) = π_i LR_i / (π_0 + Σ_j π_j LR_j),
 *
 * with priors π (default flat: π_i = π_0 = 1/(N+1)).
 *
 * @param logLR - natural-log LR per candidate (−Infinity for exclusions)
 * @param logPrior - natural-log prior per candidate (default flat)
 * @param logPriorNone - natural-log prior of "none of them" (default ln 1/(N+1))
 * @returns posterior per candidate (they sum to 1 − P(none))
 * @example
 * ```ts
 * posteriors(Float64Array.of(Math.log(9))); // => [0.9]
 * ```
 */
export function posteriors(
  logLR: ArrayLike<number>,
  logPrior?: ArrayLike<number>,
  logPriorNone?: number,
): number[] {
  const N = logLR.length;
  const flat = -Math.log(N + 1);
  const terms = new Float64Array(N + 1);
  for (let i = 0; i < N; i++) terms[i] = (logPrior === undefined ? flat : logPrior[i]!) + logLR[i]!;
  terms[N] = logPriorNone ?? flat;
  const den = logSumExp(terms);
  return Array.from({ length: N }, (_, i) => Math.exp(terms[i]! - den));
}
