/**
 * Writes examples/power/avuncular.json: a kindred-dvi/1 document with one family (paternal
 * grandparents, the father and two uncles, the mother; the missing person M) where only one
 * uncle is typed, on the built-in synthetic population (23 loci, stepwise mutation), genotypes
 * by gene dropping with seed 14. Run: npx tsx examples/power/make-demo.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPedigree } from '../../src/pedigree/create-pedigree.js';
import { familyTemplate } from '../../src/sim/family-shapes.js';
import { dropGenes, genotypeOfRow } from '../../src/sim/gene-drop.js';
import { createRng } from '../../src/sim/prng.js';
import { syntheticLoci } from '../../src/sim/synthetic-loci.js';

const STEPWISE = { model: 'stepwise', rate: 0.002, rate2: 1e-6, range: 0.1 } as const;
const loci = syntheticLoci(2024, { count: 23, mutation: STEPWISE });
const t = familyTemplate('avuncular', '', 'male');
const ped = createPedigree(t.records);
const rng = createRng(14);
const typed = ['U1'];
const genotypes: Record<string, Record<string, [string, string]>> = {};
for (const id of typed) genotypes[id] = {};
for (const locus of loci) {
  const drop = dropGenes(rng, ped, locus, { mutation: true });
  for (const id of typed) genotypes[id]![locus.name] = genotypeOfRow(drop, ped.index.get(id)!, locus);
}
const doc = {
  format: 'kindred-dvi/1',
  id: 'power-demo',
  description: 'One family: the missing person M, typed paternal uncle U1; untyped U2, MO, GM, GF, FA',
  theta: 0,
  loci: loci.map((l) => ({ name: l.name, alleles: l.alleles, frequencies: l.frequencies, mutation: l.mutation })),
  victims: {},
  families: [{ name: 'F1', pedigree: t.records, missing: [t.missing], genotypes }],
};
writeFileSync(join(import.meta.dirname, 'avuncular.json'), `${JSON.stringify(doc, null, 1)}\n`);
