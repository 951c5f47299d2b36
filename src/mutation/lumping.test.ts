import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KindredError } from '../errors.js';
import { isLumpable, lumpMatrices, lumpMatrix } from './lumping.js';
import { buildMutationMatrix } from './matrix.js';
import type { MutationModel } from './types.js';

/** x (length n) times M (n*n). */
function vecMat(x: ArrayLike<number>, m: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[j]! += x[i]! * m[i * n + j]!;
  return out;
}

/** Aggregate a length-n vector into blocks: x·V. */
function collapse(x: ArrayLike<number>, map: Int32Array, m: number): Float64Array {
  const out = new Float64Array(m);
  for (let i = 0; i < x.length; i++) out[map[i]!]! += x[i]!;
  return out;
}

function expectClose(a: ArrayLike<number>, b: ArrayLike<number>, tol = 1e-12): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) expect(Math.abs(a[i]! - b[i]!)).toBeLessThanOrEqual(tol);
}

/** Random stochastic row of length k from positive weights. */
function normalise(w: number[]): number[] {
  const s = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / s);
}

/**
 * A random lumpable instance: n alleles, the first K kept; an m×m stochastic L; each row of M
 * spreads L's block mass over the block's alleles with random splits (rest rows share L's rest row).
 */
const lumpableArb = fc
  .record({ K: fc.integer({ min: 0, max: 4 }), R: fc.integer({ min: 2, max: 5 }) })
  .chain(({ K, R }) => {
    const n = K + R;
    const m = K + 1;
    const pos = fc.double({ min: 0.01, max: 1, noNaN: true });
    return fc.record({
      K: fc.constant(K),
      n: fc.constant(n),
      L: fc.array(fc.array(pos, { minLength: m, maxLength: m }), { minLength: m, maxLength: m }),
      splits: fc.array(fc.array(pos, { minLength: R, maxLength: R }), {
        minLength: n,
        maxLength: n,
      }),
      p: fc.array(pos, { minLength: n, maxLength: n }),
    });
  })
  .map(({ K, n, L, splits, p }) => {
    const m = K + 1;
    const Ln = L.map(normalise);
    const M = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      const row = Ln[Math.min(i, K)]!;
      for (let k = 0; k < K; k++) M[i * n + k] = row[k]!;
      const split = normalise(splits[i]!);
      for (let r = 0; r < n - K; r++) M[i * n + K + r] = row[K]! * split[r]!;
    }
    return { K, n, m, L: Ln, M, p: normalise(p) };
  });

