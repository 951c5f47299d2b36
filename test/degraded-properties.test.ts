/**
 * The engine with observation factors (degraded-dna.md) against an independent brute-force
 * enumeration (test/helpers/degraded-oracle.ts) on random small pedigrees: autosomal and X loci,
 * loops, mutation (also sex-specific), theta, silent alleles, sameAs replicates with their own
 * drop-out and drop-in; and the spec's closed forms for a single sample and parent–child.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCase } from '../src/io/case-file.js';
import { computeLocusLikelihood, locusProblem } from '../src/likelihood/locus-likelihood.js';
import { observedAlleles, prepareLocus } from '../src/likelihood/prepare-locus.js';
import { buildMatrices } from '../src/mutation/matrix.js';
import { computeKinshipLR } from '../src/relationships/kinship-lr.js';
import { type OracleRow, oracleLikelihood } from './helpers/degraded-oracle.js';

type Person = { id: string; father: string | null; mother: string | null; sex: 'male' | 'female' };

/** Rates stay below every model's bound for the generated tables: proportional allows at most (1 − Σp²)/(1 − p_min), 0.2 for two alleles weighted 1:9. */
const MUTATIONS = [
  null,
  { model: 'equal', rate: 0.1 },
  { model: 'proportional', rate: 0.15 },
  { female: { model: 'equal', rate: 0.05 }, male: { model: 'proportional', rate: 0.1 } },
] as const;

/** A random small case document: one locus, one hypothesis, degraded samples. */
const arbCase = fc
  .record({
    size: fc.integer({ min: 1, max: 4 }),
    sexes: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
    parents: fc.array(fc.tuple(fc.boolean(), fc.nat(), fc.nat()), { minLength: 4, maxLength: 4 }),
    replicate: fc.option(fc.nat(), { nil: undefined }),
    nAlleles: fc.integer({ min: 2, max: 3 }),
    silent: fc.boolean(),
    weights: fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 4, maxLength: 4 }),
    x: fc.boolean(),
    mutation: fc.integer({ min: 0, max: 3 }),
    theta: fc.constantFrom(0, 0, 0.03),
    typing: fc.array(
      fc.record({
        typed: fc.boolean(),
        a: fc.nat(),
        b: fc.option(fc.nat(), { nil: undefined }),
        d: fc.constantFrom(0, 0, 0.2, 0.5),
        c: fc.constantFrom(0, 0, 0.1),
      }),
      { minLength: 5, maxLength: 5 },
    ),
  })
  .map((r) => {
    const people: Person[] = [];
    for (let i = 0; i < r.size; i++) {
      const sex = r.sexes[i] ? 'male' : 'female';
      const [hasParents, fi, mi] = r.parents[i]!;
      const males = people.filter((p) => p.sex === 'male');
      const females = people.filter((p) => p.sex === 'female');
      const withParents = hasParents && males.length > 0 && females.length > 0;
      people.push({
        id: `P${i}`,
        father: withParents ? males[fi % males.length]!.id : null,
        mother: withParents ? females[mi % females.length]!.id : null,
        sex,
      });
    }
    const rows: OracleRow[] = [...people];
    if (r.replicate !== undefined) rows.push({ id: 'S', sameAs: people[r.replicate % r.size]!.id });
    const labels = Array.from({ length: r.nAlleles }, (_, i) => `${10 + i}`);
    const alleles = r.silent ? [...labels, 'silent'] : labels;
    const w = r.weights.slice(0, alleles.length);
    const total = w.reduce((a, b) => a + b, 0);
    const frequencies = w.map((x) => x / total);
    const x = r.x;
    const genotypes: Record<string, Record<string, string[]>> = {};
    const observation: Record<string, { dropout: number; dropin: number }> = {};
    rows.forEach((row, i) => {
      const t = r.typing[i]!;
      if (!t.typed) return;
      const target = 'sameAs' in row ? people.find((p) => p.id === row.sameAs)! : row;
      const seen = [labels[t.a % labels.length]!];
      if (t.b !== undefined) seen.push(labels[t.b % labels.length]!);
      const distinct = [...new Set(seen)];
      if (x && target.sex === 'male' && distinct.length === 2 && t.c === 0) distinct.pop();
      genotypes[row.id] = { L: distinct };
      if (t.d > 0 || t.c > 0) observation[row.id] = { dropout: t.d, dropin: t.c };
    });
    const mutation = MUTATIONS[r.mutation]!;
    const doc = {
      format: 'kindred-case/1',
      id: 'random',
      theta: x ? 0 : r.theta,
      loci: [{ name: 'L', alleles, frequencies, chromosome: x ? 'X' : 'autosomal', mutation }],
      hypotheses: [{ name: 'H', pedigree: rows }],
      reference: 'H',
      genotypes,
      observation,
    };
    return { doc, rows, alleles, frequencies, x, mutation };
  });

