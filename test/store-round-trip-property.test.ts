/**
 * The round trip of issue 15 as a property: for small random stores (random tables with random
 * mutation models — none, no model given, equal, stepwise —, theta, families with random
 * pedigrees, typed members and profile ids of their own or `FAMILY/MEMBER`, remains with and
 * without a sex, drop-out and drop-in), `exportDVIDocument`, `readImportFile` and
 * `importBatch` into an empty store give back the same profiles (ids, kinds, sexes, genotypes,
 * observations), families (pedigrees, missing persons, members), table (alleles, frequencies,
 * mutation models, theta), and after `searchStore` on both the same match list with the same
 * LRs and posteriors; exporting the copy gives the same document again. The same for `.fam` on
 * an example programme (a `.fam` file has no per-sample drop-out, so no property over those).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createFrequencyTable } from '../src/frequencies/frequency-table.js';
import { formatFamiliasFam } from '../src/io/familias-format.js';
import type { MutationSpec } from '../src/mutation/types.js';
import type { PersonRecord, Sex } from '../src/pedigree/pedigree.js';
import type { SampleObservation } from '../src/profile/observation.js';
import { createProfile } from '../src/profile/profile.js';
import { importBatch } from '../src/store/import-batch.js';
import { readImportFile } from '../src/store/import-sources.js';
import { searchStore } from '../src/store/match-search.js';
import { createMemoryStore } from '../src/store/memory-store.js';
import type { ProfileStore } from '../src/store/profile-store.js';
import { exportDVIDocument, exportFamilias } from '../src/store/store-export.js';

const MARKERS = ['D3S1358', 'vWA', 'TH01'] as const;

/** A marker: 2–4 integer alleles with positive weights, and how its mutation is stored. */
const markerArb = fc.record({
  weights: fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 2, maxLength: 4 }),
  first: fc.integer({ min: 6, max: 14 }),
  mutation: fc.constantFrom('default', 'none', 'equal', 'stepwise'),
});

/** Family member layout: a trio (FA, MO, missing child MP) with an optional sibling SIB. */
const familyArb = fc.record({
  sib: fc.boolean(),
  typed: fc.subarray(['FA', 'MO', 'SIB'], { minLength: 1 }),
  ownIds: fc.boolean(),
});

const genotypeArb = fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean()), {
  minLength: 3,
  maxLength: 3,
});

const observationArb = fc.option(
  fc.record({
    dropout: fc.constantFrom(0, 0.1, 0.3),
    dropin: fc.constantFrom(0, 0.01),
  }),
  { nil: undefined },
);

const storeArb = fc.record({
  markers: fc.array(markerArb, { minLength: 1, maxLength: 3 }),
  theta: fc.constantFrom(0, 0.01),
  families: fc.array(
    fc.record({
      layout: familyArb,
      // per marker: FA's and MO's allele indices, which of each SIB inherits, typed or not
      genotypes: fc.array(
        fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat(), fc.boolean(), fc.boolean(), fc.boolean()),
        { minLength: 3, maxLength: 3 },
      ),
      obs: observationArb,
    }),
    { minLength: 1, maxLength: 3 },
  ),
  remains: fc.array(
    fc.record({
      genotypes: genotypeArb,
      sex: fc.constantFrom<Sex | undefined>('male', 'female', undefined),
      obs: observationArb,
    }),
    { minLength: 1, maxLength: 3 },
  ),
});

type Spec = typeof storeArb extends fc.Arbitrary<infer T> ? T : never;

