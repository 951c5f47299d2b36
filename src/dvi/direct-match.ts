/**
 * Direct matching of remains against remains (the same body in several fragments) and against an
 * elimination set (staff DNA on remains): for every pair, the LR of "both samples come from the
 * same person" against "they come from two unrelated people", exactly as the engine computes the
 * pair as a kinship case (H1: B `sameAs` A; H2: A and B unrelated founders, drawn jointly with
 * theta), with each sample's drop-out, drop-in and the silent allele (degraded-dna.md).
 *
 * Per locus, with f_A(G) = P(E_A | G) the observation factor of A and P_θ the founder draws,
 *
 *   LR = Σ_G P_θ(G)·f_A(G)·f_B(G) / Σ_{G1,G2} P_θ(G1, G2)·f_A(G1)·f_B(G2),
 *
 * which at theta = 0 is Σ_G P(G)·f_A(G)·f_B(G) / (m_A·m_B) with m = Σ_G P(G)·f(G); two hard
 * genotypes give [G_A = G_B] / P(G). A locus typed in one sample only contributes 1. The per-locus
 * values depend only on the two observed allele sets and observations, so each distinct
 * (allele set, drop-out, drop-in, sex) of a locus is prepared once and pairs of hard genotypes
 * cost an integer comparison. At an X locus the pair takes the known sex of either sample (a pair
 * whose known sexes differ is not the same person and is not compared).
 *
 * @module
 */
import { KindredError } from '../errors.js';
import type { Locus } from '../frequencies/locus.js';
import { observationTable } from '../likelihood/evidence.js';
import type { Sex } from '../pedigree/pedigree.js';
import { isDegraded, type SampleObservation, SILENT_ALLELE } from '../profile/observation.js';

/** One sample compared by direct matching: remains, or a profile of the elimination set. */
export interface DirectProfile {
  /** The sample id (unique among the remains and the elimination set). */
  readonly id: string;
  /** Alleles seen, by locus name: one or two labels (degraded-dna.md: a set). */
  readonly genotypes: ReadonlyMap<string, readonly string[]>;
  /** Known sex; needed (for at least one sample of a pair) where both are typed at an X locus. */
  readonly sex?: Sex;
  /** Drop-out and drop-in of the sample (absent: d = c = 0). */
  readonly observation?: SampleObservation;
}

/** Options of {@link findDirectMatches} and {@link computeDirectMatch}. */
export interface DirectMatchOptions {
  /** Balding–Nichols theta in [0, 1) (default 0; not with X loci). */
  readonly theta?: number;
  /** List pairs whose LR is at least this (default {@link DEFAULT_DIRECT_THRESHOLD}; 0 lists every pair). */
  readonly threshold?: number;
  /** Staff or other elimination profiles: each remains sample is compared with each of them. */
  readonly elimination?: readonly DirectProfile[];
  /** Called after each remains sample's row of pairs (done, total), for progress; it only observes. */
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * A pair typed at an X locus where neither sample has a known sex: `refuse` (default,
   * `UNSUPPORTED`), or `leave out` that locus for that pair, naming it in
   * {@link DirectMatch.leftOut} (a programme store whose remains may lack a sex).
   */
  readonly xWithoutSex?: 'refuse' | 'leave out';
}

/** The default listing threshold of direct matches: LR 10,000. */
export const DEFAULT_DIRECT_THRESHOLD = 10_000;

/** One pair of samples found by {@link findDirectMatches}. */
export interface DirectMatch {
  /** `remains`: two remains samples (replicates?); `elimination`: remains against an elimination profile. */
  readonly kind: 'remains' | 'elimination';
  /** The remains sample (for `remains`, the one listed first in the input). */
  readonly a: string;
  /** The other remains sample, or the elimination profile. */
  readonly b: string;
  /** log10 LR of "same person" against "unrelated"; null for LR 0. */
  readonly log10LR: number | null;
  /** Loci typed in both samples (the others contribute 1). */
  readonly loci: number;
  /** Loci typed in both whose LR is 0 (the samples exclude each other there). */
  readonly excluded: readonly string[];
  /**
   * Loci typed in both where the allele sets seen differ: an exclusion for hard genotypes, which
   * only drop-out, drop-in or a silent allele explain.
   */
  readonly discordant: readonly string[];
  /** X loci typed in both but not compared because neither sex is known (`xWithoutSex: 'leave out'`). */
  readonly leftOut: readonly string[];
}

