/**
 * Exact pedigree likelihood with the Balding–Nichols theta correction (NRC II 4.10) without
 * enumerating founder genotypes.
 *
 * The founder alleles are drawn jointly from a Pólya urn; the weight of an ordered draw depends
 * only on the vector c of type counts: `P(c) = Π_a R_a(c_a) / Π_{k<K} (1 + (k−1)θ)` with
 * `R_a(c) = Π_{j<c} (jθ + (1−θ)p_a)`. Typed founders fix their counts (both orders of {a, b}
 * add one a and one b); only untyped founder alleles are uncertain. The likelihood is therefore a
 * linear functional of a polynomial: with the pedigree likelihood L(π) = Σ_u Π_k π_{u_k} ·
 * L_rest(u), a homogeneous polynomial in "frequencies" π whose degree is the number of untyped
 * founder alleles, the answer is Σ_c coef_c(L) · P(c + fixed). (Equivalently, given π ~
 * Dirichlet(p(1−θ)/θ) the founder alleles are i.i.d. π and the answer is E[L(π)].) L(π) is
 * computed by variable elimination over allele variables in a semiring of polynomials (tables
 * indexed by scope assignment and monomial), so the cost follows the pedigree's width and the
 * number of untyped founder alleles, never the number of founder genotype combinations.
 *
 * @module
 */
import { KindredError } from '../errors.js';
import type { ComputeBudget } from './eliminate.js';
import type { LocusProblem } from './problem.js';
import { _runThetaElimination } from './theta-eliminate.js';
import { _createMonomialSpace } from './theta-monomials.js';
import { _planThetaElimination, type _ThetaPlan } from './theta-plan.js';
import { _prepareThetaModel, type _ThetaModel, _validateThetaProblem } from './theta-prepare.js';

/**
 * Default work limit of the theta path when the budget gives no `maxWork`: table entries
 * computed (products counted per monomial pair), the unit of the plain path's `maxWork`. Lower
 * than the plain path's default (2^31) because a polynomial entry costs more than a number.
 */
export const THETA_DEFAULT_MAX_WORK = 2e7;
/** Default largest table (entries × monomials) when the budget gives no `maxTableSize`: 2^24, as the plain path. */
const THETA_DEFAULT_MAX_TABLE = 2 ** 24;

/**
 * Exact P(all genotypes at an autosomal locus | pedigree) with founder alleles drawn jointly
 * under theta (also correct for θ = 0). The linear value of {@link computeThetaLogLikelihood}:
 * it underflows to 0 below ~1e-308, so the engine itself works with the log.
 *
 * @param problem - the locus problem (autosomal)
 * @param budget - the same {@link ComputeBudget} as the plain path: `maxWork` (default
 *   {@link THETA_DEFAULT_MAX_WORK}) and `maxTableSize` (default 2^24)
 * @returns the likelihood (0 for impossible data)
 * @throws KindredError as {@link computeThetaLogLikelihood}
 * @example
 * ```ts
 * // one founder typed a/a, p_a = 0.1, theta = 0.03: p_a(θ + (1−θ)p_a) (NRC II 4.10)
 * computeThetaLikelihood(singletonAA); // => 0.0127
 * ```
 */
export function computeThetaLikelihood(problem: LocusProblem, budget: ComputeBudget = {}): number {
  return Math.exp(computeThetaLogLikelihood(problem, budget));
}

/**
 * Natural log of the exact P(all genotypes at an autosomal locus | pedigree) with founder
 * alleles drawn jointly under theta (also correct for θ = 0).
 *
 * Model: the k-th founder allele drawn (all founders of the pedigree, typed or not, every
 * component) is `a` with probability `(c_a·θ + (1−θ)·p_a) / (1 + (k−1)·θ)`; children receive one
 * of each parent's alleles (½ each) through the male/female matrix. Frequencies are used as
 * given: untyped people without typed descendants are summed out exactly (an untyped founder's
 * draws weigh `(kθ + (1−θ)Σp) / (1 + (k−1)θ)`, which is 1 only when Σp = 1). sameAs rows that
 * carry a genotype are checked against the person they point at (disagreement gives 0).
 * Computed in log space: the elimination tables are rescaled and the urn weights summed as logs,
 * so a likelihood far below 1e-308 is returned exactly, never as 0.
 *
 * @param problem - the locus problem (autosomal)
 * @param budget - `maxWork` (table entries computed, default {@link THETA_DEFAULT_MAX_WORK}) and
 *   `maxTableSize` (largest table, default 2^24), the budget type of the plain path
 * @returns the natural log of the likelihood (−Infinity for impossible data)
 * @throws KindredError `TOO_COMPLEX` when the elimination would exceed the budget (checked
 *   before any arithmetic; the message gives the counts)
 * @throws KindredError `UNSUPPORTED` for an X-linked problem
 * @throws KindredError `INVALID_ARGUMENT` for arrays of the wrong length, alleles out of range,
 *   theta outside [0, 1) or a budget that is not positive
 * @example
 * ```ts
 * // one founder typed a/a, p_a = 0.1, theta = 0.03: log(p_a(θ + (1−θ)p_a)) (NRC II 4.10)
 * Math.exp(computeThetaLogLikelihood(singletonAA)); // => 0.0127
 * ```
 */
