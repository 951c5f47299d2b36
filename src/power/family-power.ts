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
import {
  type PlannedReferenceOptions,
  plannedReferenceAtoms,
  samplePlannedReferences,
} from './planned-references.js';
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
  /**
   * Where a set's reference genotypes are too many to enumerate at a locus
   * (`maxReferenceGenotypes`), sample this many per locus from their exact posterior instead of
   * refusing (default: refuse with `TOO_COMPLEX`); the set is then marked not exact and its
   * figures carry standard errors from 10 independent batches.
   */
  readonly referenceSamples?: number;
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
  /** True when the set's figures are exact sums (false: reference genotypes sampled). */
  readonly exact: boolean;
  /** Loci whose reference genotypes were sampled (`referenceSamples`). */
  readonly sampledLoci: readonly string[];
  /** Standard error of `exclusionPower` (0 when exact). */
  readonly exclusionPowerMcError: number;
  /** Standard error of `expectedLog10LR` (0 when exact). */
  readonly expectedLog10LRMcError: number;
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
      const samples = options.referenceSamples;
      let r: ReferenceSetPower;
      let sampledLoci: readonly string[] = [];
      let errors = { exclusionPowerMcError: 0, expectedLog10LRMcError: 0 };
      if (samples === undefined)
        r = simulate(plannedReferenceAtoms(family, missing, loci, add, options));
      else {
        const s = samplePlannedReferences(family, missing, loci, add, {
          ...options,
          samples,
          seed,
        });
        sampledLoci = s.sampledLoci;
        if (s.exact) r = simulate(s.batches[0]!);
        else ({ r, errors } = _batched(s.batches, threshold, sims, seed));
      }
      return {
        add,
        cost: add.reduce((s, id) => s + (costs.get(id) ?? 1), 0),
        ...r,
        exact: sampledLoci.length === 0,
        sampledLoci,
        ...errors,
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

/** Mean and standard error over independent batches (see `samplePlannedReferences`). */
function _batched(
  batches: readonly (readonly PowerAtoms[])[],
  threshold: number,
  sims: number,
  seed: number,
): {
  r: ReferenceSetPower;
  errors: { exclusionPowerMcError: number; expectedLog10LRMcError: number };
} {
  const B = batches.length;
  const per = Math.max(1, Math.round(sims / B));
  const rows = batches.map((atoms, b) => {
    const c = combinePower(atoms.map(summarizeAtoms));
    const t = simulateInclusionPower(atoms, { thresholds: [threshold], sims: per, seed: seed + b })
      .thresholds[0]!;
    return [c.exclusionPower, c.expectedLR, c.expectedLog10LR, t.inclusionPower, t.falseInclusion];
  });
  const mean = (k: number) => rows.reduce((s, r) => s + r[k]!, 0) / B;
  const se = (k: number) => {
    const m = mean(k);
    const v = rows.reduce((s, r) => s + (r[k]! - m) ** 2, 0) / Math.max(1, B - 1);
    return Math.sqrt(v / B);
  };
  return {
    r: {
      exclusionPower: mean(0),
      expectedLR: mean(1),
      expectedLog10LR: mean(2),
      inclusionPower: mean(3),
      mcError: se(3),
      falseInclusion: mean(4),
      falseInclusionMcError: se(4),
    },
    errors: { exclusionPowerMcError: se(0), expectedLog10LRMcError: se(2) },
  };
}
