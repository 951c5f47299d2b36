/**
 * Gene dropping: simulate the alleles of everyone in a pedigree at one locus. Founders draw two
 * alleles from the frequencies; each child receives one of its mother's two alleles (½ each) and
 * from its father one of his two (autosomal) or his single X allele (daughters only at X loci;
 * sons get only a maternal X). With `mutation: true` every transmitted allele then moves through
 * the sex-specific mutation matrix row of the locus's model. `sameAs` rows copy their person.
 *
 * @module
 */
import type { Locus } from '../frequencies/locus.js';
import { buildMatrices } from '../mutation/matrix.js';
import { MALE, type Pedigree } from '../pedigree/pedigree.js';
import { type Rng, sampleIndex } from './prng.js';

/** Options for {@link dropGenes}. */
export interface GeneDropOptions {
  /** Apply the locus's mutation model to every transmission (default false). */
  readonly mutation?: boolean;
}

/**
 * Simulate one locus down a pedigree.
 *
 * @param rng - the generator
 * @param ped - the pedigree
 * @param locus - the locus (frequencies, chromosome, mutation model)
 * @param options - whether transmissions mutate
 * @returns `alleles[2i]` (paternal) and `alleles[2i+1]` (maternal) allele indices of row i; a male
 *   at an X locus has his one allele in both
 * @throws KindredError `INVALID_MUTATION` when the locus's mutation model cannot be built
 * @example
 * ```ts
 * dropGenes(createRng(1), trio, locus).length; // => 6
 * ```
 */
export function dropGenes(
  rng: Rng,
  ped: Pedigree,
  locus: Locus,
  options: GeneDropOptions = {},
): Int32Array {
  const N = ped.ids.length;
  const n = locus.alleles.length;
  const out = new Int32Array(2 * N).fill(-1);
  const x = locus.chromosome === 'X';
  const matrices = options.mutation
    ? buildMatrices(locus.mutation, locus.alleles, locus.frequencies, { locus: locus.name })
    : { male: null, female: null };
  const transmit = (allele: number, male: boolean): number => {
    const m = male ? matrices.male : matrices.female;
    if (m === null) return allele;
    return sampleIndex(rng, m.subarray(allele * n, allele * n + n));
  };
  const done = new Uint8Array(N);
  let remaining = N;
  while (remaining > 0) {
    for (let i = 0; i < N; i++) {
      if (done[i]) continue;
      const same = ped.sameAs[i]!;
      const f = ped.father[i]!;
      const m = ped.mother[i]!;
      if (same >= 0) {
        if (!done[same]) continue;
        out[2 * i] = out[2 * same]!;
        out[2 * i + 1] = out[2 * same + 1]!;
      } else if (f < 0) {
        const a = sampleIndex(rng, locus.frequencies);
        out[2 * i + 1] = a;
        out[2 * i] = x && ped.sex[i] === MALE ? a : sampleIndex(rng, locus.frequencies);
      } else {
        if (!done[f] || !done[m]) continue;
        const mat = transmit(out[2 * m + rng.int(2)]!, false);
        out[2 * i + 1] = mat;
        if (x && ped.sex[i] === MALE) out[2 * i] = mat;
        else {
          const fromFather = x ? out[2 * f + 1]! : out[2 * f + rng.int(2)]!;
          out[2 * i] = transmit(fromFather, true);
        }
      }
      done[i] = 1;
      remaining--;
    }
  }
  return out;
}

/**
 * The unordered genotype (labels, smaller index first) of row `row` from a gene drop.
 *
 * @param alleles - the output of {@link dropGenes}
 * @param row - the person
 * @param locus - the locus
 * @returns two labels
 * @example
 * ```ts
 * genotypeOfRow(Int32Array.from([1, 0]), 0, locus); // => [locus.alleles[0], locus.alleles[1]]
 * ```
 */
export function genotypeOfRow(alleles: Int32Array, row: number, locus: Locus): [string, string] {
  const a = alleles[2 * row]!;
  const b = alleles[2 * row + 1]!;
  return [locus.alleles[Math.min(a, b)]!, locus.alleles[Math.max(a, b)]!];
}
