/**
 * Turns a {@link LocusProblem} into the variables and factors of the theta engine: sameAs
 * genotypes merged, people without typed descendants pruned (with their exact weight), alleles
 * nobody carries lumped when there is no mutation, and one transmission factor per meiosis.
 *
 * @module
 */
import { KindredError } from '../errors.js';
import { lumpMatrices } from '../mutation/lumping.js';
import type { LocusProblem } from './problem.js';

/** One variable of the elimination: an allele (domain = types) or a typed person's allele order. */
export interface _ThetaVariable {
  /** Number of values. */
  readonly domain: number;
  /** True for an untyped founder allele: eliminating it multiplies by π_value (the urn prior). */
  readonly prior: boolean;
}

/** A table over `vars` (ascending; last varies fastest) of polynomials of one degree. */
export interface _ThetaFactor {
  readonly vars: Int32Array;
  readonly dims: Int32Array;
  /** Degree of every polynomial entry (number of founder priors multiplied in). */
  readonly degree: number;
  /** `data[assignment · size(degree) + monomial]`. */
  readonly data: Float64Array;
  /**
   * Natural log of a factor the entries were divided by (the table is `exp(logScale) · data`);
   * absent means 0. The elimination rescales tables so that no entry underflows.
   */
  readonly logScale?: number;
}

/** The prepared problem. `impossible` is true when two samples of one person disagree. */
export interface _ThetaModel {
  readonly impossible: boolean;
  /** Allele types after lumping. */
  readonly nTypes: number;
  /** Frequency of each type (sum of the lumped alleles' frequencies). */
  readonly typeFrequencies: Float64Array;
  /** Founder alleles of typed founders, per type. */
  readonly fixedCounts: Int32Array;
  /** Alleles of kept untyped founders (the degree of the final polynomial). */
  readonly uncertainAlleles: number;
  /** Founder alleles of pruned founders (no typed descendant). */
  readonly prunedAlleles: number;
  /** Σ of the given frequencies (the weight of one unconstrained draw is not exactly 1 otherwise). */
  readonly frequencySum: number;
  readonly variables: readonly _ThetaVariable[];
  readonly factors: readonly _ThetaFactor[];
}

/**
 * Build the elimination model of an autosomal locus problem (validated by the caller).
 *
 * People kept: typed people and their ancestors; with a mutation matrix also every non-founder
 * (summing out an untyped child multiplies by matrix row sums, which are 1 only within rounding).
 * A pruned founder's alleles are drawn last from the urn and summed out exactly by the caller.
 * Alleles that no typed person carries become one type when both matrices are strongly lumpable
 * for that partition (always without mutation): the Pólya urn, like the Dirichlet, is closed
 * under merging types (the merged type follows the same rule with p = Σ p_members).
 *
 * @param problem - the locus problem
 * @returns the model
 * @example
 * ```ts
 * _prepareThetaModel(singletonAB).fixedCounts; // => Int32Array [1, 1]
 * ```
 */
