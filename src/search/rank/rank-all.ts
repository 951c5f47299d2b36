/**
 * Rank every remains against every indexed missing person in one streaming pass (memory
 * O(remains·top + missing persons·top), never the full matrix): the best missing persons per
 * remains, the best remains per family, and the undisputed identifications.
 *
 * Undisputed (dvir's `findUndisputed`, non-strict, one pass): the pair V = M is undisputed with
 * threshold T when LR(V, M) ≥ T and LR(V, M) ≥ T · LR for every other sex-compatible pair
 * involving V or M (Vigeland & Egeland 2021, doi:10.1016/j.fsigen.2021.102562; dvir 3.x
 * documentation). Sex-mismatched pairs (flagged or excluded) are never competitors.
 *
 * @module
 */
import type { Candidate } from '../index/candidate.js';
import type { IndexEntry } from '../index/family.js';
import type { SearchIndex } from '../index/search-index.js';
import {
  _compareScored,
  _isUndisputed,
  _logPriors,
  _makeHit,
  _resolveOptions,
  type RankOptions,
  type SearchHit,
} from './hit.js';

/** Result of {@link rankAll}. */
export interface RankAllResult {
  /** Per remains id (sorted), its best missing persons. */
  readonly byRemains: ReadonlyMap<string, readonly SearchHit[]>;
  /** Per family name (sorted), its best remains over all its missing persons. */
  readonly byFamily: ReadonlyMap<string, readonly SearchHit[]>;
  /** Every undisputed pair, by remains id. */
  readonly undisputed: readonly SearchHit[];
}

interface _Scored {
  /** The other side: entry position (row lists) or remains index (entry lists). */
  readonly other: number;
  readonly lnLR: number;
}

/** Order of two scored items: higher ln LR first, then `tie` (ascending). */
type _Tie = (a: number, b: number) => number;

/** True when (lnLR, other) ranks after item x: lower ln LR, or equal and a later tie key. */
function _after(lnLR: number, other: number, x: _Scored, tie: _Tie): boolean {
  return lnLR < x.lnLR || (lnLR === x.lnLR && tie(other, x.other) > 0);
}

/**
 * Offer an item to a list kept sorted and bounded to `k` (best first). Callers reject most items
 * before calling (ln LR below a full list's last).
 */
function _offer(list: _Scored[], other: number, lnLR: number, k: number, tie: _Tie): void {
  const n = list.length;
  if (n === k && _after(lnLR, other, list[n - 1]!, tie)) return;
  let i = n === k ? n - 1 : n;
  if (n < k) list.push({ other, lnLR });
  while (i > 0 && !_after(lnLR, other, list[i - 1]!, tie)) {
    list[i] = list[i - 1]!;
    i--;
  }
  list[i] = { other, lnLR };
}

/**
 * Rank all remains against all missing persons (see module doc).
 *
 * @param index - the search index
 * @param options - thresholds, undisputed factor, sex policy, priors, top (default 10), per-locus
 * @returns best hits per remains and per family, and the undisputed pairs
 * @throws KindredError `INVALID_ARGUMENT` for invalid options
 * @example
 * ```ts
 * rankAll(index).undisputed.map((h) => `${h.remains}=${h.missing}`); // => ['V2=M2']
 * ```
 */
