/**
 * computeDVI against independent references on random incidents: every pairwise LR and every
 * family factor of two placed victims equals computeKinshipLR of H1 = the family with the
 * victims on their missing persons against H2 = the family plus the victims as unrelated
 * founders (the definition in case-format.md); the branch-and-bound top K equals a brute-force
 * enumeration of every assignment.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeDVI } from '../src/dvi/dvi.js';
import { enumerateFamilyConfigurations } from '../src/dvi/joint-configurations.js';
import { createJointContext } from '../src/dvi/joint-context.js';
import { computeDVIPairwise } from '../src/dvi/pairwise.js';
import { parseDVICase } from '../src/io/dvi-file.js';
import { type IncidentDoc, makeIncident, referenceLog10LR } from './dvi-incidents.js';

const MUTATIONS = [
  null,
  { model: 'equal', rate: 0.01 },
  { model: 'proportional', rate: 0.02 },
  { model: 'stepwise', rate: 0.01, rate2: 0.001, range: 0.5 },
  { female: { model: 'proportional', rate: 0.01 }, male: { model: 'equal', rate: 0.03 } },
];

const incident = fc
  .record({
    seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
    mutation: fc.constantFrom(...MUTATIONS),
    x: fc.boolean(),
    theta: fc.constantFrom(0, 0, 0.02),
  })
  .map(({ seed, mutation, x, theta }) =>
    makeIncident(seed, { mutation, xLocus: x && theta === 0, theta: x ? 0 : theta }),
  );

function sexOf(doc: IncidentDoc, m: string): string {
  for (const f of doc.families)
    for (const row of f.pedigree) if (row.id === m && 'sex' in row) return row.sex;
  throw new Error(`no ${m}`);
}

function expectLog10(got: number | null, want: number | null): void {
  if (want === null) expect(got).toBeNull();
  else {
    expect(got).not.toBeNull();
    expect(Math.abs(got! - want)).toBeLessThanOrEqual(1e-9);
  }
}

describe('computeDVI pairwise', () => {
  it('pairwise[v][m] equals the kinship LR of "v is m" vs "v unrelated" (random incidents)', () => {
    fc.assert(
      fc.property(incident, (doc) => {
        const result = computeDVI(parseDVICase(doc));
        doc.families.forEach((fam, fi) => {
          for (const m of fam.missing) {
            for (const v of Object.keys(doc.victims)) {
              const got = result.pairwise.get(v)!;
              const vs = doc.victimSex[v];
              if (vs !== undefined && vs !== sexOf(doc, m)) {
                expect(got.has(m)).toBe(false);
                continue;
              }
              expectLog10(got.get(m)!, referenceLog10LR(doc, fi, [[m, v]]));
            }
          }
        });
      }),
      { numRuns: 60 },
    );
  });
});

describe('enumerateFamilyConfigurations', () => {
  it('a two-victim family factor equals the kinship LR with both placed vs both unrelated', () => {
    fc.assert(
      fc.property(
        incident.filter((d) => d.families.some((f) => f.missing.length > 1)),
        (doc) => {
          const ctx = createJointContext(parseDVICase(doc));
          const pw = computeDVIPairwise(ctx);
          ctx.families.forEach((f, fi) => {
            if (f.missing.length < 2) return;
            for (const c of enumerateFamilyConfigurations(ctx, fi, pw)) {
              if (c.placements.length < 2) continue;
              const pairs = c.placements.map(
                (p) => [ctx.missing[p.missing]!.id, ctx.victimIds[p.victim]!] as const,
              );
              expectLog10(c.logLR / Math.LN10, referenceLog10LR(doc, fi, pairs));
            }
          });
        },
      ),
      { numRuns: 40 },
    );
  });
});

/** Every sex-consistent assignment with nonzero pairwise LRs, with its reference joint log10 LR. */
function bruteForce(doc: IncidentDoc): { key: string; log10LR: number }[] {
  const victims = Object.keys(doc.victims);
  const missing = doc.families.flatMap((f, fi) => f.missing.map((m) => ({ m, fi })));
  const cache = new Map<string, number | null>();
  const factor = (fi: number, pairs: [string, string][]): number | null => {
    const key = `${fi}:${JSON.stringify(pairs)}`;
    if (!cache.has(key)) cache.set(key, referenceLog10LR(doc, fi, pairs));
    return cache.get(key)!;
  };
  const out: { key: string; log10LR: number }[] = [];
  const assign = (i: number, chosen: (string | null)[]): void => {
    if (i === victims.length) {
      let total = 0;
      for (let fi = 0; fi < doc.families.length; fi++) {
        const pairs = doc.families[fi]!.missing.flatMap((m) => {
          const k = chosen.indexOf(m);
          return k < 0 ? [] : [[m, victims[k]!] as [string, string]];
        });
        if (pairs.length === 0) continue;
        if (pairs.some((p) => factor(fi, [p]) === null)) return;
        const f = factor(fi, pairs);
        if (f === null) return;
        total += f;
      }
      out.push({ key: JSON.stringify(chosen), log10LR: total });
      return;
    }
    assign(i + 1, [...chosen, null]);
    const vs = doc.victimSex[victims[i]!];
    for (const { m } of missing) {
      if (chosen.includes(m) || (vs !== undefined && vs !== sexOf(doc, m))) continue;
      assign(i + 1, [...chosen, m]);
    }
  };
  assign(0, []);
  return out.sort((a, b) => b.log10LR - a.log10LR);
}

