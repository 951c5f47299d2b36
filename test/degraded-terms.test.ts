/**
 * The degraded-locus sum over derived rows (search/index/linear-rows.ts, candidate.ts): for random
 * loci (up to 14 alleles, with and without a silent allele, autosomal and X), random observations
 * and random stored LRs, the few-term sum Σ_j coefs[j]·linear[rows[j]] equals the sum of
 * degraded-dna.md, Σ_G P(E | G)·P(G)·R_G / Σ_G P(E | G)·P(G), written out here from the spec's
 * formula over every genotype (not from the code's observation table). Also: the derived rows
 * equal their definitions, the few-term form is taken when it is shorter, and an entry whose sum
 * cancels is redone exactly.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Locus } from '../src/frequencies/locus.js';
import { SILENT_ALLELE } from '../src/profile/observation.js';
import { encodeCandidate, mixtureSet } from '../src/search/index/candidate.js';
import { createIndexLayout, genotypeSlot } from '../src/search/index/layout.js';
import { fillLinearRows } from '../src/search/index/linear-rows.js';
import { addMixturesPair, addMixturesRun, mixtureLogLR } from '../src/search/index/score-store.js';

/** P(E | G) of degraded-dna.md, from its formula: G as allele indices (one for a hemizygote). */
function specFactor(
  G: readonly number[],
  E: ReadonlySet<number>,
  d: number,
  c: number,
  silent: number,
  p: readonly number[],
): number {
  const copies = new Map<number, number>();
  for (const a of G) if (a !== silent) copies.set(a, (copies.get(a) ?? 0) + 1);
  let f = 1;
  for (const [a, k] of copies) f *= E.has(a) ? 1 - d ** k : d ** k;
  const foreign = [...E].filter((x) => !copies.has(x));
  if (foreign.length === 0) f *= 1 - c;
  else if (foreign.length === 1) f *= c * p[foreign[0]!]!;
  else f = 0;
  return f;
}

const arbCase = fc.record({
  n: fc.integer({ min: 2, max: 14 }),
  silent: fc.boolean(),
  x: fc.boolean(),
  male: fc.boolean(),
  weights: fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 14, maxLength: 14 }),
  d: fc.constantFrom(0, 0.05, 0.3, 0.6, 0.9),
  c: fc.constantFrom(0, 0.01, 0.1),
  seen: fc.array(fc.nat(), { minLength: 1, maxLength: 2 }),
  // ln R per slot: exclusions (−∞), ordinary values and large ones
  lnR: fc.array(
    fc.oneof(
      fc.constant(Number.NEGATIVE_INFINITY),
      fc.double({ min: -8, max: 8, noNaN: true }),
      fc.double({ min: -200, max: 40, noNaN: true }),
    ),
    { minLength: 120, maxLength: 120 },
  ),
});

