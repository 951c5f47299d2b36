/**
 * The per-locus LR table of a missing person when theta > 0. The candidate's founder alleles are
 * then drawn jointly with the family's (Balding–Nichols urn), so H2 no longer factorises into
 * family × candidate and the class shortcut of `locus-table.ts` does not apply. The table is
 * built the slow, exact way, genotype by genotype of the locus definition, with the same
 * hypotheses `computeKinshipLR` compares:
 *
 *   H1 = the family with the candidate as a `sameAs` sample of m,
 *   H2 = the family plus the candidate as an unrelated founder of m's sex,
 *   LR(g) = P(data, g | H1) / P(data, g | H2), each by the theta engine after lumping the alleles
 *   that neither the relatives nor g carry.
 *
 * Degraded references (drop-out, drop-in) enter both likelihoods through the engine's observation
 * factors; the candidate is a hard genotype. A locus with a silent allele is refused: a candidate
 * genotype with the silent allele cannot be written as a sample (a sample is a set of seen alleles).
 *
 * Cost: n(n+1)/2 genotypes × two theta likelihoods per locus and missing person (n alleles), so
 * an index with theta is built orders of magnitude more slowly than one without; scoring is
 * unchanged. Consistency without mutation does not depend on theta and comes from one theta = 0
 * joint computation without mutation matrices.
 *
 * @module
 */
import { KindredError } from '../../errors.js';
import { encodeEvidence } from '../../likelihood/evidence.js';
import { computeJointWithPerson } from '../../likelihood/genotype-distribution.js';
import { computeLocusLikelihood, locusProblem } from '../../likelihood/locus-likelihood.js';
import { observedAlleles, prepareLocus } from '../../likelihood/prepare-locus.js';
import type { Pedigree } from '../../pedigree/pedigree.js';
import { isDegraded, SILENT_ALLELE } from '../../profile/observation.js';
import type { LocusTable, LocusTableInput } from './locus-table.js';

/**
 * Build the exact LR table of one missing person at one locus with theta > 0 (see module doc).
 * Every allele is its own class.
 *
 * @param input - as for `buildLocusTable`; `theta` may be any value in [0, 1)
 * @returns the table (K = number of alleles of the locus)
 * @throws KindredError `IMPOSSIBLE_REFERENCE` when the family's own data have likelihood 0
 * @throws KindredError `UNSUPPORTED` for an X-chromosomal locus (theta with X has no reference
 *   definition) and for a locus with a silent allele
 * @throws KindredError `TOO_COMPLEX` when the theta engine's budget is exceeded
 * @example
 * ```ts
 * buildThetaLocusTable({ ...input, theta: 0.02 }).classes; // => input.locus.alleles.length
 * ```
 */
export function buildThetaLocusTable(input: LocusTableInput): LocusTable {
  const { pedigree: ped, row, locus, theta } = input;
  if (locus.chromosome === 'X') {
    throw new KindredError(
      'UNSUPPORTED',
      `theta > 0 with the X-chromosomal locus "${locus.name}" has no reference definition`,
      { path: ['theta'] },
    );
  }
  if (locus.alleles.includes(SILENT_ALLELE)) {
    throw new KindredError(
      'UNSUPPORTED',
      `Family "${input.family}": the search index with theta ${theta} does not implement the silent allele of locus "${locus.name}" (a candidate genotype with the silent allele is not a sample); use theta 0 or kindred dvi (exact)`,
      { path: ['loci', locus.name] },
    );
  }
  const n = locus.alleles.length;
  const candidate = _freshId(ped);
  const h1 = _extendPedigree(ped, candidate, row, ped.sex[row]!);
  const h2 = _extendPedigree(ped, candidate, -1, ped.sex[row]!);
  const familyObserved = observedAlleles(input.genotypes, locus.name);
  const consistent = input.consistency === true ? _consistentWithoutMutation(input) : null;
  const size = (n * (n + 1)) >> 1;
  const logLR = new Float64Array(size);
  const genotypes = new Map(input.genotypes);
  for (let hi = 0; hi < n; hi++) {
    for (let lo = 0; lo <= hi; lo++) {
      const a = locus.alleles[lo]!;
      const b = locus.alleles[hi]!;
      genotypes.set(candidate, new Map([[locus.name, [a, b]]]));
      const observed = new Set(familyObserved).add(a).add(b);
      const prepared = prepareLocus(locus, observed, { lump: input.lump ?? true });
      const l1 = computeLocusLikelihood(
        locusProblem(h1, prepared, genotypes, theta, input.observation),
        input.budget,
      );
      const l2 = computeLocusLikelihood(
        locusProblem(h2, prepared, genotypes, theta, input.observation),
        input.budget,
      );
      if (l2 === Number.NEGATIVE_INFINITY) {
        throw new KindredError(
          'IMPOSSIBLE_REFERENCE',
          `Family "${input.family}" has likelihood 0 at locus "${locus.name}": its relatives' genotypes are incompatible, so no candidate's LR is defined`,
          { path: ['families', input.family, 'genotypes'] },
        );
      }
      logLR[((hi * (hi + 1)) >> 1) + lo] = l1 === Number.NEGATIVE_INFINITY ? l1 : l1 - l2;
    }
  }
  const classOf = new Uint16Array(n);
  for (let i = 0; i < n; i++) classOf[i] = i;
  const informative = [...input.genotypes.values()].some((g) => g.has(locus.name));
  // (A locus with a silent allele is refused above at theta > 0.)
  const degraded = [...input.genotypes].some(
    ([id, g]) => g.has(locus.name) && isDegraded(input.observation?.get(id)),
  );
  return { classes: n, classOf, logLR, consistent, informative, degraded, lumped: false };
}

