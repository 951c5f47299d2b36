import { describe, expect, it } from 'vitest';
import type { KindredError } from '../errors.js';
import type { Locus } from '../frequencies/locus.js';
import type { LineageRelation } from './lineage.js';
import {
  encodePairwiseProfile,
  pairwiseLocusLR,
  pairwiseLRBatch,
  pairwiseLRMany,
  preparePairwise,
} from './pairwise.js';

const LOCI: Locus[] = [
  {
    name: 'S01',
    alleles: ['14', '15', '16', '16.3'],
    frequencies: [0.2, 0.4, 0.3, 0.1],
    chromosome: 'autosomal',
    mutation: null,
  },
  {
    name: 'S02',
    alleles: ['9', '10', '11'],
    frequencies: [0.05, 0.6, 0.35],
    chromosome: 'autosomal',
    mutation: null,
  },
  {
    name: 'S03',
    alleles: ['7', '8'],
    frequencies: [0.5, 0.5],
    chromosome: 'autosomal',
    mutation: null,
  },
];
const withStepwise: Locus[] = LOCI.map((l) => ({
  ...l,
  mutation: { model: 'stepwise', rate: 0.01, rate2: 0.001, range: 0.5 },
}));

describe('preparePairwise and pairwiseLRBatch', () => {
  const gA = Int32Array.of(0, 1, 1, 1, -1, -1);
  const gB = Int32Array.of(0, 2, 0, 1, 0, 1);

  it('the ibd batch is the product of the per-locus LRs, written to out', () => {
    const prep = preparePairwise({ kind: 'ibd', k: [0.25, 0.5, 0.25] }, LOCI);
    const out = new Float64Array(3);
    const total = pairwiseLRBatch(prep, gA, gB, out);
    LOCI.forEach((l, i) => {
      const expected = pairwiseLocusLR(
        'ibd',
        [0.25, 0.5, 0.25],
        [gA[2 * i]!, gA[2 * i + 1]!],
        [gB[2 * i]!, gB[2 * i + 1]!],
        Float64Array.from(l.frequencies),
      );
      expect(out[i]).toBeCloseTo(expected, 14);
    });
    expect(out[2]).toBe(1); // A untyped at S03
    expect(total).toBeCloseTo(out[0]! * out[1]! * out[2]!, 14);
  });

  it('the lineage batch equals pairwiseLocusLR with the loci matrices', () => {
    const rel: LineageRelation = { relation: 'grandparent', sexA: 'female', line: 'maternal' };
    const prep = preparePairwise({ kind: 'lineage', ...rel }, withStepwise);
    const out = new Float64Array(3);
    pairwiseLRBatch(prep, gA, gB, out);
    const m = preparePairwise({ kind: 'lineage', ...rel }, withStepwise);
    expect(m.t1.length).toBe(16 + 9 + 4);
    // S01 with the spec's stepwise example matrix, A = 14/15, B = 14/16.
    const step = Float64Array.of(
      0.989,
      (0.01 * 2) / 3,
      0.01 / 3,
      0.001,
      0.005,
      0.989,
      0.005,
      0.001,
      0.01 / 3,
      (0.01 * 2) / 3,
      0.989,
      0.001,
      0.001 / 3,
      0.001 / 3,
      0.001 / 3,
      0.999,
    );
    const p = Float64Array.of(0.2, 0.4, 0.3, 0.1);
    expect(out[0]).toBeCloseTo(
      pairwiseLocusLR('lineage', rel, [0, 1], [0, 2], p, { male: step, female: step }),
      12,
    );
  });

  it('TSDoc example: paternity with p = 0.05, AA–AA is 20; many candidates [20, 0]', () => {
    const locus: Locus = {
      name: 'L',
      alleles: ['A', 'B'],
      frequencies: [0.05, 0.95],
      chromosome: 'autosomal',
      mutation: null,
    };
    const prep = preparePairwise({ kind: 'ibd', k: [0, 1, 0] }, [locus]);
    expect(pairwiseLRBatch(prep, Int32Array.of(0, 0), Int32Array.of(0, 0))).toBeCloseTo(20, 12);
    const many = pairwiseLRMany(
      prep,
      Int32Array.of(0, 0),
      Int32Array.of(0, 0, 1, 1),
      new Float64Array(2),
    );
    expect(many[0]).toBeCloseTo(20, 12);
    expect(many[1]).toBe(0);
  });

  it('offsets read profiles inside a larger array', () => {
    const prep = preparePairwise({ kind: 'ibd', k: [0, 1, 0] }, LOCI);
    const big = new Int32Array(12);
    big.set(gA, 0);
    big.set(gB, 6);
    expect(pairwiseLRBatch(prep, big, big, undefined, 0, 6)).toBe(pairwiseLRBatch(prep, gA, gB));
  });

  it('encodePairwiseProfile maps labels to indices and absent loci to -1', () => {
    const prep = preparePairwise({ kind: 'ibd', k: [0, 1, 0] }, LOCI);
    const g = encodePairwiseProfile(
      prep,
      new Map([
        ['S01', ['14', '16']],
        ['S03', ['8', '7']],
      ]),
      'A',
    );
    expect(Array.from(g)).toEqual([0, 2, -1, -1, 1, 0]);
  });

  it('encodePairwiseProfile refuses an unknown allele (UNSEEN_ALLELE) and a one-allele genotype', () => {
    const prep = preparePairwise({ kind: 'ibd', k: [0, 1, 0] }, LOCI);
    let err: unknown;
    try {
      encodePairwiseProfile(prep, new Map([['S02', ['9', '12']]]), 'V1');
    } catch (e) {
      err = e;
    }
    expect([(err as KindredError).code, (err as KindredError).path]).toEqual([
      'UNSEEN_ALLELE',
      ['V1', 'S02', 1],
    ]);
    expect((err as KindredError).message).toContain('"12"');
    expect(() => encodePairwiseProfile(prep, new Map([['S02', ['9']]]), 'V1')).toThrow(/1 alleles/);
  });

  it('refuses an X locus and an IBD relation on a locus with mutation (UNSUPPORTED)', () => {
    const x: Locus = { ...LOCI[0]!, name: 'X01', chromosome: 'X' };
    let err: unknown;
    try {
      preparePairwise({ kind: 'ibd', k: [0, 1, 0] }, [LOCI[1]!, x]);
    } catch (e) {
      err = e;
    }
    expect([(err as KindredError).code, (err as KindredError).path]).toEqual([
      'UNSUPPORTED',
      ['loci', 1],
    ]);
    expect((err as KindredError).message).toContain('"X01"');
    try {
      preparePairwise({ kind: 'ibd', k: [0.25, 0.5, 0.25] }, withStepwise);
    } catch (e) {
      err = e;
    }
    expect([(err as KindredError).code, (err as KindredError).path]).toEqual([
      'UNSUPPORTED',
      ['loci', 0, 'mutation'],
    ]);
    // Allowed: unrelated and direct match involve no meiosis; or when asked to ignore mutation.
    expect(preparePairwise({ kind: 'ibd', k: [0, 0, 1] }, withStepwise).nLoci).toBe(3);
    expect(
      preparePairwise({ kind: 'ibd', k: [0.5, 0.5, 0] }, withStepwise, { ignoreMutation: true })
        .nLoci,
    ).toBe(3);
  });
});
