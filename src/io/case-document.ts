/**
 * The input types of `parseCase` and `parseDVICase`: the JSON documents `kindred-case/1` and
 * `kindred-dvi/1` of spec/case-format.md as TypeScript types, so that code that builds a case
 * gets help from the compiler. The parsers still check everything at run time (a value of
 * these types can break a rule no type expresses, such as frequencies summing to 1).
 *
 * @module
 */

/** A mutation model object of a locus (`"model"` names it; see spec/mutation-models.md). */
export type MutationModelDocument =
  | { readonly model: 'equal' | 'proportional' | 'onestep'; readonly rate: number }
  | {
      readonly model: 'stepwise';
      readonly rate: number;
      readonly rate2: number;
      readonly range: number;
    }
  | { readonly model: 'custom'; readonly matrix: readonly (readonly number[])[] };

/** The `mutation` field of a locus: none, one model, or one model per sex. */
export type MutationDocument =
  | null
  | MutationModelDocument
  | { readonly female: MutationModelDocument; readonly male: MutationModelDocument };

/** One entry of `loci`. */
export interface LocusDocument {
  /** Marker name, e.g. `D3S1358`, `vWA`, `Penta E`. */
  readonly name: string;
  /** Allele labels (`"9"`, `"9.3"`, …), unique. */
  readonly alleles: readonly string[];
  /** Same length as `alleles`, each in (0, 1], summing to 1 within 1e-5. */
  readonly frequencies: readonly number[];
  /** No mutation when null or absent. */
  readonly mutation?: MutationDocument;
  /** `"autosomal"` (default) or `"X"`. */
  readonly chromosome?: 'autosomal' | 'X';
}

/** One person of a pedigree: a founder or a child of two listed parents. */
export interface PersonDocument {
  readonly id: string;
  /** Both null for a founder, both ids for a non-founder. */
  readonly father: string | null;
  readonly mother: string | null;
  readonly sex: 'male' | 'female';
}

/** A second sample of person `sameAs` (direct reference, duplicate, monozygotic twin). */
export interface SameAsDocument {
  readonly id: string;
  readonly sameAs: string;
}

/** A pedigree: its people in any order. */
export type PedigreeDocument = readonly (PersonDocument | SameAsDocument)[];

/** Genotypes by person id, then by locus name: two allele labels (one for a male at X). */
export type GenotypesDocument = Readonly<
  Record<string, Readonly<Record<string, readonly string[]>>>
>;

/** Drop-out and drop-in of one typed person (spec/degraded-dna.md). */
export interface SampleObservationDocument {
  /** Drop-out probability of each allele copy, in [0, 1). */
  readonly dropout?: number;
  /** Drop-in probability, in [0, 1). */
  readonly dropin?: number;
}

/** A `kindred-case/1` document: one kinship question with competing hypotheses. */
export interface KinshipCaseDocument {
  readonly format: 'kindred-case/1';
  readonly id: string;
  readonly description?: string;
  /** Balding–Nichols theta in [0, 1), default 0. */
  readonly theta?: number;
  readonly loci: readonly LocusDocument[];
  readonly hypotheses: readonly { readonly name: string; readonly pedigree: PedigreeDocument }[];
  /** Name of the reference hypothesis (the LR denominator). */
  readonly reference: string;
  readonly genotypes: GenotypesDocument;
  readonly observation?: Readonly<Record<string, SampleObservationDocument>>;
}

/** One reference family of a `kindred-dvi/1` document. */
export interface DVIFamilyDocument {
  readonly name: string;
  readonly pedigree: PedigreeDocument;
  /** Ids of its missing persons (untyped members of the pedigree). */
  readonly missing: readonly string[];
  readonly genotypes: GenotypesDocument;
}

/** A `kindred-dvi/1` document: victims against reference families. */
export interface DVICaseDocument {
  readonly format: 'kindred-dvi/1';
  readonly id: string;
  readonly description?: string;
  readonly theta?: number;
  readonly loci: readonly LocusDocument[];
  /** Victim id → locus name → alleles. */
  readonly victims: GenotypesDocument;
  /** Victim id → sex, where known. */
  readonly victimSex?: Readonly<Record<string, 'male' | 'female'>>;
  readonly families: readonly DVIFamilyDocument[];
  /** Drop-out and drop-in per sample id (degraded-dna.md). */
  readonly observation?: Readonly<Record<string, SampleObservationDocument>>;
  /** The elimination set (docs/dvi.md): profile id → locus name → alleles. */
  readonly elimination?: GenotypesDocument;
  /** Elimination profile id → sex, where known (every profile with X loci). */
  readonly eliminationSex?: Readonly<Record<string, 'male' | 'female'>>;
}
