/**
 * Direct matching (src/dvi/direct-match.ts) against the engine: every per-locus LR equals
 * `computeKinshipLR` on the pair as a kinship case (H1: B sameAs A; H2: A and B unrelated
 * founders) and the independent brute-force oracle, with degraded samples, silent alleles, X loci
 * and theta; plus hand-worked closed forms and the listing rules.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeDirectMatch,
  type DirectProfile,
  findDirectMatches,
} from '../src/dvi/direct-match.js';
import type { Locus } from '../src/frequencies/locus.js';
import { parseCase } from '../src/io/case-file.js';
import { computeKinshipLR } from '../src/relationships/kinship-lr.js';
import { oracleLikelihood, specObservation } from './helpers/degraded-oracle.js';
import { expectError } from './helpers/expect-error.js';

type Seen = { readonly seen: string[]; readonly d: number; readonly c: number } | null;

/** A random pair of samples over 1–3 loci, one sex, with drop-out, drop-in and silent alleles. */
const arbPair = fc
  .record({
    male: fc.boolean(),
    theta: fc.constantFrom(0, 0, 0.05),
    loci: fc.array(
      fc.record({
        nAlleles: fc.integer({ min: 2, max: 4 }),
        silent: fc.boolean(),
        x: fc.boolean(),
        weights: fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 5, maxLength: 5 }),
        typing: fc.array(
          fc.record({
            typed: fc.constantFrom(true, true, true, false),
            a: fc.nat(),
            b: fc.option(fc.nat(), { nil: undefined }),
          }),
          { minLength: 2, maxLength: 2 },
        ),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    obs: fc.array(
      fc.record({ d: fc.constantFrom(0, 0, 0.2, 0.5), c: fc.constantFrom(0, 0, 0.1) }),
      { minLength: 2, maxLength: 2 },
    ),
  })
  .map((r) => {
    const anyX = r.loci.some((l) => l.x);
    const theta = anyX ? 0 : r.theta;
    const sex = r.male ? ('male' as const) : ('female' as const);
    const loci = r.loci.map((l, li) => {
      const labels = Array.from({ length: l.nAlleles }, (_, i) => `${10 + i}`);
      const alleles = l.silent ? [...labels, 'silent'] : labels;
      const w = l.weights.slice(0, alleles.length);
      const total = w.reduce((a, b) => a + b, 0);
      const seen: Seen[] = l.typing.map((t, s) => {
        if (!t.typed) return null;
        const set = [labels[t.a % labels.length]!];
        if (t.b !== undefined) set.push(labels[t.b % labels.length]!);
        const distinct = [...new Set(set)];
        const o = r.obs[s]!;
        if (l.x && r.male && distinct.length === 2 && o.c === 0) distinct.pop();
        return { seen: distinct, d: o.d, c: o.c };
      });
      return {
        name: `L${li}`,
        alleles,
        frequencies: w.map((x) => x / total),
        chromosome: l.x ? ('X' as const) : ('autosomal' as const),
        mutation: null,
        seen,
      };
    });
    return { theta, sex, loci, obs: r.obs };
  });

type Pair = ReturnType<(typeof arbPair)['generate']>['value'];

function toLoci(p: Pair): Locus[] {
  return p.loci.map(({ seen: _s, ...l }) => l);
}

function toProfile(p: Pair, s: 0 | 1): DirectProfile {
  const id = s === 0 ? 'A' : 'B';
  const o = p.obs[s]!;
  return {
    id,
    sex: p.sex,
    genotypes: new Map(p.loci.flatMap((l) => (l.seen[s] ? [[l.name, l.seen[s]!.seen]] : []))),
    ...(o.d > 0 || o.c > 0 ? { observation: { dropout: o.d, dropin: o.c } } : {}),
  };
}

/** The pair as a kinship case document: H1 B sameAs A, H2 A and B unrelated founders. */
function pairCase(p: Pair): unknown {
  const genotypes: Record<string, Record<string, string[]>> = { A: {}, B: {} };
  for (const l of p.loci) {
    if (l.seen[0]) genotypes.A![l.name] = l.seen[0].seen;
    if (l.seen[1]) genotypes.B![l.name] = l.seen[1].seen;
  }
  const observation: Record<string, { dropout: number; dropin: number }> = {};
  p.obs.forEach((o, s) => {
    if (o.d > 0 || o.c > 0) observation[s === 0 ? 'A' : 'B'] = { dropout: o.d, dropin: o.c };
  });
  return {
    format: 'kindred-case/1',
    id: 'pair',
    theta: p.theta,
    loci: toLoci(p),
    hypotheses: [
      {
        name: 'same',
        pedigree: [
          { id: 'A', father: null, mother: null, sex: p.sex },
          { id: 'B', sameAs: 'A' },
        ],
      },
      {
        name: 'unrelated',
        pedigree: [
          { id: 'A', father: null, mother: null, sex: p.sex },
          { id: 'B', father: null, mother: null, sex: p.sex },
        ],
      },
    ],
    reference: 'unrelated',
    genotypes,
    observation,
  };
}

const close = (got: number, want: number): void => {
  if (want === 0) expect(got).toBe(0);
  else expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-9 * Math.abs(want));
};

