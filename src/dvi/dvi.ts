/**
 * Disaster victim identification: the pairwise LR matrix and the exact K best joint
 * assignments of a `kindred-dvi/1` case.
 *
 * A joint assignment maps every victim to a missing person of its sex or to nobody, each
 * missing person used at most once. Its LR against "no victim identified" is the product over
 * families of L(family with its placed victims) / (L(family) · Π L(placed victim)) (with theta:
 * over one joint founder draw of the family and its placed victims, as for the pairwise LR).
 * Assignments that contain a pairing of pairwise LR 0 have joint LR 0 and are not listed.
 *
 * @module
 */
import { KindredError } from '../errors.js';
import type { ComputeBudget } from '../likelihood/eliminate.js';
import type { DVICase } from '../search/types.js';
import {
  computeDirectMatch,
  DEFAULT_DIRECT_THRESHOLD,
  type DirectMatch,
  type DirectProfile,
  findDirectMatches,
} from './direct-match.js';
import { enumerateFamilyConfigurations, type FamilyConfiguration } from './joint-configurations.js';
import { createJointContext } from './joint-context.js';
import { countNonzeroAssignments } from './joint-count.js';
import { computePairings, DEFAULT_MAX_PAIRING_ASSIGNMENTS } from './joint-pairings.js';
import { searchTopAssignments } from './joint-search.js';
import { computeDVIPairwise } from './pairwise.js';

/** Options of {@link computeDVI}. */
export interface DVIOptions {
  /** How many joint assignments to list (default 10; all if fewer have LR > 0). */
  readonly top?: number;
  /** Per-family limit on victim placements before TOO_COMPLEX (default 2,000,000). */
  readonly maxConfigurations?: number;
  /** Compute budget of each pedigree likelihood. */
  readonly budget?: ComputeBudget;
  /**
   * Most assignments with LR > 0 summed for the pairing posteriors (default 2,000,000); beyond
   * it {@link DVIResult.pairings} is null.
   */
  readonly maxPairingAssignments?: number;
  /**
   * Called as the work proceeds, for a progress bar (it only observes): in phase `pairwise`
   * after each missing person's column of the pairwise matrix, in phase `configurations` after
   * each family's victim placements, with the count done and the phase's total.
   */
  readonly onProgress?: (phase: DVIPhase, done: number, total: number) => void;
  /**
   * List direct matches (victim against victim, victim against the elimination set) with LR at
   * least this (default {@link DEFAULT_DIRECT_THRESHOLD}; 0 lists every compared pair).
   */
  readonly directThreshold?: number;
  /**
   * Merge victims that are the same body as `sameAs` replicates before the joint DVI — only when
   * asked: `threshold` merges every victim pair whose direct-match LR is at least it (and,
   * transitively, their groups); `pairs` merges the pairs given. Each group is placed as one
   * victim, the first of the case's order, with the other samples as its replicates; the result
   * says which were merged and with what LR ({@link DVIResult.merged}).
   */
  readonly mergeReplicates?: MergeReplicates;
}

/** What {@link DVIOptions.mergeReplicates} merges. */
export interface MergeReplicates {
  /** Merge every victim pair with direct-match LR at least this (a finite number ≥ 1). */
  readonly threshold?: number;
  /** Merge these victim pairs (each must have LR > 0 and one sex). */
  readonly pairs?: readonly (readonly [string, string])[];
}

/** One group of victims merged as `sameAs` replicates. */
export interface MergedVictim {
  /** The victim the group is placed as (the first of the case's order). */
  readonly victim: string;
  /** The other samples of the same body, merged into `victim`. */
  readonly replicates: readonly string[];
  /** The victim pairs that linked the group, with their direct-match log10 LR. */
  readonly pairs: readonly { readonly a: string; readonly b: string; readonly log10LR: number }[];
}

/** Direct matches of a DVI case ({@link findDirectMatches} over its victims and elimination set). */
export interface DVIDirectMatches {
  /** The listing threshold (LR). */
  readonly threshold: number;
  /** Pairs compared (sex-consistent victim pairs and victim × elimination profile pairs). */
  readonly compared: number;
  /** Victim pairs at or above the threshold, best first. */
  readonly remains: readonly DirectMatch[];
  /** Victim × elimination-profile pairs at or above the threshold, best first. */
  readonly elimination: readonly DirectMatch[];
}

/** The phases of {@link computeDVI} that report progress. */
export type DVIPhase = 'pairwise' | 'configurations';

