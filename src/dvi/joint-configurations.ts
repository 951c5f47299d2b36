/**
 * Per-family configurations for the joint DVI search: every way of placing distinct victims on
 * some of one family's missing persons, each with its exact family factor
 *
 *   LR_f(S) = L(f with the victims of S on their missing persons) / (L(f) · Π_{v ∈ S} L(v))
 *
 * (theta > 0: over one joint draw of the family and the placed victims). A configuration is
 * built by placing victims on the missing persons in the family's order; the factor of
 * "prefix + v on m" at a locus is read from m's genotype table given the prefix (one variable
 * elimination per prefix, missing person and locus, shared by every candidate victim).
 * Configurations with a pairing of pairwise LR 0, or with joint LR 0, are dropped (every
 * extension of an impossible configuration is impossible too).
 *
 * @module
 */
import { KindredError } from '../errors.js';
import { type JointContext, type Placement, placementLocusLogLR } from './joint-context.js';
import { computeMissingTable, type MissingTable, tableLocusLogLR } from './joint-tables.js';
import type { PairwiseMatrix } from './pairwise.js';

/** One way of identifying victims within one family. */
export interface FamilyConfiguration {
  /** Placements in the family's missing-person order (empty: nobody identified). */
  readonly placements: readonly Placement[];
  /** Natural log of the family factor LR_f (0 for the empty configuration). */
  readonly logLR: number;
}

/** Options of {@link enumerateFamilyConfigurations}. */
export interface ConfigurationOptions {
  /** Refuse (TOO_COMPLEX) a family with more configurations than this. Default 2,000,000. */
  readonly maxConfigurations?: number;
}

const DEFAULT_MAX_CONFIGURATIONS = 2_000_000;

/**
 * Every configuration of family `fi` with a nonzero LR, best first.
 *
 * @param ctx - the DVI context
 * @param fi - family index
 * @param pairwise - the pairwise matrix (its zeros and sex exclusions prune the enumeration)
 * @param options - the configuration limit
 * @returns the configurations sorted by `logLR`, descending; the empty one is always present
 * @throws KindredError `TOO_COMPLEX` when the family has more than `maxConfigurations`
 * @example
 * ```ts
 * // one missing person, two compatible victims: [best single, other single, empty] in LR order
 * enumerateFamilyConfigurations(ctx, 0, pw).length; // => 3
 * ```
 */
export function enumerateFamilyConfigurations(
  ctx: JointContext,
  fi: number,
  pairwise: PairwiseMatrix,
  options: ConfigurationOptions = {},
): FamilyConfiguration[] {
  const limit = options.maxConfigurations ?? DEFAULT_MAX_CONFIGURATIONS;
  const missing = ctx.families[fi]!.missing;
  const nLoci = ctx.loci.length;
  const out: FamilyConfiguration[] = [{ placements: [], logLR: 0 }];
  const add = (c: FamilyConfiguration): void => {
    out.push(c);
    if (out.length > limit) {
      throw new KindredError(
        'TOO_COMPLEX',
        `Family "${ctx.families[fi]!.family.name}" has more than ${limit} possible victim placements; the exact joint search is refused (raise maxConfigurations to allow it)`,
        { path: ['families', fi] },
      );
    }
  };
  const candidatesFor = (m: number, used: readonly Placement[]): number[] => {
    const out2: number[] = [];
    for (let v = 0; v < pairwise.nVictims; v++) {
      const k = v * pairwise.nMissing + m;
      if (pairwise.eligible[k] !== 1 || pairwise.logLR[k] === Number.NEGATIVE_INFINITY) continue;
      if (used.some((p) => p.victim === v)) continue;
      out2.push(v);
    }
    return out2;
  };
  /** Place victims on missing persons i, i+1, … after `prefix` (per-locus values `prefixLocus`). */
  const extend = (i: number, prefix: readonly Placement[], prefixLocus: Float64Array): void => {
    for (let j = i; j < missing.length; j++) {
      const m = missing[j]!;
      const candidates = candidatesFor(m, prefix);
      if (candidates.length === 0) continue;
      const isLast = j === missing.length - 1;
      if (prefix.length === 0 && isLast) {
        for (const v of candidates)
          add({
            placements: [{ missing: m, victim: v }],
            logLR: pairwise.logLR[v * pairwise.nMissing + m]!,
          });
        continue;
      }
      const tables: (MissingTable | undefined)[] = new Array(nLoci);
      for (const v of candidates) {
        const placements = [...prefix, { missing: m, victim: v }];
        const perLocus = new Float64Array(nLoci);
        let total = 0;
        for (let l = 0; l < nLoci && total !== Number.NEGATIVE_INFINITY; l++) {
          if (ctx.victimAlleles[v]![2 * l]! < 0) {
            perLocus[l] = prefixLocus[l]!;
          } else {
            let t = tables[l];
            if (t === undefined) {
              t = computeMissingTable(ctx, fi, prefix, m, l);
              tables[l] = t;
            }
            if (t.kind === 'zero') perLocus[l] = Number.NEGATIVE_INFINITY;
            else if (t.kind === 'table') perLocus[l] = tableLocusLogLR(ctx, fi, prefix, t, v, l);
            else perLocus[l] = placementLocusLogLR(ctx, fi, placements, l);
          }
          total += perLocus[l]!;
        }
        if (total === Number.NEGATIVE_INFINITY) continue;
        const logLR = prefix.length === 0 ? pairwise.logLR[v * pairwise.nMissing + m]! : total;
        add({ placements, logLR });
        if (!isLast) extend(j + 1, placements, perLocus);
      }
    }
  };
  extend(0, [], new Float64Array(nLoci));
  return out.sort((a, b) => b.logLR - a.logLR);
}
