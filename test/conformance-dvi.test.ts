/**
 * Every `kindred-dvi/1` file of the conformance suite (fixtures/conformance/dvi, copied from
 * ../shared/conformance/dvi with the answers of R dvir 3.4.2 / pedprobr 1.1.0, recomputed there
 * from pedigree likelihoods) must agree: every pairwise log10 LR to 1e-9 absolute (null exactly,
 * pairs excluded by sex absent), the 10 best joint assignments as a set with their log10 LR to
 * 1e-9, and — where the list came from a full enumeration — the number of sex-consistent
 * assignments with all pairwise LRs nonzero equals `joint_assignments_evaluated`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDVICommand } from '../src/cli/dvi-command.js';
import { computeDVI } from '../src/dvi/dvi.js';
import { formatDVIAnswer } from '../src/io/dvi-answer.js';
import { parseDVICase } from '../src/io/dvi-file.js';

const dir = join(import.meta.dirname, '..', 'fixtures', 'conformance', 'dvi');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort();

interface Expected {
  id: string;
  pairwise: Record<string, Record<string, { log10LR: number | null }>>;
  joint: { assignment: Record<string, string | null>; log10LR: number }[];
  joint_mode: string;
  joint_assignments_evaluated: number;
}

function load(file: string): { doc: Record<string, unknown>; expected: Expected } {
  const doc = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, unknown>;
  const expected = doc.expected as Expected;
  delete doc.expected;
  delete doc.expected_tool;
  return { doc, expected };
}

const assignmentKey = (a: Record<string, string | null>): string =>
  JSON.stringify(Object.keys(a).map((v) => [v, a[v]]));

describe('DVI conformance (fixtures/conformance/dvi)', () => {
  it('has the 6 conformance files', () => {
    expect(files.length).toBe(6);
  });

  for (const file of files) {
    describe(file, () => {
      const { doc, expected } = load(file);
      const result = computeDVI(parseDVICase(doc, { file }));
      const answer = formatDVIAnswer(result);

      it('pairwise log10 LRs agree to 1e-9 (null exactly; sex-excluded pairs absent)', () => {
        expect(answer.id).toBe(expected.id);
        expect(Object.keys(answer.pairwise).sort()).toEqual(Object.keys(expected.pairwise).sort());
        const problems: string[] = [];
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
        expect(problems).toEqual([]);
      });

      it('the 10 best joint assignments agree as a set, log10 LR to 1e-9', () => {
        expect(answer.joint.length).toBe(expected.joint.length);
        const want = new Map(expected.joint.map((j) => [assignmentKey(j.assignment), j.log10LR]));
        for (const j of answer.joint) {
          expect(Object.keys(j.assignment)).toEqual(Object.keys(doc.victims as object));
          const w = want.get(assignmentKey(j.assignment));
          expect(w, `unexpected assignment ${assignmentKey(j.assignment)}`).toBeDefined();
          expect(Math.abs(j.log10LR - w!)).toBeLessThanOrEqual(1e-9);
        }
        const logs = answer.joint.map((j) => j.log10LR);
        expect(logs).toEqual([...logs].sort((a, b) => b - a));
      });

      it('pairings: posteriors sum to 1 per victim with "*", agree with the pairwise zeros and the listed joint answers', () => {
        const pairings = answer.pairings!;
        expect(pairings).not.toBeNull();
        expect(Object.keys(pairings)).toEqual(Object.keys(doc.victims as object));
        const problems: string[] = [];
        const listed = expected.joint; // the global best, best first
        for (const [v, row] of Object.entries(pairings)) {
          expect(Object.keys(row)).toEqual([...Object.keys(expected.pairwise[v]!), '*']);
          const sum = Object.values(row).reduce((s, c) => s + c.posterior, 0);
          if (Math.abs(sum - 1) > 1e-12) problems.push(`${v}: posteriors sum to ${sum}`);
          for (const [m, c] of Object.entries(row)) {
            const target = m === '*' ? null : m;
            // a pairing with pairwise LR 0 is in no assignment with LR > 0
            if (target !== null && expected.pairwise[v]![m]!.log10LR === null) {
              if (c.posterior !== 0 || c.log10GLR !== null)
                problems.push(`${v}/${m}: not excluded`);
              continue;
            }
            // GLR = best listed with the pairing − best listed without it, when both are listed
            // (the list is the global top, so its first such entries are the maxima)
            const withM = listed.find((j) => j.assignment[v] === target);
            const withoutM = listed.find((j) => j.assignment[v] !== target);
            if (withM === undefined || withoutM === undefined) continue;
            const glr = withM.log10LR - withoutM.log10LR;
            if (c.log10GLR === null || Math.abs(c.log10GLR - glr) > 1e-8)
              problems.push(`${v}/${m}: log10GLR ${c.log10GLR}, want ${glr}`);
          }
        }
        expect(problems).toEqual([]);
      });

      it('counts joint_assignments_evaluated nonzero sex-consistent assignments', () => {
        expect(expected.joint_mode).toBe('full');
        expect(result.nonzeroAssignments).toBe(expected.joint_assignments_evaluated);
      });
    });
  }

  it('kindred dvi prints the same answer object as formatDVIAnswer', async () => {
    const file = files[0]!;
    const text = readFileSync(join(dir, file), 'utf8');
    let out = '';
    let err = '';
    const code = await runDVICommand([file], {
      stdout: (s) => {
        out += s;
      },
      stderr: (s) => {
        err += s;
      },
      readFile: () => text,
    });
    expect([code, err]).toEqual([0, '']);
    const { doc } = load(file);
    const answer = JSON.parse(out);
    // The CLI adds the provenance (docs/provenance.md) after the answer's own fields.
    expect(answer.provenance.format).toBe('kindred-provenance/1');
    delete answer.provenance;
    expect(answer).toEqual(
      JSON.parse(JSON.stringify(formatDVIAnswer(computeDVI(parseDVICase(doc))))),
    );
  });
});