/** Result of {@link findDirectMatches}. */
export interface DirectMatchResult {
  /** Pairs compared (sex-consistent pairs among remains and against the elimination set). */
  readonly compared: number;
  /** Pairs with LR at or above the threshold, best first (ties by input order). */
  readonly matches: readonly DirectMatch[];
}

/** Result of {@link computeDirectMatch}. */
export interface DirectMatchLR {
  /** log10 LR over all loci; null for LR 0. */
  readonly log10LR: number | null;
  /** Per locus typed in both samples: its LR. */
  readonly loci: ReadonlyMap<string, number>;
}

/** One distinct observation of a locus: its factor over genotypes and the values the kernel reads. */
interface Evidence {
  /** Unordered genotype index (a·n + b, a ≤ b; a for a male at X) when the factor is 1 there and 0 elsewhere; else -1. */
  readonly hard: number;
  /** P(E | G) at every unordered genotype index (null when hard). */
  readonly f: Float64Array | null;
  /** Genotype indices where f > 0 (or [hard]). */
  readonly support: Int32Array;
  /** Σ_G P(G)·f(G) at theta 0. */
  readonly m: number;
  /** Index of the seen allele set (equal sets, equal index), to tell discordant loci. */
  readonly seen: number;
}

/** A locus prepared for direct matching. */
interface DirectLocus {
  readonly name: string;
  readonly n: number;
  readonly x: boolean;
  readonly p: Float64Array;
  readonly silent: number;
  readonly alleleIndex: ReadonlyMap<string, number>;
  readonly evidence: Evidence[];
  readonly byKey: Map<string, number>;
  readonly seenIds: Map<string, number>;
  /** Memo of theta > 0 locus LRs by class pair. */
  readonly memo: Map<number, number>;
}

/** Samples prepared: per sample and locus a class index as a female/autosomal and as a male (X only), -1 untyped. */
interface Prepared {
  readonly loci: DirectLocus[];
  readonly theta: number;
  readonly asFemale: Int32Array[];
  readonly asMale: Int32Array[];
  /** Leave out (rather than refuse) an X locus of a pair without any known sex. */
  readonly leaveOutUnsexedX: boolean;
}

/**
 * The same-person LR of two samples, per locus and in total (formula in the module comment).
 *
 * @param loci - the loci (frequencies as given)
 * @param a - one sample
 * @param b - the other
 * @param options - `theta` (the threshold and elimination set are not read)
 * @returns log10 LR and the LR of each locus typed in both
 * @throws KindredError `INVALID_ARGUMENT` for sexes that differ, a bad theta or observation;
 *   `INVALID_GENOTYPE` / `UNSEEN_ALLELE` for a bad genotype; `UNSUPPORTED` for theta with an X
 *   locus, or both sexes unknown where both are typed at an X locus
 * @example
 * ```ts
 * // One locus, p14 = 0.2, p15 = 0.3: both 14/15 → 1 / (2·0.2·0.3)
 * computeDirectMatch([locus], v1, v2).loci.get('D1'); // => 8.333333333333334
 * ```
 */
export function computeDirectMatch(
  loci: readonly Locus[],
  a: DirectProfile,
  b: DirectProfile,
  options: Pick<DirectMatchOptions, 'theta'> = {},
): DirectMatchLR {
  if (a.sex !== undefined && b.sex !== undefined && a.sex !== b.sex) {
    throw new KindredError(
      'INVALID_ARGUMENT',
      `Samples "${a.id}" (${a.sex}) and "${b.id}" (${b.sex}) have different sexes; they cannot come from one person`,
    );
  }
  const prep = _prepare(loci, [a, b], options.theta ?? 0, false);
  const out = new Map<string, number>();
  let total = 0;
  const male = a.sex === 'male' || b.sex === 'male';
  prep.loci.forEach((locus, l) => {
    const lr = _locusLR(prep, l, 0, 1, male, a, b);
    if (lr === undefined || lr === null) return;
    out.set(locus.name, lr);
    total += Math.log10(lr);
  });
  return { log10LR: Number.isFinite(total) ? total : null, loci: out };
}

