/**
 * One missing person at one locus: the natural-log LR of "a candidate with genotype g is the
 * missing person m" against "the candidate is unrelated to the family", for every genotype class
 * g, plus whether g is consistent with the family without mutation.
 *
 * With theta = 0 (the H2 likelihood factorises into family × candidate):
 *
 *   LR(g) = P(data, G_m = g) / (P(data) · P(g)),  P(g) = 2 p_a p_b, p_a², or p_a (male at X)
 *
 * where P(data, G_m = g) sums the ordered joint of `computeJointWithPerson` over both orders.
 * Alleles are grouped into classes (see `lumping.ts` for when lumping is exact; otherwise
 * every allele is its own class). A missing person with a typed `sameAs` (a direct reference,
 * genotype d) is typed in the family: H1 = P(data) when g = d and 0 otherwise, H2 = P(data)·P(g),
 * so LR(g) = [g = d] / P(d). theta > 0 goes through `theta-table.ts`.
 *
 * Degraded references (degraded-dna.md: a relative or direct reference with drop-out or drop-in,
 * or any sample at a locus with a silent allele) enter P(data) and P(data, G_m = g) through the
 * engine's observation factors (`encodeEvidence`), so the formula above stays exact: the
 * candidate is the only hard genotype. A direct reference whose factor allows several genotypes
 * makes m an untyped person with that factor, and the joint formula applies. Lumping stays exact:
 * a factor is the same for every allele of the rest class (none of them is seen; the silent
 * allele is never lumped).
 *
 * @module
 */
import { KindredError } from '../../errors.js';
import type { Locus } from '../../frequencies/locus.js';
import type { ComputeBudget } from '../../likelihood/eliminate.js';
import { encodeEvidence } from '../../likelihood/evidence.js';
import { computeJointWithPerson } from '../../likelihood/genotype-distribution.js';
import { computeLocusLikelihood } from '../../likelihood/locus-likelihood.js';
import {
  observedAlleles,
  type PreparedLocus,
  prepareLocus,
} from '../../likelihood/prepare-locus.js';
import type { LocusProblem } from '../../likelihood/problem.js';
import { MALE, type Pedigree } from '../../pedigree/pedigree.js';
import type { ObservationMap } from '../../profile/observation.js';
import type { GenotypeMap } from '../../relationships/types.js';
import { genotypeSlot } from './layout.js';
import { canIndexByClass, isInbred } from './lumping.js';
import { buildThetaLocusTable } from './theta-table.js';

/** The LR table of one missing person at one locus. */
export interface LocusTable {
  /** Number of allele classes K. */
  readonly classes: number;
  /** Class of each allele of the locus definition (in locus order). */
  readonly classOf: Uint16Array;
  /** ln LR per unordered class pair, at `genotypeSlot(c1, c2)`; length K(K+1)/2. */
  readonly logLR: Float64Array;
  /**
   * 1 where the genotype is consistent with the family without mutation, else 0; null when
   * not asked for ({@link LocusTableInput.consistency}: with mutation it is a second
   * elimination per locus, about a fifth of the build).
   */
  readonly consistent: Uint8Array | null;
  /** True when some relative (or a direct reference) is typed at this locus. */
  readonly informative: boolean;
  /**
   * True when the family's evidence here carries observation factors (degraded-dna.md: a
   * degraded relative or direct reference typed at the locus, or a silent allele in the table).
   */
  readonly degraded: boolean;
  /** True when alleles were lumped into classes. */
  readonly lumped: boolean;
}

/** Input of {@link buildLocusTable}. */
export interface LocusTableInput {
  /** Family name, for messages. */
  readonly family: string;
  /** The family pedigree. */
  readonly pedigree: Pedigree;
  /** Row of the missing person. */
  readonly row: number;
  readonly locus: Locus;
  /** Genotypes of the family's typed people. */
  readonly genotypes: GenotypeMap;
  /** Balding–Nichols theta. */
  readonly theta: number;
  /** Allow lumping where exact (default true). */
  readonly lump?: boolean;
  /** Also compute {@link LocusTable.consistent} (default false: it is null). */
  readonly consistency?: boolean;
  readonly budget?: ComputeBudget;
  /** Drop-out and drop-in of the family's samples (degraded-dna.md), if any. */
  readonly observation?: ObservationMap | undefined;
  /**
   * Space for {@link LocusTable.logLR} (length n(n+1)/2 for the locus's n alleles), used when
   * the table has one class per allele (not lumped): its `logLR` is then this array. Default:
   * a new array.
   */
  readonly out?: Float64Array;
}

