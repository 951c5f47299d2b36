/**
 * The brute-force oracle of the likelihood engines: it enumerates every ordered allele assignment
 * of every person and adds up the probability of each. Exponential and meant only for tiny
 * problems; it is the independent reference that the fast engines are tested against, so it
 * follows the model definitions literally and shares no code with them.
 *
 * @module
 */
import { KindredError } from '../errors.js';
import type { LocusProblem } from './problem.js';

/** Options for the brute-force oracle. */
export interface BruteForceOptions {
  /** Largest number of complete assignments to enumerate (default 5,000,000). */
  readonly maxTerms?: number;
}

const DEFAULT_MAX_TERMS = 5_000_000;

/**
 * P(all genotypes at one locus | pedigree) by complete enumeration.
 *
 * Every person (sameAs rows excluded) gets an ordered pair (paternal, maternal) of alleles; an X
 * male only a maternal allele. Founder alleles are drawn one after another from the Pólya urn of
 * the case format: the k-th drawn allele is `a` with probability
 * `(c_a·θ + (1−θ)·p_a) / (1 + (k−1)·θ)`, `c_a` = earlier drawn founder alleles of type `a`
 * (θ = 0: independent draws from `p`). A child's paternal allele is one of the father's alleles
 * (½ each) mutated through the male matrix, `P(j | i) = M[i·n + j]`; the maternal likewise through
 * the female matrix. X: a father passes his one allele (male matrix) to daughters, nothing to
 * sons. The probability of an assignment times the indicator that every typed row (also a sameAs
 * row, checked against the person it points at) shows the unordered genotype, summed over all
 * assignments (compensated summation).
 *
 * @param problem - a tiny locus problem
 * @param options - `maxTerms`, the enumeration budget
 * @returns the likelihood (0 when the genotypes are impossible)
 * @throws KindredError `TOO_COMPLEX` when more than `maxTerms` assignments would be enumerated
 * @throws KindredError `UNSUPPORTED` for an X-linked problem with theta > 0
 * @throws KindredError `INVALID_ARGUMENT` for arrays of the wrong length or alleles out of range
 * @example
 * ```ts
 * // one founder typed 0/1, p = (0.2, 0.8), no theta: 2pq
 * bruteForceLikelihood(problemOf1Person); // => 0.32
 * ```
 */
export function bruteForceLikelihood(
  problem: LocusProblem,
  options: BruteForceOptions = {},
): number {
  // Neumaier's compensated sum: millions of terms must not lose digits to rounding.
  let total = 0;
  let carry = 0;
  _enumerate(problem, options.maxTerms ?? DEFAULT_MAX_TERMS, (w) => {
    const t = total + w;
    carry += Math.abs(total) >= Math.abs(w) ? total - t + w : w - t + total;
    total = t;
  });
  return total + carry;
}

/**
 * Joint probability of each genotype of one person together with the observed genotypes:
 * `out[g]` = P(person has unordered genotype g, all typed rows as observed), by enumeration.
 * Genotype `{a, b}` with `a <= b` is at index `b·(b+1)/2 + a`; an X male's allele `a` at the
 * index of `{a, a}`. The entries sum to {@link bruteForceLikelihood}.
 *
 * @param problem - a tiny locus problem
 * @param person - row index of the person (not a sameAs row)
 * @param options - `maxTerms`, the enumeration budget
 * @returns Float64Array of length n(n+1)/2
 * @throws KindredError `INVALID_ARGUMENT` when `person` is not a row or is a sameAs row, and as
 *   {@link bruteForceLikelihood}
 * @example
 * ```ts
 * // untyped founder, p = (0.2, 0.8), no theta: [p0², 2p0p1, p1²]
 * bruteForceGenotypeDistribution(problemOf1UntypedPerson, 0); // => Float64Array [0.04, 0.32, 0.64]
 * ```
 */
export function bruteForceGenotypeDistribution(
  problem: LocusProblem,
  person: number,
  options: BruteForceOptions = {},
): Float64Array {
  const ped = problem.pedigree;
  if (
    !Number.isInteger(person) ||
    person < 0 ||
    person >= ped.ids.length ||
    ped.sameAs[person] !== -1
  ) {
    throw new KindredError('INVALID_ARGUMENT', `Row ${person} is not a person of the pedigree`, {
      path: ['person'],
    });
  }
  const out = new Float64Array((problem.nAlleles * (problem.nAlleles + 1)) / 2);
  const carry = new Float64Array(out.length);
  _enumerate(problem, options.maxTerms ?? DEFAULT_MAX_TERMS, (w, pat, mat) => {
    const x = pat[person] === -1 ? mat[person]! : pat[person]!;
    const y = mat[person]!;
    const k = (Math.max(x, y) * (Math.max(x, y) + 1)) / 2 + Math.min(x, y);
    // Neumaier's compensated sum per genotype.
    const total = out[k]!;
    const t = total + w;
    carry[k] = carry[k]! + (Math.abs(total) >= Math.abs(w) ? total - t + w : w - t + total);
    out[k] = t;
  });
  for (let k = 0; k < out.length; k++) out[k] = out[k]! + carry[k]!;
  return out;
}

