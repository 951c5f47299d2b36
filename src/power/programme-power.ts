/**
 * Programme scale: the power report of every family of a `kindred-dvi/1` document (or of a
 * store, exported as one), and the list a programme works from — the missing persons whose
 * references reach the match threshold with probability below a stated level.
 *
 * Candidates are named by person id; ids are unique across a document, so each belongs to one
 * family. The families are independent, so the work splits by family (see `powerTasks` and
 * `computeFamilyPowerTask`, which a worker runs).
 *
 * @module
 */
import { KindredError } from '../errors.js';
import { isDegraded } from '../profile/observation.js';
import type { DVICase, Family } from '../search/types.js';
import {
  computeFamilyPower,
  type FamilyMissingPower,
  type FamilyPowerOptions,
} from './family-power.js';

/** Options of {@link computeProgrammePower}. */
export interface ProgrammePowerOptions
  extends Omit<FamilyPowerOptions, 'candidates' | 'costs' | 'theta'> {
  /** People who could give a sample, in any family of the document. */
  readonly candidates?: readonly string[];
  /** Cost of typing each candidate (default 1). */
  readonly costs?: ReadonlyMap<string, number>;
  /** A missing person is listed as weak when its inclusion power is below this (default 0.9). */
  readonly minPower?: number;
  /**
   * Called after each family with the families done and the total (for a progress bar); it
   * observes only, and an exception it throws stops the computation.
   */
  readonly onProgress?: (done: number, total: number) => void;
}

/** The power report of a document. */
export interface ProgrammePower {
  /** Document id. */
  readonly id: string;
  /** The LR threshold. */
  readonly threshold: number;
  /** The inclusion power below which a missing person is weak. */
  readonly minPower: number;
  /** Simulated LRs per reference set. */
  readonly sims: number;
  /** The seed. */
  readonly seed: number;
  /** One report per missing person, families in document order. */
  readonly families: readonly FamilyMissingPower[];
  /** The weak missing persons (inclusion power < minPower), weakest first. */
  readonly weak: readonly { readonly family: string; readonly missing: string }[];
}

/**
 * The power report of every family of a document.
 *
 * @param dvi - a validated `kindred-dvi/1` document (victims may be empty)
 * @param options - threshold, simulations, seed, candidates, costs, pairs, minPower, budget
 * @returns the report
 * @throws KindredError `INVALID_ARGUMENT` for a candidate that is in no family, a minPower
 *   outside [0, 1]; `UNSUPPORTED` for theta > 0; as `computeFamilyPower` otherwise
 * @example
 * ```ts
 * computeProgrammePower(dvi, { threshold: 1e4 }).weak.map((w) => w.family); // => ['F2']
 * ```
 */
export function computeProgrammePower(
  dvi: DVICase,
  options: ProgrammePowerOptions = {},
): ProgrammePower {
  checkProgrammePowerOptions(options);
  const tasks = powerTasks(dvi, options);
  const families: FamilyMissingPower[][] = [];
  tasks.forEach((t, k) => {
    families.push(computeFamilyPowerTask(dvi, t, options));
    options.onProgress?.(k + 1, tasks.length);
  });
  return assembleProgrammePower(dvi, options, families);
}

/**
 * Check the programme-level options (what {@link computeProgrammePower} checks before any
 * family is computed; the pool checks the same).
 *
 * @param options - the options
 * @throws KindredError `INVALID_ARGUMENT` for a minPower outside [0, 1]
 */
export function checkProgrammePowerOptions(options: ProgrammePowerOptions): void {
  const minPower = options.minPower ?? 0.9;
  if (!(minPower >= 0 && minPower <= 1)) {
    throw new KindredError(
      'INVALID_ARGUMENT',
      `The minimum inclusion power must be between 0 and 1, got ${minPower}`,
      { path: ['minPower'] },
    );
  }
}

/**
 * The programme report from the reports of every task of {@link powerTasks}, in task order
 * (the one assembly of a programme, whether the tasks ran here or on workers).
 *
 * @param dvi - the document
 * @param options - threshold, sims, seed, minPower (as given to the tasks)
 * @param families - per task, its family's reports
 * @returns the report, with the weak missing persons weakest first
 */
export function assembleProgrammePower(
  dvi: DVICase,
  options: ProgrammePowerOptions,
  families: readonly (readonly FamilyMissingPower[])[],
): ProgrammePower {
  const minPower = options.minPower ?? 0.9;
  const all = families.flat();
  const weak = all
    .filter((f) => f.inclusionPower < minPower)
    .sort(
      (a, b) =>
        a.inclusionPower - b.inclusionPower ||
        a.expectedLog10LR - b.expectedLog10LR ||
        a.family.localeCompare(b.family),
    )
    .map((f) => ({ family: f.family, missing: f.missing }));
  return {
    id: dvi.id,
    threshold: options.threshold ?? 10_000,
    minPower,
    sims: options.sims ?? 10_000,
    seed: options.seed ?? 1,
    families: all,
    weak,
  };
}

