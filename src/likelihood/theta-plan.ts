/**
 * Elimination plans for the theta engine. A plan is an elimination order with its exact cost
 * (table entries computed, products counted per pair of monomials), known before any arithmetic.
 * Several greedy orders are simulated and the cheapest is kept: the cost of a polynomial table
 * grows with the number of monomials, so it often pays to eliminate non-founder alleles around a
 * founder before the founder's own alleles, which plain min-size greedy does not see.
 *
 * @module
 */
import { KindredError } from '../errors.js';
import { _monomialCount } from './theta-monomials.js';
import type { _ThetaModel } from './theta-prepare.js';

/** An elimination order and its cost. */
export interface _ThetaPlan {
  /** Variables in elimination order. */
  readonly order: readonly number[];
  /**
   * Table entries computed over the whole elimination: products counted per pair of monomials,
   * plus the monomial index tables and the final functional.
   */
  readonly states: number;
  /** Entries of the largest table the elimination builds (assignments × monomials). */
  readonly maxTableSize: number;
}

/** Most randomised greedy restarts after the deterministic heuristics. */
const MAX_RESTARTS = 16;
/** A randomised step picks among the variables whose step costs at most this many times the cheapest. */
const NEAR_FACTOR = 5;

/**
 * Choose an elimination order: the cheapest of greedy "smallest step cost", "smallest product
 * table", "smallest result table" and, when the work is large next to planning, seeded
 * randomised greedy runs (each step a random pick among the near-cheapest; reproducible).
 *
 * @param model - the prepared model
 * @param maxStates - budget for {@link _ThetaPlan.states}
 * @returns the cheapest plan found
 * @throws KindredError `TOO_COMPLEX` when every plan needs more than `maxStates` table entries
 *   (the message gives the count of the cheapest)
 * @example
 * ```ts
 * _planThetaElimination(model, 2e7).order.length; // => model.variables.length
 * ```
 */
export function _planThetaElimination(model: _ThetaModel, maxStates: number): _ThetaPlan {
  // Loci of one pedigree with the same people typed, homozygous pattern and number of types
  // share a plan (re-costed against this call's budget).
  const cacheKey = _structureKey(model);
  const cached = _orders.get(cacheKey);
  if (cached !== undefined) {
    const plan = _greedy(model, 0, null, maxStates, cached);
    if (plan !== null) return plan;
  }
  const plan = _searchPlan(model, maxStates);
  if (_orders.size >= MAX_CACHED_ORDERS) _orders.clear();
  _orders.set(cacheKey, plan.order);
  return plan;
}

const _orders = new Map<string, readonly number[]>();
const MAX_CACHED_ORDERS = 512;

/** Everything a plan depends on: number of types, variable domains and priors, factor scopes. */
function _structureKey(model: _ThetaModel): string {
  let key = `${model.nTypes}:`;
  for (const v of model.variables) key += v.prior ? 'p' : `${v.domain},`;
  for (const f of model.factors) key += `|${f.vars.join(',')}`;
  return key;
}

function _searchPlan(model: _ThetaModel, maxStates: number): _ThetaPlan {
  let best: _ThetaPlan | null = null;
  let seed = 0x2545f491;
  const random = (): number => {
    // xorshift32, fixed seed: plans are reproducible.
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 4294967296;
  };
  for (let rule = 0; rule < 3; rule++) {
    const plan = _greedy(model, rule, null, best?.states ?? maxStates);
    if (plan !== null && (best === null || plan.states < best.states)) best = plan;
  }
  // Restarts only while they cost little next to the work they may save (one greedy run costs
  // about V²·F steps; cold, unoptimised code makes planning relatively expensive).
  const nv = model.variables.length;
  const runCost = nv * nv * Math.max(1, model.factors.length);
  const restarts =
    best === null ? 0 : Math.min(MAX_RESTARTS, Math.floor(best.states / (16 * runCost)));
  for (let run = 0; run < restarts; run++) {
    const plan = _greedy(model, 0, random, best!.states);
    if (plan !== null && plan.states < best!.states) best = plan;
  }
  if (best === null || best.states > maxStates) {
    const cheapest = best?.states ?? _greedy(model, 0, null, Number.POSITIVE_INFINITY)!.states;
    throw new KindredError(
      'TOO_COMPLEX',
      `Exact theta computation needs about ${Math.round(cheapest)} table entries, more than the limit ${maxStates} ` +
        `(${model.uncertainAlleles} untyped founder alleles over ${model.nTypes} allele types)`,
      { path: ['pedigree'] },
    );
  }
  return best;
}

