/**
 * The shared state of one DVI computation: prepared loci (one per locus for the whole incident),
 * each family's own log-likelihood per locus, victims' single-person log-likelihoods, the list
 * of missing persons with their sexes, and the exact per-locus likelihood ratio of any set of
 * victims placed on missing persons of one family.
 *
 * For a family f with placements S = {(m, v)} the family factor at one locus is
 * LR_f(S) = L(f with each v's genotype on its m) / L(f + the placed v as unrelated founders),
 * which at theta = 0 is L(f with S) / (L(f) · Π_v L(v)). With theta > 0 the denominator is one
 * joint founder draw of the family and the placed victims (the pairwise definition of
 * case-format.md, applied per family). A victim untyped at a locus is left out there (factor 1).
 *
 * @module
 */
import { KindredError } from '../errors.js';
import type { ComputeBudget } from '../likelihood/eliminate.js';
import { computeLocusLikelihood, locusProblem } from '../likelihood/locus-likelihood.js';
import { observedAlleles, type PreparedLocus, prepareLocus } from '../likelihood/prepare-locus.js';
import { isSexSpecific, type MutationSpec } from '../mutation/types.js';
import { createPedigree } from '../pedigree/create-pedigree.js';
import { MALE, type Pedigree, type PedigreeRecord, type Sex } from '../pedigree/pedigree.js';
import type { ObservationMap, SampleObservation } from '../profile/observation.js';
import { checkDVICaseBudget, degradedDVILoci, prepareDVILoci } from '../search/case-budget.js';
import { inFamilyLocus } from '../search/in-family-locus.js';
import type { DVICase, Family } from '../search/types.js';
import { padPreparedLocus } from './joint-padding.js';

/** One victim → missing person placement inside a family (global indices). */
export interface Placement {
  /** Index into {@link JointContext.missing}. */
  readonly missing: number;
  /** Index into {@link JointContext.victimIds}. */
  readonly victim: number;
}

/** A missing person, with the family it belongs to. */
export interface MissingPerson {
  readonly id: string;
  /** Index into {@link JointContext.families}. */
  readonly family: number;
  /** Row of the person in the family pedigree. */
  readonly row: number;
  readonly sex: Sex;
  /** True when the person's parents may be related (its two alleles may be identical by descent). */
  readonly inbred: boolean;
}

/** Per-family precomputed values. */
export interface FamilyContext {
  readonly family: Family;
  /** Global indices of this family's missing persons, in the family's order. */
  readonly missing: readonly number[];
  /** ln L(family) per locus. */
  readonly logFamily: Float64Array;
  /** Allele labels carried by the family's typed relatives, per locus. */
  readonly observed: readonly ReadonlySet<string>[];
  /**
   * Per locus, the locus prepared with only the family's alleles observed (others lumped) and
   * padded to {@link FamilyContext.alleleBound} alleles (see `joint-padding.ts`).
   */
  readonly local: readonly PreparedLocus[];
  /** 2 · (typed relatives) + 1: the most alleles a lumped locus of this family can have. */
  readonly alleleBound: number;
}

