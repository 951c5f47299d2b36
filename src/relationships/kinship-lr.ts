/**
 * Kinship likelihood ratios for a {@link KinshipCase}: per hypothesis and locus the exact
 * likelihood, per locus the LR against the reference hypothesis, and the totals in log10.
 *
 * @module
 */
import { KindredError } from '../errors.js';
import type { ComputeBudget } from '../likelihood/eliminate.js';
import { computeLocusLikelihood } from '../likelihood/locus-likelihood.js';
import { _costedKinshipCase, inHypothesisLocus } from './case-budget.js';
import type { KinshipCase } from './types.js';

/** Likelihood and LR at one locus for one hypothesis. */
export interface LocusLR {
  /** P(genotypes at this locus | hypothesis). */
  readonly likelihood: number;
  /** Natural log of `likelihood` (kept separately so tiny values never underflow). */
  readonly logLikelihood: number;
  /** likelihood / reference likelihood at this locus (0 for an exclusion). */
  readonly lr: number;
}

/** Result for one hypothesis. */
export interface HypothesisLR {
  readonly name: string;
  /** log10 of the total likelihood; null when it is 0. */
  readonly log10Likelihood: number | null;
  /** log10 LR against the reference; null when the LR is 0. */
  readonly log10LR: number | null;
  /** Per-locus values, in the order of the case's loci. */
  readonly loci: ReadonlyMap<string, LocusLR>;
}

/** Result of {@link computeKinshipLR}. */
export interface KinshipLRResult {
  readonly id: string;
  readonly reference: string;
  readonly hypotheses: readonly HypothesisLR[];
}

/** Options for {@link computeKinshipLR}. */
export interface KinshipLROptions {
  /** Lump unobserved alleles where exact (default true; results are identical either way). */
  readonly lump?: boolean;
  /** Refuse pedigrees whose exact computation exceeds this budget. */
  readonly budget?: ComputeBudget;
}

/**
 * Compute every hypothesis's likelihood and LR against the reference.
 *
 * LR_locus(H) = P(G_locus | H) / P(G_locus | reference); log10 LR(H) = Σ_locus log10 LR_locus.
 *
 * @param kcase - a validated case (see `parseCase`)
 * @param options - lumping switch and compute budget
 * @returns per hypothesis the totals and per-locus table
 * @throws KindredError `IMPOSSIBLE_REFERENCE` when the reference hypothesis has likelihood 0 at a locus
 * @throws KindredError `TOO_COMPLEX` when a pedigree at a locus exceeds the compute budget, or
 *   the case as a whole exceeds `maxCaseWork` (checked from the plans before any computation)
 */
export function computeKinshipLR(
  kcase: KinshipCase,
  options: KinshipLROptions = {},
): KinshipLRResult {
  // The whole case is costed from its plans before any likelihood is computed; the problems
  // costed are the ones computed.
  const { problems } = _costedKinshipCase(kcase, options);
  const refIndex = kcase.hypotheses.findIndex((h) => h.name === kcase.reference);
  const nh = kcase.hypotheses.length;
  const logs: number[][] = kcase.hypotheses.map(() => []);
  kcase.loci.forEach((locus, li) => {
    for (let h = 0; h < nh; h++) {
      const hyp = kcase.hypotheses[h]!;
      logs[h]![li] = inHypothesisLocus(hyp.name, locus.name, h, () =>
        computeLocusLikelihood(problems[li]![h]!, options.budget),
      );
    }
    if (logs[refIndex]![li] === Number.NEGATIVE_INFINITY) {
      throw new KindredError(
        'IMPOSSIBLE_REFERENCE',
        `The reference hypothesis "${kcase.reference}" has likelihood 0 at locus "${locus.name}": the LR is undefined`,
        { path: ['loci', li] },
      );
    }
  });
  const refLogs = logs[refIndex]!;
  const hypotheses = kcase.hypotheses.map((h, hi) => {
    const loci = new Map<string, LocusLR>();
    let total = 0;
    let refTotal = 0;
    kcase.loci.forEach((locus, li) => {
      const l = logs[hi]![li]!;
      const r = refLogs[li]!;
      total += l;
      refTotal += r;
      loci.set(locus.name, { likelihood: Math.exp(l), logLikelihood: l, lr: Math.exp(l - r) });
    });
    const finite = total !== Number.NEGATIVE_INFINITY;
    return {
      name: h.name,
      log10Likelihood: finite ? total / Math.LN10 : null,
      log10LR: finite ? (total - refTotal) / Math.LN10 : null,
      loci,
    };
  });
  return { id: kcase.id, reference: kcase.reference, hypotheses };
}
