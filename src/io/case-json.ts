/**
 * Plain-JSON forms of case parts (loci, mutation specs, pedigree rows, genotype tables), used by
 * `formatCase` and `formatDVICase` to write a parsed case back.
 *
 * @module
 */

import type { Locus } from '../frequencies/locus.js';
import type { MutationModel, MutationSpec } from '../mutation/types.js';
import type { PedigreeRecord } from '../pedigree/pedigree.js';
import type { SampleObservation } from '../profile/observation.js';

/**
 * A copy of a mutation spec as a plain JSON value (for formatting a case back).
 *
 * @param spec - the spec
 * @returns `null`, a model object or `{female, male}`
 * @example
 * ```ts
 * mutationToJSON({ model: 'equal', rate: 0.01 }); // => { model: 'equal', rate: 0.01 }
 * ```
 */
export function mutationToJSON(spec: MutationSpec): unknown {
  if (spec === null) return null;
  if (!('model' in spec))
    return { female: _modelToJSON(spec.female), male: _modelToJSON(spec.male) };
  return _modelToJSON(spec);
}

function _modelToJSON(m: MutationModel): unknown {
  if (m.model === 'custom') return { model: 'custom', matrix: m.matrix.map((row) => [...row]) };
  return { ...m };
}

/**
 * A locus as a plain JSON value, fields in the case-format order.
 *
 * @param l - the locus
 * @returns `{name, alleles, frequencies, mutation, chromosome}`
 * @example
 * ```ts
 * locusToJSON(locus).name; // => 'D3S1358'
 * ```
 */
export function locusToJSON(l: Locus): unknown {
  return {
    name: l.name,
    alleles: [...l.alleles],
    frequencies: [...l.frequencies],
    mutation: mutationToJSON(l.mutation),
    chromosome: l.chromosome,
  };
}

/**
 * A genotype table as a plain JSON object (own keys, so `__proto__` stays an ordinary id).
 *
 * @param map - person → locus → alleles
 * @returns the same as nested plain objects
 * @example
 * ```ts
 * genotypesToJSON(new Map([['AF', new Map([['vWA', ['17', '18']]])]])); // => { AF: { vWA: ['17', '18'] } }
 * ```
 */
export function genotypesToJSON(
  map: ReadonlyMap<string, ReadonlyMap<string, readonly string[]>>,
): unknown {
  return Object.fromEntries(
    [...map].map(([p, loci]) => [p, Object.fromEntries([...loci].map(([l, a]) => [l, [...a]]))]),
  );
}

/**
 * Observations as the JSON object of the `observation` field (degraded-dna.md); a value of 0 is
 * written out too, so the document says what was assumed.
 *
 * @param map - sample id → drop-out and drop-in
 * @returns `{ id: { dropout, dropin } }`
 * @example
 * ```ts
 * observationToJSON(new Map([['V', { dropout: 0.3, dropin: 0 }]])); // => { V: { dropout: 0.3, dropin: 0 } }
 * ```
 */
export function observationToJSON(map: ReadonlyMap<string, SampleObservation>): unknown {
  return Object.fromEntries(
    [...map].map(([id, o]) => [id, { dropout: o.dropout, dropin: o.dropin }]),
  );
}

/**
 * A pedigree row as a plain JSON object with only its known fields.
 *
 * @param r - the row
 * @returns `{id, sameAs}` or `{id, father, mother, sex}`
 * @example
 * ```ts
 * recordToJSON({ id: 'V', sameAs: 'R' }); // => { id: 'V', sameAs: 'R' }
 * ```
 */
export function recordToJSON(r: PedigreeRecord): unknown {
  return 'sameAs' in r
    ? { id: r.id, sameAs: r.sameAs }
    : { id: r.id, father: r.father, mother: r.mother, sex: r.sex };
}