export function _prepareThetaModel(problem: LocusProblem): _ThetaModel {
  const { pedigree: ped, nAlleles: n } = problem;
  const rows = ped.ids.length;
  const g = Int32Array.from(problem.genotypes);
  let impossible = false;
  for (let r = 0; r < rows; r++) {
    const t = ped.sameAs[r]!;
    if (t === -1 || g[2 * r] === -1) continue;
    const [x, y] = [g[2 * r]!, g[2 * r + 1]!];
    if (g[2 * t] === -1) {
      g[2 * t] = x;
      g[2 * t + 1] = y;
    } else if (
      !((g[2 * t] === x && g[2 * t + 1] === y) || (g[2 * t] === y && g[2 * t + 1] === x))
    ) {
      impossible = true;
    }
  }
  const mutation = problem.maleMatrix !== null || problem.femaleMatrix !== null;
  const obs = problem.observations;
  const hasObs = (i: number): boolean => obs !== undefined && obs[i] != null;
  const kept = new Uint8Array(rows);
  const keepPerson = (i: number): void => {
    if (kept[i] === 1) return;
    kept[i] = 1;
    if (ped.father[i] !== -1) {
      keepPerson(ped.father[i]!);
      keepPerson(ped.mother[i]!);
    }
  };
  for (let i = 0; i < rows; i++) {
    if (ped.sameAs[i] !== -1) continue;
    if (g[2 * i] !== -1 || hasObs(i) || (mutation && ped.father[i] !== -1)) keepPerson(i);
  }
  // Lumping: alleles no typed person carries become one type when that is exact for both
  // matrices (always without mutation; strong lumpability otherwise, see mutation/lumping.ts).
  const keep: number[] = [];
  const typed = new Uint8Array(n);
  for (let i = 0; i < rows; i++) {
    if (kept[i] === 1 && g[2 * i] !== -1) typed[g[2 * i]!] = typed[g[2 * i + 1]!] = 1;
  }
  for (let a = 0; a < n; a++) if (typed[a] === 1) keep.push(a);
  // Observation factors are given over the problem's alleles: no further lumping here.
  const lumped =
    obs === undefined && keep.length < n - 1
      ? lumpMatrices(
          { male: problem.maleMatrix, female: problem.femaleMatrix },
          n,
          keep,
          problem.frequencies,
        )
      : null;
  const typeOf = lumped?.map ?? Int32Array.from({ length: n }, (_, a) => a);
  const nTypes = lumped?.nAlleles ?? n;
  const typeFrequencies = lumped?.frequencies ?? Float64Array.from(problem.frequencies);
  const maleMatrix = lumped === null ? problem.maleMatrix : lumped.male;
  const femaleMatrix = lumped === null ? problem.femaleMatrix : lumped.female;
  let frequencySum = 0;
  for (let a = 0; a < n; a++) frequencySum += problem.frequencies[a]!;
  // Variables: a typed person is one variable (which of its two alleles is paternal), an
  // untyped person two (paternal allele, maternal allele).
  const variables: _ThetaVariable[] = [];
  const patVar = new Int32Array(rows).fill(-1);
  const matVar = new Int32Array(rows).fill(-1);
  const patMap: Int32Array[] = [];
  const matMap: Int32Array[] = [];
  const identity = Int32Array.from({ length: nTypes }, (_, a) => a);
  const fixedCounts = new Int32Array(nTypes);
  let uncertainAlleles = 0;
  let prunedAlleles = 0;
  for (let i = 0; i < rows; i++) {
    if (ped.sameAs[i] !== -1) continue;
    const founder = ped.father[i] === -1;
    if (kept[i] === 0) {
      if (founder) prunedAlleles += 2;
      continue;
    }
    if (g[2 * i] !== -1) {
      const a = typeOf[g[2 * i]!]!;
      const b = typeOf[g[2 * i + 1]!]!;
      patVar[i] = matVar[i] = variables.length;
      variables.push({ domain: a === b ? 1 : 2, prior: false });
      patMap[i] = Int32Array.of(a, b);
      matMap[i] = Int32Array.of(b, a);
      if (founder) {
        fixedCounts[a] = fixedCounts[a]! + 1;
        fixedCounts[b] = fixedCounts[b]! + 1;
      }
    } else {
      patVar[i] = variables.length;
      matVar[i] = variables.length + 1;
      variables.push({ domain: nTypes, prior: founder }, { domain: nTypes, prior: founder });
      patMap[i] = matMap[i] = identity;
      if (founder) uncertainAlleles += 2;
    }
  }
  const factors: _ThetaFactor[] = [];
  const meiosis = (
    child: number,
    parent: number,
    childMap: Int32Array[],
    cv: Int32Array,
    m: Float64Array | null,
  ): void => {
    const vars = [...new Set([cv[child]!, patVar[parent]!, matVar[parent]!])].sort((x, y) => x - y);
    const dims = vars.map((v) => variables[v]!.domain);
    const size = dims.reduce((s, d) => s * d, 1);
    const data = new Float64Array(size);
    const value = new Int32Array(variables.length);
    const tr = (i: number, c: number): number =>
      m === null ? (i === c ? 1 : 0) : m[i * nTypes + c]!;
    for (let k = 0; k < size; k++) {
      let rest = k;
      for (let s = vars.length - 1; s >= 0; s--) {
        value[vars[s]!] = rest % dims[s]!;
        rest = Math.floor(rest / dims[s]!);
      }
      const c = childMap[child]![value[cv[child]!]!]!;
      const x = patMap[parent]![value[patVar[parent]!]!]!;
      const y = matMap[parent]![value[matVar[parent]!]!]!;
      data[k] = (tr(x, c) + tr(y, c)) / 2;
    }
    factors.push({ vars: Int32Array.from(vars), dims: Int32Array.from(dims), degree: 0, data });
  };
  for (let i = 0; i < rows; i++) {
    if (kept[i] === 0 || ped.father[i] === -1 || ped.sameAs[i] !== -1) continue;
    meiosis(i, ped.father[i]!, patMap, patVar, maleMatrix);
    meiosis(i, ped.mother[i]!, matMap, matVar, femaleMatrix);
  }
  // Observation factors P(E | pat, mat) of degraded samples (evidence.ts): over the person's two
  // allele variables, or its phase variable when the factor allows one genotype only.
  for (let i = 0; i < rows; i++) {
    const table = obs?.[i];
    if (table == null || kept[i] === 0 || ped.sameAs[i] !== -1) continue;
    const vars = [...new Set([patVar[i]!, matVar[i]!])].sort((x, y) => x - y);
    const dims = vars.map((v) => variables[v]!.domain);
    const size = dims.reduce((acc, d) => acc * d, 1);
    const data = new Float64Array(size);
    const value = new Int32Array(variables.length);
    for (let k = 0; k < size; k++) {
      let rest = k;
      for (let s = vars.length - 1; s >= 0; s--) {
        value[vars[s]!] = rest % dims[s]!;
        rest = Math.floor(rest / dims[s]!);
      }
      const x = patMap[i]![value[patVar[i]!]!]!;
      const y = matMap[i]![value[matVar[i]!]!]!;
      data[k] = table[x * n + y]!;
    }
    factors.push({ vars: Int32Array.from(vars), dims: Int32Array.from(dims), degree: 0, data });
  }
  return {
    impossible,
    nTypes,
    typeFrequencies,
    fixedCounts,
    uncertainAlleles,
    prunedAlleles,
    frequencySum,
    variables,
    factors,
  };
}

