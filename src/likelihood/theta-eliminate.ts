/**
 * Variable elimination over polynomial-valued tables for the theta engine: an elimination plan
 * chosen greedily (smallest product table first) with its cost known before any arithmetic, and
 * the sum-product itself. Multiplying tables convolves their polynomials; summing out an untyped
 * founder allele x multiplies each term by π_x.
 *
 * @module
 */
import { KindredError } from '../errors.js';
import { type _MonomialSpace, _monomialCount } from './theta-monomials.js';
import type { _ThetaFactor, _ThetaModel } from './theta-prepare.js';

/** An elimination order and its cost. */
export interface _ThetaPlan {
  /** Variables in elimination order. */
  readonly order: readonly number[];
  /** Table entries computed over the whole elimination (products counted per monomial pair). */
  readonly states: number;
  /** Entries of the largest table. */
  readonly largestTable: number;
}

/**
 * Choose an elimination order (greedy: the variable whose product table is smallest, counting
 * scope assignments × monomials) and count the work, refusing before any arithmetic.
 *
 * @param model - the prepared model
 * @param maxStates - budget for {@link _ThetaPlan.states}
 * @returns the plan
 * @throws KindredError `TOO_COMPLEX` when the plan needs more than `maxStates` table entries
 * @example
 * ```ts
 * _planThetaElimination(model, 2e7).order.length; // => model.variables.length
 * ```
 */
export function _planThetaElimination(model: _ThetaModel, maxStates: number): _ThetaPlan {
  const nv = model.variables.length;
  const mono = (d: number): number => _monomialCount(model.nTypes, d);
  let live = model.factors.map((f) => ({ vars: new Set(f.vars), degree: f.degree }));
  const done = new Uint8Array(nv);
  const order: number[] = [];
  let states = 0;
  let largestTable = 0;
  for (let step = 0; step < nv; step++) {
    let best = -1;
    let bestCost = Number.POSITIVE_INFINITY;
    for (let v = 0; v < nv; v++) {
      if (done[v] === 1) continue;
      const scope = new Set<number>([v]);
      let degree = 0;
      for (const f of live) {
        if (!f.vars.has(v)) continue;
        for (const u of f.vars) scope.add(u);
        degree += f.degree;
      }
      let cost = mono(degree);
      for (const u of scope) cost *= model.variables[u]!.domain;
      if (cost < bestCost) {
        bestCost = cost;
        best = v;
      }
    }
    // Cost of the chosen step: pairwise products, then the sum.
    const v = best;
    const used = live.filter((f) => f.vars.has(v));
    const scope = new Set<number>([v]);
    let degree = 0;
    for (const f of used) {
      const before = degree;
      for (const u of f.vars) scope.add(u);
      degree += f.degree;
      let assignments = 1;
      for (const u of scope) assignments *= model.variables[u]!.domain;
      states += assignments * mono(before) * mono(f.degree);
      largestTable = Math.max(largestTable, assignments * mono(degree));
    }
    let assignments = 1;
    for (const u of scope) assignments *= model.variables[u]!.domain;
    states += assignments * mono(degree);
    scope.delete(v);
    const prior = model.variables[v]!.prior ? 1 : 0;
    live = live.filter((f) => !f.vars.has(v));
    live.push({ vars: scope, degree: degree + prior });
    states += mono(degree) * model.nTypes * prior;
    done[v] = 1;
    order.push(v);
    if (states > maxStates) {
      throw new KindredError(
        'TOO_COMPLEX',
        `Exact theta computation needs more than ${Math.round(states)} table entries (limit ${maxStates}; ` +
          `${model.uncertainAlleles} untyped founder alleles over ${model.nTypes} allele types)`,
        { path: ['pedigree'] },
      );
    }
  }
  return { order, states, largestTable };
}

/**
 * Run the elimination: multiply the tables of each variable, sum it out, and return the product
 * of what remains, a polynomial of degree `model.uncertainAlleles` (coefficients by monomial).
 *
 * @param model - the prepared model
 * @param plan - the elimination order
 * @param space - monomial tables for `model.nTypes` types
 * @returns the coefficients of the likelihood polynomial L(π)
 * @example
 * ```ts
 * _runThetaElimination(model, plan, space).length; // => space.size(model.uncertainAlleles)
 * ```
 */
