/**
 * Reading and checking the `mutation` field of a case-file locus (models of
 * `spec/mutation-models.md`).
 *
 * @module
 */
import type { ErrorPath } from '../errors.js';
import { MAX_MUTATION_ALLELES } from '../mutation/matrix.js';
import { MAX_REPEAT_NUMBER } from '../mutation/stepwise.js';
import type { MutationModel, MutationSpec } from '../mutation/types.js';
import {
  checkFields,
  describeJson,
  getOwn,
  type IssueList,
  isJsonObject,
  type JsonObject,
} from './json-value.js';

/** Rows of a custom matrix must sum to 1 within this tolerance (case-format.md). */
export const MATRIX_ROW_TOLERANCE = 1e-6;

/** What a mutation model is checked against. */
export interface MutationContext {
  /** `Locus "S01"` (for messages). */
  readonly label: string;
  readonly alleles: readonly string[];
  /** Valid frequencies, or undefined when they were wrong (the proportional bound is skipped). */
  readonly frequencies: readonly number[] | undefined;
  /** Path of the `mutation` field. */
  readonly path: ErrorPath;
}

const MODEL_FIELDS: ReadonlyMap<string, readonly string[]> = new Map([
  ['equal', ['rate']],
  ['proportional', ['rate']],
  ['stepwise', ['rate', 'rate2', 'range']],
  ['onestep', ['rate']],
  ['custom', ['matrix']],
]);

/** A label with at most one decimal, as `stepwise` requires (`9`, `9.3`). */
const STEPWISE_LABEL = /^\d+(\.\d)?$/;
/** An integer label, as `onestep` requires. */
const ONESTEP_LABEL = /^\d+$/;

/**
 * Read a locus `mutation` field. Rules (each `INVALID_MUTATION` unless said otherwise):
 * - `null` or absent: no mutation;
 * - a model on a locus of more than `MAX_MUTATION_ALLELES` (1024) alleles: `TOO_COMPLEX`;
 * - a model `{model, ...}` with exactly the fields of its model: `equal`, `proportional`,
 *   `onestep` need `rate` in [0, 1]; `stepwise` needs `rate`, `rate2` in [0, 1] with
 *   `rate + rate2 <= 1` and `range > 0`, and every allele label a number with at most one
 *   decimal; `onestep` needs every label an integer; both need repeat numbers of at most
 *   `MAX_REPEAT_NUMBER` (1000); `proportional` refuses a rate above
 *   `(1 - Σp²) / (1 - min p)` (a diagonal would go negative); `custom` needs an n×n `matrix` of
 *   numbers in [0, 1] whose rows sum to 1 within 1e-6; any other model name is refused;
 * - or `{female: model, male: model}`, both required, nothing else.
 *
 * @param value - the `mutation` field
 * @param ctx - the locus it belongs to
 * @param issues - where issues go
 * @returns the spec (null when invalid; the caller sees the issues)
 * @example
 * ```ts
 * readMutationSpec({ model: 'onestep', rate: 0.01 }, { label: 'Locus "S01"', alleles: ['9.3'], frequencies: [1], path: ['loci', 0, 'mutation'] }, issues);
 * // => null, with issue 'Locus "S01" uses the onestep mutation model, but allele "9.3" is not an integer'
 * ```
 */
