/**
 * Degraded DNA (issue 11): rates with degraded samples as a ratio to the pristine rate measured
 * in the same run, and the d = c = 0 path (an explicit zero observation) against no observation.
 * - pairwise: the parent–child degraded conformance case deg-01 (5 loci), with and without
 *   its observation entry;
 * - family case: deg-07 (7-person family with a missing person), with and without;
 * - d = c = 0: every lr conformance case with observation {0, 0} on every typed person, against
 *   the same cases without the field (the same path: ratio ≈ 1);
 * - simulated degraded incident (issue 11, "done when"; `test/helpers/degraded-incident.ts`): 60
 *   families (seed 1101, as `test/degraded-incident.test.ts`) and 150 families (seed 1102), remains
 *   with drop-out 0.2–0.5 and blank loci: true families excluded without the model and with it,
 *   and how often the true family ranks first (pristine profiles of the same people, degraded
 *   read as hard genotypes, degraded with the model);
 * - search: one index of 400 simulated families (FBI 2015 Caucasian autosomal loci, no
 *   mutation), 500 remains scored against all, pristine against 30 % degraded remains (drop-out
 *   0.3; one allele dropped at 30 % of their loci).
 *
 * Run alone: `npx tsx bench/degraded-bench.ts`.
 *
 * @module
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCase } from '../src/io/case-file.js';
import { createPedigree } from '../src/pedigree/create-pedigree.js';
import type { SampleObservation } from '../src/profile/observation.js';
import { computeKinshipLR } from '../src/relationships/kinship-lr.js';
import type { KinshipCase } from '../src/relationships/types.js';
import type { Candidate } from '../src/search/index/candidate.js';
import { SearchIndex } from '../src/search/index/search-index.js';
import { createRng } from '../src/sim/prng.js';
import { randomProfile } from '../src/sim/random-genotype.js';
import { simulateFamily } from '../src/sim/simulate-incident.js';
import { incidentLoci, runDegradedIncident } from '../test/helpers/degraded-incident.js';
import { measureRate } from './bench-util.js';

const root = join(import.meta.dirname, '..');

function caseOf(file: string, keepObservation: boolean): KinshipCase {
  const doc = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  delete doc.expected;
  delete doc.expected_tool;
  if (!keepObservation) delete doc.observation;
  return parseCase(doc);
}

/** The figures of the degraded benchmark. */
export function runDegradedBench(): Record<string, number | string> {
  const deg = (name: string): string => join(root, 'fixtures', 'conformance', 'degraded', name);
  const out: Record<string, number | string> = {};
  for (const [label, file] of [
    ['pairwise (deg-01, 5 loci)', 'deg-01-po-dropout.json'],
    ['family case (deg-07, 7 people)', 'deg-07-mp-family-dropout-equal.json'],
  ] as const) {
    const pristine = caseOf(deg(file), false);
    const degraded = caseOf(deg(file), true);
    const a = measureRate(() => computeKinshipLR(pristine), 3, 500, 500);
    const b = measureRate(() => computeKinshipLR(degraded), 3, 500, 500);
    out[`${label}: pristine cases/s`] = Math.round(a);
    out[`${label}: degraded cases/s`] = Math.round(b);
    out[`${label}: degraded / pristine`] = Number((b / a).toFixed(2));
  }
  const lrDir = join(root, 'fixtures', 'conformance', 'lr');
  const files = readdirSync(lrDir).filter((f) => f.endsWith('.json'));
  const plain = files.map((f) => caseOf(join(lrDir, f), false));
  const zero = plain.map((c) => ({
    ...c,
    observation: new Map([...c.genotypes.keys()].map((id) => [id, { dropout: 0, dropin: 0 }])),
  }));
  const p = measureRate(
    () => {
      for (const c of plain) computeKinshipLR(c);
    },
    3,
    800,
    800,
  );
  const z = measureRate(
    () => {
      for (const c of zero) computeKinshipLR(c);
    },
    3,
    800,
    800,
  );
  out['97 lr conformance cases: passes/s without observation'] = Number(p.toFixed(2));
  out['97 lr conformance cases: passes/s with d = c = 0 entries'] = Number(z.toFixed(2));
  out['d = c = 0 / none'] = Number((z / p).toFixed(2));

  const loci = incidentLoci(
    join(root, '..', 'shared', 'data', 'frequencies', 'fbi2015-caucasian.csv'),
  );
  for (const [families, seed] of [
    [60, 1101],
    [150, 1102],
  ] as const) {
    const r = runDegradedIncident(loci, families, seed);
    const label = `incident ${families} families (seed ${seed})`;
    out[`${label}: true families excluded without the model`] = r.hardExcluded;
    out[`${label}: true families excluded with the model`] = r.modelExcluded;
    out[`${label}: true family first, pristine`] = `${r.pristineFirst}/${families}`;
    out[`${label}: true family first, degraded read as hard genotypes`] =
      `${r.hardFirst}/${families}`;
    out[`${label}: true family first, degraded with the model`] = `${r.modelFirst}/${families}`;
  }
  const rng = createRng(1102);
  const index = new SearchIndex(loci);
  for (let i = 0; i < 400; i++) {
    const sim = simulateFamily(rng, loci, { name: `F${i}` });
    index.addFamily({
      name: `F${i}`,
      pedigree: createPedigree(sim.pedigree),
      records: sim.pedigree,
      missing: sim.missing,
      genotypes: new Map(
        Object.entries(sim.genotypes).map(([id, g]) => [id, new Map(Object.entries(g))] as const),
      ),
    });
  }
  const pristine: Candidate[] = [];
  const mixed: Candidate[] = [];
  const obs: SampleObservation = { dropout: 0.3, dropin: 0 };
  for (let r = 0; r < 500; r++) {
    const profile = randomProfile(rng, loci);
    pristine.push(index.encode(`R${r}`, profile));
    if (rng.next() < 0.3) {
      const seen = new Map<string, string[]>();
      for (const [l, [a, b]] of profile) seen.set(l, rng.next() < 0.3 ? [a] : [a, b]);
      mixed.push(index.encode(`R${r}`, seen, undefined, obs));
    } else mixed.push(index.encode(`R${r}`, profile));
  }
  const pairs = 500 * index.entries.length;
  const sp =
    measureRate(
      () => {
        for (const c of pristine) index.score(c);
      },
      3,
      800,
      500,
    ) * pairs;
  const sm =
    measureRate(
      () => {
        for (const c of mixed) index.score(c);
      },
      3,
      800,
      500,
    ) * pairs;
  out['search: pristine pairs/s'] = Math.round(sp);
  out['search: 30 % degraded remains, pairs/s'] = Math.round(sm);
  out['search: degraded / pristine'] = Number((sm / sp).toFixed(2));
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const [k, v] of Object.entries(runDegradedBench())) console.log(`${k}: ${v}`);
}
