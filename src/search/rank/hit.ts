/**
 * The hit record of a search ranking, its options, and the deterministic order of hits (log10 LR
 * descending, exclusions last, ties broken by ids in code-unit order).
 *
 * @module
 */
import { KindredError } from '../../errors.js';
import type { Candidate } from '../index/candidate.js';
import { sexCheck } from '../index/candidate.js';
import type { IndexEntry } from '../index/family.js';
import { countLoci } from '../index/scoring.js';
import type { SearchIndex } from '../index/search-index.js';
import {
  categorize,
  type MatchCategory,
  resolveThresholds,
  type Thresholds,
  verbalScale,
} from './categories.js';

/** Options of the ranking functions. */
export interface RankOptions {
  /** LR from which a pair is a match (default 10,000). */
  readonly matchThreshold?: number;
  /** LR from which a pair is probable (default 1,000, or the match threshold if lower). */
  readonly probableThreshold?: number;
  /** LR factor of the undisputed rule (default: the match threshold). */
  readonly undisputedThreshold?: number;
  /** Pairs whose sexes differ: left out (default) or listed with `sex: 'mismatch'`. */
  readonly sexMismatch?: 'exclude' | 'flag';
  /**
   * Prior probability that a remains belongs to each family (split equally among the family's
   * sex-compatible missing persons; unlisted families get 0; "none of them" gets 1 − Σ). Default:
   * flat, every compatible candidate and "none" equally likely.
   */
  readonly familyPriors?: ReadonlyMap<string, number>;
  /** Keep the best `top` hits per list (default: all for one list, 10 for `rankAll`). */
  readonly top?: number;
  /** Attach per-locus LRs to each hit (default false). */
  readonly perLocus?: boolean;
}

/** One locus of a hit. */
export interface LocusHit {
  readonly locus: string;
  /** log10 LR at the locus; null for LR 0. */
  readonly log10LR: number | null;
  readonly compared: boolean;
  /** Consistent without mutation; null when the index was built without consistency bits. */
  readonly consistent: boolean | null;
  /**
   * True when the remains were treated as degraded here (drop-out or drop-in, or a locus with a
   * silent allele; degraded-dna.md): the LR is a weighted sum over their possible genotypes.
   */
  readonly degraded: boolean;
  /**
   * True when the family's side was treated as degraded here (a relative or direct reference
   * with drop-out or drop-in typed at the locus, or a silent allele): the missing person's LRs
   * there include their observation factors.
   */
  readonly referenceDegraded: boolean;
}

/** One remains–missing person pair in a ranking. */
export interface SearchHit {
  readonly remains: string;
  readonly family: string;
  readonly missing: string;
  /** 1-based position in its list. */
  readonly rank: number;
  /** log10 LR; null for LR 0. */
  readonly log10LR: number | null;
  readonly category: MatchCategory;
  /** ENFSI verbal equivalent. */
  readonly verbal: string;
  /** Posterior probability of the pair within its list (0 for sex mismatches). */
  readonly posterior: number;
  /** Loci where the remains is typed and the family has data. */
  readonly lociCompared: number;
  /**
   * Loci inconsistent with the family without mutation; null when the index was built without
   * the consistency pass (`SearchIndexOptions.consistency`).
   */
  readonly lociInconsistent: number | null;
  readonly sex: 'match' | 'mismatch' | 'unknown';
  /** True when the undisputed rule holds (only computed by `rankAll`; false elsewhere). */
  readonly undisputed: boolean;
  readonly loci?: readonly LocusHit[];
}

/** Resolved options. */
export interface _Resolved {
  readonly thresholds: Thresholds;
  readonly logUndisputed: number;
  readonly flag: boolean;
  readonly perLocus: boolean;
  readonly priors: ReadonlyMap<string, number> | undefined;
}

