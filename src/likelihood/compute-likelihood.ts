/**
 * Exact likelihood of one locus: P(all genotypes | pedigree, frequencies, mutation) with every
 * untyped person summed over, by variable elimination on allele-level variables. Cost follows
 * the width of the elimination, not the pedigree size.
 *
 * The transmission form (which untyped parents are split with segregation indicators) and the
 * elimination order are chosen once per pedigree *structure* (parents and sameAs links, and
 * sexes at X loci: at an autosomal locus a parent's matrix follows its role),
 * typed/untyped pattern, allele-count bucket and kept people; plans are compiled once per
 * structure, exact typing pattern (untyped, heterozygous, homozygous), allele count and kept
 * people. Both are cached globally, so families of the same shape share them, and neither
 * depends on what was computed before.
 *
 * @module
 */
import type { Pedigree } from '../pedigree/pedigree.js';
import { MALE } from '../pedigree/pedigree.js';
import {
  type CompiledPlan,
  checkBudget,
  compilePlan,
  measurePlan,
  type PlanCost,
  planOrder,
  runPlan,
} from './compiled-plan.js';
import type { ComputeBudget, OrderStep } from './eliminate.js';
import { describeLocus, rowsSumToOne, TRANSMISSION_FORM } from './locus-model.js';
import type { LocusProblem } from './problem.js';

const structureKeys = new WeakMap<Pedigree, string>();
const planCache = new Map<string, CompiledPlan>();
const MAX_CACHED_PLANS = 20_000;
/** The plan cache is emptied when its plans hold more than this many bytes. */
const MAX_CACHED_PLAN_BYTES = 256 * 2 ** 20;
let cachedPlanBytes = 0;

/**
 * Parents and sameAs links, and sexes at an X locus only: at an autosomal locus a person's sex
 * changes nothing in the graph (a parent's matrix follows its role, father or mother), so
 * pedigrees that differ only in sexes share their plans there.
 */
function structureKey(ped: Pedigree, xLinked: boolean): string {
  let key = structureKeys.get(ped);
  if (key === undefined) {
    key = `${ped.father.join(',')}/${ped.mother.join(',')}/${ped.sameAs.join(',')}`;
    structureKeys.set(ped, key);
  }
  return xLinked ? `X${key}/${ped.sex.join('')}` : `A${key}`;
}

/**
 * The typing signature of a problem (null when the data are impossible outright: a male with
 * two different alleles at an X locus): `full` tells untyped, homozygous and heterozygous people
 * apart and includes the allele count (it keys compiled plans); `coarse` tells only typed from
 * untyped and includes the allele-count bucket (it keys elimination orders); `form` is `coarse`
 * with the form bucket (it keys the choice of transmission form).
 */
function typingKeys(
  problem: LocusProblem,
  keep: readonly number[],
): { full: string; coarse: string; form: string } | null {
  const { pedigree: ped, genotypes: g, xLinked, nAlleles: n } = problem;
  const head = `${TRANSMISSION_FORM[0]}${xLinked ? 'X' : 'A'}${rowsSumToOne(problem.maleMatrix, n) && rowsSumToOne(problem.femaleMatrix, n) ? 'e' : 'i'}`;
  let full = '';
  let coarse = '';
  const obs = problem.observations;
  for (let i = 0; i < ped.ids.length; i++) {
    const a = g[2 * i]!;
    if (obs !== undefined && obs[i] != null) {
      // A person with an observation factor: over every genotype ('e'), or typed with a weight.
      if (a < 0) {
        full += 'e';
        coarse += 'e';
      } else {
        full += a === g[2 * i + 1] ? 'O' : 'H';
        coarse += 'T';
      }
    } else if (a < 0) {
      full += 'u';
      coarse += 'u';
    } else if (a === g[2 * i + 1]) {
      full += 'o';
      coarse += 't';
    } else if (xLinked && ped.sex[i] === MALE) return null;
    else {
      full += 'h';
      coarse += 't';
    }
  }
  const tail = keep.length === 0 ? '' : `k${keep.join(',')}`;
  return {
    full: `${head}${n}${full}${tail}`,
    coarse: `${head}${bucketOf(n)}${coarse}${tail}`,
    form: `${head}${formBucketOf(n)}${coarse}${tail}`,
  };
}

/**
 * Transmission forms are chosen at a bucket of at least 16 alleles: small loci are cheap in any
 * form, so they share the choice made at 16 (fewer plans to compare when a case first runs).
 */
function formBucketOf(n: number): number {
  return Math.max(16, bucketOf(n));
}

