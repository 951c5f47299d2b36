/**
 * Ranking on hand-made index entries whose LRs are chosen directly (one locus, alleles 1–4,
 * candidate genotype k/k reads slot k of the table), so every expected value below follows from
 * the definitions in categories.ts / rank-all.ts, not from the code's output.
 */
import { describe, expect, it } from 'vitest';
import type { Locus } from '../../frequencies/locus.js';
import type { Sex } from '../../pedigree/pedigree.js';
import { packEntry } from '../index/family.js';
import type { LocusTable } from '../index/locus-table.js';
import { SearchIndex } from '../index/search-index.js';
import { rankFamilies, rankRemains } from './rank.js';
import { rankAll } from './rank-all.js';

const locus: Locus = {
  name: 'L',
  alleles: ['1', '2', '3', '4'],
  frequencies: [0.25, 0.25, 0.25, 0.25],
  chromosome: 'autosomal',
  mutation: null,
};

/** A table where the homozygote k/k has LR lrs[k-1] (other genotypes LR 1). */
function table(lrs: readonly number[]): LocusTable {
  const logLR = new Float64Array(10);
  lrs.forEach((lr, k) => {
    logLR[((k * (k + 1)) >> 1) + k] = Math.log(lr);
  });
  return {
    classes: 4,
    classOf: Uint16Array.of(0, 1, 2, 3),
    logLR,
    consistent: null,
    informative: true,
    degraded: false,
    lumped: false,
  };
}

/** Index with entries (family, missing, sex, LR per remains k) and remains R1..Rn typed k/k. */
function build(
  entries: readonly [string, string, Sex, readonly number[]][],
  remainsSex: readonly (Sex | undefined)[],
): SearchIndex {
  const index = new SearchIndex([locus]);
  const byFamily = new Map<string, ReturnType<typeof packEntry>[]>();
  for (const [family, missing, sex, lrs] of entries) {
    const list = byFamily.get(family) ?? [];
    list.push(packEntry(family, missing, sex, [table(lrs)], index.layout));
    byFamily.set(family, list);
  }
  for (const [name, list] of byFamily) index.insertEntries(name, list);
  remainsSex.forEach((sex, k) => {
    index.addRemains(`R${k + 1}`, new Map([['L', [String(k + 1), String(k + 1)]]]), sex);
  });
  return index;
}

describe('rankFamilies', () => {
  it('rankFamilies orders by LR and breaks ties by family name then missing id', () => {
    // Insertion order deliberately scrambled; M-b/M-a tie at LR 50 within F2, F1/M-z ties too.
    const index = build(
      [
        ['F2', 'M-b', 'male', [50]],
        ['F3', 'M-c', 'male', [1e6]],
        ['F2', 'M-a', 'male', [50]],
        ['F1', 'M-z', 'male', [50]],
      ],
      ['male'],
    );
    const order = rankFamilies(index, 'R1').map((h) => `${h.family}/${h.missing}:${h.rank}`);
    expect(order).toEqual(['F3/M-c:1', 'F1/M-z:2', 'F2/M-a:3', 'F2/M-b:4']);
  });

  it('rankFamilies gives the flat-prior posterior LR_i / (1 + Σ LR_j)', () => {
    // LRs 9 and 0 (exclusion): posterior 9 / (1 + 9 + 0) = 0.9; the excluded one 0, log10LR null.
    const index = build(
      [
        ['F1', 'M1', 'male', [9]],
        ['F2', 'M2', 'male', [0]],
      ],
      ['male'],
    );
    const hits = rankFamilies(index, 'R1');
    expect(hits[0]!.posterior).toBeCloseTo(0.9, 12);
    expect(hits[1]!.posterior).toBe(0);
    expect(hits[1]!.log10LR).toBeNull();
    expect(hits[1]!.category).toBe('excluded');
  });

  it('rankFamilies with family priors 0.5 and 0.25 gives π_1·LR_1 / (π_0 + Σ π_j LR_j)', () => {
    // π = (0.5, 0.25), π_0 = 0.25, LR = (3, 1): 1.5 / (0.25 + 1.5 + 0.25) = 0.75 and 0.25 / 2.
    const index = build(
      [
        ['F1', 'M1', 'male', [3]],
        ['F2', 'M2', 'male', [1]],
      ],
      ['male'],
    );
    const priors = new Map([
      ['F1', 0.5],
      ['F2', 0.25],
    ]);
    const hits = rankFamilies(index, 'R1', { familyPriors: priors });
    expect(hits[0]!.posterior).toBeCloseTo(0.75, 12);
    expect(hits[1]!.posterior).toBeCloseTo(0.125, 12);
  });

  it('rankFamilies leaves sex-mismatched missing persons out, or flags them with posterior 0', () => {
    const index = build(
      [
        ['F1', 'M1', 'female', [1e9]],
        ['F2', 'M2', 'male', [10]],
      ],
      ['male'],
    );
    expect(rankFamilies(index, 'R1').map((h) => h.missing)).toEqual(['M2']);
    const flagged = rankFamilies(index, 'R1', { sexMismatch: 'flag' });
    expect(flagged.map((h) => [h.missing, h.sex, h.posterior])).toEqual([
      ['M1', 'mismatch', 0],
      ['M2', 'match', expect.closeTo(10 / 11, 12)],
    ]);
  });

  it('rankFamilies categorises by the match and probable thresholds', () => {
    const index = build(
      [
        ['F1', 'A', 'male', [2e4]],
        ['F1', 'B', 'male', [2e3]],
        ['F1', 'C', 'male', [5]],
        ['F1', 'D', 'male', [0.5]],
      ],
      ['male'],
    );
    const cat = (o = {}) => rankFamilies(index, 'R1', o).map((h) => h.category);
    expect(cat()).toEqual(['match', 'probable', 'possible', 'unsupported']);
    expect(cat({ matchThreshold: 1e5, probableThreshold: 10 })).toEqual([
      'probable',
      'probable',
      'possible',
      'unsupported',
    ]);
    expect(() => rankFamilies(index, 'R1', { matchThreshold: 10, probableThreshold: 100 })).toThrow(
      /probableThreshold \(100\) is above matchThreshold \(10\)/,
    );
  });
});

