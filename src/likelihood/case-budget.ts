/**
 * One complexity budget per case: the exact work of every pedigree likelihood a case asks for
 * (a kinship case: its hypotheses × loci; a DVI document: each family, its pedigree and the
 * genotype table of each of its missing persons × loci, since every family of a programme is a
 * case of its own), summed from the elimination plans before any likelihood is computed,
 * against `ComputeBudget.maxCaseWork`. The count is the plans' work (multiply-adds of
 * the plain path, table entries computed of the theta path: the unit of `maxWork`), never a
 * time, so the same document is accepted or refused alike by `validate`, `lr`, `dvi` and
 * `search`, on any machine and under any load.
 *
 * @module
 */
import { KindredError } from '../errors.js';
import type { PlanCost } from './compiled-plan.js';
import type { ComputeBudget } from './eliminate.js';

/** Default {@link ComputeBudget.maxCaseWork}: 2^32 operations (a few seconds of one core). */
export const DEFAULT_MAX_CASE_WORK = 2 ** 32;

/** The costliest pedigree at one locus seen so far, for the refusal message. */
interface Costliest {
  readonly what: string;
  readonly locus: string;
  readonly work: number;
  readonly path: readonly (string | number)[];
}

/**
 * The running total of a case's work, refused (`TOO_COMPLEX`) as soon as it passes the limit:
 * a case is never planned further, let alone computed, once it is known to be too large.
 *
 * @example
 * ```ts
 * const meter = new CaseWorkMeter('Case "c1"', 'its hypotheses', { maxCaseWork: 10 });
 * meter.add('hypothesis "H1"', 'L1', ['hypotheses', 0], { work: 11, maxTableSize: 4 });
 * // throws TOO_COMPLEX: Case "c1" is too complex for exact computation: …
 * ```
 */
export class CaseWorkMeter {
  readonly #subject: string;
  readonly #units: string;
  readonly #limit: number;
  #total = 0;
  #items = 0;
  #costliest: Costliest | undefined;

  /**
   * @param subject - what is refused, as the message names it (`Case "c1"`, `Family "F1" of case "d1"`)
   * @param units - what is counted ("its hypotheses", "its pedigree and missing persons")
   * @param budget - the case's budget (`maxCaseWork`, default {@link DEFAULT_MAX_CASE_WORK})
   * @throws KindredError `INVALID_ARGUMENT` when `maxCaseWork` is not positive
   */
  constructor(subject: string, units: string, budget: ComputeBudget = {}) {
    this.#subject = subject;
    this.#units = units;
    this.#limit = budget.maxCaseWork ?? DEFAULT_MAX_CASE_WORK;
    if (!(this.#limit > 0))
      throw new KindredError(
        'INVALID_ARGUMENT',
        `maxCaseWork must be positive, got ${this.#limit}`,
        {
          path: ['maxCaseWork'],
        },
      );
  }

  /** Total work counted so far. */
  get total(): number {
    return this.#total;
  }

  /**
   * Count one pedigree at one locus, `times` times (a DVI family is computed once per victim
   * placed on each of its missing persons, and once alone).
   *
   * @param what - the pedigree, as the message names it (`hypothesis "H1"`, `family "F2"`)
   * @param locus - the locus name
   * @param path - where the pedigree is in the document
   * @param cost - the plan's cost at this locus
   * @param times - how many times the computation is done
   * @throws KindredError `TOO_COMPLEX` naming case, the costliest pedigree and locus, the total and the limit
   */
  add(
    what: string,
    locus: string,
    path: readonly (string | number)[],
    cost: PlanCost,
    times = 1,
  ): void {
    const work = cost.work * times;
    this.#total += work;
    this.#items += 1;
    if (this.#costliest === undefined || work > this.#costliest.work)
      this.#costliest = { what, locus, work, path };
    if (this.#total <= this.#limit) return;
    const c = this.#costliest;
    throw new KindredError(
      'TOO_COMPLEX',
      `${this.#subject} is too complex for exact computation: at least ${Math.round(this.#total)} operations ` +
        `over ${this.#items} locus computations of ${this.#units}, more than the limit of ${this.#limit}; ` +
        `the costliest is ${c.what} at locus "${c.locus}" (${Math.round(c.work)} operations). ` +
        'Refused before any computation: type more relatives, use fewer alleles or simplify the pedigree',
      { path: [...c.path] },
    );
  }
}