/** The allele-count bucket of n (2, 4, 8, 16, 32, …): the smallest power of two at least n. */
export function bucketOf(n: number): number {
  let b = 2;
  while (b < n) b *= 2;
  return b;
}

/** Which untyped parents' transmissions are split with segregation indicators, and the order. */
interface FormChoice {
  readonly split: boolean | ReadonlySet<number>;
  readonly order: readonly OrderStep[];
  readonly work: number;
}

const choiceCache = new Map<string, FormChoice>();

function cacheChoice(key: string, choice: FormChoice): void {
  if (choiceCache.size >= MAX_CACHED_PLANS) choiceCache.clear();
  choiceCache.set(key, choice);
}

/** Untyped parents with more candidates than this are only tried all plain or all split. */
const MAX_TOGGLED_PARENTS = 8;

/**
 * Choose the transmission form and elimination order for a problem's typing pattern, planned at
 * its bucket's allele count. `'best'`: the cheaper of all plain and all split, then improved by
 * toggling single untyped parents (one pass) between plain and split where that lowers the work.
 */
function chooseForm(
  problem: LocusProblem,
  keepRows: readonly number[],
  keepVars: readonly number[],
  nRep: number,
): FormChoice | null {
  const plan = (split: boolean | ReadonlySet<number>): FormChoice | null => {
    const shape = describeLocus(problem, keepRows, split);
    return shape === null ? null : { split, ...planOrder(shape, nRep, keepVars) };
  };
  const form = TRANSMISSION_FORM;
  if (form !== 'best') return plan(form === 'split');
  const plainShape = describeLocus(problem, keepRows, false);
  if (plainShape === null) return null;
  const plain: FormChoice = { split: false, ...planOrder(plainShape, nRep, keepVars) };
  const parents = [
    ...new Set(
      plainShape.factors.flatMap((f) =>
        f.kind === 'trans' && f.vars.length === 3 ? [f.slots[0] >> 1] : [],
      ),
    ),
  ].sort((a, b) => a - b);
  if (parents.length === 0) return plain;
  const allSplit = plan(true)!;
  let best = allSplit.work < plain.work ? allSplit : plain;
  if (parents.length > MAX_TOGGLED_PARENTS) return best;
  // One pass of single toggles (a second pass lowered the conformance suite's total work by
  // under 2% and doubled the planning of a new typing pattern).
  let current = new Set(best.split === true ? parents : []);
  for (const p of parents) {
    const next = new Set(current);
    if (next.has(p)) next.delete(p);
    else next.add(p);
    const c = plan(next)!;
    if (c.work < best.work) {
      best = c;
      current = next;
    }
  }
  return best;
}

/**
 * The compiled plan for a problem, from the cache or compiled now; null when the data are
 * impossible outright.
 *
 * @throws KindredError `TOO_COMPLEX` when a new plan exceeds the budget
 */
export function planForProblem(
  problem: LocusProblem,
  keepRows: readonly number[] = [],
  keepVars: readonly number[] = [],
  budget?: ComputeBudget,
): CompiledPlan | null {
  const code = typingCode(problem, keepRows);
  if (code === IMPOSSIBLE) return null;
  if (code < 0) return _planByKeys(problem, keepRows, keepVars, budget);
  const plans = structurePlans(problem.pedigree, problem.xLinked);
  const plan = plans.byCode.get(code);
  if (plan !== undefined) {
    // A cached plan is checked against this call's budget (the default when none is given).
    checkBudget(plan.maxTableSize, plan.work, budget);
    return plan;
  }
  const made = _planByKeys(problem, keepRows, keepVars, budget);
  if (made !== null && !made.ownTables) plans.byCode.set(code, made);
  return made;
}

/** Plans of one pedigree structure by {@link typingCode}, shared by pedigrees of that structure. */
interface StructurePlans {
  readonly byCode: Map<number, CompiledPlan>;
  /** Plan costs by {@link typingCode} (`planCostForProblem`), for problems not yet compiled. */
  readonly costByCode: Map<number, PlanCost>;
  /** The plan cache's generation these plans belong to (older ones are dropped). */
  generation: number;
}

const plansByStructure = new Map<string, StructurePlans>();
const plansByPedigree = [
  new WeakMap<Pedigree, StructurePlans>(),
  new WeakMap<Pedigree, StructurePlans>(),
] as const;
/** Bumped when the plan cache is emptied: every {@link StructurePlans} then starts afresh. */
let planGeneration = 0;