/**
 * Build the LR table of one missing person at one locus (exact; see the module doc).
 *
 * @param input - family, pedigree, missing row, locus, genotypes, theta, lumping switch
 * @returns the table
 * @throws KindredError `IMPOSSIBLE_REFERENCE` when the family's own data have likelihood 0 at
 *   the locus (no candidate's LR is defined)
 * @throws KindredError `TOO_COMPLEX` when the pedigree exceeds the compute budget
 * @example
 * ```ts
 * // Father typed a/a with p_a = 0.1, missing child, no mutation: paternity index of a/b, 1/(2 p_a)
 * const t = buildLocusTable(input);
 * Math.exp(t.logLR[genotypeSlot(t.classOf[0], t.classOf[1])]); // => 5
 * ```
 */
export function buildLocusTable(input: LocusTableInput): LocusTable {
  if (input.theta > 0) return buildThetaLocusTable(input);
  const { pedigree: ped, row, locus } = input;
  const byClass = canIndexByClass(locus.mutation, ped, row);
  const lump = (input.lump ?? true) && byClass;
  // Unlumped, the prepared locus does not depend on the observed alleles.
  const needObserved = lump || input.consistency === true;
  const observed = needObserved ? observedAlleles(input.genotypes, locus.name) : NO_ALLELES;
  const prepared = prepareLocus(locus, observed, { lump });
  const evidence = encodeEvidence(ped, prepared, input.genotypes, input.observation);
  if (evidence === null) _impossible(input);
  const encoded = evidence!.genotypes;
  const K = prepared.nAlleles;
  const classOf = _classOf(prepared);
  const problem: LocusProblem = {
    pedigree: ped,
    nAlleles: K,
    frequencies: prepared.frequencies,
    maleMatrix: prepared.maleMatrix,
    femaleMatrix: prepared.femaleMatrix,
    xLinked: locus.chromosome === 'X',
    genotypes: encoded,
    theta: 0,
    ...(evidence!.observations !== undefined ? { observations: evidence!.observations } : {}),
  };
  const hemizygous = problem.xLinked && ped.sex[row] === MALE;
  const size = (K * (K + 1)) >> 1;
  const space = !prepared.lumped && input.out?.length === size ? input.out : undefined;
  const logLR = (space ?? new Float64Array(size)).fill(Number.NEGATIVE_INFINITY);
  const f = prepared.frequencies;
  const degraded = evidence!.observations?.some((t) => t !== null) ?? false;
  const informative = encoded.some((x) => x >= 0) || degraded;
  // Without mutation, "consistent without mutation" is just "LR > 0" (filled in below).
  const mutates = problem.maleMatrix !== null || problem.femaleMatrix !== null;
  const consistent =
    input.consistency !== true
      ? null
      : mutates
        ? _consistency(input, problem, observed, classOf, K, hemizygous)
        : new Uint8Array(size);
  const a0 = encoded[2 * row]!;
  if (a0 >= 0) {
    // Direct reference: the missing person is typed through a sameAs sample (a factor that
    // allows this one genotype only weighs H1 and H2 alike and cancels).
    if (computeLocusLikelihood(problem, input.budget) === Number.NEGATIVE_INFINITY) {
      _impossible(input);
    }
    const b0 = encoded[2 * row + 1]!;
    const pg = hemizygous ? f[a0]! : a0 === b0 ? f[a0]! * f[a0]! : 2 * f[a0]! * f[b0]!;
    logLR[genotypeSlot(a0, b0)] = -Math.log(pg);
    if (!mutates && consistent !== null) consistent[genotypeSlot(a0, b0)] = 1;
    return {
      classes: K,
      classOf,
      logLR,
      consistent,
      informative,
      degraded,
      lumped: prepared.lumped,
    };
  }
  // Unlumped, the locus arrays are the same objects for every family: share the untyped part.
  const joint = computeJointWithPerson(problem, row, input.budget, {
    shareUntyped: !prepared.lumped,
    out: _jointScratch(hemizygous ? K : K * K),
  });
  // P(data) = Σ over the missing person's ordered genotypes of the joint (exactly what the
  // engine computes for the family alone: untyped people are summed over every allele).
  let total = 0;
  for (let i = 0; i < joint.table.length; i++) total += joint.table[i]!;
  if (!(total > 0)) _impossible(input);
  const base = -Math.log(total);
  for (let hi = 0; hi < K; hi++) {
    const lo0 = hemizygous ? hi : 0;
    for (let lo = lo0; lo <= hi; lo++) {
      const q = _pairMass(joint.table, K, lo, hi, hemizygous);
      if (!(q > 0)) continue;
      const pg = hemizygous ? f[hi]! : lo === hi ? f[hi]! * f[hi]! : 2 * f[lo]! * f[hi]!;
      logLR[((hi * (hi + 1)) >> 1) + lo] = Math.log(q / pg) + base;
      if (!mutates && consistent !== null) consistent[((hi * (hi + 1)) >> 1) + lo] = 1;
    }
  }
  return { classes: K, classOf, logLR, consistent, informative, degraded, lumped: prepared.lumped };
}