/** Build the store a spec describes. */
function build(spec: Spec): ProfileStore {
  const markers = spec.markers.map((m, i) => {
    const name = MARKERS[i] as string;
    const alleles = m.weights.map((_, k) => String(m.first + k));
    const total = m.weights.reduce((a, b) => a + b, 0);
    return { name, alleles, frequencies: m.weights.map((w) => w / total), mutation: m.mutation };
  });
  const table = createFrequencyTable({
    population: 'pop',
    markers: Object.fromEntries(
      markers.map((m) => [m.name, { alleles: m.alleles, frequencies: m.frequencies }]),
    ),
  }).table;
  const mutation = new Map<string, MutationSpec>();
  for (const m of markers) {
    if (m.mutation === 'none') mutation.set(m.name, null);
    if (m.mutation === 'equal') mutation.set(m.name, { model: 'equal', rate: 0.005 });
    if (m.mutation === 'stepwise')
      mutation.set(m.name, { model: 'stepwise', rate: 0.004, rate2: 1e-6, range: 0.2 });
  }
  const genotypes = (g: readonly [number, number, boolean][]) =>
    Object.fromEntries(
      markers.flatMap((m, i) => {
        const [a, b, typed] = g[i] as [number, number, boolean];
        const n = m.alleles.length;
        return typed || i === 0 ? [[m.name, [m.alleles[a % n], m.alleles[b % n]] as string[]]] : [];
      }),
    );
  const store = createMemoryStore();
  store.write((tx) => {
    tx.putFrequencyTable(table, { mutation, theta: spec.theta });
    const observe = (id: string, o: SampleObservation | undefined) => {
      // the degraded search is exact at theta 0 only (and refuses otherwise)
      if (o !== undefined && spec.theta === 0) tx.setObservation(id, o);
    };
    spec.families.forEach((f, i) => {
      const name = `F${i + 1}`;
      const pedigree: PersonRecord[] = [
        { id: 'FA', father: null, mother: null, sex: 'male' },
        { id: 'MO', father: null, mother: null, sex: 'female' },
        { id: 'MP', father: 'FA', mother: 'MO', sex: 'male' },
        ...(f.layout.sib ? [{ id: 'SIB', father: 'FA', mother: 'MO', sex: 'female' as Sex }] : []),
      ];
      const members: Record<string, string> = {};
      f.layout.typed
        .filter((m) => m !== 'SIB' || f.layout.sib)
        .forEach((member, k) => {
          const id = f.layout.ownIds ? `P-${i}${k}` : `${name}/${member}`;
          const sex = pedigree.find((r) => r.id === member)?.sex as Sex;
          // the sibling inherits one of FA's and one of MO's alleles: the family is consistent
          const g = f.genotypes.map(([fa1, fa2, mo1, mo2, fromFa, fromMo, typed]) => {
            const pick: Record<string, [number, number]> = {
              FA: [fa1, fa2],
              MO: [mo1, mo2],
              SIB: [fromFa ? fa1 : fa2, fromMo ? mo1 : mo2],
            };
            return [...(pick[member] as [number, number]), typed] as [number, number, boolean];
          });
          tx.putProfile(createProfile({ id, kind: 'reference', sex, genotypes: genotypes(g) }));
          if (k === 0) observe(id, f.obs);
          members[member] = id;
        });
      tx.putFamily({ name, pedigree, missing: ['MP'], members, population: 'pop' });
    });
    spec.remains.forEach((r, i) => {
      const id = `V${i + 1}`;
      tx.putProfile(
        createProfile({
          id,
          kind: 'remains',
          ...(r.sex !== undefined ? { sex: r.sex } : {}),
          genotypes: genotypes(r.genotypes),
        }),
      );
      observe(id, r.obs);
    });
  });
  return store;
}

/** What a store holds, without times and sources; LRs rounded to 1e-9. */
function contents(store: ProfileStore) {
  return store.read((r) => ({
    profiles: r.listProfiles().map((p) => ({
      id: p.profile.id,
      kind: p.profile.kind,
      sex: p.profile.sex,
      genotypes: Object.fromEntries(p.profile.genotypes),
      observation: p.observation,
    })),
    families: r.listFamilies().map((f) => ({
      name: f.name,
      pedigree: f.pedigree,
      missing: f.missing,
      members: Object.fromEntries(f.members),
      population: f.population,
    })),
    tables: r.listPopulations().map((p) => {
      const t = r.getFrequencyTable(p);
      return {
        population: p,
        markers: [...(t?.table.markers ?? [])].map(([name, m]) => [name, m.alleles, m.frequencies]),
        mutation: Object.fromEntries(t?.mutation ?? []),
        theta: t?.theta,
      };
    }),
    matches: r.listMatches().map((m) => ({
      victim: m.victim,
      family: m.family,
      missing: m.missing,
      log10LR: m.log10LR === null ? null : Math.round(m.log10LR * 1e9) / 1e9,
      posterior: m.posterior === null ? null : Math.round(m.posterior * 1e9) / 1e9,
      undisputed: m.undisputed,
    })),
  }));
}

