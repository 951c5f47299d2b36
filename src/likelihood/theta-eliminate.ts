/**
 * Variable elimination over polynomial-valued tables for the theta engine, following a plan of
 * `theta-plan.ts`. Multiplying tables convolves their polynomials; summing out an untyped
 * founder allele x multiplies each term by π_x. Every table carries a log scale: a table whose
 * largest entry leaves [2^-64, 2^64] is divided by that entry, so a likelihood far below the
 * double range (1e-308) keeps all its digits (the result is a log, never an underflowed 0).
 *
 * @module
 */
import type { _MonomialSpace } from './theta-monomials.js';
import type { _ThetaPlan } from './theta-plan.js';
import type { _ThetaFactor, _ThetaModel } from './theta-prepare.js';

/**
 * Run the elimination: multiply the tables of each variable, sum it out, and return the product
 * of what remains, a polynomial of degree `model.uncertainAlleles` (coefficients by monomial).
 *
 * @param model - the prepared model
 * @param plan - the elimination order
 * @param space - monomial tables for `model.nTypes` types
 * @returns the coefficients of the likelihood polynomial L(π), divided by `exp(logScale)`
 * @example
 * ```ts
 * _runThetaElimination(model, plan, space).coefficients.length; // => space.size(model.uncertainAlleles)
 * ```
 */
export function _runThetaElimination(
  model: _ThetaModel,
  plan: _ThetaPlan,
  space: _MonomialSpace,
): { readonly coefficients: Float64Array; readonly logScale: number } {
  let live: _ThetaFactor[] = [...model.factors];
  for (const v of plan.order) {
    const used: _ThetaFactor[] = [];
    const rest: _ThetaFactor[] = [];
    for (const f of live) (f.vars.includes(v) ? used : rest).push(f);
    live = rest;
    let product: _ThetaFactor;
    if (used.length === 0) {
      // A variable no table mentions (e.g. a typed founder without kept children): all ones.
      const domain = model.variables[v]!.domain;
      product = {
        vars: Int32Array.of(v),
        dims: Int32Array.of(domain),
        degree: 0,
        data: new Float64Array(domain).fill(1),
      };
    } else {
      product = used[0]!;
      for (let k = 1; k < used.length; k++) product = _rescale(_multiply(product, used[k]!, space));
    }
    live.push(_rescale(_sumOut(product, v, model.variables[v]!.prior, space)));
  }
  let result: _ThetaFactor = {
    vars: new Int32Array(0),
    dims: new Int32Array(0),
    degree: 0,
    data: Float64Array.of(1),
  };
  for (const f of live) result = _rescale(_multiply(result, f, space));
  return { coefficients: result.data, logScale: result.logScale ?? 0 };
}

const LOW = 2 ** -64;
const HIGH = 2 ** 64;

/**
 * Divide a table by its largest entry (a power of two, so the division is exact) when that
 * entry is outside [2^-64, 2^64], adding the factor to `logScale`. An all-zero table is kept.
 */
function _rescale(f: _ThetaFactor): _ThetaFactor {
  const data = f.data;
  let max = 0;
  for (let i = 0; i < data.length; i++) if (data[i]! > max) max = data[i]!;
  if (max === 0 || (max >= LOW && max <= HIGH)) return f;
  const k = Math.floor(Math.log2(max));
  // 2^-k in two steps, so that neither factor over- or underflows for |k| up to ~2100.
  const half = Math.trunc(k / 2);
  const a = 2 ** -half;
  const b = 2 ** -(k - half);
  for (let i = 0; i < data.length; i++) data[i] = data[i]! * a * b;
  return { ...f, logScale: (f.logScale ?? 0) + k * Math.LN2 };
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
    if (add !== null) _convolve(a.data, oa, sa, b.data, ob, sb, add, data, oc);
    else if (sa === 1) _scale(b.data, ob, sb, a.data[oa]!, data, oc);
    else _scale(a.data, oa, sa, b.data[ob]!, data, oc);
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
  return { vars, dims, degree, data, logScale: (a.logScale ?? 0) + (b.logScale ?? 0) };
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
        if (shift === null) _accumulate(f.data, src, sIn, data, dst);
        else _accumulateShifted(f.data, src, sIn, shift, n, x, data, dst);
      }
    }
  }
  const vars = Int32Array.from(f.vars.filter((u) => u !== v));
  const dims = Int32Array.from(f.dims.filter((_, s) => s !== pos));
  return { vars, dims, degree, data, logScale: f.logScale ?? 0 };
}

// Small kernels: V8 optimises small hot functions early, which matters for one-off calls.

/** out[oc + add[i·sb + j]] += a[oa + i] · b[ob + j] (polynomial product). */
function _convolve(
  a: Float64Array,
  oa: number,
  sa: number,
  b: Float64Array,
  ob: number,
  sb: number,
  add: Int32Array,
  out: Float64Array,
  oc: number,
): void {
  for (let i = 0; i < sa; i++) {
    const x = a[oa + i]!;
    if (x === 0) continue;
    const row = i * sb;
    for (let j = 0; j < sb; j++) {
      const y = b[ob + j]!;
      if (y === 0) continue;
      const t = oc + add[row + j]!;
      out[t] = out[t]! + x * y;
    }
  }
}

/** out[oc + j] = x · src[os + j] (polynomial times scalar). */
function _scale(
  src: Float64Array,
  os: number,
  len: number,
  x: number,
  out: Float64Array,
  oc: number,
): void {
  if (x === 0) return;
  for (let j = 0; j < len; j++) out[oc + j] = x * src[os + j]!;
}

/** out[oo + i] += src[os + i]. */
function _accumulate(
  src: Float64Array,
  os: number,
  len: number,
  out: Float64Array,
  oo: number,
): void {
  for (let i = 0; i < len; i++) out[oo + i] = out[oo + i]! + src[os + i]!;
}

/** out[oo + shift[i·n + x]] += src[os + i] (polynomial times π_x). */
function _accumulateShifted(
  src: Float64Array,
  os: number,
  len: number,
  shift: Int32Array,
  n: number,
  x: number,
  out: Float64Array,
  oo: number,
): void {
  for (let i = 0; i < len; i++) {
    const w = src[os + i]!;
    if (w === 0) continue;
    const t = oo + shift[i * n + x]!;
    out[t] = out[t]! + w;
  }
}

function _stride(dims: Int32Array, pos: number): number {
  let s = 1;
  for (let t = pos + 1; t < dims.length; t++) s *= dims[t]!;
  return s;
}