function structurePlans(ped: Pedigree, xLinked: boolean): StructurePlans {
  const byPedigree = plansByPedigree[xLinked ? 1 : 0];
  let plans = byPedigree.get(ped);
  if (plans === undefined || plans.generation !== planGeneration) {
    const key = structureKey(ped, xLinked);
    plans = plansByStructure.get(key);
    if (plans === undefined) {
      plans = { byCode: new Map(), costByCode: new Map(), generation: planGeneration };
      plansByStructure.set(key, plans);
    }
    byPedigree.set(ped, plans);
  }
  return plans;
}

/** {@link typingCode} for data that are impossible outright. */
const IMPOSSIBLE = -2;
/** Pedigrees up to this many rows get an integer typing code (6^12 · 12 · 4097 · 13 < 2^53). */
const MAX_CODED_ROWS = 12;

/**
 * The full typing key of {@link typingKeys} (with the structure, the key of a compiled plan) as
 * one integer within a structure: a base-6 digit per row (untyped, homozygous, heterozygous,
 * and the three with an observation factor), the transmission form, X or autosomal, whether the
 * matrices' rows sum to 1, the allele count and the kept row. `IMPOSSIBLE` as `typingKeys`
 * returns null; -1 when the problem is too large to code (more rows, or several kept rows).
 */
function typingCode(problem: LocusProblem, keep: readonly number[]): number {
  const { pedigree: ped, genotypes: g, xLinked, nAlleles: n } = problem;
  const N = ped.ids.length;
  if (N > MAX_CODED_ROWS || keep.length > 1 || n > 4096) return -1;
  const obs = problem.observations;
  let code = 0;
  for (let i = 0; i < N; i++) {
    const a = g[2 * i]!;
    let digit: number;
    if (obs !== undefined && obs[i] != null) digit = a < 0 ? 3 : a === g[2 * i + 1] ? 4 : 5;
    else if (a < 0) digit = 0;
    else if (a === g[2 * i + 1]) digit = 1;
    else if (xLinked && ped.sex[i] === MALE) return IMPOSSIBLE;
    else digit = 2;
    code = code * 6 + digit;
  }
  const form = TRANSMISSION_FORM === 'best' ? 0 : TRANSMISSION_FORM === 'plain' ? 1 : 2;
  const sums = rowsSumToOne(problem.maleMatrix, n) && rowsSumToOne(problem.femaleMatrix, n);
  code = ((code * 3 + form) * 2 + (xLinked ? 1 : 0)) * 2 + (sums ? 1 : 0);
  code = code * 4097 + n;
  return code * (MAX_CODED_ROWS + 1) + (keep.length === 0 ? 0 : keep[0]! + 1);
}

/** {@link planForProblem} through the string keys (the plan cache proper). */
function _planByKeys(
  problem: LocusProblem,
  keepRows: readonly number[],
  keepVars: readonly number[],
  budget: ComputeBudget | undefined,
): CompiledPlan | null {
  const keys = typingKeys(problem, keepRows);
  if (keys === null) return null;
  const sk = structureKey(problem.pedigree, problem.xLinked);
  const key = `${sk}|${keys.full}`;
  let plan = planCache.get(key);
  if (plan === undefined) {
    const choice = formFor(problem, keepRows, keepVars, sk, keys);
    if (choice === null) return null;
    const shape = describeLocus(problem, keepRows, choice.split);
    if (shape === null) return null;
    plan = compilePlan(shape, problem.nAlleles, keepVars, budget, choice.order);
    if (plan.ownTables) return plan;
    if (
      planCache.size >= MAX_CACHED_PLANS ||
      cachedPlanBytes + plan.bytes > MAX_CACHED_PLAN_BYTES
    ) {
      planCache.clear();
      cachedPlanBytes = 0;
      for (const p of plansByStructure.values()) {
        p.byCode.clear();
        p.costByCode.clear();
      }
      plansByStructure.clear();
      planGeneration++;
    }
    planCache.set(key, plan);
    cachedPlanBytes += plan.bytes;
  } else {
    // A cached plan is checked against this call's budget (the default when none is given).
    checkBudget(plan.maxTableSize, plan.work, budget);
  }
  return plan;
}

/** The transmission form and order for a problem's typing pattern, from the caches or chosen now. */
function formFor(
  problem: LocusProblem,
  keepRows: readonly number[],
  keepVars: readonly number[],
  sk: string,
  keys: { readonly coarse: string; readonly form: string },
): FormChoice | null {
  const ck = `${sk}|${keys.coarse}`;
  let choice = choiceCache.get(ck);
  if (choice !== undefined) return choice;
  const fk = `${sk}|${keys.form}`;
  const n = problem.nAlleles;
  let form = choiceCache.get(fk);
  if (form === undefined) {
    const chosen = chooseForm(problem, keepRows, keepVars, formBucketOf(n));
    if (chosen === null) return null;
    form = chosen;
    cacheChoice(fk, form);
  }
  if (bucketOf(n) === formBucketOf(n)) choice = form;
  else {
    // The chosen form, with an order planned at this allele-count bucket.
    const shape = describeLocus(problem, keepRows, form.split);
    if (shape === null) return null;
    choice = { split: form.split, ...planOrder(shape, bucketOf(n), keepVars) };
  }
  cacheChoice(ck, choice);
  return choice;
}

