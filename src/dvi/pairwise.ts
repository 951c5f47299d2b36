/**
 * The DVI pairwise matrix: for every victim v and every missing person m of compatible sex,
 *
 *   LR(v, m) = L(m's family with v's genotypes on m) / L(m's family + v as an unrelated founder)
 *
 * per locus and multiplied over loci (theta = 0: L(family with v on m) / (L(family) · L(v))).
 * With theta = 0 each missing person's genotype table (see `joint-tables.ts`) is computed once
 * per locus and every victim is a lookup; with theta > 0 (or a missing person sampled directly
 * through `sameAs`) each pair is two exact pedigree likelihoods.
 *
 * @module
 */
import { isSexConsistent, type JointContext, placementLocusLogLR } from './joint-context.js';
import { computeMissingTable, type MissingTable, tableLocusLogLR } from './joint-tables.js';

/** The pairwise LRs of a DVI case, victims × missing persons, row-major. */
export interface PairwiseMatrix {
  readonly nVictims: number;
  readonly nMissing: number;
  /**
   * ln LR at `v * nMissing + m`; -Infinity for LR 0 and for pairs excluded by sex.
   */
  readonly logLR: Float64Array;
  /** 1 where the pair is sex-consistent (listed in the answer), 0 where excluded by sex. */
  readonly eligible: Uint8Array;
}

/**
 * Compute the pairwise matrix of a DVI case (formula in the module comment).
 *
 * @param ctx - the context from `createJointContext`
 * @param onStep - called after each missing person's column (done, total), for progress
 * @returns ln LR for every sex-consistent victim × missing pair
 * @throws KindredError `TOO_COMPLEX` when a family exceeds the compute budget
 * @example
 * ```ts
 * // father 14/14 typed, mother untyped, victim 14/15 as their child: LR = 1 / (2 p14), p14 = 0.2
 * const pw = computeDVIPairwise(createJointContext(parseDVICase(text)));
 * Math.exp(pw.logLR[0]); // => 2.5
 * ```
 */
export function computeDVIPairwise(
  ctx: JointContext,
  onStep?: (done: number, total: number) => void,
): PairwiseMatrix {
  const nVictims = ctx.victimIds.length;
  const nMissing = ctx.missing.length;
  const logLR = new Float64Array(nVictims * nMissing).fill(Number.NEGATIVE_INFINITY);
  const eligible = new Uint8Array(nVictims * nMissing);
  for (let m = 0; m < nMissing; m++) {
    const fi = ctx.missing[m]!.family;
    const victims: number[] = [];
    for (let v = 0; v < nVictims; v++) {
      if (!isSexConsistent(ctx, v, m)) continue;
      eligible[v * nMissing + m] = 1;
      victims.push(v);
    }
    const acc = new Float64Array(victims.length);
    for (let l = 0; l < ctx.loci.length; l++) {
      let t: MissingTable | undefined;
      for (let k = 0; k < victims.length; k++) {
        const v = victims[k]!;
        if (acc[k] === Number.NEGATIVE_INFINITY || ctx.victimAlleles[v]![2 * l]! < 0) continue;
        t ??= computeMissingTable(ctx, fi, [], m, l);
        if (t.kind === 'zero') acc[k] = Number.NEGATIVE_INFINITY;
        else if (t.kind === 'table') acc[k] = acc[k]! + tableLocusLogLR(ctx, fi, [], t, v, l);
        else acc[k] = acc[k]! + placementLocusLogLR(ctx, fi, [{ missing: m, victim: v }], l);
      }
    }
    victims.forEach((v, k) => {
      logLR[v * nMissing + m] = acc[k]!;
    });
    onStep?.(m + 1, nMissing);
  }
  return { nVictims, nMissing, logLR, eligible };
}
