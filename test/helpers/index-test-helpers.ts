/**
 * Test helpers for the search index (not part of the public API): random small families built
 * from fast-check choices, and the reference LR of `computeKinshipLR` for a candidate placed on a
 * missing person (H1: candidate `sameAs` m; H2: candidate an unrelated founder).
 *
 * @module
 */
import fc from 'fast-check';
import type { Locus } from '../../src/frequencies/locus.js';
import type { MutationSpec } from '../../src/mutation/types.js';
import { createPedigree } from '../../src/pedigree/create-pedigree.js';
import type { PedigreeRecord, PersonRecord, Sex } from '../../src/pedigree/pedigree.js';
import type { ObservationMap } from '../../src/profile/observation.js';
import { computeKinshipLR } from '../../src/relationships/kinship-lr.js';
import type { GenotypeMap } from '../../src/relationships/types.js';
import type { Family } from '../../src/search/types.js';
import { dropGenes, genotypeOfRow } from '../../src/sim/gene-drop.js';
import { createRng } from '../../src/sim/prng.js';

/** Mutation models drawn by the properties (all valid for integer labels). */
export const _MUTATIONS: readonly MutationSpec[] = [
  null,
  { model: 'equal', rate: 0.05 },
  { model: 'proportional', rate: 0.03 },
  { model: 'stepwise', rate: 0.02, rate2: 0.001, range: 0.5 },
  { model: 'onestep', rate: 0.04 },
  { female: { model: 'equal', rate: 0.01 }, male: { model: 'proportional', rate: 0.02 } },
];

/** A random locus: 2–6 integer alleles, random frequencies, one of {@link _MUTATIONS}. */
export function _arbLocus(
  name: string,
  chromosome: 'autosomal' | 'X' = 'autosomal',
): fc.Arbitrary<Locus> {
  return fc
    .record({
      weights: fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 2, maxLength: 6 }),
      mutation: fc.constantFrom(..._MUTATIONS),
    })
    .map(({ weights, mutation }) => {
      const total = weights.reduce((a, b) => a + b, 0);
      return {
        name,
        alleles: weights.map((_, i) => String(8 + i)),
        frequencies: weights.map((w) => w / total),
        chromosome,
        mutation,
      };
    });
}

/** A random family plan: founders, children (possibly inbred), missing row, typed rows, seed. */
export interface _FamilyPlan {
  readonly records: PersonRecord[];
  readonly missing: number;
  readonly typed: boolean[];
  readonly direct: boolean;
  readonly second: boolean;
  readonly seed: number;
  readonly mutate: boolean;
  readonly perturb: boolean;
}

/** Random family plans of 2–7 people. */
export function _arbFamilyPlan(maxChildren = 4): fc.Arbitrary<_FamilyPlan> {
  return fc
    .record({
      extraFounders: fc.integer({ min: 0, max: 1 }),
      children: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean()), {
        minLength: 1,
        maxLength: maxChildren,
      }),
      missing: fc.nat(),
      typed: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
      direct: fc.boolean(),
      second: fc.boolean(),
      seed: fc.integer(),
      mutate: fc.boolean(),
      perturb: fc.boolean(),
    })
    .map((p) => {
      const records: PersonRecord[] = [
        { id: 'P0', father: null, mother: null, sex: 'male' },
        { id: 'P1', father: null, mother: null, sex: 'female' },
      ];
      if (p.extraFounders > 0) records.push({ id: 'P2', father: null, mother: null, sex: 'male' });
      for (const [fi, mi, male] of p.children) {
        const males = records.filter((r) => r.sex === 'male');
        const females = records.filter((r) => r.sex === 'female');
        records.push({
          id: `P${records.length}`,
          father: males[fi % males.length]!.id,
          mother: females[mi % females.length]!.id,
          sex: male ? 'male' : 'female',
        });
      }
      const missing = p.missing % records.length;
      const typed = records.map((_, i) => i !== missing && p.typed[i % 8]!);
      return { ...p, records, missing, typed, direct: p.direct && p.seed % 4 === 0 };
    });
}

/** A family (and its records) from a plan, genotypes gene-dropped at `loci`. */
export function _familyFromPlan(plan: _FamilyPlan, loci: readonly Locus[]): Family {
  const records: PedigreeRecord[] = [...plan.records];
  const missingId = plan.records[plan.missing]!.id;
  if (plan.direct) records.push({ id: 'D', sameAs: missingId });
  const ped = createPedigree(records);
  const rng = createRng(plan.seed);
  const genotypes = new Map<string, Map<string, readonly string[]>>();
  for (const locus of loci) {
    const alleles = dropGenes(rng, ped, locus, { mutation: plan.mutate });
    ped.ids.forEach((id, row) => {
      const isDirect = id === 'D';
      if (!isDirect && !plan.typed[row]) return;
      let g = genotypeOfRow(alleles, row, locus);
      if (plan.perturb && row === 0) g = [locus.alleles[0]!, g[1]];
      if (!genotypes.has(id)) genotypes.set(id, new Map());
      genotypes.get(id)!.set(locus.name, g);
    });
  }
  const missing = [missingId];
  const other = plan.records.findIndex((_, i) => i !== plan.missing && !plan.typed[i]);
  if (plan.second && other >= 0) missing.push(plan.records[other]!.id);
  return { name: 'F', pedigree: ped, records, missing, genotypes };
}

/**
 * Reference log10 LR (null for 0) and per-locus LRs of candidate `g` as `missing`, by
 * computeKinshipLR; `observation` gives samples' drop-out and drop-in (the candidate's id is `CAND`).
 */
export function _referenceLR(
  family: Family,
  missing: string,
  sex: Sex,
  candidate: ReadonlyMap<string, readonly string[]>,
  loci: readonly Locus[],
  theta: number,
  lump = false,
  observation?: ObservationMap,
): { log10LR: number | null; lr: Map<string, number> } {
  const h1: PedigreeRecord[] = [...family.records, { id: 'CAND', sameAs: missing }];
  const h2: PedigreeRecord[] = [...family.records, { id: 'CAND', father: null, mother: null, sex }];
  const genotypes: GenotypeMap = new Map([...family.genotypes, ['CAND', candidate]]);
  const result = computeKinshipLR(
    {
      format: 'kindred-case/1',
      id: 'ref',
      theta,
      loci,
      hypotheses: [
        { name: 'H1', pedigree: createPedigree(h1), records: h1 },
        { name: 'H2', pedigree: createPedigree(h2), records: h2 },
      ],
      reference: 'H2',
      genotypes,
      ...(observation !== undefined ? { observation } : {}),
    },
    { lump },
  );
  const h = result.hypotheses[0]!;
  return { log10LR: h.log10LR, lr: new Map([...h.loci].map(([k, v]) => [k, v.lr])) };
}
