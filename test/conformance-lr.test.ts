/**
 * Every `kindred-case/1` file of the conformance suite (fixtures/conformance/lr, copied from
 * ../shared/conformance/lr with the answers of forrel/pedprobr/Familias) must agree:
 * per-locus likelihood and lr to 1e-9 relative, log10 values to 1e-9 absolute, zeros exact.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCase } from '../src/io/case-file.js';
import { formatLRAnswer } from '../src/io/lr-answer.js';
import { computeKinshipLR } from '../src/relationships/kinship-lr.js';

const dir = join(import.meta.dirname, '..', 'fixtures', 'conformance', 'lr');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort();

interface Expected {
  id: string;
  reference: string;
  hypotheses: Record<
    string,
    {
      log10Likelihood: number | null;
      log10LR: number | null;
      loci: Record<string, { likelihood: number; lr: number }>;
    }
  >;
}

function closeRel(got: number, want: number, tol: number): boolean {
  if (want === 0) return got === 0;
  return Math.abs(got - want) <= tol * Math.abs(want);
}

function checkAgainst(answer: ReturnType<typeof formatLRAnswer>, expected: Expected): string[] {
  const problems: string[] = [];
  expect(answer.reference).toBe(expected.reference);
  for (const [h, eh] of Object.entries(expected.hypotheses)) {
    const gh = answer.hypotheses[h];
    if (gh === undefined) {
      problems.push(`missing hypothesis ${h}`);
      continue;
    }
    for (const key of ['log10Likelihood', 'log10LR'] as const) {
      const want = eh[key];
      const got = gh[key];
      if (want === null ? got !== null : got === null || Math.abs(got - want) > 1e-9)
        problems.push(`${h}.${key}: got ${got}, want ${want}`);
    }
    for (const [l, el] of Object.entries(eh.loci)) {
      const gl = gh.loci[l];
      if (gl === undefined) {
        problems.push(`${h}.${l} missing`);
        continue;
      }
      if (!closeRel(gl.likelihood, el.likelihood, 1e-9))
        problems.push(`${h}.${l}.likelihood: got ${gl.likelihood}, want ${el.likelihood}`);
      if (!closeRel(gl.lr, el.lr, 1e-9)) problems.push(`${h}.${l}.lr: got ${gl.lr}, want ${el.lr}`);
    }
  }
  return problems;
}

describe('conformance: kindred-case/1 (fixtures/conformance/lr)', () => {
  it('has all 97 reference cases', () => {
    expect(files.length).toBe(97);
  });
  for (const file of files) {
    it(`computeKinshipLR(${file}) agrees with the reference answer`, () => {
      const doc = JSON.parse(readFileSync(join(dir, file), 'utf8')) as {
        expected: Expected;
      };
      const kcase = parseCase(doc, { file });
      const answer = formatLRAnswer(computeKinshipLR(kcase));
      expect(checkAgainst(answer, doc.expected)).toEqual([]);
      // Speed (no case over 100 ms) is measured in bench/lr-bench.ts, not asserted here.
    });
    it(`computeKinshipLR(${file}) is unchanged with allele lumping switched off`, () => {
      const doc = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { expected: Expected };
      const kcase = parseCase(doc, { file });
      const answer = formatLRAnswer(computeKinshipLR(kcase, { lump: false }));
      expect(checkAgainst(answer, doc.expected)).toEqual([]);
    });
  }
});

describe('consistency of the kinship LR answer (on the conformance cases)', () => {
  for (const file of files) {
    it(`computeKinshipLR(${file}): Σ per-locus log10 lr = log10LR, and swapping the reference inverts every LR`, () => {
      const kcase = parseCase(readFileSync(join(dir, file), 'utf8'), { file });
      const result = computeKinshipLR(kcase);
      for (const h of result.hypotheses) {
        const lrs = [...h.loci.values()].map((l) => l.lr);
        if (h.log10LR === null) {
          expect(lrs.some((x) => x === 0)).toBe(true);
          continue;
        }
        const sum = lrs.reduce((s, x) => s + Math.log10(x), 0);
        expect(Math.abs(sum - h.log10LR)).toBeLessThan(1e-9);
      }
      const other = kcase.hypotheses.find(
        (h) =>
          h.name !== kcase.reference &&
          result.hypotheses.find((r) => r.name === h.name)!.log10LR !== null,
      );
      if (other === undefined) return;
      const swapped = computeKinshipLR({ ...kcase, reference: other.name });
      const ref = swapped.hypotheses.find((h) => h.name === kcase.reference)!;
      const fwd = result.hypotheses.find((h) => h.name === other.name)!;
      // LR(A vs B) · LR(B vs A) = 1
      expect(Math.abs(ref.log10LR! + fwd.log10LR!)).toBeLessThan(1e-9);
    });
  }
});
