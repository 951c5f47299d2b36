/**
 * Exact power of a family's references for one missing person: exclusion power of an unrelated
 * person, expected LR and expected log10 LR when the remains is the missing person, per locus
 * and combined, each a finite sum over the missing person's genotypes (see `power-atoms.ts`),
 * with the per-locus LR tables computed by the one engine (`search/index-locus-table.ts`).
 *
 * Exclusion power is given twice. `exclusionPower` uses the locus's mutation model as stated (an
 * exclusion is LR = 0; a model that lets every allele mutate into every other never excludes).
 * `exclusionPowerWithoutMutation` follows forrel's `missingPersonEP` default
 * (`disableMutations = NA`): mutation is switched off at every locus where the references are
 * consistent without it, and kept where they are not (listed in `mutationKept`).
 *
 * @module
 */
import { KindredError } from '../errors.js';
import type { Locus } from '../frequencies/locus.js';
import type { ComputeBudget } from '../likelihood/eliminate.js';
import { MALE } from '../pedigree/pedigree.js';
import type { GenotypeMap } from '../profile/genotype-map.js';
import { SILENT_ALLELE } from '../profile/observation.js';
import { buildLocusTable } from '../search/index/locus-table.js';
import type { Family } from '../search/types.js';
import {
  type CombinedPower,
  combinePower,
  type LocusPowerSummary,
  type PowerAtoms,
  summarizeAtoms,
  tableAtoms,
} from './power-atoms.js';

/** Options of the exact power functions. */
export interface ExactPowerOptions {
  /** Balding–Nichols theta; only 0 is supported (default 0). */
  readonly theta?: number;
  /** Limit on the engine's work per locus. */
  readonly budget?: ComputeBudget;
}

/** One locus of a {@link MissingPersonPower}. */
export interface LocusPower extends LocusPowerSummary {
  /** Exclusion power with mutation switched off where the references allow it. */
  readonly exclusionPowerWithoutMutation: number;
}

/** The exact power of a family's references for one missing person. */
export interface MissingPersonPower extends CombinedPower {
  /** Family name. */
  readonly family: string;
  /** Id of the missing person. */
  readonly missing: string;
  /** Combined exclusion power with mutation switched off where the references allow it. */
  readonly exclusionPowerWithoutMutation: number;
  /** Loci whose references need mutation (their exclusion power keeps the model). */
  readonly mutationKept: readonly string[];
  /** Per-locus figures, in the order of the loci given. */
  readonly loci: readonly LocusPower[];
}

/**
 * The atoms of one missing person at every locus, given the family's typed people (the family's
 * own genotypes, or those plus planned references).
 *
 * @param family - the family (pedigree, missing persons)
 * @param missing - id of one of `family.missing`
 * @param loci - the loci (every locus a relative is typed at must be among them)
 * @param genotypes - typed people's genotypes (default: the family's)
 * @param options - theta (0), budget
 * @returns one {@link PowerAtoms} per locus, in the order of `loci`
 * @throws KindredError `INVALID_ARGUMENT` for a missing id not in `family.missing`;
 *   `UNSUPPORTED` for theta > 0; `INVALID_GENOTYPE` for a genotype at an unknown locus or with an
 *   allele the locus does not define; `IMPOSSIBLE_REFERENCE` when the references are incompatible
 *   at a locus; `TOO_COMPLEX` past the budget
 * @example
 * ```ts
 * missingPersonAtoms(family, 'M', loci).length; // => loci.length
 * ```
 */
export function missingPersonAtoms(
  family: Family,
  missing: string,
  loci: readonly Locus[],
  genotypes: GenotypeMap = family.genotypes,
  options: ExactPowerOptions = {},
): PowerAtoms[] {
  const row = _missingRow(family, missing);
  _checkTheta(options.theta);
  _checkGenotypes(family.name, genotypes, loci);
  return loci.map((locus) => _atoms(family, row, locus, genotypes, options));
}

/**
 * Exact exclusion power, expected LR and expected log10 LR of a family's references for one
 * missing person, per locus and combined over the loci.
 *
 * @param family - the family
 * @param missing - id of one of `family.missing`
 * @param loci - the loci
 * @param options - theta (0), budget
 * @returns the figures (see {@link MissingPersonPower})
 * @throws KindredError as {@link missingPersonAtoms}
 * @example
 * ```ts
 * // father typed 1/2 (p = 0.1, 0.2), missing child, no mutation: EP = (1 − 0.1 − 0.2)²
 * computeExactPower(family, 'M', [locus]).exclusionPower; // => 0.49
 * ```
 */