describe('lumpMatrix: strong lumpability (Kemeny–Snell)', () => {
  it('lumps a random lumpable matrix: M·V = V·L and the lumped rows are L (fast-check)', () => {
    fc.assert(
      fc.property(lumpableArb, ({ K, n, m, L, M, p }) => {
        const keep = Array.from({ length: K }, (_, k) => k);
        const lumped = lumpMatrix(M, n, keep, p);
        expect(lumped).not.toBeNull();
        const { matrix, frequencies, map } = lumped!;
        expectClose(matrix, L.flat());
        expect(frequencies[K]).toBeCloseTo(
          p.slice(K).reduce((a, b) => a + b, 0),
          15,
        );
        // M V = V L, row by row: collapse(e_i M) = e_{block(i)} L.
        for (let i = 0; i < n; i++) {
          const rowBlocks = collapse(M.subarray(i * n, i * n + n), map, m);
          expectClose(rowBlocks, matrix.subarray(map[i]! * m, map[i]! * m + m));
        }
        // Two generations from the founder distribution: (p M M) V = (p V) L L.
        const full = collapse(vecMat(vecMat(p, M, n), M, n), map, m);
        const small = vecMat(vecMat(frequencies, matrix, m), matrix, m);
        expectClose(full, small);
      }),
    );
  });

  it('refuses a random stochastic matrix with a kept allele and two or more rest alleles (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 2, max: 4 }),
        fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: 49, maxLength: 49 }),
        (K, R, w) => {
          const n = K + R;
          const M = new Float64Array(n * n);
          for (let i = 0; i < n; i++) M.set(normalise(w.slice(i * n, i * n + n)), i * n);
          // The first two rest rows differ in kept column 0.
          fc.pre(Math.abs(M[K * n]! - M[(K + 1) * n]!) > 1e-6);
          const keep = Array.from({ length: K }, (_, k) => k);
          expect(lumpMatrix(M, n, keep, new Float64Array(n).fill(1 / n))).toBeNull();
        },
      ),
    );
  });

  it('a rest block with zero frequency mass still gives a finite lumped row', () => {
    const M = new Float64Array([0.9, 0.05, 0.05, 0.1, 0.8, 0.1, 0.1, 0.1, 0.8]);
    const l = lumpMatrix(M, 3, [0], [1, 0, 0])!;
    expect(Array.from(l.matrix)).toEqual([0.9, 0.1, 0.1, 0.9]);
  });

  it('with no kept allele everything is one block and always lumpable', () => {
    const M = new Float64Array([0.2, 0.8, 0.6, 0.4]);
    expect(Array.from(lumpMatrix(M, 2, [], [0.5, 0.5])!.matrix)).toEqual([1]);
  });

  it('equal example in the TSDoc: frequencies [0.1, 0.2, 0.7] and rest diagonal 0.98', () => {
    const f = [0.1, 0.2, 0.3, 0.4];
    const m = buildMutationMatrix({ model: 'equal', rate: 0.03 }, ['1', '2', '3', '4'], f);
    const l = lumpMatrix(m, 4, [0, 1], f)!;
    expect(Array.from(l.frequencies)).toEqual([0.1, 0.2, 0.7]);
    // 0.97 stays + 0.01 to the other rest allele.
    expect(l.matrix[8]).toBeCloseTo(0.98, 15);
    expect(Array.from(l.map)).toEqual([0, 1, 2, 2]);
  });

  it('follows the order of keep and leaves no rest allele when all are kept', () => {
    const f = [0.5, 0.3, 0.2];
    const m = buildMutationMatrix({ model: 'onestep', rate: 0.1 }, ['1', '2', '3'], f);
    const l = lumpMatrix(m, 3, [2, 0, 1], f)!;
    expect(Array.from(l.map)).toEqual([1, 2, 0]);
    expect(Array.from(l.frequencies)).toEqual([0.2, 0.5, 0.3]);
    expect(l.matrix[0 * 3 + 2]).toBe(m[2 * 3 + 1]); // 3 → 2
  });

  it('refuses bad keep indices with INVALID_ARGUMENT', () => {
    const m = new Float64Array([1, 0, 0, 1]);
    for (const keep of [[2], [0, 0], [-1], [0.5]]) {
      let err: unknown;
      try {
        lumpMatrix(m, 2, keep, [0.5, 0.5]);
      } catch (e) {
        err = e;
      }
      expect((err as KindredError).code).toBe('INVALID_ARGUMENT');
      expect((err as KindredError).message).toContain(String(keep[keep.length - 1]));
    }
  });
});

