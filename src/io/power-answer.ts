/**
 * The answer object of `kindred power` (`docs/power.md`, "The answer document"): for every
 * missing person of a `kindred-dvi/1` document the exact exclusion power and expected LR, the
 * simulated inclusion power with its Monte-Carlo error, the per-locus figures, and the planned
 * reference sets best first. Objects keyed by locus name have no prototype and their keys are
 * defined as own properties, so any name is an ordinary key.
 *
 * @module
 */
import type { CandidatePower, FamilyMissingPower } from '../power/family-power.js';
import type { ProgrammePower } from '../power/programme-power.js';

/** One locus of a family entry. */
export interface PowerLocusEntry {
  readonly exclusionPower: number;
  readonly exclusionPowerWithoutMutation: number;
  readonly expectedLR: number;
  readonly expectedLog10LR: number;
  readonly informative: boolean;
}

/** One planned reference set. */
export interface PowerCandidateEntry {
  readonly add: readonly string[];
  readonly exact: boolean;
  readonly sampledLoci: readonly string[];
  readonly exclusionPowerMcError: number;
  readonly expectedLog10LRMcError: number;
  readonly cost: number;
  readonly exclusionPower: number;
  readonly expectedLR: number;
  readonly expectedLog10LR: number;
  readonly inclusionPower: number;
  readonly mcError: number;
  readonly falseInclusion: number;
  readonly falseInclusionMcError: number;
  readonly inclusionPowerGain: number;
  readonly expectedLog10LRGain: number;
}

/** One missing person of the answer. */
export interface PowerFamilyEntry {
  readonly family: string;
  readonly missing: string;
  readonly exclusionPower: number;
  readonly exclusionPowerWithoutMutation: number;
  readonly mutationKept: readonly string[];
  readonly expectedLR: number;
  readonly expectedLog10LR: number;
  readonly inclusionPower: number;
  readonly mcError: number;
  readonly falseInclusion: number;
  readonly falseInclusionMcError: number;
  readonly weak: boolean;
  readonly loci: Record<string, PowerLocusEntry>;
  readonly candidates: readonly PowerCandidateEntry[];
}

/** The JSON answer of `kindred power`. */
export interface PowerAnswer {
  readonly id: string;
  readonly threshold: number;
  readonly minPower: number;
  readonly sims: number;
  readonly seed: number;
  readonly families: readonly PowerFamilyEntry[];
  readonly weak: readonly { readonly family: string; readonly missing: string }[];
}

function _candidate(c: CandidatePower): PowerCandidateEntry {
  return {
    add: [...c.add],
    exact: c.exact,
    sampledLoci: [...c.sampledLoci],
    exclusionPowerMcError: c.exclusionPowerMcError,
    expectedLog10LRMcError: c.expectedLog10LRMcError,
    cost: c.cost,
    exclusionPower: c.exclusionPower,
    expectedLR: c.expectedLR,
    expectedLog10LR: c.expectedLog10LR,
    inclusionPower: c.inclusionPower,
    mcError: c.mcError,
    falseInclusion: c.falseInclusion,
    falseInclusionMcError: c.falseInclusionMcError,
    inclusionPowerGain: c.inclusionPowerGain,
    expectedLog10LRGain: c.expectedLog10LRGain,
  };
}

function _family(f: FamilyMissingPower, weak: boolean): PowerFamilyEntry {
  const loci: Record<string, PowerLocusEntry> = Object.create(null);
  for (const l of f.loci) {
    Object.defineProperty(loci, l.locus, {
      value: {
        exclusionPower: l.exclusionPower,
        exclusionPowerWithoutMutation: l.exclusionPowerWithoutMutation,
        expectedLR: l.expectedLR,
        expectedLog10LR: l.expectedLog10LR,
        informative: l.informative,
      },
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return {
    family: f.family,
    missing: f.missing,
    exclusionPower: f.exclusionPower,
    exclusionPowerWithoutMutation: f.exclusionPowerWithoutMutation,
    mutationKept: [...f.mutationKept],
    expectedLR: f.expectedLR,
    expectedLog10LR: f.expectedLog10LR,
    inclusionPower: f.inclusionPower,
    mcError: f.mcError,
    falseInclusion: f.falseInclusion,
    falseInclusionMcError: f.falseInclusionMcError,
    weak,
    loci,
    candidates: f.candidates.map(_candidate),
  };
}

/**
 * Convert a programme report to the answer object.
 *
 * @param report - from `computeProgrammePower`
 * @returns the answer, ready for `JSON.stringify`
 * @example
 * ```ts
 * formatPowerAnswer(computeProgrammePower(dvi)).families[0].missing; // => 'M1'
 * ```
 */
export function formatPowerAnswer(report: ProgrammePower): PowerAnswer {
  const weak = new Set(report.weak.map((w) => `${w.family}\u0000${w.missing}`));
  return {
    id: report.id,
    threshold: report.threshold,
    minPower: report.minPower,
    sims: report.sims,
    seed: report.seed,
    families: report.families.map((f) => _family(f, weak.has(`${f.family}\u0000${f.missing}`))),
    weak: report.weak.map((w) => ({ family: w.family, missing: w.missing })),
  };
}

/**
 * The answer as JSON text (two-space indent, trailing newline).
 *
 * @param report - from `computeProgrammePower`
 * @returns the text
 * @example
 * ```ts
 * JSON.parse(formatPowerAnswerJSON(report)).id; // => report.id
 * ```
 */
export function formatPowerAnswerJSON(report: ProgrammePower): string {
  return `${JSON.stringify(formatPowerAnswer(report), null, 2)}\n`;
}