describe('computeDirectMatch equals the engine on the pair case (fast-check)', () => {
  it('per-locus LR = computeKinshipLR(B sameAs A vs unrelated) to 1e-9, degraded, silent, X, theta', () => {
    fc.assert(
      fc.property(arbPair, (p) => {
        const engine = computeKinshipLR(parseCase(pairCase(p))).hypotheses[0]!;
        const got = computeDirectMatch(toLoci(p), toProfile(p, 0), toProfile(p, 1), {
          theta: p.theta,
        });
        for (const l of p.loci) {
          const want = engine.loci.get(l.name)!.lr;
          if (l.seen[0] === null || l.seen[1] === null) {
            expect(got.loci.has(l.name)).toBe(false);
            close(want, 1); // typed in one sample only: the engine's LR is 1 as well
          } else close(got.loci.get(l.name)!, want);
        }
        if (engine.log10LR === null) expect(got.log10LR).toBeNull();
        else expect(Math.abs(got.log10LR! - engine.log10LR)).toBeLessThanOrEqual(1e-9);
      }),
      { numRuns: 300 },
    );
  });

  it('per-locus LR = brute-force oracle ratio (independent of the engine)', () => {
    fc.assert(
      fc.property(arbPair, (p) => {
        const got = computeDirectMatch(toLoci(p), toProfile(p, 0), toProfile(p, 1), {
          theta: p.theta,
        });
        for (const l of p.loci) {
          const [sa, sb] = l.seen;
          if (!sa || !sb) continue;
          const seen = new Map([
            ['A', sa.seen],
            ['B', sb.seen],
          ]);
          const obs = new Map([
            ['A', [sa.d, sa.c] as const],
            ['B', [sb.d, sb.c] as const],
          ]);
          const locus = {
            alleles: l.alleles,
            frequencies: l.frequencies,
            x: l.chromosome === 'X',
            male: null,
            female: null,
          };
          const founder = (id: string) => ({ id, father: null, mother: null, sex: p.sex });
          const l1 = oracleLikelihood(
            [founder('A'), { id: 'B', sameAs: 'A' }],
            locus,
            p.theta,
            seen,
            obs,
          );
          const l2 = oracleLikelihood([founder('A'), founder('B')], locus, p.theta, seen, obs);
          close(got.loci.get(l.name)!, l1 / l2);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('E[LR | unrelated] = 1 for direct matching (degraded-dna.md consequence)', () => {
  it('Σ over every observation E_B of P(E_B)·LR(A, E_B), plus P(B blank) (read as untyped: LR 1), is 1 (B with drop-out, A with both)', () => {
    fc.assert(
      fc.property(
        fc.record({
          n: fc.integer({ min: 2, max: 4 }),
          w: fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 4, maxLength: 4 }),
          a: fc.array(fc.nat(3), { minLength: 1, maxLength: 2 }),
          da: fc.constantFrom(0, 0.3),
          ca: fc.constantFrom(0, 0.1),
          db: fc.constantFrom(0, 0.25, 0.6),
        }),
        ({ n, w, a, da, ca, db }) => {
          // B without drop-in: the spec's P(E | G) then sums to 1 over every E, blank included
          // (with drop-in it does not: a drop-in of an allele G carries is not counted, LRmix).
          const cb = 0;
          const labels = Array.from({ length: n }, (_, i) => `${10 + i}`);
          const total = w.slice(0, n).reduce((x, y) => x + y, 0);
          const freqs = w.slice(0, n).map((x) => x / total);
          const locus: Locus = {
            name: 'L',
            alleles: labels,
            frequencies: freqs,
            chromosome: 'autosomal',
            mutation: null,
          };
          const A = prof(
            'A',
            { L: [...new Set(a.map((k) => labels[k % n]!))] },
            { observation: { dropout: da, dropin: ca } },
          );
          const freq = (x: string) => freqs[labels.indexOf(x)]!;
          // P(E_B) of an unrelated person, from the spec's P(E | G) (independent of the library).
          const pE = (seen: readonly string[]): number => {
            let p = 0;
            for (let i = 0; i < n; i++)
              for (let j = i; j < n; j++) {
                const pg = (i === j ? 1 : 2) * freqs[i]! * freqs[j]!;
                p += pg * specObservation([labels[i]!, labels[j]!], new Set(seen), db, cb, freq);
              }
            return p;
          };
          let sum = pE([]);
          const sets: string[][] = [];
          for (let i = 0; i < n; i++) {
            sets.push([labels[i]!]);
            for (let j = i + 1; j < n; j++) sets.push([labels[i]!, labels[j]!]);
          }
          for (const seen of sets) {
            const p = pE(seen);
            if (p === 0) continue;
            const B = prof('B', { L: seen }, { observation: { dropout: db, dropin: cb } });
            const lr = computeDirectMatch([locus], A, B).loci.get('L')!;
            sum += p * lr;
          }
          expect(Math.abs(sum - 1)).toBeLessThan(1e-12);
        },
      ),
      { numRuns: 200 },
    );
  });
});

const D1: Locus = {
  name: 'D1',
  alleles: ['14', '15', '16'],
  frequencies: [0.2, 0.3, 0.5],
  chromosome: 'autosomal',
  mutation: null,
};
const prof = (
  id: string,
  g: Record<string, string[]>,
  extra: Partial<DirectProfile> = {},
): DirectProfile => ({ id, genotypes: new Map(Object.entries(g)), ...extra });

describe('computeDirectMatch closed forms', () => {
  it('two hard 14/15 genotypes: 1 / (2·p14·p15) = 8.333…; different genotypes: 0', () => {
    const r = computeDirectMatch(
      [D1],
      prof('A', { D1: ['14', '15'] }),
      prof('B', { D1: ['15', '14'] }),
    );
    expect(r.loci.get('D1')).toBeCloseTo(1 / (2 * 0.2 * 0.3), 12);
    const x = computeDirectMatch([D1], prof('A', { D1: ['14', '15'] }), prof('B', { D1: ['14'] }));
    expect(x.loci.get('D1')).toBe(0);
    expect(x.log10LR).toBeNull();
  });

  it('seen {14} with drop-out d against hard 14/15: f_B(14/15) / m_B = (1−d)d / ((1−d²)p14² + (1−d)d·2p14(1−p14))', () => {
    const d = 0.3;
    const r = computeDirectMatch(
      [D1],
      prof('A', { D1: ['14', '15'] }),
      prof('B', { D1: ['14'] }, { observation: { dropout: d, dropin: 0 } }),
    );
    const p = 0.2;
    const want = ((1 - d) * d) / ((1 - d * d) * p * p + (1 - d) * d * 2 * p * (1 - p));
    expect(Math.abs(r.loci.get('D1')! - want)).toBeLessThan(1e-12 * want);
  });

  it('a locus typed in one sample only is not compared (contributes 1)', () => {
    const r = computeDirectMatch([D1], prof('A', { D1: ['14'] }), prof('B', {}));
    expect(r.loci.size).toBe(0);
    expect(r.log10LR).toBe(0);
  });

  it('refuses different sexes, unknown loci, silent seen, and X without any sex', () => {
    expectError(
      () =>
        computeDirectMatch([D1], prof('A', {}, { sex: 'male' }), prof('B', {}, { sex: 'female' })),
      'INVALID_ARGUMENT',
      [],
      'different sexes',
    );
    expectError(
      () => computeDirectMatch([D1], prof('A', { TH01: ['6'] }), prof('B', {})),
      'INVALID_GENOTYPE',
      ['A', 'TH01'],
      'not among the loci compared',
    );
    const X: Locus = { ...D1, name: 'X1', chromosome: 'X' };
    expectError(
      () => computeDirectMatch([X], prof('A', { X1: ['14'] }), prof('B', { X1: ['14'] })),
      'UNSUPPORTED',
      [],
      'neither has a known sex',
    );
    expectError(
      () => computeDirectMatch([D1], prof('A', { D1: ['14'] }), prof('B', {}), { theta: 1 }),
      'INVALID_ARGUMENT',
      [],
      'theta',
    );
  });
});

describe('findDirectMatches', () => {
  const loci: Locus[] = [
    D1,
    { ...D1, name: 'D2', alleles: ['8', '9', '10', '11'], frequencies: [0.1, 0.2, 0.3, 0.4] },
  ];
  const V1 = prof('V1', { D1: ['14', '15'], D2: ['8', '9'] });
  const V2 = prof('V2', { D1: ['14', '16'], D2: ['10', '11'] });
  const V3 = prof(
    'V3',
    { D1: ['14'], D2: ['8', '9'] },
    { observation: { dropout: 0.4, dropin: 0 } },
  );
  const S1 = prof('S1', { D1: ['14', '16'], D2: ['10', '11'] });

  it('lists each pair at or above the threshold, best first, with loci, exclusions and discordant loci', () => {
    const r = findDirectMatches(loci, [V1, V2, V3], { threshold: 1, elimination: [S1] });
    expect(r.compared).toBe(3 + 3);
    expect(r.matches.map((m) => [m.kind, m.a, m.b])).toEqual([
      ['remains', 'V1', 'V3'],
      ['elimination', 'V2', 'S1'],
    ]);
    const v13 = r.matches[0]!;
    expect(v13.loci).toBe(2);
    expect(v13.discordant).toEqual(['D1']);
    expect(v13.excluded).toEqual([]);
    const one = computeDirectMatch(loci, V1, V3);
    expect(v13.log10LR).toBe(one.log10LR);
    // V2 = S1 exactly: 1 / (2·0.2·0.5) · 1 / (2·0.3·0.4)
    expect(r.matches[1]!.log10LR).toBeCloseTo(Math.log10(5 * (1 / 0.24)), 12);
  });

  it('threshold 0 lists every compared pair, exclusions (log10LR null) last with their loci', () => {
    const r = findDirectMatches(loci, [V1, V2, V3], { threshold: 0 });
    expect(r.matches).toHaveLength(3);
    const v12 = r.matches.find((m) => m.a === 'V1' && m.b === 'V2')!;
    expect(v12.log10LR).toBeNull();
    expect(v12.excluded).toEqual(['D1', 'D2']);
    const nulls = r.matches.map((m) => m.log10LR === null);
    expect(nulls).toEqual([...nulls].sort((x, y) => Number(x) - Number(y)));
  });

  it('pairs whose known sexes differ are not compared', () => {
    const r = findDirectMatches(
      loci,
      [
        { ...V1, sex: 'male' },
        { ...V3, sex: 'female' },
      ],
      { threshold: 0 },
    );
    expect(r.compared).toBe(0);
    expect(r.matches).toEqual([]);
  });

  it("an X locus of a pair without any known sex: refused, or left out and named with xWithoutSex 'leave out'", () => {
    const X: Locus = { ...D1, name: 'X1', chromosome: 'X' };
    const a = prof('A', { D1: ['14', '15'], X1: ['14'] });
    const b = prof('B', { D1: ['14', '15'], X1: ['16'] });
    expectError(
      () => findDirectMatches([D1, X], [a, b], { threshold: 0 }),
      'UNSUPPORTED',
      [],
      'neither has a known sex',
    );
    const r = findDirectMatches([D1, X], [a, b], { threshold: 0, xWithoutSex: 'leave out' });
    expect(r.matches[0]).toMatchObject({ loci: 1, leftOut: ['X1'], excluded: [], discordant: [] });
    expect(r.matches[0]!.log10LR).toBeCloseTo(Math.log10(1 / (2 * 0.2 * 0.3)), 12);
    // With one known sex the X locus is compared (as that sex): 14 vs 16 excludes.
    const s = findDirectMatches([D1, X], [{ ...a, sex: 'male' }, b], { threshold: 0 });
    expect(s.matches[0]).toMatchObject({ loci: 2, leftOut: [], excluded: ['X1'], log10LR: null });
  });

  it('the refusal of an unsexed X locus does not depend on an earlier locus excluding the pair', () => {
    const X: Locus = { ...D1, name: 'X1', chromosome: 'X' };
    // D1 excludes the pair (14/15 against 16/16) before X1 is reached, with a threshold above 0
    // (the loop stops at the first exclusion): it used to pass here and throw when D1 matched.
    const a = prof('A', { D1: ['14', '15'], X1: ['14'] });
    const b = prof('B', { D1: ['16'], X1: ['14'] });
    expectError(
      () => findDirectMatches([D1, X], [a, b], { threshold: 100 }),
      'UNSUPPORTED',
      [],
      'neither has a known sex',
    );
  });

  it('refuses a duplicate id and a bad threshold', () => {
    expectError(
      () => findDirectMatches(loci, [V1], { elimination: [{ ...S1, id: 'V1' }] }),
      'INVALID_ARGUMENT',
      [],
      'given twice',
    );
    expectError(
      () => findDirectMatches(loci, [V1], { threshold: -1 }),
      'INVALID_ARGUMENT',
      [],
      'threshold',
    );
  });

  it('equals computeDirectMatch for every pair (fast-check over random remains sets)', () => {
    const arbSample = fc.record({
      g1: fc.option(fc.tuple(fc.nat(2), fc.nat(2)), { nil: undefined }),
      g2: fc.option(fc.tuple(fc.nat(3), fc.nat(3)), { nil: undefined }),
      d: fc.constantFrom(0, 0, 0.3),
      c: fc.constantFrom(0, 0.05),
    });
    fc.assert(
      fc.property(fc.array(arbSample, { minLength: 2, maxLength: 6 }), (xs) => {
        const samples = xs.map((x, i): DirectProfile => {
          const g: Record<string, string[]> = {};
          if (x.g1) g.D1 = [...new Set(x.g1.map((k) => loci[0]!.alleles[k]!))];
          if (x.g2) g.D2 = [...new Set(x.g2.map((k) => loci[1]!.alleles[k]!))];
          return prof(
            `V${i}`,
            g,
            x.d > 0 || x.c > 0 ? { observation: { dropout: x.d, dropin: x.c } } : {},
          );
        });
        const r = findDirectMatches(loci, samples, { threshold: 0 });
        expect(r.matches).toHaveLength((samples.length * (samples.length - 1)) / 2);
        for (const m of r.matches) {
          const one = computeDirectMatch(
            loci,
            samples.find((s) => s.id === m.a)!,
            samples.find((s) => s.id === m.b)!,
          );
          expect(m.log10LR).toBe(one.log10LR);
          expect(m.loci).toBe(one.loci.size);
        }
      }),
      { numRuns: 100 },
    );
  });
});
