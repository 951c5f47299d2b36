/**
 * A compact way to write a locus problem in tests: rows with parents by index, sex, sameAs and
 * genotype (allele indices).
 */
import type { LocusProblem } from '../../src/likelihood/problem.js';
import type { Pedigree } from '../../src/pedigree/pedigree.js';

/** A row: parents by index (founder when absent), sex 1 male / 2 female, optional genotype. */
export interface Row {
  readonly father?: number;
  readonly mother?: number;
  readonly sex?: 1 | 2;
  readonly sameAs?: number;
  readonly g?: readonly [number, number];
}

/** Frequencies, theta, matrices (row-major) and chromosome of the problem. */
export interface ProblemOptions {
  readonly p: readonly number[];
  readonly theta?: number;
  readonly male?: readonly number[] | null;
  readonly female?: readonly number[] | null;
  readonly xLinked?: boolean;
}

/** Build a {@link LocusProblem} from rows (ids `P0`, `P1`, …). */
export function makeProblem(rows: readonly Row[], o: ProblemOptions): LocusProblem {
  const pedigree: Pedigree = {
    ids: rows.map((_, i) => `P${i}`),
    father: Int32Array.from(rows, (r) => r.father ?? -1),
    mother: Int32Array.from(rows, (r) => r.mother ?? -1),
    sex: Uint8Array.from(rows, (r) =>
      r.sameAs !== undefined ? (rows[r.sameAs]!.sex ?? 2) : (r.sex ?? 2),
    ),
    sameAs: Int32Array.from(rows, (r) => r.sameAs ?? -1),
    index: new Map(rows.map((_, i) => [`P${i}`, i])),
  };
  return {
    pedigree,
    nAlleles: o.p.length,
    frequencies: Float64Array.from(o.p),
    maleMatrix: o.male ? Float64Array.from(o.male) : null,
    femaleMatrix: o.female ? Float64Array.from(o.female) : null,
    xLinked: o.xLinked ?? false,
    genotypes: Int32Array.from(rows.flatMap((r) => (r.g ? [...r.g] : [-1, -1]))),
    theta: o.theta ?? 0,
  };
}
