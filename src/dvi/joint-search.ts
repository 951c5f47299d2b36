/**
 * Exact top-K search over joint DVI assignments, given each family's configurations.
 *
 * An assignment picks one configuration per family such that no victim is used twice; its
 * log LR is the sum of the chosen configurations' log LRs (families are independent given the
 * placements). Depth-first branch and bound over families: a family's configurations are tried
 * best first, and a branch is cut only when its upper bound — the sum so far plus the best
 * configuration of every remaining family, ignoring victim conflicts — is strictly below the
 * K-th best complete assignment found so far (with a 1e-10 relative margin against rounding, so
 * the cut is never wrong). The result is exactly the K best (ties in any order).
 *
 * @module
 */

/** One configuration as the search sees it: which victims it uses and its log LR. */
export interface SearchConfiguration {
  /** Victim indices used (distinct). */
  readonly victims: readonly number[];
  /** Log LR (any base, the same for all), finite. */
  readonly logLR: number;
}

/** One complete assignment found. */
export interface RankedChoice {
  /** Per family, the index of the chosen configuration in that family's input list. */
  readonly choice: Int32Array;
  /** Sum of the chosen configurations' log LRs. */
  readonly logLR: number;
}

/** Result of {@link searchTopAssignments}. */
export interface JointSearchResult {
  /** The K best assignments, best first. */
  readonly best: readonly RankedChoice[];
  /** Complete assignments reached (the others were cut by the bound). */
  readonly visited: number;
}

/**
 * Find the `k` best assignments exactly.
 *
 * @param families - per family its configurations; each list must contain a configuration
 *   without victims (log LR 0 is typical) so that every family can stay unidentified
 * @param nVictims - number of victims (indices are 0..nVictims-1)
 * @param k - how many to return (all if fewer exist)
 * @returns the best assignments, descending, and how many complete assignments were reached
 * @example
 * ```ts
 * searchTopAssignments([[{ victims: [0], logLR: 2 }, { victims: [], logLR: 0 }]], 1, 5).best.length; // => 2
 * ```
 */
export function searchTopAssignments(
  families: readonly (readonly SearchConfiguration[])[],
  nVictims: number,
  k: number,
): JointSearchResult {
  const F = families.length;
  const sorted = families.map((configs) =>
    configs.map((c, index) => ({ ...c, index })).sort((a, b) => b.logLR - a.logLR),
  );
  // Families with the largest best configuration first: good assignments are found early.
  const order = sorted.map((_, i) => i).sort((a, b) => sorted[b]![0]!.logLR - sorted[a]![0]!.logLR);
  const rest = new Float64Array(F + 1);
  for (let d = F - 1; d >= 0; d--) rest[d] = rest[d + 1]! + sorted[order[d]!]![0]!.logLR;
  const heap = new _MinHeap(k);
  const used = new Uint8Array(nVictims);
  const chosen = new Int32Array(F).fill(-1);
  const next = new Int32Array(F + 1);
  const sum = new Float64Array(F + 1);
  let visited = 0;
  let depth = 0;
  while (depth >= 0) {
    if (depth === F) {
      visited++;
      if (heap.accepts(sum[F]!)) {
        // Report the sum in the families' input order, so the value does not depend on the
        // search order.
        const choice = new Int32Array(F);
        for (let d = 0; d < F; d++) choice[order[d]!] = sorted[order[d]!]![chosen[d]!]!.index;
        let logLR = 0;
        for (let f = 0; f < F; f++) logLR += families[f]![choice[f]!]!.logLR;
        heap.push({ choice, logLR });
      }
      depth--;
      continue;
    }
    const configs = sorted[order[depth]!]!;
    if (chosen[depth]! >= 0) {
      for (const v of configs[chosen[depth]!]!.victims) used[v] = 0;
      chosen[depth] = -1;
    }
    let advanced = false;
    for (let j = next[depth]!; j < configs.length; j++) {
      const c = configs[j]!;
      if (heap.full && _below(sum[depth]! + c.logLR + rest[depth + 1]!, heap.min)) break;
      if (c.victims.some((v) => used[v] === 1)) continue;
      for (const v of c.victims) used[v] = 1;
      chosen[depth] = j;
      next[depth] = j + 1;
      sum[depth + 1] = sum[depth]! + c.logLR;
      depth++;
      if (depth < F) {
        next[depth] = 0;
        chosen[depth] = -1;
      }
      advanced = true;
      break;
    }
    if (!advanced) depth--;
  }
  return { best: heap.sortedDescending(), visited };
}

/** bound < kth, with a small margin so that rounding never cuts a tie or a better assignment. */
function _below(bound: number, kth: number): boolean {
  return bound < kth - 1e-10 * (1 + Math.abs(kth));
}

/** A bounded min-heap keeping the `capacity` largest entries by `logLR`. */
class _MinHeap {
  private readonly items: RankedChoice[] = [];
  constructor(private readonly capacity: number) {}
  get full(): boolean {
    return this.items.length >= this.capacity;
  }
  get min(): number {
    return this.items[0]!.logLR;
  }
  accepts(x: number): boolean {
    return this.capacity > 0 && (!this.full || x > this.min);
  }
  push(item: RankedChoice): void {
    const a = this.items;
    if (this.full) {
      a[0] = item;
      this.down(0);
      return;
    }
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p]!.logLR <= a[i]!.logLR) break;
      [a[p], a[i]] = [a[i]!, a[p]!];
      i = p;
    }
  }
  private down(i: number): void {
    const a = this.items;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let s = i;
      if (l < a.length && a[l]!.logLR < a[s]!.logLR) s = l;
      if (r < a.length && a[r]!.logLR < a[s]!.logLR) s = r;
      if (s === i) return;
      [a[s], a[i]] = [a[i]!, a[s]!];
      i = s;
    }
  }
  sortedDescending(): RankedChoice[] {
    return [...this.items].sort((x, y) => y.logLR - x.logLR);
  }
}
