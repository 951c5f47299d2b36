/**
 * Fuzz test, DVI side (issue 18): small DVI conformance cases mutated by fast-check (seeded,
 * bounded) and run through `kindred dvi`, `kindred search` and `kindred validate` in-process,
 * with the rules of `test/fuzz.test.ts`: every run answers (exit 0, nothing on stderr but the
 * documented warning) or refuses (exit 1 or 2, nothing on stdout, one `kindred: CODE: …` line
 * with no raw control character, never `INTERNAL`). Mutations that cannot change the answer give
 * the answer of the unmutated case (every number equal; lists compared as sets, as victims come in
 * document order): byte-order mark, CRLF, indentation, key order, and a
 * consistent renaming of people, families, victims and hypotheses (in `kindred lr` as well).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Json, paths, setAt } from './helpers/json-paths.js';
import { runOnText } from './helpers/run-cli.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'conformance');
const load = (dir: string, f: string) => {
  const doc = JSON.parse(readFileSync(join(fixtures, dir, f), 'utf8'));
  delete doc.expected;
  delete doc.expected_tool;
  delete doc.category;
  delete doc.description;
  return doc as Json;
};
const DVI = ['dvi-pub-3v-2f-stepwise.json', 'dvi-pub-4v-3f-sexspec.json'].map((f) =>
  load('dvi', f),
);
const LR = ['pair-po-mm-01l.json', 'mp-grandparents-12l.json', 'theta01-fs-10l.json'].map((f) =>
  load('lr', f),
);

type Obj = { [k: string]: Json };

const run = runOnText;

// biome-ignore lint/suspicious/noControlCharactersInRegex: asserting their absence
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/;
/** The one warning `kindred search` gives on an accepted document (loci without a model). */
const SEARCH_WARNING = /^kindred: warning: searching without mutation at [^\n]*\n/;

function expectClean(r: { code: number; out: string; err: string }): void {
  if (r.code === 0) {
    expect(r.err.replace(SEARCH_WARNING, '')).toBe('');
    return;
  }
  expect([1, 2]).toContain(r.code);
  expect(r.out).toBe('');
  const err = r.err.replace(SEARCH_WARNING, '');
  expect(err).toMatch(/^kindred: [A-Z_]+: [^\n]*\n$/);
  expect(err).not.toMatch(/^kindred: INTERNAL:/);
  expect(err.slice(0, -1)).not.toMatch(RAW_CONTROL);
  expect(err.length).toBeLessThan(2200);
}

function expectCleanReport(r: { code: number; out: string; err: string }): void {
  expect([0, 1]).toContain(r.code);
  for (const line of `${r.out}${r.err}`.split('\n').filter((l) => l !== '')) {
    expect(line).not.toMatch(RAW_CONTROL);
    expect(line).not.toContain('INTERNAL');
    expect(line.length).toBeLessThan(2200);
  }
}

const nasty: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(
    null,
    true,
    0,
    -1,
    1e308,
    5e-324,
    1.5,
    '',
    '__proto__',
    'constructor',
    '9'.repeat(5000),
    'A\nkindred: OK: forged',
    'X\u001b[2J',
    '\ud800',
    [],
    {},
  ),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.double(),
  fc.integer(),
  fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
);

/**
 * The answer without its provenance (which records the time and the input file's digest), with
 * every array sorted (victims are listed in document order, which a key-order change moves): the
 * same multiset of entries, every number equal.
 */
function answerOf(out: string): unknown {
  const { provenance: _, ...answer } = JSON.parse(out) as Record<string, unknown>;
  return canonical(answer);
}

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) {
    return v
      .map(canonical)
      .map((x) => [JSON.stringify(x), x] as const)
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map(([, x]) => x);
  }
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(
    Object.entries(v)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, x]) => [k, canonical(x)]),
  );
}

/**
 * Rename every person, family, victim and hypothesis of a case document consistently: `prefix +
 * name` (a common prefix keeps every sort order, so ties and orders cannot move). Returns the
 * document and the map new name → old name.
 */
