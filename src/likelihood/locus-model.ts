/**
 * The factor graph of one locus over allele-level variables: every person has a paternal and a
 * maternal allele variable (males at X loci only a maternal one). Factors are founder priors,
 * transmissions ½(M[x][c] + M[y][c]) (a father's single allele M[y][c] at X loci) and the
 * unordered-genotype observation.
 *
 * A typed person's two allele slots share one variable: its phase φ (heterozygote a/b: φ = 0
 * means paternal a, maternal b; φ = 1 the reverse; homozygote: a single state), so the
 * unordered-genotype observation needs no factor and tables stay small. A typed parent passes
 * a or b with ½ each whatever its phase, so transmissions from it are factors over the child's
 * variable alone: φ only links a typed person to its own parents.
 *
 * The graph's *shape* depends only on which people are typed (heterozygous, homozygous,
 * untyped) and the number of alleles, so it is described by a {@link LocusShape} whose `key`
 * lets compiled plans be cached and reused across loci and cases.
 *
 * People whose alleles cannot influence any typed person ("barren") are left out: a barren
 * founder contributes (Σp)^alleles exactly; a barren non-founder contributes Π of row sums, which
 * is 1 up to {@link ROW_SUM_TOLERANCE} per transmission when every row of the transmission
 * matrices sums to 1 within it (otherwise nobody is left out and the rows are used as given).
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
/** Segregation indicator of a transmission from an untyped parent: which parental allele (2 states). */
export const SEG = 4;

/**
 * One factor of the graph, by kind, over allele *slots* (2·row paternal, 2·row + 1 maternal);
 * values are filled in per locus. `vars` are the distinct variables of the slots, in order of
 * first appearance: the factor's table is indexed by them (last fastest).
 */
export type FactorSpec =
  | { readonly kind: 'prior'; readonly slots: readonly [number]; readonly vars: readonly number[] }
  | {
      readonly kind: 'trans';
      readonly male: boolean;
      /** Parent's paternal slot, parent's maternal slot, child's slot. */
      readonly slots: readonly [number, number, number];
      readonly vars: readonly number[];
    }
  | {
      /**
       * One half of a transmission from an untyped parent, split with a segregation indicator s:
       * T(c | x, y) = Σ_s A(s, x, c)·B(s, y, c), A = [s = 0]·½M[x][c] + [s = 1],
       * B = [s = 1]·½M[y][c] + [s = 0]. `side` 0 is A (parent's paternal slot), 1 is B.
       */
      readonly kind: 'seg';
      readonly male: boolean;
      readonly side: 0 | 1;
      /** Parent's slot (paternal for side 0, maternal for side 1), child's slot. */
      readonly slots: readonly [number, number];
      /** [segregation variable, parent's variable, child's variable]. */
      readonly vars: readonly number[];
    }
  | {
      /**
       * The observation factor P(E | G) of a degraded sample's person (`evidence.ts`), over its
       * allele slots (paternal, maternal; the maternal one only for a male at an X locus).
       */
      readonly kind: 'obs';
      readonly row: number;
      readonly slots: readonly number[];
      readonly vars: readonly number[];
    }
  | {
      readonly kind: 'hemi';
      /** X father's single (maternal) slot, daughter's paternal slot. */
      readonly slots: readonly [number, number];
      readonly vars: readonly number[];
    };

