/**
 * The pairwise closed forms against the conformance cases (pedprobr/forrel answers): every
 * autosomal theta-0 case with two typed people whose hypotheses are named relationships.
 * A hypothesis pedigree is identified with a builder's pedigree by comparing the ancestry paths
 * of the two typed people (which persons are shared, and how), not by names.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildMatrices } from '../mutation/matrix.js';
import type { MutationSpec } from '../mutation/types.js';
import { firstCousins, type Line, type PairSpec } from '../pedigree/builders.js';
import {
  isSameAsRecord,
  type PedigreeRecord,
  type PersonRecord,
  type Sex,
} from '../pedigree/pedigree.js';
import type { GenotypePair } from './ibd.js';
import type { LineageRelation } from './lineage.js';
import { type IBDCoefficients, RELATIONSHIPS } from './named-relationships.js';
import { pairwiseLocusLR } from './pairwise.js';

interface CaseLocus {
  name: string;
  alleles: string[];
  frequencies: number[];
  mutation?: MutationSpec;
  chromosome?: string;
}
interface CaseFile {
  theta?: number;
  loci: CaseLocus[];
  hypotheses: { name: string; pedigree: PedigreeRecord[] }[];
  reference: string;
  genotypes: Record<string, Record<string, string[]>>;
  expected: {
    hypotheses: Record<string, { loci: Record<string, { likelihood: number; lr: number }> }>;
  };
}

/** Every ancestry path of x and y ("XFM" = x's father's mother), grouped by person. */
function signature(records: readonly PedigreeRecord[], x: string, y: string): string {
  const byId = new Map(records.map((r) => [r.id, r]));
  const resolve = (id: string): PersonRecord => {
    const r = byId.get(id)!;
    return (isSameAsRecord(r) ? byId.get(r.sameAs) : r) as PersonRecord;
  };
  const paths = new Map<string, string[]>();
  const walk = (id: string, path: string): void => {
    const r = resolve(id);
    paths.set(r.id, [...(paths.get(r.id) ?? []), path]);
    if (r.father !== null) {
      walk(r.father, `${path}F`);
      walk(r.mother!, `${path}M`);
    }
  };
  walk(x, 'X');
  walk(y, 'Y');
  return [...paths.values()]
    .map((ps) => ps.sort().join('='))
    .sort()
    .join(' ');
}

interface Candidate {
  name: string;
  build: (pair: PairSpec) => PedigreeRecord[];
  ibd: IBDCoefficients;
  /** The lineage relation with mutation, given A's sex; undefined when only the IBD form exists. */
  lineage?: (sexA: Sex) => LineageRelation;
}

const lines: Line[] = ['paternal', 'maternal'];
const CANDIDATES: Candidate[] = [
  ...[...RELATIONSHIPS.values()].map((r): Candidate => {
    const line: Line = r.name.endsWith('maternal') ? 'maternal' : 'paternal';
    const lineage: Record<string, ((sexA: Sex) => LineageRelation) | undefined> = {
      PO: (sexA) => ({ relation: 'parentChild', sexA }),
      FS: () => ({ relation: 'fullSiblings' }),
      HS: () => ({ relation: 'halfSiblings', line }),
      GP: (sexA) => ({ relation: 'grandparent', sexA, line }),
    };
    const f = lineage[r.abbreviation];
    return { name: r.name, build: r.build, ibd: r.ibd, ...(f !== undefined ? { lineage: f } : {}) };
  }),
  ...lines.flatMap((la) =>
    lines.map(
      (lb): Candidate => ({
        name: `first-cousins-${la}-${lb}`,
        build: (p) => firstCousins(p, [la, lb]),
        ibd: [0.75, 0.25, 0],
      }),
    ),
  ),
];

