/**
 * Random genotypes from a locus's allele frequencies (Hardy–Weinberg: two independent draws),
 * for simulated remains and founders. Frequencies are used as weights (a table summing to 1 only
 * within tolerance is sampled in proportion).
 *
 * @module
 */
import type { Locus } from '../frequencies/locus.js';
import type { Sex } from '../pedigree/pedigree.js';
import { type Rng, sampleIndex } from './prng.js';

/**
 * One allele index drawn from the locus frequencies.
 *
 * @param rng - the generator
 * @param locus - the locus
 * @returns an allele index into `locus.alleles`
 * @example
 * ```ts
 * randomAllele(createRng(3), { ...locus, frequencies: [0, 1] }); // => 1
 * ```
 */
export function randomAllele(rng: Rng, locus: Locus): number {
  return sampleIndex(rng, locus.frequencies);
}

/**
 * A random unordered genotype (labels, smaller index first). A male at an X locus gets one
 * allele written twice, as the case format does.
 *
 * @param rng - the generator
 * @param locus - the locus
 * @param sex - needed for X loci (default female)
 * @returns two allele labels
 * @example
 * ```ts
 * randomGenotype(createRng(1), oneAlleleLocus); // => ['12', '12']
 * ```
 */
export function randomGenotype(rng: Rng, locus: Locus, sex: Sex = 'female'): [string, string] {
  const a = randomAllele(rng, locus);
  const b = locus.chromosome === 'X' && sex === 'male' ? a : randomAllele(rng, locus);
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  return [locus.alleles[lo]!, locus.alleles[hi]!];
}

/**
 * A random profile over several loci (genotypes of an unrelated person).
 *
 * @param rng - the generator
 * @param loci - the loci
 * @param sex - needed for X loci
 * @returns locus name → two labels
 * @example
 * ```ts
 * randomProfile(createRng(7), loci).size; // => loci.length
 * ```
 */
export function randomProfile(
  rng: Rng,
  loci: readonly Locus[],
  sex: Sex = 'female',
): Map<string, [string, string]> {
  const out = new Map<string, [string, string]>();
  for (const locus of loci) out.set(locus.name, randomGenotype(rng, locus, sex));
  return out;
}
