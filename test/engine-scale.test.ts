/**
 * Scale, precision and refusal: a 50-person pedigree over 30 loci neither underflows nor loses
 * precision (checked against closed forms), the compute budget refuses a pedigree before any
 * work, and a reference hypothesis with likelihood 0 is refused naming the locus.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isKindredError } from '../src/errors.js';
import { parseCase } from '../src/io/case-file.js';
import { setSharedScratchEntries } from '../src/likelihood/compiled-plan.js';
import { planCacheStats, planForProblem } from '../src/likelihood/compute-likelihood.js';
import { computeJointWithPerson } from '../src/likelihood/genotype-distribution.js';
import type { LocusProblem } from '../src/likelihood/problem.js';
import { createPedigree } from '../src/pedigree/create-pedigree.js';
import type { Pedigree } from '../src/pedigree/pedigree.js';
import { computeKinshipLR } from '../src/relationships/kinship-lr.js';

/** A locus with `n` alleles: the first two rare (p), the rest sharing the remainder. */
function locus(name: string, n: number, p: number) {
  const alleles = Array.from({ length: n }, (_, i) => String(10 + i));
  const rest = (1 - 2 * p) / (n - 2);
  return { name, alleles, frequencies: alleles.map((_, i) => (i < 2 ? p : rest)) };
}

describe('computeKinshipLR at scale', () => {
  it('50 unrelated heterozygotes of rare alleles over 30 loci: log10 likelihood = Σ log10(2 p_a p_b) without underflow', () => {
    // Per locus the likelihood is (2·p²)^50 with p = 0.0005: ln = 50·ln(5e-7) ≈ −725, below
    // the smallest double (≈ e^−745 subnormal, e^−708 normal), so a plain product would fail.
    const p = 0.0005;
    const loci = Array.from({ length: 30 }, (_, l) => locus(`L${l}`, 6, p));
    const people = Array.from({ length: 50 }, (_, i) => `P${i}`);
    const pedigree = people.map((id, i) => ({
      id,
      father: null,
      mother: null,
      sex: i % 2 === 0 ? 'male' : 'female',
    }));
    const genotypes = Object.fromEntries(
      people.map((id) => [id, Object.fromEntries(loci.map((l) => [l.name, ['10', '11']]))]),
    );
    const kcase = parseCase({
      format: 'kindred-case/1',
      id: 'scale',
      loci,
      hypotheses: [
        { name: 'H1', pedigree },
        { name: 'H2', pedigree },
      ],
      reference: 'H2',
      genotypes,
    });
    const result = computeKinshipLR(kcase);
    const want = 30 * 50 * Math.log10(2 * p * p);
    const h1 = result.hypotheses[0]!;
    expect(h1.log10Likelihood).not.toBeNull();
    expect(Math.abs(h1.log10Likelihood! - want)).toBeLessThan(1e-9 * Math.abs(want));
    expect(h1.log10LR).toBe(0);
    for (const l of h1.loci.values()) {
      expect(l.logLikelihood / Math.LN10).toBeCloseTo(50 * Math.log10(2 * p * p), 9);
      expect(l.lr).toBe(1);
    }
  });

  it('a 50-person, 4-generation pedigree with 30 typed people gives finite log10 values equal under lumping on/off', () => {
    const loci = Array.from({ length: 30 }, (_, l) => locus(`L${l}`, 8, 0.01));
    const pedigree: { id: string; father: string | null; mother: string | null; sex: string }[] =
      [];
    let gen = [
      { id: 'G0M', sex: 'male' },
      { id: 'G0F', sex: 'female' },
    ];
    pedigree.push(...gen.map((g) => ({ ...g, father: null, mother: null })));
    let k = 0;
    while (pedigree.length < 50) {
      const next: { id: string; sex: string }[] = [];
      const fathers = gen.filter((g) => g.sex === 'male');
      const mothers = gen.filter((g) => g.sex === 'female');
      for (let f = 0; f < fathers.length && pedigree.length < 50; f++) {
        const spouse = { id: `S${k++}`, sex: 'female' };
        pedigree.push({ ...spouse, father: null, mother: null });
        for (let c = 0; c < 3 && pedigree.length < 50; c++) {
          const child = { id: `C${k++}`, sex: c % 2 === 0 ? 'male' : 'female' };
          pedigree.push({ ...child, father: fathers[f]!.id, mother: spouse.id });
          next.push(child);
        }
        void mothers;
      }
      gen = next;
    }
    const typed = pedigree
      .filter((_, i) => i % 5 !== 0)
      .slice(0, 30)
      .map((r) => r.id);
    const genotypes = Object.fromEntries(
      typed.map((id, i) => [
        id,
        Object.fromEntries(loci.map((l) => [l.name, [l.alleles[i % 8]!, l.alleles[i % 8]!]])),
      ]),
    );
    const unrelated = pedigree.map((r) => ({ ...r, father: null, mother: null }));
    const doc = {
      format: 'kindred-case/1',
      id: 'scale2',
      loci: loci.map((l) => ({ ...l, mutation: { model: 'equal', rate: 0.005 } })),
      hypotheses: [
        { name: 'H1', pedigree },
        { name: 'H2', pedigree: unrelated },
      ],
      reference: 'H2',
      genotypes,
    };
    const kcase = parseCase(doc);
    const a = computeKinshipLR(kcase);
    const b = computeKinshipLR(kcase, { lump: false });
    for (let h = 0; h < 2; h++) {
      const x = a.hypotheses[h]!.log10Likelihood!;
      const y = b.hypotheses[h]!.log10Likelihood!;
      expect(Number.isFinite(x)).toBe(true);
      expect(Math.abs(x - y)).toBeLessThan(1e-9 * Math.abs(y));
    }
  });
});

