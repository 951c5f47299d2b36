/**
 * Compiled variable-elimination plans. A plan is made once per pedigree, typing pattern and
 * allele count (see {@link LocusShape.key}) and then evaluated for any locus and genotypes of
 * that shape: every elimination step is a precomputed gather-multiply-sum over flat tables, so
 * evaluation allocates nothing and does no planning.
 *
 * @module
 */
import { KindredError } from '../errors.js';
import { type ComputeBudget, planElimination } from './eliminate.js';
import type { Factor } from './factor.js';
import { cardOfStatus, domainOf, type FactorSpec, type LocusShape } from './locus-model.js';

/** One elimination step: out[o] = Σ_t Π_f in_f[gather_f[o*inner + t]]. */
interface Step {
  readonly inputs: Int32Array;
  readonly out: number;
  readonly outSize: number;
  readonly inner: number;
  readonly gathers: readonly Int32Array[];
}

/** A compiled plan for one {@link LocusShape} and allele count. */
export interface CompiledPlan {
  readonly shape: LocusShape;
  readonly n: number;
  /** Table storage, one per slot (initial factors first, then step outputs). */
  readonly tables: Float64Array[];
  readonly steps: readonly Step[];
  /** Slots left at the end (scalars, or tables over kept variables). */
  readonly finalSlots: readonly number[];
  /** Variables of each final slot. */
  readonly finalVars: readonly (readonly number[])[];
  readonly maxTableSize: number;
  readonly work: number;
}

const DEFAULT_MAX_TABLE = 2 ** 24;
const DEFAULT_MAX_WORK = 2 ** 31;

/**
 * Compile the elimination of every variable of `shape` except `keepVars`.
 *
 * @throws KindredError `TOO_COMPLEX` when the plan exceeds the budget (checked before any table is allocated)
 */
export function compilePlan(
  shape: LocusShape,
  n: number,
  keepVars: readonly number[] = [],
  budget: ComputeBudget = {},
): CompiledPlan {
  const cardOf = (v: number): number => cardOfStatus(shape.status[v]!, n);
  const scopes: { vars: number[]; card: number[] }[] = shape.factors.map((f: FactorSpec) => ({
    vars: [...f.vars],
    card: f.vars.map(cardOf),
  }));
  const pseudo: Factor[] = scopes.map((s) => ({
    vars: s.vars,
    card: s.card,
    values: new Float64Array(0),
  }));
  const plan = planElimination(pseudo, cardOf, new Set(keepVars));
  const maxTable = budget.maxTableSize ?? DEFAULT_MAX_TABLE;
  const maxWork = budget.maxWork ?? DEFAULT_MAX_WORK;
  if (plan.maxTableSize > maxTable || plan.work > maxWork) {
    throw new KindredError(
      'TOO_COMPLEX',
      `Exact computation refused: elimination needs a table of ${plan.maxTableSize} entries and ${plan.work} operations (limits ${maxTable} and ${maxWork}); the pedigree is too densely connected for its untyped people and alleles`,
    );
  }
  const tables: Float64Array[] = scopes.map(
    (s) => new Float64Array(s.card.reduce((a, b) => a * b, 1)),
  );
  let live: number[] = scopes.map((_, i) => i);
  const steps: Step[] = [];
  for (const v of plan.order) {
    const involved = live.filter((s) => scopes[s]!.vars.includes(v));
    if (involved.length === 0) continue;
    const scopeSet = new Set<number>();
    for (const s of involved) for (const u of scopes[s]!.vars) if (u !== v) scopeSet.add(u);
    const resultVars = [...scopeSet].sort((a, b) => a - b);
    const resultCard = resultVars.map(cardOf);
    const outSize = resultCard.reduce((a, b) => a * b, 1);
    const inner = cardOf(v);
    const loopVars = [...resultVars, v];
    const loopCard = [...resultCard, inner];
    const gathers = involved.map((s) => gatherIndex(scopes[s]!, loopVars, loopCard));
    const out = scopes.length;
    scopes.push({ vars: resultVars, card: resultCard });
    tables.push(new Float64Array(outSize));
    steps.push({ inputs: Int32Array.from(involved), out, outSize, inner, gathers });
    live = live.filter((s) => !involved.includes(s));
    live.push(out);
  }
  return {
    shape,
    n,
    tables,
    steps,
    finalSlots: live,
    finalVars: live.map((s) => scopes[s]!.vars),
    maxTableSize: plan.maxTableSize,
    work: plan.work,
  };
}

/** For every loop position (result index × inner), the index into a factor's table. */
function gatherIndex(
  scope: { vars: readonly number[]; card: readonly number[] },
  loopVars: readonly number[],
  loopCard: readonly number[],
): Int32Array {
  const nl = loopVars.length;
  const strides = new Int32Array(nl);
  let stride = 1;
  for (let a = scope.vars.length - 1; a >= 0; a--) {
    strides[loopVars.indexOf(scope.vars[a]!)] = stride;
    stride *= scope.card[a]!;
  }
  const total = loopCard.reduce((a, b) => a * b, 1);
  const out = new Int32Array(total);
  const counter = new Int32Array(nl);
  let idx = 0;
  for (let j = 0; j < total; j++) {
    out[j] = idx;
    for (let k = nl - 1; k >= 0; k--) {
      const c = counter[k]! + 1;
      if (c < loopCard[k]!) {
        counter[k] = c;
        idx += strides[k]!;
        break;
      }
      counter[k] = 0;
      idx -= (c - 1) * strides[k]!;
    }
  }
  return out;
}

