/**
 * Scoring a candidate against indexed missing persons: the ln LR is a sum over the candidate's
 * typed loci of one table lookup each,
 *
 *   ln LR = Σ_l logLR[tableOffset[l] + slot(classMap[pos_a], classMap[pos_b])],
 *
 * where `pos_a`, `pos_b` are the candidate's allele positions (precomputed once by
 * `encodeCandidate`). Loci the candidate is not typed at contribute LR 1. When the candidate's
 * known sex differs from the missing person's, X loci are left out (the pair is then excluded or
 * flagged by the ranking).
 *
 * @module
 */

import type { Candidate } from './index-candidate.js';
import type { IndexEntry } from './index-family.js';
import type { IndexLayout } from './index-layout.js';

/** Number of candidate loci used against an entry (autosomal only on a sex mismatch). */
function _lociUsed(c: Candidate, e: IndexEntry): number {
  return c.sex !== undefined && c.sex !== e.sex ? c.autosomalCount : c.loci.length;
}

/**
 * Natural-log LR of "the candidate is this missing person" against "unrelated".
 *
 * @param c - the encoded candidate
 * @param e - the indexed missing person
 * @returns ln LR (−Infinity for an exclusion)
 * @example
 * ```ts
 * scoreEntry(encodeCandidate('V1', genotypes, layout), entry) / Math.LN10; // => log10 LR
 * ```
 */
export function scoreEntry(c: Candidate, e: IndexEntry): number {
  const cm = e.classMap;
  const off = e.tableOffset;
  const tab = e.logLR;
  const loci = c.loci;
  const pos = c.alleles;
  const count = _lociUsed(c, e);
  let s = 0;
  for (let k = 0; k < count; k++) {
    let ca = cm[pos[2 * k]!]!;
    let cb = cm[pos[2 * k + 1]!]!;
    if (ca > cb) {
      const t = ca;
      ca = cb;
      cb = t;
    }
    s += tab[off[loci[k]!]! + ((cb * (cb + 1)) >> 1) + ca]!;
  }
  return s;
}

/**
 * Score a candidate against many entries.
 *
 * @param c - the encoded candidate
 * @param entries - indexed missing persons
 * @param out - optional output array (length >= entries.length)
 * @returns ln LR per entry, in `entries` order
 * @example
 * ```ts
 * scoreEntries(candidate, [entryA, entryB]).length; // => 2
 * ```
 */
export function scoreEntries(
  c: Candidate,
  entries: readonly IndexEntry[],
  out: Float64Array = new Float64Array(entries.length),
): Float64Array {
  for (let i = 0; i < entries.length; i++) out[i] = scoreEntry(c, entries[i]!);
  return out;
}

/** One locus of a candidate–missing person comparison. */
export interface LocusScore {
  readonly locus: string;
  /** True when the candidate is typed here and the family has data (relatives or direct). */
  readonly compared: boolean;
  /** ln LR at the locus (0 when the candidate is untyped or the locus is left out). */
  readonly logLR: number;
  /** False when the genotype is inconsistent with the family without mutation. */
  readonly consistent: boolean;
}

/**
 * The per-locus breakdown of {@link scoreEntry}, in the layout's locus order.
 *
 * @param c - the encoded candidate
 * @param e - the indexed missing person
 * @param layout - the index's loci
 * @returns one row per locus of the layout
 * @example
 * ```ts
 * scoreLoci(candidate, entry, layout).reduce((s, r) => s + r.logLR, 0); // => scoreEntry(candidate, entry)
 * ```
 */
export function scoreLoci(c: Candidate, e: IndexEntry, layout: IndexLayout): LocusScore[] {
  const rows: LocusScore[] = layout.loci.map((l) => ({
    locus: l.name,
    compared: false,
    logLR: 0,
    consistent: true,
  }));
  const count = _lociUsed(c, e);
  for (let k = 0; k < count; k++) {
    const l = c.loci[k]!;
    const slot = _slot(c, e, k);
    rows[l] = {
      locus: layout.loci[l]!.name,
      compared: e.informative[l] === 1,
      logLR: e.logLR[slot]!,
      consistent: ((e.consistent[slot >> 3]! >> (slot & 7)) & 1) === 1,
    };
  }
  return rows;
}

/**
 * Loci compared (candidate typed, family informative) and loci inconsistent without mutation.
 *
 * @param c - the encoded candidate
 * @param e - the indexed missing person
 * @returns the two counts
 * @example
 * ```ts
 * countLoci(candidate, entry); // => { compared: 23, inconsistent: 0 }
 * ```
 */
export function countLoci(c: Candidate, e: IndexEntry): { compared: number; inconsistent: number } {
  let compared = 0;
  let inconsistent = 0;
  const count = _lociUsed(c, e);
  for (let k = 0; k < count; k++) {
    const l = c.loci[k]!;
    if (e.informative[l] === 1) compared++;
    const slot = _slot(c, e, k);
    if (((e.consistent[slot >> 3]! >> (slot & 7)) & 1) === 0) inconsistent++;
  }
  return { compared, inconsistent };
}

function _slot(c: Candidate, e: IndexEntry, k: number): number {
  let ca = e.classMap[c.alleles[2 * k]!]!;
  let cb = e.classMap[c.alleles[2 * k + 1]!]!;
  if (ca > cb) {
    const t = ca;
    ca = cb;
    cb = t;
  }
  return e.tableOffset[c.loci[k]!]! + ((cb * (cb + 1)) >> 1) + ca;
}