describe('computeDVI joint', () => {
  it('the branch-and-bound top K equals brute-force enumeration of all assignments', () => {
    fc.assert(
      fc.property(incident, fc.integer({ min: 1, max: 12 }), (doc, top) => {
        const brute = bruteForce(doc);
        const result = computeDVI(parseDVICase(doc), { top });
        const victims = Object.keys(doc.victims);
        expect(result.joint.length).toBe(Math.min(top, brute.length));
        const byKey = new Map(brute.map((b) => [b.key, b.log10LR]));
        result.joint.forEach((j, i) => {
          // ties may come in any order: compare the i-th value, and the assignment's own value
          expect(Math.abs(j.log10LR - brute[i]!.log10LR)).toBeLessThanOrEqual(1e-9);
          const key = JSON.stringify(victims.map((v) => j.assignment.get(v) ?? null));
          expect(Math.abs(byKey.get(key)! - j.log10LR)).toBeLessThanOrEqual(1e-9);
        });
      }),
      { numRuns: 40 },
    );
  });
});

describe('computeDVI pairings', () => {
  it('posteriors and GLRs equal brute-force enumeration of all assignments (random incidents)', () => {
    fc.assert(
      fc.property(incident, (doc) => {
        const brute = bruteForce(doc);
        const result = computeDVI(parseDVICase(doc));
        const victims = Object.keys(doc.victims);
        const assigned = brute.map((b) => JSON.parse(b.key) as (string | null)[]);
        const top = brute[0]!.log10LR;
        const z = brute.reduce((s, b) => s + 10 ** (b.log10LR - top), 0);
        expect(result.pairings).not.toBeNull();
        victims.forEach((v, vi) => {
          const row = result.pairings!.get(v)!;
          const want = [...result.pairwise.get(v)!.keys(), '*'];
          expect([...row.keys()]).toEqual(want);
          let sum = 0;
          for (const [m, c] of row) {
            const is = (a: (string | null)[]): boolean => (a[vi] ?? '*') === m;
            const withM = brute.filter((_, i) => is(assigned[i]!));
            const withoutM = brute.filter((_, i) => !is(assigned[i]!));
            const p = withM.reduce((s, b) => s + 10 ** (b.log10LR - top), 0) / z;
            expect(Math.abs(c.posterior - p)).toBeLessThanOrEqual(1e-9);
            sum += c.posterior;
            if (withM.length === 0) expect(c.log10GLR).toBe(Number.NEGATIVE_INFINITY);
            else if (withoutM.length === 0) expect(c.log10GLR).toBe(Number.POSITIVE_INFINITY);
            else
              expect(
                Math.abs(c.log10GLR - (withM[0]!.log10LR - withoutM[0]!.log10LR)),
              ).toBeLessThanOrEqual(1e-8);
          }
          expect(Math.abs(sum - 1)).toBeLessThanOrEqual(1e-12);
        });
      }),
      { numRuns: 40 },
    );
  });

  it('refuses a missing person called "*" (the key of "not identified"), naming the family', () => {
    const doc = makeIncident(7, { shapes: ['trio'] });
    const f = doc.families[0]!;
    const old = f.missing[0]!;
    const rename = (s: string): string => (s === old ? '*' : s);
    const renamed = JSON.parse(
      JSON.stringify(doc, (k, val: unknown) =>
        typeof val === 'string' && ['id', 'father', 'mother', 'sameAs'].includes(k)
          ? rename(val)
          : val,
      ),
    ) as IncidentDoc;
    renamed.families[0]!.missing = f.missing.map(rename);
    expect(() => computeDVI(parseDVICase(renamed))).toThrow(
      new RegExp(`Family "${f.name}": a missing person may not be called "\\*"`),
    );
  });
});

describe('computeDVI refusals', () => {
  it('a likelihood over the compute budget is refused naming the family and the locus (issue 18)', () => {
    const doc = JSON.parse(
      readFileSync(
        join(import.meta.dirname, '..', 'fixtures', 'conformance', 'dvi', 'dvi-pub-8v-5f.json'),
        'utf8',
      ),
    ) as IncidentDoc;
    for (const budget of [{ maxTableSize: 2 }, { maxWork: 10 }]) {
      let caught: unknown;
      try {
        computeDVI(parseDVICase(doc), { budget });
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(Error);
      const e = caught as { code: string; message: string; path: unknown[] };
      expect(e.code).toBe('TOO_COMPLEX');
      const names = doc.families.map((f) => f.name).join('|');
      const loci = doc.loci.map((l) => l.name).join('|');
      expect(e.message).toMatch(
        new RegExp(
          `^(Family "(${names})"|Victim "[^"]+"), locus "(${loci})": Exact computation refused`,
        ),
      );
      expect(e.path[0]).toMatch(/^(families|victims)$/);
    }
  });
});