/**
 * One greedy simulation. `rule` 0: smallest step cost, 1: smallest product table, 2: smallest
 * result table; with `random`, a random pick among the variables whose step costs at most
 * {@link NEAR_FACTOR} times the cheapest; with `fixedOrder`, just that order costed. Returns null
 * as soon as the cost exceeds `cutoff`.
 * Step costs are cached per variable and recomputed only around the last eliminated variable.
 */
function _greedy(
  model: _ThetaModel,
  rule: number,
  random: (() => number) | null,
  cutoff: number,
  fixedOrder: readonly number[] | null = null,
): _ThetaPlan | null {
  const nv = model.variables.length;
  const nTypes = model.nTypes;
  const mono = (d: number): number => _monomialCount(nTypes, d);
  const domain = Int32Array.from(model.variables, (x) => x.domain);
  const factorVars: number[][] = model.factors.map((f) => Array.from(f.vars));
  const factorDegree: number[] = model.factors.map((f) => f.degree);
  const alive: boolean[] = factorVars.map(() => true);
  const factorsOf: number[][] = Array.from({ length: nv }, () => []);
  factorVars.forEach((vars, id) => {
    for (const u of vars) factorsOf[u]!.push(id);
  });
  const mark = new Int32Array(nv);
  let stamp = 0;
  const cost = new Float64Array(nv);
  const table = new Float64Array(nv);
  let maxTableSize = 1;
  const key = new Float64Array(nv);
  const stale = new Uint8Array(nv).fill(1);
  const done = new Uint8Array(nv);
  const order: number[] = [];
  // Monomial count and shift tables up to the final degree, and the final functional.
  let states = 0;
  for (let d = 0; d <= model.uncertainAlleles; d++) states += 3 * mono(d) * nTypes;
  const pairs = new Set<number>();
  // Eliminating v: the union scope (without v), the result degree, the cost and the rule's key.
  const evaluate = (v: number): { scope: number[]; degree: number } => {
    stamp++;
    mark[v] = stamp;
    const scope: number[] = [];
    let assignments = domain[v]!;
    let degree = 0;
    let c = 0;
    for (const id of factorsOf[v]!) {
      if (!alive[id]) continue;
      const before = degree;
      for (const u of factorVars[id]!) {
        if (mark[u] === stamp) continue;
        mark[u] = stamp;
        scope.push(u);
        assignments *= domain[u]!;
      }
      degree += factorDegree[id]!;
      c += assignments * mono(before) * mono(factorDegree[id]!);
    }
    const prior = model.variables[v]!.prior ? 1 : 0;
    const product = assignments * mono(degree);
    c += product * (1 + prior);
    cost[v] = c;
    table[v] = product;
    key[v] =
      rule === 1 ? product : rule === 2 ? (assignments / domain[v]!) * mono(degree + prior) : c;
    stale[v] = 0;
    return { scope, degree: degree + prior };
  };
  for (let s = 0; s < nv; s++) {
    let chosen = fixedOrder === null ? -1 : fixedOrder[s]!;
    let minCost = Number.POSITIVE_INFINITY;
    for (let v = 0; v < nv && fixedOrder === null; v++) {
      if (done[v] === 1) continue;
      if (stale[v] === 1) evaluate(v);
      if (cost[v]! < minCost) minCost = cost[v]!;
      if (random === null && (chosen === -1 || key[v]! < key[chosen]!)) chosen = v;
    }
    if (random !== null && fixedOrder === null) {
      const near: number[] = [];
      for (let v = 0; v < nv; v++)
        if (done[v] === 0 && cost[v]! <= NEAR_FACTOR * minCost) near.push(v);
      chosen = near[Math.floor(random() * near.length)]!;
    }
    const { scope, degree } = evaluate(chosen);
    states += cost[chosen]!;
    if (table[chosen]! > maxTableSize) maxTableSize = table[chosen]!;
    // Product tables of monomial indices (built once per pair of degrees).
    let sum = 0;
    for (const id of factorsOf[chosen]!) {
      if (!alive[id]) continue;
      const d = factorDegree[id]!;
      if (sum > 0 && d > 0 && !pairs.has(sum * 65536 + d)) {
        pairs.add(sum * 65536 + d);
        states += mono(sum) * mono(d);
      }
      sum += d;
    }
    if (states > cutoff) return null;
    for (const id of factorsOf[chosen]!) alive[id] = false;
    const id = factorVars.length;
    factorVars.push(scope);
    factorDegree.push(degree);
    alive.push(true);
    for (const u of scope) {
      factorsOf[u]!.push(id);
      stale[u] = 1;
    }
    done[chosen] = 1;
    order.push(chosen);
  }
  return { order, states, maxTableSize };
}