export function readMutationSpec(
  value: unknown,
  ctx: MutationContext,
  issues: IssueList,
): MutationSpec {
  if (value === undefined || value === null) return null;
  if (ctx.alleles.length > MAX_MUTATION_ALLELES) {
    issues.add(
      'TOO_COMPLEX',
      `${ctx.label} has ${ctx.alleles.length} alleles; a mutation model allows at most ${MAX_MUTATION_ALLELES} (its matrix would hold ${ctx.alleles.length}² entries)`,
      ctx.path,
    );
    return null;
  }
  if (!isJsonObject(value)) {
    issues.add(
      'INVALID_MUTATION',
      `${ctx.label} has mutation ${describeJson(value)}; expected null, a model or {"female", "male"}`,
      ctx.path,
    );
    return null;
  }
  if (Object.hasOwn(value, 'model')) return _readModel(value, ctx, ctx.path, issues);
  if (!Object.hasOwn(value, 'female') && !Object.hasOwn(value, 'male')) {
    issues.add(
      'INVALID_MUTATION',
      `${ctx.label} mutation has no "model" field (nor "female"/"male" models)`,
      ctx.path,
    );
    return null;
  }
  checkFields(
    value,
    ['female', 'male'],
    `${ctx.label} sex-specific mutation`,
    ctx.path,
    issues,
    'INVALID_MUTATION',
  );
  const pair: { female?: MutationModel | null; male?: MutationModel | null } = {};
  for (const sex of ['female', 'male'] as const) {
    const m = getOwn(value, sex);
    const path = [...ctx.path, sex];
    if (!isJsonObject(m)) {
      issues.add(
        'INVALID_MUTATION',
        `${ctx.label} sex-specific mutation needs a ${sex} model, got ${describeJson(m)}`,
        path,
      );
      pair[sex] = null;
    } else pair[sex] = _readModel(m, ctx, path, issues);
  }
  return pair.female && pair.male ? { female: pair.female, male: pair.male } : null;
}

function _readModel(
  obj: JsonObject,
  ctx: MutationContext,
  path: ErrorPath,
  issues: IssueList,
): MutationModel | null {
  const model = getOwn(obj, 'model');
  const fields = typeof model === 'string' ? MODEL_FIELDS.get(model) : undefined;
  if (typeof model !== 'string' || fields === undefined) {
    issues.add(
      'INVALID_MUTATION',
      `${ctx.label} has unknown mutation model ${describeJson(model)}; expected equal, proportional, stepwise, onestep or custom`,
      [...path, 'model'],
    );
    return null;
  }
  const before = issues.count;
  checkFields(
    obj,
    ['model', ...fields],
    `${ctx.label} ${model} mutation model`,
    path,
    issues,
    'INVALID_MUTATION',
  );
  const num = (field: string, ok: (x: number) => boolean, range: string): number => {
    const v = getOwn(obj, field);
    if (typeof v !== 'number' || !ok(v)) {
      issues.add(
        'INVALID_MUTATION',
        `${ctx.label} ${model} model has ${field} ${describeJson(v)}; expected a number ${range}`,
        [...path, field],
      );
      return Number.NaN;
    }
    return v;
  };
  const unit = (x: number): boolean => x >= 0 && x <= 1;
  switch (model) {
    case 'equal':
      return _done({ model, rate: num('rate', unit, 'in [0, 1]') }, issues, before);
    case 'onestep':
      _checkLabels(ctx, ONESTEP_LABEL, 'onestep', 'an integer', issues);
      return _done({ model, rate: num('rate', unit, 'in [0, 1]') }, issues, before);
    case 'proportional': {
      const rate = num('rate', unit, 'in [0, 1]');
      _checkProportionalBound(rate, ctx, [...path, 'rate'], issues);
      return _done({ model, rate }, issues, before);
    }
    case 'stepwise': {
      const rate = num('rate', unit, 'in [0, 1]');
      const rate2 = num('rate2', unit, 'in [0, 1]');
      const range = num('range', (x) => x > 0 && Number.isFinite(x), 'greater than 0');
      if (rate + rate2 > 1) {
        issues.add(
          'INVALID_MUTATION',
          `${ctx.label} stepwise model has rate + rate2 = ${rate + rate2}, more than 1`,
          [...path, 'rate2'],
        );
      }
      _checkLabels(ctx, STEPWISE_LABEL, 'stepwise', 'a number with at most one decimal', issues);
      return _done({ model, rate, rate2, range }, issues, before);
    }
    default:
      return _done(
        {
          model: 'custom',
          matrix: _readMatrix(getOwn(obj, 'matrix'), ctx, [...path, 'matrix'], issues),
        },
        issues,
        before,
      );
  }
}