/** The key of the "not identified" outcome in {@link DVIResult.pairings}. */
export const NOT_IDENTIFIED = '*';

/** Conclusion about one victim–outcome pairing over all joint assignments. */
export interface PairingConclusion {
  /**
   * Posterior probability of the pairing given the data, with a flat prior over the joint
   * assignments: Σ LR(a) over the assignments with the pairing / Σ LR(a) over all assignments.
   */
  readonly posterior: number;
  /**
   * log10 of R dvir's generalised likelihood ratio: the best assignment with the pairing against
   * the best assignment without it. −Infinity when no assignment with LR > 0 has the pairing,
   * +Infinity when every one has it.
   */
  readonly log10GLR: number;
}

/** One ranked joint assignment. */
export interface JointAssignment {
  /** Every victim (in the case's order) → missing person id, or null (not identified). */
  readonly assignment: ReadonlyMap<string, string | null>;
  /** log10 LR against "no victim identified". */
  readonly log10LR: number;
}

/** Result of {@link computeDVI}. */
export interface DVIResult {
  readonly id: string;
  /** Victim ids in the case's order. */
  readonly victims: readonly string[];
  /** victim → (missing person → log10 LR, null for LR 0); sex-excluded pairs are absent. */
  readonly pairwise: ReadonlyMap<string, ReadonlyMap<string, number | null>>;
  /** The best joint assignments, best first. */
  readonly joint: readonly JointAssignment[];
  /**
   * Number of sex-consistent assignments whose pairings all have LR > 0 (R dvir's count);
   * null when too large to count exactly.
   */
  readonly nonzeroAssignments: number | null;
  /** Complete assignments the branch and bound reached. */
  readonly assignmentsVisited: number;
  /**
   * victim → outcome → conclusion: one entry per missing person of the victim's pairwise row
   * (sex-consistent pairs) and one under {@link NOT_IDENTIFIED} ("*"); the posteriors of a
   * victim sum to 1. Null when there are more than `maxPairingAssignments` assignments with
   * LR > 0 to sum (no partial sum is given).
   */
  readonly pairings: ReadonlyMap<string, ReadonlyMap<string, PairingConclusion>> | null;
  /** Direct matches among the victims and against the elimination set (before any merge). */
  readonly direct: DVIDirectMatches;
  /** The victims merged as replicates (empty unless `mergeReplicates` was given). */
  readonly merged: readonly MergedVictim[];
}

/**
 * Compute the pairwise matrix and the exact `top` best joint assignments of a DVI case.
 *
 * @param dviCase - a validated case (see `parseDVICase`)
 * @param options - `top` (default 10), configuration limit, compute budget
 * @returns pairwise log10 LRs, the ranked joint assignments and the assignment count
 * @throws KindredError `INVALID_ARGUMENT` when `top` or `maxPairingAssignments` is not a
 *   positive integer
 * @throws KindredError `INVALID_CASE` when a missing person is called "*" (the key of "not
 *   identified" in the pairings)
 * @throws KindredError `IMPOSSIBLE_REFERENCE` when a family's own data have likelihood 0
 * @throws KindredError `TOO_COMPLEX` when a pedigree or a family's placements exceed the limits
 * @example
 * ```ts
 * const r = computeDVI(parseDVICase(text));
 * r.joint[0]?.assignment.get('V1'); // => 'M3'
 * ```
 */
