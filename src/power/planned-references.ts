/**
 * Atoms for a planned reference set: the family's untyped relatives R (one or two) who could give
 * a sample, not yet typed. Their genotypes are unknown, so each locus's LR distribution is a
 * mixture over them, exactly:
 *
 *   atom (g_R, g)  with  h1 = P(g_R | data) · P(g | data, g_R),  h0 = P(g_R | data) · P(g),
 *                        LR = P(g | data, g_R) / P(g)
 *
 * (two people: P(g_R1 | data) · P(g_R2 | data, g_R1)). Every probability is the engine's: the
 * genotype posterior of R is its LR table (`buildLocusTable` without lumping, so every genotype
 * is its own atom) times P(g_R), and the missing person's table is built with R typed g_R. The
 * sums of `power-atoms.ts` over these atoms give the expected exclusion power, expected LR and
 * expected log10 LR once R is typed (averaged over what R's genotype will be), and
 * `inclusion-sim.ts` draws from them — forrel's MPPsims, with the profile simulation replaced by
 * the exact mixture.
 *
 * The number of engine calls per locus is the number of genotypes R can have (for two people,
 * of genotype pairs); `maxReferenceGenotypes` bounds it (`TOO_COMPLEX` beyond).
 *
 * @module
 */
import { KindredError } from '../errors.js';
import type { Locus } from '../frequencies/locus.js';
import { MALE } from '../pedigree/pedigree.js';
import type { GenotypeMap } from '../profile/genotype-map.js';
import { buildLocusTable } from '../search/index/locus-table.js';
import type { Family } from '../search/types.js';
import { createRng, sampleIndex } from '../sim/prng.js';
import {
  _atoms,
  _checkGenotypes,
  _checkTheta,
  _missingRow,
  type ExactPowerOptions,
} from './exact-power.js';
import type { PowerAtoms } from './power-atoms.js';

/** Options of {@link plannedReferenceAtoms}. */
export interface PlannedReferenceOptions extends ExactPowerOptions {
  /**
   * Largest number of reference genotypes (two people: genotype pairs) enumerated at one locus
   * (default 4,096).
   */
  readonly maxReferenceGenotypes?: number;
}

const DEFAULT_MAX_REFERENCE_GENOTYPES = 4096;

/**
 * The atoms of a missing person at every locus once the people in `add` are typed, averaged over
 * their genotypes given the current references.
 *
 * @param family - the family
 * @param missing - id of one of `family.missing`
 * @param loci - the loci
 * @param add - one or two untyped members of the family (not the missing person)
 * @param options - theta (0), budget, enumeration bound
 * @returns one {@link PowerAtoms} per locus
 * @throws KindredError `INVALID_ARGUMENT` for an empty or over-long `add`, a repeated id, an id not
 *   in the pedigree, the missing person, a sameAs row or an already typed person; `TOO_COMPLEX`
 *   past `maxReferenceGenotypes` at a locus; as `missingPersonAtoms` otherwise
 * @example
 * ```ts
 * // typing the father of a missing child: the expected exclusion power of the pair of atoms
 * summarizeAtoms(plannedReferenceAtoms(family, 'M', [locus], ['F'])[0]).exclusionPower;
 * ```
 */
export function plannedReferenceAtoms(
  family: Family,
  missing: string,
  loci: readonly Locus[],
  add: readonly string[],
  options: PlannedReferenceOptions = {},
): PowerAtoms[] {
  const row = _missingRow(family, missing);
  _checkTheta(options.theta);
  _checkGenotypes(family.name, family.genotypes, loci);
  const rows = _checkAdd(family, missing, add);
  const max = options.maxReferenceGenotypes ?? DEFAULT_MAX_REFERENCE_GENOTYPES;
  return loci.map((locus) => _exactLocus(family, row, rows, add, locus, max, options));
}

/** The exact mixture at one locus (enumerating the reference genotypes). */
function _exactLocus(
  family: Family,
  row: number,
  rows: readonly number[],
  add: readonly string[],
  locus: Locus,
  max: number,
  options: ExactPowerOptions,
): PowerAtoms {
  const out: Part[] = [];
  let calls = 0;
  const visit = (genotypes: GenotypeMap, depth: number, weight: number): void => {
    if (depth === rows.length) {
      out.push({ weight, atoms: _atoms(family, row, locus, genotypes, options) });
      return;
    }
    const r = rows[depth]!;
    for (const { labels, q } of _posterior(family, r, locus, genotypes, options)) {
      if (++calls > max) {
        throw new KindredError(
          'TOO_COMPLEX',
          `Planning references ${add.map((id) => `"${id}"`).join(' and ')} for family "${family.name}" would enumerate more than ${max} reference genotypes at locus "${locus.name}"`,
          { path: ['families', family.name, 'candidates'] },
        );
      }
      visit(_withGenotype(genotypes, add[depth]!, locus.name, labels), depth + 1, weight * q);
    }
  };
  visit(family.genotypes, 0, 1);
  return _mix(locus.name, out);
}