/**
 * The exact largest table and work of the plan {@link planForProblem} uses for a problem, known
 * without compiling it or allocating any table (the plan's order is chosen and cached, so the
 * computation that follows does not plan again); null when the data are impossible outright.
 * No budget is checked here.
 */
export function planCostForProblem(
  problem: LocusProblem,
  keepRows: readonly number[] = [],
  keepVars: readonly number[] = [],
): PlanCost | null {
  // As planForProblem: an integer key within the pedigree's structure where the problem has one
  // (the case budget costs every family at every locus, so string keys here cost as much as
  // the costing itself).
  const code = typingCode(problem, keepRows);
  if (code === IMPOSSIBLE) return null;
  if (code < 0) return _planCostByKeys(problem, keepRows, keepVars);
  const plans = structurePlans(problem.pedigree, problem.xLinked);
  const plan = plans.byCode.get(code);
  if (plan !== undefined) return { maxTableSize: plan.maxTableSize, work: plan.work };
  const known = plans.costByCode.get(code);
  if (known !== undefined) return known;
  const cost = _planCostByKeys(problem, keepRows, keepVars);
  if (cost !== null) plans.costByCode.set(code, cost);
  return cost;
}

/** {@link planCostForProblem} through the string keys of the plan cache. */
function _planCostByKeys(
  problem: LocusProblem,
  keepRows: readonly number[],
  keepVars: readonly number[],
): PlanCost | null {
  const keys = typingKeys(problem, keepRows);
  if (keys === null) return null;
  const sk = structureKey(problem.pedigree, problem.xLinked);
  const key = `${sk}|${keys.full}`;
  const cached = planCache.get(key);
  if (cached !== undefined) return { maxTableSize: cached.maxTableSize, work: cached.work };
  // Costs are keyed as plans are (structure and exact typing pattern, allele count, kept people).
  const known = costCache.get(key);
  if (known !== undefined) return known;
  const choice = formFor(problem, keepRows, keepVars, sk, keys);
  if (choice === null) return null;
  const shape = describeLocus(problem, keepRows, choice.split);
  if (shape === null) return null;
  const cost = measurePlan(shape, problem.nAlleles, keepVars, choice.order);
  if (costCache.size >= MAX_CACHED_PLANS) {
    costCache.clear();
    for (const p of plansByStructure.values()) p.costByCode.clear();
  }
  costCache.set(key, cost);
  return cost;
}

const costCache = new Map<string, PlanCost>();

/** ln(Σp)·(number of barren founder alleles) for a plan. */
export function barrenLogConstant(plan: CompiledPlan, frequencies: Float64Array): number {
  const k = plan.shape.barrenFounderAlleles;
  if (k === 0) return 0;
  let sumP = 0;
  for (let a = 0; a < frequencies.length; a++) sumP += frequencies[a]!;
  return k * Math.log(sumP);
}

/**
 * Natural log of the locus likelihood by the compiled elimination (the theta = 0 path of
 * `computeLocusLikelihood`, the one entry; theta is not read here). `-Infinity` when the data
 * are impossible.
 *
 * @param problem - the locus, pedigree and encoded evidence
 * @param budget - refuse (TOO_COMPLEX) before any work when the elimination would exceed it
 * @returns ln P(data)
 * @throws KindredError `TOO_COMPLEX` when the plan exceeds the budget
 */
export function _eliminationLogLikelihood(problem: LocusProblem, budget?: ComputeBudget): number {
  const plan = planForProblem(problem, [], [], budget);
  if (plan === null) return Number.NEGATIVE_INFINITY;
  let log = runPlan(plan, problem);
  const final = plan.finalSlots;
  for (let k = 0; k < final.length; k++) log += Math.log(plan.tables[final[k]!]![0]!);
  return log + barrenLogConstant(plan, problem.frequencies);
}

/** Number of cached compiled plans and the bytes they hold (for tests and benchmarks). */
export function planCacheStats(): { readonly plans: number; readonly bytes: number } {
  return { plans: planCache.size, bytes: cachedPlanBytes };
}
