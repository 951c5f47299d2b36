/**
 * The untyped part of an elimination, computed once per locus and shared by every problem of the
 * same pedigree structure, typed people and kept person (every family of one shape in a search
 * index, say): families of one shape differ only in their typed people's alleles.
 *
 * For {@link computeJointWithPerson} the joint P(data, G_m = (x, y)) is a sum over the untyped
 * people's alleles of a product of priors and transmissions. Give every typed person two allele
 * variables (paternal, maternal; one for a male at an X locus) taking every allele, as if
 * untyped, and eliminate only the untyped people's variables, keeping the typed people's and
 * m's: the result is a short list of tables T_k over kept variables that depend on the locus
 * (frequencies, matrices) and not on any genotype (phase 1, cached per locus). A family's joint
 * is then, with each typed person's alleles set to its genotype in each order (one order for a
 * homozygote),
 *
 *   P(data, G_m = (x, y)) = Σ_phases Π_k T_k(typed alleles, x, y)   (phase 2, per family),
 *
 * which is the same sum of the same non-negative terms as the ordinary plan, grouped
 * differently (agreement to rounding, about 1e-15 relative). Phase 2 reads |phases|·Σ|slice|
 * values instead of running the whole elimination. It is asked for by callers whose locus
 * arrays (frequencies, matrices) are the same objects for many problems (an index's unlumped
 * loci), and taken only when cheaper than the ordinary plan, when the phase-1 tables are small
 * ({@link MAX_SHARED_TABLE}) and for problems without observation factors. Which path a
 * problem takes depends on the problem alone, never on what was computed before, so results are
 * reproducible bit for bit. A result whose largest entry is below {@link MIN_SHARED_MAX} (deep
 * underflow) is not returned: the caller runs the ordinary plan, which rescales at each step.
 *
 * @module
 */
import { KindredError } from '../errors.js';
import { MALE, type Pedigree } from '../pedigree/pedigree.js';
import { type CompiledPlan, compilePlan, runPlan } from './compiled-plan.js';
import { describeLocus, HET, matVar, patVar, rowsSumToOne } from './locus-model.js';
import type { LocusProblem } from './problem.js';

/** Largest phase-1 table (entries) of a shared plan. */
export const MAX_SHARED_TABLE = 2 ** 18;
/** Most work of a shared plan's phase 1 (it runs once per locus and shape). */
const MAX_SHARED_WORK = 2 ** 27;
/**
 * A phase-2 result whose largest entry is below this is left to the ordinary plan: the phase-1
 * tables are scaled over every typed-allele combination, so a family's slice may sit far below
 * 1, and above this bound its entries keep at least 1e-278 of relative range (the ordinary plan,
 * rescaled at each step, keeps 1e-308), so no genotype of the kept person flushes to 0.
 */
export const MIN_SHARED_MAX = 1e-30;
/** The phase-1 tables kept in memory are dropped when they exceed this many entries (256 MB). */
const MAX_SHARED_ENTRIES = 2 ** 25;

/** One phase-1 table and how its entries are addressed. */
interface SharedFinal {
  /** Typed people (index into {@link SharedPlan.typedRows}) whose alleles address the table. */
  readonly typedAt: Int32Array;
  /** 0 for the person's paternal allele, 1 for the maternal one, per `typedAt` entry. */
  readonly typedSide: Uint8Array;
  /** Stride of each `typedAt` entry in the table. */
  readonly typedStride: Int32Array;
  /** Stride of the kept person's paternal / maternal variable, or -1 when the table lacks it. */
  readonly patStride: number;
  readonly matStride: number;
}

/** A compiled phase 1 for one structure, typed set, kept person and allele count. */
interface SharedPlan {
  readonly plan: CompiledPlan;
  /** Rows of the typed people. */
  readonly typedRows: Int32Array;
  readonly finals: readonly SharedFinal[];
  /** Genotypes with every row untyped (phase 1's input). */
  readonly untyped: Int32Array;
  /** Phase-1 tables by locus frequencies array (matrices checked too). */
  readonly byLocus: WeakMap<Float64Array, SharedTables[]>;
}

/** Phase-1 tables of one locus (each scaled to largest entry 1). */
interface SharedTables {
  readonly male: Float64Array | null;
  readonly female: Float64Array | null;
  /** Null until computed (and again after the memory bound dropped it). */
  tables: Float64Array[] | null;
  logScale: number;
}

/**
 * When the shared path is taken for a caller that asks for it: `'auto'` (default: when cheaper,
 * see the module doc), never, or always when possible (tests).
 */
