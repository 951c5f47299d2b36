/**
 * The answer object of `kindred dvi` (case-format.md, `kindred-dvi/1`): the pairwise matrix and
 * the ranked joint assignments, with every victim, missing person and case id written exactly as
 * in the case. Objects keyed by those ids have no prototype and their keys are defined as own
 * properties, so ids such as `__proto__` or `constructor` are ordinary keys.
 *
 * @module
 */
import type { DirectMatch } from '../dvi/direct-match.js';
import type { DVIResult } from '../dvi/dvi.js';
import type { Provenance } from '../provenance/provenance.js';

/** One pairwise entry: log10 LR, null for LR 0. */
export interface DVIPairwiseEntry {
  readonly log10LR: number | null;
}

/** One joint assignment of the answer. */
export interface DVIJointEntry {
  /** Every victim → missing person id or null. */
  readonly assignment: Record<string, string | null>;
  readonly log10LR: number;
}

/** One pairing conclusion of the answer (see `PairingConclusion` of the DVI module). */
export interface DVIPairingEntry {
  /** Posterior probability of the pairing over all joint assignments (flat prior). */
  readonly posterior: number;
  /**
   * log10 of the generalised likelihood ratio (best assignment with the pairing / best without);
   * null when the GLR is not finite: 0 (then `posterior` is 0: no assignment with LR > 0 has
   * the pairing) or infinite (then `posterior` is 1: every one has it).
   */
  readonly log10GLR: number | null;
}

/** One direct match of the answer (docs/dvi.md, `direct`). */
export interface DVIDirectEntry {
  /** A victim. */
  readonly a: string;
  /** Another victim (`direct.remains`) or an elimination profile (`direct.elimination`). */
  readonly b: string;
  /** log10 LR of "same person" against "unrelated"; null for LR 0. */
  readonly log10LR: number | null;
  /** Loci typed in both. */
  readonly loci: number;
  /** Loci typed in both with LR 0. */
  readonly excluded: readonly string[];
  /** Loci typed in both whose seen allele sets differ (explained by drop-out, drop-in or a silent allele). */
  readonly discordant: readonly string[];
}

/** The direct-match section of the answer (docs/dvi.md). */
export interface DVIDirectSection {
  /** The listing threshold (an LR). */
  readonly threshold: number;
  /** Pairs compared. */
  readonly compared: number;
  /** Victim pairs at or above the threshold, best first. */
  readonly remains: readonly DVIDirectEntry[];
  /** Victim × elimination-profile pairs at or above the threshold, best first. */
  readonly elimination: readonly DVIDirectEntry[];
}

/** One group of victims merged as `sameAs` replicates before the joint DVI. */
export interface DVIMergedEntry {
  /** The victim the group was placed as (it keeps its id in `pairwise`, `joint`, `pairings`). */
  readonly victim: string;
  /** The other samples of the same body (absent from `pairwise`, `joint`, `pairings`). */
  readonly replicates: readonly string[];
  /** The pairs that linked the group, each with its direct-match log10 LR. */
  readonly pairs: readonly { readonly a: string; readonly b: string; readonly log10LR: number }[];
}

/** The JSON answer of a DVI case. */
export interface DVIAnswer {
  readonly id: string;
  /** victim → missing person → entry; pairs excluded by sex are absent. */
  readonly pairwise: Record<string, Record<string, DVIPairwiseEntry>>;
  /** Best first. */
  readonly joint: readonly DVIJointEntry[];
  /**
   * victim → missing person (its sex-consistent pairwise row) or "*" (not identified) → posterior
   * and GLR over all joint assignments; null when there were too many assignments to sum.
   */
  readonly pairings: Record<string, Record<string, DVIPairingEntry>> | null;
  /** Direct matches among the victims and against the elimination set (docs/dvi.md). */
  readonly direct: DVIDirectSection;
  /** Victims merged as replicates before the joint DVI (only when asked; [] otherwise). */
  readonly merged: readonly DVIMergedEntry[];
  /** How the answer was made (docs/provenance.md); absent in answers written without it. */
  readonly provenance?: Provenance;
}

/**
 * Convert a {@link DVIResult} to the answer object of case-format.md.
 *
 * @param result - from `computeDVI`
 * @returns `{ id, pairwise, joint, pairings, direct, merged }`, ready for `JSON.stringify`
 * @example
 * ```ts
 * JSON.stringify(formatDVIAnswer(computeDVI(c)).joint[0]);
 * // => '{"assignment":{"V1":"M1","V2":null},"log10LR":5.1}'
 * ```
 */
export function formatDVIAnswer(result: DVIResult, provenance?: Provenance): DVIAnswer {
  const pairwise = Object.create(null) as Record<string, Record<string, DVIPairwiseEntry>>;
  for (const [v, row] of result.pairwise) {
    const entries = Object.create(null) as Record<string, DVIPairwiseEntry>;
    for (const [m, x] of row) _defineOwn(entries, m, { log10LR: x });
    _defineOwn(pairwise, v, entries);
  }
  const joint = result.joint.map((j): DVIJointEntry => {
    const assignment = Object.create(null) as Record<string, string | null>;
    for (const [v, m] of j.assignment) _defineOwn(assignment, v, m);
    return { assignment, log10LR: j.log10LR };
  });
  let pairings: Record<string, Record<string, DVIPairingEntry>> | null = null;
  if (result.pairings !== null) {
    pairings = Object.create(null) as Record<string, Record<string, DVIPairingEntry>>;
    for (const [v, row] of result.pairings) {
      const entries = Object.create(null) as Record<string, DVIPairingEntry>;
      for (const [m, c] of row)
        _defineOwn(entries, m, {
          posterior: c.posterior,
          log10GLR: Number.isFinite(c.log10GLR) ? c.log10GLR : null,
        });
      _defineOwn(pairings, v, entries);
    }
  }
  const entry = (m: DirectMatch): DVIDirectEntry => ({
    a: m.a,
    b: m.b,
    log10LR: m.log10LR,
    loci: m.loci,
    excluded: [...m.excluded],
    discordant: [...m.discordant],
  });
  return {
    id: result.id,
    pairwise,
    joint,
    pairings,
    direct: {
      threshold: result.direct.threshold,
      compared: result.direct.compared,
      remains: result.direct.remains.map(entry),
      elimination: result.direct.elimination.map(entry),
    },
    merged: result.merged.map((g) => ({
      victim: g.victim,
      replicates: [...g.replicates],
      pairs: g.pairs.map((p) => ({ a: p.a, b: p.b, log10LR: p.log10LR })),
    })),
    ...(provenance !== undefined ? { provenance } : {}),
  };
}

/**
 * The answer as JSON text (2-space indentation, trailing newline).
 *
 * @example
 * ```ts
 * formatDVIAnswerJSON(result).startsWith('{\n  "id"'); // => true
 * ```
 */
export function formatDVIAnswerJSON(result: DVIResult, provenance?: Provenance): string {
  return `${JSON.stringify(formatDVIAnswer(result, provenance), null, 2)}\n`;
}

function _defineOwn<T>(obj: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}
