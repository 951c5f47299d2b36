/**
 * Short texts the reports share: a mutation model in a few words.
 *
 * @module
 */
import type { MutationModel, MutationSpec } from '../mutation/types.js';

/**
 * A mutation model in a few words: `none`, `equal 0.005`, `stepwise 0.002 (rate2 1e-6, range
 * 0.1)`, `custom matrix`, or `female: …; male: …` for sex-specific models.
 *
 * @param spec - a locus's mutation model
 * @returns the text
 * @example
 * ```ts
 * mutationLabel({ model: 'equal', rate: 0.005 }); // => 'equal 0.005'
 * ```
 */
export function mutationLabel(spec: MutationSpec): string {
  if (spec === null) return 'none';
  if (!('model' in spec)) return `female: ${_model(spec.female)}; male: ${_model(spec.male)}`;
  return _model(spec);
}

/**
 * A mutation model in one or two words for a table cell: the model and its rate (`stepwise
 * 0.002`), `f: … / m: …` for sex-specific models; the full parameters are in the provenance.
 *
 * @param spec - a locus's mutation model
 * @returns the text
 * @example
 * ```ts
 * shortMutationLabel({ model: 'stepwise', rate: 0.002, rate2: 1e-6, range: 0.1 }); // => 'stepwise 0.002'
 * ```
 */
export function shortMutationLabel(spec: MutationSpec): string {
  if (spec === null) return 'none';
  const one = (m: MutationModel): string =>
    m.model === 'custom' ? 'custom' : `${m.model} ${m.rate}`;
  if (!('model' in spec)) return `f: ${one(spec.female)} / m: ${one(spec.male)}`;
  return one(spec);
}

function _model(m: MutationModel): string {
  switch (m.model) {
    case 'custom':
      return 'custom matrix';
    case 'stepwise':
      return `stepwise ${m.rate} (rate2 ${m.rate2}, range ${m.range})`;
    default:
      return `${m.model} ${m.rate}`;
  }
}
