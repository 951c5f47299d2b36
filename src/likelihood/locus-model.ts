/**
 * The factor graph of one locus over allele-level variables: every person has a paternal and a
 * maternal allele variable (males at X loci only a maternal one). Factors are founder priors,
 * transmissions ½(M[x][c] + M[y][c]) (a father's single allele M[y][c] at X loci) and the
 * unordered-genotype observation.
 *
 * The graph's *shape* depends only on which people are typed (heterozygous, homozygous,
 * untyped) and the number of alleles, so it is described by a {@link LocusShape} whose `key`
 * lets compiled plans be cached and reused across loci and cases.
 *
 * People whose alleles cannot influence any typed person ("barren") are left out when exact: a
 * barren founder contributes (Σp)^alleles; a barren non-founder contributes 1 when every row of
 * the transmission matrices sums to exactly 1 (otherwise nobody is left out).
 *
 * @module
 */
import { MALE } from '../pedigree/pedigree.js';
import type { LocusProblem } from './problem.js';

/** Variable status codes. */
export const ABSENT = 0;
/** Typed homozygous: domain {a}. */
export const HOM = 1;
/** Typed heterozygous: domain {a, b}. */
export const HET = 2;
/** Untyped: all alleles. */
export const FULL = 3;

/** One factor of the graph, by kind (values are filled in per locus). */
export type FactorSpec =
  | { readonly kind: 'prior'; readonly vars: readonly [number] }
  | { readonly kind: 'obs'; readonly vars: readonly [number, number] }
  | {
      readonly kind: 'trans';
      readonly male: boolean;
      readonly vars: readonly [number, number, number];
    }
  | { readonly kind: 'hemi'; readonly vars: readonly [number, number] };

/** The data-independent description of a locus factor graph. */
export interface LocusShape {
  /** Status per variable (2 per row). */
  readonly status: Uint8Array;
  readonly factors: readonly FactorSpec[];
  /** Number of founder alleles of barren founders (each contributes Σp). */
  readonly barrenFounderAlleles: number;
  /** Cache key: identical keys give identical graphs. */
  readonly key: string;
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
 * Describe the factor graph of `problem`. Rows in `keep` are kept even when barren (their
 * genotype distribution may be queried). Returns null when the data are impossible outright
 * (a male with two different alleles at an X locus).
 */
export function describeLocus(
  problem: LocusProblem,
  keep: readonly number[] = [],
): LocusShape | null {
  const { pedigree: ped, nAlleles: n, genotypes: g, xLinked } = problem;
  const N = ped.ids.length;
  const hasPat = (i: number): boolean => !(xLinked && ped.sex[i] === MALE);
  const relevant = new Uint8Array(N);
  const stack: number[] = [];
  for (let i = 0; i < N; i++) if (ped.sameAs[i]! < 0 && g[2 * i]! >= 0) stack.push(i);
  for (const k of keep) stack.push(k);
  if (!rowsSumToOne(problem.maleMatrix, n) || !rowsSumToOne(problem.femaleMatrix, n)) {
    for (let i = 0; i < N; i++) if (ped.sameAs[i]! < 0) stack.push(i);
  }
  while (stack.length > 0) {
    const i = stack.pop()!;
    if (relevant[i]) continue;
    relevant[i] = 1;
    if (ped.mother[i]! >= 0) stack.push(ped.mother[i]!);
    if (ped.father[i]! >= 0 && hasPat(i)) stack.push(ped.father[i]!);
  }
  const status = new Uint8Array(2 * N);
  let barren = 0;
  const factors: FactorSpec[] = [];
  let key = `${n}|${xLinked ? 'X' : 'A'}|`;
  for (let i = 0; i < N; i++) {
    if (ped.sameAs[i]! >= 0) {
      key += '.';
      continue;
    }
    const founder = ped.father[i]! < 0;
    if (!relevant[i]) {
      if (founder) barren += hasPat(i) ? 2 : 1;
      key += '-';
      continue;
    }
    const a = g[2 * i]!;
    const b = g[2 * i + 1]!;
    let s: number;
    if (a < 0) s = FULL;
    else if (!hasPat(i)) {
      if (a !== b) return null;
      s = HOM;
    } else s = a === b ? HOM : HET;
    if (hasPat(i)) status[patVar(i)] = s;
    status[matVar(i)] = s;
    key += s;
    if (s === HET) factors.push({ kind: 'obs', vars: [patVar(i), matVar(i)] });
    const alleleVars = hasPat(i) ? [patVar(i), matVar(i)] : [matVar(i)];
    if (founder) {
      for (const v of alleleVars) factors.push({ kind: 'prior', vars: [v] });
      continue;
    }
    const f = ped.father[i]!;
    const m = ped.mother[i]!;
    factors.push({ kind: 'trans', male: false, vars: [patVar(m), matVar(m), matVar(i)] });
    if (hasPat(i)) {
      if (xLinked) factors.push({ kind: 'hemi', vars: [matVar(f), patVar(i)] });
      else factors.push({ kind: 'trans', male: true, vars: [patVar(f), matVar(f), patVar(i)] });
    }
  }
  key += `|${barren}`;
  return { status, factors, barrenFounderAlleles: barren, key };
}

/** Domain (allele indices) of variable `v` given its status and the genotype data. */
export function domainOf(status: number, v: number, genotypes: Int32Array, n: number): number[] {
  if (status === FULL) return Array.from({ length: n }, (_, a) => a);
  const row = v >> 1;
  const a = genotypes[2 * row]!;
  const b = genotypes[2 * row + 1]!;
  return status === HET ? [a, b] : [a];
}

/** Domain size for a status. */
export function cardOfStatus(status: number, n: number): number {
  return status === FULL ? n : status === HET ? 2 : 1;
}
