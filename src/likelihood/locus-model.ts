/**
 * Turns a {@link LocusProblem} into a factor graph over allele-level variables: every person has
 * a paternal and a maternal allele variable (males at X loci only a maternal one). Factors are
 * founder priors, transmissions ½(M[x][c] + M[y][c]) and the unordered-genotype observation.
 *
 * People whose alleles cannot influence any typed person ("barren": no typed descendant, not
 * typed) are left out when that is exact: a barren founder contributes (Σp)^alleles, a barren
 * non-founder contributes 1 when every row of its transmission matrix sums to exactly 1.
 *
 * @module
 */
import { MALE } from '../pedigree/pedigree.js';
import type { Factor } from './factor.js';
import type { LocusProblem } from './problem.js';

/** The factor graph of one locus problem. */
export interface LocusModel {
  /** Domain (allele indices) of every variable; variable id = 2*row (paternal) or 2*row+1 (maternal). */
  readonly domains: readonly (Int32Array | null)[];
  readonly factors: Factor[];
  /** Natural-log constant factor from pruned barren founders. */
  readonly logConstant: number;
  /** True when the data are impossible before any summation (e.g. conflicting sameAs samples). */
  readonly impossible: boolean;
}

/** Variable id of row i's paternal allele. */
export const patVar = (i: number): number => 2 * i;
/** Variable id of row i's maternal allele. */
export const matVar = (i: number): number => 2 * i + 1;

function rowsSumToOne(m: Float64Array | null, n: number): boolean {
  if (m === null) return true;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += m[i * n + j]!;
    if (s !== 1) return false;
  }
  return true;
}

/**
 * Build the factor graph. `keep` (optional) forces rows to be kept even when barren (e.g. a
 * person whose genotype distribution is queried).
 */
export function buildLocusModel(problem: LocusProblem, keep: readonly number[] = []): LocusModel {
  const { pedigree: ped, nAlleles: n, frequencies: p, genotypes: g, xLinked } = problem;
  const N = ped.ids.length;
  const isMale = (i: number): boolean => ped.sex[i] === MALE;
  const hasPat = (i: number): boolean => !(xLinked && isMale(i));
  // Relevance: typed rows, kept rows and their ancestors (X: fathers only to daughters).
  const relevant = new Uint8Array(N);
  const stack: number[] = [];
  for (let i = 0; i < N; i++) {
    if (ped.sameAs[i]! >= 0) continue;
    if (g[2 * i]! >= 0) stack.push(i);
  }
  for (const k of keep) stack.push(k);
  const exactRows =
    rowsSumToOne(problem.maleMatrix, n) && rowsSumToOne(problem.femaleMatrix, n);
  if (!exactRows) {
    for (let i = 0; i < N; i++) if (ped.sameAs[i]! < 0) stack.push(i);
  }
  while (stack.length > 0) {
    const i = stack.pop()!;
    if (relevant[i]) continue;
    relevant[i] = 1;
    const f = ped.father[i]!;
    const m = ped.mother[i]!;
    if (m >= 0) stack.push(m);
    if (f >= 0 && hasPat(i)) stack.push(f);
  }
  let sumP = 0;
  for (let a = 0; a < n; a++) sumP += p[a]!;
  const logSumP = Math.log(sumP);
  let logConstant = 0;
  const domains: (Int32Array | null)[] = new Array(2 * N).fill(null);
  const full = Int32Array.from({ length: n }, (_, a) => a);
  const factors: Factor[] = [];
  let impossible = false;
  for (let i = 0; i < N; i++) {
    if (ped.sameAs[i]! >= 0) continue;
    const founder = ped.father[i]! < 0;
    if (!relevant[i]) {
      if (founder) logConstant += (hasPat(i) ? 2 : 1) * logSumP;
      continue;
    }
    const a = g[2 * i]!;
    const b = g[2 * i + 1]!;
    if (a >= 0) {
      if (!hasPat(i)) {
        if (a !== b) impossible = true;
        domains[matVar(i)] = Int32Array.of(a);
      } else if (a === b) {
        domains[patVar(i)] = Int32Array.of(a);
        domains[matVar(i)] = Int32Array.of(a);
      } else {
        domains[patVar(i)] = Int32Array.of(a, b);
        domains[matVar(i)] = Int32Array.of(a, b);
        factors.push({
          vars: [patVar(i), matVar(i)],
          card: [2, 2],
          values: Float64Array.of(0, 1, 1, 0),
        });
      }
    } else {
      if (hasPat(i)) domains[patVar(i)] = full;
      domains[matVar(i)] = full;
    }
  }
  const dom = (v: number): Int32Array => domains[v]!;
  for (let i = 0; i < N; i++) {
    if (ped.sameAs[i]! >= 0 || !relevant[i]) continue;
    const f = ped.father[i]!;
    const m = ped.mother[i]!;
    const alleleVars = hasPat(i) ? [patVar(i), matVar(i)] : [matVar(i)];
    if (f < 0) {
      for (const v of alleleVars) {
        const d = dom(v);
        factors.push({ vars: [v], card: [d.length], values: Float64Array.from(d, (x) => p[x]!) });
      }
      continue;
    }
    // Maternal allele from the mother (autosomal and X alike).
    factors.push(transmission(matVar(i), m, problem.femaleMatrix, n, dom, xLinked && isMale(m)));
    if (hasPat(i)) {
      factors.push(transmission(patVar(i), f, problem.maleMatrix, n, dom, xLinked));
    }
  }
  return { domains, factors, logConstant, impossible };
}

/**
 * Transmission factor for child allele variable `cv` from parent row `par`. When `hemizygous`
 * (an X father), the parent has one allele (his maternal one) and passes it with mutation.
 */
function transmission(
  cv: number,
  par: number,
  matrix: Float64Array | null,
  n: number,
  dom: (v: number) => Int32Array,
  hemizygous: boolean,
): Factor {
  const dc = dom(cv);
  const entry = (x: number, c: number): number =>
    matrix === null ? (x === c ? 1 : 0) : matrix[x * n + c]!;
  if (hemizygous) {
    const dy = dom(matVar(par));
    const values = new Float64Array(dy.length * dc.length);
    let k = 0;
    for (const y of dy) for (const c of dc) values[k++] = entry(y, c);
    return { vars: [matVar(par), cv], card: [dy.length, dc.length], values };
  }
  const dx = dom(patVar(par));
  const dy = dom(matVar(par));
  const values = new Float64Array(dx.length * dy.length * dc.length);
  let k = 0;
  for (const x of dx)
    for (const y of dy) for (const c of dc) values[k++] = 0.5 * (entry(x, c) + entry(y, c));
  return {
    vars: [patVar(par), matVar(par), cv],
    card: [dx.length, dy.length, dc.length],
    values,
  };
}