/** Everything a DVI computation shares. See the module comment for the formulas. */
export interface JointContext {
  readonly dviCase: DVICase;
  readonly theta: number;
  /** Prepared loci, in the case's order (alleles carried by nobody lumped where exact). */
  readonly loci: readonly PreparedLocus[];
  /**
   * Per locus: true when the model is no mutation or `proportional` (for both sexes). Then every
   * transmission either copies the parental allele or draws a fresh allele from p, so
   * P(data, G_m = (a, y)) for an allele a no typed person carries is p_a / p_rest times the value
   * for the lumped rest allele (both alleles in the rest: p_a·p_b / p_rest², when m is not inbred).
   */
  readonly scalable: readonly boolean[];
  /** Frequencies as given (original allele order), per locus. */
  readonly frequencies: readonly Float64Array[];
  readonly victimIds: readonly string[];
  /**
   * Per victim, the ids of the further samples merged into it as `sameAs` replicates (victims of
   * the case left out of {@link JointContext.victimIds}; `computeDVI`'s `mergeReplicates`), or [].
   */
  readonly victimReplicates: readonly (readonly string[])[];
  /** Victim genotypes, as given. */
  readonly victimGenotypes: readonly ReadonlyMap<string, readonly string[]>[];
  /**
   * Victim alleles as indices into each locus's allele list: `[2l]`, `[2l + 1]` (the same index
   * twice for one allele), -1 where the victim is untyped (in all its samples; a merged victim
   * typed in a replicate only has that replicate's alleles here).
   */
  readonly victimAlleles: readonly Int32Array[];
  /** Known victim sex, or undefined. */
  readonly victimSex: readonly (Sex | undefined)[];
  /** ln P(victim genotype) as one founder, per victim and locus (0 where untyped; theta 0 only). */
  readonly victimLog: readonly Float64Array[];
  readonly missing: readonly MissingPerson[];
  readonly families: readonly FamilyContext[];
  readonly budget: ComputeBudget | undefined;
  /** Family pedigree with `k` extra unrelated founders (for theta > 0), cached. */
  readonly extendedPedigree: (family: number, k: number) => ExtendedPedigree;
  /** Drop-out and drop-in per victim and family member (degraded-dna.md), or undefined. */
  readonly observation: ObservationMap | undefined;
  /**
   * Per locus: true when a degraded sample (d or c > 0) is typed there, the locus has a
   * silent allele, or a merged replicate is typed there; every LR at such a locus is computed
   * directly, as a ratio of pedigree likelihoods with observation factors and `sameAs` samples
   * (no genotype-table shortcut).
   */
  readonly degraded: readonly boolean[];
  /** `base` records plus `sameAs` rows (replicate id → the id it is a sample of), cached by key. */
  readonly samplePedigree: (
    key: string,
    base: readonly PedigreeRecord[],
    links: readonly (readonly [string, string])[],
  ) => Pedigree;
}

/** A family pedigree with extra founder rows for victims drawn jointly with it. */
export interface ExtendedPedigree {
  readonly pedigree: Pedigree;
  /** Its rows: the family's, then the extra founders. */
  readonly records: readonly PedigreeRecord[];
  readonly extraIds: readonly string[];
}

/**
 * Build the shared context of a DVI case: prepare every locus once (observed alleles = every
 * allele carried by any relative or victim, so lumping is exact for every computation), and
 * compute each family's likelihood per locus.
 *
 * @param dviCase - a validated DVI case (see `parseDVICase`)
 * @param budget - optional compute budget for each likelihood
 * @returns the context
 * @throws KindredError `IMPOSSIBLE_REFERENCE` when a family has likelihood 0 at a locus
 * @throws KindredError `TOO_COMPLEX` when a family exceeds the budget
 * @example
 * ```ts
 * createJointContext(parseDVICase(text)).missing.map((m) => m.id); // => ['M1', 'M2']
 * ```
 */