/** Validate and fill in defaults. */
export function _resolveOptions(options: RankOptions): _Resolved {
  const thresholds = resolveThresholds(options.matchThreshold, options.probableThreshold);
  const u = options.undisputedThreshold ?? thresholds.match;
  if (!(Number.isFinite(u) && u >= 1)) {
    throw new KindredError('INVALID_ARGUMENT', `undisputedThreshold must be >= 1, got ${u}`, {
      path: ['undisputedThreshold'],
    });
  }
  if (options.top !== undefined && !(Number.isInteger(options.top) && options.top >= 1)) {
    throw new KindredError(
      'INVALID_ARGUMENT',
      `top must be a positive integer, got ${options.top}`,
      {
        path: ['top'],
      },
    );
  }
  let total = 0;
  for (const [name, p] of options.familyPriors ?? []) {
    if (!(p >= 0 && p <= 1)) {
      throw new KindredError(
        'INVALID_ARGUMENT',
        `Prior of family "${name}" must be in [0, 1], got ${p}`,
        {
          path: ['familyPriors', name],
        },
      );
    }
    total += p;
  }
  if (total > 1 + 1e-12) {
    throw new KindredError('INVALID_ARGUMENT', `Family priors sum to ${total}, above 1`, {
      path: ['familyPriors'],
    });
  }
  return {
    thresholds,
    logUndisputed: Math.log(u),
    flag: options.sexMismatch === 'flag',
    perLocus: options.perLocus ?? false,
    priors: options.familyPriors,
  };
}

/**
 * The undisputed rule: the pair's ln LR `L` reaches the match threshold and exceeds by at least
 * ln(undisputedThreshold) both the best other ln LR of its remains (`rowRival`) and of its
 * missing person (`colRival`).
 */
export function _isUndisputed(
  r: _Resolved,
  L: number,
  rowRival: number,
  colRival: number,
): boolean {
  const t = r.logUndisputed;
  return L >= Math.log(r.thresholds.match) && L - rowRival >= t && L - colRival >= t;
}

/** Total order of hits: higher ln LR first, then the given ids (code-unit order). */
export function _compareScored(la: number, lb: number, ida: string, idb: string): number {
  if (la !== lb) return la > lb ? -1 : 1;
  return ida < idb ? -1 : ida > idb ? 1 : 0;
}

/** Build one hit record. */
export function _makeHit(
  c: Candidate,
  e: IndexEntry,
  lnLR: number,
  rank: number,
  posterior: number,
  undisputed: boolean,
  r: _Resolved,
  index: SearchIndex,
): SearchHit {
  const log10LR = lnLR === Number.NEGATIVE_INFINITY ? null : lnLR / Math.LN10;
  const counts = countLoci(c, e);
  const sex = sexCheck(c.sex, e.sex);
  const hit: SearchHit = {
    remains: c.id,
    family: e.family,
    missing: e.missing,
    rank,
    log10LR,
    category: categorize(log10LR, r.thresholds),
    verbal: verbalScale(log10LR),
    posterior: sex === 'mismatch' ? 0 : posterior,
    lociCompared: counts.compared,
    lociInconsistent: counts.inconsistent,
    sex,
    undisputed,
  };
  if (!r.perLocus) return hit;
  const loci = index.scoreLoci(c, e).map((row) => ({
    locus: row.locus,
    log10LR: row.logLR === Number.NEGATIVE_INFINITY ? null : row.logLR / Math.LN10,
    compared: row.compared,
    consistent: row.consistent,
    degraded: row.degraded === true,
    referenceDegraded: row.referenceDegraded,
  }));
  return { ...hit, loci };
}

/** ln prior of each entry for a remains (flat, or from family priors), and ln prior of "none". */
export function _logPriors(
  entries: readonly IndexEntry[],
  compatible: (e: IndexEntry) => boolean,
  r: _Resolved,
): { logPrior: Float64Array; logNone: number } {
  const logPrior = new Float64Array(entries.length).fill(Number.NEGATIVE_INFINITY);
  if (r.priors === undefined) {
    let n = 0;
    for (const e of entries) if (compatible(e)) n++;
    const flat = -Math.log(n + 1);
    entries.forEach((e, i) => {
      if (compatible(e)) logPrior[i] = flat;
    });
    return { logPrior, logNone: flat };
  }
  const perFamily = new Map<string, number>();
  for (const e of entries)
    if (compatible(e)) perFamily.set(e.family, (perFamily.get(e.family) ?? 0) + 1);
  // Families without a compatible candidate keep their prior mass (their LR is 0).
  let used = 0;
  for (const p of r.priors.values()) used += p;
  entries.forEach((e, i) => {
    const p = r.priors!.get(e.family);
    if (compatible(e) && p !== undefined && p > 0)
      logPrior[i] = Math.log(p / perFamily.get(e.family)!);
  });
  const none = Math.max(0, 1 - used);
  return { logPrior, logNone: none > 0 ? Math.log(none) : Number.NEGATIVE_INFINITY };
}
