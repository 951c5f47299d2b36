/**
 * Elimination-order planning: several greedy heuristics over the factor graph's scopes, with the
 * cost of decomposed transmissions taken into account; the cheapest order wins. The budget
 * types for refusing a computation before it starts live here too.
 *
 * @module
 */

/** A factor's scope as the planner sees it: variable ids and their domain sizes. */
export interface Factor {
  readonly vars: readonly number[];
  readonly card: readonly number[];
}

/** Limits on an exact computation, checked before work starts. */
export interface ComputeBudget {
  /** Largest intermediate table allowed (entries). Default 2^24. */
  readonly maxTableSize?: number;
  /** Largest total work allowed (sum of loop sizes over all eliminations). Default 2^31. */
  readonly maxWork?: number;
}

/** An elimination plan: the order and its cost. */
export interface EliminationPlan {
  readonly order: readonly number[];
  readonly maxTableSize: number;
  readonly work: number;
}

/** Scoring rules for the greedy planner: lower is eliminated first. */
type Heuristic = 'size' | 'work' | 'fill';

/**
 * Elimination order over the variables that appear in `factors`, skipping `keep`: several greedy
 * heuristics (smallest new table, least work, least weighted fill-in; ties broken in a few
 * deterministic pseudo-random ways) are tried and the order with the least total work is kept.
 * Plans are cached by the callers, so the extra planning is paid once per shape.
 */
export function planElimination(
  factors: readonly Factor[],
  cardOf: (v: number) => number,
  keep: ReadonlySet<number> = new Set(),
  transmissions: readonly (readonly [number, number, number])[] = [],
): EliminationPlan {
  let best: EliminationPlan | undefined;
  for (const h of ['size', 'work', 'fill'] as const) {
    for (let seed = 0; seed < 3; seed++) {
      const plan = greedyPlan(factors, cardOf, keep, h, seed, transmissions);
      if (best === undefined || plan.work < best.work) best = plan;
    }
  }
  return best!;
}

/**
 * Largest table and total work of eliminating `order` (every other variable is kept), with the
 * same cost model as {@link planElimination}: used to check a reused order against a budget
 * before any table is allocated.
 */
export function evaluateOrder(
  factors: readonly Factor[],
  cardOf: (v: number) => number,
  order: readonly number[],
  transmissions: readonly (readonly [number, number, number])[] = [],
): { readonly maxTableSize: number; readonly work: number } {
  const nbrs = neighbours(factors);
  const stepCost = transmissionCost(cardOf, transmissions);
  let maxTable = 1;
  let work = 0;
  for (const v of order) {
    const ns = nbrs.get(v);
    if (ns === undefined) continue;
    let size = 1;
    for (const u of ns) size *= cardOf(u);
    maxTable = Math.max(maxTable, size);
    work += stepCost.cost(v, size);
    eliminate(nbrs, v);
    stepCost.eliminated.add(v);
  }
  return { maxTableSize: maxTable, work };
}

/** Interaction graph: each variable's neighbours (variables sharing a factor). */
function neighbours(factors: readonly Factor[]): Map<number, Set<number>> {
  const nbrs = new Map<number, Set<number>>();
  for (const f of factors) {
    for (const a of f.vars) {
      let s = nbrs.get(a);
      if (s === undefined) {
        s = new Set();
        nbrs.set(a, s);
      }
      for (const b of f.vars) if (b !== a) s.add(b);
    }
  }
  return nbrs;
}

/** Remove `v` from the graph, joining its neighbours into a clique. */
function eliminate(nbrs: Map<number, Set<number>>, v: number): void {
  const ns = nbrs.get(v)!;
  for (const u of ns) {
    const su = nbrs.get(u)!;
    su.delete(v);
    for (const w of ns) if (w !== u) su.add(w);
  }
  nbrs.delete(v);
}

/**
 * Cost of eliminating v with a joint scope of `size` entries: the direct sum, or the decomposed
 * form when v is a transmission's child whose parents are still uneliminated (callers add
 * eliminated variables to `eliminated`).
 */
function transmissionCost(
  cardOf: (v: number) => number,
  transmissions: readonly (readonly [number, number, number])[],
): { readonly eliminated: Set<number>; cost(v: number, size: number): number } {
  const trans = new Map<number, readonly [number, number, number]>();
  for (const t of transmissions) trans.set(t[2], t);
  const eliminated = new Set<number>();
  return {
    eliminated,
    cost(v: number, size: number): number {
      const direct = size * cardOf(v);
      const t = trans.get(v);
      if (t === undefined || eliminated.has(t[0]) || eliminated.has(t[1])) return direct;
      const cx = cardOf(t[0]);
      const cy = cardOf(t[1]);
      const z = size / (cx * cy);
      return Math.min(direct, decomposedCost(cx, cy, cardOf(v), z));
    },
  };
}

