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

function greedyPlan(
  factors: readonly Factor[],
  cardOf: (v: number) => number,
  keep: ReadonlySet<number>,
  heuristic: Heuristic,
  seed: number,
  transmissions: readonly (readonly [number, number, number])[],
): EliminationPlan {
  // Child variable -> its transmission's parent variables, while all three are uneliminated.
  const trans = new Map<number, readonly [number, number, number]>();
  for (const t of transmissions) trans.set(t[2], t);
  const eliminated = new Set<number>();
  const stepCost = (v: number, size: number): number => {
    const direct = size * cardOf(v);
    const t = trans.get(v);
    if (t === undefined || eliminated.has(t[0]) || eliminated.has(t[1])) return direct;
    const cx = cardOf(t[0]);
    const cy = cardOf(t[1]);
    const z = size / (cx * cy);
    return Math.min(direct, decomposedCost(cx, cy, cardOf(v), z));
  };
  const nbrs = new Map<number, Set<number>>();
  const touch = (v: number): Set<number> => {
    let s = nbrs.get(v);
    if (s === undefined) {
      s = new Set();
      nbrs.set(v, s);
    }
    return s;
  };
  for (const f of factors) {
    for (const a of f.vars) {
      const s = touch(a);
      for (const b of f.vars) if (b !== a) s.add(b);
    }
  }
  const order: number[] = [];
  let maxTable = 1;
  let work = 0;
  const remaining = new Set([...nbrs.keys()].filter((v) => !keep.has(v)));
  // Deterministic tie-break: a hash of the variable id and the seed.
  const tie = (v: number): number =>
    seed === 0 ? v : Math.imul(v + 1, 2654435761 + seed * 40503) >>> 0;
  while (remaining.size > 0) {
    let best = -1;
    let bestScore = Number.POSITIVE_INFINITY;
    let bestSize = 0;
    let bestTie = 0;
    for (const v of remaining) {
      const ns = nbrs.get(v)!;
      let size = 1;
      for (const u of ns) size *= cardOf(u);
      let score: number;
      if (heuristic === 'size') score = size;
      else if (heuristic === 'work') score = stepCost(v, size);
      else {
        score = 0;
        const arr = [...ns];
        for (let i = 0; i < arr.length; i++)
          for (let j = i + 1; j < arr.length; j++)
            if (!nbrs.get(arr[i]!)!.has(arr[j]!)) score += cardOf(arr[i]!) * cardOf(arr[j]!);
        score = score * 1e6 + stepCost(v, size);
      }
      const t = tie(v);
      if (score < bestScore || (score === bestScore && t < bestTie)) {
        best = v;
        bestScore = score;
        bestSize = size;
        bestTie = t;
      }
    }
    const ns = nbrs.get(best)!;
    maxTable = Math.max(maxTable, bestSize);
    work += stepCost(best, bestSize);
    for (const u of ns) {
      const su = nbrs.get(u)!;
      su.delete(best);
      for (const w of ns) if (w !== u) su.add(w);
    }
    nbrs.delete(best);
    remaining.delete(best);
    eliminated.add(best);
    order.push(best);
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