describe('rankRemains', () => {
  it('rankRemains lists the best remains for a family, ties broken by remains id', () => {
    // Remains R1..R3 typed 1/1, 2/2, 3/3 read LRs 100, 100, 1e5 of the single entry.
    const index = build([['F1', 'M1', 'male', [100, 100, 1e5]]], ['male', 'male', 'male']);
    const hits = rankRemains(index, 'F1');
    expect(hits.map((h) => h.remains)).toEqual(['R3', 'R1', 'R2']);
    // Flat posterior over remains: 1e5 / (1 + 1e5 + 100 + 100).
    expect(hits[0]!.posterior).toBeCloseTo(1e5 / 100201, 12);
    expect(() => rankRemains(index, 'nope')).toThrow(/Family "nope" is not in the index/);
  });
});

describe('rankAll and the undisputed rule (T = 10,000)', () => {
  const undisputedOf = (index: SearchIndex, o = {}) =>
    rankAll(index, o).undisputed.map((h) => `${h.remains}=${h.missing}`);

  it('a pair with LR 1e6 whose competitors are all at most 50 is undisputed', () => {
    const index = build(
      [
        ['F1', 'M1', 'male', [1e6, 50]],
        ['F2', 'M2', 'male', [50, 1]],
      ],
      ['male', 'male'],
    );
    expect(undisputedOf(index)).toEqual(['R1=M1']);
  });

  it('a competitor of the same remains within a factor T disputes the pair', () => {
    // LR(R1,M1) = 1e6 but LR(R1,M2) = 1e3: ratio 1e3 < 1e4.
    const index = build(
      [
        ['F1', 'M1', 'male', [1e6]],
        ['F2', 'M2', 'male', [1e3]],
      ],
      ['male'],
    );
    expect(undisputedOf(index)).toEqual([]);
  });

  it('a competitor of the same missing person within a factor T disputes the pair', () => {
    // LR(R1,M1) = 1e6 and LR(R2,M1) = 1e3.
    const index = build([['F1', 'M1', 'male', [1e6, 1e3]]], ['male', 'male']);
    expect(undisputedOf(index)).toEqual([]);
    // With T = 100 the ratio 1e3 suffices.
    expect(undisputedOf(index, { matchThreshold: 100, undisputedThreshold: 100 })).toEqual([
      'R1=M1',
    ]);
  });

  it('a pair below the match threshold is never undisputed, and two equal bests dispute each other', () => {
    expect(undisputedOf(build([['F1', 'M1', 'male', [5e3]]], ['male']))).toEqual([]);
    const tie = build(
      [
        ['F1', 'M1', 'male', [1e8]],
        ['F2', 'M2', 'male', [1e8]],
      ],
      ['male'],
    );
    expect(undisputedOf(tie)).toEqual([]);
  });

  it('a sex-mismatched competitor does not dispute a pair', () => {
    const index = build(
      [
        ['F1', 'M1', 'male', [1e6]],
        ['F2', 'W2', 'female', [1e6]],
      ],
      ['male'],
    );
    expect(undisputedOf(index, { sexMismatch: 'flag' })).toEqual(['R1=M1']);
  });

  it('rankAll lists agree with rankFamilies and rankRemains and do not depend on insertion order', () => {
    const spec: [string, string, Sex, number[]][] = [
      ['F1', 'M1', 'male', [1e6, 3, 7]],
      ['F2', 'M2', 'male', [3, 1e5, 7]],
      ['F2', 'M3', 'female', [7, 7, 7]],
    ];
    const sexes: (Sex | undefined)[] = ['male', undefined, 'female'];
    const a = rankAll(build(spec, sexes), { top: 2 });
    const b = rankAll(build([...spec].reverse(), sexes), { top: 2 });
    expect(a).toEqual(b);
    const index = build(spec, sexes);
    for (const id of ['R1', 'R2', 'R3']) {
      const one = rankFamilies(index, id, { top: 2 });
      expect(a.byRemains.get(id)!.map((h) => [h.missing, h.log10LR, h.posterior])).toEqual(
        one.map((h) => [h.missing, h.log10LR, expect.closeTo(h.posterior, 12)]),
      );
    }
    expect(a.byFamily.get('F2')!.map((h) => `${h.remains}=${h.missing}`)).toEqual(
      rankRemains(index, 'F2', { top: 2 }).map((h) => `${h.remains}=${h.missing}`),
    );
    expect(a.undisputed.map((h) => `${h.remains}=${h.missing}`)).toEqual(['R1=M1', 'R2=M2']);
  });
});