describe('degraded-locus sum over derived rows', () => {
  it('equals the spec formula over every genotype (fast-check, autosomal and X, silent, drop-in)', () => {
    let derivedUsed = 0;
    fc.assert(
      fc.property(arbCase, (t) => {
        const names = Array.from({ length: t.n }, (_, i) =>
          t.silent && i === t.n - 1 ? SILENT_ALLELE : String(10 + i),
        );
        const w = t.weights.slice(0, t.n);
        const total = w.reduce((a, b) => a + b, 0);
        const locus: Locus = {
          name: 'L',
          alleles: names,
          frequencies: w.map((v) => v / total),
          chromosome: t.x ? 'X' : 'autosomal',
          mutation: null,
        };
        const layout = createIndexLayout([locus]);
        const ordinary = t.silent ? t.n - 1 : t.n;
        if (ordinary < 1) return;
        const seen = [...new Set(t.seen.map((s) => s % ordinary))];
        const hemi = t.x && t.male;
        if (hemi && seen.length === 2 && t.c === 0) return; // a validation error, not a sum
        const sex = t.x ? (t.male ? 'male' : 'female') : undefined;
        let cand: ReturnType<typeof encodeCandidate>;
        try {
          cand = encodeCandidate('V', new Map([['L', seen.map((a) => names[a]!)]]), layout, {
            sex,
            observation: { dropout: t.d, dropin: t.c },
          });
        } catch {
          // an observation no genotype explains: checked elsewhere
          return;
        }
        if (cand.mixtures.length === 0) return; // one genotype only: typed as usual
        const m = cand.mixtures[0]!;
        if (m.rows.some((r) => r >= layout.slots)) derivedUsed++;
        const p = locus.frequencies;
        const silent = t.silent ? t.n - 1 : -1;
        const E = new Set(seen);
        const lnR = (slot: number): number => t.lnR[slot % t.lnR.length]!;
        // The spec's sum over every genotype of this entry (male entry at X: one allele).
        let num = 0;
        let den = 0;
        for (let a = 0; a < t.n; a++) {
          for (let b = hemi ? a : 0; b <= a; b++) {
            const G = hemi ? [a] : [a, b];
            const prior = hemi ? p[a]! : a === b ? p[a]! * p[a]! : 2 * p[a]! * p[b]!;
            const f = specFactor(G, E, t.d, t.c, silent, p);
            den += f * prior;
            num += f * prior * Math.exp(lnR(genotypeSlot(a, b)));
          }
        }
        const want = Math.log(num / den);
        const values = Float64Array.from({ length: layout.slots }, (_, s) => lnR(s));
        const sexes = Uint8Array.of(hemi ? 1 : 2);
        const linear = new Float64Array(layout.rows);
        fillLinearRows(values, 1, 1, layout, sexes, 0, linear);
        const out = new Float64Array(1);
        const run = { values, stride: 1, first: 0, count: 1 };
        const code = sex === undefined ? 0 : sex === 'male' ? 1 : 2;
        addMixturesRun(run, linear, cand.mixtureSet, 0, 1, code, sexes, 0, out, 0);
        const pair = addMixturesPair(
          0,
          cand.mixtureSet,
          0,
          1,
          code,
          sexes[0]!,
          (row) => linear[row]!,
          (slot) => values[slot]!,
        );
        expect(pair).toBe(out[0]);
        if (num === 0) expect(out[0]).toBe(Number.NEGATIVE_INFINITY);
        else
          expect(Math.abs(out[0]! - want)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want)));
      }),
      { numRuns: 3000, seed: 20261204 },
    );
    // the few-term form is exercised, not only the slot-by-slot one
    expect(derivedUsed).toBeGreaterThan(300);
  });

  it('derived rows equal their definitions: H_a = Σ_x p_x R_ax, T = Σ_G P(G) R_G (a male at X: Σ_a p_a R_a)', () => {
    const loci: Locus[] = [
      {
        name: 'A',
        alleles: ['1', '2', '3', '4'],
        frequencies: [0.1, 0.2, 0.3, 0.4],
        chromosome: 'autosomal',
        mutation: null,
      },
      {
        name: 'X',
        alleles: ['5', '6', '7'],
        frequencies: [0.5, 0.3, 0.2],
        chromosome: 'X',
        mutation: null,
      },
    ];
    const layout = createIndexLayout(loci);
    expect(layout.rows).toBe(layout.slots + 5 + 4);
    const count = 3;
    const stride = 4;
    const values = Float64Array.from({ length: layout.slots * stride }, (_, k) =>
      k % 7 === 0 ? Number.NEGATIVE_INFINITY : Math.sin(k) * 3,
    );
    const sexes = Uint8Array.of(1, 2, 1);
    const linear = new Float64Array(layout.rows * stride);
    fillLinearRows(values, stride, count, layout, sexes, 0, linear);
    for (let i = 0; i < count; i++) {
      const R = (slot: number): number => Math.exp(values[slot * stride + i]!);
      loci.forEach((locus, l) => {
        const n = locus.alleles.length;
        const p = locus.frequencies;
        const off = layout.slotOffset[l]!;
        const d0 = layout.slots + layout.derivedOffset[l]!;
        let T = 0;
        for (let a = 0; a < n; a++) {
          let H = 0;
          for (let x = 0; x < n; x++) H += p[x]! * R(off + genotypeSlot(a, x));
          if (!(locus.chromosome === 'X' && sexes[i] === 1))
            expect(linear[(d0 + a) * stride + i]).toBeCloseTo(H, 12);
          for (let b = 0; b <= a; b++)
            T += (a === b ? p[a]! * p[a]! : 2 * p[a]! * p[b]!) * R(off + genotypeSlot(a, b));
        }
        if (locus.chromosome === 'X' && sexes[i] === 1) {
          T = 0;
          for (let a = 0; a < n; a++) T += p[a]! * R(off + genotypeSlot(a, a));
        }
        expect(linear[(d0 + n) * stride + i]).toBeCloseTo(T, 12);
      });
    }
  });

  it('a seen {a} at a 20-allele locus is scored with 2 terms (R_aa and H_a) instead of 20 genotypes', () => {
    const n = 20;
    const locus: Locus = {
      name: 'L',
      alleles: Array.from({ length: n }, (_, i) => String(i + 5)),
      frequencies: Array.from({ length: n }, () => 1 / n),
      chromosome: 'autosomal',
      mutation: null,
    };
    const layout = createIndexLayout([locus]);
    const c = encodeCandidate('V', new Map([['L', ['9']]]), layout, {
      observation: { dropout: 0.3, dropin: 0 },
    });
    expect(c.mixtures[0]!.slots.length).toBe(n);
    expect(c.mixtures[0]!.rows.length).toBe(2);
    const withDropin = encodeCandidate('V', new Map([['L', ['9']]]), layout, {
      observation: { dropout: 0.3, dropin: 0.05 },
    });
    expect(withDropin.mixtures[0]!.slots.length).toBe((n * (n + 1)) / 2);
    expect(withDropin.mixtures[0]!.rows.length).toBe(3);
  });

  it('an entry whose few-term sum cancels is redone exactly from its possible genotypes', () => {
    // terms R_0 − R_1 (equal values: the sum cancels to 0 against a positive part of 1)
    const set = mixtureSet([
      {
        locus: 0,
        x: false,
        slots: Int32Array.of(0, 1),
        logWeights: Float64Array.of(Math.log(0.25), Math.log(0.75)),
        rows: Int32Array.of(0, 1),
        coefs: Float64Array.of(1, -1),
      },
    ]);
    const values = Float64Array.of(Math.log(2), 0, Math.log(2), Number.NEGATIVE_INFINITY);
    const linear = values.map(Math.exp);
    const run = { values, stride: 2, first: 0, count: 2 };
    const out = Float64Array.of(0, Number.NEGATIVE_INFINITY);
    addMixturesRun(run, linear, set, 0, 1, 0, Uint8Array.of(1, 1), 0, out, 0);
    const exact = mixtureLogLR(set.slots, set.logWeights, (s) => values[s * 2]!);
    expect(exact).toBeCloseTo(Math.log(2), 14);
    expect(out[0]).toBe(exact);
    expect(out[1]).toBe(Number.NEGATIVE_INFINITY); // already excluded: stays so
    const pair = addMixturesPair(
      0,
      set,
      0,
      1,
      0,
      1,
      (r) => linear[r * 2]!,
      (s) => values[s * 2]!,
    );
    expect(pair).toBe(out[0]);
  });
});