/**
 * Every pair of remains samples, and every remains sample against every elimination profile,
 * with its same-person LR; the pairs at or above the threshold, best first.
 *
 * @param loci - the loci (frequencies as given)
 * @param remains - the remains samples
 * @param options - theta, threshold (default LR 10,000), elimination set, progress
 * @returns how many pairs were compared and the listed pairs
 * @throws KindredError as {@link computeDirectMatch}, and `INVALID_ARGUMENT` for a duplicate id
 *   or a bad threshold
 * @example
 * ```ts
 * findDirectMatches(loci, [v1, v2, v3], { threshold: 100 }).matches.map((m) => [m.a, m.b]);
 * // => [['V1', 'V3']]
 * ```
 */
export function findDirectMatches(
  loci: readonly Locus[],
  remains: readonly DirectProfile[],
  options: DirectMatchOptions = {},
): DirectMatchResult {
  const threshold = options.threshold ?? DEFAULT_DIRECT_THRESHOLD;
  if (typeof threshold !== 'number' || !(threshold >= 0) || threshold === Infinity) {
    throw new KindredError(
      'INVALID_ARGUMENT',
      `The direct-match threshold must be a finite LR >= 0, got ${String(threshold)}`,
    );
  }
  const elimination = options.elimination ?? [];
  const all = [...remains, ...elimination];
  const ids = new Set<string>();
  for (const s of all) {
    if (ids.has(s.id)) {
      throw new KindredError(
        'INVALID_ARGUMENT',
        `Sample id "${s.id}" is given twice; remains and elimination profiles need unique ids`,
      );
    }
    ids.add(s.id);
  }
  const prep = _prepare(loci, all, options.theta ?? 0, options.xWithoutSex === 'leave out');
  const minLog = threshold === 0 ? Number.NEGATIVE_INFINITY : Math.log10(threshold);
  const matches: (DirectMatch & { readonly order: number })[] = [];
  let compared = 0;
  const R = remains.length;
  const compare = (i: number, j: number, kind: DirectMatch['kind']): void => {
    const A = all[i]!;
    const B = all[j]!;
    if (A.sex !== undefined && B.sex !== undefined && A.sex !== B.sex) return;
    compared += 1;
    const male = A.sex === 'male' || B.sex === 'male';
    // Decided per pair before any locus is read: whether the refusal of an unsexed X locus comes
    // must not depend on whether an earlier locus already excluded the pair.
    if (A.sex === undefined && B.sex === undefined && !prep.leaveOutUnsexedX) {
      for (let l = 0; l < prep.loci.length; l++)
        if (prep.loci[l]!.x) _locusLR(prep, l, i, j, male, A, B);
    }
    let total = 0;
    let typed = 0;
    for (let l = 0; l < prep.loci.length; l++) {
      const lr = _locusLR(prep, l, i, j, male, A, B);
      if (lr === undefined || lr === null) continue;
      typed += 1;
      if (lr === 0 && minLog > Number.NEGATIVE_INFINITY) return;
      total += Math.log10(lr);
    }
    if (!(total >= minLog)) return;
    const excluded: string[] = [];
    const discordant: string[] = [];
    const leftOut: string[] = [];
    for (let l = 0; l < prep.loci.length; l++) {
      const ca = _classOf(prep, l, i, male);
      const cb = _classOf(prep, l, j, male);
      if (ca < 0 || cb < 0) continue;
      const locus = prep.loci[l]!;
      const lr = _locusLR(prep, l, i, j, male, A, B);
      if (lr === null) {
        leftOut.push(locus.name);
        continue;
      }
      if (locus.evidence[ca]!.seen !== locus.evidence[cb]!.seen) discordant.push(locus.name);
      if (lr === 0) excluded.push(locus.name);
    }
    matches.push({
      kind,
      a: A.id,
      b: B.id,
      log10LR: Number.isFinite(total) ? total : null,
      loci: typed,
      excluded,
      discordant,
      leftOut,
      order: i * all.length + j,
    });
  };
  for (let i = 0; i < R; i++) {
    for (let j = i + 1; j < R; j++) compare(i, j, 'remains');
    for (let j = R; j < all.length; j++) compare(i, j, 'elimination');
    options.onProgress?.(i + 1, R);
  }
  matches.sort(
    (x, y) =>
      (y.log10LR ?? Number.NEGATIVE_INFINITY) - (x.log10LR ?? Number.NEGATIVE_INFINITY) ||
      x.order - y.order,
  );
  return { compared, matches: matches.map(({ order: _order, ...m }) => m) };
}