let MODE: 'auto' | 'off' | 'always' = 'auto';

/** Choose when the shared path is used (tests and benchmarks); returns the previous mode. */
export function _setSharedUntyped(mode: 'auto' | 'off' | 'always'): 'auto' | 'off' | 'always' {
  const previous = MODE;
  MODE = mode;
  return previous;
}

/** Per ordinary plan: the shared plan to use instead, or null (not cheaper, or not possible). */
const useFor = new WeakMap<CompiledPlan, SharedPlan | null>();
/** Shared plans by structure, typed rows, kept row, allele count and locus kind. */
const sharedPlans = new Map<string, SharedPlan | null>();
let sharedEntries = 0;
/** Every phase-1 result holding tables (for dropping them all at the memory bound). */
const liveTables: SharedTables[] = [];

/**
 * The joint of {@link computeJointWithPerson} through the shared untyped part, or null when the
 * ordinary plan should run (see the module doc for when).
 *
 * @param plan - the ordinary compiled plan of `problem` (for its typing and cost)
 * @param problem - theta 0, `row` untyped
 * @param row - the kept person
 * @param hemizygous - the kept person is a male at an X locus
 * @param logBarren - ln of the barren founders' constant (the same for both paths)
 * @param out - the table to write (length n·n, or n when hemizygous)
 */
export function sharedJoint(
  plan: CompiledPlan,
  problem: LocusProblem,
  row: number,
  hemizygous: boolean,
  logBarren: number,
  out: Float64Array,
): { table: Float64Array; logScale: number } | null {
  if (MODE === 'off' || problem.observations !== undefined || plan.ownTables) return null;
  let shared = useFor.get(plan);
  if (shared === undefined) {
    shared = _sharedFor(plan, problem, row);
    useFor.set(plan, shared);
  }
  if (shared === null) return null;
  const tables = _tablesFor(shared, problem);
  if (tables.tables === null) return null;
  return _phaseTwo(shared, tables.tables, problem, hemizygous, tables.logScale + logBarren, out);
}

/** The shared plan for an ordinary plan, when possible and cheaper. */
function _sharedFor(plan: CompiledPlan, problem: LocusProblem, row: number): SharedPlan | null {
  const { pedigree: ped, genotypes: g, nAlleles: n } = problem;
  const N = ped.ids.length;
  const typed: number[] = [];
  for (let i = 0; i < N; i++) if (g[2 * i]! >= 0) typed.push(i);
  const sums = rowsSumToOne(problem.maleMatrix, n) && rowsSumToOne(problem.femaleMatrix, n);
  const key = `${_structure(ped, problem.xLinked)}|${sums ? 'e' : 'i'}${n}|${typed.join(',')}|${row}`;
  let shared = sharedPlans.get(key);
  if (shared === undefined) {
    shared = _compileShared(problem, row, typed);
    if (sharedPlans.size >= 4096) sharedPlans.clear();
    sharedPlans.set(key, shared);
  }
  if (shared === null || MODE === 'always') return shared;
  // Phase-2 cost against the ordinary plan's work.
  let phases = 1;
  for (let v = 0; v < plan.shape.status.length; v++) if (plan.shape.status[v] === HET) phases *= 2;
  const size = n * n;
  let cost = 0;
  for (const f of shared.finals) {
    const both = f.patStride >= 0 && f.matStride >= 0;
    cost += both ? 2 * size : f.patStride >= 0 || f.matStride >= 0 ? n : 1;
  }
  cost = phases * (cost + 2 * size);
  // The ordinary path also multiplies its final tables into the joint (one pass each).
  return cost < plan.work + plan.finalSlots.length * size ? shared : null;
}

