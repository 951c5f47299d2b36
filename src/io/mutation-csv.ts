/**
 * Mutation models per marker in a small CSV file, for tables that come without them (long CSV,
 * NIST/FBI wide, STRidER): a header `marker,model,rate,rate2,range,sex` (`marker` and `model`
 * required, the others as the model needs them; columns in any order), one row per marker, or
 * two rows (`sex` `female` and `male`) for sex-specific rates.
 *
 * ```
 * marker,model,rate,rate2,range,sex
 * D3S1358,stepwise,0.0012,0.000001,0.1,
 * vWA,stepwise,0.0008,0.000001,0.1,female
 * vWA,stepwise,0.0031,0.000001,0.1,male
 * TH01,none,,,,
 * ```
 *
 * `model` is `equal`, `proportional`, `onestep` (each with `rate`), `stepwise` (`rate`, `rate2`,
 * `range`) or `none` (no mutation at that marker). A field the model does not use must be empty;
 * an unknown column, model or sex, a repeated marker, or one sex without the other is refused.
 * Marker names resolve through the marker table (`VWA` → `vWA`).
 *
 * @module
 */
import { type ErrorPath, KindredError } from '../errors.js';
import type { MutationModel, MutationSpec } from '../mutation/types.js';
import { canonicalMarkerName } from '../profile/markers.js';
import { readDelimitedText } from './delimited-text.js';

const COLUMNS = ['marker', 'model', 'rate', 'rate2', 'range', 'sex'] as const;
type _Column = (typeof COLUMNS)[number];

const MODEL_FIELDS: ReadonlyMap<string, readonly _Column[]> = new Map([
  ['equal', ['rate']],
  ['proportional', ['rate']],
  ['onestep', ['rate']],
  ['stepwise', ['rate', 'rate2', 'range']],
  ['none', []],
]);

/**
 * Read a per-marker mutation CSV (see module doc). Values are checked for form here (numbers,
 * fields present); their ranges and the allele labels a model needs are checked against each
 * table when the models are stored with it.
 *
 * @param text - the file's text
 * @param options - file name for errors
 * @returns the spec per canonical marker name (`null` for `none`), in file order
 * @throws KindredError `PARSE_ERROR` (CSV syntax, header, unknown column), `INVALID_MUTATION`
 *   (model, field, sex, repeated marker), each with `file` and path `['line', n, column]`
 * @example
 * ```ts
 * parseMutationCsv('marker,model,rate\nTH01,equal,0.002\n').get('TH01'); // => { model: 'equal', rate: 0.002 }
 * ```
 */
export function parseMutationCsv(
  text: string,
  options: { readonly file?: string } = {},
): Map<string, MutationSpec> {
  const file = options.file;
  const fail = (code: 'PARSE_ERROR' | 'INVALID_MUTATION', detail: string, path: ErrorPath) => {
    throw new KindredError(code, detail, file !== undefined ? { path, file } : { path });
  };
  const { records } = readDelimitedText(text, file !== undefined ? { file } : {});
  const header = records[0];
  if (header === undefined) return fail('PARSE_ERROR', 'The mutation file is empty', ['line', 1]);
  const at = new Map<_Column, number>();
  header.fields.forEach((raw, i) => {
    const name = raw.trim().toLowerCase();
    if (!(COLUMNS as readonly string[]).includes(name) || at.has(name as _Column)) {
      fail(
        'PARSE_ERROR',
        `Mutation file header has ${at.has(name as _Column) ? 'a repeated' : 'an unknown'} column "${raw}"; expected ${COLUMNS.join(', ')}`,
        ['line', header.line, raw],
      );
    }
    at.set(name as _Column, i);
  });
  for (const need of ['marker', 'model'] as const) {
    if (!at.has(need))
      fail('PARSE_ERROR', `Mutation file header has no "${need}" column`, ['line', header.line]);
  }
  const bySex = new Map<
    string,
    { both?: MutationSpec; female?: MutationModel; male?: MutationModel; line: number }
  >();
  for (const { line, fields } of records.slice(1)) {
    const cell = (c: _Column) => (at.has(c) ? (fields[at.get(c) as number] ?? '').trim() : '');
    if (fields.length > header.fields.length)
      fail(
        'PARSE_ERROR',
        `Line ${line} has ${fields.length} fields, the header ${header.fields.length}`,
        ['line', line],
      );
    const written = cell('marker');
    if (written === '')
      fail('INVALID_MUTATION', `Line ${line} names no marker`, ['line', line, 'marker']);
    const marker = canonicalMarkerName(written);
    const model = cell('model').toLowerCase();
    const fields_ = MODEL_FIELDS.get(model);
    if (fields_ === undefined) {
      return fail(
        'INVALID_MUTATION',
        `Marker ${written} (line ${line}) has model "${cell('model')}"; expected ${[...MODEL_FIELDS.keys()].join(', ')}`,
        ['line', line, 'model'],
      );
    }
    const value: Record<string, number> = {};
    for (const c of ['rate', 'rate2', 'range'] as const) {
      const v = cell(c);
      if (!fields_.includes(c)) {
        if (v !== '')
          fail(
            'INVALID_MUTATION',
            `Marker ${written} (line ${line}): the ${model} model takes no ${c}, got "${v}"`,
            ['line', line, c],
          );
        continue;
      }
      const n = v === '' ? Number.NaN : Number(v);
      if (!Number.isFinite(n))
        fail(
          'INVALID_MUTATION',
          `Marker ${written} (line ${line}): the ${model} model needs a number ${c}, got "${v}"`,
          ['line', line, c],
        );
      value[c] = n;
    }
    const spec: MutationSpec = model === 'none' ? null : ({ model, ...value } as MutationModel);
    const sex = cell('sex').toLowerCase();
    if (sex !== '' && sex !== 'both' && sex !== 'female' && sex !== 'male')
      fail(
        'INVALID_MUTATION',
        `Marker ${written} (line ${line}) has sex "${cell('sex')}"; expected female, male, both or empty`,
        ['line', line, 'sex'],
      );
    const entry = bySex.get(marker) ?? { line };
    const slot = sex === 'female' || sex === 'male' ? sex : 'both';
    const taken =
      slot === 'both'
        ? entry.both !== undefined || entry.female !== undefined || entry.male !== undefined
        : entry.both !== undefined || entry[slot] !== undefined;
    if (taken)
      fail('INVALID_MUTATION', `Marker ${written} is given twice (line ${line})`, [
        'line',
        line,
        'marker',
      ]);
    if (slot !== 'both' && spec === null)
      fail('INVALID_MUTATION', `Marker ${written} (line ${line}): "none" cannot be sex-specific`, [
        'line',
        line,
        'model',
      ]);
    if (slot === 'both') entry.both = spec;
    else entry[slot] = spec as MutationModel;
    bySex.set(marker, entry);
  }
  const out = new Map<string, MutationSpec>();
  for (const [marker, e] of bySex) {
    if (e.both !== undefined) {
      out.set(marker, e.both);
    } else if (e.female !== undefined && e.male !== undefined) {
      out.set(marker, { female: e.female, male: e.male });
    } else {
      fail(
        'INVALID_MUTATION',
        `Marker ${marker} has a ${e.female !== undefined ? 'female' : 'male'} model but no ${e.female !== undefined ? 'male' : 'female'} one (line ${e.line})`,
        ['line', e.line, 'sex'],
      );
    }
  }
  return out;
}
