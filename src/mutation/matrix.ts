/**
 * Mutation (transmission) matrices from model descriptions, exactly as pedmut 0.9.1 defines them
 * (`spec/mutation-models.md`). A matrix is row-major `n*n`: `m[i*n + j]` = P(parent transmits
 * allele j | parental allele i).
 *
 * @module
 */
import { type ErrorPath, KindredError } from '../errors.js';
import { _fillOnestep, _fillStepwise, _parseRepeatLabels } from './stepwise.js';
import type { MutationModel, MutationSpec } from './types.js';
import { isSexSpecific } from './types.js';

/** Where a model came from, for error messages. */
export interface MatrixOptions {
  /** Path to the mutation object in the input (e.g. `['loci', 2, 'mutation']`). */
  readonly path?: ErrorPath;
  /** Locus name used in messages. */
  readonly locus?: string;
}

/** The transmission matrices of a locus: `null` means no mutation (identity). */
export interface SexMatrices {
  /** Used for fathers' transmissions. */
  readonly male: Float64Array | null;
  /** Used for mothers' transmissions (the same array as `male` for a plain model). */
  readonly female: Float64Array | null;
}

/** Largest custom-matrix row-sum deviation from 1 that is accepted (case format). */
export const CUSTOM_ROW_SUM_TOLERANCE = 1e-6;

/**
 * The most alleles a locus with a mutation model may have: its matrices hold n² numbers each
 * (1024 alleles: 8 MB a matrix), built before any likelihood is computed, so a larger locus is
 * refused at once rather than after seconds and gigabytes.
 */
export const MAX_MUTATION_ALLELES = 1024;

/**
 * Build the mutation matrix of one model for a locus.
 *
 * - `equal`: `M[i][i] = 1 - rate`, `M[i][j] = rate/(n-1)`.
 * - `proportional`: `k = rate / Σ p_i(1-p_i)`, `M[i][j] = k p_j`, `M[i][i] = 1 - k + k p_i`.
 * - `stepwise` (extended): same microvariant group → weights `range^|a_i-a_j|` rescaled to `rate`;
 *   other groups share `rate2`; diagonal the rest (pedmut's `.5` quirk is copied).
 * - `onestep`: neighbours one repeat away share `rate`; an isolated allele has diagonal 1.
 * - `custom`: the matrix as given.
 *
 * A locus with one allele gets `[[1]]` for every model but `custom` (as pedmut does).
 *
 * @param model - the model description
 * @param alleles - allele labels in locus order
 * @param frequencies - allele frequencies in locus order (used as given)
 * @param options - error path and locus name
 * @returns row-major `n*n` Float64Array
 * @throws KindredError `INVALID_MUTATION` for a rate outside [0, 1], `rate + rate2 > 1`,
 *   `range <= 0`, a proportional rate above `(1 - Σp²)/(1 - min p)`, a label the model cannot
 *   read, or a custom matrix of wrong shape, entries outside [0, 1] or rows off 1 by more than 1e-6
 * @throws KindredError `INVALID_ARGUMENT` when `alleles` is empty or `frequencies` has another length
 * @throws KindredError `TOO_COMPLEX` for more than {@link MAX_MUTATION_ALLELES} alleles (before
 *   anything is allocated)
 * @example
 * ```ts
 * const m = buildMutationMatrix({ model: 'equal', rate: 0.01 }, ['14', '15', '16', '16.3'], [0.2, 0.4, 0.3, 0.1]);
 * m[0]; // => 0.99
 * m[1]; // => 0.0033333333333333335
 * ```
 */
export function buildMutationMatrix(
  model: MutationModel,
  alleles: readonly string[],
  frequencies: readonly number[],
  options: MatrixOptions = {},
): Float64Array {
  const path = options.path ?? [];
  const locus = options.locus ?? '?';
  const n = alleles.length;
  if (n === 0 || frequencies.length !== n) {
    throw new KindredError(
      'INVALID_ARGUMENT',
      `Locus "${locus}": ${n} alleles and ${frequencies.length} frequencies; need as many, at least one`,
      { path },
    );
  }
  if (n > MAX_MUTATION_ALLELES) {
    throw new KindredError(
      'TOO_COMPLEX',
      `Locus "${locus}" has ${n} alleles; a mutation model allows at most ${MAX_MUTATION_ALLELES} (its matrix would hold ${n}² entries)`,
      { path },
    );
  }
  const m = new Float64Array(n * n);
  if (model.model === 'custom') return _copyCustom(m, model.matrix, n, locus, path);
  const rate = _checkRate(model.rate, 'rate', model.model, locus, path);
  if (model.model === 'stepwise') {
    const rate2 = _checkRate(model.rate2, 'rate2', 'stepwise', locus, path);
    if (rate + rate2 > 1) {
      throw new KindredError(
        'INVALID_MUTATION',
        `Locus "${locus}": stepwise rate + rate2 must be at most 1, got ${rate} + ${rate2}`,
        { path },
      );
    }
    if (typeof model.range !== 'number' || !(model.range > 0) || !Number.isFinite(model.range)) {
      throw new KindredError(
        'INVALID_MUTATION',
        `Locus "${locus}": stepwise range must be a positive number, got ${String(model.range)}`,
        { path: [...path, 'range'] },
      );
    }
    if (n === 1) return _identity(m, n);
    _fillStepwise(
      m,
      _parseRepeatLabels(alleles, 1, 'stepwise', locus, path),
      rate,
      rate2,
      model.range,
    );
    return m;
  }
  if (n === 1) return _identity(m, n);
  switch (model.model) {
    case 'equal': {
      m.fill(rate / (n - 1));
      for (let i = 0; i < n; i++) m[i * n + i] = 1 - rate;
      return m;
    }
    case 'proportional':
      return _fillProportional(m, rate, frequencies, locus, path);
    case 'onestep':
      _fillOnestep(m, _parseRepeatLabels(alleles, 0, 'onestep', locus, path), rate);
      return m;
    default:
      throw new KindredError(
        'INVALID_MUTATION',
        `Locus "${locus}": unknown mutation model "${String((model as { model: unknown }).model)}"`,
        { path: [...path, 'model'] },
      );
  }
}

