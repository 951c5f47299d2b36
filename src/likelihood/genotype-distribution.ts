/**
 * The joint probability P(data, G_i = (x, y)) of all typed people's genotypes and one untyped
 * person's ordered allele pair, by variable elimination that keeps that person's allele
 * variables. This is what a search index stores for a missing person: dividing by P(data)
 * gives the genotype distribution of the missing person given the family.
 *
 * @module
 */
import { KindredError } from '../errors.js';
import { MALE } from '../pedigree/pedigree.js';
import { runPlan } from './compiled-plan.js';
import { barrenLogConstant, planForProblem } from './compute-likelihood.js';
import type { ComputeBudget } from './eliminate.js';
import { FULL, matVar, patVar } from './locus-model.js';
import type { LocusProblem } from './problem.js';
import { sharedJoint } from './shared-untyped.js';

/** Result of {@link computeJointWithPerson}. */
export interface JointGenotypeTable {
  /** Number of alleles (table is n×n, or n for a male at an X locus). */
  readonly n: number;
  /** True when the person is a male at an X locus (one allele). */
  readonly hemizygous: boolean;
  /**
   * Scaled joint probabilities: `exp(logScale) * table[x*n + y]` = P(data, pat = x, mat = y)
   * (hemizygous: `table[y]` = P(data, allele = y)).
   */
  readonly table: Float64Array;
  /** Natural-log scale factor of `table`. */
  readonly logScale: number;
}

/** Options of {@link computeJointWithPerson}. */
export interface JointOptions {
  /**
   * Share the untyped part of the elimination with other problems of the same pedigree
   * structure, typed people and kept person (`shared-untyped.ts`; default false). For callers
   * whose locus arrays (frequencies, matrices) are the same objects for many problems, such as
   * a search index's unlumped loci; the joint agrees with the ordinary plan to about 1e-15
   * relative, and a given problem always takes the same path.
   */
  readonly shareUntyped?: boolean;
  /**
   * Space for the table (length at least n·n, or n for a male at an X locus): the result's
   * `table` is then a view of it, valid until the caller reuses it. Default: a new array.
   */
  readonly out?: Float64Array;
}

/**
 * Joint probability of the data and each ordered genotype of untyped row `row`.
 *
 * @param problem - theta must be 0; `row` must be untyped in `problem.genotypes`
 * @param row - the person whose genotype is kept
 * @param budget - refuse (TOO_COMPLEX) before any work when the elimination would exceed it
 * @param options - sharing of the untyped part
 * @throws KindredError `INVALID_ARGUMENT` when the row is typed or theta > 0
 */
export function computeJointWithPerson(
  problem: LocusProblem,
  row: number,
  budget?: ComputeBudget,
  options: JointOptions = {},
): JointGenotypeTable {
  if (problem.genotypes[2 * row]! >= 0) {
    throw new KindredError('INVALID_ARGUMENT', `Person "${problem.pedigree.ids[row]}" is typed`);
  }
  if (problem.theta > 0) {
    throw new KindredError('INVALID_ARGUMENT', 'computeJointWithPerson needs theta = 0');
  }
  const n = problem.nAlleles;
  const hemizygous = problem.xLinked && problem.pedigree.sex[row] === MALE;
  const size = hemizygous ? n : n * n;
  const keepVars = hemizygous ? [matVar(row)] : [patVar(row), matVar(row)];
  const plan = planForProblem(problem, [row], keepVars, budget);
  const out = options.out?.subarray(0, size);
  if (plan === null)
    return { n, hemizygous, table: out?.fill(0) ?? new Float64Array(size), logScale: 0 };
  for (const v of keepVars)
    if (plan.shape.status[v] !== FULL) throw new Error('internal: kept var not full');
  const logBarren = barrenLogConstant(plan, problem.frequencies);
  // Families of one shape share the untyped part of the elimination (shared-untyped.ts).
  const shared =
    options.shareUntyped === true
      ? sharedJoint(plan, problem, row, hemizygous, logBarren, out ?? new Float64Array(size))
      : null;
  if (shared !== null) return { n, hemizygous, table: shared.table, logScale: shared.logScale };
  const logScale = runPlan(plan, problem) + logBarren;
  const table = out?.fill(1) ?? new Float64Array(size).fill(1);
  const finals = plan.finalSlots;
  for (let k = 0; k < finals.length; k++) {
    const vars = plan.finalVars[k]!;
    const t = plan.tables[finals[k]!]!;
    if (vars.length === 0) {
      const c = t[0]!;
      for (let i = 0; i < size; i++) table[i] = table[i]! * c;
    } else if (hemizygous || vars.length === 2) {
      // Over (pat, mat) in that order (variables are sorted), or the one hemizygous allele.
      const first = vars[0]!;
      if (vars.length === 2 && first !== keepVars[0]) throw new Error('internal: kept order');
      for (let i = 0; i < size; i++) table[i] = table[i]! * t[i]!;
    } else if (vars[0] === keepVars[0]) {
      for (let x = 0, i = 0; x < n; x++) {
        const c = t[x]!;
        for (let y = 0; y < n; y++, i++) table[i] = table[i]! * c;
      }
    } else {
      for (let x = 0, i = 0; x < n; x++)
        for (let y = 0; y < n; y++, i++) table[i] = table[i]! * t[y]!;
    }
  }
  return { n, hemizygous, table, logScale };
}
