/**
 * How many joint DVI assignments have all pairings with a nonzero pairwise LR: the number of
 * partial matchings of the bipartite graph victims × missing persons whose edges are the
 * sex-consistent pairs with LR > 0 (each victim to at most one missing person and vice versa;
 * the empty matching — nobody identified — counts). This is what R dvir enumerates and reports
 * as the number of assignments (`joint_assignments_evaluated` of the conformance files).
 *
 * The graph splits into connected components whose counts multiply; each component is counted
 * by dynamic programming over subsets of its smaller side.
 *
 * @module
 */

/** Options of {@link countNonzeroAssignments}. */
export interface CountOptions {
  /** Largest smaller side of a component to count (2^this states). Default 22. */
  readonly maxSide?: number;
}

/**
 * Count the partial matchings of a bipartite graph.
 *
 * @param nVictims - number of left vertices
 * @param nMissing - number of right vertices
 * @param edges - per victim, the missing persons it may be (nonzero pairwise LR)
 * @param options - the component size limit
 * @returns the count, or null when a component is too large to count or the count exceeds
 *   2^53 (it would no longer be exact)
 * @example
 * ```ts
 * // 3 victims, 3 missing persons, all pairs possible: Σ_k C(3,k)² k! = 1 + 9 + 18 + 6
 * countNonzeroAssignments(3, 3, [[0, 1, 2], [0, 1, 2], [0, 1, 2]]); // => 34
 * ```
 */
export function countNonzeroAssignments(
  nVictims: number,
  nMissing: number,
  edges: readonly (readonly number[])[],
  options: CountOptions = {},
): number | null {
  const maxSide = options.maxSide ?? 22;
  const parent = Int32Array.from({ length: nVictims + nMissing }, (_, i) => i);
  const find = (x: number): number => {
    let r = x;
    while (parent[r] !== r) r = parent[r]!;
    while (parent[x] !== r) {
      const nx = parent[x]!;
      parent[x] = r;
      x = nx;
    }
    return r;
  };
  edges.forEach((ms, v) => {
    for (const m of ms) parent[find(v)] = find(nVictims + m);
  });
  const components = new Map<number, { victims: number[]; missing: number[] }>();
  for (let v = 0; v < nVictims; v++) {
    if ((edges[v] ?? []).length === 0) continue;
    const r = find(v);
    let c = components.get(r);
    if (c === undefined) {
      c = { victims: [], missing: [] };
      components.set(r, c);
    }
    c.victims.push(v);
  }
  for (let m = 0; m < nMissing; m++) components.get(find(nVictims + m))?.missing.push(m);
  let total = 1;
  for (const c of components.values()) {
    const n = _countComponent(c.victims, c.missing, edges, maxSide);
    if (n === null) return null;
    total *= n;
    if (total > Number.MAX_SAFE_INTEGER) return null;
  }
  return total;
}

function _countComponent(
  victims: readonly number[],
  missing: readonly number[],
  edges: readonly (readonly number[])[],
  maxSide: number,
): number | null {
  const mIndex = new Map(missing.map((m, i) => [m, i]));
  // Adjacency victim-local → missing-local.
  let adj = victims.map((v) => (edges[v] ?? []).map((m) => mIndex.get(m)!));
  let side = missing.length;
  if (victims.length < missing.length) {
    // Transpose so that the subset DP runs over the smaller side.
    const t: number[][] = missing.map(() => []);
    adj.forEach((ms, v) => {
      for (const m of ms) t[m]!.push(v);
    });
    adj = t;
    side = victims.length;
  }
  if (side > maxSide) return null;
  const dp = new Float64Array(2 ** side);
  dp[0] = 1;
  for (const nbrs of adj) {
    for (let mask = dp.length - 1; mask >= 0; mask--) {
      const x = dp[mask]!;
      if (x === 0) continue;
      for (const b of nbrs) {
        const bit = 1 << b;
        if ((mask & bit) === 0) dp[mask | bit] = dp[mask | bit]! + x;
      }
    }
  }
  let sum = 0;
  for (const x of dp) sum += x;
  return sum > Number.MAX_SAFE_INTEGER ? null : sum;
}
