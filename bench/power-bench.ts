/**
 * Power benchmarks (issue 14) on the 13-member, 3-generation family of the conformance suite
 * (`mp-big3gen-24l.json`, 24 loci; its unknown person UP is the missing person, the 8 other typed
 * people the references), without mutation and with stepwise mutation on every locus:
 * - simulated LRs per second (inclusion power) for the current references and for a planned
 *   reference (UP's untyped mother D1), each draw a whole 24-locus LR;
 * - the exact figures (exclusion power, expected LR) per family, and one planned single
 *   reference, in ms;
 * - the bound they are compared against, measured in the same run: family LR cases per second of
 *   the engine (what a simulation costs per draw when each simulated LR is computed by the engine,
 *   as forrel's missingPersonIP does after gene dropping).
 *
 * Run alone: `npx tsx bench/power-bench.ts`.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCase } from '../src/io/case-file.js';
import { computeExactPower, missingPersonAtoms } from '../src/power/exact-power.js';
import { createPowerSampler, sampleLogLR } from '../src/power/inclusion-sim.js';
import { plannedReferenceAtoms } from '../src/power/planned-references.js';
import { computeKinshipLR } from '../src/relationships/kinship-lr.js';
import type { Family } from '../src/search/types.js';
import { createRng } from '../src/sim/prng.js';
import { measureMs, measureRate } from './bench-util.js';
import { withStepwise } from './lr-bench.js';

function load(stepwise: boolean) {
  const file = 'mp-big3gen-24l.json';
  const doc = JSON.parse(
    readFileSync(join(import.meta.dirname, '..', 'fixtures', 'conformance', 'lr', file), 'utf8'),
  ) as Record<string, unknown>;
  if (stepwise) withStepwise(doc);
  const c = parseCase(doc, { file });
  const h1 = c.hypotheses.find((h) => h.name === 'H1')!;
  const genotypes = new Map([...c.genotypes].filter(([id]) => id !== 'UP'));
  const family: Family = {
    name: 'big3gen',
    pedigree: h1.pedigree,
    records: h1.records,
    missing: ['UP'],
    genotypes,
  };
  return { c, family, loci: c.loci };
}

/** The figures. */
export function runPowerBench(): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  for (const stepwise of [false, true]) {
    const tag = stepwise ? 'stepwise' : 'nomut';
    const { c, family, loci } = load(stepwise);
    const t0 = performance.now();
    computeExactPower(family, 'UP', loci);
    out[`family13_24loci_${tag}_exact_power_first_call_ms`] = performance.now() - t0;
    out[`family13_24loci_${tag}_exact_power_ms`] = measureMs(() =>
      computeExactPower(family, 'UP', loci),
    );
    const base = createPowerSampler(missingPersonAtoms(family, 'UP', loci));
    const rng = createRng(1);
    const batch = 10_000;
    out[`family13_24loci_${tag}_simulated_LRs_per_s`] =
      measureRate(() => sampleLogLR(base, batch, rng), 5, 600, 500) * batch;
    const t1 = performance.now();
    const planned = plannedReferenceAtoms(family, 'UP', loci, ['D1']);
    out[`family13_24loci_${tag}_planned_mother_exact_ms (first call)`] = performance.now() - t1;
    out[`family13_24loci_${tag}_planned_mother_exact_ms`] = measureMs(
      () => plannedReferenceAtoms(family, 'UP', loci, ['D1']),
      3,
    );
    out[`family13_24loci_${tag}_planned_mother_atoms`] = planned.reduce(
      (s, a) => s + a.h1.length,
      0,
    );
    const ps = createPowerSampler(planned);
    out[`family13_24loci_${tag}_planned_simulated_LRs_per_s`] =
      measureRate(() => sampleLogLR(ps, batch, rng), 5, 600, 500) * batch;
    out[`bound: family13_24loci_${tag}_engine_LR_cases_per_s (one engine LR per draw)`] =
      measureRate(() => computeKinshipLR(c));
  }
  out.target = '≥ 20,000 simulated LRs/s on one core (13-person family, 23 loci)';
  return out;
}

if (import.meta.filename === process.argv[1]) console.log(runPowerBench());
