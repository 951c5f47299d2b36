/**
 * Mutation models and theta given on import (`kindred db import … --mutation`, `--mutation-file`,
 * `--theta`) for frequency tables that come without them (long CSV, NIST/FBI wide, STRidER).
 * They are stored with the table and used by every search of its population. Each model is
 * checked against the table it joins (rates, and the allele labels `stepwise` and `onestep`
 * need), exactly as a case file's models are.
 *
 * A file that carries its own models or theta (Familias `.fam`, `kindred-dvi/1`) is not
 * overridden: giving both is refused, so no model is silently replaced.
 *
 * @module
 */
import { KindredError } from '../errors.js';
import { readMutationSpec } from '../io/case-mutation.js';
import { IssueList } from '../io/json-value.js';
import type { MutationSpec } from '../mutation/types.js';
import { canonicalMarkerName } from '../profile/markers.js';
import type { ImportBatch, TableInput } from './import-batch.js';

/** Models and theta for the tables of an import. */
export interface TableModels {
  /** The model of every marker not in `markers` (`null`: no mutation). */
  readonly all?: MutationSpec;
  /** Per marker (canonical name), e.g. from `parseMutationCsv`; wins over `all`. */
  readonly markers?: ReadonlyMap<string, MutationSpec>;
  /** Balding–Nichols theta of the tables, in [0, 1). */
  readonly theta?: number;
}

/**
 * The batch with the models and theta set on each of its tables.
 *
 * @param batch - what was read from one file
 * @param models - the models and theta to store with its tables
 * @returns the batch with its tables' `mutation` and `theta` set
 * @throws KindredError `USAGE` when the batch has no table, or its file carries models or theta
 *   of its own; `INVALID_MUTATION` (a model that does not fit a marker's alleles or rates, a
 *   per-marker model for a marker the table lacks), `INVALID_ARGUMENT` (theta)
 * @example
 * ```ts
 * withTableModels(batch, { all: { model: 'equal', rate: 0.002 } }).tables[0].mutation.size; // => 15
 * ```
 */
export function withTableModels(batch: ImportBatch, models: TableModels): ImportBatch {
  if (models.all === undefined && models.markers === undefined && models.theta === undefined)
    return batch;
  if (batch.tables.length === 0) {
    throw new KindredError(
      'USAGE',
      `--mutation, --mutation-file and --theta apply to frequency tables, and "${batch.file}" has none`,
    );
  }
  const theta = models.theta;
  if (theta !== undefined && !(Number.isFinite(theta) && theta >= 0 && theta < 1)) {
    throw new KindredError('INVALID_ARGUMENT', `theta must be in [0, 1), got ${String(theta)}`, {
      path: ['theta'],
    });
  }
  return { ...batch, tables: batch.tables.map((t) => _apply(batch.file, t, models)) };
}

function _apply(file: string, input: TableInput, models: TableModels): TableInput {
  const { table } = input;
  const own = [...(input.mutation ?? new Map()).values()].length;
  if ((models.all !== undefined || models.markers !== undefined) && own > 0) {
    throw new KindredError(
      'USAGE',
      `"${file}" carries mutation models of its own (${own} marker(s) of population "${table.population}"); import it without --mutation/--mutation-file`,
    );
  }
  if (models.theta !== undefined && (input.theta ?? 0) !== 0) {
    throw new KindredError(
      'USAGE',
      `"${file}" carries theta ${input.theta} for population "${table.population}"; import it without --theta`,
    );
  }
  const byCanonical = new Map([...table.markers.keys()].map((k) => [canonicalMarkerName(k), k]));
  const mutation = new Map<string, MutationSpec>();
  for (const [marker, spec] of models.markers ?? []) {
    const key = byCanonical.get(canonicalMarkerName(marker));
    if (key === undefined) {
      throw new KindredError(
        'INVALID_MUTATION',
        `The mutation file gives a model for marker ${marker}, which is not in the table of population "${table.population}"`,
        { path: ['tables', table.population, 'mutation', marker] },
      );
    }
    mutation.set(key, spec);
  }
  if (models.all !== undefined) {
    for (const key of table.markers.keys()) if (!mutation.has(key)) mutation.set(key, models.all);
  }
  for (const [marker, spec] of mutation) {
    const m = table.markers.get(marker);
    if (m === undefined || spec === null) continue;
    const issues = new IssueList(file);
    readMutationSpec(
      JSON.parse(JSON.stringify(spec)),
      {
        label: `Marker ${marker} of population "${table.population}"`,
        alleles: m.alleles,
        frequencies: m.frequencies,
        path: ['tables', table.population, 'mutation', marker],
      },
      issues,
    );
    if (issues.count > 0) throw issues.issues[0] as KindredError;
  }
  return {
    table,
    mutation: mutation.size > 0 ? mutation : (input.mutation ?? new Map()),
    ...(models.theta !== undefined
      ? { theta: models.theta }
      : input.theta !== undefined
        ? { theta: input.theta }
        : {}),
  };
}