export function createJointContext(
  dviCase: DVICase,
  budget?: ComputeBudget,
  replicates?: ReadonlyMap<string, readonly string[]>,
): JointContext {
  const merged = new Set<string>();
  for (const reps of replicates?.values() ?? []) for (const r of reps) merged.add(r);
  const victimIds = [...dviCase.victims.keys()].filter((v) => !merged.has(v));
  const victimReplicates = victimIds.map((v) => replicates?.get(v) ?? []);
  const victimGenotypes = victimIds.map((v) => dviCase.victims.get(v) ?? new Map());
  /** Every sample of victim v: its own genotypes, then its replicates'. */
  const samplesOf = (v: number): ReadonlyMap<string, readonly string[]>[] => [
    victimGenotypes[v]!,
    ...victimReplicates[v]!.map((r) => dviCase.victims.get(r) ?? new Map()),
  ];
  const scalable = dviCase.loci.map((locus) => _isScalable(locus.mutation));
  const frequencies = dviCase.loci.map((locus) => Float64Array.from(locus.frequencies));
  const alleleIndex = dviCase.loci.map((locus) => new Map(locus.alleles.map((a, i) => [a, i])));
  const victimAlleles = victimGenotypes.map((_, v) => {
    const out = new Int32Array(2 * dviCase.loci.length).fill(-1);
    const samples = samplesOf(v);
    dviCase.loci.forEach((locus, l) => {
      const alleles = samples.map((g) => g.get(locus.name)).find((a) => a !== undefined);
      if (alleles === undefined) return;
      out[2 * l] = alleleIndex[l]!.get(alleles[0]!)!;
      out[2 * l + 1] = alleleIndex[l]!.get(alleles[alleles.length - 1]!)!;
    });
    return out;
  });
  const loci = prepareDVILoci(dviCase);
  // The whole case is costed from its plans before any likelihood is computed.
  checkDVICaseBudget(dviCase, budget, loci);
  const observation = dviCase.observation;
  // A locus where a merged replicate is typed is computed directly too (sameAs samples).
  const degraded = degradedDVILoci(dviCase, loci).map(
    (d, l) =>
      d ||
      victimReplicates.some((reps) =>
        reps.some((r) => dviCase.victims.get(r)?.has(dviCase.loci[l]!.name) === true),
      ),
  );
  const victimSex = victimIds.map(
    (v, i) =>
      dviCase.victimSex.get(v) ??
      victimReplicates[i]!.map((r) => dviCase.victimSex.get(r)).find((x) => x !== undefined),
  );
  const victimLog = victimGenotypes.map((g, v) => {
    const out = new Float64Array(loci.length);
    const id = victimIds[v]!;
    const sex = victimSex[v];
    const male = sex === 'male';
    const reps = victimReplicates[v]!;
    loci.forEach((p, l) => {
      if (victimAlleles[v]![2 * l]! < 0) return;
      const alleles = g.get(p.locus.name);
      if (degraded[l] || alleles === undefined) {
        // Σ_G P(G)·Π_samples P(E | G) of the victim (and its replicates) as one founder, by the engine.
        const single = createPedigree([
          { id, father: null, mother: null, sex: sex ?? 'female' },
          ...reps.map((r) => ({ id: r, sameAs: id })),
        ]);
        const typed = new Map([[id, g]]);
        for (const r of reps) typed.set(r, dviCase.victims.get(r) ?? new Map());
        out[l] = inFamilyLocus(`Victim "${id}"`, p.locus.name, ['victims', id], () =>
          computeLocusLikelihood(locusProblem(single, p, typed, 0, observation), budget),
        );
        if (out[l] === Number.NEGATIVE_INFINITY) {
          throw new KindredError(
            'INVALID_ARGUMENT',
            `Victim "${id}" and its merged replicates ${reps.map((r) => `"${r}"`).join(', ')} exclude each other at locus "${p.locus.name}": they cannot be one person`,
            { path: ['victims', id] },
          );
        }
      } else out[l] = _founderLog(p, alleles, male && p.locus.chromosome === 'X');
    });
    return out;
  });
  const missing: MissingPerson[] = [];
  const families = dviCase.families.map((family, fi): FamilyContext => {
    const ids = family.missing.map((id) => {
      const row = family.pedigree.index.get(id)!;
      const sex = family.pedigree.sex[row] === MALE ? 'male' : 'female';
      missing.push({ id, family: fi, row, sex, inbred: _mayBeInbred(family.pedigree, row) });
      return missing.length - 1;
    });
    const observed = dviCase.loci.map((locus) => observedAlleles(family.genotypes, locus.name));
    const alleleBound = 2 * family.genotypes.size + 1;
    const local = dviCase.loci.map((locus, l) =>
      padPreparedLocus(prepareLocus(locus, observed[l]!), alleleBound),
    );
    const logFamily = new Float64Array(loci.length);
    local.forEach((p, l) => {
      const x = inFamilyLocus(`Family "${family.name}"`, p.locus.name, ['families', fi], () =>
        computeLocusLikelihood(
          locusProblem(family.pedigree, p, family.genotypes, dviCase.theta, observation),
          budget,
        ),
      );
      if (x === Number.NEGATIVE_INFINITY) {
        throw new KindredError(
          'IMPOSSIBLE_REFERENCE',
          `Family "${family.name}" has likelihood 0 at locus "${p.locus.name}": its reference genotypes are inconsistent, so no LR is defined`,
          { path: ['families', fi, 'genotypes'] },
        );
      }
      logFamily[l] = x;
    });
    return { family, missing: ids, logFamily, observed, local, alleleBound };
  });
  const extended = new Map<string, ExtendedPedigree>();
  const withSamples = new Map<string, Pedigree>();
  return {
    dviCase,
    theta: dviCase.theta,
    loci,
    scalable,
    frequencies,
    victimIds,
    victimReplicates,
    victimGenotypes,
    victimAlleles,
    victimSex,
    victimLog,
    missing,
    families,
    budget,
    observation,
    degraded,
    samplePedigree: (key, base, links) => {
      let ped = withSamples.get(key);
      if (ped === undefined) {
        ped = createPedigree([...base, ...links.map(([id, of]) => ({ id, sameAs: of }))]);
        withSamples.set(key, ped);
      }
      return ped;
    },
    extendedPedigree: (fi, k) => {
      const key = `${fi}:${k}`;
      let e = extended.get(key);
      if (e === undefined) {
        e = _extendPedigree(families[fi]!.family, k);
        extended.set(key, e);
      }
      return e;
    },
  };
}

