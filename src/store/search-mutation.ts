/**
 * The mutation models a programme search uses. A stored table may carry a model per marker
 * (from the file it came from, or given on import with `--mutation`); a marker stored with
 * `null` is searched without mutation, on purpose. A marker with no stored entry at all is
 * searched with {@link DEFAULT_SEARCH_MUTATION}, so that one mutation between a parent and a
 * child does not exclude a true relative (LR 0), as it would without a model.
 *
 * The default is the extended stepwise model of `spec/mutation-models.md` with rate 0.002 per
 * meiosis, rate2 1e-6 and range 0.1, for both sexes:
 * - rate 0.002: the per-meiosis mutation rates reported for the forensic autosomal STRs lie
 *   between about 1e-4 and 7e-3, most of them between 1e-3 and 3e-3 (paternity-testing
 *   surveys, e.g. the AABB annual reports and STRBase's summary); 0.002 is in the middle of that
 *   band. A rate that is somewhat too high costs a true relative's LR little and a wrong one
 *   little; no mutation model costs a true relative everything.
 * - range 0.1: nine in ten repeat mutations are single-step (weights 0.1^d), which is what
 *   those surveys find.
 * - rate2 1e-6: jumps between microvariant groups (a whole allele to an `x.3` one) are
 *   practically never seen, but not impossible.
 *
 * A stepwise model needs every allele label of the marker to be a repeat number with at most
 * one decimal; a marker with another label (`>27`) under the default is refused with an error
 * that names it, and needs an explicit model (`kindred db import … --mutation-file`).
 *
 * @module
 */
import { KindredError } from '../errors.js';
import type { FrequencyTable } from '../frequencies/frequency-table.js';
import type { MutationSpec, StepwiseModel } from '../mutation/types.js';

/** The model a programme search uses at a marker whose table stores none (see module doc). */
export const DEFAULT_SEARCH_MUTATION: StepwiseModel = Object.freeze({
  model: 'stepwise',
  rate: 0.002,
  rate2: 1e-6,
  range: 0.1,
});

/** A label the stepwise model accepts: a repeat number with at most one decimal. */
const STEPWISE_LABEL = /^\d+(\.\d)?$/;

/** The models of one table's search, marker by marker. */
export interface SearchMutation {
  /** Model per table marker (`null`: searched without mutation). */
  readonly models: ReadonlyMap<string, MutationSpec>;
  /** Markers that got {@link DEFAULT_SEARCH_MUTATION} (no stored entry), in table order. */
  readonly defaulted: readonly string[];
  /** Markers searched without mutation (stored `null`), in table order. */
  readonly none: readonly string[];
}

/**
 * The models to search a table with: the stored model of each marker, `null` where one is
 * stored as `null`, and {@link DEFAULT_SEARCH_MUTATION} where nothing is stored.
 *
 * @param table - the table (after any unseen alleles were added)
 * @param stored - the models stored with it
 * @returns the models, with the defaulted and mutation-free markers listed
 * @throws KindredError `INVALID_MUTATION` when a defaulted marker has a label the stepwise model
 *   cannot take (path `['tables', population, 'mutation', marker]`)
 * @example
 * ```ts
 * searchMutation(table, new Map()).defaulted; // => ['D3S1358', 'vWA', …]
 * ```
 */
export function searchMutation(
  table: FrequencyTable,
  stored: ReadonlyMap<string, MutationSpec>,
): SearchMutation {
  const models = new Map<string, MutationSpec>();
  const defaulted: string[] = [];
  const none: string[] = [];
  for (const [marker, m] of table.markers) {
    if (stored.has(marker)) {
      const spec = stored.get(marker) ?? null;
      models.set(marker, spec);
      if (spec === null) none.push(marker);
      continue;
    }
    const bad = m.alleles.find((a) => !STEPWISE_LABEL.test(a));
    if (bad !== undefined) {
      throw new KindredError(
        'INVALID_MUTATION',
        `Marker ${marker} of population "${table.population}" has no mutation model, and the default stepwise model cannot take its allele "${bad}" (not a repeat number); give the marker a model (kindred db import … --mutation-file, or --mutation none)`,
        { path: ['tables', table.population, 'mutation', marker] },
      );
    }
    models.set(marker, DEFAULT_SEARCH_MUTATION);
    defaulted.push(marker);
  }
  return { models, defaulted, none };
}

/**
 * A model as short text: `stepwise(rate 0.002, rate2 1e-6, range 0.1)`, `none`, or
 * `female: …; male: …`.
 *
 * @example
 * ```ts
 * describeMutation({ model: 'equal', rate: 0.005 }); // => 'equal(rate 0.005)'
 * ```
 */
export function describeMutation(spec: MutationSpec): string {
  if (spec === null) return 'none';
  if (!('model' in spec))
    return `female: ${describeMutation(spec.female)}; male: ${describeMutation(spec.male)}`;
  if (spec.model === 'custom') return `custom(${spec.matrix.length}×${spec.matrix.length})`;
  if (spec.model === 'stepwise')
    return `stepwise(rate ${spec.rate}, rate2 ${spec.rate2}, range ${spec.range})`;
  return `${spec.model}(rate ${spec.rate})`;
}
