/**
 * Compiled variable-elimination plans. A plan is made once per pedigree structure, typing
 * pattern and allele count (see {@link LocusShape.key}) and then evaluated for any locus and
 * genotypes of that shape: every step is a precomputed gather over flat tables, so evaluation
 * allocates nothing and does no planning.
 *
 * Transmissions are eliminated in their cheap form. When a child's allele variable c is summed
 * out while its transmission factor T(c | x, y) = ½M[x][c] + ½M[y][c] is still intact,
 *
 *   Σ_c T(c | x, y) g(c, Z) = A(x, Z) + B(y, Z),  A(x, Z) = Σ_c ½M[x][c] g(c, Z)  (B likewise),
 *
 * which costs O(n²|Z|) instead of the O(n³|Z|) of multiplying the n×n×n table first.
 *
 * @module
 */
import { KindredError } from '../errors.js';
import {
  type ComputeBudget,
  decomposedCost,
  type Factor,
  type OrderStep,
  planElimination,
} from './eliminate.js';
import { cardOfStatus, type FactorSpec, FULL, HET, HOM, type LocusShape } from './locus-model.js';

/**
 * out[o·mid + u] = Σ_t Π_f in_f[base_f[o] + u·midStride_f + t·stride_f] (inner = 1: a pure
 * product). The output's last variable (mid values) and the summed variable (inner values) are
 * stepped through by stride; only the other output variables need a gathered base per factor.
 */
interface MulSumStep {
  readonly kind: 'mulsum';
  readonly inputs: Int32Array;
  readonly out: number;
  readonly outSize: number;
  readonly outer: number;
  readonly mid: number;
  readonly inner: number;
  readonly bases: readonly Int32Array[];
  readonly midStrides: Int32Array;
  readonly strides: Int32Array;
  /** False for the two halves of a decomposed transmission, which must keep one common scale. */
  readonly rescale: boolean;
}

/** out[o·mid + u] = a[ga[o] + u·sa] + b[gb[o] + u·sb]. */
interface AddStep {
  readonly kind: 'add';
  readonly a: number;
  readonly b: number;
  readonly out: number;
  readonly outSize: number;
  readonly mid: number;
  readonly ga: Int32Array;
  readonly gb: Int32Array;
  readonly sa: number;
  readonly sb: number;
}

type Step = MulSumStep | AddStep;

/** An extra table filled per evaluation: ½M[x][c] over (parent var, child var), for a decomposed transmission. */
interface HalfMatrixSpec {
  readonly slot: number;
  /** Allele slots (not variables) of the parent and the child. */
  readonly parentSlot: number;
  readonly childSlot: number;
  readonly male: boolean;
  /** True when both variables are untyped: the table is ½M itself (cached per matrix). */
  readonly full: boolean;
}

/** A compiled plan for one {@link LocusShape} and allele count. */
export interface CompiledPlan {
  readonly shape: LocusShape;
  readonly n: number;
  /**
   * Table storage, one per slot (initial factors first, then step outputs): views of scratch
   * space shared with other plans, valid from a `runPlan` of this plan until the next run of any.
   */
  readonly tables: Float64Array[];
  readonly halfMatrices: readonly HalfMatrixSpec[];
  readonly steps: readonly Step[];
  /** Slots left at the end (scalars, or tables over kept variables). */
  readonly finalSlots: readonly number[];
  /** Variables of each final slot. */
  readonly finalVars: readonly (readonly number[])[];
  readonly maxTableSize: number;
  /** Multiply-adds one evaluation does. */
  readonly work: number;
  /** Per allele slot, its allele for each value of its variable (refilled for typed people at each run). */
  readonly slotAlleles: readonly (Int32Array | undefined)[];
  /** Slots of typed people, whose allele arrays come from the genotypes. */
  readonly typedSlots: Int32Array;
  /** Bytes held by the plan's index arrays (its tables are views of shared scratch space). */
  readonly bytes: number;
  /** True when the plan's tables are too large to share and have a buffer of their own (not cached). */
  readonly ownTables: boolean;
  /** Transmission factor slots that a step reads as a full table, or that are left as final tables. */
  readonly transToFill: Int32Array;
}

/** Default largest table of the exact engine (entries), when the budget names none. */
export const DEFAULT_MAX_TABLE = 2 ** 24;
/** Default most operations per locus of the exact engine, when the budget names none. */
export const DEFAULT_MAX_WORK = 2 ** 31;