/** Transmission matrices and frequencies for filling a plan's initial tables. */
export interface PlanInputs {
  readonly frequencies: Float64Array;
  readonly maleMatrix: Float64Array | null;
  readonly femaleMatrix: Float64Array | null;
  readonly genotypes: Int32Array;
}

/**
 * Fill the initial tables and run every step. Returns the natural log of the scale taken out
 * (the final slots' tables hold the rest).
 */
export function runPlan(plan: CompiledPlan, inputs: PlanInputs): number {
  const { shape, n, tables } = plan;
  const { frequencies: p, genotypes: g } = inputs;
  const dom = (v: number): number[] => domainOf(shape.status[v]!, v, g, n);
  shape.factors.forEach((f, s) => {
    const t = tables[s]!;
    if (f.kind === 'prior') {
      const d = dom(f.vars[0]);
      for (let k = 0; k < d.length; k++) t[k] = p[d[k]!]!;
    } else if (f.kind === 'obs') {
      t[0] = 0;
      t[1] = 1;
      t[2] = 1;
      t[3] = 0;
    } else if (f.kind === 'hemi') {
      fillHemi(t, dom(f.vars[0]), dom(f.vars[1]), inputs.maleMatrix, n);
    } else {
      const m = f.male ? inputs.maleMatrix : inputs.femaleMatrix;
      fillTrans(t, dom(f.vars[0]), dom(f.vars[1]), dom(f.vars[2]), m, n);
    }
  });
  let logScale = 0;
  for (const step of plan.steps) {
    logScale += runStep(step, tables);
  }
  return logScale;
}

function fillHemi(
  t: Float64Array,
  dy: number[],
  dc: number[],
  m: Float64Array | null,
  n: number,
): void {
  let k = 0;
  for (const y of dy) for (const c of dc) t[k++] = m === null ? (y === c ? 1 : 0) : m[y * n + c]!;
}

function fillTrans(
  t: Float64Array,
  dx: number[],
  dy: number[],
  dc: number[],
  m: Float64Array | null,
  n: number,
): void {
  let k = 0;
  if (m === null) {
    for (const x of dx)
      for (const y of dy)
        for (const c of dc) t[k++] = 0.5 * ((x === c ? 1 : 0) + (y === c ? 1 : 0));
    return;
  }
  for (const x of dx)
    for (const y of dy) for (const c of dc) t[k++] = 0.5 * (m[x * n + c]! + m[y * n + c]!);
}

function runStep(step: Step, tables: Float64Array[]): number {
  const out = tables[step.out]!;
  const { outSize, inner, gathers, inputs } = step;
  const nf = inputs.length;
  let max = 0;
  if (nf === 1) {
    const a = tables[inputs[0]!]!;
    const ga = gathers[0]!;
    let j = 0;
    for (let o = 0; o < outSize; o++) {
      let s = 0;
      for (let t = 0; t < inner; t++, j++) s += a[ga[j]!]!;
      out[o] = s;
      if (s > max) max = s;
    }
  } else if (nf === 2) {
    const a = tables[inputs[0]!]!;
    const b = tables[inputs[1]!]!;
    const ga = gathers[0]!;
    const gb = gathers[1]!;
    let j = 0;
    for (let o = 0; o < outSize; o++) {
      let s = 0;
      for (let t = 0; t < inner; t++, j++) s += a[ga[j]!]! * b[gb[j]!]!;
      out[o] = s;
      if (s > max) max = s;
    }
  } else if (nf === 3) {
    const a = tables[inputs[0]!]!;
    const b = tables[inputs[1]!]!;
    const c = tables[inputs[2]!]!;
    const ga = gathers[0]!;
    const gb = gathers[1]!;
    const gc = gathers[2]!;
    let j = 0;
    for (let o = 0; o < outSize; o++) {
      let s = 0;
      for (let t = 0; t < inner; t++, j++) s += a[ga[j]!]! * b[gb[j]!]! * c[gc[j]!]!;
      out[o] = s;
      if (s > max) max = s;
    }
  } else {
    const ins = Array.from(inputs, (i) => tables[i]!);
    let j = 0;
    for (let o = 0; o < outSize; o++) {
      let s = 0;
      for (let t = 0; t < inner; t++, j++) {
        let prod = 1;
        for (let f = 0; f < nf && prod !== 0; f++) prod *= ins[f]![gathers[f]![j]!]!;
        s += prod;
      }
      out[o] = s;
      if (s > max) max = s;
    }
  }
  if (max === 0 || (max > 1e-150 && max < 1e150)) return 0;
  for (let o = 0; o < outSize; o++) out[o] = out[o]! / max;
  return Math.log(max);
}