/** The class of sample `s` at locus `l` for a pair of sex `male` at X, or -1 when untyped. */
function _classOf(prep: Prepared, l: number, s: number, male: boolean): number {
  return prep.loci[l]!.x && male ? prep.asMale[s]![l]! : prep.asFemale[s]![l]!;
}

/**
 * The LR of samples i and j at locus l, undefined when one of them is untyped there, null when
 * it is an X locus left out because neither sex is known.
 */
function _locusLR(
  prep: Prepared,
  l: number,
  i: number,
  j: number,
  male: boolean,
  A: DirectProfile,
  B: DirectProfile,
): number | null | undefined {
  const ca = _classOf(prep, l, i, male);
  const cb = _classOf(prep, l, j, male);
  if (ca < 0 || cb < 0) return undefined;
  const locus = prep.loci[l]!;
  if (locus.x && A.sex === undefined && B.sex === undefined) {
    if (prep.leaveOutUnsexedX) return null;
    throw new KindredError(
      'UNSUPPORTED',
      `Samples "${A.id}" and "${B.id}" are both typed at the X-chromosomal locus "${locus.name}" and neither has a known sex; direct matching at X needs the sex of one of them`,
    );
  }
  const ea = locus.evidence[ca]!;
  const eb = locus.evidence[cb]!;
  if (ea.m === 0 || eb.m === 0) return 0; // e.g. two alleles at X for a male without drop-in
  const hemi = locus.x && male;
  if (prep.theta === 0) {
    if (ea.hard >= 0 && eb.hard >= 0) {
      return ea.hard === eb.hard ? 1 / _genotypeP(locus, ea.hard, hemi) : 0;
    }
    if (ea.hard >= 0) return eb.f![ea.hard]! / eb.m;
    if (eb.hard >= 0) return ea.f![eb.hard]! / ea.m;
    const [small, other] = ea.support.length <= eb.support.length ? [ea, eb] : [eb, ea];
    let num = 0;
    for (const g of small.support) num += _genotypeP(locus, g, hemi) * small.f![g]! * other.f![g]!;
    return num / (ea.m * eb.m);
  }
  const key = ca * 1_048_576 + cb;
  let lr = locus.memo.get(key);
  if (lr === undefined) {
    lr = _thetaLocusLR(locus, ea, eb, prep.theta);
    locus.memo.set(key, lr);
  }
  return lr;
}

/** P(G) of one founder at theta 0 for an unordered genotype index (hemizygous: p_a). */
function _genotypeP(locus: DirectLocus, g: number, hemi: boolean): number {
  const { n, p } = locus;
  if (hemi) return p[g]!;
  const a = Math.floor(g / n);
  const b = g - a * n;
  return a === b ? p[a]! * p[a]! : 2 * p[a]! * p[b]!;
}

