import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCase, parseCase, safeParseCase } from '../src/io/case-file.js';
import { formatDVICase, parseDVICase } from '../src/io/dvi-file.js';
import { validateCaseText } from '../src/io/validate-case.js';
import type { KinshipCase } from '../src/relationships/types.js';

// The conformance inputs (fixtures/conformance/README.md: 97 kindred-case/1, 6 kindred-dvi/1).
const root = fileURLToPath(new URL('../fixtures/conformance/', import.meta.url));
const files = (dir: string) =>
  readdirSync(root + dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ name: `${dir}/${f}`, text: readFileSync(`${root}${dir}/${f}`, 'utf8') }));
const lrFiles = files('lr');
const dviFiles = files('dvi');

describe('conformance fixtures', () => {
  it('fixtures/conformance holds 97 lr and 6 dvi files', () => {
    expect([lrFiles.length, dviFiles.length]).toEqual([97, 6]);
  });

  it.each(lrFiles)('validateCaseText($name) has no issues', ({ name, text }) => {
    const report = validateCaseText(text, name);
    expect(report.summary).toMatch(/^ok: kindred-case\/1 /);
  });

  it.each(dviFiles)('validateCaseText($name) has no issues', ({ name, text }) => {
    expect(validateCaseText(text, name).summary).toMatch(/^ok: kindred-dvi\/1 /);
  });

  it('every fixture reads back equal after formatCase / formatDVICase', () => {
    for (const { text } of lrFiles) {
      const c = parseCase(text);
      expect(parseCase(formatCase(c))).toEqual(c);
    }
    for (const { text } of dviFiles) {
      const c = parseDVICase(text);
      expect(parseDVICase(formatDVICase(c))).toEqual(c);
    }
  });
});

// ---- random valid cases -------------------------------------------------------------------

type Row = {
  id: string;
  father?: string | null;
  mother?: string | null;
  sex?: string;
  sameAs?: string;
};
type Doc = {
  format: string;
  id: string;
  theta: number;
  loci: unknown[];
  hypotheses: { name: string; pedigree: Row[] }[];
  reference: string;
  genotypes: Record<string, Record<string, string[]>>;
};

const AUTO = { name: 'A1', alleles: ['9', '9.3', '10', '11'], frequencies: [0.1, 0.2, 0.3, 0.4] };
const XLOC = {
  name: 'X1',
  alleles: ['12', '13', '14'],
  frequencies: [0.5, 0.25, 0.25],
  chromosome: 'X',
};
const mutations = [
  null,
  { model: 'equal', rate: 0.01 },
  { model: 'stepwise', rate: 0.002, rate2: 1e-6, range: 0.1 },
  { female: { model: 'proportional', rate: 0.001 }, male: { model: 'equal', rate: 0.003 } },
  {
    model: 'custom',
    matrix: [
      [0.97, 0.01, 0.01, 0.01],
      [0, 1, 0, 0],
      [0, 0, 1, 0],
      [0, 0, 0.5, 0.5],
    ],
  },
];

/**
 * A random valid kindred-case/1 document: people P0..Pn-1 whose parents (when present) are an
 * earlier male and an earlier female, sameAs rows S0.. pointing at ordinary people, random
 * genotypes that obey the X rules; H1 is that pedigree, H2 has everyone as a founder.
 */
const arbDoc: fc.Arbitrary<Doc> = fc
  .record({
    people: fc.array(
      fc.record({ male: fc.boolean(), pa: fc.nat(), ma: fc.nat(), kid: fc.boolean() }),
      { minLength: 1, maxLength: 7 },
    ),
    twins: fc.array(fc.nat(), { maxLength: 2 }),
    typed: fc.array(fc.record({ on: fc.boolean(), a: fc.nat(), b: fc.nat(), one: fc.boolean() }), {
      minLength: 9,
      maxLength: 9,
    }),
    mutation: fc.constantFrom(...mutations),
    withX: fc.boolean(),
    theta: fc.constantFrom(0, 0.01, 0.03),
  })
  .map(({ people, twins, typed, mutation, withX, theta }) => {
    const rows: Row[] = [];
    const sex: string[] = [];
    people.forEach((p, i) => {
      const males = rows.filter((_, j) => sex[j] === 'male').map((r) => r.id);
      const females = rows.filter((_, j) => sex[j] === 'female').map((r) => r.id);
      const parents = p.kid && males.length > 0 && females.length > 0;
      sex.push(p.male ? 'male' : 'female');
      rows.push({
        id: `P${i}`,
        father: parents ? males[p.pa % males.length]! : null,
        mother: parents ? females[p.ma % females.length]! : null,
        sex: sex[i]!,
      });
    });
    twins.forEach((t, k) => {
      rows.push({ id: `S${k}`, sameAs: `P${t % people.length}` });
      sex.push(sex[t % people.length]!);
    });
    const genotypes: Doc['genotypes'] = {};
    rows.forEach((r, i) => {
      const g = typed[i];
      if (!g?.on) return;
      const auto = [AUTO.alleles[g.a % 4]!, AUTO.alleles[g.b % 4]!];
      const x = XLOC.alleles[g.a % 3]!;
      const xg = sex[i] === 'male' ? (g.one ? [x] : [x, x]) : [x, XLOC.alleles[g.b % 3]!];
      genotypes[r.id] = withX ? { A1: auto, X1: xg } : { A1: auto };
    });
    const founders = rows.map((r, i) => ({ id: r.id, father: null, mother: null, sex: sex[i]! }));
    return {
      format: 'kindred-case/1',
      id: 'random',
      theta: withX ? 0 : theta,
      loci: withX ? [{ ...AUTO, mutation }, XLOC] : [{ ...AUTO, mutation }],
      hypotheses: [
        { name: 'H1', pedigree: rows },
        { name: 'H2', pedigree: founders },
      ],
      reference: 'H2',
      genotypes,
    };
  });

