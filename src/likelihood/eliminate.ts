/**
 * Variable elimination over a {@link LocusModel}: choose an order greedily (smallest resulting
 * table first, fewest new edges on ties), check the cost against a budget before any work, then
 * sum the variables out one by one, rescaling tables to avoid underflow.
 *
 * @module
 */
import { KindredError } from '../errors.js';
import { type Factor, multiplyAndSumOut, tableSize } from './factor.js';

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

const DEFAULT_MAX_TABLE = 2 ** 24;
const DEFAULT_MAX_WORK = 2 ** 31;

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

/** Result of {@link eliminateAll}: natural log of the total, plus any factors over kept variables. */
export interface EliminationResult {
  /** Natural log of the scale taken out of the remaining factors (add to their log). */
  readonly logScale: number;
  /** Factors left (over kept variables only, or scalars). */
  readonly remaining: Factor[];
}

/**
 * Eliminate every variable of `factors` except `keep`, following `plan.order`.
 *
 * @throws KindredError `TOO_COMPLEX` when the plan exceeds the budget.
 */
export function eliminateAll(
  factors: readonly Factor[],
  cardOf: (v: number) => number,
  plan: EliminationPlan,
  budget: ComputeBudget = {},
): EliminationResult {
  const maxTable = budget.maxTableSize ?? DEFAULT_MAX_TABLE;
  const maxWork = budget.maxWork ?? DEFAULT_MAX_WORK;
  if (plan.maxTableSize > maxTable || plan.work > maxWork) {
    throw new KindredError(
      'TOO_COMPLEX',
      `Exact computation refused: elimination needs a table of ${plan.maxTableSize} entries and ${plan.work} operations (limits ${maxTable} and ${maxWork}); the pedigree is too densely connected for its untyped people and alleles`,
    );
  }
  let pool: Factor[] = [...factors];
  let logScale = 0;
  for (const v of plan.order) {
    const involved: Factor[] = [];
    const rest: Factor[] = [];
    for (const f of pool) (f.vars.includes(v) ? involved : rest).push(f);
    if (involved.length === 0) continue;
    const scope = new Set<number>();
    for (const f of involved) for (const u of f.vars) if (u !== v) scope.add(u);
    const resultVars = [...scope].sort((a, b) => a - b);
    const resultCard = resultVars.map(cardOf);
    const out = multiplyAndSumOut(involved, v, cardOf(v), resultVars, resultCard);
    logScale += rescale(out.values);
    rest.push(out);
    pool = rest;
  }
  return { logScale, remaining: pool };
}

/** Divide a table by its maximum when that is far from 1; returns the log of the factor taken out. */
function rescale(values: Float64Array): number {
  let max = 0;
  for (let i = 0; i < values.length; i++) if (values[i]! > max) max = values[i]!;
  if (max === 0 || (max > 1e-150 && max < 1e150)) return 0;
  for (let i = 0; i < values.length; i++) values[i] = values[i]! / max;
  return Math.log(max);
}

/** Natural log of the product of scalar factors (tables of size 1); -Infinity when any is 0. */
export function logProductOfScalars(factors: readonly Factor[]): number {
  let log = 0;
  for (const f of factors) {
    if (tableSize(f.card) !== 1) throw new Error('internal: non-scalar factor left');
    log += Math.log(f.values[0]!);
  }
  return log;
}
