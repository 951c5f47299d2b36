/**
 * Reference-family templates for simulation: a pedigree around one missing person `M` and the
 * relatives that may be typed, for the shapes met in missing-persons work (parents, siblings,
 * children, grandparents, half-siblings, aunts/uncles). Ids are prefixed so that families can
 * share one DVI document (ids must be unique across it).
 *
 * @module
 */
import type { PersonRecord, Sex } from '../pedigree/pedigree.js';

/** The family shapes the simulator draws from. */
export const FAMILY_SHAPES = [
  'parents',
  'parent',
  'siblings',
  'parents-siblings',
  'children',
  'grandparents',
  'half-sibling',
  'avuncular',
] as const;

/** One of {@link FAMILY_SHAPES}. */
export type FamilyShape = (typeof FAMILY_SHAPES)[number];

/** A family pedigree with its missing person and the relatives that may be typed. */
export interface FamilyTemplate {
  readonly shape: FamilyShape;
  readonly records: readonly PersonRecord[];
  /** Id of the missing person. */
  readonly missing: string;
  /** Relatives that may be typed (1–4 of them are). */
  readonly typable: readonly string[];
}

/**
 * Build the template of a shape.
 *
 * | shape | pedigree | typable |
 * |---|---|---|
 * | parents | FA × MO → M | FA, MO |
 * | parent | FA × MO → M | FA or MO (one) |
 * | siblings | FA × MO → M, S1, S2, S3 | S1–S3 |
 * | parents-siblings | FA × MO → M, S1, S2 | FA, MO, S1, S2 |
 * | children | M × SP → C1, C2, C3 | SP, C1–C3 |
 * | grandparents | GF × GM → FA, U; FA × MO → M | GF, GM, U, MO |
 * | half-sibling | FA × MO → M; FA × M2 → H1, H2 | H1, H2, M2, MO |
 * | avuncular | GF × GM → FA, U1, U2; FA × MO → M | U1, U2, MO, GM |
 *
 * @param shape - the shape
 * @param prefix - id prefix, e.g. `"F001-"`
 * @param missingSex - sex of the missing person
 * @param parentTyped - for `parent`: which parent may be typed (default father)
 * @returns the template
 * @example
 * ```ts
 * familyTemplate('parents', 'F1-', 'male').typable; // => ['F1-FA', 'F1-MO']
 * ```
 */
export function familyTemplate(
  shape: FamilyShape,
  prefix: string,
  missingSex: Sex,
  parentTyped: 'father' | 'mother' = 'father',
): FamilyTemplate {
  const id = (s: string): string => `${prefix}${s}`;
  const founder = (s: string, sex: Sex): PersonRecord => ({
    id: id(s),
    father: null,
    mother: null,
    sex,
  });
  const child = (s: string, fa: string, mo: string, sex: Sex): PersonRecord => ({
    id: id(s),
    father: id(fa),
    mother: id(mo),
    sex,
  });
  const nuclear = [
    founder('FA', 'male'),
    founder('MO', 'female'),
    child('M', 'FA', 'MO', missingSex),
  ];
  const make = (records: PersonRecord[], typable: string[]): FamilyTemplate => ({
    shape,
    records,
    missing: id('M'),
    typable: typable.map(id),
  });
  switch (shape) {
    case 'parents':
      return make(nuclear, ['FA', 'MO']);
    case 'parent':
      return make(nuclear, [parentTyped === 'father' ? 'FA' : 'MO']);
    case 'siblings':
      return make(
        [
          ...nuclear,
          child('S1', 'FA', 'MO', 'female'),
          child('S2', 'FA', 'MO', 'male'),
          child('S3', 'FA', 'MO', 'female'),
        ],
        ['S1', 'S2', 'S3'],
      );
    case 'parents-siblings':
      return make(
        [...nuclear, child('S1', 'FA', 'MO', 'male'), child('S2', 'FA', 'MO', 'female')],
        ['FA', 'MO', 'S1', 'S2'],
      );
    case 'children': {
      const spouseSex: Sex = missingSex === 'male' ? 'female' : 'male';
      const [fa, mo] = missingSex === 'male' ? ['M', 'SP'] : ['SP', 'M'];
      return make(
        [
          founder('M', missingSex),
          founder('SP', spouseSex),
          child('C1', fa, mo, 'female'),
          child('C2', fa, mo, 'male'),
          child('C3', fa, mo, 'female'),
        ],
        ['SP', 'C1', 'C2', 'C3'],
      );
    }
    case 'grandparents':
      return make(
        [
          founder('GF', 'male'),
          founder('GM', 'female'),
          child('FA', 'GF', 'GM', 'male'),
          child('U', 'GF', 'GM', 'female'),
          founder('MO', 'female'),
          child('M', 'FA', 'MO', missingSex),
        ],
        ['GF', 'GM', 'U', 'MO'],
      );
    case 'half-sibling':
      return make(
        [
          ...nuclear,
          founder('M2', 'female'),
          child('H1', 'FA', 'M2', 'male'),
          child('H2', 'FA', 'M2', 'female'),
        ],
        ['H1', 'H2', 'M2', 'MO'],
      );
    case 'avuncular':
      return make(
        [
          founder('GF', 'male'),
          founder('GM', 'female'),
          child('FA', 'GF', 'GM', 'male'),
          child('U1', 'GF', 'GM', 'male'),
          child('U2', 'GF', 'GM', 'female'),
          founder('MO', 'female'),
          child('M', 'FA', 'MO', missingSex),
        ],
        ['U1', 'U2', 'MO', 'GM'],
      );
  }
}