/** Calls `visit(weight, pat, mat)` for every assignment of nonzero weight. */
function _enumerate(
  problem: LocusProblem,
  maxTerms: number,
  visit: (weight: number, pat: Int32Array, mat: Int32Array) => void,
): void {
  _validate(problem);
  const { pedigree: ped, nAlleles: n, frequencies: p, theta, xLinked } = problem;
  const rows = ped.ids.length;
  const isXMale = (i: number): boolean => xLinked && ped.sex[i] === 1;
  // People in an order where parents come before their children.
  const order: number[] = [];
  const placed = new Uint8Array(rows);
  while (order.length < rows) {
    const before = order.length;
    for (let i = 0; i < rows; i++) {
      if (placed[i] === 1) continue;
      const f = ped.father[i] as number;
      const m = ped.mother[i] as number;
      if ((f === -1 || placed[f] === 1) && (m === -1 || placed[m] === 1)) {
        placed[i] = 1;
        order.push(i);
      }
    }
    if (order.length === before) {
      throw new KindredError('INVALID_ARGUMENT', 'The pedigree has a cycle', {
        path: ['pedigree'],
      });
    }
  }
  // The candidate ordered pairs (paternal, maternal) of every person; -1 = no paternal allele.
  const candidates: Array<Array<[number, number]>> = [];
  let terms = 1;
  for (let i = 0; i < rows; i++) {
    const list: Array<[number, number]> = [];
    if (ped.sameAs[i] === -1) {
      for (let a = isXMale(i) ? -1 : 0; a < (isXMale(i) ? 0 : n); a++) {
        for (let b = 0; b < n; b++) if (_shows(problem, i, a, b)) list.push([a, b]);
      }
      terms *= list.length;
    }
    candidates.push(list);
  }
  if (terms > maxTerms) {
    throw new KindredError(
      'TOO_COMPLEX',
      `Brute-force enumeration needs ${terms} assignments, more than the limit ${maxTerms}`,
      { path: ['pedigree'] },
    );
  }
  const pat = new Int32Array(rows).fill(-1);
  const mat = new Int32Array(rows).fill(-1);
  const counts = new Float64Array(n);
  let drawn = 0;
  const draw = (a: number): number => {
    const prob = (counts[a]! * theta + (1 - theta) * p[a]!) / (1 + (drawn - 1) * theta);
    counts[a] = counts[a]! + 1;
    drawn++;
    return prob;
  };
  const undraw = (a: number): void => {
    counts[a] = counts[a]! - 1;
    drawn--;
  };
  const recurse = (pos: number, weight: number): void => {
    if (weight === 0) return;
    if (pos === order.length) {
      visit(weight, pat, mat);
      return;
    }
    const i = order[pos]!;
    if (ped.sameAs[i] !== -1) {
      recurse(pos + 1, weight);
      return;
    }
    for (const [a, b] of candidates[i]!) {
      pat[i] = a;
      mat[i] = b;
      const f = ped.father[i]!;
      if (f === -1) {
        const w = weight * (a === -1 ? 1 : draw(a)) * draw(b);
        recurse(pos + 1, w);
        undraw(b);
        if (a !== -1) undraw(a);
      } else {
        const m = ped.mother[i]!;
        const fromFather = a === -1 ? 1 : _transmit(problem.maleMatrix, n, pat[f]!, mat[f]!, a);
        const fromMother = _transmit(problem.femaleMatrix, n, pat[m]!, mat[m]!, b);
        recurse(pos + 1, weight * fromFather * fromMother);
      }
    }
    pat[i] = -1;
    mat[i] = -1;
  };
  recurse(0, 1);
}

/** P(parent with alleles (x, y) transmits c); x = -1 for an X father's missing paternal allele. */
function _transmit(
  matrix: Float64Array | null,
  n: number,
  x: number,
  y: number,
  c: number,
): number {
  const m = (i: number): number => (matrix === null ? (i === c ? 1 : 0) : matrix[i * n + c]!);
  return x === -1 ? m(y) : (m(x) + m(y)) / 2;
}

/** True when person i with ordered alleles (a, b) agrees with every typed row about i. */
function _shows(problem: LocusProblem, i: number, a: number, b: number): boolean {
  const { pedigree: ped, genotypes: g } = problem;
  for (let r = 0; r < ped.ids.length; r++) {
    if (r !== i && ped.sameAs[r] !== i) continue;
    const x = g[2 * r]!;
    const y = g[2 * r + 1]!;
    if (x === -1) continue;
    const ok = a === -1 ? x === b && y === b : (x === a && y === b) || (x === b && y === a);
    if (!ok) return false;
  }
  return true;
}

function _validate(problem: LocusProblem): void {
  const { pedigree: ped, nAlleles: n } = problem;
  const rows = ped.ids.length;
  const bad = (what: string, path: Array<string | number>): never => {
    throw new KindredError('INVALID_ARGUMENT', what, { path });
  };
  if (!Number.isInteger(n) || n < 1)
    bad(`nAlleles must be a positive integer, got ${n}`, ['nAlleles']);
  if (problem.frequencies.length !== n)
    bad(`frequencies has length ${problem.frequencies.length}, expected ${n}`, ['frequencies']);
  for (const key of ['maleMatrix', 'femaleMatrix'] as const) {
    const m = problem[key];
    if (m !== null && m.length !== n * n)
      bad(`${key} has length ${m.length}, expected ${n * n}`, [key]);
  }
  if (problem.genotypes.length !== 2 * rows)
    bad(`genotypes has length ${problem.genotypes.length}, expected ${2 * rows}`, ['genotypes']);
  for (let k = 0; k < 2 * rows; k++) {
    const a = problem.genotypes[k]!;
    const other = problem.genotypes[k ^ 1]!;
    if (a < -1 || a >= n || (a === -1) !== (other === -1))
      bad(`Allele index ${a} of row ${k >> 1} is invalid`, ['genotypes', k]);
  }
  if (!(problem.theta >= 0 && problem.theta < 1))
    bad(`theta must be in [0, 1), got ${problem.theta}`, ['theta']);
  if (problem.xLinked && problem.theta > 0) {
    throw new KindredError(
      'UNSUPPORTED',
      `theta ${problem.theta} with an X-chromosomal locus has no reference definition`,
      { path: ['theta'] },
    );
  }
}
