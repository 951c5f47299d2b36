/**
 * Engine benchmarks (issue 3): pedigree LRs per second for the 13-member, 3-generation family
 * of the conformance suite (9 typed, 24 loci; also with stepwise mutation on every locus, which
 * makes lumping impossible) and the first-cousin-marriage loop; pairwise 23-locus LRs per
 * second (full siblings vs unrelated; no mutation and stepwise).
 *
 * Run alone: `npx tsx bench/lr-bench.ts`.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCase } from '../src/io/case-file.js';
import { computeKinshipLR } from '../src/relationships/kinship-lr.js';
import {
  encodePairwiseProfile,
  pairwiseLRBatch,
  preparePairwise,
} from '../src/relationships/pairwise.js';
import { createRng } from '../src/sim/prng.js';
import { randomGenotype } from '../src/sim/random-genotype.js';
import { measureRate } from './bench-util.js';

const lrDir = join(import.meta.dirname, '..', 'fixtures', 'conformance', 'lr');

function loadCase(file: string, mutate?: (doc: Record<string, unknown>) => void) {
  const doc = JSON.parse(readFileSync(join(lrDir, file), 'utf8')) as Record<string, unknown>;
  mutate?.(doc);
  return parseCase(doc, { file });
}

/** Stepwise (rate 0.002, rate2 1e-6, range 0.1) on every locus of a case document. */
export function withStepwise(doc: Record<string, unknown>): void {
  for (const locus of doc.loci as Record<string, unknown>[]) {
    locus.mutation = { model: 'stepwise', rate: 0.002, rate2: 1e-6, range: 0.1 };
  }
}

/** Family-case rates; each case = every hypothesis at every locus (H1 and H2). */
export function runFamilyBench(): Record<string, number> {
  const big = loadCase('mp-big3gen-24l.json');
  const bigStep = loadCase('mp-big3gen-24l.json', withStepwise);
  const loop = loadCase('mp-cousin_marriage-15l.json');
  const loopStep = loadCase('mp-cousin_marriage-15l.json', withStepwise);
  const firstMs = (c: typeof big): number => {
    const t0 = performance.now();
    computeKinshipLR(c);
    return performance.now() - t0;
  };
  return {
    'family13_24loci_nomut_first_call_ms (compiles plans)': firstMs(big),
    'family13_24loci_stepwise_first_call_ms (compiles plans)': firstMs(bigStep),
    family13_24loci_nomut_cases_per_s: measureRate(() => computeKinshipLR(big)),
    family13_24loci_stepwise_cases_per_s: measureRate(() => computeKinshipLR(bigStep)),
    cousin_marriage_15loci_nomut_cases_per_s: measureRate(() => computeKinshipLR(loop)),
    cousin_marriage_15loci_stepwise_cases_per_s: measureRate(() => computeKinshipLR(loopStep)),
  };
}

/**
 * Pairwise LRs per second: 23 loci (S01–S23 of the conformance suite), full siblings against
 * unrelated, 1,000 random profile pairs cycled; no mutation (IBD closed form) and stepwise
 * (two-lineage closed form with mutation).
 */
export function runPairwiseBench(): Record<string, number> {
  const base = loadCase('mp-big3gen-24l.json');
  const loci = base.loci.slice(0, 23);
  const stepDoc = JSON.parse(readFileSync(join(lrDir, 'mp-big3gen-24l.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  withStepwise(stepDoc);
  const stepLoci = parseCase(stepDoc).loci.slice(0, 23);
  const rng = createRng(20261128);
  const pairs = 1000;
  const out: Record<string, number> = {};
  for (const [name, relation, ls] of [
    ['pairwise_fs_23loci_nomut_lr_per_s', { kind: 'ibd', k: [0.25, 0.5, 0.25] }, loci],
    [
      'pairwise_fs_23loci_stepwise_lr_per_s',
      { kind: 'lineage', relation: 'fullSiblings' },
      stepLoci,
    ],
  ] as const) {
    const prepared = preparePairwise(relation, ls);
    const encode = () =>
      encodePairwiseProfile(prepared, new Map(ls.map((l) => [l.name, randomGenotype(rng, l)])));
    const A = Array.from({ length: pairs }, encode);
    const B = Array.from({ length: pairs }, encode);
    let i = 0;
    let sink = 0;
    const perCall = 100;
    const rate = measureRate(() => {
      for (let k = 0; k < perCall; k++) {
        sink += pairwiseLRBatch(prepared, A[i]!, B[i]!);
        i = (i + 1) % pairs;
      }
    });
    if (Number.isNaN(sink)) throw new Error('NaN LR');
    out[name] = rate * perCall;
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log({ ...runPairwiseBench(), ...runFamilyBench() });
}
