/**
 * Genotypes at one marker: an unordered pair of allele labels (one label for a male at an X
 * marker). Labels are kept as written; order is normalised only for comparison.
 *
 * @module
 */
import { type ErrorPath, KindredError } from '../errors.js';
import type { Chromosome } from '../frequencies/locus.js';
import type { Sex } from '../pedigree/pedigree.js';
import { compareAlleleLabels, parseAllele } from './allele.js';

/** Allele labels of one typed marker: two (any order), or one (hemizygous male at X, or a homozygote written once where allowed). */
export type Genotype = readonly string[];

/** Who and where a genotype belongs to, and which rules apply. */
export interface GenotypeContext {
  /** Person or profile id, named in messages. */
  readonly person: string;
  /** Marker name, named in messages. */
  readonly marker: string;
  /** Inheritance of the marker. */
  readonly chromosome: Chromosome;
  /** True for Amelogenin: labels must be X or Y. */
  readonly sexMarker?: boolean;
  /** The person's sex when known (decides X-marker rules). */
  readonly sex?: Sex;
  /** Accept a homozygote written as one allele (autosomal, or a female at X). Default false. */
  readonly singleAlleleHomozygotes?: boolean;
  /** Path of the genotype array in the input. */
  readonly path?: ErrorPath;
  /** File named in errors. */
  readonly file?: string;
}

/**
 * Validate a genotype.
 *
 * Rules: an array of 1 or 2 valid labels (see `parseAllele`; `OL` is rejected). An empty array
 * is refused (an untyped marker is absent). Three or more labels are a tri-allelic pattern and
 * refused, naming every label (never truncated). One label is accepted for a male at an X marker
 * (hemizygous), at Amelogenin, and elsewhere only with `singleAlleleHomozygotes`. A male with two
 * different alleles at an X marker is refused. At Amelogenin every label must be X or Y.
 *
 * @param alleles - labels as written
 * @param context - person, marker, chromosome, sex and options
 * @returns the trimmed labels, in the order written
 * @throws KindredError `INVALID_GENOTYPE` (count, male X heterozygote, Amelogenin label) or
 *   `INVALID_ALLELE` (bad label), naming person, marker and value
 * @example
 * ```ts
 * validateGenotype(['9.3', '6'], { person: 'P1', marker: 'TH01', chromosome: 'autosomal' }); // => ['9.3', '6']
 * validateGenotype(['12'], { person: 'P1', marker: 'HPRTB', chromosome: 'X', sex: 'male' }); // => ['12']
 * ```
 */
export function validateGenotype(alleles: unknown, context: GenotypeContext): Genotype {
  const path = context.path ?? [];
  const who = `Person "${context.person}"`;
  const fail = (detail: string, at: ErrorPath = path): never => {
    throw new KindredError(
      'INVALID_GENOTYPE',
      detail,
      context.file !== undefined ? { path: at, file: context.file } : { path: at },
    );
  };
  if (!Array.isArray(alleles)) {
    return fail(`${who} has a genotype at marker ${context.marker} that is not a list of alleles`);
  }
  if (alleles.length === 0) {
    return fail(
      `${who} has an empty genotype at marker ${context.marker}; leave an untyped marker out`,
    );
  }
  if (alleles.length > 2) {
    const shown = alleles.map((a) => JSON.stringify(a)).join(', ');
    return fail(
      `${who} has ${alleles.length} alleles at marker ${context.marker} (${shown}): tri-allelic patterns are not supported`,
    );
  }
  const labels = alleles.map((a, i) => {
    const allele = parseAllele(a, {
      marker: context.marker,
      owner: `person "${context.person}"`,
      path: [...path, i],
      ...(context.file !== undefined ? { file: context.file } : {}),
    });
    if (context.sexMarker === true && allele.kind !== 'sex') {
      fail(
        `${who} has allele "${allele.label}" at sex marker ${context.marker}; only X and Y are allowed`,
        [...path, i],
      );
    }
    return allele.label;
  });
  const [a, b] = labels as [string, string | undefined];
  if (context.sexMarker === true) return Object.freeze(labels);
  if (context.chromosome === 'X' && context.sex === 'male') {
    if (b !== undefined && a !== b) {
      fail(
        `${who} is male but has two different alleles "${a}" and "${b}" at X marker ${context.marker}`,
      );
    }
  } else if (b === undefined && context.singleAlleleHomozygotes !== true) {
    const why =
      context.chromosome === 'X'
        ? context.sex === 'female'
          ? 'a female needs two alleles at an X marker'
          : 'one allele at an X marker needs the person to be male (sex unknown)'
        : 'write a homozygote as two equal alleles';
    fail(`${who} has one allele "${a}" at marker ${context.marker}: ${why}`);
  }
  return Object.freeze(labels);
}

/**
 * The two labels of a genotype, a single label doubled (homozygote or hemizygous male).
 *
 * @example
 * ```ts
 * genotypePair(['12']); // => ['12', '12']
 * ```
 */
export function genotypePair(genotype: Genotype): readonly [string, string] {
  const a = genotype[0] as string;
  return [a, genotype[1] ?? a];
}

/**
 * A key equal for equal unordered genotypes: labels sorted by {@link compareAlleleLabels}.
 *
 * @example
 * ```ts
 * genotypeKey(['9.3', '6']); // => '6/9.3'
 * genotypeKey(['12']); // => '12/12'
 * ```
 */
export function genotypeKey(genotype: Genotype): string {
  return [...genotypePair(genotype)].sort(compareAlleleLabels).join('/');
}

/**
 * True when two genotypes hold the same unordered pair of labels.
 *
 * @example
 * ```ts
 * sameGenotype(['15', '14'], ['14', '15']); // => true
 * ```
 */
export function sameGenotype(a: Genotype, b: Genotype): boolean {
  return genotypeKey(a) === genotypeKey(b);
}

/**
 * True when both labels are equal (or only one is written).
 *
 * @example
 * ```ts
 * isHomozygous(['12', '12']); // => true
 * ```
 */
export function isHomozygous(genotype: Genotype): boolean {
  const [a, b] = genotypePair(genotype);
  return a === b;
}

/**
 * Sex read from an Amelogenin genotype: a Y → male, only X → female.
 *
 * @param genotype - a genotype validated with `sexMarker: true`
 * @returns the sex it indicates
 * @example
 * ```ts
 * sexFromAmelogenin(['X', 'Y']); // => 'male'
 * sexFromAmelogenin(['X', 'X']); // => 'female'
 * ```
 */
export function sexFromAmelogenin(genotype: Genotype): Sex {
  return genotype.some((label) => label.toUpperCase() === 'Y') ? 'male' : 'female';
}