function renamed(doc: Json, prefix: string): { doc: Json; back: Map<string, string> } {
  const d = structuredClone(doc) as Obj;
  const names = new Map<string, string>();
  const ren = (x: Json): Json => {
    if (typeof x !== 'string') return x;
    const n = `${prefix}${x}`;
    names.set(n, x);
    return n;
  };
  const renKeys = (o: Json): Json =>
    o === null || typeof o !== 'object' || Array.isArray(o)
      ? o
      : Object.fromEntries(Object.entries(o).map(([k, v]) => [ren(k) as string, v]));
  const pedigree = (rows: Json): Json =>
    (rows as Obj[]).map((r) => ({
      ...r,
      id: ren(r.id!),
      father: ren(r.father ?? null),
      mother: ren(r.mother ?? null),
      ...(typeof r.sameAs === 'string' ? { sameAs: ren(r.sameAs) } : {}),
    }));
  if (d.format === 'kindred-case/1') {
    d.hypotheses = (d.hypotheses as Obj[]).map((h) => ({
      ...h,
      name: ren(h.name!),
      pedigree: pedigree(h.pedigree!),
    }));
    d.reference = ren(d.reference!);
    d.genotypes = renKeys(d.genotypes!);
  } else {
    d.victims = renKeys(d.victims!);
    if (d.victimSex !== undefined) d.victimSex = renKeys(d.victimSex);
    d.families = (d.families as Obj[]).map((f) => ({
      ...f,
      name: ren(f.name!),
      pedigree: pedigree(f.pedigree!),
      missing: (f.missing as Json[]).map(ren),
      genotypes: renKeys(f.genotypes!),
    }));
  }
  if (d.observation !== undefined) d.observation = renKeys(d.observation);
  return { doc: d, back: names };
}

/** The answer with every renamed name (a whole JSON string, key or value) mapped back. */
function mappedBack(v: unknown, back: ReadonlyMap<string, string>): unknown {
  const name = (s: string): string => back.get(s) ?? s;
  if (typeof v === 'string') {
    // Joint assignments and pairings may write names joined (`V1=M1 V2=M2`): map each token.
    return name(v) !== v ? name(v) : v.replace(/[^\s=,;]+/g, (t) => name(t));
  }
  if (Array.isArray(v)) return v.map((x) => mappedBack(x, back));
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(
    Object.entries(v).map(([k, x]) => [name(k), mappedBack(x, back)] as const),
  );
}

function shuffleKeys(v: Json, rnd: () => number): Json {
  if (Array.isArray(v)) return v.map((x) => shuffleKeys(x, rnd));
  if (v === null || typeof v !== 'object') return v;
  const keys = Object.keys(v).sort(() => rnd() - 0.5);
  return Object.fromEntries(keys.map((k) => [k, shuffleKeys(v[k]!, rnd)]));
}

const DVI_COMMANDS = [
  ['dvi', '-', '--quiet', '--top', '3'],
  ['search', '-', '--quiet', '--format', 'json'],
] as const;