interface Scope {
  vars: number[];
  card: number[];
}

/**
 * Compile the elimination of every variable of `shape` except `keepVars`, in `order` when given
 * (an order planned for the same graph; see {@link planOrder}), else in a freshly planned one.
 *
 * @throws KindredError `TOO_COMPLEX` when the plan's exact largest table or work exceeds the budget
 *   (checked on the scopes alone, before any index array or table is allocated)
 */
export function compilePlan(
  shape: LocusShape,
  n: number,
  keepVars: readonly number[] = [],
  budget: ComputeBudget = {},
  order?: readonly OrderStep[],
): CompiledPlan {
  return walkPlan(shape, n, keepVars, budget, order, false);
}

/** The exact cost of a plan, known before anything is allocated (see {@link measurePlan}). */
export interface PlanCost {
  /** Entries of the largest table the elimination builds. */
  readonly maxTableSize: number;
  /** Multiply-adds one evaluation does (the unit of `ComputeBudget.maxWork`). */
  readonly work: number;
}

/**
 * The exact largest table and work of the plan {@link compilePlan} would compile for the same
 * arguments, from the walk over scopes alone: no index array or table is allocated and no budget
 * is checked (for a whole-case budget summed before any computation starts).
 */
export function measurePlan(
  shape: LocusShape,
  n: number,
  keepVars: readonly number[] = [],
  order?: readonly OrderStep[],
): PlanCost {
  return walkPlan(shape, n, keepVars, {}, order, true);
}

