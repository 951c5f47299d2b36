/**
 * Simulation checks of the search (not timed), on the built-in synthetic population (23 loci,
 * stepwise mutation in both the simulation and the model):
 * - on a simulated incident the true family ranks first for most victims that are missing
 *   persons (the rate is printed; weak references such as one half-sibling can lose);
 * - 10,000 simulated unrelated remains against simulated families: the number of pairs at or
 *   above the match threshold (LR 10,000) is printed and must be small. By Markov's inequality
 *   (E[LR | unrelated] = 1) each pair passes with probability ≤ 1e-4.
 */
import { describe, expect, it } from 'vitest';
import { parseDVICase } from '../src/io/dvi-file.js';
import { SearchIndex } from '../src/search/index/search-index.js';
import { rankFamilies } from '../src/search/rank/rank.js';
import { createRng } from '../src/sim/prng.js';
import { randomProfile } from '../src/sim/random-genotype.js';
import { simulateIncident } from '../src/sim/simulate-incident.js';
import { syntheticLoci } from '../src/sim/synthetic-loci.js';

const STEPWISE = { model: 'stepwise', rate: 0.002, rate2: 1e-6, range: 0.1 } as const;
const loci = syntheticLoci(2024, { count: 23, mutation: STEPWISE });

describe('search on simulated incidents', () => {
  it('ranks the true family first for most identifiable victims (seed 7, 150 families)', () => {
    const sim = simulateIncident({
      seed: 7,
      loci,
      families: 150,
      identifiable: 100,
      unrelated: 20,
      mutation: true,
    });
    const index = SearchIndex.fromDVICase(parseDVICase(sim.document));
    let first = 0;
    let total = 0;
    const missedShapes: string[] = [];
    for (const [victim, truth] of sim.truth) {
      if (truth === null) continue;
      total++;
      const top = rankFamilies(index, victim, { top: 1 })[0]!;
      if (top.family === truth.family) first++;
      else missedShapes.push(sim.families.find((f) => f.name === truth.family)!.shape);
    }
    console.info(
      `simulated incident seed 7: true family ranked first for ${first}/${total} victims; missed shapes: ${missedShapes.join(', ') || 'none'}`,
    );
    expect(first / total).toBeGreaterThanOrEqual(0.85);
  });

  it('10,000 unrelated remains (seed 99) against 100 simulated families rarely pass LR 10,000', () => {
    const sim = simulateIncident({
      seed: 98,
      loci,
      families: 100,
      identifiable: 0,
      unrelated: 1,
      mutation: true,
    });
    const index = SearchIndex.fromDVICase(parseDVICase(sim.document));
    const rng = createRng(99);
    const threshold = Math.log(10_000);
    let pass = 0;
    let best = Number.NEGATIVE_INFINITY;
    const scores = new Float64Array(index.entries.length);
    for (let i = 0; i < 10_000; i++) {
      const sex = rng.int(2) === 0 ? 'male' : 'female';
      const c = index.encode(`U${i}`, randomProfile(rng, loci, sex), sex);
      index.score(c, scores);
      index.entries.forEach((e, k) => {
        if (e.sex !== sex) return;
        if (scores[k]! >= threshold) pass++;
        if (scores[k]! > best) best = scores[k]!;
      });
    }
    console.info(
      `10,000 unrelated remains (seed 99) x 100 families (seed 98): ${pass} pairs with LR >= 10,000; highest log10 LR ${(best / Math.LN10).toFixed(2)}`,
    );
    // Markov bound: expected count <= 1e-4 per pair x ~500,000 sex-compatible pairs = 50.
    expect(pass).toBeLessThanOrEqual(50);
  });
});