/**
 * Check the shape and ranges of a locus problem for the theta engine.
 *
 * @param problem - the problem
 * @throws KindredError `INVALID_ARGUMENT` for wrong lengths, allele indices out of range or theta
 *   outside [0, 1); `UNSUPPORTED` for an X-linked locus
 * @example
 * ```ts
 * _validateThetaProblem(xProblem); // throws UNSUPPORTED
 * ```
 */
export function _validateThetaProblem(problem: LocusProblem): void {
  const { pedigree: ped, nAlleles: n } = problem;
  const rows = ped.ids.length;
  const bad = (what: string, path: Array<string | number>): never => {
    throw new KindredError('INVALID_ARGUMENT', what, { path });
  };
  if (problem.xLinked) {
    throw new KindredError(
      'UNSUPPORTED',
      'The theta engine handles autosomal loci only (theta with an X-chromosomal locus has no reference definition)',
      { path: ['xLinked'] },
    );
  }
  if (!(problem.theta >= 0 && problem.theta < 1))
    bad(`theta must be in [0, 1), got ${problem.theta}`, ['theta']);
  if (!Number.isInteger(n) || n < 1)
    bad(`nAlleles must be a positive integer, got ${n}`, ['nAlleles']);
  if (problem.frequencies.length !== n) {
    bad(`frequencies has length ${problem.frequencies.length}, expected ${n}`, ['frequencies']);
  }
  for (const key of ['maleMatrix', 'femaleMatrix'] as const) {
    const m = problem[key];
    if (m !== null && m.length !== n * n)
      bad(`${key} has length ${m.length}, expected ${n * n}`, [key]);
  }
  if (problem.genotypes.length !== 2 * rows) {
    bad(`genotypes has length ${problem.genotypes.length}, expected ${2 * rows}`, ['genotypes']);
  }
  for (let k = 0; k < 2 * rows; k++) {
    const a = problem.genotypes[k]!;
    if (a < -1 || a >= n || (a === -1) !== (problem.genotypes[k ^ 1] === -1)) {
      bad(`Allele index ${a} of row "${ped.ids[k >> 1]}" is invalid`, ['genotypes', k]);
    }
  }
}