describe('refusals', () => {
  const base = {
    format: 'kindred-case/1',
    id: 'refuse',
    loci: [locus('L1', 12, 0.05)],
    genotypes: { A: { L1: ['10', '11'] }, B: { L1: ['12', '13'] } },
  };
  it('computeKinshipLR refuses a reference hypothesis with likelihood 0, naming the locus', () => {
    const kcase = parseCase({
      ...base,
      hypotheses: [
        {
          name: 'PO',
          pedigree: [
            { id: 'A', father: null, mother: null, sex: 'male' },
            { id: 'M', father: null, mother: null, sex: 'female' },
            { id: 'B', father: 'A', mother: 'M', sex: 'male' },
          ],
        },
        {
          name: 'UN',
          pedigree: [
            { id: 'A', father: null, mother: null, sex: 'male' },
            { id: 'B', father: null, mother: null, sex: 'male' },
          ],
        },
      ],
      reference: 'PO',
    });
    let caught: unknown;
    try {
      computeKinshipLR(kcase);
    } catch (e) {
      caught = e;
    }
    expect(isKindredError(caught)).toBe(true);
    const e = caught as { code: string; path: unknown[]; message: string };
    expect(e.code).toBe('IMPOSSIBLE_REFERENCE');
    expect(e.path).toEqual(['loci', 0]);
    expect(e.message).toContain('"L1"');
  });

  it('computeKinshipLR refuses a pedigree over the compute budget before any work (TOO_COMPLEX)', () => {
    // Full-sib mating over several generations with untyped ancestors: a wide elimination.
    const ped = [
      { id: 'F0', father: null, mother: null, sex: 'male' },
      { id: 'M0', father: null, mother: null, sex: 'female' },
    ];
    for (let g = 1; g <= 6; g++) {
      ped.push({ id: `F${g}`, father: `F${g - 1}`, mother: `M${g - 1}`, sex: 'male' } as never);
      ped.push({ id: `M${g}`, father: `F${g - 1}`, mother: `M${g - 1}`, sex: 'female' } as never);
    }
    ped.push({ id: 'A', father: 'F6', mother: 'M6', sex: 'male' } as never);
    ped.push({ id: 'B', father: 'F6', mother: 'M6', sex: 'male' } as never);
    const kcase = parseCase({
      ...base,
      loci: [
        {
          ...locus('L1', 12, 0.05),
          mutation: { model: 'stepwise', rate: 0.01, rate2: 0, range: 0.5 },
        },
      ],
      hypotheses: [
        { name: 'H1', pedigree: ped },
        {
          name: 'UN',
          pedigree: [
            { id: 'A', father: null, mother: null, sex: 'male' },
            { id: 'B', father: null, mother: null, sex: 'male' },
          ],
        },
      ],
      reference: 'UN',
    });
    // How fast the refusal comes is measured in bench/lr-bench.ts, not asserted here.
    expect(() => computeKinshipLR(kcase, { budget: { maxTableSize: 1000 } })).toThrowError(
      /elimination needs a table of \d+ entries/,
    );
    try {
      computeKinshipLR(kcase, { budget: { maxTableSize: 1000 } });
    } catch (e) {
      expect((e as { code: string }).code).toBe('TOO_COMPLEX');
    }
    // Within the default budget the same case computes; afterwards its plan is cached, and a
    // smaller budget must still refuse it.
    expect(computeKinshipLR(kcase).hypotheses[0]!.log10LR).not.toBeNull();
    expect(() => computeKinshipLR(kcase, { budget: { maxTableSize: 1000 } })).toThrowError(
      /elimination needs a table/,
    );
  });

  it('plans too large to share scratch space get their own tables, are not cached, and agree', () => {
    const kcase = parseCase(
      JSON.parse(
        readFileSync(
          join(import.meta.dirname, '..', 'fixtures', 'conformance', 'lr', 'mp-big3gen-24l.json'),
          'utf8',
        ),
      ),
    );
    const shared = computeKinshipLR(kcase, { lump: false });
    const previous = setSharedScratchEntries(50);
    try {
      // Rows rotated: a new structure, so every plan is compiled under the small limit.
      const rotated = {
        ...kcase,
        hypotheses: kcase.hypotheses.map((h) => ({
          ...h,
          pedigree: createPedigree([...h.records.slice(1), h.records[0]!]),
        })),
      };
      const before = planCacheStats().plans;
      const own = computeKinshipLR(rotated, { lump: false });
      expect(planCacheStats().plans).toBe(before);
      for (let h = 0; h < shared.hypotheses.length; h++)
        expect(own.hypotheses[h]!.log10LR!).toBeCloseTo(shared.hypotheses[h]!.log10LR!, 10);
    } finally {
      setSharedScratchEntries(previous);
    }
  });

  it('the budget is checked against the exact largest table and work, with the same verdict on every call', () => {
    // An X locus with a kept untyped person among half-sibs (a plan in which an estimate that
    // leaves out a child variable already held by another table would be too small).
    const f = [-1, -1, 0, 0, 0, 2, 2, 2, 2];
    const m = [-1, -1, 1, 1, 1, 1, 1, 6, 1];
    const ids = f.map((_, i) => `P${i}`);
    const pedigree: Pedigree = {
      ids,
      father: Int32Array.from(f),
      mother: Int32Array.from(m),
      sex: Uint8Array.from([1, 2, 1, 1, 1, 2, 2, 2, 1]),
      sameAs: new Int32Array(ids.length).fill(-1),
      index: new Map(ids.map((id, i) => [id, i])),
    };
    const n = 16;
    const problem: LocusProblem = {
      pedigree,
      nAlleles: n,
      frequencies: new Float64Array(n).fill(1 / n),
      maleMatrix: null,
      femaleMatrix: null,
      xLinked: true,
      genotypes: Int32Array.from([9, 9, -1, -1, -1, -1, 9, 9, 6, 6, 7, 15, 0, 9, 0, 1, 1, 1]),
      theta: 0,
    };
    const plan = planForProblem(problem, [2], [5])!;
    // The recorded size and work are those of the compiled steps.
    let work = 0;
    let largest = 0;
    for (const st of plan.steps) {
      largest = Math.max(largest, st.outSize);
      work += st.kind === 'add' ? st.outSize : st.outSize * st.inner * st.inputs.length;
    }
    expect(plan.maxTableSize).toBeGreaterThanOrEqual(largest);
    expect(plan.work).toBe(work);
    const tight = { maxTableSize: plan.maxTableSize, maxWork: plan.work - 1 };
    for (let k = 0; k < 2; k++) {
      expect(() => computeJointWithPerson(problem, 2, tight)).toThrowError(/elimination needs/);
      expect(() =>
        computeJointWithPerson(problem, 2, { ...tight, maxWork: plan.work }),
      ).not.toThrow();
    }
  });
});
