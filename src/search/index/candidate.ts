/**
 * A candidate profile (remains, victim) encoded once against an index's loci, so that scoring it
 * against any number of families is a sum over its typed loci of one stored value each: per
 * typed locus the global genotype slot (see `layout.ts`).
 *
 * @module
 */
import { KindredError } from '../../errors.js';
import { observationTable } from '../../likelihood/evidence.js';
import type { Sex } from '../../pedigree/pedigree.js';
import { isDegraded, type SampleObservation, SILENT_ALLELE } from '../../profile/observation.js';
import { genotypeSlot, type IndexLayout } from './layout.js';
import type { MixtureSetView } from './score-store.js';

/**
 * What to do with a candidate allele (or locus) that the index's locus definitions lack:
 * `'error'` (default) refuses; `'skip-locus'` leaves that locus out of the candidate's comparison
 * (reported in {@link Candidate.skipped}).
 */
export type CandidateUnseenPolicy = 'error' | 'skip-locus';

/** A candidate profile encoded for scoring. */
export interface Candidate {
  readonly id: string;
  /** Known sex (e.g. from Amelogenin), or undefined. */
  readonly sex: Sex | undefined;
  /** Indices of the typed loci: autosomal ones first, then X loci. */
  readonly loci: Int32Array;
  /** Number of leading entries of `loci` that are autosomal. */
  readonly autosomalCount: number;
  /** Global genotype slot per entry of `loci`. */
  readonly slots: Int32Array;
  /** The genotypes as given (labels), for saving and reporting. */
  readonly genotypes: ReadonlyMap<string, readonly string[]>;
  /** Loci left out under the `'skip-locus'` policy, with the reason. */
  readonly skipped: readonly { readonly locus: string; readonly reason: string }[];
  /**
   * Loci where the candidate is degraded (degraded-dna.md), or the locus has a silent allele, and
   * its observation allows several genotypes: the ln LR there is ln Σ_G w_G·R_G over those genotypes G (w_G = P(E | G)·P(G),
   * normalised), R_G the stored LR. Empty for a pristine candidate.
   */
  readonly mixtures: readonly CandidateMixture[];
  /** The same degraded loci in the flat form the degraded-locus sum reads (`score-store.ts`). */
  readonly mixtureSet: MixtureSetView;
  /** The candidate's drop-out and drop-in, when it has any. */
  readonly observation?: SampleObservation;
}

/** One degraded locus of a candidate: its possible genotype slots and their ln weights. */
export interface CandidateMixture {
  /** Locus index. */
  readonly locus: number;
  /** True for an X locus (left out against a missing person of the other sex). */
  readonly x: boolean;
  /** Global genotype slots with a nonzero weight. */
  readonly slots: Int32Array;
  /** ln w_G per slot, the weights summing to 1. */
  readonly logWeights: Float64Array;
  /**
   * The same sum as linear terms: Σ_G w_G·R_G = Σ_j coefs[j]·linear[rows[j]], where a row below
   * the layout's `slots` is a genotype slot's LR and one above is a derived row (`linear-rows.ts`).
   * Either the slots themselves with their weights, or, when the observation leaves only a few
   * alleles distinguishable, fewer terms over derived rows (some coefficients negative).
   */
  readonly rows: Int32Array;
  /** Coefficient per entry of `rows`. */
  readonly coefs: Float64Array;
}

/**
 * The flat form of a list of degraded loci.
 *
 * @param mixtures - degraded loci, in scoring order
 * @returns their {@link MixtureSet}
 * @example
 * ```ts
 * mixtureSet([]).termStart; // => Int32Array [0]
 * ```
 */
export function mixtureSet(mixtures: readonly CandidateMixture[]): MixtureSetView {
  const termStart = new Int32Array(mixtures.length + 1);
  const slotStart = new Int32Array(mixtures.length + 1);
  mixtures.forEach((m, k) => {
    termStart[k + 1] = termStart[k]! + m.rows.length;
    slotStart[k + 1] = slotStart[k]! + m.slots.length;
  });
  const rows = new Int32Array(termStart[mixtures.length]!);
  const coefs = new Float64Array(rows.length);
  const slots = new Int32Array(slotStart[mixtures.length]!);
  const logWeights = new Float64Array(slots.length);
  mixtures.forEach((m, k) => {
    rows.set(m.rows, termStart[k]!);
    coefs.set(m.coefs, termStart[k]!);
    slots.set(m.slots, slotStart[k]!);
    logWeights.set(m.logWeights, slotStart[k]!);
  });
  return {
    x: Uint8Array.from(mixtures, (m) => (m.x ? 1 : 0)),
    termStart,
    rows,
    coefs,
    slotStart,
    slots,
    logWeights,
  };
}

