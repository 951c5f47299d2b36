/**
 * A simulated degraded incident (issue 11, "done when"): reference families from a real
 * frequency table (no mutation, so a dropped allele can exclude), each missing person's true
 * profile degraded by the model of degraded-dna.md (each allele copy drops with probability d,
 * d drawn in 0.2–0.5 per remains; a locus where nothing is seen is left out), then searched
 * three ways against all families: the pristine profile on the same loci, the degraded profile
 * read as hard genotypes (no model), and the degraded profile with its observation.
 */
import { readFileSync } from 'node:fs';
import type { Locus } from '../../src/frequencies/locus.js';
import { parseFrequencyCsv } from '../../src/io/frequency-file.js';
import { createPedigree } from '../../src/pedigree/create-pedigree.js';
import { resolveMarkerName } from '../../src/profile/markers.js';
import { SearchIndex } from '../../src/search/index/search-index.js';
import type { Family } from '../../src/search/types.js';
import { createRng } from '../../src/sim/prng.js';
import { simulateFamily } from '../../src/sim/simulate-incident.js';

/** The outcome: per reading, how often the true family ranks first and how often it is excluded. */
export interface DegradedIncidentResult {
  readonly families: number;
  readonly pristineFirst: number;
  readonly hardFirst: number;
  readonly hardExcluded: number;
  readonly modelFirst: number;
  readonly modelExcluded: number;
}

/** Autosomal loci of a frequency table (long CSV), without mutation. */
export function incidentLoci(path: string): Locus[] {
  const parsed = parseFrequencyCsv(readFileSync(path, 'utf8'), { population: 'sim', file: path });
  return [...parsed.table.markers]
    .filter(([name]) => resolveMarkerName(name)?.chromosome !== 'X')
    .map(([name, m]) => ({
      name,
      alleles: [...m.alleles],
      frequencies: [...m.frequencies],
      chromosome: 'autosomal' as const,
      mutation: null,
    }));
}

/** Simulate and search a degraded incident of `count` families (seeded). */
export function runDegradedIncident(
  loci: readonly Locus[],
  count: number,
  seed: number,
): DegradedIncidentResult {
  const rng = createRng(seed);
  const index = new SearchIndex(loci);
  const truths: { name: string; truth: Record<string, [string, string]> }[] = [];
  for (let i = 0; i < count; i++) {
    const name = `F${i}`;
    const sim = simulateFamily(rng, loci, { name, typed: 2 });
    const family: Family = {
      name,
      pedigree: createPedigree(sim.pedigree),
      records: sim.pedigree,
      missing: sim.missing,
      genotypes: new Map(
        Object.entries(sim.genotypes).map(([id, g]) => [id, new Map(Object.entries(g))] as const),
      ),
    };
    index.addFamily(family);
    truths.push({ name, truth: sim.truth });
  }
  let pristineFirst = 0;
  let hardFirst = 0;
  let hardExcluded = 0;
  let modelFirst = 0;
  let modelExcluded = 0;
  const rankOf = (scores: Float64Array, target: number): number => {
    let better = 0;
    for (let p = 0; p < scores.length; p++)
      if (p !== target && scores[p]! >= scores[target]!) better++;
    return better;
  };
  truths.forEach(({ name, truth }, i) => {
    const d = 0.2 + 0.3 * rng.next();
    const seen = new Map<string, string[]>();
    const pristine = new Map<string, string[]>();
    for (const [locus, [a, b]] of Object.entries(truth)) {
      const copies = a === b ? [a, a] : [a, b];
      const kept = [...new Set(copies.filter(() => rng.next() >= d))];
      if (kept.length === 0) continue; // blank locus: left out, as untyped
      seen.set(locus, kept);
      pristine.set(locus, [a, b]);
    }
    const target = index.position(index.family(name)![0]!);
    const pr = index.score(index.encode(`P${i}`, pristine));
    const hard = index.score(index.encode(`H${i}`, seen));
    const model = index.score(index.encode(`D${i}`, seen, undefined, { dropout: d, dropin: 0 }));
    if (rankOf(pr, target) === 0) pristineFirst++;
    if (hard[target] === Number.NEGATIVE_INFINITY) hardExcluded++;
    else if (rankOf(hard, target) === 0) hardFirst++;
    if (model[target] === Number.NEGATIVE_INFINITY) modelExcluded++;
    else if (rankOf(model, target) === 0) modelFirst++;
  });
  return { families: count, pristineFirst, hardFirst, hardExcluded, modelFirst, modelExcluded };
}