/**
 * Build the male and female matrices of a locus's `mutation` field.
 *
 * @param spec - `null` (no mutation), one model (both sexes) or `{female, male}`
 * @param alleles - allele labels in locus order
 * @param frequencies - allele frequencies in locus order
 * @param options - error path (of the mutation field) and locus name
 * @returns `{male, female}`: both `null` for no mutation; the same array twice for a plain model
 * @throws KindredError `INVALID_MUTATION` as {@link buildMutationMatrix}, with `male`/`female` in the path
 * @example
 * ```ts
 * const { male, female } = buildMatrices({ model: 'equal', rate: 0.1 }, ['1', '2'], [0.5, 0.5]);
 * male === female; // => true
 * buildMatrices(null, ['1', '2'], [0.5, 0.5]).male; // => null
 * ```
 */
export function buildMatrices(
  spec: MutationSpec,
  alleles: readonly string[],
  frequencies: readonly number[],
  options: MatrixOptions = {},
): SexMatrices {
  if (spec === null) return { male: null, female: null };
  if (!isSexSpecific(spec)) {
    const m = buildMutationMatrix(spec, alleles, frequencies, options);
    return { male: m, female: m };
  }
  const path = options.path ?? [];
  const at = (sex: 'male' | 'female'): MatrixOptions => ({
    path: [...path, sex],
    ...(options.locus !== undefined ? { locus: options.locus } : {}),
  });
  return {
    male: buildMutationMatrix(spec.male, alleles, frequencies, at('male')),
    female: buildMutationMatrix(spec.female, alleles, frequencies, at('female')),
  };
}

function _identity(m: Float64Array, n: number): Float64Array {
  for (let i = 0; i < n; i++) m[i * n + i] = 1;
  return m;
}

function _checkRate(
  value: unknown,
  field: 'rate' | 'rate2',
  model: string,
  locus: string,
  path: ErrorPath,
): number {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
    throw new KindredError(
      'INVALID_MUTATION',
      `Locus "${locus}": ${model} ${field} must be a number in [0, 1], got ${String(value)}`,
      { path: [...path, field] },
    );
  }
  return value;
}

function _fillProportional(
  m: Float64Array,
  rate: number,
  p: readonly number[],
  locus: string,
  path: ErrorPath,
): Float64Array {
  const n = p.length;
  let heterozygosity = 0;
  let sumSquares = 0;
  let minP = Number.POSITIVE_INFINITY;
  for (const pi of p) {
    heterozygosity += pi * (1 - pi);
    sumSquares += pi * pi;
    minP = Math.min(minP, pi);
  }
  const maxRate = (1 - sumSquares) / (1 - minP);
  if (rate > maxRate) {
    throw new KindredError(
      'INVALID_MUTATION',
      `Locus "${locus}": proportional rate ${rate} is above the largest possible ${maxRate} ` +
        '((1 - Σp²)/(1 - min p)); a diagonal entry would be negative',
      { path: [...path, 'rate'] },
    );
  }
  const k = rate / heterozygosity;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) m[i * n + j] = k * p[j]!;
    m[i * n + i] = 1 - k + k * p[i]!;
  }
  return m;
}

function _copyCustom(
  m: Float64Array,
  matrix: readonly (readonly number[])[],
  n: number,
  locus: string,
  path: ErrorPath,
): Float64Array {
  const at = [...path, 'matrix'];
  if (!Array.isArray(matrix) || matrix.length !== n) {
    throw new KindredError(
      'INVALID_MUTATION',
      `Locus "${locus}": custom matrix must have ${n} rows (one per allele), got ${Array.isArray(matrix) ? matrix.length : typeof matrix}`,
      { path: at },
    );
  }
  matrix.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== n) {
      throw new KindredError(
        'INVALID_MUTATION',
        `Locus "${locus}": custom matrix row ${i} must have ${n} entries, got ${Array.isArray(row) ? row.length : typeof row}`,
        { path: [...at, i] },
      );
    }
    let sum = 0;
    row.forEach((v, j) => {
      if (typeof v !== 'number' || !(v >= 0 && v <= 1)) {
        throw new KindredError(
          'INVALID_MUTATION',
          `Locus "${locus}": custom matrix entry [${i}][${j}] must be a number in [0, 1], got ${String(v)}`,
          { path: [...at, i, j] },
        );
      }
      m[i * n + j] = v;
      sum += v;
    });
    if (Math.abs(sum - 1) > CUSTOM_ROW_SUM_TOLERANCE) {
      throw new KindredError(
        'INVALID_MUTATION',
        `Locus "${locus}": custom matrix row ${i} sums to ${sum}, not 1 (tolerance 1e-6)`,
        { path: [...at, i] },
      );
    }
  });
  return m;
}