/** Options for {@link encodeCandidate}. */
export interface EncodeCandidateOptions {
  readonly sex?: Sex | undefined;
  readonly unseen?: CandidateUnseenPolicy;
  /** Path prefix for errors (default `['victims', id]`). */
  readonly path?: readonly (string | number)[];
  /** The candidate's drop-out and drop-in (degraded-dna.md), if any. */
  readonly observation?: SampleObservation | undefined;
}

/**
 * Encode a candidate's genotypes against the index layout.
 *
 * @param id - candidate id
 * @param genotypes - locus name → one or two allele labels
 * @param layout - the index's loci
 * @param options - sex, unseen-allele policy, error path
 * @returns the encoded candidate
 * @throws KindredError `UNSEEN_ALLELE` for an allele not in the locus definition and
 *   `UNKNOWN_MARKER` for a locus the index lacks (policy `'error'`); `INVALID_GENOTYPE` for a
 *   genotype without one or two alleles, a male with two alleles at an X locus (without drop-in),
 *   or the silent allele (never observed); `UNSUPPORTED` for a degraded X locus (or an X locus
 *   with a silent allele) of a candidate of unknown sex
 * @example
 * ```ts
 * encodeCandidate('V1', new Map([['S01', ['14', '15']]]), layout).loci; // => Int32Array [0]
 * ```
 */
export function encodeCandidate(
  id: string,
  genotypes: ReadonlyMap<string, readonly string[]>,
  layout: IndexLayout,
  options: EncodeCandidateOptions = {},
): Candidate {
  const policy = options.unseen ?? 'error';
  const base = options.path ?? ['victims', id];
  const skipped: { locus: string; reason: string }[] = [];
  const typed: { l: number; a: number; b: number; x: boolean }[] = [];
  const mixtures: CandidateMixture[] = [];
  const obs = isDegraded(options.observation) ? options.observation : undefined;
  for (const [name, alleles] of genotypes) {
    const l = layout.locusIndex.get(name);
    if (l === undefined) {
      const reason = `Candidate "${id}" is typed at locus "${name}", which the search index does not define`;
      if (policy === 'skip-locus') skipped.push({ locus: name, reason });
      else throw new KindredError('UNKNOWN_MARKER', reason, { path: [...base, name] });
      continue;
    }
    const locus = layout.loci[l]!;
    if (alleles.length < 1 || alleles.length > 2) {
      throw new KindredError(
        'INVALID_GENOTYPE',
        `Candidate "${id}" has ${alleles.length} alleles at locus "${name}"; expected one or two`,
        { path: [...base, name] },
      );
    }
    const silentAt = alleles.indexOf(SILENT_ALLELE);
    if (silentAt >= 0) {
      throw new KindredError(
        'INVALID_GENOTYPE',
        `Candidate "${id}" has the silent allele "${SILENT_ALLELE}" at locus "${name}"; a silent allele is never observed (degraded-dna.md)`,
        { path: [...base, name, silentAt] },
      );
    }
    const idx = alleles.map((a) => layout.alleleIndex[l]!.get(a));
    const bad = idx.indexOf(undefined);
    if (bad >= 0) {
      const reason = `Candidate "${id}" has allele "${alleles[bad]}" at locus "${name}", which is not in the locus definition`;
      if (policy === 'skip-locus') {
        skipped.push({ locus: name, reason });
        continue;
      }
      throw new KindredError('UNSEEN_ALLELE', reason, { path: [...base, name, bad] });
    }
    const a = idx[0]!;
    const b = idx[idx.length - 1]!;
    const x = locus.chromosome === 'X';
    const silent = locus.alleles.indexOf(SILENT_ALLELE);
    if (obs !== undefined || silent >= 0) {
      const o = obs ?? _PRISTINE;
      const mix = _mixture(id, name, l, [...new Set([a, b])], o, silent, layout, options.sex, base);
      if (mix !== null) {
        mixtures.push(mix);
        continue;
      }
    } else if (x && options.sex === 'male' && a !== b) {
      throw new KindredError(
        'INVALID_GENOTYPE',
        `Candidate "${id}" is male but has two different alleles at the X-chromosomal locus "${name}"`,
        { path: [...base, name] },
      );
    }
    typed.push({ l, a, b, x });
  }
  typed.sort((u, v) => Number(u.x) - Number(v.x) || u.l - v.l);
  mixtures.sort((u, v) => Number(u.x) - Number(v.x) || u.locus - v.locus);
  const loci = Int32Array.from(typed, (t) => t.l);
  const slots = Int32Array.from(typed, (t) => layout.slotOffset[t.l]! + genotypeSlot(t.a, t.b));
  return {
    id,
    sex: options.sex,
    loci,
    autosomalCount: typed.filter((t) => !t.x).length,
    slots,
    genotypes,
    skipped,
    mixtures,
    mixtureSet: mixtureSet(mixtures),
    ...(obs !== undefined ? { observation: obs } : {}),
  };
}