function _done(m: MutationModel, issues: IssueList, before: number): MutationModel | null {
  return issues.count === before ? m : null;
}

function _checkLabels(
  ctx: MutationContext,
  re: RegExp,
  model: string,
  want: string,
  issues: IssueList,
): void {
  const locusPath = ctx.path.slice(0, -1);
  ctx.alleles.forEach((a, j) => {
    if (!re.test(a)) {
      issues.add(
        'INVALID_MUTATION',
        `${ctx.label} uses the ${model} mutation model, but allele "${a}" is not ${want}`,
        [...locusPath, 'alleles', j],
      );
    } else if (!(Math.abs(Number(a)) <= MAX_REPEAT_NUMBER)) {
      issues.add(
        'INVALID_MUTATION',
        `${ctx.label} uses the ${model} mutation model, but allele "${a}" is beyond the largest repeat number, ${MAX_REPEAT_NUMBER}`,
        [...locusPath, 'alleles', j],
      );
    }
  });
}

function _checkProportionalBound(
  rate: number,
  ctx: MutationContext,
  path: ErrorPath,
  issues: IssueList,
): void {
  const p = ctx.frequencies;
  if (p === undefined || Number.isNaN(rate)) return;
  const bound = (1 - p.reduce((s, x) => s + x * x, 0)) / (1 - Math.min(...p));
  if (p.length === 1 ? rate > 0 : rate > bound + 1e-12) {
    const max =
      p.length === 1
        ? '0 for a single-allele locus'
        : `${Number(bound.toPrecision(12))} = (1 - Σp²)/(1 - min p) for these frequencies`;
    issues.add(
      'INVALID_MUTATION',
      `${ctx.label} proportional model has rate ${rate}, above the maximum ${max}`,
      path,
    );
  }
}

function _readMatrix(
  value: unknown,
  ctx: MutationContext,
  path: ErrorPath,
  issues: IssueList,
): number[][] {
  const n = ctx.alleles.length;
  if (!Array.isArray(value) || value.length !== n) {
    const got = Array.isArray(value) ? `${value.length} rows` : describeJson(value);
    issues.add(
      'INVALID_MUTATION',
      `${ctx.label} custom matrix must have ${n} rows (one per allele), got ${got}`,
      path,
    );
    return [];
  }
  return value.map((row: unknown, i) => {
    const from = ctx.alleles[i];
    if (!Array.isArray(row) || row.length !== n) {
      const got = Array.isArray(row) ? `${row.length} entries` : describeJson(row);
      issues.add(
        'INVALID_MUTATION',
        `${ctx.label} custom matrix row ${i} (allele "${from}") must have ${n} entries, got ${got}`,
        [...path, i],
      );
      return [];
    }
    const before = issues.count;
    row.forEach((x: unknown, j) => {
      if (typeof x !== 'number' || !(x >= 0 && x <= 1)) {
        issues.add(
          'INVALID_MUTATION',
          `${ctx.label} custom matrix entry "${from}" -> "${ctx.alleles[j]}" is ${describeJson(x)}; expected a number in [0, 1]`,
          [...path, i, j],
        );
      }
    });
    if (issues.count > before) return [];
    const sum = (row as number[]).reduce((s, x) => s + x, 0);
    if (Math.abs(sum - 1) > MATRIX_ROW_TOLERANCE) {
      issues.add(
        'INVALID_MUTATION',
        `${ctx.label} custom matrix row ${i} (allele "${from}") sums to ${Number(sum.toPrecision(12))}, not 1 within ${MATRIX_ROW_TOLERANCE}`,
        [...path, i],
      );
    }
    return (row as number[]).slice();
  });
}
