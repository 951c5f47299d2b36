import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KindredError } from '../errors.js';
import { buildMutationMatrix } from '../mutation/matrix.js';
import { ibdLocusLR, ibdRatios, parentChildLocusLR } from './ibd.js';

type G = [number, number];

/** All unordered genotypes of an n-allele locus. */
function genotypes(n: number): G[] {
  const out: G[] = [];
  for (let a = 0; a < n; a++) for (let b = a; b < n; b++) out.push([a, b]);
  return out;
}

const sameGenotype = (x: readonly number[], y: readonly number[]): boolean =>
  (x[0] === y[0] && x[1] === y[1]) || (x[0] === y[1] && x[1] === y[0]);

const hw = (g: G, p: ArrayLike<number>): number =>
  g[0] === g[1] ? p[g[0]]! ** 2 : 2 * p[g[0]]! * p[g[1]]!;

/**
 * Brute force of the IBD model: P(gA, gB | j alleles IBD) by summing over allele draws.
 * j = 1: A = (u, v), B = (u, t) with u, v, t independent from p; j = 2: B = A = (u, v).
 */
function bruteIBD(gA: G, gB: G, p: ArrayLike<number>, j: 1 | 2): number {
  const n = p.length;
  let s = 0;
  for (let u = 0; u < n; u++) {
    for (let v = 0; v < n; v++) {
      if (!sameGenotype([u, v], gA)) continue;
      if (j === 2) {
        if (sameGenotype([u, v], gB)) s += p[u]! * p[v]!;
        continue;
      }
      for (let t = 0; t < n; t++) if (sameGenotype([u, t], gB)) s += p[u]! * p[v]! * p[t]!;
    }
  }
  return s;
}

/** Random frequency vectors of 1..6 alleles. */
const freqsArb = fc
  .array(fc.double({ min: 0.05, max: 1, noNaN: true }), { minLength: 1, maxLength: 6 })
  .map((w) => {
    const s = w.reduce((a, b) => a + b, 0);
    return Float64Array.from(w, (x) => x / s);
  });
const kArb = fc
  .tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }))
  .map(([x, y]): [number, number, number] => {
    const [lo, hi] = x < y ? [x, y] : [y, x];
    return [lo, hi - lo, 1 - hi];
  });

describe('ibdLocusLR: textbook closed forms', () => {
  const p = new Float64Array([0.05, 0.15, 0.3, 0.5]);
  const PO = [0, 1, 0] as const;
  const FS = [0.25, 0.5, 0.25] as const;

  it('paternity index AA father, AA child with p = 0.05 is 1/p = 20 (conventions.md)', () => {
    expect(ibdLocusLR(PO, [0, 0], [0, 0], p)).toBeCloseTo(20, 12);
  });

  it('paternity index is 1/(2p) for AA–AB and AB–AA, 1/(4p) for AB–AC', () => {
    // Evett & Weir 1998, Interpreting DNA Evidence, Table 7.1 (mother untyped).
    expect(ibdLocusLR(PO, [0, 0], [0, 1], p)).toBeCloseTo(1 / (2 * 0.05), 12);
    expect(ibdLocusLR(PO, [0, 1], [0, 0], p)).toBeCloseTo(1 / (2 * 0.05), 12);
    expect(ibdLocusLR(PO, [0, 1], [0, 2], p)).toBeCloseTo(1 / (4 * 0.05), 12);
    expect(ibdLocusLR(PO, [0, 1], [0, 1], p)).toBeCloseTo((0.05 + 0.15) / (4 * 0.05 * 0.15), 12);
    expect(ibdLocusLR(PO, [0, 1], [2, 3], p)).toBe(0);
  });

  it('full-sibling index matches the per-configuration formulas', () => {
    // Wenk et al. 1996 / Weir et al. 2006: ab/ab (1+pa+pb+2pa·pb)/(8pa·pb), aa/aa (1+pa)²/(4pa²),
    // aa/ab (1+pa)/(4pa), ab/ac (1+2pa)/(8pa), nothing shared 1/4.
    const [pa, pb] = [0.05, 0.15];
    expect(ibdLocusLR(FS, [0, 1], [0, 1], p)).toBeCloseTo(
      (1 + pa + pb + 2 * pa * pb) / (8 * pa * pb),
      10,
    );
    expect(ibdLocusLR(FS, [0, 0], [0, 0], p)).toBeCloseTo((1 + pa) ** 2 / (4 * pa * pa), 10);
    expect(ibdLocusLR(FS, [0, 0], [0, 1], p)).toBeCloseTo((1 + pa) / (4 * pa), 12);
    expect(ibdLocusLR(FS, [0, 1], [0, 2], p)).toBeCloseTo((1 + 2 * pa) / (8 * pa), 12);
    expect(ibdLocusLR(FS, [0, 1], [2, 3], p)).toBe(0.25);
    expect(ibdLocusLR(FS, [0, 0], [1, 1], p)).toBe(0.25);
  });

  it('direct match [0,0,1] is 1/P(G) for equal genotypes and 0 otherwise', () => {
    expect(ibdLocusLR([0, 0, 1], [1, 2], [2, 1], p)).toBeCloseTo(1 / (2 * 0.15 * 0.3), 12);
    expect(ibdLocusLR([0, 0, 1], [1, 2], [1, 1], p)).toBe(0);
  });

  it('is 1 when A or B is untyped', () => {
    expect(ibdLocusLR(FS, [-1, -1], [0, 1], p)).toBe(1);
    expect(ibdLocusLR(FS, [0, 1], [-1, -1], p)).toBe(1);
  });

  it('ibdRatios example in the TSDoc: ab/ab with p = (0.1, 0.2) gives [3.75, 25]', () => {
    const [x1, x2] = ibdRatios([0, 1], [0, 1], new Float64Array([0.1, 0.2, 0.7]));
    expect(x1).toBeCloseTo(0.3 / 0.08, 13);
    expect(x2).toBeCloseTo(25, 12);
  });

  it('refuses k that does not sum to 1 and alleles out of range with INVALID_ARGUMENT', () => {
    expect(() => ibdLocusLR([0.5, 0.5, 0.5], [0, 0], [0, 0], p)).toThrow(/summing to 1/);
    let err: unknown;
    try {
      ibdLocusLR(PO, [0, 9], [0, 0], p);
    } catch (e) {
      err = e;
    }
    expect((err as KindredError).code).toBe('INVALID_ARGUMENT');
    expect((err as KindredError).message).toContain('[0, 9]');
  });
});