function walkPlan(
  shape: LocusShape,
  n: number,
  keepVars: readonly number[],
  budget: ComputeBudget,
  order: readonly OrderStep[] | undefined,
  measureOnly: true,
): PlanCost;
function walkPlan(
  shape: LocusShape,
  n: number,
  keepVars: readonly number[],
  budget: ComputeBudget,
  order: readonly OrderStep[] | undefined,
  measureOnly: false,
): CompiledPlan;
function walkPlan(
  shape: LocusShape,
  n: number,
  keepVars: readonly number[],
  budget: ComputeBudget,
  order: readonly OrderStep[] | undefined,
  measureOnly: boolean,
): CompiledPlan | PlanCost {
  const cardOf = (v: number): number => cardOfStatus(shape.status[v]!, n);
  const scopes: Scope[] = shape.factors.map((f: FactorSpec) => ({
    vars: [...f.vars],
    card: f.vars.map(cardOf),
  }));
  const slotVar = shape.slotVar;
  const pseudo: Factor[] = scopes;
  const transmissions = shapeTransmissions(shape);
  const plan =
    order === undefined
      ? planElimination(pseudo, cardOf, new Set(keepVars), transmissions)
      : { order };
  // Two phases: the elimination is first walked over scopes only (exact table sizes and work,
  // checked against the budget), and index arrays are built only for a plan within it.
  const sizeOf = (card: readonly number[]): number => card.reduce((a, b) => a * b, 1);
  const tableSizes: number[] = scopes.map((s) => sizeOf(s.card));
  let maxTableSize = Math.max(1, ...tableSizes);
  const halfMatrices: HalfMatrixSpec[] = [];
  const builders: (() => Step)[] = [];
  let work = 0;
  const newSlot = (vars: number[]): number => {
    const card = vars.map(cardOf);
    scopes.push({ vars, card });
    const size = sizeOf(card);
    tableSizes.push(size);
    if (size > maxTableSize) maxTableSize = size;
    return scopes.length - 1;
  };
  /** Multiply `inputs` and sum out `v` (-1: none) into a new slot over the rest of their scopes. */
  const mulsum = (inputs: number[], v: number, rescale = true): number => {
    const scopeSet = new Set<number>();
    for (const s of inputs) for (const u of scopes[s]!.vars) if (u !== v) scopeSet.add(u);
    const resultVars = [...scopeSet].sort((a, b) => a - b);
    const out = newSlot(resultVars);
    const resultCard = scopes[out]!.card;
    const inner = v >= 0 ? cardOf(v) : 1;
    const outSize = sizeOf(resultCard);
    work += outSize * inner * inputs.length;
    builders.push(() => {
      const { outerVars, outerCard, last, mid } = splitLast(resultVars, resultCard);
      return {
        kind: 'mulsum',
        inputs: Int32Array.from(inputs),
        out,
        outSize,
        outer: outSize / mid,
        mid,
        inner,
        bases: inputs.map((s) => gatherIndex(scopes[s]!, outerVars, outerCard)),
        midStrides: Int32Array.from(inputs, (s) => strideOf(scopes[s]!, last)),
        strides: Int32Array.from(inputs, (s) => strideOf(scopes[s]!, v)),
        rescale,
      };
    });
    return out;
  };
  const add = (a: number, b: number): number => {
    const scopeSet = new Set([...scopes[a]!.vars, ...scopes[b]!.vars]);
    const resultVars = [...scopeSet].sort((x, y) => x - y);
    const out = newSlot(resultVars);
    const resultCard = scopes[out]!.card;
    const outSize = sizeOf(resultCard);
    work += outSize;
    builders.push(() => {
      const { outerVars, outerCard, last, mid } = splitLast(resultVars, resultCard);
      return {
        kind: 'add',
        a,
        b,
        out,
        outSize,
        mid,
        ga: gatherIndex(scopes[a]!, outerVars, outerCard),
        gb: gatherIndex(scopes[b]!, outerVars, outerCard),
        sa: strideOf(scopes[a]!, last),
        sb: strideOf(scopes[b]!, last),
      };
    });
    return out;
  };
  const worthDecomposing = (
    f: Extract<FactorSpec, { kind: 'trans' }>,
    others: number[],
    v: number,
  ): boolean => {
    const px = slotVar[f.slots[0]]!;
    const py = slotVar[f.slots[1]]!;
    const zVars = new Set<number>();
    for (const s of others) for (const u of scopes[s]!.vars) if (u !== v) zVars.add(u);
    zVars.delete(px);
    zVars.delete(py);
    let z = 1;
    for (const u of zVars) z *= cardOf(u);
    const cx = cardOf(px);
    const cy = px === py ? 1 : cardOf(py);
    const c = cardOf(v);
    return decomposedCost(cx, cy, c, z) < cx * cy * z * c * (others.length + 1);
  };
  let live: number[] = scopes.map((_, i) => i);
  /** A half-matrix table ½M[parent][child] over (parent var, child var) of transmission f. */
  const halfTable = (f: Extract<FactorSpec, { kind: 'trans' }>, parentSlot: number): number => {
    const slot = newSlot([slotVar[parentSlot]!, slotVar[f.slots[2]]!]);
    const full =
      shape.status[slotVar[parentSlot]!] === FULL && shape.status[slotVar[f.slots[2]]!] === FULL;
    halfMatrices.push({ slot, parentSlot, childSlot: f.slots[2], male: f.male, full });
    return slot;
  };
  const eliminateOne = (v: number): void => {
    const involved = live.filter((s) => scopes[s]!.vars.includes(v));
    if (involved.length === 0) return;
    // An intact transmission factor whose child variable is v?
    const t = involved.find((s) => {
      const f = shape.factors[s];
      return f !== undefined && f.kind === 'trans' && slotVar[f.slots[2]] === v;
    });
    let out: number;
    const f =
      t === undefined ? undefined : (shape.factors[t] as Extract<FactorSpec, { kind: 'trans' }>);
    const others = involved.filter((s) => s !== t);
    if (f !== undefined && f.vars.length === 3 && worthDecomposing(f, others, v)) {
      const g = others.length === 0 ? -1 : others.length === 1 ? others[0]! : mulsum(others, -1);
      const halves = [f.slots[0], f.slots[1]].map((parentSlot) => {
        const slot = halfTable(f, parentSlot);
        return mulsum(g < 0 ? [slot] : [slot, g], v, false);
      });
      out = add(halves[0]!, halves[1]!);
    } else {
      out = mulsum(involved, v);
    }
    live = live.filter((s) => !involved.includes(s));
    live.push(out);
  };
  /** A pair step (see OrderStep): both parents x, y of the intact transmission to c at once. */
  const eliminatePair = (x: number, y: number, c: number): void => {
    const involved = live.filter((s) => {
      const vars = scopes[s]!.vars;
      return vars.includes(x) || vars.includes(y);
    });
    const t = involved.find((s) => {
      const f = shape.factors[s];
      return (
        f !== undefined &&
        f.kind === 'trans' &&
        f.vars.length === 3 &&
        f.vars[0] === x &&
        f.vars[1] === y &&
        f.vars[2] === c
      );
    });
    const others = involved.filter((s) => s !== t);
    // The pair form gains nothing when another factor already holds c (G would be |c| times
    // larger): eliminate x and y one at a time then.
    if (t === undefined || others.length === 0 || others.some((s) => scopes[s]!.vars.includes(c))) {
      eliminateOne(x);
      eliminateOne(y);
      return;
    }
    const f = shape.factors[t] as Extract<FactorSpec, { kind: 'trans' }>;
    const g = others.length === 1 ? others[0]! : mulsum(others, -1);
    // G₁ = Σ_y G and G₂ = Σ_x G share G's scale, as do the two halves summed below.
    const g1 = mulsum([g], y, false);
    const g2 = mulsum([g], x, false);
    const u = mulsum([halfTable(f, f.slots[0]), g1], x, false);
    const w = mulsum([halfTable(f, f.slots[1]), g2], y, false);
    live = live.filter((s) => !involved.includes(s));
    live.push(add(u, w));
  };
  for (const step of plan.order) {
    if (typeof step === 'number') eliminateOne(step);
    else eliminatePair(step[0], step[1], step[2]);
  }
  if (measureOnly) return { maxTableSize, work };
  checkBudget(maxTableSize, work, budget);
  const steps = builders.map((build) => build());
  const slotAlleles: (Int32Array | undefined)[] = [];
  const typedSlots: number[] = [];
  for (let sl = 0; sl < slotVar.length; sl++) {
    const v = slotVar[sl]!;
    if (v < 0) continue;
    const st = shape.status[v]!;
    slotAlleles[sl] =
      st === FULL
        ? Int32Array.from({ length: n }, (_, a) => a)
        : new Int32Array(st === HET ? 2 : 1);
    if (st !== FULL) typedSlots.push(sl);
  }
  const transToFill = new Set<number>();
  for (const st of steps)
    if (st.kind === 'mulsum')
      for (const i of st.inputs) if (shape.factors[i]?.kind === 'trans') transToFill.add(i);
  // A transmission to a kept variable from a typed parent can be left over as a final table.
  for (const i of live) if (shape.factors[i]?.kind === 'trans') transToFill.add(i);
  let bytes = 0;
  for (const st of steps) {
    if (st.kind === 'add') bytes += st.ga.byteLength + st.gb.byteLength;
    else for (const b of st.bases) bytes += b.byteLength;
  }
  return {
    shape,
    n,
    bytes,
    ownTables: tableSizes.reduce((a, b) => a + b, 0) > SHARED_SCRATCH_ENTRIES,
    tables: scratchTables(tableSizes),
    halfMatrices,
    steps,
    slotAlleles,
    typedSlots: Int32Array.from(typedSlots),
    transToFill: Int32Array.from(transToFill),
    finalSlots: live,
    finalVars: live.map((s) => scopes[s]!.vars),
    maxTableSize,
    work,
  };
}

