/**
 * Fuzz test (issue 18): conformance cases mutated by fast-check (seeded, bounded) and run
 * through `kindred lr` and `kindred validate` in-process. Every run either answers (exit 0,
 * JSON on stdout, nothing on stderr) or refuses (exit 1 or 2, nothing on stdout, exactly one
 * `kindred: CODE: …` line with no raw control character, never `INTERNAL`). Mutations that
 * cannot change the answer (byte-order mark, CRLF line ends, indentation, key order) give the
 * answer of the unmutated case exactly.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Json, paths, setAt } from './helpers/json-paths.js';
import { runOnText } from './helpers/run-cli.js';

const lr = join(import.meta.dirname, '..', 'fixtures', 'conformance', 'lr');
const CASES = [
  'pair-po-mm-01l.json',
  'x-brothers.json',
  'x-mother-son.json',
  'x-father-daughter.json',
];
const docs = CASES.map((f) => {
  const doc = JSON.parse(readFileSync(join(lr, f), 'utf8'));
  delete doc.expected;
  delete doc.expected_tool;
  delete doc.category;
  return doc as Record<string, unknown>;
});

const run = runOnText;

// biome-ignore lint/suspicious/noControlCharactersInRegex: asserting their absence
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/;

/** `kindred validate` reports every issue, one escaped line each (`FILE: CODE: message`). */
function expectCleanReport(r: { code: number; out: string; err: string }): void {
  expect([0, 1]).toContain(r.code);
  const text = r.code === 0 ? r.out : `${r.out}${r.err}`;
  for (const line of text.split('\n').filter((l) => l !== '')) {
    expect(line).not.toMatch(RAW_CONTROL);
    expect(line).not.toContain('INTERNAL');
    expect(line.length).toBeLessThan(2200);
    if (r.code === 1 && !line.startsWith('kindred: ')) expect(line).toMatch(/^-: [A-Z_]+: /);
  }
}

function expectClean(r: { code: number; out: string; err: string }): void {
  if (r.code === 0) {
    expect(r.err).toBe('');
    return;
  }
  expect([1, 2]).toContain(r.code);
  expect(r.out).toBe('');
  expect(r.err).toMatch(/^kindred: [A-Z_]+: [^\n]*\n$/);
  expect(r.err).not.toMatch(/^kindred: INTERNAL:/);
  expect(r.err.slice(0, -1)).not.toMatch(RAW_CONTROL);
  expect(r.err.length).toBeLessThan(2200);
}

/** Values a fuzzer throws at a field: types, ranges, huge and odd text, unicode, control characters. */
const nasty: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(
    null,
    true,
    0,
    -1,
    1e308,
    -1e308,
    5e-324,
    1.5,
    '',
    ' ',
    'OL',
    '__proto__',
    'constructor',
    '9'.repeat(5000),
    'A\nkindred: OK: forged',
    'X\u001b[2J',
    '\u202etxt',
    '\ud800',
    [],
    {},
    { __proto__: 1 },
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.double(),
  fc.integer(),
  fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
);

function shuffleKeys(v: Json, rnd: () => number): Json {
  if (Array.isArray(v)) return v.map((x) => shuffleKeys(x, rnd));
  if (v === null || typeof v !== 'object') return v;
  const keys = Object.keys(v).sort(() => rnd() - 0.5);
  return Object.fromEntries(keys.map((k) => [k, shuffleKeys(v[k]!, rnd)]));
}

/** The answer without its provenance (which records the time and the input file's digest). */
function answerOf(out: string): unknown {
  const { provenance: _, ...answer } = JSON.parse(out) as Record<string, unknown>;
  return answer;
}

describe('fuzz: mutated conformance cases through kindred lr and validate', () => {
  it('any one field replaced by a nasty value: exit 0 with an answer, or one clean refusal line', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .nat(docs.length - 1)
          .chain((d) =>
            fc.tuple(fc.constant(d), fc.constantFrom(...paths(docs[d] as Json).slice(1)), nasty),
          ),
        fc.constantFrom('lr', 'validate'),
        async ([d, path, value], command) => {
          const text = JSON.stringify(setAt(docs[d] as Json, path, value));
          const r = await run([command, '-'], text);
          if (command === 'validate') expectCleanReport(r);
          else expectClean(r);
          if (r.code === 0 && command === 'lr') expect(() => JSON.parse(r.out)).not.toThrow();
        },
      ),
      { numRuns: 800, seed: 18 },
    );
  });

  it('raw byte damage (truncation, inserted bytes): never INTERNAL, one clean line', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat(docs.length - 1),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.string({ unit: 'binary', maxLength: 8 }),
        async (d, where, junk) => {
          const text = JSON.stringify(docs[d]);
          const at = Math.floor(where * text.length);
          expectClean(await run(['lr', '-'], text.slice(0, at) + junk + text.slice(at + 1)));
          expectClean(await run(['lr', '-'], text.slice(0, at)));
        },
      ),
      { numRuns: 100, seed: 1818 },
    );
  });

  it('BOM, CRLF, indentation and key order change nothing: the same answer (every number equal)', async () => {
    const answers = await Promise.all(
      docs.map(async (doc) => {
        const r = await run(['lr', '-'], JSON.stringify(doc));
        expect(r.code).toBe(0);
        return answerOf(r.out);
      }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.nat(docs.length - 1),
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: 0, max: 4 }),
        fc.integer(),
        async (d, bom, crlf, indent, seed) => {
          let s = seed | 0;
          const rnd = () => {
            s = (s * 1103515245 + 12345) | 0;
            return ((s >>> 16) & 0x7fff) / 0x8000;
          };
          let text = JSON.stringify(shuffleKeys(docs[d] as Json, rnd), null, indent);
          if (crlf) text = text.replace(/\n/g, '\r\n');
          if (bom) text = `\ufeff${text}`;
          const r = await run(['lr', '-'], text);
          expect(r.err).toBe('');
          expect(answerOf(r.out)).toStrictEqual(answers[d]);
        },
      ),
      { numRuns: 40, seed: 180 },
    );
  });
});