/** The theta > 0 LR of one locus (autosomal): one founder against two drawn jointly (Balding–Nichols urn). */
function _thetaLocusLR(locus: DirectLocus, ea: Evidence, eb: Evidence, theta: number): number {
  const { n, p } = locus;
  const fOf = (e: Evidence, g: number): number => (e.hard >= 0 ? 1 : e.f![g]!);
  const split = (g: number): [number, number] => {
    const a = Math.floor(g / n);
    return [a, g - a * n];
  };
  // P of an ordered allele sequence drawn from the urn: Π (k_x·θ + (1 − θ)·p_x) / (1 + (k − 1)·θ).
  const seq = (xs: readonly number[]): number => {
    let prob = 1;
    for (let k = 0; k < xs.length; k++) {
      let same = 0;
      for (let t = 0; t < k; t++) if (xs[t] === xs[k]) same += 1;
      prob *= (same * theta + (1 - theta) * p[xs[k]!]!) / (1 + (k - 1) * theta);
    }
    return prob;
  };
  let num = 0;
  const inB = new Set(eb.support);
  for (const g of ea.support) {
    if (!inB.has(g)) continue;
    const [a, b] = split(g);
    num += (a === b ? 1 : 2) * seq([a, b]) * fOf(ea, g) * fOf(eb, g);
  }
  if (num === 0) return 0;
  let den = 0;
  for (const g1 of ea.support) {
    const [a, b] = split(g1);
    const w1 = (a === b ? 1 : 2) * fOf(ea, g1);
    for (const g2 of eb.support) {
      const [c, d] = split(g2);
      den += w1 * (c === d ? 1 : 2) * fOf(eb, g2) * seq([a, b, c, d]);
    }
  }
  return num / den;
}

/** Prepare loci and classify every sample's evidence at every locus. */
function _prepare(
  loci: readonly Locus[],
  samples: readonly DirectProfile[],
  theta: number,
  leaveOutUnsexedX: boolean,
): Prepared {
  if (typeof theta !== 'number' || !(theta >= 0 && theta < 1)) {
    throw new KindredError('INVALID_ARGUMENT', `theta must be a number in [0, 1), got ${theta}`);
  }
  const prepared: DirectLocus[] = loci.map((locus, l) => {
    if (theta > 0 && locus.chromosome === 'X') {
      throw new KindredError(
        'UNSUPPORTED',
        `theta ${theta} with X-chromosomal locus "${locus.name}" is not supported`,
        { path: ['loci', l] },
      );
    }
    return {
      name: locus.name,
      n: locus.alleles.length,
      x: locus.chromosome === 'X',
      p: Float64Array.from(locus.frequencies),
      silent: locus.alleles.indexOf(SILENT_ALLELE),
      alleleIndex: new Map(locus.alleles.map((a, i) => [a, i])),
      evidence: [],
      byKey: new Map(),
      seenIds: new Map(),
      memo: new Map(),
    };
  });
  const byName = new Map(prepared.map((p, l) => [p.name, l]));
  const asFemale: Int32Array[] = [];
  const asMale: Int32Array[] = [];
  for (const s of samples) {
    const obs = s.observation ?? { dropout: 0, dropin: 0 };
    for (const [k, v] of [
      ['dropout', obs.dropout],
      ['dropin', obs.dropin],
    ] as const) {
      if (typeof v !== 'number' || !(v >= 0 && v < 1)) {
        throw new KindredError(
          'INVALID_ARGUMENT',
          `Sample "${s.id}" has ${k} ${String(v)}; expected a number in [0, 1)`,
          { path: [s.id, 'observation', k] },
        );
      }
    }
    const female = new Int32Array(prepared.length).fill(-1);
    const male = new Int32Array(prepared.length).fill(-1);
    for (const [name, alleles] of s.genotypes) {
      const l = byName.get(name);
      if (l === undefined) {
        throw new KindredError(
          'INVALID_GENOTYPE',
          `Sample "${s.id}" is typed at locus "${name}", which is not among the loci compared`,
          { path: [s.id, name] },
        );
      }
      const locus = prepared[l]!;
      const seen = _seen(locus, s.id, alleles);
      if (s.sex !== 'male' || !locus.x) female[l] = _evidence(locus, seen, obs, false);
      if (locus.x && s.sex !== 'female') male[l] = _evidence(locus, seen, obs, true);
      const own = locus.x && s.sex === 'male' ? male[l]! : female[l]!;
      if (s.sex !== undefined || !locus.x) {
        if (locus.evidence[own]!.m === 0) {
          throw new KindredError(
            'INVALID_GENOTYPE',
            `Sample "${s.id}" at locus "${name}": the alleles seen [${alleles.join(', ')}] are impossible for a ${s.sex ?? 'person'} with drop-in ${obs.dropin}`,
            { path: [s.id, name] },
          );
        }
      }
    }
    asFemale.push(female);
    asMale.push(male);
  }
  return { loci: prepared, theta, asFemale, asMale, leaveOutUnsexedX };
}