/** Ids of every row of every hypothesis. */
const idsOf = (doc: Doc) => [
  ...new Set(doc.hypotheses.flatMap((h) => h.pedigree.map((r) => r.id))),
];

function renameDoc(doc: Doc, rename: (id: string) => string): Doc {
  const row = (r: Row): Row =>
    r.sameAs !== undefined
      ? { id: rename(r.id), sameAs: rename(r.sameAs) }
      : {
          id: rename(r.id),
          father: r.father ? rename(r.father) : null,
          mother: r.mother ? rename(r.mother) : null,
          sex: r.sex!,
        };
  return {
    ...doc,
    hypotheses: doc.hypotheses.map((h) => ({ name: h.name, pedigree: h.pedigree.map(row) })),
    genotypes: Object.fromEntries(Object.entries(doc.genotypes).map(([p, g]) => [rename(p), g])),
  };
}

/** Each hypothesis as id -> [father id, mother id, sex, sameAs id]: the shape, independent of row order. */
function shape(c: KinshipCase, back: (id: string) => string = (x) => x) {
  return c.hypotheses.map((h) => {
    const p = h.pedigree;
    const name = (i: number) => (i < 0 ? null : back(p.ids[i]!));
    return new Map(
      p.ids.map((id, i) => [
        back(id),
        [name(p.father[i]!), name(p.mother[i]!), p.sex[i], name(p.sameAs[i]!)],
      ]),
    );
  });
}

const arbNames = fc.uniqueArray(
  fc.oneof(
    fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'P0'),
    fc.string({ minLength: 1, maxLength: 6 }),
  ),
  { minLength: 9, maxLength: 9 },
);

describe('case properties (fast-check)', () => {
  it('random valid cases parse, and parse(formatCase(c)) equals c', () => {
    fc.assert(
      fc.property(arbDoc, (doc) => {
        const c = parseCase(doc);
        expect(parseCase(formatCase(c))).toEqual(c);
      }),
    );
  });

  it('relabelling people by an injective renaming gives the same pedigree shape and genotypes', () => {
    fc.assert(
      fc.property(arbDoc, arbNames, (doc, names) => {
        const ids = idsOf(doc);
        const to = new Map(ids.map((id, k) => [id, names[k]!]));
        const from = new Map(ids.map((id, k) => [names[k]!, id]));
        const renamed = parseCase(renameDoc(doc, (id) => to.get(id)!));
        const original = parseCase(doc);
        expect(shape(renamed, (id) => from.get(id)!)).toEqual(shape(original));
        const genotypesBack = new Map([...renamed.genotypes].map(([p, g]) => [from.get(p)!, g]));
        expect(genotypesBack).toEqual(original.genotypes);
        expect(Object.getPrototypeOf({})).toBe(Object.prototype);
      }),
    );
  });

  it('permuting pedigree rows keeps the case valid and the pedigree shape unchanged', () => {
    fc.assert(
      fc.property(arbDoc, fc.array(fc.nat(), { minLength: 9, maxLength: 9 }), (doc, keys) => {
        const permuted = {
          ...doc,
          hypotheses: doc.hypotheses.map((h) => ({
            name: h.name,
            pedigree: h.pedigree
              .map((r, i) => ({ r, k: keys[i]! }))
              .sort((a, b) => a.k - b.k)
              .map(({ r }) => r),
          })),
        };
        expect(safeParseCase(permuted).success).toBe(true);
        expect(shape(parseCase(permuted))).toEqual(shape(parseCase(doc)));
      }),
    );
  });

  it('a random case with one relabelled parent pointing nowhere is refused as INVALID_PEDIGREE', () => {
    fc.assert(
      fc.property(arbDoc, (doc) => {
        const child = doc.hypotheses[0]!.pedigree.findIndex((r) => typeof r.father === 'string');
        fc.pre(child >= 0);
        const broken = structuredClone(doc);
        broken.hypotheses[0]!.pedigree[child]!.father = 'nobody';
        const r = safeParseCase(broken);
        expect(r.success).toBe(false);
        if (!r.success)
          expect(r.issues[0]?.path).toEqual(['hypotheses', 0, 'pedigree', child, 'father']);
      }),
    );
  });
});
