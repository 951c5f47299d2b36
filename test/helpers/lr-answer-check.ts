/**
 * Comparison of a `kindred lr` answer with a conformance file's `expected` object: per-locus
 * likelihood and lr to 1e-9 relative, log10 values to 1e-9 absolute, zeros exact.
 */
import type { formatLRAnswer } from '../../src/io/lr-answer.js';

/** The `expected` object of an lr conformance file. */
export interface ExpectedLR {
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

/** Every disagreement between an answer and the expected values (empty: they agree). */
export function lrAnswerProblems(
  answer: ReturnType<typeof formatLRAnswer>,
  expected: ExpectedLR,
): string[] {
  const problems: string[] = [];
  if (answer.reference !== expected.reference)
    problems.push(`reference ${answer.reference}, want ${expected.reference}`);
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