/**
 * Scratch space shared by all plans: every table of a plan is rewritten by each run before it
 * is read, and runs never interleave (one thread; callers read the final tables right after
 * `runPlan`), so plans take their tables as views of one buffer. A plan that needs more than the
 * current buffer gets a new, larger one; older plans keep their views of the old buffer.
 */
let scratchBuffer = new Float64Array(1 << 16);

/**
 * Plans whose tables together exceed this many entries (32 MB) get a buffer of their own and are
 * not cached, so one exceptional pedigree does not keep its memory for the life of the process.
 */
export let SHARED_SCRATCH_ENTRIES = 1 << 22;

/** Change {@link SHARED_SCRATCH_ENTRIES} (tests); returns the previous value. */
export function setSharedScratchEntries(entries: number): number {
  const previous = SHARED_SCRATCH_ENTRIES;
  SHARED_SCRATCH_ENTRIES = entries;
  return previous;
}

function scratchTables(sizes: readonly number[]): Float64Array[] {
  const total = sizes.reduce((a, b) => a + b, 0);
  let buffer: Float64Array;
  if (total > SHARED_SCRATCH_ENTRIES) buffer = new Float64Array(total);
  else {
    if (total > scratchBuffer.length) {
      scratchBuffer = new Float64Array(
        Math.min(SHARED_SCRATCH_ENTRIES, Math.max(total, 2 * scratchBuffer.length)),
      );
    }
    buffer = scratchBuffer;
  }
  let at = 0;
  return sizes.map((size) => {
    const view = buffer.subarray(at, at + size);
    at += size;
    return view;
  });
}