describe('ibdRatios against brute-force enumeration of the IBD model', () => {
  it('X1 and X2 agree for every genotype pair of a 4-allele locus', () => {
    const p = new Float64Array([0.1, 0.2, 0.3, 0.4]);
    for (const gA of genotypes(4)) {
      for (const gB of genotypes(4)) {
        const denom = hw(gA, p) * hw(gB, p);
        const [x1, x2] = ibdRatios(gA, gB, p);
        expect(x1).toBeCloseTo(bruteIBD(gA, gB, p, 1) / denom, 10);
        expect(x2).toBeCloseTo(bruteIBD(gA, gB, p, 2) / denom, 10);
      }
    }
  });

  it('Σ_gB P(gB)·LR(gA, gB) = 1 for random loci and any k (fast-check)', () => {
    fc.assert(
      fc.property(freqsArb, kArb, fc.nat(), (p, k, pick) => {
        const all = genotypes(p.length);
        const gA = all[pick % all.length]!;
        let s = 0;
        for (const gB of all) s += hw(gB, p) * ibdLocusLR(k, gA, gB, p);
        expect(s).toBeCloseTo(1, 12);
      }),
    );
  });

  it('LR(A, B) = LR(B, A) for every k (fast-check)', () => {
    fc.assert(
      fc.property(freqsArb, kArb, fc.nat(), fc.nat(), (p, k, i, j) => {
        const all = genotypes(p.length);
        const gA = all[i % all.length]!;
        const gB = all[j % all.length]!;
        const ab = ibdLocusLR(k, gA, gB, p);
        expect(Math.abs(ab - ibdLocusLR(k, gB, gA, p))).toBeLessThanOrEqual(1e-12 * ab);
      }),
    );
  });
});

/**
 * Brute force of parent–child with mutation: sum over the untyped other parent's ordered
 * genotype (x, y) ~ p_x p_y, which transmits x or y (½ each) through M_O; A transmits a1 or a2
 * (½ each) through M_A. Returns P(gB | gA).
 */
function brutePO(gA: G, gB: G, p: Float64Array, mA: Float64Array, mO: Float64Array): number {
  const n = p.length;
  let s = 0;
  for (let x = 0; x < n; x++) {
    for (let y = 0; y < n; y++) {
      for (const fromA of gA) {
        for (const fromO of [x, y]) {
          for (let j = 0; j < n; j++) {
            for (let k = 0; k < n; k++) {
              if (!sameGenotype([j, k], gB)) continue;
              s += p[x]! * p[y]! * 0.25 * mA[fromA * n + j]! * mO[fromO * n + k]!;
            }
          }
        }
      }
    }
  }
  return s;
}

