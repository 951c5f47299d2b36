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
  /**
   * Largest total work of one case (a kinship case, or a DVI case): the per-locus work summed
   * over every hypothesis or family and every locus, checked from the elimination plans before
   * any likelihood is computed (see `case-budget.ts`). Default 2^32.
   */
  readonly maxCaseWork?: number;
}

/** An elimination plan: the order and its cost. */
export interface EliminationPlan {
  readonly order: readonly OrderStep[];
  readonly maxTableSize: number;
  readonly work: number;
}

/**
 * One step of an elimination order: a variable, or a transmission's two parent variables x, y
 * eliminated together while the transmission to child variable c is intact ("pair" step):
 *
 *   Σ_x Σ_y T(c | x, y) G(x, y, Z) = Σ_x ½M[x][c] G₁(x, Z) + Σ_y ½M[y][c] G₂(y, Z),
 *
 * with G₁ = Σ_y G and G₂ = Σ_x G, which costs O(|x||y||Z| + n|c||Z|) instead of O(|x||y||c||Z|).
 */
export type OrderStep = number | readonly [x: number, y: number, c: number];

/**
 * Work of a pair step (see {@link OrderStep}) with parent domains x, y, child domain c and r =
 * size of the rest of the scope: the product of the other factors, two marginals, two
 * matrix-vector sums and one addition.
 */
export function pairCost(x: number, y: number, c: number, r: number): number {
  return 4 * x * y * r + 2 * (x + y) * c * r + c * r;
}

/** Scoring rules for the greedy planner: lower is eliminated first. */
type Heuristic = 'size' | 'work' | 'fill';

/**
 * Elimination order over the variables that appear in `factors`, skipping `keep`: three greedy
 * heuristics (smallest new table, least work, least weighted fill-in; ties broken by variable
 * id) are tried and the order with the least total work is kept. (Extra pseudo-random
 * tie-breaks were tried and changed the total work of the conformance suite by about 1%.)
 */
export function planElimination(
  factors: readonly Factor[],
  cardOf: (v: number) => number,
  keep: ReadonlySet<number> = new Set(),
  transmissions: readonly (readonly [number, number, number])[] = [],
): EliminationPlan {
  let best: EliminationPlan | undefined;
  for (const h of ['size', 'work', 'fill'] as const) {
    const plan = greedyPlan(factors, cardOf, keep, h, transmissions);
    if (best === undefined || plan.work < best.work) best = plan;
  }
  return best!;
}

