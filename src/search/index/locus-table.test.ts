import { describe, expect, it } from 'vitest';
import type { Locus } from '../../frequencies/locus.js';
import { createPedigree } from '../../pedigree/create-pedigree.js';
import type { PedigreeRecord } from '../../pedigree/pedigree.js';
import type { GenotypeMap } from '../../relationships/types.js';
import { genotypeSlot } from './layout.js';
import { buildLocusTable } from './locus-table.js';

const locus: Locus = {
  name: 'L',
  alleles: ['a', 'b', 'c', 'd'],
  frequencies: [0.1, 0.2, 0.3, 0.4],
  chromosome: 'autosomal',
  mutation: null,
};

const trio: PedigreeRecord[] = [
  { id: 'FA', father: null, mother: null, sex: 'male' },
  { id: 'MO', father: null, mother: null, sex: 'female' },
  { id: 'CH', father: 'FA', mother: 'MO', sex: 'female' },
];

function lrOf(
  records: PedigreeRecord[],
  missing: string,
  genotypes: GenotypeMap,
  l: Locus = locus,
) {
  const pedigree = createPedigree(records);
  const t = buildLocusTable({
    family: 'F',
    pedigree,
    row: pedigree.index.get(missing)!,
    locus: l,
    genotypes,
    theta: 0,
  });
  return (x: string, y: string): number => {
    const i = l.alleles.indexOf(x);
    const j = l.alleles.indexOf(y);
    return Math.exp(t.logLR[genotypeSlot(t.classOf[i]!, t.classOf[j]!)]!);
  };
}

const typed = (entries: [string, string, string][]): GenotypeMap =>
  new Map(entries.map(([id, x, y]) => [id, new Map([['L', [x, y]]])]));

describe('genotypeSlot', () => {
  it('genotypeSlot is hi(hi+1)/2 + lo in either order', () => {
    expect(genotypeSlot(1, 2)).toBe(4);
    expect(genotypeSlot(2, 1)).toBe(4);
    expect(genotypeSlot(0, 0)).toBe(0);
    expect(genotypeSlot(3, 3)).toBe(9);
  });
});

describe('buildLocusTable closed forms (no mutation)', () => {
  it('father a/a, missing child a/b: paternity index 1/(2 p_a) = 5', () => {
    // P(child a/b | father a/a) = p_b; unrelated 2 p_a p_b (textbook paternity index).
    const lr = lrOf(trio, 'CH', typed([['FA', 'a', 'a']]));
    expect(lr('a', 'b')).toBeCloseTo(5, 12);
    // Child a/a: p_a / p_a² = 1/p_a = 10; child b/c excluded.
    expect(lr('a', 'a')).toBeCloseTo(10, 12);
    expect(lr('b', 'c')).toBe(0);
    // b/c and c/d are both in the lumped rest class and both excluded; d/d too.
    expect(lr('d', 'd')).toBe(0);
  });

  it('full sibling a/a, missing sibling a/a: (1 + p_a)² / (4 p_a²) = 30.25', () => {
    // Full-sib index for two a/a homozygotes (Evett & Weir 1998, Interpreting DNA Evidence, ch. 7).
    const sibs: PedigreeRecord[] = [...trio, { id: 'S2', father: 'FA', mother: 'MO', sex: 'male' }];
    const lr = lrOf(sibs, 'S2', typed([['CH', 'a', 'a']]));
    expect(lr('a', 'a')).toBeCloseTo(30.25, 10);
    // Sharing no allele: both rest-class candidates c/d and d/d give the IBS-0 sib index 1/4.
    expect(lr('c', 'd')).toBeCloseTo(0.25, 12);
    expect(lr('d', 'd')).toBeCloseTo(0.25, 12);
  });

  it('direct reference d = a/b typed through sameAs: LR 1/(2 p_a p_b) = 25 for a/b, 0 otherwise', () => {
    const records: PedigreeRecord[] = [...trio, { id: 'TB', sameAs: 'CH' }];
    const lr = lrOf(records, 'CH', typed([['TB', 'a', 'b']]));
    expect(lr('a', 'b')).toBeCloseTo(25, 12);
    expect(lr('a', 'a')).toBe(0);
    expect(lr('c', 'd')).toBe(0);
  });

  it('an X locus with a male missing child of a typed mother a/b: LR ½/p for a hemizygote', () => {
    // Son receives the maternal X: P(son = a) = ½; unrelated male p_a: LR = 1/(2·0.1) = 5.
    const x: Locus = { ...locus, chromosome: 'X' };
    const son: PedigreeRecord[] = [
      ...trio.slice(0, 2),
      { id: 'SO', father: 'FA', mother: 'MO', sex: 'male' },
    ];
    const lr = lrOf(son, 'SO', typed([['MO', 'a', 'b']]), x);
    expect(lr('a', 'a')).toBeCloseTo(5, 12);
    expect(lr('b', 'b')).toBeCloseTo(2.5, 12);
    expect(lr('c', 'c')).toBe(0);
    // A male cannot be heterozygous at X.
    expect(lr('a', 'b')).toBe(0);
  });

  it('marks a genotype inconsistent without mutation while its LR with mutation is positive', () => {
    const mut: Locus = { ...locus, mutation: { model: 'equal', rate: 0.01 } };
    const pedigree = createPedigree(trio);
    const t = buildLocusTable({
      family: 'F',
      pedigree,
      row: 2,
      locus: mut,
      genotypes: typed([['FA', 'a', 'a']]),
      theta: 0,
      consistency: true,
    });
    const slot = genotypeSlot(1, 2); // b/c: needs a paternal mutation
    expect(t.logLR[slot]).toBeGreaterThan(Number.NEGATIVE_INFINITY);
    expect(t.consistent![slot]).toBe(0);
    expect(t.consistent![genotypeSlot(0, 1)]).toBe(1);
    expect(t.informative).toBe(true);
  });

  it('refuses a family whose own data are impossible with IMPOSSIBLE_REFERENCE', () => {
    const pedigree = createPedigree(trio);
    expect(() =>
      buildLocusTable({
        family: 'F7',
        pedigree,
        row: 1,
        locus,
        genotypes: typed([
          ['FA', 'a', 'a'],
          ['CH', 'b', 'b'],
        ]),
        theta: 0,
      }),
    ).toThrow(
      expect.objectContaining({
        code: 'IMPOSSIBLE_REFERENCE',
        path: ['families', 'F7', 'genotypes'],
        message: expect.stringContaining('Family "F7" has likelihood 0 at locus "L"'),
      }),
    );
  });
});