describe('kindred-dvi/1 round trip of random stores (issue 15)', () => {
  it('export → import into an empty store → search gives the same store and the same matches (own profile ids used to come back as FAMILY/MEMBER, "no mutation" as "no model given")', async () => {
    const seen = { matches: 0, ownIds: 0, none: 0, observed: 0 };
    await fc.assert(
      fc.asyncProperty(storeArb, async (spec) => {
        const a = build(spec);
        await searchStore(a);
        const { document } = a.read((r) => exportDVIDocument(r));
        const text = JSON.stringify(document);
        const b = createMemoryStore();
        const report = importBatch(b, readImportFile('programme.json', text));
        expect(report.rejected).toEqual([]);
        expect(report.applied).toBe(true);
        await searchStore(b);
        const want = contents(a);
        expect(contents(b)).toEqual(want);
        seen.matches += want.matches.length > 0 ? 1 : 0;
        seen.ownIds += spec.families.some((f) => f.layout.ownIds) ? 1 : 0;
        seen.none += spec.markers.some((m) => m.mutation === 'none') ? 1 : 0;
        seen.observed += want.profiles.some((p) => p.observation !== undefined) ? 1 : 0;
        expect(JSON.stringify(b.read((r) => exportDVIDocument(r)).document)).toBe(text);
      }),
      { numRuns: 60 },
    );
    // the runs held what the property is about
    for (const [what, n] of Object.entries(seen)) expect(n, what).toBeGreaterThan(5);
  });
});

describe('.fam round trip of a programme (issue 15)', () => {
  it('own profile ids, "no mutation", equal and stepwise models, theta, remains with and without a sex come back through .fam with the same matches', async () => {
    const spec: Spec = {
      markers: [
        { weights: [1, 2, 3], first: 12, mutation: 'none' },
        { weights: [2, 1, 1, 4], first: 14, mutation: 'equal' },
        { weights: [3, 1], first: 6, mutation: 'stepwise' },
      ],
      theta: 0.01,
      families: [
        {
          layout: { sib: true, typed: ['FA', 'SIB'], ownIds: true },
          genotypes: [
            [0, 1, 2, 2, true, true, true],
            [1, 3, 0, 2, false, true, true],
            [0, 0, 1, 1, true, true, true],
          ],
          obs: undefined,
        },
        {
          layout: { sib: false, typed: ['FA', 'MO'], ownIds: false },
          genotypes: [
            [2, 2, 0, 1, true, true, true],
            [0, 1, 2, 3, true, true, false],
            [1, 1, 0, 1, true, true, true],
          ],
          obs: undefined,
        },
      ],
      remains: [
        {
          genotypes: [
            [0, 2, true],
            [1, 2, true],
            [0, 1, true],
          ],
          sex: 'male',
          obs: undefined,
        },
        {
          genotypes: [
            [2, 0, true],
            [0, 3, true],
            [1, 1, false],
          ],
          sex: undefined,
          obs: undefined,
        },
      ],
    };
    const a = build(spec);
    await searchStore(a, { recordLog10LR: -100 });
    const text = formatFamiliasFam(a.read((r) => exportFamilias(r)));
    expect(text).toContain('Kindred profile ids: FA=P-00, SIB=P-01');
    expect(text.split('\n')[1]).toBe('"(Produced by Kindred; searched without mutation: D3S1358)"');
    const b = createMemoryStore();
    const report = importBatch(b, readImportFile('programme.fam', text));
    expect(report.rejected).toEqual([]);
    await searchStore(b, { recordLog10LR: -100 });
    const want = contents(a);
    expect(want.matches.length).toBeGreaterThan(2);
    expect(want.tables[0]?.mutation).toEqual({
      D3S1358: null,
      vWA: { model: 'equal', rate: 0.005 },
      TH01: { model: 'stepwise', rate: 0.004, rate2: 1e-6, range: 0.2 },
    });
    expect(contents(b)).toEqual(want);
    expect(formatFamiliasFam(b.read((r) => exportFamilias(r)))).toBe(text);
  });
});