export function rankAll(index: SearchIndex, options: RankOptions = {}): RankAllResult {
  const r = _resolveOptions(options);
  const k = options.top ?? 10;
  const entries = index.entries;
  const E = entries.length;
  const remains = [...index.remains].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const colBest = new Float64Array(E).fill(Number.NEGATIVE_INFINITY);
  const colSecond = new Float64Array(E).fill(Number.NEGATIVE_INFINITY);
  const colBestR = new Int32Array(E).fill(-1);
  // Running log-sum-exp of the compatible LRs per entry (flat posterior in the family direction).
  const colMax = new Float64Array(E); // starts at 0 = ln LR of "none" (prior ratio 1)
  const colSum = new Float64Array(E).fill(1);
  const entryTop: _Scored[][] = entries.map(() => []);
  const rowTop: _Scored[][] = [];
  const rowInfo: {
    best: number;
    bestE: number;
    second: number;
    logDen: number;
    logPrior: Float64Array;
  }[] = [];
  const scores = new Float64Array(E);
  const entrySex = Uint8Array.from(entries, (e) => (e.sex === 'male' ? 1 : 2));
  const entryKey = entries.map((e) => `${e.family}\u0000${e.missing}`);
  const byEntryKey: _Tie = (a, b) =>
    entryKey[a]! < entryKey[b]! ? -1 : entryKey[a]! > entryKey[b]! ? 1 : 0;
  // Remains are processed in id order, so their index orders them by id.
  const byIndex: _Tie = (a, b) => a - b;
  // Priors depend on the remains only through its sex: at most three arrays.
  const priorCache = new Map<string, { logPrior: Float64Array; logNone: number }>();
  remains.forEach((c, ri) => {
    index.score(c, scores);
    const sexKey = c.sex ?? 'unknown';
    let priors = priorCache.get(sexKey);
    if (priors === undefined) {
      priors = _logPriors(entries, (e) => _compatible(c, e), r);
      priorCache.set(sexKey, priors);
    }
    const { logPrior, logNone } = priors;
    let best = Number.NEGATIVE_INFINITY;
    let second = Number.NEGATIVE_INFINITY;
    let bestE = -1;
    let m = logNone;
    let s = 1;
    if (m === Number.NEGATIVE_INFINITY) s = 0;
    const top: _Scored[] = [];
    const code = c.sex === undefined ? 0 : c.sex === 'male' ? 1 : 2;
    for (let e = 0; e < E; e++) {
      const ok = code === 0 || entrySex[e] === code;
      if (!ok && !r.flag) continue;
      const L = scores[e]!;
      // Cheap rejection before the (rare) sorted insertions.
      if (top.length < k || L >= top[k - 1]!.lnLR) _offer(top, e, L, k, byEntryKey);
      const et = entryTop[e]!;
      if (et.length < k || L >= et[k - 1]!.lnLR) _offer(et, ri, L, k, byIndex);
      if (!ok || L === Number.NEGATIVE_INFINITY) continue;
      if (L > best) {
        second = best;
        best = L;
        bestE = e;
      } else if (L > second) second = L;
      if (L > colBest[e]!) {
        colSecond[e] = colBest[e]!;
        colBest[e] = L;
        colBestR[e] = ri;
      } else if (L > colSecond[e]!) colSecond[e] = L;
      // Running log-sum-exp. A term below e^-37 relative to a sum >= 1 is below half an ulp and
      // would not change the floating-point sum, so skipping its exp() changes nothing.
      const dc = L - colMax[e]!;
      if (dc > 0) {
        colSum[e] = colSum[e]! * Math.exp(-dc) + 1;
        colMax[e] = L;
      } else if (dc > -37) colSum[e] = colSum[e]! + Math.exp(dc);
      const t = logPrior[e]! + L;
      if (t === Number.NEGATIVE_INFINITY) continue;
      if (t > m) {
        s = s * Math.exp(m - t) + 1;
        m = t;
      } else if (t - m > -37) s += Math.exp(t - m);
    }
    rowTop.push(top);
    rowInfo.push({ best, bestE, second, logDen: m + Math.log(s), logPrior });
  });
  const undisputedPair = (ri: number, e: number, L: number): boolean => {
    const info = rowInfo[ri]!;
    const rowComp = info.bestE === e ? info.second : info.best;
    const colComp = colBestR[e] === ri ? colSecond[e]! : colBest[e]!;
    return _isUndisputed(r, L, rowComp, colComp);
  };
  // An undisputed pair is the best compatible pair of its remains and of its missing person.
  const undisputedE = new Int32Array(remains.length).fill(-1);
  rowInfo.forEach((info, ri) => {
    if (info.bestE >= 0 && undisputedPair(ri, info.bestE, info.best)) undisputedE[ri] = info.bestE;
  });
  const byRemains = new Map<string, SearchHit[]>();
  const undisputed: SearchHit[] = [];
  remains.forEach((c, ri) => {
    const info = rowInfo[ri]!;
    const hitOf = (e: number, lnLR: number, pos: number): SearchHit =>
      _makeHit(
        c,
        entries[e]!,
        lnLR,
        pos,
        Math.exp(info.logPrior[e]! + lnLR - info.logDen),
        undisputedE[ri] === e,
        r,
        index,
      );
    const hits = rowTop[ri]!.map((h, pos) => hitOf(h.other, h.lnLR, pos + 1));
    byRemains.set(c.id, hits);
    const u = undisputedE[ri]!;
    if (u >= 0) undisputed.push(hits.find((h) => h.undisputed) ?? hitOf(u, info.best, 1));
  });
  const byFamily = new Map<string, SearchHit[]>();
  const byName = new Map<string, number[]>();
  entries.forEach((entry, e) => {
    const list = byName.get(entry.family);
    if (list === undefined) byName.set(entry.family, [e]);
    else list.push(e);
  });
  for (const name of [...byName.keys()].sort()) {
    const merged: { e: number; h: _Scored }[] = [];
    for (const e of byName.get(name)!) for (const h of entryTop[e]!) merged.push({ e, h });
    // Ties: remains id (= index order), then missing id.
    merged.sort(
      (a, b) =>
        _compareScored(a.h.lnLR, b.h.lnLR, '', '') || a.h.other - b.h.other || byEntryKey(a.e, b.e),
    );
    byFamily.set(
      name,
      merged.slice(0, k).map(({ e, h }, pos) => {
        const c = remains[h.other]!;
        const logDen = colMax[e]! + Math.log(colSum[e]!);
        const und = undisputedE[h.other] === e;
        return _makeHit(c, entries[e]!, h.lnLR, pos + 1, Math.exp(h.lnLR - logDen), und, r, index);
      }),
    );
  }
  return { byRemains, byFamily, undisputed };
}

function _compatible(c: Candidate, e: IndexEntry): boolean {
  return c.sex === undefined || c.sex === e.sex;
}