/**
 * Plan an elimination order for `shape` with every untyped allele taking `n` values and every
 * typed person's phase 2 (the order then serves any allele count near `n` and any het/hom
 * pattern of the same typed people). Returns the order and its estimated work.
 */
export function planOrder(
  shape: LocusShape,
  n: number,
  keepVars: readonly number[] = [],
): { readonly order: readonly OrderStep[]; readonly work: number } {
  const cardOf = (v: number): number => {
    const st = shape.status[v]!;
    return st === FULL ? n : st === HOM ? 2 : cardOfStatus(st, n);
  };
  const factors = shape.factors.map((f) => ({ vars: f.vars, card: f.vars.map(cardOf) }));
  const plan = planElimination(factors, cardOf, new Set(keepVars), shapeTransmissions(shape));
  return { order: plan.order, work: plan.work };
}

/** The (parent, parent, child) variables of each transmission from an untyped parent. */
function shapeTransmissions(shape: LocusShape): (readonly [number, number, number])[] {
  return shape.factors.flatMap((f) =>
    f.kind === 'trans' && f.vars.length === 3
      ? [[f.vars[0]!, f.vars[1]!, f.vars[2]!] as const]
      : [],
  );
}

/**
 * Refuse a plan whose largest table or total work exceeds the budget.
 *
 * @throws KindredError `TOO_COMPLEX` naming the table size and work against the limits
 */
export function checkBudget(maxTableSize: number, work: number, budget: ComputeBudget = {}): void {
  const maxTable = budget.maxTableSize ?? DEFAULT_MAX_TABLE;
  const maxWork = budget.maxWork ?? DEFAULT_MAX_WORK;
  if (maxTableSize > maxTable || work > maxWork) {
    throw new KindredError(
      'TOO_COMPLEX',
      `Exact computation refused: elimination needs a table of ${maxTableSize} entries and ${work} operations (limits ${maxTable} and ${maxWork}); the pedigree is too densely connected for its untyped people and alleles`,
    );
  }
}

/** A step's output variables split into the gathered ones and the last (strided) one. */
function splitLast(
  vars: readonly number[],
  card: readonly number[],
): { outerVars: number[]; outerCard: number[]; last: number; mid: number } {
  if (vars.length === 0) return { outerVars: [], outerCard: [], last: -1, mid: 1 };
  return {
    outerVars: vars.slice(0, -1),
    outerCard: card.slice(0, -1),
    last: vars[vars.length - 1]!,
    mid: card[card.length - 1]!,
  };
}

/** The stride of variable `v` in a factor's table (0 when the factor does not hold it, or v < 0). */
function strideOf(scope: Scope, v: number): number {
  let stride = 1;
  for (let a = scope.vars.length - 1; a >= 0; a--) {
    if (scope.vars[a] === v) return stride;
    stride *= scope.card[a]!;
  }
  return 0;
}

/**
 * For every loop position (mixed radix over loopVars, last fastest), the index into a factor's
 * table; the factor's variables outside loopVars stay at 0.
 */