function engineLikelihood(doc: unknown, lump: boolean): number {
  const kcase = parseCase(doc);
  const locus = kcase.loci[0]!;
  const prepared = prepareLocus(locus, observedAlleles(kcase.genotypes, locus.name), { lump });
  return Math.exp(
    computeLocusLikelihood(
      locusProblem(
        kcase.hypotheses[0]!.pedigree,
        prepared,
        kcase.genotypes,
        kcase.theta,
        kcase.observation,
      ),
    ),
  );
}

describe('engine with observation factors = brute-force enumeration (fast-check)', () => {
  it('computeLocusLikelihood equals the independent oracle on random small pedigrees, lumping on and off', () => {
    fc.assert(
      fc.property(arbCase, ({ doc, rows, alleles, frequencies, x, mutation }) => {
        const m = buildMatrices(mutation as never, alleles, frequencies);
        const seen = new Map(Object.entries(doc.genotypes).map(([id, g]) => [id, g.L!]));
        const obs = new Map(
          Object.entries(doc.observation).map(([id, o]) => [id, [o.dropout, o.dropin] as const]),
        );
        const want = oracleLikelihood(
          rows,
          { alleles, frequencies, x, male: m.male, female: m.female },
          doc.theta,
          seen,
          obs,
        );
        for (const lump of [true, false]) {
          const got = engineLikelihood(doc, lump);
          if (want === 0) expect(got).toBe(0);
          else expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-10 * want);
        }
      }),
      { numRuns: 150 },
    );
  });
});

const pcDoc = (
  childSeen: string[],
  d: number,
  c: number,
  fatherSeen: string[] = ['1', '2'],
): Record<string, unknown> => ({
  format: 'kindred-case/1',
  id: 'pc',
  loci: [{ name: 'L', alleles: ['1', '2', '3'], frequencies: [0.2, 0.3, 0.5], mutation: null }],
  hypotheses: [
    {
      name: 'H1',
      pedigree: [
        { id: 'F', father: null, mother: null, sex: 'male' },
        { id: 'M', father: null, mother: null, sex: 'female' },
        { id: 'C', father: 'F', mother: 'M', sex: 'male' },
      ],
    },
    {
      name: 'H2',
      pedigree: [
        { id: 'F', father: null, mother: null, sex: 'male' },
        { id: 'C', father: null, mother: null, sex: 'male' },
      ],
    },
  ],
  reference: 'H2',
  genotypes: { F: { L: fatherSeen }, C: { L: childSeen } },
  observation: { C: { dropout: d, dropin: c } },
});