const _PRISTINE: SampleObservation = { dropout: 0, dropin: 0 };

/**
 * The genotypes a degraded observation (or, at a locus with a silent allele, any observation)
 * allows at one locus, with weights P(E | G)·P(G)
 * (Hardy–Weinberg, frequencies as given; one allele for a male at an X locus), normalised;
 * null when it allows one genotype only (then the candidate is typed there as usual).
 */
function _mixture(
  id: string,
  name: string,
  l: number,
  seen: readonly number[],
  obs: SampleObservation,
  silent: number,
  layout: IndexLayout,
  sex: Sex | undefined,
  base: readonly (string | number)[],
): CandidateMixture | null {
  const locus = layout.loci[l]!;
  const x = locus.chromosome === 'X';
  if (x && sex === undefined) {
    throw new KindredError(
      'UNSUPPORTED',
      `Candidate "${id}" is ${silent >= 0 ? 'typed at the X-chromosomal locus' : 'degraded at the X-chromosomal locus'} "${name}"${silent >= 0 ? ', which has a silent allele,' : ''} but has no known sex; the search index needs the sex to weigh its possible genotypes`,
      { path: [...base, name] },
    );
  }
  const hemi = x && sex === 'male';
  const n = locus.alleles.length;
  const p = Float64Array.from(locus.frequencies);
  const t = observationTable(seen, obs, n, silent, p, hemi);
  const slots: number[] = [];
  const weights: number[] = [];
  for (let a = 0; a < n; a++) {
    for (let b = hemi ? a : 0; b <= a; b++) {
      const w = hemi
        ? t[a]! * p[a]!
        : a === b
          ? t[a * n + a]! * p[a]! * p[a]!
          : 2 * t[a * n + b]! * p[a]! * p[b]!;
      if (w > 0) {
        slots.push(layout.slotOffset[l]! + genotypeSlot(a, b));
        weights.push(w);
      }
    }
  }
  if (slots.length === 0) {
    throw new KindredError(
      'INVALID_GENOTYPE',
      `Candidate "${id}" shows alleles at locus "${name}" that no genotype explains with dropout ${obs.dropout} and dropin ${obs.dropin}`,
      { path: [...base, name] },
    );
  }
  if (slots.length === 1) return null;
  const total = weights.reduce((s, w) => s + w, 0);
  const derived = _derivedTerms(seen, silent, n, t, p, hemi, layout, l, total);
  const terms =
    derived !== null && derived.rows.length < slots.length
      ? derived
      : { rows: Int32Array.from(slots), coefs: Float64Array.from(weights, (w) => w / total) };
  return {
    locus: l,
    x,
    slots: Int32Array.from(slots),
    logWeights: Float64Array.from(weights, (w) => Math.log(w / total)),
    rows: terms.rows,
    coefs: terms.coefs,
  };
}