/** Options of {@link samplePlannedReferences}. */
export interface SampledReferenceOptions extends PlannedReferenceOptions {
  /** Sampled reference genotypes per locus where enumeration exceeds the bound (≥ batches). */
  readonly samples: number;
  /** Independent batches the samples are split into (default 10; for standard errors). */
  readonly batches?: number;
  /** Integer seed. */
  readonly seed: number;
}

/** Planned-reference atoms as independent batches (see {@link samplePlannedReferences}). */
export interface SampledReferenceAtoms {
  /** True when every locus was enumerated exactly (then there is one batch). */
  readonly exact: boolean;
  /** Loci whose reference genotypes were sampled. */
  readonly sampledLoci: readonly string[];
  /** Each batch: one {@link PowerAtoms} per locus (exact loci are the same in every batch). */
  readonly batches: readonly (readonly PowerAtoms[])[];
}

/**
 * Like {@link plannedReferenceAtoms}, but at a locus where exact enumeration would pass
 * `maxReferenceGenotypes`, the reference genotypes are *sampled* from their exact posterior
 * (the first person given the references, the second given those and the first) instead of
 * refused: `samples` draws split into `batches` independent batches, each batch's atoms the
 * equally weighted mixture of its draws' exact atoms of the missing person. Every batch is an
 * unbiased estimate of the exact mixture at every locus and the batches are independent, so any
 * figure computed per batch has a mean and a standard error (sd / √batches) that hold.
 *
 * @param family - the family
 * @param missing - id of one of `family.missing`
 * @param loci - the loci
 * @param add - one or two untyped members of the family
 * @param options - samples, batches, seed, enumeration bound, theta (0), budget
 * @returns the batches and which loci were sampled
 * @throws KindredError `INVALID_ARGUMENT` for samples or batches that are not positive integers,
 *   or fewer samples than batches; as {@link plannedReferenceAtoms} otherwise
 * @example
 * ```ts
 * samplePlannedReferences(family, 'M', loci, ['MO', 'U2'], { samples: 200, seed: 1 }).batches.length;
 * // => 10 (or 1 when every locus could be enumerated)
 * ```
 */
export function samplePlannedReferences(
  family: Family,
  missing: string,
  loci: readonly Locus[],
  add: readonly string[],
  options: SampledReferenceOptions,
): SampledReferenceAtoms {
  const B = options.batches ?? 10;
  const K = options.samples;
  if (!Number.isInteger(B) || B < 1 || !Number.isInteger(K) || K < B) {
    throw new KindredError(
      'INVALID_ARGUMENT',
      `Reference samples (${K}) must be an integer at least the number of batches (${B}), a positive integer`,
      { path: ['samples'] },
    );
  }
  const row = _missingRow(family, missing);
  _checkTheta(options.theta);
  _checkGenotypes(family.name, family.genotypes, loci);
  const rows = _checkAdd(family, missing, add);
  const max = options.maxReferenceGenotypes ?? DEFAULT_MAX_REFERENCE_GENOTYPES;
  const rng = createRng(options.seed);
  const sampled: string[] = [];
  const perLocus = loci.map((locus): PowerAtoms[] => {
    const first = _posterior(family, rows[0]!, locus, family.genotypes, options);
    const bound =
      rows.length === 1
        ? first.length
        : first.length * _genotypeCount(locus, family.pedigree.sex[rows[1]!] === MALE);
    if (bound <= max) {
      const exact = _exactLocus(family, row, rows, add, locus, max, options);
      return Array.from({ length: B }, () => exact);
    }
    sampled.push(locus.name);
    const second = new Map<number, { labels: readonly string[]; q: number }[]>();
    const cache = new Map<string, PowerAtoms>();
    const draw = (list: readonly { q: number }[]): number =>
      sampleIndex(
        rng,
        list.map((x) => x.q),
      );
    const out: PowerAtoms[] = [];
    const per = Math.floor(K / B);
    for (let b = 0; b < B; b++) {
      const n = b < K % B ? per + 1 : per;
      const parts: Part[] = [];
      for (let k = 0; k < n; k++) {
        const i = draw(first);
        let genotypes = _withGenotype(family.genotypes, add[0]!, locus.name, first[i]!.labels);
        let key = `${i}`;
        if (rows.length === 2) {
          let list = second.get(i);
          if (list === undefined) {
            list = _posterior(family, rows[1]!, locus, genotypes, options);
            second.set(i, list);
          }
          const j = draw(list);
          genotypes = _withGenotype(genotypes, add[1]!, locus.name, list[j]!.labels);
          key = `${i},${j}`;
        }
        let atoms = cache.get(key);
        if (atoms === undefined) {
          atoms = _atoms(family, row, locus, genotypes, options);
          cache.set(key, atoms);
        }
        parts.push({ weight: 1 / n, atoms });
      }
      out.push(_mix(locus.name, parts));
    }
    return out;
  });
  const exact = sampled.length === 0;
  const batches = Array.from({ length: exact ? 1 : B }, (_, b) => perLocus.map((l) => l[b]!));
  return { exact, sampledLoci: sampled, batches };
}

