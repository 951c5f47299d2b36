/**
 * A candidate profile (remains, victim) encoded once against an index's loci, so that scoring it
 * against any number of families is a sum over its typed loci of one stored value each: per
 * typed locus the global genotype slot (see `layout.ts`).
 *
 * @module
 */
import { KindredError } from '../../errors.js';
import type { Sex } from '../../pedigree/pedigree.js';
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
}

/** Options for {@link encodeCandidate}. */
export interface EncodeCandidateOptions {
  readonly sex?: Sex | undefined;
  readonly unseen?: CandidateUnseenPolicy;
  /** Path prefix for errors (default `['victims', id]`). */
  readonly path?: readonly (string | number)[];
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
 *   genotype without one or two alleles, or a male with two alleles at an X locus
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
    if (x && options.sex === 'male' && a !== b) {
      throw new KindredError(
        'INVALID_GENOTYPE',
        `Candidate "${id}" is male but has two different alleles at the X-chromosomal locus "${name}"`,
        { path: [...base, name] },
      );
    }
    if (!x && alleles.length === 1) {
      throw new KindredError(
        'INVALID_GENOTYPE',
        `Candidate "${id}" has one allele at the autosomal locus "${name}"; write a homozygote twice`,
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