function _compileShared(problem: LocusProblem, row: number, typed: number[]): SharedPlan | null {
  const { pedigree: ped, nAlleles: n, xLinked } = problem;
  const N = ped.ids.length;
  const untyped = new Int32Array(2 * N).fill(-1);
  const lifted: LocusProblem = {
    pedigree: ped,
    nAlleles: n,
    frequencies: problem.frequencies,
    maleMatrix: problem.maleMatrix,
    femaleMatrix: problem.femaleMatrix,
    xLinked,
    genotypes: untyped,
    theta: 0,
  };
  const hasPat = (i: number): boolean => !(xLinked && ped.sex[i] === MALE);
  const keepRows = [row, ...typed];
  const keepVars: number[] = [];
  for (const i of keepRows) {
    if (hasPat(i)) keepVars.push(patVar(i));
    keepVars.push(matVar(i));
  }
  let best: CompiledPlan | null = null;
  for (const split of [false, true]) {
    const shape = describeLocus(lifted, keepRows, split);
    if (shape === null) return null;
    let plan: CompiledPlan;
    try {
      plan = compilePlan(shape, n, keepVars, {
        maxTableSize: MAX_SHARED_TABLE,
        maxWork: MAX_SHARED_WORK,
      });
    } catch (e) {
      if (e instanceof KindredError && e.code === 'TOO_COMPLEX') continue;
      throw e;
    }
    if (!plan.ownTables && (best === null || plan.work < best.work)) best = plan;
  }
  if (best === null) return null;
  const at = new Map<number, number>();
  typed.forEach((r, k) => {
    at.set(r, k);
  });
  const finals: SharedFinal[] = [];
  for (const vars of best.finalVars) {
    // Every kept variable takes n values (all are untyped in phase 1); the last is fastest.
    const typedAt: number[] = [];
    const typedSide: number[] = [];
    const typedStride: number[] = [];
    let patStride = -1;
    let matStride = -1;
    let stride = 1;
    for (let j = vars.length - 1; j >= 0; j--) {
      const v = vars[j]!;
      const r = v >> 1;
      if (r === row) {
        if (v === patVar(row)) patStride = stride;
        else matStride = stride;
      } else {
        const k = at.get(r);
        if (k === undefined) throw new Error('internal: shared final over an eliminated variable');
        typedAt.push(k);
        typedSide.push(v & 1);
        typedStride.push(stride);
      }
      stride *= n;
    }
    finals.push({
      typedAt: Int32Array.from(typedAt),
      typedSide: Uint8Array.from(typedSide),
      typedStride: Int32Array.from(typedStride),
      patStride,
      matStride,
    });
  }
  return {
    plan: best,
    typedRows: Int32Array.from(typed),
    finals,
    untyped,
    byLocus: new WeakMap(),
  };
}

/** Phase-1 tables of this problem's locus arrays (computed at the first use). */
function _tablesFor(shared: SharedPlan, problem: LocusProblem): SharedTables {
  const f = problem.frequencies;
  let list = shared.byLocus.get(f);
  if (list === undefined) {
    list = [];
    shared.byLocus.set(f, list);
  }
  let entry: SharedTables | undefined;
  for (const e of list)
    if (e.male === problem.maleMatrix && e.female === problem.femaleMatrix) entry = e;
  if (entry === undefined) {
    entry = { male: problem.maleMatrix, female: problem.femaleMatrix, tables: null, logScale: 0 };
    list.push(entry);
  }
  if (entry.tables === null) _phaseOne(shared, problem, entry);
  return entry;
}

function _phaseOne(shared: SharedPlan, problem: LocusProblem, entry: SharedTables): void {
  const plan = shared.plan;
  let logScale = runPlan(plan, {
    frequencies: problem.frequencies,
    maleMatrix: problem.maleMatrix,
    femaleMatrix: problem.femaleMatrix,
    genotypes: shared.untyped,
  });
  const tables: Float64Array[] = [];
  let entries = 0;
  for (const s of plan.finalSlots) {
    const t = Float64Array.from(plan.tables[s]!);
    let max = 0;
    for (let i = 0; i < t.length; i++) if (t[i]! > max) max = t[i]!;
    if (max > 0 && max !== 1) {
      for (let i = 0; i < t.length; i++) t[i] = t[i]! / max;
      logScale += Math.log(max);
    }
    tables.push(t);
    entries += t.length;
  }
  if (sharedEntries + entries > MAX_SHARED_ENTRIES) {
    // Drop every phase-1 table (plans stay): each is recomputed at its locus's next sighting.
    for (const e of liveTables) e.tables = null;
    liveTables.length = 0;
    sharedEntries = 0;
  }
  sharedEntries += entries;
  liveTables.push(entry);
  entry.tables = tables;
  entry.logScale = logScale;
}

