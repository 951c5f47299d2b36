/**
 * Mutation model descriptions, exactly as in the case format (`model` discriminant).
 * Matrices are built from these by `buildMutationMatrix` (see `matrix.ts`).
 *
 * @module
 */

/** `equal`: every other allele equally likely; diagonal `1 - rate`. */
export interface EqualModel {
  readonly model: 'equal';
  readonly rate: number;
}

/** `proportional`: off-diagonal `k * p_j`, stationary; expected mutation rate equals `rate`. */
export interface ProportionalModel {
  readonly model: 'proportional';
  readonly rate: number;
}

/** Extended stepwise model: `rate` for whole-repeat steps (weights `range^d`), `rate2` for microvariant jumps. */
export interface StepwiseModel {
  readonly model: 'stepwise';
  readonly rate: number;
  readonly rate2: number;
  readonly range: number;
}

/** `onestep`: `rate` shared by the neighbours one repeat away; isolated alleles never mutate. */
export interface OnestepModel {
  readonly model: 'onestep';
  readonly rate: number;
}

/** `custom`: a full matrix, rows and columns in the order of the locus alleles. */
export interface CustomModel {
  readonly model: 'custom';
  readonly matrix: readonly (readonly number[])[];
}

/** One mutation model (the same for both sexes when used alone). */
export type MutationModel =
  | EqualModel
  | ProportionalModel
  | StepwiseModel
  | OnestepModel
  | CustomModel;

/** Sex-specific pair of models: fathers transmit through `male`, mothers through `female`. */
export interface SexSpecificMutation {
  readonly female: MutationModel;
  readonly male: MutationModel;
}

/** What a locus's `mutation` field may hold. `null` means no mutation. */
export type MutationSpec = MutationModel | SexSpecificMutation | null;

/** True when the spec is a `{female, male}` pair. */
export function isSexSpecific(spec: MutationSpec): spec is SexSpecificMutation {
  return spec !== null && !('model' in spec);
}
