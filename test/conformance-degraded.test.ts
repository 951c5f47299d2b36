/**
 * The degraded-DNA conformance suite (fixtures/conformance/degraded, copied from
 * ../shared/conformance/degraded: answers from an independent brute-force enumeration,
 * cross-checked by a second engine): drop-out, drop-in, silent alleles and replicates through
 * `kindred lr`, per-locus values to 1e-9 relative, log10 values to 1e-9 absolute, zeros exact;
 * with lumping on and off.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDVICommand } from '../src/cli/dvi-command.js';
import { computeDVI } from '../src/dvi/dvi.js';
import { parseCase } from '../src/io/case-file.js';
import { parseDVICase } from '../src/io/dvi-file.js';
import { formatLRAnswer } from '../src/io/lr-answer.js';
import { computeKinshipLR } from '../src/relationships/kinship-lr.js';
import { type ExpectedLR, lrAnswerProblems } from './helpers/lr-answer-check.js';

const dir = join(import.meta.dirname, '..', 'fixtures', 'conformance', 'degraded');
const lrFiles = readdirSync(dir)
  .filter((f) => /^deg-\d+.*\.json$/.test(f))
  .sort();

function load(file: string): { doc: Record<string, unknown>; expected: ExpectedLR } {
  const doc = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, unknown>;
  const expected = doc.expected as ExpectedLR;
  delete doc.expected;
  delete doc.expected_tool;
  return { doc, expected };
}

describe('degraded conformance: kindred-case/1 (fixtures/conformance/degraded)', () => {
  it('has the 26 lr cases', () => {
    expect(lrFiles.length).toBe(26);
  });
  for (const file of lrFiles) {
    it(`computeKinshipLR(${file}) agrees with the reference answer, lumping on and off`, () => {
      const { doc, expected } = load(file);
      const kcase = parseCase(doc, { file });
      expect(lrAnswerProblems(formatLRAnswer(computeKinshipLR(kcase)), expected)).toEqual([]);
      const unlumped = formatLRAnswer(computeKinshipLR(kcase, { lump: false }));
      expect(lrAnswerProblems(unlumped, expected)).toEqual([]);
    });
  }
});

describe("d = c = 0 gives exactly today's answers", () => {
  const lrDir = join(import.meta.dirname, '..', 'fixtures', 'conformance', 'lr');
  const files = readdirSync(lrDir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  it('every lr conformance case with observation {dropout: 0, dropin: 0} for every typed person is identical (===) to the case without', () => {
    for (const file of files) {
      const doc = JSON.parse(readFileSync(join(lrDir, file), 'utf8')) as Record<string, unknown>;
      delete doc.expected;
      const plain = computeKinshipLR(parseCase(doc));
      const ids = Object.keys(doc.genotypes as object);
      const zero = Object.fromEntries(ids.map((id) => [id, { dropout: 0, dropin: 0 }]));
      const withZero = computeKinshipLR(parseCase({ ...doc, observation: zero }));
      expect(formatLRAnswer(withZero), file).toEqual(formatLRAnswer(plain));
    }
  });
});

describe('E[LR | unrelated] = 1 with a degraded candidate', () => {
  // With drop-in the spec's P(E | G) is used exactly as written (a drop-in of an allele G carries
  // is not counted, as in LRmix), so Σ_E P(E | G) = 1 − c·Σ_{x ∈ G} p_x < 1 and the identity holds
  // for c = 0 only; with c > 0, Σ_E P(E | H2)·LR(E) is the total mass of the observations under H1
  // (checked below, both ways).
  it('Σ over every observation E of the candidate of P(E | unrelated) · LR(E), blank read as untyped (LR 1), is 1 (d = 0.3, c = 0)', () => {
    expect(Math.abs(expectedLR(0) - 1)).toBeLessThan(1e-12);
  });
  it("with c = 0.05 the same sum differs from 1 (the spec's drop-in term is not normalised)", () => {
    const got = expectedLR(0.05);
    expect(Math.abs(got - 1)).toBeGreaterThan(1e-6);
    expect(Math.abs(got - 1)).toBeLessThan(0.05);
  });
  function expectedLR(dropin: number): number {
    // Parent–child with mutation: father typed 10/11; the child degraded (d = 0.3, c as given).
    const alleles = ['10', '11', '12', '13'];
    const base = {
      format: 'kindred-case/1',
      id: 'elr',
      loci: [
        {
          name: 'L',
          alleles,
          frequencies: [0.1, 0.2, 0.3, 0.4],
          mutation: { model: 'proportional', rate: 0.05 },
        },
      ],
      hypotheses: [
        {
          name: 'H1',
          pedigree: [
            { id: 'F', father: null, mother: null, sex: 'male' },
            { id: 'M', father: null, mother: null, sex: 'female' },
            { id: 'C', father: 'F', mother: 'M', sex: 'female' },
          ],
        },
        {
          name: 'H2',
          pedigree: [
            { id: 'F', father: null, mother: null, sex: 'male' },
            { id: 'C', father: null, mother: null, sex: 'female' },
          ],
        },
      ],
      reference: 'H2',
      observation: { C: { dropout: 0.3, dropin } },
    };
    const seenSets: string[][] = [];
    for (let i = 0; i < alleles.length; i++) {
      seenSets.push([alleles[i]!]);
      for (let j = i + 1; j < alleles.length; j++) seenSets.push([alleles[i]!, alleles[j]!]);
    }
    const pF = computeKinshipLR(
      parseCase({ ...base, observation: {}, genotypes: { F: { L: ['10', '11'] } } }),
    ).hypotheses[1]!.loci.get('L')!.likelihood;
    let expectation = 0;
    let seenMass = 0;
    for (const seen of seenSets) {
      const r = computeKinshipLR(
        parseCase({ ...base, genotypes: { F: { L: ['10', '11'] }, C: { L: seen } } }),
      );
      const h2 = r.hypotheses[1]!.loci.get('L')!;
      const pE = h2.likelihood / pF;
      seenMass += pE;
      expectation += pE * r.hypotheses[0]!.loci.get('L')!.lr;
    }
    expect(seenMass).toBeLessThan(1);
    // The blank locus (P = 1 − Σ_E P(E | H2) under the model without drop-in) is read as untyped: LR 1.
    return expectation + (1 - seenMass);
  }
});

interface ExpectedDVI {
  id: string;
  pairwise: Record<string, Record<string, { log10LR: number | null }>>;
  joint: { assignment: Record<string, string | null>; log10LR: number }[];
  joint_mode: string;
  joint_assignments_evaluated: number;
}

const dviFiles = readdirSync(dir)
  .filter((f) => /^deg-dvi-.*\.json$/.test(f))
  .sort();

describe('degraded conformance: kindred-dvi/1 (fixtures/conformance/degraded)', () => {
  it('has the 4 dvi cases', () => {
    expect(dviFiles.length).toBe(4);
  });
  for (const file of dviFiles) {
    it(`kindred dvi ${file}: every pairwise log10 LR and every joint assignment (full list) agree to 1e-9`, async () => {
      const raw = readFileSync(join(dir, file), 'utf8');
      const doc = JSON.parse(raw) as Record<string, unknown>;
      const expected = doc.expected as ExpectedDVI;
      delete doc.expected;
      delete doc.expected_tool;
      let out = '';
      let err = '';
      const code = await runDVICommand([file, '--top', '1000'], {
        stdout: (s) => {
          out += s;
        },
        stderr: (s) => {
          err += s;
        },
        readFile: () => JSON.stringify(doc),
      });
      expect([code, err]).toEqual([0, '']);
      const answer = JSON.parse(out) as ExpectedDVI;
      const problems: string[] = [];
      expect(Object.keys(answer.pairwise).sort()).toEqual(Object.keys(expected.pairwise).sort());
      for (const [v, row] of Object.entries(expected.pairwise)) {
        const got = answer.pairwise[v]!;
        expect(Object.keys(got).sort()).toEqual(Object.keys(row).sort());
        for (const [m, e] of Object.entries(row)) {
          const g = got[m]!.log10LR;
          const ok =
            e.log10LR === null ? g === null : g !== null && Math.abs(g - e.log10LR) <= 1e-9;
          if (!ok) problems.push(`${v}/${m}: got ${g}, want ${e.log10LR}`);
        }
      }
      const key = (a: Record<string, string | null>): string =>
        JSON.stringify(
          Object.keys(a)
            .sort()
            .map((v) => [v, a[v]]),
        );
      const want = new Map(expected.joint.map((j) => [key(j.assignment), j.log10LR]));
      expect(answer.joint.length).toBe(expected.joint.length);
      for (const j of answer.joint) {
        const w = want.get(key(j.assignment));
        if (w === undefined || Math.abs(j.log10LR - w) > 1e-9)
          problems.push(`joint ${key(j.assignment)}: got ${j.log10LR}, want ${w}`);
      }
      expect(problems).toEqual([]);
      const result = computeDVI(parseDVICase(doc, { file }), { top: 1000 });
      expect(result.nonzeroAssignments).toBe(expected.joint_assignments_evaluated);
    });
  }
});