/** The data-independent description of a locus factor graph. */
export interface LocusShape {
  /** Status per variable (ids as slots; a typed person's variable is its paternal slot id, X males' their maternal). */
  readonly status: Uint8Array;
  /** Variable of each slot. */
  readonly slotVar: Int32Array;
  /** 1 for a typed heterozygote's maternal slot (allele = domain[1 − φ]). */
  readonly slotFlip: Uint8Array;
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

const rowSumCache = new WeakMap<Float64Array, boolean>();

/**
 * How far from 1 a matrix row sum may be for barren non-founders to be left out. Matrices built
 * from the mutation models sum to 1 within a few ulps (|Σ − 1| ≤ 1e-15 on real tables); leaving
 * out t transmissions then changes a likelihood by at most t·1e-13 relative, far below the 1e-9
 * agreement asked of the engine. A custom matrix with rows off by more (the validator accepts
 * up to 1e-6) keeps everybody in.
 */
export const ROW_SUM_TOLERANCE = 1e-13;

/** True when every row of the matrix sums to 1 within {@link ROW_SUM_TOLERANCE} (null: identity). */
export function rowsSumToOne(m: Float64Array | null, n: number): boolean {
  if (m === null) return true;
  const cached = rowSumCache.get(m);
  if (cached !== undefined) return cached;
  const result = _rowsSumToOne(m, n);
  rowSumCache.set(m, result);
  return result;
}

function _rowsSumToOne(m: Float64Array, n: number): boolean {
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += m[i * n + j]!;
    if (!(Math.abs(s - 1) <= ROW_SUM_TOLERANCE)) return false;
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
  split: boolean | ReadonlySet<number> = false,
): LocusShape | null {
  const { pedigree: ped, nAlleles: n, genotypes: g, xLinked } = problem;
  const N = ped.ids.length;
  const obs = problem.observations;
  const hasObs = (i: number): boolean => obs !== undefined && obs[i] != null;
  const hasPat = (i: number): boolean => !(xLinked && ped.sex[i] === MALE);
  const relevant = new Uint8Array(N);
  const stack: number[] = [];
  for (let i = 0; i < N; i++)
    if (ped.sameAs[i]! < 0 && (g[2 * i]! >= 0 || hasObs(i))) stack.push(i);
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
  const slotVar = new Int32Array(2 * N).fill(-1);
  const slotFlip = new Uint8Array(2 * N);
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
    key += hasObs(i) ? `${s}e` : s;
    if (s === FULL) {
      if (hasPat(i)) {
        status[patVar(i)] = FULL;
        slotVar[patVar(i)] = patVar(i);
      }
      status[matVar(i)] = FULL;
      slotVar[matVar(i)] = matVar(i);
    } else {
      const v = hasPat(i) ? patVar(i) : matVar(i);
      status[v] = s;
      if (hasPat(i)) slotVar[patVar(i)] = v;
      slotVar[matVar(i)] = v;
      slotFlip[matVar(i)] = s === HET ? 1 : 0;
    }
  }
  const varsOf = (slots: readonly number[]): number[] => {
    const out: number[] = [];
    for (const sl of slots) {
      const v = slotVar[sl]!;
      if (!out.includes(v)) out.push(v);
    }
    return out;
  };
  let segCount = 0;
  /** A transmission from `parent` to child slot `cs`: split with a segregation indicator when the parent is untyped. */
  const pushTransmission = (parent: number, cs: number, male: boolean): void => {
    const ps = patVar(parent);
    const ms = matVar(parent);
    const splitHere = split === true || (split !== false && split.has(parent));
    if (splitHere && status[ps] === FULL && status[ms] === FULL) {
      const sv = 2 * N + segCount++;
      factors.push({
        kind: 'seg',
        male,
        side: 0,
        slots: [ps, cs],
        vars: [sv, slotVar[ps]!, slotVar[cs]!],
      });
      factors.push({
        kind: 'seg',
        male,
        side: 1,
        slots: [ms, cs],
        vars: [sv, slotVar[ms]!, slotVar[cs]!],
      });
      return;
    }
    const ts = [ps, ms, cs] as const;
    // From a typed parent the transmitted allele is a or b with ½ each whatever the parent's
    // phase (t[φ, c] = ½(M[a][c] + M[b][c]) for both φ), so the factor is over the child only and
    // does not tie the parent's phase to its children.
    const vars = status[ps] === FULL ? varsOf(ts) : varsOf([cs]);
    factors.push({ kind: 'trans', male, slots: ts, vars });
  };
  for (let i = 0; i < N; i++) {
    if (ped.sameAs[i]! >= 0 || !relevant[i]) continue;
    const founder = ped.father[i]! < 0;
    const alleleSlots = hasPat(i) ? [patVar(i), matVar(i)] : [matVar(i)];
    if (founder) {
      for (const sl of alleleSlots)
        factors.push({ kind: 'prior', slots: [sl], vars: varsOf([sl]) });
      continue;
    }
    const f = ped.father[i]!;
    const m = ped.mother[i]!;
    pushTransmission(m, matVar(i), false);
    if (hasPat(i)) {
      if (xLinked) {
        const hs = [matVar(f), patVar(i)] as const;
        factors.push({ kind: 'hemi', slots: hs, vars: varsOf(hs) });
      } else pushTransmission(f, patVar(i), true);
    }
  }
  for (let i = 0; i < N; i++) {
    if (ped.sameAs[i]! >= 0 || !relevant[i] || !hasObs(i)) continue;
    const slots = hasPat(i) ? [patVar(i), matVar(i)] : [matVar(i)];
    factors.push({ kind: 'obs', row: i, slots, vars: varsOf(slots) });
  }
  key += `|${barren}`;
  const fullStatus = new Uint8Array(2 * N + segCount);
  fullStatus.set(status);
  fullStatus.fill(SEG, 2 * N);
  return { status: fullStatus, slotVar, slotFlip, factors, barrenFounderAlleles: barren, key };
}

/** Domain size for a status. */
export function cardOfStatus(status: number, n: number): number {
  return status === FULL ? n : status === HET || status === SEG ? 2 : 1;
}

/**
 * Which transmission forms the planner may use: `'best'` (default) compiles both the plain and
 * the split form and keeps the one with less work; `'plain'` and `'split'` force one (tests).
 */
export let TRANSMISSION_FORM: 'best' | 'plain' | 'split' = 'best';

/** Choose the transmission form (for tests and benchmarks comparing the forms). */
export function _setTransmissionForm(form: 'best' | 'plain' | 'split'): void {
  TRANSMISSION_FORM = form;
}