export function _runThetaElimination(
  model: _ThetaModel,
  plan: _ThetaPlan,
  space: _MonomialSpace,
): Float64Array {
  let live: _ThetaFactor[] = [...model.factors];
  for (const v of plan.order) {
    const used = live.filter((f) => f.vars.includes(v));
    live = live.filter((f) => !f.vars.includes(v));
    const domain = model.variables[v]!.domain;
    let product: _ThetaFactor = {
      vars: Int32Array.of(v),
      dims: Int32Array.of(domain),
      degree: 0,
      data: new Float64Array(domain).fill(1),
    };
    for (const f of used) product = _multiply(product, f, space);
    live.push(_sumOut(product, v, model.variables[v]!.prior, space));
  }
  let result: _ThetaFactor = {
    vars: new Int32Array(0),
    dims: new Int32Array(0),
    degree: 0,
    data: Float64Array.of(1),
  };
  for (const f of live) result = _multiply(result, f, space);
  return result.data;
}

/** Product of two tables over the union of their scopes. */
function _multiply(a: _ThetaFactor, b: _ThetaFactor, space: _MonomialSpace): _ThetaFactor {
  const vars = Int32Array.from(new Set([...a.vars, ...b.vars])).sort();
  const k = vars.length;
  const dims = new Int32Array(k);
  const strideA = new Int32Array(k);
  const strideB = new Int32Array(k);
  for (let s = 0; s < k; s++) {
    const ia = a.vars.indexOf(vars[s]!);
    const ib = b.vars.indexOf(vars[s]!);
    dims[s] = ia >= 0 ? a.dims[ia]! : b.dims[ib]!;
    strideA[s] = ia >= 0 ? _stride(a.dims, ia) : 0;
    strideB[s] = ib >= 0 ? _stride(b.dims, ib) : 0;
  }
  const sa = space.size(a.degree);
  const sb = space.size(b.degree);
  const degree = a.degree + b.degree;
  const sc = space.size(degree);
  const add = a.degree > 0 && b.degree > 0 ? space.add(a.degree, b.degree) : null;
  const total = dims.reduce((s, d) => s * d, 1);
  const data = new Float64Array(total * sc);
  const digit = new Int32Array(k);
  let ia = 0;
  let ib = 0;
  for (let c = 0; c < total; c++) {
    const oa = ia * sa;
    const ob = ib * sb;
    const oc = c * sc;
    if (add === null) {
      // One side is a scalar per assignment: scale the other polynomial.
      if (sa === 1) {
        const x = a.data[oa]!;
        if (x !== 0) for (let j = 0; j < sb; j++) data[oc + j] = x * b.data[ob + j]!;
      } else {
        const y = b.data[ob]!;
        if (y !== 0) for (let i = 0; i < sa; i++) data[oc + i] = a.data[oa + i]! * y;
      }
    } else {
      for (let i = 0; i < sa; i++) {
        const x = a.data[oa + i]!;
        if (x === 0) continue;
        for (let j = 0; j < sb; j++) {
          const y = b.data[ob + j]!;
          if (y !== 0) {
            const t = oc + add[i * sb + j]!;
            data[t] = data[t]! + x * y;
          }
        }
      }
    }
    // Advance the odometer (last variable fastest) and the indices into a and b.
    for (let s = k - 1; s >= 0; s--) {
      digit[s] = digit[s]! + 1;
      ia += strideA[s]!;
      ib += strideB[s]!;
      if (digit[s]! < dims[s]!) break;
      ia -= strideA[s]! * dims[s]!;
      ib -= strideB[s]! * dims[s]!;
      digit[s] = 0;
    }
  }
  return { vars, dims, degree, data };
}

/** Sum a table over variable v; with `prior`, each term of value x is multiplied by π_x. */
function _sumOut(f: _ThetaFactor, v: number, prior: boolean, space: _MonomialSpace): _ThetaFactor {
  const pos = f.vars.indexOf(v);
  const dv = f.dims[pos]!;
  const inner = _stride(f.dims, pos);
  const outer = f.data.length / space.size(f.degree) / (inner * dv);
  const sIn = space.size(f.degree);
  const degree = f.degree + (prior ? 1 : 0);
  const sOut = space.size(degree);
  const data = new Float64Array(outer * inner * sOut);
  const shift = prior ? space.shift(f.degree) : null;
  const n = space.nTypes;
  for (let o = 0; o < outer; o++) {
    for (let x = 0; x < dv; x++) {
      for (let r = 0; r < inner; r++) {
        const src = ((o * dv + x) * inner + r) * sIn;
        const dst = (o * inner + r) * sOut;
        for (let i = 0; i < sIn; i++) {
          const w = f.data[src + i]!;
          if (w === 0) continue;
          const j = shift === null ? i : shift[i * n + x]!;
          data[dst + j] = data[dst + j]! + w;
        }
      }
    }
  }
  const vars = Int32Array.from(f.vars.filter((u) => u !== v));
  const dims = Int32Array.from(f.dims.filter((_, s) => s !== pos));
  return { vars, dims, degree, data };
}

function _stride(dims: Int32Array, pos: number): number {
  let s = 1;
  for (let t = pos + 1; t < dims.length; t++) s *= dims[t]!;
  return s;
}