function greedyPlan(
  factors: readonly Factor[],
  cardOf: (v: number) => number,
  keep: ReadonlySet<number>,
  heuristic: Heuristic,
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
  // `oth`: pairs of variables that share a factor or table other than a transmission's own
  // child–parent links. A pair step for (x, y, c) pays off only while no other table holds c
  // together with x or y (else its G is |c| times larger).
  const oth = new Uint32Array(V * W);
  const link = (ia: number, ib: number): void => {
    oth[ia * W + (ib >>> 5)]! |= 1 << (ib & 31);
    oth[ib * W + (ia >>> 5)]! |= 1 << (ia & 31);
  };
  const childOf = new Map<number, readonly [number, number, number]>();
  for (const t of transmissions) childOf.set(t[2], t);
  for (const f of factors) {
    const t = f.vars.length === 3 ? childOf.get(f.vars[2]!) : undefined;
    const own = t !== undefined && t[0] === f.vars[0] && t[1] === f.vars[1];
    for (let i = 0; i < f.vars.length; i++)
      for (let j = i + 1; j < f.vars.length; j++)
        if (!own || j !== 2) link(index.get(f.vars[i]!)!, index.get(f.vars[j]!)!);
  }
  const linked = (a: number, b: number): boolean =>
    (oth[a * W + (b >>> 5)]! & (1 << (b & 31))) !== 0;
  // Transmission child -> parents (dense), for the decomposed cost while both parents remain.
  const tx = new Int32Array(V).fill(-1);
  const ty = new Int32Array(V).fill(-1);
  const pairs: [number, number, number][] = [];
  const kept = new Uint8Array(V);
  for (let i = 0; i < V; i++) if (keep.has(ids[i]!)) kept[i] = 1;
  for (const [x, y, c] of transmissions) {
    const ic = index.get(c);
    const ix = index.get(x);
    const iy = index.get(y);
    if (ic === undefined || ix === undefined || iy === undefined) continue;
    tx[ic] = ix;
    ty[ic] = iy;
    if (ix !== iy && !kept[ix] && !kept[iy]) pairs.push([ix, iy, ic]);
  }
  const union = new Uint32Array(W);
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
  for (let i = 0; i < V; i++) if (!kept[i]) remaining.push(i);
  // Deterministic tie-break: the variable id.
  const ties = Float64Array.from(ids);
  const nb = new Int32Array(V);
  /** Fill-in (weighted by domain sizes) of joining the k variables in nb into a clique. */
  const fillOf = (k: number): number => {
    let fill = 0;
    for (let i = 0; i < k; i++) {
      const a = nb[i]!;
      for (let j = i + 1; j < k; j++) {
        const b = nb[j]!;
        if ((adj[a * W + (b >>> 5)]! & (1 << (b & 31))) === 0) fill += card[a]! * card[b]!;
      }
    }
    return fill;
  };
  /** Put the set bits of `row` (or of variable v's adjacency) into nb; returns the count. */
  const listBits = (row: Uint32Array, at: number): number => {
    let k = 0;
    for (let w = 0; w < W; w++) {
      let bits = row[at + w]!;
      while (bits !== 0) {
        const low = bits & -bits;
        nb[k++] = (w << 5) + (31 - Math.clz32(low));
        bits ^= low;
      }
    }
    return k;
  };
  const neighboursOf = (v: number): number => listBits(adj, v * W);
  /** Eliminate u from the graph: its neighbours become a clique and it leaves. */
  const drop = (u: number): void => {
    const k = neighboursOf(u);
    for (let i = 0; i < k; i++) {
      const z = nb[i]!;
      for (let w = 0; w < W; w++) {
        adj[z * W + w]! |= adj[u * W + w]!;
        oth[z * W + w]! |= adj[u * W + w]!;
      }
      adj[z * W + (z >>> 5)]! &= ~(1 << (z & 31));
      adj[z * W + (u >>> 5)]! &= ~(1 << (u & 31));
      oth[z * W + (z >>> 5)]! &= ~(1 << (z & 31));
    }
    adj.fill(0, u * W, u * W + W);
    gone[u] = 1;
    remaining.splice(remaining.indexOf(u), 1);
  };
  const order: OrderStep[] = [];
  let maxTable = 1;
  let work = 0;
  while (remaining.length > 0) {
    let best = -1;
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
      else score = fillOf(k) * 1e6 + stepCost(v, size);
      const t = ties[v]!;
      if (score < bestScore || (score === bestScore && t < bestTie)) {
        best = v;
        bestScore = score;
        bestSize = size;
        bestTie = t;
      }
    }
    // Pair steps: both parents of an intact transmission from an untyped parent at once.
    let bestPair = -1;
    let bestPairCost = 0;
    for (let p = 0; p < pairs.length; p++) {
      const [x, y, c] = pairs[p]!;
      if (gone[x] || gone[y] || gone[c] || linked(c, x) || linked(c, y)) continue;
      for (let w = 0; w < W; w++) union[w] = adj[x * W + w]! | adj[y * W + w]!;
      union[x >>> 5]! &= ~(1 << (x & 31));
      union[y >>> 5]! &= ~(1 << (y & 31));
      const k = listBits(union, 0);
      let rest = 1;
      for (let i = 0; i < k; i++) if (nb[i] !== c) rest *= card[nb[i]!]!;
      const cost = pairCost(card[x]!, card[y]!, card[c]!, rest);
      const size = Math.max(card[x]! * card[y]! * rest, card[c]! * rest);
      const score =
        heuristic === 'size' ? size : heuristic === 'work' ? cost : fillOf(k) * 1e6 + cost;
      const t = ties[x]!;
      if (score < bestScore || (score === bestScore && t < bestTie)) {
        bestPair = p;
        bestPairCost = cost;
        bestScore = score;
        bestSize = size;
        bestTie = t;
      }
    }
    if (bestPair >= 0) {
      const [x, y, c] = pairs[bestPair]!;
      maxTable = Math.max(maxTable, bestSize);
      work += bestPairCost;
      drop(x);
      drop(y);
      order.push([ids[x]!, ids[y]!, ids[c]!]);
      continue;
    }
    maxTable = Math.max(maxTable, bestSize);
    work += stepCost(best, bestSize);
    drop(best);
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
