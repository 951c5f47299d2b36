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
import type { LocusProblem } from './problem.js';
import { _runThetaElimination } from './theta-eliminate.js';
import { _createMonomialSpace } from './theta-monomials.js';
import { _planThetaElimination } from './theta-plan.js';
import { _prepareThetaModel, _validateThetaProblem } from './theta-prepare.js';

/** Options for {@link computeThetaLikelihood}. */
export interface ThetaOptions {
  /**
   * Budget: table entries the elimination may compute (products counted per monomial pair).
   * Default 20,000,000.
   */
  readonly maxStates?: number;
}

const DEFAULT_MAX_STATES = 2e7;

/**
 * Exact P(all genotypes at an autosomal locus | pedigree) with founder alleles drawn jointly
 * under theta (also correct for θ = 0).
 *
 * Model: the k-th founder allele drawn (all founders of the pedigree, typed or not, every
 * component) is `a` with probability `(c_a·θ + (1−θ)·p_a) / (1 + (k−1)·θ)`; children receive one
 * of each parent's alleles (½ each) through the male/female matrix. Frequencies are used as
 * given: untyped people without typed descendants are summed out exactly (an untyped founder's
 * draws weigh `(kθ + (1−θ)Σp) / (1 + (k−1)θ)`, which is 1 only when Σp = 1). sameAs rows that
 * carry a genotype are checked against the person they point at (disagreement gives 0).
 *
 * @param problem - the locus problem (autosomal)
 * @param options - `maxStates`, the work budget
 * @returns the likelihood (0 for impossible data)
 * @throws KindredError `TOO_COMPLEX` when the elimination would exceed `maxStates` table entries
 *   (checked before any arithmetic; the message gives the count)
 * @throws KindredError `UNSUPPORTED` for an X-linked problem
 * @throws KindredError `INVALID_ARGUMENT` for arrays of the wrong length, alleles out of range or
 *   theta outside [0, 1)
 * @example
 * ```ts
 * // one founder typed a/a, p_a = 0.1, theta = 0.03: p_a(θ + (1−θ)p_a) (NRC II 4.10)
 * computeThetaLikelihood(singletonAA); // => 0.0127
 * ```
 */
export function computeThetaLikelihood(problem: LocusProblem, options: ThetaOptions = {}): number {
  _validateThetaProblem(problem);
  const maxStates = options.maxStates ?? DEFAULT_MAX_STATES;
  if (!(maxStates > 0)) {
    throw new KindredError('INVALID_ARGUMENT', `maxStates must be positive, got ${maxStates}`, {
      path: ['maxStates'],
    });
  }
  const model = _prepareThetaModel(problem);
  if (model.impossible) return 0;
  const plan = _planThetaElimination(model, maxStates);
  const m = model.uncertainAlleles;
  const space = _createMonomialSpace(model.nTypes, m);
  const coefficients = _runThetaElimination(model, plan, space);

  const theta = problem.theta;
  const nTypes = model.nTypes;
  let fixedTotal = 0;
  for (const c of model.fixedCounts) fixedTotal += c;
  const kept = fixedTotal + m;
  // Scale every urn factor by s so that long products stay in range: the numerator of a term
  // has exactly `kept` factors, as does the denominator.
  const s = 1 + Math.max(0, kept - 1) * theta * 0.5;
  const rising: Float64Array[] = [];
  for (let a = 0; a < nTypes; a++) {
    const top = model.fixedCounts[a]! + m;
    const r = new Float64Array(top + 1);
    r[0] = 1;
    for (let j = 0; j < top; j++)
      r[j + 1] = (r[j]! * (j * theta + (1 - theta) * model.typeFrequencies[a]!)) / s;
    rising.push(r);
  }
  let denominator = 1;
  for (let k = 0; k < kept; k++) denominator *= (1 + (k - 1) * theta) / s;
  const counts = space.counts(m);
  let sum = 0;
  for (let i = 0; i < coefficients.length; i++) {
    const w = coefficients[i]!;
    if (w === 0) continue;
    let term = w;
    for (let a = 0; a < nTypes; a++)
      term *= rising[a]![model.fixedCounts[a]! + counts[i * nTypes + a]!]!;
    sum += term;
  }
  // Founders without typed descendants, drawn last and summed over every allele.
  let pruned = 1;
  for (let k = kept; k < kept + model.prunedAlleles; k++) {
    pruned *= (k * theta + (1 - theta) * model.frequencySum) / (1 + (k - 1) * theta);
  }
  return (sum / denominator) * pruned;
}