/** The distinct allele indices seen, validated. */
function _seen(locus: DirectLocus, id: string, alleles: readonly string[]): number[] {
  if (alleles.length < 1 || alleles.length > 2) {
    throw new KindredError(
      'INVALID_GENOTYPE',
      `Sample "${id}" at locus "${locus.name}" has ${alleles.length} alleles; one or two were expected`,
      { path: [id, locus.name] },
    );
  }
  const out: number[] = [];
  alleles.forEach((a, k) => {
    const i = locus.alleleIndex.get(a);
    if (a === SILENT_ALLELE) {
      throw new KindredError(
        'INVALID_GENOTYPE',
        `Sample "${id}" at locus "${locus.name}" shows the silent allele, which is never observed (degraded-dna.md)`,
        { path: [id, locus.name, k] },
      );
    }
    if (i === undefined) {
      throw new KindredError(
        'UNSEEN_ALLELE',
        `Sample "${id}" at locus "${locus.name}" has allele "${a}", not in the locus`,
        { path: [id, locus.name, k] },
      );
    }
    if (!out.includes(i)) out.push(i);
  });
  return out.sort((x, y) => x - y);
}

/** The class index of an observation at a locus (created on first use). */
function _evidence(
  locus: DirectLocus,
  seen: readonly number[],
  obs: SampleObservation,
  hemi: boolean,
): number {
  const seenKey = seen.join(',');
  let seenId = locus.seenIds.get(seenKey);
  if (seenId === undefined) {
    seenId = locus.seenIds.size;
    locus.seenIds.set(seenKey, seenId);
  }
  const degraded = isDegraded(obs) || locus.silent >= 0;
  const key = `${hemi ? 'm' : 'f'}|${seenKey}|${degraded ? `${obs.dropout}|${obs.dropin}` : ''}`;
  const known = locus.byKey.get(key);
  if (known !== undefined) return known;
  const { n, p } = locus;
  let e: Evidence;
  if (!degraded && (!hemi || seen.length === 1)) {
    const g = hemi ? seen[0]! : seen[0]! * n + seen[seen.length - 1]!;
    e = {
      hard: g,
      f: null,
      support: Int32Array.of(g),
      m: _genotypeP(locus, g, hemi),
      seen: seenId,
    };
  } else {
    const t = observationTable(seen, obs, n, locus.silent, p, hemi);
    const f = new Float64Array(hemi ? n : n * n);
    const support: number[] = [];
    let m = 0;
    if (hemi) {
      for (let a = 0; a < n; a++) {
        f[a] = t[a]!;
        if (t[a]! > 0) support.push(a);
        m += p[a]! * t[a]!;
      }
    } else {
      for (let a = 0; a < n; a++) {
        for (let b = a; b < n; b++) {
          const g = a * n + b;
          f[g] = t[g]!;
          if (t[g]! > 0) support.push(g);
          m += _genotypeP(locus, g, false) * t[g]!;
        }
      }
    }
    e = { hard: -1, f, support: Int32Array.from(support), m, seen: seenId };
  }
  locus.evidence.push(e);
  locus.byKey.set(key, locus.evidence.length - 1);
  return locus.evidence.length - 1;
}