/**
 * True when victim `v` may be missing person `m`: their sexes agree, or the victim's sex is
 * unknown (no `victimSex` entry).
 *
 * @param ctx - the DVI context
 * @param v - victim index
 * @param m - missing-person index
 * @returns whether the pair may be considered
 * @example
 * ```ts
 * // victimSex { V1: 'female' }, M1 male
 * isSexConsistent(ctx, 0, 0); // => false
 * ```
 */
export function isSexConsistent(ctx: JointContext, v: number, m: number): boolean {
  const s = ctx.victimSex[v];
  return s === undefined || s === ctx.missing[m]!.sex;
}

/**
 * ln LR_f(S) at locus `l` for placements S inside family `fi`, computed directly as the ratio of
 * two pedigree likelihoods: L(family with S) / (L(family) · Π L(v)) at theta = 0, else
 * L(family with S) / L(family + the victims of S as founders). Victims untyped at the locus are
 * left out (factor 1).
 *
 * @param ctx - the DVI context
 * @param fi - family index
 * @param placements - victims on missing persons of this family
 * @param l - locus index
 * @returns the natural-log family factor at the locus (-Infinity for LR 0)
 * @throws KindredError `TOO_COMPLEX` when a likelihood exceeds the budget
 * @example
 * ```ts
 * // father 14/14 typed, victim 14/15 on his child: 1 / (2 p14) with p14 = 0.2
 * Math.exp(placementLocusLogLR(ctx, 0, [{ missing: 0, victim: 0 }], 0)); // => 2.5
 * ```
 */
export function placementLocusLogLR(
  ctx: JointContext,
  fi: number,
  placements: readonly Placement[],
  l: number,
): number {
  const prepared = ctx.loci[l]!;
  const fam = ctx.families[fi]!;
  const typed = placements.filter((p) => ctx.victimAlleles[p.victim]![2 * l]! >= 0);
  if (typed.length === 0) return 0;
  const h1 = new Map(fam.family.genotypes);
  for (const p of typed) h1.set(ctx.missing[p.missing]!.id, ctx.victimGenotypes[p.victim]!);
  const links1 = _replicateLinks(ctx, typed, (p) => ctx.missing[p.missing]!.id, h1);
  const ped1 =
    links1.length === 0
      ? fam.family.pedigree
      : ctx.samplePedigree(`${fi}|${JSON.stringify(links1)}`, fam.family.records, links1);
  // A victim's drop-out and drop-in travel with its profile (degraded-dna.md).
  const obs = ctx.degraded[l]
    ? _placedObservation(ctx, typed, (p) => ctx.missing[p.missing]!.id)
    : undefined;
  const where = `Family "${fam.family.name}"`;
  const path = ['families', fi];
  const num = inFamilyLocus(where, prepared.locus.name, path, () =>
    computeLocusLikelihood(locusProblem(ped1, prepared, h1, ctx.theta, obs), ctx.budget),
  );
  if (num === Number.NEGATIVE_INFINITY) return num;
  if (ctx.theta === 0) {
    let den = fam.logFamily[l]!;
    for (const p of typed) den += ctx.victimLog[p.victim]![l]!;
    return num - den;
  }
  const ext = ctx.extendedPedigree(fi, typed.length);
  const h2 = new Map<string, ReadonlyMap<string, readonly string[]>>(fam.family.genotypes);
  typed.forEach((p, k) => {
    h2.set(ext.extraIds[k]!, ctx.victimGenotypes[p.victim]!);
  });
  const obs2 = ctx.degraded[l]
    ? _placedObservation(ctx, typed, (p) => ext.extraIds[typed.indexOf(p)]!)
    : undefined;
  const links2 = _replicateLinks(ctx, typed, (p) => ext.extraIds[typed.indexOf(p)]!, h2);
  const ped2 =
    links2.length === 0
      ? ext.pedigree
      : ctx.samplePedigree(`${fi}|+${typed.length}|${JSON.stringify(links2)}`, ext.records, links2);
  return (
    num -
    inFamilyLocus(where, prepared.locus.name, path, () =>
      computeLocusLikelihood(locusProblem(ped2, prepared, h2, ctx.theta, obs2), ctx.budget),
    )
  );
}

