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
    mixtures: mixtures.sort((u, v) => Number(u.x) - Number(v.x) || u.locus - v.locus),
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
  return {
    locus: l,
    x,
    slots: Int32Array.from(slots),
    logWeights: Float64Array.from(weights, (w) => Math.log(w / total)),
  };
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
