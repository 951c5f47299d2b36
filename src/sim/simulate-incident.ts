/**
 * Seeded simulation of reference families and of a DVI incident as a `kindred-dvi/1` document:
 * families of mixed shapes (see `family-shapes.ts`) with 1–4 typed relatives, genotypes by gene
 * dropping (optionally with mutation), victims that are some of the true missing persons plus
 * unrelated remains. Every document is labelled synthetic in its `description`.
 *
 * @module
 */
import { KindredError } from '../errors.js';
import type { Locus } from '../frequencies/locus.js';
import { createPedigree } from '../pedigree/create-pedigree.js';
import type { PersonRecord, Sex } from '../pedigree/pedigree.js';
import { FAMILY_SHAPES, type FamilyShape, familyTemplate } from './family-shapes.js';
import { dropGenes, genotypeOfRow } from './gene-drop.js';
import { createRng, type Rng } from './prng.js';
import { randomProfile } from './random-genotype.js';

/** Genotypes as written in a case document: person → locus → two labels. */
export type GenotypesJSON = Record<string, Record<string, [string, string]>>;

/** A simulated family, in the `families[]` form of a `kindred-dvi/1` document. */
export interface SimulatedFamily {
  readonly name: string;
  readonly shape: FamilyShape;
  readonly pedigree: readonly PersonRecord[];
  readonly missing: readonly [string];
  /** Genotypes of the typed relatives only. */
  readonly genotypes: GenotypesJSON;
  /** The missing person's true genotypes (not part of the document). */
  readonly truth: Record<string, [string, string]>;
  readonly missingSex: Sex;
}

/** Options for {@link simulateFamily}. */
export interface SimulateFamilyOptions {
  readonly name: string;
  /** Shape (default: drawn uniformly from {@link FAMILY_SHAPES}). */
  readonly shape?: FamilyShape;
  /** Number of typed relatives, 1–4, capped by the shape (default: drawn uniformly). */
  readonly typed?: number;
  /** Apply the loci's mutation models while dropping genes (default false). */
  readonly mutation?: boolean;
}

/**
 * Simulate one reference family and its missing person's true genotypes.
 *
 * @param rng - the generator
 * @param loci - loci to simulate
 * @param options - name, shape, typed count, mutation
 * @returns the family (document form) and the truth
 * @throws KindredError `INVALID_ARGUMENT` for a typed count outside 1–4
 * @example
 * ```ts
 * simulateFamily(createRng(1), loci, { name: 'F1', shape: 'parents', typed: 2 }).genotypes; // => { 'F1-FA': {...}, 'F1-MO': {...} }
 * ```
 */
export function simulateFamily(
  rng: Rng,
  loci: readonly Locus[],
  options: SimulateFamilyOptions,
): SimulatedFamily {
  const shape = options.shape ?? rng.pick(FAMILY_SHAPES);
  const missingSex: Sex = rng.int(2) === 0 ? 'male' : 'female';
  const template = familyTemplate(
    shape,
    `${options.name}-`,
    missingSex,
    rng.int(2) === 0 ? 'father' : 'mother',
  );
  const max = Math.min(4, template.typable.length);
  const k = options.typed ?? 1 + rng.int(max);
  if (!(Number.isInteger(k) && k >= 1 && k <= 4)) {
    throw new KindredError('INVALID_ARGUMENT', `A family has 1-4 typed relatives, got ${k}`, {
      path: ['typed'],
    });
  }
  const pool = [...template.typable];
  const typed: string[] = [];
  while (typed.length < Math.min(k, max)) typed.push(pool.splice(rng.int(pool.length), 1)[0]!);
  const ped = createPedigree(template.records);
  const genotypes: GenotypesJSON = Object.create(null) as GenotypesJSON;
  const truth: Record<string, [string, string]> = Object.create(null) as Record<
    string,
    [string, string]
  >;
  for (const id of typed) genotypes[id] = Object.create(null) as Record<string, [string, string]>;
  const missingRow = ped.index.get(template.missing)!;
  for (const locus of loci) {
    const alleles = dropGenes(rng, ped, locus, { mutation: options.mutation ?? false });
    for (const id of typed)
      genotypes[id]![locus.name] = genotypeOfRow(alleles, ped.index.get(id)!, locus);
    truth[locus.name] = genotypeOfRow(alleles, missingRow, locus);
  }
  return {
    name: options.name,
    shape,
    pedigree: template.records,
    missing: [template.missing],
    genotypes,
    truth,
    missingSex,
  };
}

