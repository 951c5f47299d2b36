/**
 * The distribution of one locus's LR as a finite list of *atoms*: for a missing person m and
 * the remains r, each atom is one genotype of r (and, for a planned reference, one genotype of
 * that reference), with its probability when r is m (`h1`), its probability when r is unrelated
 * to the family (`h0`), and its natural-log LR. Every power figure is a sum over atoms:
 *
 *   exclusion power  EP   = Σ h0 · [LR = 0]                (an unrelated person is excluded)
 *   expected LR      E[LR] = Σ h1 · LR                     (r is m)
 *   expected log LR  E[log10 LR] = Σ h1 · log10 LR         (r is m; LR > 0 wherever h1 > 0)
 *
 * The atoms of the current references come from the engine's LR table of m
 * (`buildLocusTable`): with theta = 0, LR(g) = P(g | data) / P(g), so h1 = LR · h0 and h0 = P(g)
 * (Hardy–Weinberg: 2 p_a p_b, p_a², or p_a for a male at an X locus). With allele classes the
 * table is exact by class (see `search/index-lumping.ts`), so a class pair is one atom whose h0
 * is the class-pair probability (2 P(c) P(d) or P(c)²).
 *
 * @module
 */
import { KindredError } from '../errors.js';
import type { Locus } from '../frequencies/locus.js';
import type { LocusTable } from '../search/index/locus-table.js';

/** One locus's LR distribution as atoms (parallel arrays of equal length). */
export interface PowerAtoms {
  /** Locus name. */
  readonly locus: string;
  /** Probability of each atom when the remains is the missing person (sums to 1). */
  readonly h1: Float64Array;
  /** Probability of each atom when the remains is unrelated (sums to 1 up to the table's Σp). */
  readonly h0: Float64Array;
  /** Natural-log LR of each atom (`-Infinity`: an exclusion). */
  readonly logLR: Float64Array;
  /** True when some relative (or a direct reference) is typed at the locus. */
  readonly informative: boolean;
}

/** The exact power figures of one locus (see the module doc for the formulas). */
export interface LocusPowerSummary {
  /** Locus name. */
  readonly locus: string;
  /** P(LR = 0 | remains unrelated). */
  readonly exclusionPower: number;
  /** E[LR | remains is the missing person]. */
  readonly expectedLR: number;
  /** E[log10 LR | remains is the missing person]. */
  readonly expectedLog10LR: number;
  /** True when some relative (or a direct reference) is typed at the locus. */
  readonly informative: boolean;
}

/**
 * The atoms of a missing person's LR table at one locus (one atom per genotype class pair).
 *
 * @param table - the engine's LR table of the missing person (`buildLocusTable`, theta = 0)
 * @param locus - the locus the table was built for (its frequencies give h0)
 * @param hemizygous - true for a male missing person at an X locus
 * @returns the atoms, with h1 = LR · h0
 * @example
 * ```ts
 * // father typed a/a, p_a = 0.1: the child's atoms include (a/b) with LR 1/(2·0.1) = 5
 * tableAtoms(buildLocusTable(input), locus, false).h1.reduce((s, x) => s + x, 0); // => 1
 * ```
 */
export function tableAtoms(table: LocusTable, locus: Locus, hemizygous: boolean): PowerAtoms {
  const K = table.classes;
  const pc = new Float64Array(K);
  locus.alleles.forEach((_, i) => {
    pc[table.classOf[i]!] = pc[table.classOf[i]!]! + locus.frequencies[i]!;
  });
  const size = hemizygous ? K : (K * (K + 1)) >> 1;
  const h0 = new Float64Array(size);
  const h1 = new Float64Array(size);
  const logLR = new Float64Array(size);
  let k = 0;
  for (let hi = 0; hi < K; hi++) {
    for (let lo = hemizygous ? hi : 0; lo <= hi; lo++, k++) {
      const p = hemizygous ? pc[hi]! : lo === hi ? pc[hi]! * pc[hi]! : 2 * pc[lo]! * pc[hi]!;
      const l = table.logLR[((hi * (hi + 1)) >> 1) + lo]!;
      h0[k] = p;
      logLR[k] = l;
      h1[k] = l === Number.NEGATIVE_INFINITY ? 0 : Math.exp(l) * p;
    }
  }
  return { locus: locus.name, h0, h1, logLR, informative: table.informative };
}

/**
 * Exclusion power, expected LR and expected log10 LR of one locus, exactly, from its atoms.
 *
 * @param atoms - the locus's atoms
 * @returns the three figures
 * @example
 * ```ts
 * // one typed parent a/b, no mutation: EP = (1 − p_a − p_b)²
 * summarizeAtoms(atoms).exclusionPower; // => 0.49 for p_a = 0.1, p_b = 0.2
 * ```
 */
export function summarizeAtoms(atoms: PowerAtoms): LocusPowerSummary {
  let ep = 0;
  let total0 = 0;
  let elr = 0;
  let elog = 0;
  for (let k = 0; k < atoms.h0.length; k++) {
    const l = atoms.logLR[k]!;
    const w0 = atoms.h0[k]!;
    const w1 = atoms.h1[k]!;
    total0 += w0;
    if (l === Number.NEGATIVE_INFINITY) {
      ep += w0;
      continue;
    }
    if (w1 > 0) {
      elr += w1 * Math.exp(l);
      elog += w1 * l;
    }
  }
  if (!(total0 > 0)) {
    throw new KindredError('INVALID_ARGUMENT', `Locus "${atoms.locus}" has no genotype mass`);
  }
  return {
    locus: atoms.locus,
    // Conditional on a genotype of the table (the frequencies may sum to 1 only within tolerance).
    exclusionPower: ep / total0,
    expectedLR: elr,
    expectedLog10LR: elog / Math.LN10,
    informative: atoms.informative,
  };
}

/** The combined figures over independent loci. */
export interface CombinedPower {
  /** 1 − Π (1 − EP_l): an unrelated person is excluded when excluded at any locus. */
  readonly exclusionPower: number;
  /** Π E[LR_l] (the loci are independent given the pedigree). */
  readonly expectedLR: number;
  /** Σ E[log10 LR_l]. */
  readonly expectedLog10LR: number;
}

/**
 * Combine per-locus figures over independent (unlinked) loci.
 *
 * @param loci - the per-locus figures
 * @returns the combined figures
 * @example
 * ```ts
 * combinePower([{ exclusionPower: 0.5, expectedLR: 2, expectedLog10LR: 0.1 }, same]);
 * // => { exclusionPower: 0.75, expectedLR: 4, expectedLog10LR: 0.2 }
 * ```
 */
export function combinePower(
  loci: readonly Pick<LocusPowerSummary, 'exclusionPower' | 'expectedLR' | 'expectedLog10LR'>[],
): CombinedPower {
  let notExcluded = 1;
  let logELR = 0;
  let elog = 0;
  for (const l of loci) {
    notExcluded *= 1 - l.exclusionPower;
    logELR += Math.log(l.expectedLR);
    elog += l.expectedLog10LR;
  }
  return { exclusionPower: 1 - notExcluded, expectedLR: Math.exp(logELR), expectedLog10LR: elog };
}