function greedyPlan(
  factors: readonly Factor[],
  cardOf: (v: number) => number,
  keep: ReadonlySet<number>,
  heuristic: Heuristic,
  seed: number,
  transmissions: readonly (readonly [number, number, number])[],
): EliminationPlan {
  // Dense variable indices, adjacency bitsets (W words per variable) and cardinalities.
  const index = new Map<number, number>();
  const ids: number[] = [];
  for (const f of factors)
    for (const v of f.vars)
      if (!index.has(v)) {
        index.set(v, ids.length);
        ids.push(v);
      }
  const V = ids.length;
  const W = (V + 31) >>> 5;
  const adj = new Uint32Array(V * W);
  for (const f of factors) {
    for (const a of f.vars) {
      const ia = index.get(a)!;
      for (const b of f.vars) {
        if (b === a) continue;
        const ib = index.get(b)!;
        adj[ia * W + (ib >>> 5)]! |= 1 << (ib & 31);
      }
    }
  }
  const card = Float64Array.from(ids, cardOf);
  // Transmission child -> parents (dense), for the decomposed cost while both parents remain.
  const tx = new Int32Array(V).fill(-1);
  const ty = new Int32Array(V).fill(-1);
  for (const [x, y, c] of transmissions) {
    const ic = index.get(c);
    const ix = index.get(x);
    const iy = index.get(y);
    if (ic === undefined || ix === undefined || iy === undefined) continue;
    tx[ic] = ix;
    ty[ic] = iy;
  }
  const gone = new Uint8Array(V);
  const stepCost = (v: number, size: number): number => {
    const direct = size * card[v]!;
    const x = tx[v]!;
    if (x < 0 || gone[x] || gone[ty[v]!]) return direct;
    const cx = card[x]!;
    const cy = card[ty[v]!]!;
    return Math.min(direct, decomposedCost(cx, cy, card[v]!, size / (cx * cy)));
  };
  const remaining: number[] = [];
  for (let i = 0; i < V; i++) if (!keep.has(ids[i]!)) remaining.push(i);
  // Deterministic tie-break: a hash of the variable id and the seed.
  const tie = (v: number): number =>
    seed === 0 ? v : Math.imul(v + 1, 2654435761 + seed * 40503) >>> 0;
  const ties = Float64Array.from(ids, tie);
  const nb = new Int32Array(V);
  const neighboursOf = (v: number): number => {
    let k = 0;
    for (let w = 0; w < W; w++) {
      let bits = adj[v * W + w]!;
      while (bits !== 0) {
        const low = bits & -bits;
        nb[k++] = (w << 5) + (31 - Math.clz32(low));
        bits ^= low;
      }
    }
    return k;
  };
  const order: number[] = [];
  let maxTable = 1;
  let work = 0;
  while (remaining.length > 0) {
    let best = -1;
    let bestAt = -1;
    let bestScore = Number.POSITIVE_INFINITY;
    let bestSize = 0;
    let bestTie = 0;
    for (let r = 0; r < remaining.length; r++) {
      const v = remaining[r]!;
      const k = neighboursOf(v);
      let size = 1;
      for (let i = 0; i < k; i++) size *= card[nb[i]!]!;
      let score: number;
      if (heuristic === 'size') score = size;
      else if (heuristic === 'work') score = stepCost(v, size);
      else {
        score = 0;
        for (let i = 0; i < k; i++) {
          const a = nb[i]!;
          for (let j = i + 1; j < k; j++) {
            const b = nb[j]!;
            if ((adj[a * W + (b >>> 5)]! & (1 << (b & 31))) === 0) score += card[a]! * card[b]!;
          }
        }
        score = score * 1e6 + stepCost(v, size);
      }
      const t = ties[v]!;
      if (score < bestScore || (score === bestScore && t < bestTie)) {
        best = v;
        bestAt = r;
        bestScore = score;
        bestSize = size;
        bestTie = t;
      }
    }
    maxTable = Math.max(maxTable, bestSize);
    work += stepCost(best, bestSize);
    // Eliminate: the neighbours become a clique; best leaves the graph.
    const k = neighboursOf(best);
    for (let i = 0; i < k; i++) {
      const u = nb[i]!;
      for (let w = 0; w < W; w++) adj[u * W + w]! |= adj[best * W + w]!;
      adj[u * W + (u >>> 5)]! &= ~(1 << (u & 31));
      adj[u * W + (best >>> 5)]! &= ~(1 << (best & 31));
    }
    adj.fill(0, best * W, best * W + W);
    gone[best] = 1;
    remaining.splice(bestAt, 1);
    order.push(ids[best]!);
  }
  return { order, maxTableSize: maxTable, work };
}

/**
 * Work of eliminating a transmission's child variable (domain c) in the decomposed form, with
 * parent domains x, y and z = size of the rest of the scope: the product of the other factors,
 * two matrix-vector sums and one addition. (Upper bound: z may share the parents' variables.)
 */
export function decomposedCost(x: number, y: number, c: number, z: number): number {
  return z * c + 2 * (x * z * c) + 2 * (y * z * c) + x * y * z;
}