/**
 * The `sameAs` rows of the placed victims' merged replicates (replicate id → the id its victim is
 * placed as), with the replicates' genotypes added to `genotypes`.
 */
function _replicateLinks(
  ctx: JointContext,
  placements: readonly Placement[],
  idOf: (p: Placement) => string,
  genotypes: Map<string, ReadonlyMap<string, readonly string[]>>,
): (readonly [string, string])[] {
  const links: (readonly [string, string])[] = [];
  for (const p of placements) {
    for (const r of ctx.victimReplicates[p.victim]!) {
      links.push([r, idOf(p)]);
      genotypes.set(r, ctx.dviCase.victims.get(r) ?? new Map());
    }
  }
  return links;
}

/** The document's observations plus each placed victim's entry under the id it is placed as. */
function _placedObservation(
  ctx: JointContext,
  placements: readonly Placement[],
  idOf: (p: Placement) => string,
): ObservationMap | undefined {
  const base = ctx.observation;
  const out = new Map<string, SampleObservation>(base ?? []);
  for (const p of placements) {
    const o = base?.get(ctx.victimIds[p.victim]!);
    if (o !== undefined) out.set(idOf(p), o);
  }
  return out;
}

/** ln P(genotype) of one founder: 2 p_a p_b, p_a², or p_a for a male at an X locus. */
function _founderLog(p: PreparedLocus, alleles: readonly string[], hemizygous: boolean): number {
  const a = p.alleleIndex.get(alleles[0]!)!;
  const b = p.alleleIndex.get(alleles[alleles.length - 1]!)!;
  const pa = p.frequencies[a]!;
  const pb = p.frequencies[b]!;
  if (hemizygous) return Math.log(pa);
  return a === b ? 2 * Math.log(pa) : Math.log(2 * pa * pb);
}

function _isScalable(spec: MutationSpec): boolean {
  if (spec === null) return true;
  if (isSexSpecific(spec))
    return spec.male.model === 'proportional' && spec.female.model === 'proportional';
  return spec.model === 'proportional';
}

/** True when the father and mother of `row` share an ancestor (or one descends from the other). */
function _mayBeInbred(ped: Pedigree, row: number): boolean {
  const f = ped.father[row]!;
  const m = ped.mother[row]!;
  if (f < 0 || m < 0) return false;
  const ancestors = (i: number): Set<number> => {
    const out = new Set<number>();
    const stack = [i];
    while (stack.length > 0) {
      const j = stack.pop()!;
      if (out.has(j)) continue;
      out.add(j);
      if (ped.father[j]! >= 0) stack.push(ped.father[j]!, ped.mother[j]!);
    }
    return out;
  };
  const af = ancestors(f);
  for (const a of ancestors(m)) if (af.has(a)) return true;
  return false;
}

function _extendPedigree(family: Family, k: number): ExtendedPedigree {
  const taken = new Set(family.records.map((r) => r.id));
  let prefix = '\u0000dvi-victim-';
  while ([...taken].some((id) => id.startsWith(prefix))) prefix += '_';
  const extraIds = Array.from({ length: k }, (_, i) => `${prefix}${i}`);
  const records: PedigreeRecord[] = [
    ...family.records,
    ...extraIds.map((id) => ({ id, father: null, mother: null, sex: 'male' as const })),
  ];
  return { pedigree: createPedigree(records), records, extraIds };
}