describe('lumpMatrix: the models', () => {
  const labels = ['10', '11', '12', '13', '14', '15'];
  const f = [0.1, 0.15, 0.2, 0.25, 0.2, 0.1];
  const keeps = [[], [0], [1, 3], [5, 2, 0]];
  const lumpableAlways: [string, MutationModel][] = [
    ['equal', { model: 'equal', rate: 0.02 }],
    ['proportional', { model: 'proportional', rate: 0.02 }],
    [
      'stepwise with range 1 on integers (every step equally likely)',
      { model: 'stepwise', rate: 0.02, rate2: 0.001, range: 1 },
    ],
    [
      'custom identity (no mutation)',
      { model: 'custom', matrix: labels.map((_, i) => labels.map((_, j) => (i === j ? 1 : 0))) },
    ],
  ];
  for (const [name, model] of lumpableAlways) {
    it(`${name} is lumpable for every partition`, () => {
      const m = buildMutationMatrix(model, labels, f);
      for (const keep of keeps) expect(isLumpable(m, 6, keep)).toBe(true);
    });
  }

  it('stepwise with range 0.5 is not lumpable when rest alleles sit at different distances', () => {
    // Row 12 → 10 has weight 0.5², row 13 → 10 has 0.5³: different entries in a kept column.
    const m = buildMutationMatrix(
      { model: 'stepwise', rate: 0.02, rate2: 0, range: 0.5 },
      labels,
      f,
    );
    expect(isLumpable(m, 6, [0, 1])).toBe(false);
  });

  it('stepwise lumps same-group microvariants when every kept allele is in another group', () => {
    // Rows 9.3, 10.3, 11.3 give each kept integer rate2/2 and keep the rest of their mass in the block.
    const m = buildMutationMatrix(
      { model: 'stepwise', rate: 0.02, rate2: 0.004, range: 0.5 },
      ['10', '11', '9.3', '10.3', '11.3'],
      [0.3, 0.3, 0.1, 0.2, 0.1],
    );
    expect(isLumpable(m, 5, [0, 1])).toBe(true);
    expect(isLumpable(m, 5, [0, 2])).toBe(false);
  });

  it('onestep is lumpable only when no rest allele neighbours a kept one', () => {
    const m = buildMutationMatrix(
      { model: 'onestep', rate: 0.01 },
      ['10', '11', '15', '16'],
      [0.25, 0.25, 0.25, 0.25],
    );
    expect(isLumpable(m, 4, [0, 1])).toBe(true);
    const m2 = buildMutationMatrix(
      { model: 'onestep', rate: 0.01 },
      ['10', '11', '12', '13'],
      [0.25, 0.25, 0.25, 0.25],
    );
    expect(isLumpable(m2, 4, [0, 1])).toBe(false); // 12 → 11 is rate/2, 13 → 11 is 0
  });
});

describe('lumpMatrices: sex-specific pairs', () => {
  const labels = ['10', '11', '12', '13'];
  const f = [0.1, 0.2, 0.3, 0.4];
  const equal = buildMutationMatrix({ model: 'equal', rate: 0.001 }, labels, f);
  const step = buildMutationMatrix(
    { model: 'stepwise', rate: 0.004, rate2: 0.0002, range: 0.2 },
    labels,
    f,
  );

  it('returns null when only one sex is lumpable (unlike pedmut 0.9.1, spec caveat)', () => {
    expect(lumpMatrices({ male: step, female: equal }, 4, [0], f)).toBeNull();
    expect(lumpMatrices({ male: equal, female: step }, 4, [0], f)).toBeNull();
  });

  it('lumps both when both are lumpable and keeps one array for a plain model', () => {
    const both = lumpMatrices({ male: equal, female: equal }, 4, [0], f)!;
    expect(both.male).toBe(both.female);
    expect(both.nAlleles).toBe(2);
    expect(both.male![0]).toBe(0.999);
    const prop = buildMutationMatrix({ model: 'proportional', rate: 0.002 }, labels, f);
    const mixed = lumpMatrices({ male: prop, female: equal }, 4, [0], f)!;
    expect(mixed.male).not.toBe(mixed.female);
  });

  it('lumps frequencies alone without mutation (TSDoc example)', () => {
    const l = lumpMatrices({ male: null, female: null }, 3, [0], [0.2, 0.3, 0.5])!;
    expect(Array.from(l.frequencies)).toEqual([0.2, 0.8]);
    expect(l.male).toBeNull();
  });

  it('isLumpable example in the TSDoc is true', () => {
    expect(isLumpable(new Float64Array([1, 0, 0, 0, 0.5, 0.5, 0, 0.5, 0.5]), 3, [0])).toBe(true);
  });
});
