/**
 * The linear values read by the degraded-locus sum of the search (degraded-dna.md): the stored
 * LRs themselves (`R_G = exp(value)`) for every genotype slot, followed per locus by n + 1
 * derived rows (see {@link IndexLayout.derivedOffset}):
 *
 *   H_a = Σ_x p_x·R_{a,x}   for each allele a (x over every allele, x = a included),
 *   T   = Σ_a p_a·H_a = Σ_G P(G)·R_G   (for a male entry at an X locus: Σ_a p_a·R_a).
 *
 * With them a degraded remains whose observation E leaves only a few alleles K distinguishable
 * (the seen ones and the silent allele; every other allele u has the same factor P(E | a/u)) is
 * scored with a few reads per entry instead of one per possible genotype: the genotypes with
 * one allele outside K sum to 2p_a·(H_a − Σ_{k∈K} p_k·R_{a,k}), those with none to T minus the
 * rest (`candidate.ts` derives the coefficients). A pair is scored from the same filled rows
 * as the bulk (`ScoreStore.addMixturesAt`), so it scores exactly as in bulk.
 *
 * @module
 */
import { genotypeSlot, type IndexLayout } from './layout.js';

/**
 * Fill the linear rows of `count` entries: `out[row·stride + i]` for every row of the layout
 * (`layout.rows`), from `values[slot·stride + i]` (ln LRs, genotype-major, the same stride).
 *
 * @param values - ln LRs, length >= layout.slots · stride
 * @param stride - entries per row of `values` and `out`
 * @param count - entries to fill (positions 0..count-1 of each row)
 * @param layout - the index's layout
 * @param sexes - sex code per entry (1 male, 2 female), read at `s0 + i`
 * @param s0 - position of the first entry in `sexes`
 * @param out - destination, length >= layout.rows · stride
 * @example
 * ```ts
 * const out = new Float64Array(layout.rows * stride);
 * fillLinearRows(values, stride, count, layout, sexes, 0, out); // out[s·stride + i] === Math.exp(values[s·stride + i])
 * ```
 */
export function fillLinearRows(
  values: Float64Array,
  stride: number,
  count: number,
  layout: IndexLayout,
  sexes: Uint8Array,
  s0: number,
  out: Float64Array,
): void {
  const S = layout.slots;
  for (let s = 0; s < S; s++) {
    const o = s * stride;
    for (let i = 0; i < count; i++) out[o + i] = Math.exp(values[o + i]!);
  }
  layout.loci.forEach((locus, l) => {
    const n = locus.alleles.length;
    const p = locus.frequencies;
    const off = layout.slotOffset[l]!;
    const h0 = S + layout.derivedOffset[l]!;
    for (let a = 0; a < n; a++) {
      const h = (h0 + a) * stride;
      for (let i = 0; i < count; i++) out[h + i] = 0;
      for (let x = 0; x < n; x++) {
        const w = p[x]!;
        const r = (off + genotypeSlot(a, x)) * stride;
        for (let i = 0; i < count; i++) out[h + i]! += w * out[r + i]!;
      }
    }
    const t = (h0 + n) * stride;
    for (let i = 0; i < count; i++) out[t + i] = 0;
    for (let a = 0; a < n; a++) {
      const w = p[a]!;
      const h = (h0 + a) * stride;
      for (let i = 0; i < count; i++) out[t + i]! += w * out[h + i]!;
    }
    if (locus.chromosome !== 'X') return;
    // A male entry's genotype at an X locus is one allele, stored at its homozygous slot.
    for (let i = 0; i < count; i++) {
      if (sexes[s0 + i] !== 1) continue;
      let sum = 0;
      for (let a = 0; a < n; a++) sum += p[a]! * out[(off + genotypeSlot(a, a)) * stride + i]!;
      out[t + i] = sum;
    }
  });
}