function gatherIndex(
  scope: Scope,
  loopVars: readonly number[],
  loopCard: readonly number[],
): Int32Array {
  const nl = loopVars.length;
  const strides = new Int32Array(nl);
  let stride = 1;
  for (let a = scope.vars.length - 1; a >= 0; a--) {
    const at = loopVars.indexOf(scope.vars[a]!);
    if (at >= 0) strides[at] = stride;
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
  /** Observation factors per row (see `LocusProblem.observations`). */
  readonly observations?: readonly (Float64Array | null)[];
}

/**
 * Fill the initial tables and run every step. Returns the natural log of the scale taken out
 * (the final slots' tables hold the rest).
 */
export function runPlan(plan: CompiledPlan, inputs: PlanInputs): number {
  const { shape, n, tables, slotAlleles: al } = plan;
  const { frequencies: p, genotypes: g } = inputs;
  const typed = plan.typedSlots;
  for (let k = 0; k < typed.length; k++) {
    const sl = typed[k]!;
    const d = al[sl]!;
    const row = sl >> 1;
    const a = g[2 * row]!;
    const b = g[2 * row + 1]!;
    if (d.length === 1) d[0] = a;
    else if (shape.slotFlip[sl] === 0) {
      d[0] = a;
      d[1] = b;
    } else {
      d[0] = b;
      d[1] = a;
    }
  }
  const factors = shape.factors;
  for (let s = 0; s < factors.length; s++) {
    const f = factors[s]!;
    if (f.kind === 'prior') {
      const t = tables[s]!;
      const d = al[f.slots[0]]!;
      for (let k = 0; k < d.length; k++) t[k] = p[d[k]!]!;
    } else if (f.kind === 'hemi') {
      fillMatrix(tables[s]!, al[f.slots[0]]!, al[f.slots[1]]!, inputs.maleMatrix, n, 1);
    } else if (f.kind === 'seg') {
      const m = f.male ? inputs.maleMatrix : inputs.femaleMatrix;
      fillSeg(tables[s]!, f.side, al[f.slots[0]]!, al[f.slots[1]]!, m, n);
    } else if (f.kind === 'obs') {
      fillObservation(tables[s]!, f, al, inputs.observations?.[f.row] ?? null, n);
    }
  }
  for (let k = 0; k < plan.transToFill.length; k++) {
    const s = plan.transToFill[k]!;
    const f = factors[s] as Extract<FactorSpec, { kind: 'trans' }>;
    const m = f.male ? inputs.maleMatrix : inputs.femaleMatrix;
    const [xs, ys, cs] = f.slots;
    if (f.vars.length === 3) fillTrans(tables[s]!, al[xs]!, al[ys]!, al[cs]!, m, n);
    else fillTransShared(tables[s]!, al[xs]!, al[ys]!, al[cs]!, m, n);
  }
  const halves = plan.halfMatrices;
  for (let k = 0; k < halves.length; k++) {
    const h = halves[k]!;
    const m = h.male ? inputs.maleMatrix : inputs.femaleMatrix;
    if (h.full) tables[h.slot] = halfMatrix(m, n);
    else fillMatrix(tables[h.slot]!, al[h.parentSlot]!, al[h.childSlot]!, m, n, 0.5);
  }
  let logScale = 0;
  const steps = plan.steps;
  for (let k = 0; k < steps.length; k++) {
    const step = steps[k]!;
    if (step.kind === 'add') runAdd(step, tables);
    else logScale += runMulSum(step, tables);
  }
  return logScale;
}

/**
 * An observation factor's table over its variables: t[i, j] = P(E | al_pat[i], al_mat[j]) when the
 * person's two slots are separate variables, t[φ] = P(E | al_pat[φ], al_mat[φ]) when they share
 * its phase variable, t[i] = P(E | al[i]) for a male at an X locus.
 */
function fillObservation(
  t: Float64Array,
  f: Extract<FactorSpec, { kind: 'obs' }>,
  al: readonly (Int32Array | undefined)[],
  table: Float64Array | null,
  n: number,
): void {
  if (table === null) throw new Error('internal: observation factor without its table');
  if (f.slots.length === 1) {
    const d = al[f.slots[0]!]!;
    for (let k = 0; k < d.length; k++) t[k] = table[d[k]!]!;
    return;
  }
  const dp = al[f.slots[0]!]!;
  const dm = al[f.slots[1]!]!;
  if (f.vars.length === 1) {
    for (let k = 0; k < dp.length; k++) t[k] = table[dp[k]! * n + dm[k]!]!;
    return;
  }
  let k = 0;
  for (let i = 0; i < dp.length; i++) {
    const row = dp[i]! * n;
    for (let j = 0; j < dm.length; j++) t[k++] = table[row + dm[j]!]!;
  }
}

const halfCache = new WeakMap<Float64Array, Float64Array>();
const halfIdentity = new Map<number, Float64Array>();

/** ½M as a table (½I for no mutation), cached per matrix. Never written to by steps. */
function halfMatrix(m: Float64Array | null, n: number): Float64Array {
  if (m === null) {
    let t = halfIdentity.get(n);
    if (t === undefined) {
      t = new Float64Array(n * n);
      for (let i = 0; i < n; i++) t[i * n + i] = 0.5;
      halfIdentity.set(n, t);
    }
    return t;
  }
  let t = halfCache.get(m);
  if (t === undefined) {
    t = Float64Array.from(m, (x) => 0.5 * x);
    halfCache.set(m, t);
  }
  return t;
}

/** t[i, j] = scale·M[dx[i]][dc[j]] (identity when M is null). */
function fillMatrix(
  t: Float64Array,
  dx: Int32Array,
  dc: Int32Array,
  m: Float64Array | null,
  n: number,
  scale: number,
): void {
  const nc = dc.length;
  const nx = dx.length;
  let k = 0;
  for (let i = 0; i < nx; i++) {
    const x = dx[i]!;
    for (let j = 0; j < nc; j++) {
      const c = dc[j]!;
      t[k++] = scale * (m === null ? (x === c ? 1 : 0) : m[x * n + c]!);
    }
  }
}

/** Half a split transmission: t[s, x, c] = ½M[x][c] when s = side, else 1. */
function fillSeg(
  t: Float64Array,
  side: number,
  dx: Int32Array,
  dc: Int32Array,
  m: Float64Array | null,
  n: number,
): void {
  const nx = dx.length;
  const nc = dc.length;
  const block = nx * nc;
  const own = side * block;
  const other = (1 - side) * block;
  t.fill(1, other, other + block);
  let k = own;
  for (let i = 0; i < nx; i++) {
    const x = dx[i]!;
    for (let j = 0; j < nc; j++) {
      const c = dc[j]!;
      t[k++] = 0.5 * (m === null ? (x === c ? 1 : 0) : m[x * n + c]!);
    }
  }
}

let scratch = new Float64Array(1024);

/** Transmission over three distinct variables: t[x, y, c] = ½(M[x][c] + M[y][c]). */
function fillTrans(
  t: Float64Array,
  dx: Int32Array,
  dy: Int32Array,
  dc: Int32Array,
  m: Float64Array | null,
  n: number,
): void {
  const nx = dx.length;
  const ny = dy.length;
  const nc = dc.length;
  // h[a·nc + l] = ½M[a][dc[l]] for every allele a (dx and dy index into it).
  if (scratch.length < n * nc) scratch = new Float64Array(n * nc);
  const h = scratch;
  for (let a = 0; a < n; a++) {
    for (let l = 0; l < nc; l++) {
      const c = dc[l]!;
      h[a * nc + l] = m === null ? (a === c ? 0.5 : 0) : 0.5 * m[a * n + c]!;
    }
  }
  let k = 0;
  for (let i = 0; i < nx; i++) {
    const hx = dx[i]! * nc;
    for (let j = 0; j < ny; j++) {
      const hy = dy[j]! * nc;
      for (let l = 0; l < nc; l++) t[k++] = h[hx + l]! + h[hy + l]!;
    }
  }
}

/**
 * Transmission from a typed parent with alleles dx[0], dy[0] (its phase-0 order; the value is the
 * same for either phase): t[c] = ½(M[x][c] + M[y][c]).
 */
function fillTransShared(
  t: Float64Array,
  dx: Int32Array,
  dy: Int32Array,
  dc: Int32Array,
  m: Float64Array | null,
  n: number,
): void {
  const x = dx[0]!;
  const y = dy[0]!;
  for (let k = 0; k < dc.length; k++) {
    const c = dc[k]!;
    t[k] =
      0.5 * (m === null ? (x === c ? 1 : 0) + (y === c ? 1 : 0) : m[x * n + c]! + m[y * n + c]!);
  }
}

function runAdd(step: AddStep, tables: Float64Array[]): void {
  const out = tables[step.out]!;
  const a = tables[step.a]!;
  const b = tables[step.b]!;
  const { ga, gb, sa, sb, mid } = step;
  const outer = ga.length;
  let k = 0;
  for (let o = 0; o < outer; o++) {
    let ia = ga[o]!;
    let ib = gb[o]!;
    for (let u = 0; u < mid; u++, ia += sa, ib += sb) out[k++] = a[ia]! + b[ib]!;
  }
}

function runMulSum(step: MulSumStep, tables: Float64Array[]): number {
  const out = tables[step.out]!;
  const { outSize, outer, mid, inner, bases, midStrides, strides, inputs } = step;
  const nf = inputs.length;
  let max = 0;
  let k = 0;
  if (nf === 1) {
    const a = tables[inputs[0]!]!;
    const ba = bases[0]!;
    const ma = midStrides[0]!;
    const sa = strides[0]!;
    for (let o = 0; o < outer; o++) {
      let ra = ba[o]!;
      for (let u = 0; u < mid; u++, ra += ma) {
        let ia = ra;
        let s = 0;
        for (let t = 0; t < inner; t++, ia += sa) s += a[ia]!;
        out[k++] = s;
        if (s > max) max = s;
      }
    }
  } else if (nf === 2) {
    const a = tables[inputs[0]!]!;
    const b = tables[inputs[1]!]!;
    const ba = bases[0]!;
    const bb = bases[1]!;
    const ma = midStrides[0]!;
    const mb = midStrides[1]!;
    const sa = strides[0]!;
    const sb = strides[1]!;
    for (let o = 0; o < outer; o++) {
      let ra = ba[o]!;
      let rb = bb[o]!;
      for (let u = 0; u < mid; u++, ra += ma, rb += mb) {
        let ia = ra;
        let ib = rb;
        let s = 0;
        for (let t = 0; t < inner; t++, ia += sa, ib += sb) s += a[ia]! * b[ib]!;
        out[k++] = s;
        if (s > max) max = s;
      }
    }
  } else if (nf === 3) {
    const a = tables[inputs[0]!]!;
    const b = tables[inputs[1]!]!;
    const c = tables[inputs[2]!]!;
    const ba = bases[0]!;
    const bb = bases[1]!;
    const bc = bases[2]!;
    const ma = midStrides[0]!;
    const mb = midStrides[1]!;
    const mc = midStrides[2]!;
    const sa = strides[0]!;
    const sb = strides[1]!;
    const sc = strides[2]!;
    for (let o = 0; o < outer; o++) {
      let ra = ba[o]!;
      let rb = bb[o]!;
      let rc = bc[o]!;
      for (let u = 0; u < mid; u++, ra += ma, rb += mb, rc += mc) {
        let ia = ra;
        let ib = rb;
        let ic = rc;
        let s = 0;
        for (let t = 0; t < inner; t++, ia += sa, ib += sb, ic += sc) s += a[ia]! * b[ib]! * c[ic]!;
        out[k++] = s;
        if (s > max) max = s;
      }
    }
  } else if (nf === 4) {
    const a = tables[inputs[0]!]!;
    const b = tables[inputs[1]!]!;
    const c = tables[inputs[2]!]!;
    const d = tables[inputs[3]!]!;
    const ba = bases[0]!;
    const bb = bases[1]!;
    const bc = bases[2]!;
    const bd = bases[3]!;
    const ma = midStrides[0]!;
    const mb = midStrides[1]!;
    const mc = midStrides[2]!;
    const md = midStrides[3]!;
    const sa = strides[0]!;
    const sb = strides[1]!;
    const sc = strides[2]!;
    const sd = strides[3]!;
    for (let o = 0; o < outer; o++) {
      let ra = ba[o]!;
      let rb = bb[o]!;
      let rc = bc[o]!;
      let rd = bd[o]!;
      for (let u = 0; u < mid; u++, ra += ma, rb += mb, rc += mc, rd += md) {
        let ia = ra;
        let ib = rb;
        let ic = rc;
        let id = rd;
        let s = 0;
        for (let t = 0; t < inner; t++, ia += sa, ib += sb, ic += sc, id += sd)
          s += a[ia]! * b[ib]! * c[ic]! * d[id]!;
        out[k++] = s;
        if (s > max) max = s;
      }
    }
  } else {
    const ins = Array.from(inputs, (i) => tables[i]!);
    for (let o = 0; o < outer; o++) {
      for (let u = 0; u < mid; u++) {
        let s = 0;
        for (let t = 0; t < inner; t++) {
          let prod = 1;
          for (let f = 0; f < nf && prod !== 0; f++)
            prod *= ins[f]![bases[f]![o]! + u * midStrides[f]! + t * strides[f]!]!;
          s += prod;
        }
        out[k++] = s;
        if (s > max) max = s;
      }
    }
  }
  if (!step.rescale || max === 0 || (max > 1e-150 && max < 1e150)) return 0;
  for (let o = 0; o < outSize; o++) out[o] = out[o]! / max;
  return Math.log(max);
}
