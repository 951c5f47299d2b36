/**
 * Scoring a candidate against indexed missing persons: the ln LR is a sum over the candidate's
 * typed loci of one stored value each,
 *
 *   ln LR(candidate, m) = Σ_l value(m, slot_l(candidate)),
 *
 * where slot_l is the candidate's genotype slot at locus l (precomputed once by
 * `encodeCandidate`) and `value` reads the genotype-major {@link ScoreStore}. Loci the candidate
 * is not typed at contribute LR 1. When the candidate's known sex differs from the missing
 * person's, X loci are left out (the ranking then excludes or flags the pair).
 *
 * @module
 */
import type { Candidate, CandidateMixture } from './candidate.js';
import type { IndexEntry } from './family.js';
import type { IndexLayout } from './layout.js';
import { mixtureLogLR, type ScoreStore } from './score-store.js';

/** Number of candidate loci used against an entry (autosomal only on a sex mismatch). */
function _lociUsed(c: Candidate, e: IndexEntry): number {
  return c.sex !== undefined && c.sex !== e.sex ? c.autosomalCount : c.loci.length;
}

/**
 * ln LR of a candidate against every entry of the store, in position order.
 *
 * @param store - the score store
 * @param c - the encoded candidate
 * @param out - output (length >= store.size)
 * @returns `out`
 * @example
 * ```ts
 * scoreCandidate(store, candidate, new Float64Array(store.size))[0]; // => ln LR against position 0
 * ```
 */
export function scoreCandidate(store: ScoreStore, c: Candidate, out: Float64Array): Float64Array {
  store.score(c.slots, c.autosomalCount, c.sex, out);
  store.addMixtures(c.mixtureSet, 0, c.mixtures.length, c.sex, out);
  return out;
}

/** The candidate's degraded loci used against an entry (X ones only when the sexes agree). */
function _mixturesUsed(c: Candidate, e: IndexEntry): readonly CandidateMixture[] {
  return c.sex !== undefined && c.sex !== e.sex ? c.mixtures.filter((m) => !m.x) : c.mixtures;
}

/**
 * ln LR of a candidate against the entry at one position.
 *
 * @param store - the score store
 * @param pos - the entry's position
 * @param e - the entry (for its sex)
 * @param c - the encoded candidate
 * @returns ln LR (−Infinity for an exclusion)
 * @example
 * ```ts
 * scorePair(store, 0, entry, candidate) / Math.LN10; // => log10 LR
 * ```
 */
export function scorePair(store: ScoreStore, pos: number, e: IndexEntry, c: Candidate): number {
  let s = 0;
  const count = _lociUsed(c, e);
  for (let k = 0; k < count; k++) s += store.value(pos, c.slots[k]!);
  return store.addMixturesAt(s, pos, c.mixtureSet, c.sex);
}

/** One locus of a candidate–missing person comparison. */
export interface LocusScore {
  readonly locus: string;
  /** True when the candidate is typed here and the family has data (relatives or direct). */
  readonly compared: boolean;
  /** ln LR at the locus (0 when the candidate is untyped or the locus is left out). */
  readonly logLR: number;
  /**
   * False when the genotype is inconsistent with the family without mutation; null when the
   * index has no consistency bits (`SearchIndexOptions.consistency`).
   */
  readonly consistent: boolean | null;
  /** True when the candidate is degraded here (the LR is a weighted sum over its possible genotypes). */
  readonly degraded?: boolean;
  /**
   * True when the family's side was treated as degraded here (a relative or direct reference
   * with drop-out or drop-in typed at the locus, or a silent allele; see `IndexEntry.referenceDegraded`).
   */
  readonly referenceDegraded: boolean;
}

/**
 * The per-locus breakdown of {@link scorePair}, in the layout's locus order.
 *
 * @param store - the score store
 * @param pos - the entry's position
 * @param e - the entry
 * @param c - the encoded candidate
 * @param layout - the index's loci
 * @returns one row per locus of the layout
 * @example
 * ```ts
 * scoreLoci(store, 0, entry, candidate, layout).reduce((s, r) => s + r.logLR, 0); // => scorePair(store, 0, entry, candidate)
 * ```
 */
export function scoreLoci(
  store: ScoreStore,
  pos: number,
  e: IndexEntry,
  c: Candidate,
  layout: IndexLayout,
): LocusScore[] {
  const rows: LocusScore[] = layout.loci.map((l, i) => ({
    locus: l.name,
    compared: false,
    logLR: 0,
    consistent: e.consistent === null ? null : true,
    referenceDegraded: e.referenceDegraded[i] === 1,
  }));
  const count = _lociUsed(c, e);
  for (let k = 0; k < count; k++) {
    const l = c.loci[k]!;
    const slot = c.slots[k]!;
    rows[l] = {
      locus: layout.loci[l]!.name,
      compared: e.informative[l] === 1,
      logLR: store.value(pos, slot),
      consistent: _bit(e.consistent, slot),
      referenceDegraded: e.referenceDegraded[l] === 1,
    };
  }
  for (const m of _mixturesUsed(c, e)) {
    rows[m.locus] = {
      locus: layout.loci[m.locus]!.name,
      compared: e.informative[m.locus] === 1,
      logLR: mixtureLogLR(m.slots, m.logWeights, (slot) => store.value(pos, slot)),
      consistent: _mixtureConsistent(m, e),
      degraded: true,
      referenceDegraded: e.referenceDegraded[m.locus] === 1,
    };
  }
  return rows;
}

/** The consistency bit of a slot; null without bits. */
function _bit(bits: Uint8Array | null, slot: number): boolean | null {
  return bits === null ? null : ((bits[slot >> 3]! >> (slot & 7)) & 1) === 1;
}

/** A degraded locus is consistent when one of its possible genotypes is (null without bits). */
function _mixtureConsistent(m: CandidateMixture, e: IndexEntry): boolean | null {
  if (e.consistent === null) return null;
  for (const slot of m.slots) if (_bit(e.consistent, slot)) return true;
  return false;
}

/**
 * Loci compared (candidate typed, family informative) and loci inconsistent without mutation
 * (null when the index has no consistency bits, `SearchIndexOptions.consistency`).
 *
 * @param c - the encoded candidate
 * @param e - the indexed missing person
 * @returns the two counts
 * @example
 * ```ts
 * countLoci(candidate, entry); // => { compared: 23, inconsistent: 0 }
 * ```
 */
export function countLoci(
  c: Candidate,
  e: IndexEntry,
): { compared: number; inconsistent: number | null } {
  let compared = 0;
  let inconsistent = 0;
  const count = _lociUsed(c, e);
  for (let k = 0; k < count; k++) {
    if (e.informative[c.loci[k]!] === 1) compared++;
    if (_bit(e.consistent, c.slots[k]!) === false) inconsistent++;
  }
  for (const m of _mixturesUsed(c, e)) {
    if (e.informative[m.locus] === 1) compared++;
    if (_mixtureConsistent(m, e) === false) inconsistent++;
  }
  return { compared, inconsistent: e.consistent === null ? null : inconsistent };
}