export function computeThetaLogLikelihood(
  problem: LocusProblem,
  budget: ComputeBudget = {},
): number {
  const planned = _thetaPlanFor(problem, budget);
  if (planned === null) return Number.NEGATIVE_INFINITY;
  const { model, plan } = planned;
  const m = model.uncertainAlleles;
  const space = _createMonomialSpace(model.nTypes, m);
  const { coefficients, logScale } = _runThetaElimination(model, plan, space);

  const theta = problem.theta;
  const nTypes = model.nTypes;
  let fixedTotal = 0;
  for (const c of model.fixedCounts) fixedTotal += c;
  const kept = fixedTotal + m;
  // log R_a(j) = Σ_{i<j} log(iθ + (1−θ)p_a): the urn weights as logs, so long products of
  // small factors never underflow.
  const logRising: Float64Array[] = [];
  for (let a = 0; a < nTypes; a++) {
    const top = model.fixedCounts[a]! + m;
    const r = new Float64Array(top + 1);
    for (let j = 0; j < top; j++)
      r[j + 1] = r[j]! + Math.log(j * theta + (1 - theta) * model.typeFrequencies[a]!);
    logRising.push(r);
  }
  let logDenominator = 0;
  for (let k = 0; k < kept; k++) logDenominator += Math.log(1 + (k - 1) * theta);
  const counts = space.counts(m);
  const logTerms = new Float64Array(coefficients.length);
  let top = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < coefficients.length; i++) {
    const w = coefficients[i]!;
    if (w === 0) {
      logTerms[i] = Number.NEGATIVE_INFINITY;
      continue;
    }
    let t = Math.log(w);
    for (let a = 0; a < nTypes; a++)
      t += logRising[a]![model.fixedCounts[a]! + counts[i * nTypes + a]!]!;
    logTerms[i] = t;
    if (t > top) top = t;
  }
  if (top === Number.NEGATIVE_INFINITY) return Number.NEGATIVE_INFINITY;
  let sum = 0;
  for (let i = 0; i < logTerms.length; i++) sum += Math.exp(logTerms[i]! - top);
  // Founders without typed descendants, drawn last and summed over every allele.
  let logPruned = 0;
  for (let k = kept; k < kept + model.prunedAlleles; k++) {
    logPruned += Math.log((k * theta + (1 - theta) * model.frequencySum) / (1 + (k - 1) * theta));
  }
  return logScale + top + Math.log(sum) - logDenominator + logPruned;
}

/**
 * The exact cost of the theta path for a problem: the plan's table entries computed (the unit
 * of `ComputeBudget.maxWork`) and its largest table, known before any arithmetic; null when the
 * data are impossible outright (two samples of one person disagree).
 *
 * @param problem - the locus problem (autosomal)
 * @param budget - the per-locus budget, checked as {@link computeThetaLogLikelihood} does
 * @returns the plan's work and largest table
 * @throws KindredError as {@link computeThetaLogLikelihood} (`TOO_COMPLEX` past the per-locus budget)
 * @example
 * ```ts
 * thetaPlanCost(singletonAA)!.work > 0; // => true
 * ```
 */
export function thetaPlanCost(
  problem: LocusProblem,
  budget: ComputeBudget = {},
): { readonly maxTableSize: number; readonly work: number } | null {
  const planned = _thetaPlanFor(problem, budget);
  return planned === null
    ? null
    : { maxTableSize: planned.plan.maxTableSize, work: planned.plan.states };
}

/** The validated problem's model and plan within the per-locus budget; null when impossible. */
function _thetaPlanFor(
  problem: LocusProblem,
  budget: ComputeBudget,
): { readonly model: _ThetaModel; readonly plan: _ThetaPlan } | null {
  _validateThetaProblem(problem);
  const maxWork = budget.maxWork ?? THETA_DEFAULT_MAX_WORK;
  const maxTable = budget.maxTableSize ?? THETA_DEFAULT_MAX_TABLE;
  for (const [name, value] of [
    ['maxWork', maxWork],
    ['maxTableSize', maxTable],
  ] as const) {
    if (!(value > 0)) {
      throw new KindredError('INVALID_ARGUMENT', `${name} must be positive, got ${value}`, {
        path: [name],
      });
    }
  }
  const model = _prepareThetaModel(problem);
  if (model.impossible) return null;
  const plan = _planThetaElimination(model, maxWork);
  if (plan.maxTableSize > maxTable) {
    throw new KindredError(
      'TOO_COMPLEX',
      `Exact theta computation needs a table of ${Math.round(plan.maxTableSize)} entries, more than the limit ${maxTable} ` +
        `(${model.uncertainAlleles} untyped founder alleles over ${model.nTypes} allele types)`,
      { path: ['pedigree'] },
    );
  }
  return { model, plan };
}
