/**
 * Direct matching of remains (issue 11 item 4): all pairs among N remains and each remains
 * against an elimination set of 50 staff profiles, with `findDirectMatches`. The remains are
 * simulated from the FBI 2015 Caucasian autosomal loci (seed 1104): N/10 bodies have a second
 * fragment; pristine, then with 30 % of the remains degraded (drop-out 0.3, one allele dropped at
 * 30 % of their loci, two loci left blank), which is the slow path (a sum over genotypes).
 * Figures: pairs/s, and how many of the planted replicate pairs are found at LR ≥ 10,000; the
 * same pristine remains at theta 0.01.
 *
 * Run alone: `npx tsx bench/direct-match-bench.ts` (`KINDRED_DIRECT=N` remains, default 2000).
 *
 * @module
 */
import { join } from 'node:path';
import { type DirectProfile, findDirectMatches } from '../src/dvi/direct-match.js';
import type { Locus } from '../src/frequencies/locus.js';
import { parseCase } from '../src/io/case-file.js';
import { computeKinshipLR } from '../src/relationships/kinship-lr.js';
import type { KinshipCase } from '../src/relationships/types.js';
import { createRng, type Rng } from '../src/sim/prng.js';
import { randomProfile } from '../src/sim/random-genotype.js';
import { incidentLoci } from '../test/helpers/degraded-incident.js';

const root = join(import.meta.dirname, '..');

function degrade(rng: Rng, p: DirectProfile, loci: readonly Locus[]): DirectProfile {
  const g = new Map<string, readonly string[]>();
  loci.forEach((locus, l) => {
    const alleles = p.genotypes.get(locus.name);
    if (alleles === undefined || l < 2) return; // two loci blank
    g.set(locus.name, rng.next() < 0.3 ? [alleles[rng.next() < 0.5 ? 0 : 1]!] : alleles);
  });
  return { id: p.id, genotypes: g, observation: { dropout: 0.3, dropin: 0 } };
}

/** Remains: N profiles, every tenth the second fragment of the one before it. */
function remainsOf(n: number, loci: readonly Locus[], degraded: boolean): DirectProfile[] {
  const rng = createRng(1104);
  const out: DirectProfile[] = [];
  let last: DirectProfile['genotypes'] = new Map();
  for (let i = 0; i < n; i++) {
    const genotypes = i % 10 === 9 ? last : randomProfile(rng, loci);
    last = genotypes;
    const p: DirectProfile = { id: `R${i}`, genotypes };
    out.push(degraded && rng.next() < 0.3 ? degrade(rng, p, loci) : p);
  }
  return out;
}

/** The pair (a, b) as a kinship case: H1 b sameAs a, H2 unrelated founders. */
function pairCase(loci: readonly Locus[], a: DirectProfile, b: DirectProfile): KinshipCase {
  const founder = (id: string) => ({ id, father: null, mother: null, sex: 'female' as const });
  const observation: Record<string, { dropout: number; dropin: number }> = {};
  for (const s of [a, b]) if (s.observation !== undefined) observation[s.id] = s.observation;
  return parseCase({
    format: 'kindred-case/1',
    id: `${a.id}-${b.id}`,
    loci: loci.map((l) => ({ ...l })),
    hypotheses: [
      { name: 'same', pedigree: [founder(a.id), { id: b.id, sameAs: a.id }] },
      { name: 'unrelated', pedigree: [founder(a.id), founder(b.id)] },
    ],
    reference: 'unrelated',
    genotypes: Object.fromEntries(
      [a, b].map((s) => [s.id, Object.fromEntries([...s.genotypes].map(([k, v]) => [k, [...v]]))]),
    ),
    observation,
  });
}

/** The figures of the direct-matching benchmark. */
export function runDirectMatchBench(): Record<string, number | string> {
  const n = Number(process.env.KINDRED_DIRECT ?? 2000);
  const loci = incidentLoci(
    join(root, '..', 'shared', 'data', 'frequencies', 'fbi2015-caucasian.csv'),
  );
  const staffRng = createRng(1105);
  const staff: DirectProfile[] = Array.from({ length: 50 }, (_, i) => ({
    id: `S${i}`,
    genotypes: randomProfile(staffRng, loci),
  }));
  const out: Record<string, number | string> = { remains: n, loci: loci.length };
  for (const degraded of [false, true]) {
    const remains = remainsOf(n, loci, degraded);
    const t0 = performance.now();
    const r = findDirectMatches(loci, remains, { elimination: staff });
    const s = (performance.now() - t0) / 1000;
    const label = degraded ? '30 % degraded' : 'pristine';
    const planted = r.matches.filter(
      (m) =>
        m.kind === 'remains' &&
        Number(m.b.slice(1)) % 10 === 9 &&
        Number(m.b.slice(1)) === Number(m.a.slice(1)) + 1,
    ).length;
    out[`${label}: pairs compared`] = r.compared;
    out[`${label}: seconds`] = Number(s.toFixed(3));
    out[`${label}: pairs/s`] = Math.round(r.compared / s);
    out[`${label}: replicate pairs found (of ${Math.floor(n / 10)})`] = planted;
    out[`${label}: other pairs listed`] = r.matches.length - planted;
    // The bound: the engine on 300 of the same pairs (R0–R1, R0–R2, …), each as a kinship case.
    const cases = Array.from({ length: 300 }, (_, k) =>
      pairCase(loci, remains[k % 30]!, remains[30 + k]!),
    );
    const e0 = performance.now();
    let check = 0;
    for (const c of cases) {
      const h = computeKinshipLR(c).hypotheses[0]!;
      check += h.log10LR === null ? 0 : 1;
    }
    const engineRate = cases.length / ((performance.now() - e0) / 1000);
    out[`${label}: engine pair cases/s (bound)`] = Math.round(engineRate);
    out[`${label}: findDirectMatches / engine`] = Math.round(r.compared / s / engineRate);
    void check;
  }
  // theta 0.01 (the Balding–Nichols urn, memoised per pair of distinct observations), pristine
  const pristine = remainsOf(n, loci, false);
  const t1 = performance.now();
  const rt = findDirectMatches(loci, pristine, { elimination: staff, theta: 0.01 });
  const st = (performance.now() - t1) / 1000;
  out['theta 0.01, pristine: pairs/s'] = Math.round(rt.compared / st);
  out['theta 0.01, pristine: replicate pairs found'] = rt.matches.filter(
    (m) => m.kind === 'remains',
  ).length;
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(runDirectMatchBench());
}
