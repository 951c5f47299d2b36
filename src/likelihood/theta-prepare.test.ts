import { describe, expect, it } from 'vitest';
import type { Pedigree } from '../pedigree/pedigree.js';
import type { LocusProblem } from './problem.js';
import { _runThetaElimination } from './theta-eliminate.js';
import { _createMonomialSpace } from './theta-monomials.js';
import { _planThetaElimination } from './theta-plan.js';
import { _prepareThetaModel } from './theta-prepare.js';

/** rows: [father, mother, sex, allele1, allele2] with -1 for none. */
function makeProblem(
  rows: ReadonlyArray<readonly [number, number, number, number, number]>,
  p: readonly number[],
  matrix: readonly number[] | null = null,
): LocusProblem {
  const pedigree: Pedigree = {
    ids: rows.map((_, i) => `P${i}`),
    father: Int32Array.from(rows, (r) => r[0]),
    mother: Int32Array.from(rows, (r) => r[1]),
    sex: Uint8Array.from(rows, (r) => r[2]),
    sameAs: new Int32Array(rows.length).fill(-1),
    index: new Map(rows.map((_, i) => [`P${i}`, i])),
  };
  return {
    pedigree,
    nAlleles: p.length,
    frequencies: Float64Array.from(p),
    maleMatrix: matrix ? Float64Array.from(matrix) : null,
    femaleMatrix: matrix ? Float64Array.from(matrix) : null,
    xLinked: false,
    genotypes: Int32Array.from(rows.flatMap((r) => [r[3], r[4]])),
    theta: 0.01,
  };
}

const p5 = [0.1, 0.2, 0.3, 0.25, 0.15];
/** Equal model, rate 0.05 (mutation-models.md): strongly lumpable for any partition. */
const equal5 = Array.from({ length: 25 }, (_, k) => (k % 6 === 0 ? 0.95 : 0.05 / 4));
/** A stepwise-like matrix (neighbours more likely): not lumpable. */
const step5 = Array.from({ length: 25 }, (_, k) => {
  const [i, j] = [Math.floor(k / 5), k % 5];
  if (i === j) return 0.9;
  const w = (x: number): number => 0.5 ** Math.abs(i - x);
  const total = [0, 1, 2, 3, 4].filter((x) => x !== i).reduce((s, x) => s + w(x), 0);
  return (0.1 * w(j)) / total;
});

describe('_prepareThetaModel', () => {
  it('fixes the counts of a typed founder (TSDoc example: Int32Array [1, 1])', () => {
    const model = _prepareThetaModel(makeProblem([[-1, -1, 1, 0, 1]], [0.4, 0.6]));
    expect(Array.from(model.fixedCounts)).toEqual([1, 1]);
    expect(model.uncertainAlleles).toBe(0);
  });

  it('lumps alleles nobody carries into one type with the summed frequency, without mutation', () => {
    // trio: father 1/3 typed, mother untyped, child untyped → types {1, 3, rest}
    const model = _prepareThetaModel(
      makeProblem(
        [
          [-1, -1, 1, 1, 3],
          [-1, -1, 2, -1, -1],
          [0, 1, 1, -1, -1],
        ],
        p5,
      ),
    );
    expect(model.nTypes).toBe(3);
    expect(Array.from(model.typeFrequencies)).toEqual([0.2, 0.25, 0.1 + 0.3 + 0.15]);
  });

  it('lumps under the equal model but not under a stepwise-like matrix (strong lumpability)', () => {
    const rows = [
      [-1, -1, 1, -1, -1],
      [-1, -1, 2, -1, -1],
      [0, 1, 1, 1, 3],
    ] as const;
    expect(_prepareThetaModel(makeProblem(rows, p5, equal5)).nTypes).toBe(3);
    expect(_prepareThetaModel(makeProblem(rows, p5, step5)).nTypes).toBe(5);
  });

  it('prunes an untyped founder without typed descendants and keeps untyped founders of typed children', () => {
    const model = _prepareThetaModel(
      makeProblem(
        [
          [-1, -1, 1, -1, -1],
          [-1, -1, 2, -1, -1],
          [0, 1, 1, 0, 2],
          [-1, -1, 1, -1, -1],
        ],
        p5,
      ),
    );
    expect(model.prunedAlleles).toBe(2);
    expect(model.uncertainAlleles).toBe(4);
  });

  it('keeps an untyped child with mutation (matrix row sums need not be exactly 1)', () => {
    const rows = [
      [-1, -1, 1, 0, 1],
      [-1, -1, 2, 2, 2],
      [0, 1, 1, -1, -1],
    ] as const;
    expect(_prepareThetaModel(makeProblem(rows, p5)).variables.length).toBe(2);
    expect(_prepareThetaModel(makeProblem(rows, p5, step5)).variables.length).toBe(4);
  });
});

describe('_planThetaElimination and _runThetaElimination', () => {
  it('orders every variable once and returns a polynomial of the uncertain degree (TSDoc examples)', () => {
    const model = _prepareThetaModel(
      makeProblem(
        [
          [-1, -1, 1, -1, -1],
          [-1, -1, 2, -1, -1],
          [0, 1, 1, 0, 2],
          [0, 1, 2, 1, 2],
        ],
        p5,
      ),
    );
    const plan = _planThetaElimination(model, 2e7);
    expect([...plan.order].sort((a, b) => a - b)).toEqual(model.variables.map((_, i) => i));
    const space = _createMonomialSpace(model.nTypes, model.uncertainAlleles);
    expect(_runThetaElimination(model, plan, space).coefficients.length).toBe(
      space.size(model.uncertainAlleles),
    );
  });
});
