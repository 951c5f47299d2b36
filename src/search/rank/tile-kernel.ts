/**
 * The ranking kernel: one tile of the all-against-all search, remains `r0..r1` (in id order)
 * against entries `e0..e1`. `rankAll` is this kernel over a single tile on the calling thread;
 * the worker pool runs the same kernel over many tiles on threads.
 *
 * The pass visits pairs row by row (remains in id order, entries in index order) and keeps, per
 * remains and per entry, a running state: the best and second-best compatible ln LR (first
 * index wins a tie), a running log-sum-exp (m, s) — the posterior denominators, whose floating
 * point value depends on the order of the terms — and a bounded best-first list. A tile carries
 * those states in and out, so running tiles in any order that respects "tile (i, j) after
 * (i−1, j) and (i, j−1)" (a wavefront) applies every update in the order of the single-tile pass
 * and reproduces its result bit for bit. Row state per remains: [m, s, best, second, bestEntry];
 * column state per entry: [max, sum, best, second, bestRemains].
 *
 * @module
 */

/**
 * What the kernel reads of an index: sex codes, tie-break keys and the scoring of one remains
 * against a run of entries. Implemented over a search index in-thread (`rank-all.ts`) and over a
 * packed buffer in a worker (`workers/scoring-view.ts`), with the same arithmetic.
 */
export interface RankView {
  /** Sex code per entry: 1 male, 2 female. */
  readonly entrySex: Uint8Array;
  /** Tie-break key per entry: its rank in `family\0missing` order (see {@link entryKeyRanks}). */
  readonly entryKeyRank: Int32Array;
  /** Sex code per remains (id order): 0 unknown, 1 male, 2 female. */
  readonly remainsSex: Uint8Array;
  /** Tie-break key per remains: its position in id order (0, 1, 2, …). */
  readonly remainsOrder: Int32Array;
  /**
   * ln LR of remains `r` against entries `e0..e1`, into `out[0 .. e1−e0]`.
   *
   * @returns `out`
   */
  scoreRange(r: number, e0: number, e1: number, out: Float64Array): Float64Array;
}

/**
 * The tie-break key of each entry: its rank when entries are sorted by `family\0missing` (code
 * unit order; equal keys by position).
 *
 * @param entries - the entries, in index order
 * @returns rank per entry
 * @example
 * ```ts
 * entryKeyRanks([{ family: 'F2', missing: 'M' }, { family: 'F1', missing: 'M' }]); // => Int32Array [1, 0]
 * ```
 */
export function entryKeyRanks(
  entries: readonly { readonly family: string; readonly missing: string }[],
): Int32Array {
  const keys = entries.map((e, i) => ({ key: `${e.family}\u0000${e.missing}`, i }));
  keys.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.i - b.i));
  const out = new Int32Array(entries.length);
  keys.forEach(({ i }, rank) => {
    out[i] = rank;
  });
  return out;
}

/** Values per row or column in a tile state. */
export const STATE_WIDTH = 5;

/** Per-search constants of the kernel. */
export interface TileSearch {
  /** List sex-mismatched pairs (`sexMismatch: 'flag'`). */
  readonly flag: boolean;
  /** List length per remains (min(top, entries)). */
  readonly rowK: number;
  /** List length per entry (min(top, remains)). */
  readonly colK: number;
  /** ln prior of each entry for a remains of sex code 0 (unknown), 1 (male), 2 (female). */
  readonly logPrior: readonly [Float64Array, Float64Array, Float64Array];
}

/** Best-first bounded lists, `k` slots per owner: counts, other-side indices and ln LRs. */
export interface TopLists {
  readonly count: Int32Array;
  readonly index: Int32Array;
  readonly lnLR: Float64Array;
}

/** A tile and its running states (rows r0..r1, columns e0..e1), updated in place. */
export interface TileTask {
  readonly r0: number;
  readonly r1: number;
  readonly e0: number;
  readonly e1: number;
  readonly rows: Float64Array;
  readonly rowTop: TopLists;
  readonly cols: Float64Array;
  readonly colTop: TopLists;
}

/**
 * Offer (lnLR, item) to owner `o`'s list, best first: higher ln LR, then lower key `keys[item]`.
 * A full list drops the new item unless it beats the last one.
 */
