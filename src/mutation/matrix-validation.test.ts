import { describe, expect, it } from 'vitest';
import { KindredError } from '../errors.js';
import { buildMutationMatrix } from './matrix.js';
import type { MutationModel } from './types.js';

function catchError(f: () => unknown): KindredError {
  try {
    f();
  } catch (e) {
    if (e instanceof KindredError) return e;
    throw e;
  }
  throw new Error('expected a KindredError');
}

describe('buildMutationMatrix: refused models', () => {
  const opts = { path: ['loci', 3, 'mutation'], locus: 'D3S1358' } as const;
  const cases: [string, MutationModel, string[], (string | number)[], string][] = [
    [
      'stepwise with label "X"',
      { model: 'stepwise', rate: 0.01, rate2: 0, range: 0.5 },
      ['10', 'X'],
      [],
      '"X"',
    ],
    [
      'stepwise with label "99a"',
      { model: 'stepwise', rate: 0.01, rate2: 0, range: 0.5 },
      ['99a', '10'],
      [],
      '"99a"',
    ],
    [
      'stepwise with two decimals',
      { model: 'stepwise', rate: 0.01, rate2: 0, range: 0.5 },
      ['9.25', '10'],
      [],
      '"9.25"',
    ],
    [
      'stepwise with an exponent',
      { model: 'stepwise', rate: 0.01, rate2: 0, range: 0.5 },
      ['1e1', '10'],
      [],
      '"1e1"',
    ],
    ['onestep with a microvariant', { model: 'onestep', rate: 0.01 }, ['10', '10.3'], [], '"10.3"'],
    ['equal with rate 1.5', { model: 'equal', rate: 1.5 }, ['1', '2'], ['rate'], '1.5'],
    ['equal with rate -0.1', { model: 'equal', rate: -0.1 }, ['1', '2'], ['rate'], '-0.1'],
    ['equal with rate NaN', { model: 'equal', rate: Number.NaN }, ['1', '2'], ['rate'], 'NaN'],
    [
      'stepwise with rate2 2',
      { model: 'stepwise', rate: 0.1, rate2: 2, range: 0.5 },
      ['1', '2'],
      ['rate2'],
      '2',
    ],
    [
      'stepwise with rate+rate2 > 1',
      { model: 'stepwise', rate: 0.6, rate2: 0.5, range: 0.5 },
      ['1', '2'],
      [],
      '0.6 + 0.5',
    ],
    [
      'stepwise with range 0',
      { model: 'stepwise', rate: 0.1, rate2: 0.1, range: 0 },
      ['1', '2'],
      ['range'],
      'range',
    ],
    [
      'stepwise with range -1',
      { model: 'stepwise', rate: 0.1, rate2: 0.1, range: -1 },
      ['1', '2'],
      ['range'],
      '-1',
    ],
  ];
  for (const [name, model, alleles, extra, fragment] of cases) {
    it(`${name} throws INVALID_MUTATION naming the locus and value`, () => {
      const e = catchError(() =>
        buildMutationMatrix(
          model,
          alleles,
          alleles.map(() => 1 / alleles.length),
          opts,
        ),
      );
      expect(e.code).toBe('INVALID_MUTATION');
      expect(e.path).toEqual(['loci', 3, 'mutation', ...extra]);
      expect(e.message).toContain('D3S1358');
      expect(e.message).toContain(fragment);
    });
  }

  it('proportional above (1 - Σp²)/(1 - min p) throws INVALID_MUTATION', () => {
    // p = (0.5, 0.5): bound = (1 - 0.5)/(1 - 0.5) = 1; p = (0.9, 0.1): bound = 0.18/0.9 = 0.2.
    expect(() =>
      buildMutationMatrix({ model: 'proportional', rate: 1 }, ['1', '2'], [0.5, 0.5]),
    ).not.toThrow();
    const e = catchError(() =>
      buildMutationMatrix({ model: 'proportional', rate: 0.21 }, ['1', '2'], [0.9, 0.1], opts),
    );
    expect(e.code).toBe('INVALID_MUTATION');
    expect(e.path).toEqual(['loci', 3, 'mutation', 'rate']);
    expect(e.message).toContain('0.21');
    // Just below the bound the rarest allele's diagonal 1 - k·(1 - 0.1), k = 0.19/0.18, is 0.05.
    const below = buildMutationMatrix(
      { model: 'proportional', rate: 0.19 },
      ['1', '2'],
      [0.9, 0.1],
    );
    expect(below[3]).toBeCloseTo(0.05, 14);
  });

  it('custom of the wrong shape throws with the path of the matrix or row', () => {
    const rows = catchError(() =>
      buildMutationMatrix({ model: 'custom', matrix: [[1, 0]] }, ['a', 'b'], [0.5, 0.5], opts),
    );
    expect([rows.code, rows.path]).toEqual(['INVALID_MUTATION', ['loci', 3, 'mutation', 'matrix']]);
    expect(rows.message).toContain('2 rows');
    const row = catchError(() =>
      buildMutationMatrix({ model: 'custom', matrix: [[1, 0], [1]] }, ['a', 'b'], [0.5, 0.5], opts),
    );
    expect(row.path).toEqual(['loci', 3, 'mutation', 'matrix', 1]);
    expect(row.message).toContain('row 1');
  });

  it('custom with an entry outside [0, 1] or a row sum off by more than 1e-6 throws', () => {
    const entry = catchError(() =>
      buildMutationMatrix(
        {
          model: 'custom',
          matrix: [
            [1.2, -0.2],
            [0, 1],
          ],
        },
        ['a', 'b'],
        [0.5, 0.5],
        opts,
      ),
    );
    expect([entry.code, entry.path]).toEqual([
      'INVALID_MUTATION',
      ['loci', 3, 'mutation', 'matrix', 0, 0],
    ]);
    expect(entry.message).toContain('1.2');
    const sum = catchError(() =>
      buildMutationMatrix(
        {
          model: 'custom',
          matrix: [
            [0.5, 0.5],
            [0.5, 0.499998],
          ],
        },
        ['a', 'b'],
        [0.5, 0.5],
        opts,
      ),
    );
    expect([sum.code, sum.path]).toEqual([
      'INVALID_MUTATION',
      ['loci', 3, 'mutation', 'matrix', 1],
    ]);
    expect(sum.message).toContain('row 1 sums to 0.99999');
    // Within the tolerance the matrix is used exactly as given.
    const ok = buildMutationMatrix(
      {
        model: 'custom',
        matrix: [
          [0.5, 0.5],
          [0.5, 0.4999995],
        ],
      },
      ['a', 'b'],
      [0.5, 0.5],
    );
    expect(ok[3]).toBe(0.4999995);
  });

  it('alleles and frequencies of different lengths throw INVALID_ARGUMENT', () => {
    expect(
      catchError(() => buildMutationMatrix({ model: 'equal', rate: 0 }, ['1', '2'], [1])).code,
    ).toBe('INVALID_ARGUMENT');
  });
});
