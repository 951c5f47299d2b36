/**
 * The last step of a tiled search, on the main thread: from the final row and column states
 * (`rank-state.ts`) build rankAll's result — hit records, posteriors, the undisputed pairs and
 * the per-family lists — with the same expressions, in the same order, as the end of `rankAll`
 * in search/rank-all.ts, so both give identical objects.
 *
 * Undisputed (Vigeland & Egeland 2021, doi:10.1016/j.fsigen.2021.102562): V = M when
 * LR(V, M) ≥ match threshold and LR(V, M) ≥ T · LR of every other compatible pair of V or of M.
 *
 * @module
 */
import type { RankAllResult } from '../search/rank-all.js';
import { _compareScored, _makeHit, type SearchHit } from '../search/rank-hit.js';
import type { RankState } from './rank-state.js';
import { STATE_WIDTH } from './tile-kernel.js';

interface _Row {
  readonly best: number;
  readonly bestE: number;
  readonly second: number;
  readonly logDen: number;
  readonly logPrior: Float64Array;
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
  const { shared, resolved: r, top: k, rows, cols, rowTop, colTop } = state;
  const { rowK, colK, logPrior } = state.search;
  const entries = shared.entries;
  const remains = shared.remains;
  const index = shared.index;
  const W = STATE_WIDTH;
  const rowInfo: _Row[] = remains.map((c, ri) => ({
    best: rows[W * ri + 2]!,
    bestE: rows[W * ri + 4]!,
    second: rows[W * ri + 3]!,
    logDen: rows[W * ri]! + Math.log(rows[W * ri + 1]!),
    logPrior: logPrior[c.sex === undefined ? 0 : c.sex === 'male' ? 1 : 2],
  }));
  const undisputedPair = (ri: number, e: number, L: number): boolean => {
    const info = rowInfo[ri]!;
    const rowComp = info.bestE === e ? info.second : info.best;
    const colComp = cols[W * e + 4] === ri ? cols[W * e + 3]! : cols[W * e + 2]!;
    const t = r.logUndisputed;
    return L >= Math.log(r.thresholds.match) && L - rowComp >= t && L - colComp >= t;
  };
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
    const hits: SearchHit[] = [];
    for (let p = 0; p < rowTop.count[ri]!; p++) {
      hits.push(hitOf(rowTop.index[ri * rowK + p]!, rowTop.lnLR[ri * rowK + p]!, p + 1));
    }
    byRemains.set(c.id, hits);
    const u = undisputedE[ri]!;
    if (u >= 0) undisputed.push(hits.find((h) => h.undisputed) ?? hitOf(u, info.best, 1));
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
      for (let p = 0; p < colTop.count[e]!; p++) {
        merged.push({ e, ri: colTop.index[e * colK + p]!, lnLR: colTop.lnLR[e * colK + p]! });
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
        const logDen = cols[W * e]! + Math.log(cols[W * e + 1]!);
        const und = undisputedE[ri] === e;
        return _makeHit(
          remains[ri]!,
          entries[e]!,
          lnLR,
          pos + 1,
          Math.exp(lnLR - logDen),
          und,
          r,
          index,
        );
      }),
    );
  }
  return { byRemains, byFamily, undisputed };
}
