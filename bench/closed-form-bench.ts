/**
 * Pairwise closed forms against the engine (issue 16, item 2): the same 23-locus LRs (A and B
 * typed, relationship against unrelated, 1,000 random profile pairs cycled) once by the closed
 * form (`pairwiseLRBatch`: IBD without mutation, two-lineage kernel with stepwise mutation) and
 * once by the general engine with cached plans (`computeLocusLikelihood` on the registry's
 * pedigree, per locus, alleles lumped to the pair's where exact as `computeKinshipLR` does,
 * divided by the Hardy–Weinberg probabilities; problems built before timing). A closed form stays only
 * where it is more than 2× faster than the engine; both are checked equal in
 * `src/relationships/lineage.test.ts` ("pairwise LRs agree with the general likelihood
 * engine"), and here the two results are compared on every pair before timing.
 *
 * Run alone: `npx tsx bench/closed-form-bench.ts`.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locus } from '../src/frequencies/locus.js';
import { parseCase } from '../src/io/case-file.js';
import { computeLocusLikelihood } from '../src/likelihood/locus-likelihood.js';
import { prepareLocus } from '../src/likelihood/prepare-locus.js';
import type { LocusProblem } from '../src/likelihood/problem.js';
import { createPedigree } from '../src/pedigree/create-pedigree.js';
import { RELATIONSHIPS } from '../src/relationships/named-relationships.js';
import {
  encodePairwiseProfile,
  type PairwiseRelation,
  pairwiseLRBatch,
  preparePairwise,
} from '../src/relationships/pairwise.js';
import { createRng } from '../src/sim/prng.js';
import { randomGenotype } from '../src/sim/random-genotype.js';
import { measureRate } from './bench-util.js';
import { withStepwise } from './lr-bench.js';

const lrDir = join(import.meta.dirname, '..', 'fixtures', 'conformance', 'lr');

/** The 23 loci S01–S23 of the 24-locus conformance case, without or with stepwise mutation. */
function loci(stepwise: boolean): Locus[] {
  const doc = JSON.parse(readFileSync(join(lrDir, 'mp-big3gen-24l.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  if (stepwise) withStepwise(doc);
  return parseCase(doc).loci.slice(0, 23);
}

/** Closed-form and engine rates (LRs/s) for one relationship, and their ratio. */
function compare(
  label: string,
  registry: string,
  relation: PairwiseRelation,
  ls: readonly Locus[],
  lumped = true,
): Record<string, number> {
  const rng = createRng(20261204);
  const pair = { a: 'A', b: 'B', sexA: 'male', sexB: 'male' } as const;
  const pedigree = createPedigree(RELATIONSHIPS.get(registry)!.build(pair));
  const a = pedigree.index.get('A')!;
  const b = pedigree.index.get('B')!;
  const prepared = preparePairwise(relation, ls);
  const pairs = 1000;
  const profiles = Array.from({ length: 2 * pairs }, () => ls.map((l) => randomGenotype(rng, l)));
  const closedA = profiles
    .slice(0, pairs)
    .map((p) => encodePairwiseProfile(prepared, new Map(ls.map((l, i) => [l.name, p[i]!]))));
  const closedB = profiles
    .slice(pairs)
    .map((p) => encodePairwiseProfile(prepared, new Map(ls.map((l, i) => [l.name, p[i]!]))));
  // The engine's problems, built before timing: per pair and locus the prepared locus (lumped to
  // the pair's alleles where the mutation model allows, as computeKinshipLR does) and genotypes.
  const problems = profiles.slice(0, pairs).map((pa, k) =>
    ls.map((l, i) => {
      const [a1, a2] = pa[i]!;
      const [b1, b2] = profiles[pairs + k]![i]!;
      const pl = prepareLocus(l, new Set([a1, a2, b1, b2]), { lump: lumped });
      const code = (x: string): number => pl.alleleIndex.get(x)!;
      const g = new Int32Array(2 * pedigree.ids.length).fill(-1);
      [g[2 * a], g[2 * a + 1], g[2 * b], g[2 * b + 1]] = [code(a1), code(a2), code(b1), code(b2)];
      const p = pl.frequencies;
      const hw = (x: number, y: number) => (x === y ? p[x]! * p[x]! : 2 * p[x]! * p[y]!);
      const problem: LocusProblem = {
        pedigree,
        nAlleles: pl.nAlleles,
        frequencies: pl.frequencies,
        maleMatrix: pl.maleMatrix,
        femaleMatrix: pl.femaleMatrix,
        xLinked: false,
        genotypes: g,
        theta: 0,
      };
      return {
        problem,
        logHW: Math.log(hw(g[2 * a]!, g[2 * a + 1]!) * hw(g[2 * b]!, g[2 * b + 1]!)),
      };
    }),
  );
  const engineLR = (k: number): number => {
    let log = 0;
    for (const { problem, logHW } of problems[k]!) log += computeLocusLikelihood(problem) - logHW;
    return Math.exp(log);
  };
  let worst = 0;
  for (let k = 0; k < pairs; k++) {
    const c = pairwiseLRBatch(prepared, closedA[k]!, closedB[k]!);
    const e = engineLR(k);
    worst = Math.max(worst, Math.abs(c - e) / Math.max(Math.abs(e), Number.MIN_VALUE));
  }
  if (!(worst <= 1e-9)) throw new Error(`${label}: closed form and engine differ by ${worst}`);
  const perCall = 20;
  let i = 0;
  let sink = 0;
  const closed =
    measureRate(() => {
      for (let k = 0; k < perCall; k++) {
        sink += pairwiseLRBatch(prepared, closedA[i]!, closedB[i]!);
        i = (i + 1) % pairs;
      }
    }, 3) * perCall;
  const engine =
    measureRate(() => {
      for (let k = 0; k < perCall; k++) {
        sink += engineLR(i);
        i = (i + 1) % pairs;
      }
    }, 3) * perCall;
  if (Number.isNaN(sink)) throw new Error('NaN LR');
  return {
    [`${label} closed form LRs/s`]: closed,
    [`${label} engine (cached plans) LRs/s`]: engine,
    [`${label} closed form / engine`]: closed / engine,
    [`${label} largest relative difference`]: worst,
  };
}

/** The figures of the suite. */
export function runClosedFormBench(): Record<string, number> {
  const plain = loci(false);
  const step = loci(true);
  return {
    ...compare(
      'full siblings, no mutation (IBD)',
      'full-siblings',
      { kind: 'ibd', k: [0.25, 0.5, 0.25] },
      plain,
    ),
    ...compare(
      'parent-child, no mutation (IBD)',
      'parent-child',
      { kind: 'ibd', k: [0, 1, 0] },
      plain,
    ),
    ...compare(
      'first cousins, no mutation (IBD)',
      'first-cousins',
      { kind: 'ibd', k: [0.75, 0.25, 0] },
      plain,
    ),
    ...compare(
      'full siblings, stepwise (lineage)',
      'full-siblings',
      { kind: 'lineage', relation: 'fullSiblings' },
      step,
    ),
    ...compare(
      'parent-child, stepwise (lineage)',
      'parent-child',
      { kind: 'lineage', relation: 'parentChild', sexA: 'male' },
      step,
    ),
  };
}

if (process.argv[1] !== undefined && import.meta.filename === process.argv[1]) {
  console.log(runClosedFormBench());
}
