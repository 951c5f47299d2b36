/**
 * The registry of named pairwise relationships: pedigree builder, autosomal IBD coefficients and
 * a description for each.
 *
 * @module
 */
import { KindredError } from '../errors.js';
import {
  avuncular,
  directMatch,
  firstCousins,
  fullSiblings,
  grandparent,
  greatGrandparent,
  halfSiblings,
  type PairSpec,
  parentChild,
  unrelated,
} from '../pedigree/builders.js';
import type { PedigreeRecord } from '../pedigree/pedigree.js';

/** IBD coefficients `[k0, k1, k2]`: probabilities that A and B share 0, 1 or 2 alleles IBD. */
export type IBDCoefficients = readonly [number, number, number];

/** A named relationship in {@link RELATIONSHIPS}. */
export interface RelationshipInfo {
  /** Registry key (kebab-case). */
  readonly name: string;
  /** Short label as labs write it (DM, PO, FS, HS, GP, AV, FC, GGP, UN). */
  readonly abbreviation: string;
  /** Pedigree builder for A and B. */
  readonly build: (pair: PairSpec) => PedigreeRecord[];
  /**
   * Autosomal IBD coefficients for non-inbred founders (Thompson 1975; Weir, Anderson & Hepler
   * 2006, doi:10.1038/nrg1960, Table 1).
   */
  readonly ibd: IBDCoefficients;
  /** One sentence: who A is to B. */
  readonly description: string;
}

type Row = [string, string, IBDCoefficients, string, (pair: PairSpec) => PedigreeRecord[]];

const HALF: IBDCoefficients = [0.5, 0.5, 0];
const QUARTER: IBDCoefficients = [0.75, 0.25, 0];

// name, abbreviation, [k0, k1, k2], description, builder
const ROWS: Row[] = [
  ['direct-match', 'DM', [0, 0, 1], 'B is a second sample of A', directMatch],
  ['parent-child', 'PO', [0, 1, 0], 'A is a parent of B', parentChild],
  ['full-siblings', 'FS', [0.25, 0.5, 0.25], 'A and B share both parents', fullSiblings],
  ['half-siblings-paternal', 'HS', HALF, 'A and B share their father only', (p) => halfSiblings(p)],
  [
    'half-siblings-maternal',
    'HS',
    HALF,
    'A and B share their mother only',
    (p) => halfSiblings(p, 'maternal'),
  ],
  [
    'grandparent-paternal',
    'GP',
    HALF,
    "A is a grandparent of B via B's father",
    (p) => grandparent(p),
  ],
  [
    'grandparent-maternal',
    'GP',
    HALF,
    "A is a grandparent of B via B's mother",
    (p) => grandparent(p, 'maternal'),
  ],
  ['avuncular-paternal', 'AV', HALF, "A is a full sibling of B's father", (p) => avuncular(p)],
  [
    'avuncular-maternal',
    'AV',
    HALF,
    "A is a full sibling of B's mother",
    (p) => avuncular(p, 'maternal'),
  ],
  ['first-cousins', 'FC', QUARTER, "A's and B's fathers are full siblings", (p) => firstCousins(p)],
  [
    'great-grandparent-paternal',
    'GGP',
    QUARTER,
    'A is a great-grandparent of B through fathers',
    (p) => greatGrandparent(p),
  ],
  [
    'great-grandparent-maternal',
    'GGP',
    QUARTER,
    'A is a great-grandparent of B through mothers',
    (p) => greatGrandparent(p, 'maternal'),
  ],
  ['unrelated', 'UN', [1, 0, 0], 'A and B have no common ancestor', unrelated],
];

/**
 * The named relationships by kebab-case name. A Map, so that any user-given string (also
 * `__proto__`) is a safe key.
 *
 * @example
 * ```ts
 * RELATIONSHIPS.get('full-siblings')!.ibd; // => [0.25, 0.5, 0.25]
 * RELATIONSHIPS.get('first-cousins')!.build({ a: 'A', b: 'B', sexA: 'male', sexB: 'female' }).length; // => 8
 * ```
 */
export const RELATIONSHIPS: ReadonlyMap<string, RelationshipInfo> = new Map(
  ROWS.map(([name, abbreviation, ibd, description, build]) => [
    name,
    Object.freeze({
      name,
      abbreviation,
      ibd: Object.freeze([...ibd]) as IBDCoefficients,
      description,
      build,
    }),
  ]),
);

/**
 * Look up a named relationship.
 *
 * @param name - a key of {@link RELATIONSHIPS}
 * @returns its entry
 * @throws KindredError `INVALID_ARGUMENT` naming the unknown name and listing the known ones
 * @example
 * ```ts
 * getRelationship('parent-child').abbreviation; // => 'PO'
 * ```
 */
export function getRelationship(name: string): RelationshipInfo {
  const r = RELATIONSHIPS.get(name);
  if (r === undefined) {
    throw new KindredError(
      'INVALID_ARGUMENT',
      `Unknown relationship "${name}"; known: ${[...RELATIONSHIPS.keys()].join(', ')}`,
    );
  }
  return r;
}