/** 1 where P(data, G_m = g) > 0 with theta = 0 and no mutation, per unordered genotype slot. */
function _consistentWithoutMutation(input: LocusTableInput): Uint8Array {
  const { pedigree: ped, row, locus } = input;
  const prepared = prepareLocus(locus, new Set(), { lump: false });
  const n = prepared.nAlleles;
  const out = new Uint8Array((n * (n + 1)) >> 1);
  const evidence = encodeEvidence(ped, prepared, input.genotypes, input.observation);
  if (evidence === null) return out;
  const encoded = evidence.genotypes;
  const problem = {
    pedigree: ped,
    nAlleles: n,
    frequencies: prepared.frequencies,
    maleMatrix: null,
    femaleMatrix: null,
    xLinked: false,
    genotypes: encoded,
    theta: 0,
    ...(evidence.observations !== undefined ? { observations: evidence.observations } : {}),
  };
  const a0 = encoded[2 * row]!;
  if (a0 >= 0) {
    const b0 = encoded[2 * row + 1]!;
    const ok = computeLocusLikelihood(problem) > Number.NEGATIVE_INFINITY;
    out[((b0 * (b0 + 1)) >> 1) + a0] = ok ? 1 : 0;
    return out;
  }
  const joint = computeJointWithPerson(problem, row);
  for (let hi = 0; hi < n; hi++) {
    for (let lo = 0; lo <= hi; lo++) {
      const q =
        lo === hi
          ? joint.table[lo * n + lo]!
          : joint.table[lo * n + hi]! + joint.table[hi * n + lo]!;
      out[((hi * (hi + 1)) >> 1) + lo] = q > 0 ? 1 : 0;
    }
  }
  return out;
}

/** An id not used in `ped`. */
function _freshId(ped: Pedigree): string {
  let k = 0;
  while (ped.index.has(`candidate#${k}`)) k++;
  return `candidate#${k}`;
}

/** `ped` plus one row `id` of sex `sex`: a `sameAs` sample of row `sameAs`, or (-1) a founder. */
function _extendPedigree(ped: Pedigree, id: string, sameAs: number, sex0: number): Pedigree {
  const N = ped.ids.length;
  const grow = (a: Int32Array, v: number): Int32Array => {
    const out = new Int32Array(N + 1);
    out.set(a);
    out[N] = v;
    return out;
  };
  const sex = new Uint8Array(N + 1);
  sex.set(ped.sex);
  sex[N] = sex0;
  const index = new Map(ped.index);
  index.set(id, N);
  return {
    ids: [...ped.ids, id],
    father: grow(ped.father, -1),
    mother: grow(ped.mother, -1),
    sex,
    sameAs: grow(ped.sameAs, sameAs),
    index,
  };
}