/**
 * Consistency without mutation per class pair of the table: P(data, G_m = g) > 0 with identity
 * transmission. Computed on the locus lumped by the relatives' alleles (no mutation is always
 * lumpable, and positivity is a class property for a person who is not inbred), then spread over
 * the table's (finer or equal) classes.
 */
function _consistency(
  input: LocusTableInput,
  problem: LocusProblem,
  observed: ReadonlySet<string>,
  classOf: Uint16Array,
  K: number,
  hemizygous: boolean,
): Uint8Array {
  const { pedigree: ped, row, locus } = input;
  const size = (K * (K + 1)) >> 1;
  const out = new Uint8Array(size);
  const bare = _withoutMutation(locus);
  const prepared = prepareLocus(bare, observed, { lump: !isInbred(ped, row) });
  const evidence = encodeEvidence(ped, prepared, input.genotypes, input.observation);
  if (evidence === null) return out;
  const encoded = evidence.genotypes;
  const K0 = prepared.nAlleles;
  const { observations: _, ...rest } = problem;
  const problem0: LocusProblem = {
    ...rest,
    nAlleles: K0,
    frequencies: prepared.frequencies,
    maleMatrix: null,
    femaleMatrix: null,
    genotypes: encoded,
    ...(evidence.observations !== undefined ? { observations: evidence.observations } : {}),
  };
  const class0 = new Int32Array(K);
  locus.alleles.forEach((a, i) => {
    class0[classOf[i]!] = prepared.alleleIndex.get(a) ?? K0 - 1;
  });
  const a0 = encoded[2 * row]!;
  if (a0 >= 0) {
    if (computeLocusLikelihood(problem0) === Number.NEGATIVE_INFINITY) return out;
    const b0 = encoded[2 * row + 1]!;
    for (let hi = 0; hi < K; hi++) {
      for (let lo = 0; lo <= hi; lo++) {
        const c = [class0[lo]!, class0[hi]!].sort((x, y) => x - y);
        if (c[0] === Math.min(a0, b0) && c[1] === Math.max(a0, b0))
          out[((hi * (hi + 1)) >> 1) + lo] = 1;
      }
    }
    return out;
  }
  const joint = computeJointWithPerson(problem0, row);
  for (let hi = 0; hi < K; hi++) {
    for (let lo = hemizygous ? hi : 0; lo <= hi; lo++) {
      const c0 = Math.min(class0[lo]!, class0[hi]!);
      const c1 = Math.max(class0[lo]!, class0[hi]!);
      if (_pairMass(joint.table, K0, c0, c1, hemizygous) > 0) out[((hi * (hi + 1)) >> 1) + lo] = 1;
    }
  }
  return out;
}

const NO_ALLELES: ReadonlySet<string> = new Set();

const _classes = new WeakMap<PreparedLocus, Uint16Array>();

/** Class of each allele of the locus definition (one array per prepared locus; read only). */
function _classOf(prepared: PreparedLocus): Uint16Array {
  let classOf = _classes.get(prepared);
  if (classOf === undefined) {
    const { locus, alleleIndex, nAlleles: K } = prepared;
    classOf = new Uint16Array(locus.alleles.length);
    for (let i = 0; i < locus.alleles.length; i++)
      classOf[i] = alleleIndex.get(locus.alleles[i]!) ?? K - 1;
    _classes.set(prepared, classOf);
  }
  return classOf;
}

let _joint = new Float64Array(1024);

/** Scratch for the joint table (read right after it is computed, never kept). */
function _jointScratch(size: number): Float64Array {
  if (_joint.length < size) _joint = new Float64Array(Math.max(size, 2 * _joint.length));
  return _joint;
}

const _bare = new WeakMap<Locus, Locus>();

/** The locus without its mutation model (one object per locus, so prepared loci are cached). */
function _withoutMutation(locus: Locus): Locus {
  if (locus.mutation === null) return locus;
  let bare = _bare.get(locus);
  if (bare === undefined) {
    bare = { ...locus, mutation: null };
    _bare.set(locus, bare);
  }
  return bare;
}

/** Σ over both orders of the ordered joint (hemizygous: the single-allele entry). */
function _pairMass(
  table: Float64Array,
  n: number,
  lo: number,
  hi: number,
  hemizygous: boolean,
): number {
  if (hemizygous) return table[hi]!;
  return lo === hi ? table[lo * n + lo]! : table[lo * n + hi]! + table[hi * n + lo]!;
}

function _impossible(input: LocusTableInput): never {
  throw new KindredError(
    'IMPOSSIBLE_REFERENCE',
    `Family "${input.family}" has likelihood 0 at locus "${input.locus.name}": its relatives' genotypes are incompatible, so no candidate's LR is defined`,
    { path: ['families', input.family, 'genotypes'] },
  );
}