export function computeDVI(dviCase: DVICase, options: DVIOptions = {}): DVIResult {
  const top = options.top ?? 10;
  if (!Number.isInteger(top) || top < 1) {
    throw new KindredError('INVALID_ARGUMENT', `top must be a positive integer, got ${top}`);
  }
  const maxPairings = options.maxPairingAssignments ?? DEFAULT_MAX_PAIRING_ASSIGNMENTS;
  if (!Number.isInteger(maxPairings) || maxPairings < 1) {
    throw new KindredError(
      'INVALID_ARGUMENT',
      `maxPairingAssignments must be a positive integer, got ${maxPairings}`,
    );
  }
  const { direct, merged, replicates } = _directAndMerged(dviCase, options);
  const ctx = createJointContext(dviCase, options.budget, replicates);
  const star = ctx.missing.find((m) => m.id === NOT_IDENTIFIED);
  if (star !== undefined) {
    throw new KindredError(
      'INVALID_CASE',
      `Family "${ctx.families[star.family]!.family.name}": a missing person may not be called "${NOT_IDENTIFIED}" (it is the key of "not identified" in the answer's pairings)`,
      { path: ['families', star.family] },
    );
  }
  const onProgress = options.onProgress;
  const pw = computeDVIPairwise(
    ctx,
    onProgress === undefined ? undefined : (done, total) => onProgress('pairwise', done, total),
  );
  const pairwise = new Map<string, Map<string, number | null>>();
  const edges: number[][] = [];
  ctx.victimIds.forEach((v, vi) => {
    const row = new Map<string, number | null>();
    const e: number[] = [];
    ctx.missing.forEach((m, mi) => {
      const k = vi * pw.nMissing + mi;
      if (pw.eligible[k] !== 1) return;
      const x = pw.logLR[k]!;
      row.set(m.id, x === Number.NEGATIVE_INFINITY ? null : x / Math.LN10);
      if (x !== Number.NEGATIVE_INFINITY) e.push(mi);
    });
    pairwise.set(v, row);
    edges.push(e);
  });
  const configs: FamilyConfiguration[][] = ctx.families.map((_, fi) => {
    const cs = enumerateFamilyConfigurations(ctx, fi, pw, {
      ...(options.maxConfigurations !== undefined
        ? { maxConfigurations: options.maxConfigurations }
        : {}),
    });
    onProgress?.('configurations', fi + 1, ctx.families.length);
    return cs;
  });
  const search = searchTopAssignments(
    configs.map((cs) =>
      cs.map((c) => ({ victims: c.placements.map((p) => p.victim), logLR: c.logLR })),
    ),
    ctx.victimIds.length,
    top,
  );
  const joint = search.best.map((r): JointAssignment => {
    const assignment = new Map<string, string | null>(ctx.victimIds.map((v) => [v, null]));
    r.choice.forEach((ci, fi) => {
      for (const p of configs[fi]![ci]!.placements)
        assignment.set(ctx.victimIds[p.victim]!, ctx.missing[p.missing]!.id);
    });
    return { assignment, log10LR: r.logLR / Math.LN10 };
  });
  const table = computePairings(
    configs.map((cs) =>
      cs.map((c) => ({
        victims: c.placements.map((p) => p.victim),
        missing: c.placements.map((p) => p.missing),
        logLR: c.logLR,
      })),
    ),
    ctx.victimIds.length,
    ctx.missing.length,
    maxPairings,
  );
  let pairings: Map<string, Map<string, PairingConclusion>> | null = null;
  if (table !== null) {
    const X = ctx.missing.length + 1;
    const conclusion = (vi: number, x: number): PairingConclusion => ({
      posterior: table.posterior[vi * X + x]!,
      log10GLR: table.logGLR[vi * X + x]! / Math.LN10,
    });
    pairings = new Map();
    ctx.victimIds.forEach((v, vi) => {
      const row = new Map<string, PairingConclusion>();
      ctx.missing.forEach((m, mi) => {
        if (pw.eligible[vi * pw.nMissing + mi] === 1) row.set(m.id, conclusion(vi, mi));
      });
      row.set(NOT_IDENTIFIED, conclusion(vi, ctx.missing.length));
      pairings!.set(v, row);
    });
  }
  return {
    id: dviCase.id,
    pairings,
    victims: ctx.victimIds,
    pairwise,
    joint,
    nonzeroAssignments: countNonzeroAssignments(ctx.victimIds.length, ctx.missing.length, edges),
    assignmentsVisited: search.visited,
    direct,
    merged,
  };
}