/** The options one task of {@link powerTasks} runs with (no callbacks: a worker receives them). */
export type PowerTaskOptions = Omit<ProgrammePowerOptions, 'candidates' | 'costs' | 'onProgress'>;

/** One family's share of a programme: the family index and its candidates with their costs. */
export interface PowerTask {
  /** Index into `dvi.families`. */
  readonly family: number;
  /** Candidates of this family. */
  readonly candidates: readonly string[];
  /** Costs of those candidates. */
  readonly costs: readonly (readonly [string, number])[];
}

/**
 * Split a programme into one task per family, each with its own candidates.
 *
 * @param dvi - the document
 * @param options - candidates and costs over the whole document
 * @returns one task per family, in document order
 * @throws KindredError `INVALID_ARGUMENT` for a candidate or cost id in no family;
 *   `UNSUPPORTED` for a family member with drop-out or drop-in (not honoured by the power
 *   calculation)
 * @example
 * ```ts
 * powerTasks(dvi, { candidates: ['F1/FA'] })[0].candidates; // => ['F1/FA']
 * ```
 */
export function powerTasks(
  dvi: DVICase,
  options: Pick<ProgrammePowerOptions, 'candidates' | 'costs'>,
): PowerTask[] {
  const owner = new Map<string, number>();
  dvi.families.forEach((f, k) => {
    for (const id of f.pedigree.ids) owner.set(id, k);
  });
  // the power calculation has no observation factors: a degraded relative is refused, never
  // computed as a hard genotype (a victim's drop-out plays no part in a reference set's power)
  for (const [id, o] of dvi.observation ?? []) {
    if (owner.has(id) && isDegraded(o)) {
      throw new KindredError(
        'UNSUPPORTED',
        `Family member "${id}" of "${dvi.id}" has dropout ${o.dropout} and dropin ${o.dropin} (observation); the power calculation does not honour drop-out or drop-in of references yet, so it is refused rather than computed as a hard genotype`,
        { path: ['observation', id] },
      );
    }
  }
  const candidates = options.candidates ?? [];
  candidates.forEach((id, k) => {
    if (!owner.has(id)) {
      throw new KindredError(
        'INVALID_ARGUMENT',
        `Candidate reference "${id}" is not a member of any family of "${dvi.id}"`,
        { path: ['candidates', k] },
      );
    }
  });
  for (const id of options.costs?.keys() ?? []) {
    if (!candidates.includes(id)) {
      throw new KindredError(
        'INVALID_ARGUMENT',
        `A cost is given for "${id}", who is not among the candidates`,
        { path: ['costs', id] },
      );
    }
  }
  return dvi.families.map((_, k) => {
    const mine = candidates.filter((id) => owner.get(id) === k);
    return {
      family: k,
      candidates: mine,
      costs: mine.flatMap((id) => {
        const c = options.costs?.get(id);
        return c === undefined ? [] : [[id, c] as const];
      }),
    };
  });
}

/**
 * Run one task of {@link powerTasks} (what a worker does).
 *
 * @param dvi - the document
 * @param task - the task
 * @param options - threshold, simulations, seed, pairs, budget
 * @returns the reports of the family's missing persons
 * @throws KindredError as `computeFamilyPower`
 * @example
 * ```ts
 * computeFamilyPowerTask(dvi, powerTasks(dvi, {})[0], {}).length; // => dvi.families[0].missing.length
 * ```
 */
export function computeFamilyPowerTask(
  dvi: DVICase,
  task: PowerTask,
  options: PowerTaskOptions,
): FamilyMissingPower[] {
  const family: Family = dvi.families[task.family]!;
  return computeFamilyPower(family, dvi.loci, {
    ...(options.threshold !== undefined ? { threshold: options.threshold } : {}),
    ...(options.sims !== undefined ? { sims: options.sims } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.pairs !== undefined ? { pairs: options.pairs } : {}),
    ...(options.budget !== undefined ? { budget: options.budget } : {}),
    ...(options.referenceSamples !== undefined
      ? { referenceSamples: options.referenceSamples }
      : {}),
    ...(options.maxReferenceGenotypes !== undefined
      ? { maxReferenceGenotypes: options.maxReferenceGenotypes }
      : {}),
    theta: dvi.theta,
    candidates: task.candidates,
    costs: new Map(task.costs),
  });
}
