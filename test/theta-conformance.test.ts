/**
 * The theta engine against every conformance case with theta > 0
 * (fixtures/conformance/lr, expected values from pedprobr 1.1.0 / Familias 2.6.4, see
 * ../shared/conformance/README.md): every per-locus likelihood of every hypothesis at 1e-9
 * relative, zeros exact (the time per case is measured in bench/lr-bench.ts).
 *
 * The case files are read by a small test-only loader (no case parser is used): allele labels
 * become indices, a `sameAs` row's genotype is merged into the person it points at (a conflict
 * makes the locus likelihood 0) and the row stays untyped.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { LocusProblem } from '../src/likelihood/problem.js';
import { computeThetaLikelihood } from '../src/likelihood/theta.js';
import { buildMatrices } from '../src/mutation/matrix.js';
import type { MutationSpec } from '../src/mutation/types.js';
import type { Pedigree } from '../src/pedigree/pedigree.js';

const DIR = new URL('../fixtures/conformance/lr/', import.meta.url);

interface CaseLocus {
  name: string;
  alleles: string[];
  frequencies: number[];
  mutation?: MutationSpec;
  chromosome?: string;
}
interface CaseRow {
  id: string;
  father?: string | null;
  mother?: string | null;
  sex?: 'male' | 'female';
  sameAs?: string;
}
interface CaseFile {
  theta?: number;
  loci: CaseLocus[];
  hypotheses: { name: string; pedigree: CaseRow[] }[];
  genotypes: Record<string, Record<string, string[]>>;
  expected: { hypotheses: Record<string, { loci: Record<string, { likelihood: number }> }> };
}

/** Index-based pedigree of one hypothesis (test-only; no validation beyond what the cases need). */
function toPedigree(rows: CaseRow[]): Pedigree {
  const index = new Map(rows.map((r, i) => [r.id, i]));
  const at = (id: string | null | undefined): number => (id == null ? -1 : index.get(id)!);
  const sexOf = (r: CaseRow): number => (r.sex === 'male' ? 1 : 2);
  return {
    ids: rows.map((r) => r.id),
    father: Int32Array.from(rows, (r) => at(r.father)),
    mother: Int32Array.from(rows, (r) => at(r.mother)),
    sex: Uint8Array.from(rows, (r) => sexOf(r.sameAs === undefined ? r : rows[at(r.sameAs)]!)),
    sameAs: Int32Array.from(rows, (r) => at(r.sameAs)),
    index,
  };
}

/** The locus problem of one hypothesis and locus, or null when two samples of a person disagree. */
function toProblem(c: CaseFile, rows: CaseRow[], locus: CaseLocus): LocusProblem | null {
  const pedigree = toPedigree(rows);
  const alleleIndex = new Map(locus.alleles.map((a, i) => [a, i]));
  const genotypes = new Int32Array(2 * rows.length).fill(-1);
  let conflict = false;
  rows.forEach((r, i) => {
    const labels = Object.hasOwn(c.genotypes, r.id) ? c.genotypes[r.id]![locus.name] : undefined;
    if (labels === undefined) return;
    const [x, y] = [alleleIndex.get(labels[0]!)!, alleleIndex.get(labels[1] ?? labels[0]!)!];
    const target = pedigree.sameAs[i] === -1 ? i : pedigree.sameAs[i]!;
    if (genotypes[2 * target] === -1) {
      genotypes[2 * target] = x;
      genotypes[2 * target + 1] = y;
    } else {
      const [u, v] = [genotypes[2 * target], genotypes[2 * target + 1]];
      if (!((u === x && v === y) || (u === y && v === x))) conflict = true;
    }
  });
  if (conflict) return null;
  const { male, female } = buildMatrices(locus.mutation ?? null, locus.alleles, locus.frequencies);
  return {
    pedigree,
    nAlleles: locus.alleles.length,
    frequencies: Float64Array.from(locus.frequencies),
    maleMatrix: male,
    femaleMatrix: female,
    xLinked: locus.chromosome === 'X',
    genotypes,
    theta: c.theta ?? 0,
  };
}

const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => ({ file: f, data: JSON.parse(readFileSync(new URL(f, DIR), 'utf8')) as CaseFile }))
  .filter(({ data }) => (data.theta ?? 0) > 0);

describe('computeThetaLikelihood on the theta conformance cases', () => {
  it('finds the 13 theta cases of the README', () => {
    // ../shared/conformance/README.md, Counts: "13 theta > 0"
    expect(files.length).toBe(13);
  });

  for (const { file, data } of files) {
    it(`${file}: every per-locus likelihood within 1e-9 relative`, () => {
      const problems = data.hypotheses.flatMap((h) =>
        data.loci.map((locus) => ({
          h: h.name,
          locus: locus.name,
          problem: toProblem(data, h.pedigree, locus),
        })),
      );
      const run = (): number[] =>
        problems.map(({ problem }) => (problem === null ? 0 : computeThetaLikelihood(problem)));
      const values = run();
      problems.forEach(({ h, locus }, k) => {
        const expected = data.expected.hypotheses[h]!.loci[locus]!.likelihood;
        const got = values[k]!;
        if (expected === 0) expect(got, `${h} ${locus}`).toBe(0);
        else
          expect(
            Math.abs(got - expected) / expected,
            `${h} ${locus}: ${got} vs ${expected}`,
          ).toBeLessThan(1e-9);
      });
      // Speed (each case under 100 ms) is measured in bench/lr-bench.ts, not asserted here.
    });
  }
});