/** Options for {@link simulateIncident}. */
export interface SimulateIncidentOptions {
  readonly seed: number;
  readonly loci: readonly Locus[];
  /** Number of reference families. */
  readonly families: number;
  /** How many of the families' missing persons are among the victims (default all). */
  readonly identifiable?: number;
  /** Number of unrelated remains (default 0). */
  readonly unrelated?: number;
  readonly mutation?: boolean;
  readonly shapes?: readonly FamilyShape[];
  readonly id?: string;
}

/** A simulated incident: the document and the truth. */
export interface SimulatedIncident {
  /** A `kindred-dvi/1` document (plain JSON). */
  readonly document: Record<string, unknown>;
  /** Victim id → the missing person it is (`{family, missing}`), or null for unrelated remains. */
  readonly truth: ReadonlyMap<string, { readonly family: string; readonly missing: string } | null>;
  readonly families: readonly SimulatedFamily[];
}

/**
 * Simulate a DVI incident (seeded, reproducible).
 *
 * @param options - seed, loci, sizes, mutation, shapes
 * @returns the `kindred-dvi/1` document, the truth and the families
 * @throws KindredError `INVALID_ARGUMENT` for negative sizes or more identifiable than families
 * @example
 * ```ts
 * simulateIncident({ seed: 1, loci, families: 3, unrelated: 2 }).truth.size; // => 5
 * ```
 */
export function simulateIncident(options: SimulateIncidentOptions): SimulatedIncident {
  const { families: nf, seed, loci } = options;
  const identifiable = options.identifiable ?? nf;
  const unrelated = options.unrelated ?? 0;
  if (!(nf >= 1 && identifiable >= 0 && identifiable <= nf && unrelated >= 0)) {
    throw new KindredError(
      'INVALID_ARGUMENT',
      `Incident sizes: families ${nf} (>= 1), identifiable ${identifiable} (0..families), unrelated ${unrelated} (>= 0)`,
    );
  }
  const rng = createRng(seed);
  const width = String(Math.max(nf, identifiable + unrelated)).length;
  const pad = (k: number): string => String(k).padStart(width, '0');
  const families: SimulatedFamily[] = [];
  for (let f = 1; f <= nf; f++) {
    families.push(
      simulateFamily(rng, loci, {
        name: `F${pad(f)}`,
        ...(options.shapes !== undefined ? { shape: rng.pick(options.shapes) } : {}),
        mutation: options.mutation ?? false,
      }),
    );
  }
  type Remains = {
    genotypes: Record<string, [string, string]>;
    sex: Sex;
    truth: SimulatedFamily | null;
  };
  const remains: Remains[] = [];
  const order = families.map((_, i) => i);
  _shuffle(rng, order);
  for (const i of order.slice(0, identifiable)) {
    const f = families[i]!;
    remains.push({ genotypes: f.truth, sex: f.missingSex, truth: f });
  }
  for (let u = 0; u < unrelated; u++) {
    const sex: Sex = rng.int(2) === 0 ? 'male' : 'female';
    remains.push({
      genotypes: Object.fromEntries(randomProfile(rng, loci, sex)),
      sex,
      truth: null,
    });
  }
  _shuffle(rng, remains);
  const victims: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  const victimSex: Record<string, Sex> = Object.create(null) as Record<string, Sex>;
  const truth = new Map<string, { family: string; missing: string } | null>();
  remains.forEach((r, k) => {
    const id = `V${pad(k + 1)}`;
    victims[id] = r.genotypes;
    victimSex[id] = r.sex;
    truth.set(id, r.truth === null ? null : { family: r.truth.name, missing: r.truth.missing[0] });
  });
  const document = {
    format: 'kindred-dvi/1',
    id: options.id ?? `synthetic-incident-${seed}`,
    description: `SYNTHETIC DATA simulated by Kindred (seed ${seed}): ${nf} reference families of mixed shapes with 1-4 typed relatives, ${identifiable} victims who are missing persons of these families and ${unrelated} unrelated remains, ${loci.length} loci${options.mutation ? ', gene dropping with mutation' : ''}. Not real people.`,
    theta: 0,
    loci: loci.map((l) => ({ ...l })),
    victims,
    victimSex,
    families: families.map((f) => ({
      name: f.name,
      pedigree: f.pedigree,
      missing: f.missing,
      genotypes: f.genotypes,
    })),
  };
  return { document, truth, families };
}

function _shuffle<T>(rng: Rng, items: T[]): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = items[i]!;
    items[i] = items[j]!;
    items[j] = t;
  }
}
