/**
 * Ranking one side against the other: for a remains, the best missing persons of every indexed
 * family (`rankFamilies`); for a family, the best remains for its missing persons
 * (`rankRemains`). Both read exact LRs from the {@link SearchIndex}; the full matrix with the
 * undisputed rule is `rankAll` (rank-all.ts).
 *
 * @module
 */

import { logSumExp } from '../../_internal/log-space.js';
import { KindredError } from '../../errors.js';
import type { Candidate } from '../index/candidate.js';
import type { IndexEntry } from '../index/family.js';
import type { SearchIndex } from '../index/search-index.js';
import {
  _compareScored,
  _logPriors,
  _makeHit,
  _resolveOptions,
  type RankOptions,
  type SearchHit,
} from './hit.js';

export type { LocusHit, RankOptions, SearchHit } from './hit.js';

/**
 * The missing persons of every indexed family, best first, for one remains.
 *
 * Posterior of candidate i: π_i LR_i / (π_0 + Σ_j π_j LR_j) over the sex-compatible candidates
 * (flat priors by default, or `familyPriors`). Ties are broken by family name, then missing id.
 *
 * @param index - the search index
 * @param remains - an indexed remains id, or an encoded candidate
 * @param options - thresholds, sex policy, priors, top, per-locus detail
 * @returns the hits, best first
 * @throws KindredError `INVALID_ARGUMENT` for an unknown remains id or invalid options
 * @example
 * ```ts
 * rankFamilies(index, 'V1', { top: 3 }).map((h) => h.missing); // => ['M2', 'M1', 'M3']
 * ```
 */
export function rankFamilies(
  index: SearchIndex,
  remains: string | Candidate,
  options: RankOptions = {},
): SearchHit[] {
  const r = _resolveOptions(options);
  const c = typeof remains === 'string' ? _requireRemains(index, remains) : remains;
  const entries = index.entries;
  const scores = index.score(c);
  const compatible = (e: IndexEntry): boolean => c.sex === undefined || c.sex === e.sex;
  const { logPrior, logNone } = _logPriors(entries, compatible, r);
  const terms: number[] = [logNone];
  const keep: number[] = [];
  entries.forEach((e, i) => {
    if (compatible(e)) {
      terms.push(logPrior[i]! + scores[i]!);
      keep.push(i);
    } else if (r.flag) keep.push(i);
  });
  const logDen = logSumExp(terms);
  const key = (i: number): string => `${entries[i]!.family}\u0000${entries[i]!.missing}`;
  keep.sort((a, b) => _compareScored(scores[a]!, scores[b]!, key(a), key(b)));
  const top = keep.slice(0, options.top ?? keep.length);
  return top.map((i, k) =>
    _makeHit(
      c,
      entries[i]!,
      scores[i]!,
      k + 1,
      Math.exp(logPrior[i]! + scores[i]! - logDen),
      false,
      r,
      index,
    ),
  );
}

/**
 * The remains that best match the missing persons of one family, best first.
 *
 * Posterior of remains r for missing person m: LR(r, m) / (1 + Σ_r' LR(r', m)) over the
 * sex-compatible remains (flat prior over the remains and "none of them"). Ties are broken by
 * remains id, then missing id.
 *
 * @param index - the search index
 * @param family - an indexed family name
 * @param options - thresholds, sex policy, top, per-locus detail (`familyPriors` is not used)
 * @returns the hits, best first
 * @throws KindredError `INVALID_ARGUMENT` for an unknown family or invalid options
 * @example
 * ```ts
 * rankRemains(index, 'F1', { top: 1 })[0]?.remains; // => 'V3'
 * ```
 */
export function rankRemains(
  index: SearchIndex,
  family: string,
  options: RankOptions = {},
): SearchHit[] {
  const r = _resolveOptions(options);
  const entries = index.family(family);
  if (entries === undefined) {
    throw new KindredError('INVALID_ARGUMENT', `Family "${family}" is not in the index`, {
      path: ['families', family],
    });
  }
  const remains = index.remains;
  const rows: { c: Candidate; e: IndexEntry; lnLR: number; ok: boolean }[] = [];
  const logDen = new Map<IndexEntry, number>();
  for (const e of entries) {
    const terms = [0];
    for (const c of remains) {
      const ok = c.sex === undefined || c.sex === e.sex;
      if (!ok && !r.flag) continue;
      const lnLR = index.scorePair(c, e);
      if (ok) terms.push(lnLR);
      rows.push({ c, e, lnLR, ok });
    }
    logDen.set(e, logSumExp(terms));
  }
  rows.sort((a, b) =>
    _compareScored(
      a.lnLR,
      b.lnLR,
      `${a.c.id}\u0000${a.e.missing}`,
      `${b.c.id}\u0000${b.e.missing}`,
    ),
  );
  return rows
    .slice(0, options.top ?? rows.length)
    .map((row, k) =>
      _makeHit(
        row.c,
        row.e,
        row.lnLR,
        k + 1,
        row.ok ? Math.exp(row.lnLR - logDen.get(row.e)!) : 0,
        false,
        r,
        index,
      ),
    );
}

function _requireRemains(index: SearchIndex, id: string): Candidate {
  const c = index.getRemains(id);
  if (c === undefined) {
    throw new KindredError('INVALID_ARGUMENT', `Remains "${id}" is not in the index`, {
      path: ['victims', id],
    });
  }
  return c;
}