/** Phase 2: Σ over the typed people's phases of the product of the phase-1 slices. */
function _phaseTwo(
  shared: SharedPlan,
  tables: readonly Float64Array[],
  problem: LocusProblem,
  hemizygous: boolean,
  logScale: number,
  out: Float64Array,
): { table: Float64Array; logScale: number } | null {
  const n = problem.nAlleles;
  const g = problem.genotypes;
  const rows = shared.typedRows;
  const T = rows.length;
  const finals = shared.finals;
  const size = hemizygous ? n : n * n;
  out.fill(0, 0, size);
  const prod = _scratch(size, 0);
  const u = _scratch(n, 1);
  const w = _scratch(n, 2);
  // Alleles per typed person and side for the current phases.
  const allele = _intScratch(2 * T);
  const het: number[] = [];
  for (let k = 0; k < T; k++) {
    const r = rows[k]!;
    allele[2 * k] = g[2 * r]!;
    allele[2 * k + 1] = g[2 * r + 1]!;
    if (g[2 * r] !== g[2 * r + 1] && !(problem.xLinked && problem.pedigree.sex[r] === MALE))
      het.push(k);
  }
  const phases = 1 << het.length;
  for (let ph = 0; ph < phases; ph++) {
    for (let h = 0; h < het.length; h++) {
      const k = het[h]!;
      const r = rows[k]!;
      const a = g[2 * r]!;
      const b = g[2 * r + 1]!;
      const flip = (ph >> h) & 1;
      allele[2 * k] = flip ? b : a;
      allele[2 * k + 1] = flip ? a : b;
    }
    let s = 1;
    let haveU = false;
    let haveW = false;
    let haveProd = false;
    for (let f = 0; f < finals.length && s !== 0; f++) {
      const spec = finals[f]!;
      const t = tables[f]!;
      let off = 0;
      const ta = spec.typedAt;
      for (let j = 0; j < ta.length; j++)
        off += spec.typedStride[j]! * allele[2 * ta[j]! + spec.typedSide[j]!]!;
      const ps = spec.patStride;
      const ms = spec.matStride;
      if (ps < 0 && ms < 0) s *= t[off]!;
      else if (ms < 0) {
        if (haveU) for (let x = 0; x < n; x++) u[x] = u[x]! * t[off + x * ps]!;
        else for (let x = 0; x < n; x++) u[x] = t[off + x * ps]!;
        haveU = true;
      } else if (ps < 0) {
        if (haveW) for (let y = 0; y < n; y++) w[y] = w[y]! * t[off + y * ms]!;
        else for (let y = 0; y < n; y++) w[y] = t[off + y * ms]!;
        haveW = true;
      } else {
        for (let x = 0, i = 0; x < n; x++) {
          const o = off + x * ps;
          if (haveProd) for (let y = 0; y < n; y++, i++) prod[i] = prod[i]! * t[o + y * ms]!;
          else for (let y = 0; y < n; y++, i++) prod[i] = t[o + y * ms]!;
        }
        haveProd = true;
      }
    }
    if (s === 0) continue;
    if (hemizygous) {
      // Only the maternal variable is kept.
      for (let y = 0; y < n; y++) out[y] = out[y]! + s * (haveW ? w[y]! : 1);
      continue;
    }
    for (let x = 0, i = 0; x < n; x++) {
      const sx = s * (haveU ? u[x]! : 1);
      if (haveProd) {
        if (haveW) for (let y = 0; y < n; y++, i++) out[i] = out[i]! + sx * w[y]! * prod[i]!;
        else for (let y = 0; y < n; y++, i++) out[i] = out[i]! + sx * prod[i]!;
      } else if (haveW) for (let y = 0; y < n; y++, i++) out[i] = out[i]! + sx * w[y]!;
      else for (let y = 0; y < n; y++, i++) out[i] = out[i]! + sx;
    }
  }
  let max = 0;
  for (let i = 0; i < size; i++) if (out[i]! > max) max = out[i]!;
  if (!(max >= MIN_SHARED_MAX) || max === Number.POSITIVE_INFINITY) return null;
  return { table: out, logScale };
}

const scratch: Float64Array[] = [new Float64Array(0), new Float64Array(0), new Float64Array(0)];
let intScratch = new Int32Array(16);

function _scratch(size: number, k: number): Float64Array {
  if (scratch[k]!.length < size) scratch[k] = new Float64Array(size);
  return scratch[k]!;
}

function _intScratch(size: number): Int32Array {
  if (intScratch.length < size) intScratch = new Int32Array(size);
  return intScratch;
}

const structureKeys = new WeakMap<Pedigree, string>();

/**
 * Parents and sameAs links, and sexes at an X locus only: at an autosomal locus a person's sex
 * changes nothing but which matrix its children get, and that is given by the parent's role.
 */
function _structure(ped: Pedigree, xLinked: boolean): string {
  let key = structureKeys.get(ped);
  if (key === undefined) {
    key = `${ped.father.join(',')}/${ped.mother.join(',')}/${ped.sameAs.join(',')}`;
    structureKeys.set(ped, key);
  }
  return xLinked ? `X${key}/${ped.sex.join('')}` : `A${key}`;
}