describe('closed forms of degraded-dna.md, by hand', () => {
  const p = [0.2, 0.3, 0.5];
  it('a single sample seen {1} with drop-out d: (1 − d²)p₁² + d(1 − d)·2p₁(1 − p₁) (pedprobr singleton)', () => {
    const d = 0.1;
    const doc = pcDoc(['1'], d, 0);
    const kcase = parseCase({
      ...doc,
      genotypes: { C: { L: ['1'] } },
      hypotheses: [
        { name: 'H2', pedigree: [{ id: 'C', father: null, mother: null, sex: 'male' }] },
      ],
    });
    const L = computeKinshipLR(kcase).hypotheses[0]!.loci.get('L')!.likelihood;
    const want = (1 - d * d) * p[0]! ** 2 + d * (1 - d) * 2 * p[0]! * (1 - p[0]!);
    expect(Math.abs(L - want)).toBeLessThan(1e-15);
  });

  it('paternity: father 1/2, child seen {3} only: LR 0 without drop-out, d(1−d)·… with it', () => {
    // Child C = (paternal from F, maternal from M). Seen {3}: with c = 0, C carries 3 (from M),
    // and his paternal allele (1 or 2, ½ each) dropped out: P(E | 1/3 or 2/3) = (1 − d)·d.
    // H1: L = P(F) · Σ_{maternal 3} ½·… = P(F)·p₃·(1 − d)d·1 + P(F)·0 ... paternal is 1 or 2 w.p. 1.
    // So L1 = P(F)·p₃·(1 − d)·d; H2: L2 = P(F)·[(1 − d²)p₃² + d(1 − d)·2p₃(1 − p₃)].
    const d = 0.3;
    const r = computeKinshipLR(parseCase(pcDoc(['3'], d, 0)));
    const lr = r.hypotheses[0]!.loci.get('L')!.lr;
    const p3 = p[2]!;
    const want = (p3 * (1 - d) * d) / ((1 - d * d) * p3 * p3 + d * (1 - d) * 2 * p3 * (1 - p3));
    expect(Math.abs(lr - want)).toBeLessThan(1e-12 * want);
    const hard = computeKinshipLR(parseCase(pcDoc(['3'], 0, 0)));
    expect(hard.hypotheses[0]!.loci.get('L')!.lr).toBe(0);
  });

  it('paternity: child seen {1, 3} where 3 is a drop-in on a 1/1 or 1/x child (c > 0, d > 0)', () => {
    // H1: child's paternal allele is 1 (½) or 2 (½); maternal m ~ p.
    // P(E={1,3} | G): G = 1/3: (1−d)²(1−c); G = 1/1: (1−d²)·c·p₃; G = 1/2: (1−d)·d·c·p₃;
    // G = 2/3: 1 allele 1 foreign... S = {2,3}: 1 ∉ S is foreign, 3 seen, 2 dropped: (1−d)·d·c·p₁;
    // G = 2/2: both 1 and 3 foreign: 0; G = 2/1 as 1/2.
    const d = 0.2;
    const c = 0.05;
    const [p1, p2, p3] = p as [number, number, number];
    const e = (g: string): number =>
      ({
        '13': (1 - d) ** 2 * (1 - c),
        '11': (1 - d * d) * c * p3,
        '12': (1 - d) * d * c * p3,
        '23': (1 - d) * d * c * p1,
        '22': 0,
        '33': (1 - d * d) * c * p1 * 0,
      })[g]!;
    const l1 =
      0.5 * (p1 * e('11') + p2 * e('12') + p3 * e('13')) +
      0.5 * (p1 * e('12') + p2 * e('22') + p3 * e('23'));
    // H2: C a founder: Σ over unordered genotypes.
    const l2 =
      p1 * p1 * e('11') +
      2 * p1 * p2 * e('12') +
      2 * p1 * p3 * e('13') +
      p2 * p2 * e('22') +
      2 * p2 * p3 * e('23') +
      p3 * p3 * ((1 - d * d) * 0);
    // G = 3/3 with E = {1,3}: 3 seen, 1 foreign: (1 − d²)·c·p₁ (not 0): add it.
    const l2full = l2 + p3 * p3 * (1 - d * d) * c * p1;
    const r = computeKinshipLR(parseCase(pcDoc(['1', '3'], d, c)));
    const lr = r.hypotheses[0]!.loci.get('L')!.lr;
    const want = l1 / l2full;
    expect(Math.abs(lr - want)).toBeLessThan(1e-12 * want);
  });
});
