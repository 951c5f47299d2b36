/**
 * The power report of one family: for each missing person the exact figures of
 * `exact-power.ts`, the simulated inclusion power at a threshold (`inclusion-sim.ts`), and — when
 * relatives who could give a sample are named — every planned reference set of one or two of them
 * (`planned-references.ts`), ranked by what it adds over the current references: forrel's MPP
 * comparison, exact for the exclusion power and the expected LR, simulated for the inclusion
 * power, with the same seed for every set (common random numbers, so differences between sets
 * are less noisy than the figures themselves).
 *
 * @module
 */
import { KindredError } from '../errors.js';
import type { Locus } from '../frequencies/locus.js';
import type { Family } from '../search/types.js';
import { computeExactPower, type MissingPersonPower, missingPersonAtoms } from './exact-power.js';
import { _checkSimOptions, simulateInclusionPower } from './inclusion-sim.js';
import { type PlannedReferenceOptions, plannedReferenceAtoms } from './planned-references.js';
import { combinePower, type PowerAtoms, summarizeAtoms } from './power-atoms.js';

/** Options of {@link computeFamilyPower}. */
export interface FamilyPowerOptions extends PlannedReferenceOptions {
  /** The LR a match needs (default 10,000). */
  readonly threshold?: number;
  /** Simulated LRs per reference set (default 10,000). */
  readonly sims?: number;
  /** Integer seed (default 1). */
  readonly seed?: number;
  /** Untyped relatives who could give a sample (default none). */
  readonly candidates?: readonly string[];
  /** Also plan pairs of candidates (default false). */
  readonly pairs?: boolean;
  /** Cost of typing each candidate (default 1 each); a set costs the sum. */
  readonly costs?: ReadonlyMap<string, number>;
}

/** The figures of one reference set (current or planned). */
export interface ReferenceSetPower {
  /** Exclusion power of an unrelated person (expected, for a planned set). */
  readonly exclusionPower: number;
  /** E[LR | remains is the missing person]. */
  readonly expectedLR: number;
  /** E[log10 LR | remains is the missing person]. */
  readonly expectedLog10LR: number;
  /** Simulated P(LR ≥ threshold | remains is the missing person). */
  readonly inclusionPower: number;
  /** Monte-Carlo standard error of `inclusionPower`. */
  readonly mcError: number;
  /** Simulated P(LR ≥ threshold | remains unrelated) (importance sampling). */
  readonly falseInclusion: number;
  /** Monte-Carlo standard error of `falseInclusion`. */
  readonly falseInclusionMcError: number;
}

/** One planned reference set with its gains over the current references. */
export interface CandidatePower extends ReferenceSetPower {
  /** The people the set adds. */
  readonly add: readonly string[];
  /** Sum of the people's costs. */
  readonly cost: number;
  /** `inclusionPower` minus the current references'. */
  readonly inclusionPowerGain: number;
  /** `expectedLog10LR` minus the current references'. */
  readonly expectedLog10LRGain: number;
}

/** The power report of one missing person. */
export interface FamilyMissingPower extends MissingPersonPower, ReferenceSetPower {
  /** The LR threshold of the inclusion figures. */
  readonly threshold: number;
  /** Simulated LRs per reference set. */
  readonly sims: number;
  /** The seed. */
  readonly seed: number;
  /** Planned reference sets, best first (by inclusion power gain per cost, then log10 LR gain). */
  readonly candidates: readonly CandidatePower[];
}

/**
 * The power report of every missing person of a family.
 *
 * @param family - the family
 * @param loci - the loci
 * @param options - threshold, simulations, seed, candidates, pairs, costs, budget
 * @returns one report per missing person, in the family's order
 * @throws KindredError `INVALID_ARGUMENT` for bad options (threshold, sims, seed, a cost that
 *   is not a positive finite number, a cost for someone not among the candidates) or candidates;
 *   as `computeExactPower` and `plannedReferenceAtoms` otherwise
 * @example
 * ```ts
 * computeFamilyPower(family, loci, { candidates: ['FA', 'SIB'] })[0].candidates[0].add;
 * // => ['FA', 'SIB'] (the best set first)
 * ```
 */
export function computeFamilyPower(
  family: Family,
  loci: readonly Locus[],
  options: FamilyPowerOptions = {},
): FamilyMissingPower[] {
  const threshold = options.threshold ?? 10_000;
  const sims = options.sims ?? 10_000;
  const seed = options.seed ?? 1;
  _checkSimOptions({ thresholds: [threshold], sims, seed });
  const candidates = options.candidates ?? [];
  const costs = options.costs ?? new Map<string, number>();
  for (const [id, c] of costs) {
    if (!candidates.includes(id)) {
      throw new KindredError(
        'INVALID_ARGUMENT',
        `A cost is given for "${id}", who is not among the candidates of family "${family.name}"`,
        { path: ['costs', id] },
      );
    }
    if (!(c > 0) || !Number.isFinite(c)) {
      throw new KindredError(
        'INVALID_ARGUMENT',
        `The cost of typing "${id}" must be a positive finite number, got ${c}`,
        { path: ['costs', id] },
      );
    }
  }
  const sets: string[][] = candidates.map((c) => [c]);
  if (options.pairs ?? false) {
    for (let i = 0; i < candidates.length; i++)
      for (let j = i + 1; j < candidates.length; j++) sets.push([candidates[i]!, candidates[j]!]);
  }
  const simulate = (atoms: readonly PowerAtoms[]): ReferenceSetPower => {
    const s = simulateInclusionPower(atoms, { thresholds: [threshold], sims, seed }).thresholds[0]!;
    const c = combinePower(atoms.map(summarizeAtoms));
    return {
      exclusionPower: c.exclusionPower,
      expectedLR: c.expectedLR,
      expectedLog10LR: c.expectedLog10LR,
      inclusionPower: s.inclusionPower,
      mcError: s.mcError,
      falseInclusion: s.falseInclusion,
      falseInclusionMcError: s.falseInclusionMcError,
    };
  };
  return family.missing.map((missing) => {
    const exact = computeExactPower(family, missing, loci, options);
    const base = simulate(missingPersonAtoms(family, missing, loci, family.genotypes, options));
    const planned: CandidatePower[] = sets.map((add) => {
      const r = simulate(plannedReferenceAtoms(family, missing, loci, add, options));
      return {
        add,
        cost: add.reduce((s, id) => s + (costs.get(id) ?? 1), 0),
        ...r,
        inclusionPowerGain: r.inclusionPower - base.inclusionPower,
        expectedLog10LRGain: r.expectedLog10LR - base.expectedLog10LR,
      };
    });
    planned.sort(
      (a, b) =>
        b.inclusionPowerGain / b.cost - a.inclusionPowerGain / a.cost ||
        b.expectedLog10LRGain / b.cost - a.expectedLog10LRGain / a.cost ||
        a.add.join('\u0000').localeCompare(b.add.join('\u0000')),
    );
    return {
      ...exact,
      ...base,
      // The exact figures of `computeExactPower` (the same sums as `simulate`'s).
      exclusionPower: exact.exclusionPower,
      expectedLR: exact.expectedLR,
      expectedLog10LR: exact.expectedLog10LR,
      threshold,
      sims,
      seed,
      candidates: planned,
    };
  });
}