function _offer(
  t: TopLists,
  o: number,
  k: number,
  L: number,
  item: number,
  keys: Int32Array,
): void {
  const base = o * k;
  let n = t.count[o]!;
  const key = keys[item]!;
  if (n === k) {
    const last = base + k - 1;
    const ll = t.lnLR[last]!;
    if (L < ll || (L === ll && key >= keys[t.index[last]!]!)) return;
    n = k - 1;
  }
  let i = base + n;
  while (i > base) {
    const lj = t.lnLR[i - 1]!;
    if (L < lj || (L === lj && key >= keys[t.index[i - 1]!]!)) break;
    t.lnLR[i] = lj;
    t.index[i] = t.index[i - 1]!;
    i--;
  }
  t.lnLR[i] = L;
  t.index[i] = item;
  t.count[o] = n + 1;
}

/**
 * Run one tile (see module doc), updating `task`'s states in place.
 *
 * @param view - scoring views of the packed index
 * @param search - per-search constants
 * @param task - the tile and its incoming states
 * @returns `task`, with its states carried past this tile
 * @example
 * ```ts
 * runTile(view, search, task).rows[2]; // => best compatible ln LR of remains r0 so far
 * ```
 */
export function runTile(view: RankView, search: TileSearch, task: TileTask): TileTask {
  const { r0, r1, e0, e1, rows, cols, rowTop, colTop } = task;
  const { flag, rowK, colK } = search;
  const W = STATE_WIDTH;
  const eSex = view.entrySex;
  const keyRank = view.entryKeyRank;
  const scores = _scratch(e1 - e0);
  for (let ri = r0; ri < r1; ri++) {
    const cSex = view.remainsSex[ri]!;
    const logPrior = search.logPrior[cSex as 0 | 1 | 2];
    view.scoreRange(ri, e0, e1, scores);
    const ro = ri - r0;
    let m = rows[W * ro]!;
    let s = rows[W * ro + 1]!;
    let best = rows[W * ro + 2]!;
    let second = rows[W * ro + 3]!;
    let bestE = rows[W * ro + 4]!;
    for (let e = e0; e < e1; e++) {
      const ok = cSex === 0 || cSex === eSex[e];
      if (!ok && !flag) continue;
      const co = e - e0;
      const L = scores[co]!;
      _offer(rowTop, ro, rowK, L, e, keyRank);
      _offer(colTop, co, colK, L, ri, view.remainsOrder);
      if (!ok || L === Number.NEGATIVE_INFINITY) continue;
      if (L > best) {
        second = best;
        best = L;
        bestE = e;
      } else if (L > second) second = L;
      const cb = W * co;
      if (L > cols[cb + 2]!) {
        cols[cb + 3] = cols[cb + 2]!;
        cols[cb + 2] = L;
        cols[cb + 4] = ri;
      } else if (L > cols[cb + 3]!) cols[cb + 3] = L;
      // Running log-sum-exp. A term below e^-37 relative to a sum >= 1 is below half an ulp and
      // would not change the floating-point sum, so skipping its exp() changes nothing.
      const dc = L - cols[cb]!;
      if (dc > 0) {
        cols[cb + 1] = cols[cb + 1]! * Math.exp(-dc) + 1;
        cols[cb] = L;
      } else if (dc > -37) cols[cb + 1] = cols[cb + 1]! + Math.exp(dc);
      const t = logPrior[e]! + L;
      if (t === Number.NEGATIVE_INFINITY) continue;
      if (t > m) {
        s = s * Math.exp(m - t) + 1;
        m = t;
      } else if (t - m > -37) s += Math.exp(t - m);
    }
    rows[W * ro] = m;
    rows[W * ro + 1] = s;
    rows[W * ro + 2] = best;
    rows[W * ro + 3] = second;
    rows[W * ro + 4] = bestE;
  }
  return task;
}

let _buffer = new Float64Array(0);

/** A reusable scratch array of at least n doubles (one tile runs at a time per thread). */
function _scratch(n: number): Float64Array {
  if (_buffer.length < n) _buffer = new Float64Array(n);
  return _buffer;
}
