/**
 * The last step of a ranking, on the calling thread: from the final row and column states
 * (`rank-state.ts`) build rankAll's result — hit records, posteriors, the undisputed pairs and
 * the per-family lists. `rankAll` and the worker pool both end here.
 *
 * The per-remains hits of a finished tile-row can be built early, while other tiles still run
 * ({@link prepareRowHits}); they are built as not undisputed, and the one hit per remains that
 * turns out undisputed is rebuilt at the end with the flag set.
 *
 * Undisputed (Vigeland & Egeland 2021, doi:10.1016/j.fsigen.2021.102562): V = M when
 * LR(V, M) ≥ match threshold and LR(V, M) ≥ T · LR of every other compatible pair of V or of M.
 *
 * @module
 */

import { _compareScored, _isUndisputed, _makeHit, type SearchHit } from './hit.js';
import type { RankAllResult } from './rank-all.js';
import { type RankState, stateOf } from './rank-state.js';
import { STATE_WIDTH, type TopLists } from './tile-kernel.js';

interface _Row {
  readonly best: number;
  readonly bestE: number;
  readonly second: number;
  readonly logDen: number;
  readonly logPrior: Float64Array;
}

/** The final state of remains ri, as rankAll keeps it per row. */
function _row(state: RankState, ri: number): _Row {
  const { s, o } = stateOf(state, 'row', ri);
  const W = STATE_WIDTH;
  const c = state.source.remains[ri]!;
  return {
    best: s[W * o + 2]!,
    bestE: s[W * o + 4]!,
    second: s[W * o + 3]!,
    // ln(prior of "none" + Σ prior·LR): the posterior denominator of the row.
    logDen: s[W * o]! + Math.log(s[W * o + 1]!),
    logPrior: state.search.logPrior[c.sex === undefined ? 0 : c.sex === 'male' ? 1 : 2],
  };
}

/** Hit number p of remains ri's list (`top`, position `o` in its block), with the given flag. */
function _rowHit(
  state: RankState,
  ri: number,
  info: _Row,
  top: TopLists,
  at: number,
  p: number,
  und: boolean,
): SearchHit {
  const e = top.index[at]!;
  const lnLR = top.lnLR[at]!;
  const posterior = Math.exp(info.logPrior[e]! + lnLR - info.logDen);
  const c = state.source.remains[ri]!;
  const entry = state.source.entries[e]!;
  return _makeHit(c, entry, lnLR, p + 1, posterior, und, state.resolved, state.source.index);
}

/**
 * Build the hit lists of remains `r0..r1` once their rows are final (every tile of their
 * tile-row done), as not undisputed; {@link assembleRankAll} fixes the undisputed one.
 *
 * @param state - search states, rows r0..r1 final
 * @param r0 - first remains (packed order)
 * @param r1 - end (exclusive)
 * @example
 * ```ts
 * prepareRowHits(state, 0, 500); // state.rowHits[0..500] filled
 * ```
 */
export function prepareRowHits(state: RankState, r0: number, r1: number): void {
  for (let ri = r0; ri < r1; ri++) {
    const info = _row(state, ri);
    const { top, o } = stateOf(state, 'row', ri);
    const hits: SearchHit[] = [];
    const base = o * state.search.rowK;
    for (let p = 0; p < top.count[o]!; p++)
      hits.push(_rowHit(state, ri, info, top, base + p, p, false));
    state.rowHits[ri] = hits;
  }
}

/**
 * Build rankAll's result from finished states.
 *
 * @param state - states after every tile ran
 * @returns best hits per remains and per family, and the undisputed pairs
 * @example
 * ```ts
 * assembleRankAll(finishedState).undisputed.map((h) => h.remains); // => ['V2']
 * ```
 */
export function assembleRankAll(state: RankState): RankAllResult {
  const { source, resolved: r, top: k } = state;
  const { colK } = state.search;
  const entries = source.entries;
  const remains = source.remains;
  const index = source.index;
  const W = STATE_WIDTH;
  const col = (e: number) => stateOf(state, 'col', e);
  const rowInfo = remains.map((_, ri) => _row(state, ri));
  const undisputedPair = (ri: number, e: number, L: number): boolean => {
    const info = rowInfo[ri]!;
    const rowComp = info.bestE === e ? info.second : info.best;
    const { s, o } = col(e);
    const colComp = s[W * o + 4] === ri ? s[W * o + 3]! : s[W * o + 2]!;
    return _isUndisputed(r, L, rowComp, colComp);
  };
  const undisputedE = new Int32Array(remains.length).fill(-1);
  rowInfo.forEach((info, ri) => {
    if (info.bestE >= 0 && undisputedPair(ri, info.bestE, info.best)) undisputedE[ri] = info.bestE;
  });
  const byRemains = new Map<string, SearchHit[]>();
  const undisputed: SearchHit[] = [];
  remains.forEach((c, ri) => {
    const info = rowInfo[ri]!;
    const u = undisputedE[ri]!;
    const { top, o } = stateOf(state, 'row', ri);
    const hits: SearchHit[] = [];
    const prepared = state.rowHits[ri];
    const base = o * state.search.rowK;
    for (let p = 0; p < top.count[o]!; p++) {
      const und = top.index[base + p] === u;
      hits.push(
        prepared !== undefined && !und
          ? prepared[p]!
          : _rowHit(state, ri, info, top, base + p, p, und),
      );
    }
    byRemains.set(c.id, hits);
    if (u >= 0) {
      const listed = hits.find((h) => h.undisputed);
      const posterior = Math.exp(info.logPrior[u]! + info.best - info.logDen);
      undisputed.push(listed ?? _makeHit(c, entries[u]!, info.best, 1, posterior, true, r, index));
    }
  });
  const byFamily = new Map<string, SearchHit[]>();
  const families = [...new Set(entries.map((e) => e.family))].sort();
  const entryKey = entries.map((e) => `${e.family}\u0000${e.missing}`);
  const byName = new Map<string, number[]>();
  entries.forEach((entry, e) => {
    const list = byName.get(entry.family);
    if (list === undefined) byName.set(entry.family, [e]);
    else list.push(e);
  });
  for (const name of families) {
    const merged: { e: number; ri: number; lnLR: number }[] = [];
    for (const e of byName.get(name)!) {
      const { top, o } = col(e);
      for (let p = 0; p < top.count[o]!; p++) {
        merged.push({ e, ri: top.index[o * colK + p]!, lnLR: top.lnLR[o * colK + p]! });
      }
    }
    // Ties as rankAll: remains id (= packed order), then the entry key family\0missing.
    merged.sort(
      (a, b) =>
        _compareScored(a.lnLR, b.lnLR, '', '') ||
        a.ri - b.ri ||
        _compareScored(0, 0, entryKey[a.e]!, entryKey[b.e]!),
    );
    byFamily.set(
      name,
      merged.slice(0, k).map(({ e, ri, lnLR }, pos) => {
        const { s, o } = col(e);
        const logDen = s[W * o]! + Math.log(s[W * o + 1]!);
        const und = undisputedE[ri] === e;
        const posterior = Math.exp(lnLR - logDen);
        return _makeHit(remains[ri]!, entries[e]!, lnLR, pos + 1, posterior, und, r, index);
      }),
    );
  }
  return { byRemains, byFamily, undisputed };
}