/** Number of genotypes of a person at a locus. */
function _genotypeCount(locus: Locus, hemizygous: boolean): number {
  const n = locus.alleles.length;
  return hemizygous && locus.chromosome === 'X' ? n : (n * (n + 1)) / 2;
}

interface Part {
  readonly weight: number;
  readonly atoms: PowerAtoms;
}

/** Concatenate weighted atoms. */
function _mix(locus: string, parts: readonly Part[]): PowerAtoms {
  let size = 0;
  for (const p of parts) size += p.atoms.h0.length;
  const h0 = new Float64Array(size);
  const h1 = new Float64Array(size);
  const logLR = new Float64Array(size);
  let k = 0;
  let informative = false;
  for (const { weight, atoms } of parts) {
    informative ||= atoms.informative;
    for (let j = 0; j < atoms.h0.length; j++, k++) {
      h0[k] = weight * atoms.h0[j]!;
      h1[k] = weight * atoms.h1[j]!;
      logLR[k] = atoms.logLR[j]!;
    }
  }
  return { locus, h0, h1, logLR, informative };
}

/** P(G_r = g | genotypes) for every genotype g of row r with positive probability. */
function _posterior(
  family: Family,
  r: number,
  locus: Locus,
  genotypes: GenotypeMap,
  options: ExactPowerOptions,
): { labels: readonly string[]; q: number }[] {
  const table = buildLocusTable({
    family: family.name,
    pedigree: family.pedigree,
    row: r,
    locus,
    genotypes,
    theta: 0,
    lump: false,
    ...(options.budget !== undefined ? { budget: options.budget } : {}),
  });
  const hemizygous = locus.chromosome === 'X' && family.pedigree.sex[r] === MALE;
  const p = locus.frequencies;
  const a = locus.alleles;
  const out: { labels: readonly string[]; q: number }[] = [];
  for (let hi = 0; hi < a.length; hi++) {
    for (let lo = hemizygous ? hi : 0; lo <= hi; lo++) {
      const l = table.logLR[((hi * (hi + 1)) >> 1) + lo]!;
      if (l === Number.NEGATIVE_INFINITY) continue;
      const hw = hemizygous ? p[hi]! : lo === hi ? p[hi]! * p[hi]! : 2 * p[lo]! * p[hi]!;
      out.push({ labels: hemizygous ? [a[hi]!] : [a[lo]!, a[hi]!], q: Math.exp(l) * hw });
    }
  }
  return out;
}

/** The genotypes with person `id` typed `labels` at `locus` (other entries shared). */
function _withGenotype(
  genotypes: GenotypeMap,
  id: string,
  locus: string,
  labels: readonly string[],
): GenotypeMap {
  const next = new Map(genotypes);
  const own = new Map(genotypes.get(id) ?? []);
  own.set(locus, labels);
  next.set(id, own);
  return next;
}

/** Rows of the people to add, checked. */
function _checkAdd(family: Family, missing: string, add: readonly string[]): number[] {
  const path = ['families', family.name, 'candidates'];
  if (add.length < 1 || add.length > 2) {
    throw new KindredError(
      'INVALID_ARGUMENT',
      `A planned reference set adds one or two people, got ${add.length}`,
      { path },
    );
  }
  if (add.length === 2 && add[0] === add[1]) {
    throw new KindredError('INVALID_ARGUMENT', `Candidate "${add[0]}" is listed twice`, { path });
  }
  return add.map((id) => {
    const r = family.pedigree.index.get(id);
    const why =
      r === undefined
        ? 'is not in its pedigree'
        : id === missing
          ? 'is the missing person'
          : family.pedigree.sameAs[r]! >= 0
            ? 'is a second sample (sameAs) of another person'
            : family.missing.includes(id)
              ? 'is a missing person'
              : family.genotypes.has(id) ||
                  [...family.genotypes.keys()].some(
                    (k) => family.pedigree.sameAs[family.pedigree.index.get(k) ?? -1] === r,
                  )
                ? 'is already typed'
                : null;
    if (why !== null) {
      throw new KindredError(
        'INVALID_ARGUMENT',
        `Candidate reference "${id}" of family "${family.name}" ${why}`,
        { path },
      );
    }
    return r!;
  });
}