export function computeExactPower(
  family: Family,
  missing: string,
  loci: readonly Locus[],
  options: ExactPowerOptions = {},
): MissingPersonPower {
  const atoms = missingPersonAtoms(family, missing, loci, family.genotypes, options);
  const row = _missingRow(family, missing);
  const mutationKept: string[] = [];
  const perLocus: LocusPower[] = atoms.map((a, l) => {
    const s = summarizeAtoms(a);
    const locus = loci[l]!;
    let epNoMutation = s.exclusionPower;
    if (locus.mutation !== null) {
      const bare = _withoutMutation(locus);
      try {
        epNoMutation = summarizeAtoms(
          _atoms(family, row, bare, family.genotypes, options),
        ).exclusionPower;
      } catch (e) {
        if (!(e instanceof KindredError) || e.code !== 'IMPOSSIBLE_REFERENCE') throw e;
        mutationKept.push(locus.name);
      }
    }
    return { ...s, exclusionPowerWithoutMutation: epNoMutation };
  });
  const combined = combinePower(perLocus);
  let notExcluded = 1;
  for (const l of perLocus) notExcluded *= 1 - l.exclusionPowerWithoutMutation;
  return {
    family: family.name,
    missing,
    ...combined,
    exclusionPowerWithoutMutation: 1 - notExcluded,
    mutationKept,
    loci: perLocus,
  };
}

/** Atoms of row `row` at one locus. */
export function _atoms(
  family: Family,
  row: number,
  locus: Locus,
  genotypes: GenotypeMap,
  options: ExactPowerOptions,
): PowerAtoms {
  const table = buildLocusTable({
    family: family.name,
    pedigree: family.pedigree,
    row,
    locus,
    genotypes,
    theta: 0,
    ...(options.budget !== undefined ? { budget: options.budget } : {}),
  });
  const hemizygous = locus.chromosome === 'X' && family.pedigree.sex[row] === MALE;
  return tableAtoms(table, locus, hemizygous);
}

/** The row of a missing person of the family. */
export function _missingRow(family: Family, missing: string): number {
  const k = family.missing.indexOf(missing);
  const row = family.pedigree.index.get(missing);
  if (k < 0 || row === undefined) {
    throw new KindredError(
      'INVALID_ARGUMENT',
      `"${missing}" is not a missing person of family "${family.name}" (its missing persons: ${family.missing.join(', ') || 'none'})`,
      { path: ['families', family.name, 'missing'] },
    );
  }
  return row;
}

/** Refuse theta > 0 (the H1 genotype distribution is then not LR · P(g)). */
export function _checkTheta(theta: number | undefined): void {
  if (theta !== undefined && theta !== 0) {
    throw new KindredError(
      'UNSUPPORTED',
      `Power with theta = ${theta} is not supported: exclusion power, expected LR and inclusion power are computed with theta = 0 only`,
      { path: ['theta'] },
    );
  }
}

/**
 * No locus has a silent allele (the power calculation reads genotypes as hard, so a relative
 * seen as a/a would be taken for a/a, never a/silent: refused, not computed), every typed locus
 * is a locus of the list and every allele one of its alleles.
 */
export function _checkGenotypes(
  family: string,
  genotypes: GenotypeMap,
  loci: readonly Locus[],
): void {
  loci.forEach((locus, l) => {
    if (locus.alleles.includes(SILENT_ALLELE)) {
      throw new KindredError(
        'UNSUPPORTED',
        `Locus "${locus.name}" has a silent allele; the power calculation of family "${family}" reads genotypes as hard (a relative seen as a homozygote would be taken for one), so it is refused rather than computed without it`,
        { path: ['loci', l] },
      );
    }
  });
  const byName = new Map(loci.map((l) => [l.name, new Set(l.alleles)]));
  for (const [id, byLocus] of genotypes) {
    for (const [name, alleles] of byLocus) {
      const path = ['families', family, 'genotypes', id, name];
      const known = byName.get(name);
      if (known === undefined) {
        throw new KindredError(
          'INVALID_GENOTYPE',
          `Person "${id}" of family "${family}" is typed at locus "${name}", which is not among the loci of the power calculation`,
          { path },
        );
      }
      alleles.forEach((a, k) => {
        if (!known.has(a)) {
          throw new KindredError(
            'INVALID_GENOTYPE',
            `Person "${id}" of family "${family}" has allele "${a}" at locus "${name}", which is not in the locus definition`,
            { path: [...path, k] },
          );
        }
      });
    }
  }
}

const _bare = new WeakMap<Locus, Locus>();

/** The locus without its mutation model (one object per locus, so engine caches are shared). */
function _withoutMutation(locus: Locus): Locus {
  let bare = _bare.get(locus);
  if (bare === undefined) {
    bare = { ...locus, mutation: null };
    _bare.set(locus, bare);
  }
  return bare;
}