const dir = new URL('../../fixtures/conformance/lr/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

function sexOf(records: readonly PedigreeRecord[], id: string): Sex {
  const r = records.find((q) => q.id === id)!;
  return isSameAsRecord(r) ? sexOf(records, r.sameAs) : r.sex;
}

describe('pairwise closed forms reproduce the conformance answers', () => {
  let checkedFiles = 0;
  let checkedValues = 0;
  for (const file of files) {
    const c = JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as CaseFile;
    const typed = Object.keys(c.genotypes);
    if (
      (c.theta ?? 0) !== 0 ||
      typed.length !== 2 ||
      c.loci.some((l) => (l.chromosome ?? 'autosomal') !== 'autosomal')
    )
      continue;
    const [x, y] = typed as [string, string];
    it(`${file}: per-locus lr and likelihood to 1e-9 relative`, () => {
      // Per hypothesis: LR against unrelated per locus, or undefined when no closed form applies.
      const perHyp = new Map<string, number[] | undefined>();
      for (const h of c.hypotheses) {
        const sig = signature(h.pedigree, x, y);
        const sexes: Record<string, Sex> = { [x]: sexOf(h.pedigree, x), [y]: sexOf(h.pedigree, y) };
        let found: { cand: Candidate; a: string; b: string } | undefined;
        for (const cand of CANDIDATES) {
          for (const [a, b] of [
            [x, y],
            [y, x],
          ] as const) {
            if (sexes[a] !== sexes[b] && cand.name === 'direct-match') continue;
            if (signature(cand.build({ a, b, sexA: sexes[a]!, sexB: sexes[b]! }), a, b) === sig)
              found ??= { cand, a, b };
          }
        }
        if (found === undefined) {
          perHyp.set(h.name, undefined);
          continue;
        }
        const { cand, a, b } = found;
        const lrs: number[] = [];
        let ok = true;
        for (const locus of c.loci) {
          const idx = (who: string): GenotypePair => {
            const g = c.genotypes[who]?.[locus.name];
            return g === undefined
              ? [-1, -1]
              : [locus.alleles.indexOf(g[0]!), locus.alleles.indexOf(g[1]!)];
          };
          const p = Float64Array.from(locus.frequencies);
          const mutation = locus.mutation ?? null;
          const meiosis = cand.ibd[1] > 0;
          if (mutation === null || !meiosis)
            lrs.push(pairwiseLocusLR('ibd', cand.ibd, idx(a), idx(b), p));
          else if (cand.lineage !== undefined) {
            const m = buildMatrices(mutation, locus.alleles, locus.frequencies);
            lrs.push(pairwiseLocusLR('lineage', cand.lineage(sexes[a]!), idx(a), idx(b), p, m));
          } else ok = false;
        }
        perHyp.set(h.name, ok ? lrs : undefined);
      }
      const ref = perHyp.get(c.reference);
      let compared = 0;
      for (const h of c.hypotheses) {
        const lrs = perHyp.get(h.name);
        if (lrs === undefined || ref === undefined) continue;
        c.loci.forEach((locus, i) => {
          const exp = c.expected.hypotheses[h.name]!.loci[locus.name]!;
          const lr = lrs[i]! / ref[i]!;
          const hwOf = (who: string): number => {
            const g = c.genotypes[who]?.[locus.name];
            if (g === undefined) return 1;
            const [u, v] = [
              locus.frequencies[locus.alleles.indexOf(g[0]!)]!,
              locus.frequencies[locus.alleles.indexOf(g[1]!)]!,
            ];
            return g[0] === g[1] ? u * u : 2 * u * v;
          };
          const likelihood = lrs[i]! * hwOf(x) * hwOf(y);
          for (const [got, want] of [
            [lr, exp.lr],
            [likelihood, exp.likelihood],
          ] as const) {
            if (want === 0) expect(got, `${h.name} ${locus.name}`).toBe(0);
            else
              expect(
                Math.abs(got - want) / want,
                `${h.name} ${locus.name}: ${got} vs ${want}`,
              ).toBeLessThan(1e-9);
          }
          compared++;
        });
      }
      checkedValues += compared;
      if (compared > 0) checkedFiles++;
      // Cases whose every hypothesis is a named relationship must all be covered.
      const named = c.hypotheses.every((h) => perHyp.get(h.name) !== undefined);
      if (named) expect(compared).toBe(c.loci.length * c.hypotheses.length);
    });
  }

  it('covers the pairwise cases (50 files, 1450 locus values when written)', () => {
    // Runs last in this describe: vitest runs tests in order.
    expect(checkedFiles).toBeGreaterThanOrEqual(50);
    expect(checkedValues).toBeGreaterThanOrEqual(1450);
  });
});