describe('fuzz: mutated DVI conformance cases through kindred dvi, search and validate', () => {
  it('any one field replaced by a nasty value: an answer, or one clean refusal line', async () => {
    const seen = { accepted: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc
          .nat(DVI.length - 1)
          .chain((d) =>
            fc.tuple(fc.constant(d), fc.constantFrom(...paths(DVI[d]!).slice(1)), nasty),
          ),
        fc.constantFrom('dvi', 'search', 'validate'),
        async ([d, path, value], command) => {
          const text = JSON.stringify(setAt(DVI[d]!, path, value));
          if (command === 'validate') expectCleanReport(await run(['validate', '-'], text));
          else {
            const argv = command === 'dvi' ? DVI_COMMANDS[0] : DVI_COMMANDS[1];
            const r = await run([...argv], text);
            expectClean(r);
            if (r.code === 0) expect(() => JSON.parse(r.out)).not.toThrow();
            seen[r.code === 0 ? 'accepted' : 'refused'] += 1;
          }
        },
      ),
      { numRuns: 300, seed: 1800 },
    );
    expect(seen.refused).toBeGreaterThan(10);
  });

  it('a genotype allele replaced by another allele of its locus: always answered (exit 0, JSON), never refused', async () => {
    /** Every (path to one allele of a genotype, the locus's alleles) of a DVI document. */
    const slots = (doc: Json) => {
      const d = doc as Obj;
      const alleles = new Map(
        (d.loci as Obj[]).map((l) => [l.name as string, l.alleles as string[]] as const),
      );
      const out: { path: (string | number)[]; alleles: string[] }[] = [];
      const add = (at: (string | number)[], byLocus: Json) => {
        for (const [locus, g] of Object.entries(byLocus as Obj))
          (g as Json[]).forEach((_, k) => {
            out.push({ path: [...at, locus, k], alleles: alleles.get(locus)! });
          });
      };
      for (const [v, g] of Object.entries(d.victims as Obj)) add(['victims', v], g);
      (d.families as Obj[]).forEach((f, fi) => {
        for (const [p, g] of Object.entries(f.genotypes as Obj))
          add(['families', fi, 'genotypes', p], g);
      });
      return out;
    };
    const all = DVI.map(slots);
    await fc.assert(
      fc.asyncProperty(
        fc
          .nat(DVI.length - 1)
          .chain((d) =>
            fc.tuple(fc.constant(d), fc.nat(all[d]!.length - 1), fc.nat(1000), fc.nat(1)),
          ),
        async ([d, slot, pick, c]) => {
          const { path, alleles } = all[d]![slot]!;
          const text = JSON.stringify(setAt(DVI[d]!, path, alleles[pick % alleles.length]!));
          const r = await run([...DVI_COMMANDS[c]!], text);
          // A family's references may become inconsistent (IMPOSSIBLE_REFERENCE is a clean refusal).
          expectClean(r);
          if (r.code !== 0) expect(r.err).toMatch(/^kindred: IMPOSSIBLE_REFERENCE: /);
          else expect(() => JSON.parse(r.out)).not.toThrow();
        },
      ),
      { numRuns: 40, seed: 1803 },
    );
  });

  it('BOM, CRLF, indentation and key order change no number of dvi and search', async () => {
    const answers = await Promise.all(
      DVI.map(async (doc) =>
        Promise.all(
          DVI_COMMANDS.map(async (argv) => {
            const r = await run([...argv], JSON.stringify(doc));
            expect(r.code).toBe(0);
            return answerOf(r.out);
          }),
        ),
      ),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.nat(DVI.length - 1),
        fc.nat(DVI_COMMANDS.length - 1),
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: 0, max: 4 }),
        fc.integer(),
        async (d, c, bom, crlf, indent, seed) => {
          let s = seed | 0;
          const rnd = () => {
            s = (s * 1103515245 + 12345) | 0;
            return ((s >>> 16) & 0x7fff) / 0x8000;
          };
          let text = JSON.stringify(shuffleKeys(DVI[d]!, rnd), null, indent);
          if (crlf) text = text.replace(/\n/g, '\r\n');
          if (bom) text = `\ufeff${text}`;
          const r = await run([...DVI_COMMANDS[c]!], text);
          expect(r.code).toBe(0);
          expect(answerOf(r.out)).toStrictEqual(answers[d]![c]);
        },
      ),
      { numRuns: 12, seed: 1801 },
    );
  });

  it('a consistent renaming of people, families, victims and hypotheses changes no number (lr, dvi, search)', async () => {
    const cases: { doc: Json; argv: readonly string[] }[] = [
      ...LR.map((doc) => ({ doc, argv: ['lr', '-'] as const })),
      ...DVI.flatMap((doc) => DVI_COMMANDS.map((argv) => ({ doc, argv }))),
    ];
    const answers = await Promise.all(
      cases.map(async ({ doc, argv }) => {
        const r = await run([...argv], JSON.stringify(doc));
        expect(r.code).toBe(0);
        return answerOf(r.out);
      }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.nat(cases.length - 1),
        fc.constantFrom('x', 'Ü-', 'id ', '名前_', 'zz.9_', '__'),
        async (k, prefix) => {
          const { doc, argv } = cases[k]!;
          const { doc: r2, back } = renamed(doc, prefix);
          const r = await run([...argv], JSON.stringify(r2));
          expect(r.code).toBe(0);
          // The names did change in the answer, and mapped back it is the same answer.
          expect(answerOf(r.out)).not.toStrictEqual(answers[k]);
          expect(canonical(mappedBack(answerOf(r.out), back))).toStrictEqual(answers[k]);
        },
      ),
      { numRuns: 16, seed: 1802 },
    );
  });
});