/**
 * The degraded-locus sum Σ_G P(E | G)·P(G)·R_G / total over derived rows (`linear-rows.ts`),
 * or null when the observation table does not give every allele outside K (the seen alleles and
 * the silent one) the same factor, which the model always does; checked here on the table
 * itself rather than assumed. With f_a = P(E | a/u) for a in K and g = P(E | u/v), u and v
 * outside K (u = v included):
 *
 *   Σ_G P(E|G)·P(G)·R_G = Σ_{G ⊆ K} P(E|G)·P(G)·R_G + Σ_{a∈K} f_a·2p_a·(H_a − Σ_{k∈K} p_k·R_{a,k})
 *                         + g·(T − Σ_{G ⊆ K} P(G)·R_G − Σ_{a∈K} 2p_a·(H_a − Σ_{k∈K} p_k·R_{a,k})),
 *
 * collected per row: R_{a,a}: p_a²·(P(E|a/a) − 2f_a + g); R_{a,b}: 2p_a·p_b·(P(E|a/b) − f_a − f_b + g);
 * H_a: 2p_a·(f_a − g); T: g. For a male at an X locus (one allele): R_a: p_a·(P(E|a) − g); T: g.
 * An identity over the stored values, exact for any R.
 */
function _derivedTerms(
  seen: readonly number[],
  silent: number,
  n: number,
  t: Float64Array,
  p: Float64Array,
  hemi: boolean,
  layout: IndexLayout,
  l: number,
  total: number,
): { rows: Int32Array; coefs: Float64Array } | null {
  const inK = new Uint8Array(n);
  const K: number[] = [];
  for (const a of [...seen, ...(silent >= 0 ? [silent] : [])]) {
    if (inK[a] === 1) continue;
    inK[a] = 1;
    K.push(a);
  }
  const U: number[] = [];
  for (let a = 0; a < n; a++) if (inK[a] === 0) U.push(a);
  if (U.length === 0) return null;
  const base = layout.slotOffset[l]!;
  const d0 = layout.slots + layout.derivedOffset[l]!;
  const rows: number[] = [];
  const coefs: number[] = [];
  const push = (row: number, c: number): void => {
    if (c === 0) return;
    rows.push(row);
    coefs.push(c / total);
  };
  const u0 = U[0]!;
  if (hemi) {
    const g = t[u0]!;
    for (const u of U) if (t[u] !== g) return null;
    for (const a of K) push(base + genotypeSlot(a, a), p[a]! * (t[a]! - g));
    push(d0 + n, g);
    return { rows: Int32Array.from(rows), coefs: Float64Array.from(coefs) };
  }
  const g = t[u0 * n + u0]!;
  for (const u of U) for (const v of U) if (t[u * n + v] !== g) return null;
  const f = K.map((a) => t[a * n + u0]!);
  for (let i = 0; i < K.length; i++) for (const u of U) if (t[K[i]! * n + u] !== f[i]) return null;
  for (let i = 0; i < K.length; i++) {
    const a = K[i]!;
    for (let j = 0; j <= i; j++) {
      const b = K[j]!;
      const c =
        a === b
          ? p[a]! * p[a]! * (t[a * n + a]! - 2 * f[i]! + g)
          : 2 * p[a]! * p[b]! * (t[a * n + b]! - f[i]! - f[j]! + g);
      push(base + genotypeSlot(a, b), c);
    }
  }
  for (let i = 0; i < K.length; i++) push(d0 + K[i]!, 2 * p[K[i]!]! * (f[i]! - g));
  push(d0 + n, g);
  return { rows: Int32Array.from(rows), coefs: Float64Array.from(coefs) };
}

/**
 * Whether a candidate of sex `candidate` may be the missing person of sex `missing`: `'match'`,
 * `'mismatch'`, or `'unknown'` when the candidate's sex is not known.
 *
 * @param candidate - the candidate's sex, if known
 * @param missing - the missing person's recorded sex
 * @returns the sex check
 * @example
 * ```ts
 * sexCheck('female', 'male'); // => 'mismatch'
 * ```
 */
export function sexCheck(
  candidate: Sex | undefined,
  missing: Sex,
): 'match' | 'mismatch' | 'unknown' {
  if (candidate === undefined) return 'unknown';
  return candidate === missing ? 'match' : 'mismatch';
}