describe('parentChildLocusLR: parent–child with mutation', () => {
  const labels = ['14', '15', '16', '16.3'];
  const p = new Float64Array([0.2, 0.4, 0.3, 0.1]);
  const step = buildMutationMatrix(
    { model: 'stepwise', rate: 0.01, rate2: 0.001, range: 0.5 },
    labels,
    [...p],
  );
  const equal = buildMutationMatrix({ model: 'equal', rate: 0.02 }, labels, [...p]);

  it('agrees with brute-force enumeration over the other parent for every genotype pair', () => {
    for (const gA of genotypes(4)) {
      for (const gB of genotypes(4)) {
        const expected = brutePO(gA, gB, p, step, equal) / hw(gB, p);
        const lr = parentChildLocusLR(gA, gB, p, step, equal);
        expect(Math.abs(lr - expected)).toBeLessThanOrEqual(1e-12 * expected);
      }
    }
  });

  it('equals the paternity index without mutation', () => {
    for (const gA of genotypes(4)) {
      for (const gB of genotypes(4)) {
        expect(parentChildLocusLR(gA, gB, p, null, null)).toBeCloseTo(
          ibdLocusLR([0, 1, 0], gA, gB, p),
          12,
        );
      }
    }
  });

  it('gives a small positive LR for an exclusion that one mutation explains', () => {
    // A = 14/14, B = 15/16: 14 → 15 by one step, t(15) = 0.01·2/3; q(16) = (p·M_equal)[16].
    const q16 = 0.2 * (0.02 / 3) + 0.4 * (0.02 / 3) + 0.3 * 0.98 + 0.1 * (0.02 / 3);
    const q15 = 0.2 * (0.02 / 3) + 0.4 * 0.98 + 0.3 * (0.02 / 3) + 0.1 * (0.02 / 3);
    const t15 = (0.01 * 2) / 3;
    const t16 = 0.01 / 3;
    const expected = (t15 * q16 + t16 * q15) / (2 * 0.4 * 0.3);
    expect(parentChildLocusLR([0, 0], [1, 2], p, step, equal)).toBeCloseTo(expected, 14);
  });

  it('TSDoc example: equal 0.01, A = 0/1, B = 2/3 gives 0.04/3', () => {
    const f = new Float64Array([0.25, 0.25, 0.25, 0.25]);
    const m = buildMutationMatrix({ model: 'equal', rate: 0.01 }, ['1', '2', '3', '4'], [...f]);
    expect(parentChildLocusLR([0, 1], [2, 3], f, m, null)).toBeCloseTo(0.04 / 3, 15);
  });

  it('untyped parent: B alleles come from p·M_A and p·M_O; untyped child: 1', () => {
    const qA = (j: number) => [0, 1, 2, 3].reduce((s, x) => s + p[x]! * step[x * 4 + j]!, 0);
    const qO = (j: number) => [0, 1, 2, 3].reduce((s, x) => s + p[x]! * equal[x * 4 + j]!, 0);
    const expected = (qA(0) * qO(3) + qA(3) * qO(0)) / (2 * 0.2 * 0.1);
    expect(parentChildLocusLR([-1, -1], [0, 3], p, step, equal)).toBeCloseTo(expected, 14);
    expect(parentChildLocusLR([0, 1], [-1, -1], p, step, equal)).toBe(1);
  });

  it('Σ_gB P(gB)·LR = Σ_gB P(gB | gA) = 1 for any mutation models (fast-check)', () => {
    fc.assert(
      fc.property(
        freqsArb,
        fc.double({ min: 0, max: 0.05, noNaN: true }),
        fc.nat(),
        (f, rate, pick) => {
          fc.pre(f.length > 1);
          const labels2 = Array.from(f, (_, i) => String(10 + i));
          const prop = buildMutationMatrix({ model: 'proportional', rate }, labels2, [...f]);
          const eq = buildMutationMatrix({ model: 'equal', rate }, labels2, [...f]);
          const all = genotypes(f.length);
          const gA = all[pick % all.length]!;
          let s = 0;
          for (const gB of all) s += hw(gB, f) * parentChildLocusLR(gA, gB, f, eq, prop);
          expect(s).toBeCloseTo(1, 12);
        },
      ),
    );
  });
});