/** The direct matches of the case, and the merge groups asked for. */
function _directAndMerged(
  dviCase: DVICase,
  options: DVIOptions,
): { direct: DVIDirectMatches; merged: MergedVictim[]; replicates: Map<string, string[]> } {
  const profileOf = (
    id: string,
    genotypes: ReadonlyMap<string, readonly string[]>,
    sex: 'male' | 'female' | undefined,
  ): DirectProfile => {
    const o = dviCase.observation?.get(id);
    return {
      id,
      genotypes,
      ...(sex !== undefined ? { sex } : {}),
      ...(o !== undefined ? { observation: o } : {}),
    };
  };
  const victims = [...dviCase.victims].map(([id, g]) =>
    profileOf(id, g, dviCase.victimSex.get(id)),
  );
  const elimination = (dviCase.elimination ?? []).map((e) => profileOf(e.id, e.genotypes, e.sex));
  const threshold = options.directThreshold ?? DEFAULT_DIRECT_THRESHOLD;
  const merge = options.mergeReplicates;
  const mergeAt = merge?.threshold;
  if (mergeAt !== undefined && !(Number.isFinite(mergeAt) && mergeAt >= 1)) {
    throw new KindredError(
      'INVALID_ARGUMENT',
      `The merge threshold must be a finite LR >= 1, got ${String(mergeAt)}`,
    );
  }
  const found = findDirectMatches(dviCase.loci, victims, {
    theta: dviCase.theta,
    threshold: mergeAt === undefined ? threshold : Math.min(threshold, mergeAt),
    elimination,
  });
  const listed = (m: DirectMatch): boolean =>
    threshold === 0 || (m.log10LR !== null && m.log10LR >= Math.log10(threshold));
  const direct: DVIDirectMatches = {
    threshold,
    compared: found.compared,
    remains: found.matches.filter((m) => m.kind === 'remains' && listed(m)),
    elimination: found.matches.filter((m) => m.kind === 'elimination' && listed(m)),
  };
  const edges: { a: string; b: string; log10LR: number }[] = [];
  if (mergeAt !== undefined) {
    for (const m of found.matches) {
      if (m.kind === 'remains' && m.log10LR !== null && m.log10LR >= Math.log10(mergeAt))
        edges.push({ a: m.a, b: m.b, log10LR: m.log10LR });
    }
  }
  const byId = new Map(victims.map((v) => [v.id, v]));
  (merge?.pairs ?? []).forEach(([a, b], k) => {
    const va = byId.get(a);
    const vb = byId.get(b);
    for (const [id, v] of [
      [a, va],
      [b, vb],
    ] as const) {
      if (v === undefined) {
        throw new KindredError(
          'INVALID_ARGUMENT',
          `Merge pair ${k + 1} names "${id}", who is not a victim of the case`,
          { path: ['mergeReplicates', 'pairs', k] },
        );
      }
    }
    if (a === b) {
      throw new KindredError('INVALID_ARGUMENT', `Merge pair ${k + 1} names "${a}" twice`, {
        path: ['mergeReplicates', 'pairs', k],
      });
    }
    const r = computeDirectMatch(dviCase.loci, va!, vb!, { theta: dviCase.theta });
    if (r.log10LR === null) {
      const at = [...r.loci].filter(([, lr]) => lr === 0).map(([name]) => name);
      throw new KindredError(
        'INVALID_ARGUMENT',
        `Victims "${a}" and "${b}" cannot be merged: they exclude each other at ${at.map((x) => `"${x}"`).join(', ')} (direct-match LR 0)`,
        { path: ['mergeReplicates', 'pairs', k] },
      );
    }
    edges.push({ a, b, log10LR: r.log10LR });
  });
  // Groups by union–find; each is placed as its first victim in the case's order.
  const order = new Map(victims.map((v, i) => [v.id, i]));
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.has(r)) r = parent.get(r)!;
    return r;
  };
  for (const e of edges) {
    const ra = find(e.a);
    const rb = find(e.b);
    if (ra === rb) continue;
    if (order.get(ra)! < order.get(rb)!) parent.set(rb, ra);
    else parent.set(ra, rb);
  }
  const groups = new Map<string, MergedVictim & { replicates: string[]; pairs: typeof edges }>();
  for (const v of victims) {
    const root = find(v.id);
    if (root === v.id) continue;
    let g = groups.get(root);
    if (g === undefined) {
      g = { victim: root, replicates: [], pairs: [] };
      groups.set(root, g);
    }
    g.replicates.push(v.id);
  }
  for (const e of edges) groups.get(find(e.a))!.pairs.push(e);
  for (const g of groups.values()) {
    const sexes = new Set(
      [g.victim, ...g.replicates]
        .map((id) => dviCase.victimSex.get(id))
        .filter((x) => x !== undefined),
    );
    if (sexes.size > 1) {
      throw new KindredError(
        'INVALID_ARGUMENT',
        `Victims ${[g.victim, ...g.replicates].map((x) => `"${x}"`).join(', ')} would be merged as one body but their sexes differ`,
        { path: ['mergeReplicates'] },
      );
    }
  }
  const merged = [...groups.values()].sort((x, y) => order.get(x.victim)! - order.get(y.victim)!);
  return {
    direct,
    merged,
    replicates: new Map(merged.map((g) => [g.victim, g.replicates])),
  };
}
