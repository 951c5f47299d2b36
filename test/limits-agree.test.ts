/**
 * The limits agree (issue 18): a `kindred-dvi/1` document that `validate` and `dvi` accept is
 * never refused by `search` for its size, and one that `search` refuses for its size is refused
 * by `validate` and `dvi` with the same code and message (one allele limit per locus, one limit
 * with a mutation model, one case budget: `docs/engine.md`, "Limits checked at the door").
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runOnText } from './helpers/run-cli.js';

const dir = join(import.meta.dirname, '..', 'fixtures', 'conformance', 'dvi');

const run = runOnText;

/** The document with its first locus widened to `n` alleles (new ones rare), with `mutation`. */
function widened(file: string, n: number, mutation: unknown): string {
  const d = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  delete d.expected;
  delete d.expected_tool;
  const locus = d.loci[0];
  const extra = n - locus.alleles.length;
  const rare = 1e-7;
  d.loci[0] = {
    ...locus,
    // Whole repeat numbers past 100 without a model; microvariants 30.1 … 929.2 with one (repeat
    // numbers of a stepwise model stay within ±1000).
    alleles: [
      ...locus.alleles,
      ...Array.from({ length: extra }, (_, i) =>
        mutation === null ? String(100 + i) : `${30 + (i % 900)}.${1 + Math.floor(i / 900)}`,
      ),
    ],
    frequencies: [
      ...locus.frequencies.map((f: number) => f * (1 - rare * extra)),
      ...new Array(extra).fill(rare),
    ],
    mutation,
  };
  return JSON.stringify(d);
}

/** validate, dvi and search on one document: exit code and the refusal's code and message. */
async function allThree(text: string) {
  const v = await run(['validate', '-'], text);
  const d = await run(['dvi', '-', '--quiet'], text);
  const s = await run(['search', '-', '--quiet'], text);
  const refusal = (err: string) => err.match(/kindred: ([A-Z_]+): (.*)/)?.slice(1) ?? null;
  return {
    codes: [v.code, d.code, s.code],
    validate: v.err.match(/^-: ([A-Z_]+): (.*)$/m)?.slice(1) ?? null,
    dvi: refusal(d.err),
    search: refusal(s.err),
  };
}

describe('validate, dvi and search accept and refuse the same DVI documents', () => {
  it('every DVI conformance case is accepted by all three', async () => {
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.json'))) {
      const r = await allThree(readFileSync(join(dir, f), 'utf8'));
      expect(r.codes, f).toEqual([0, 0, 0]);
    }
  });

  it('4,097 alleles at a locus: all three refuse, INVALID_LOCUS, the same message', async () => {
    const r = await allThree(widened('dvi-pub-4v-3f-sexspec.json', 4097, null));
    expect(r.codes).toEqual([1, 1, 1]);
    expect(r.validate?.[0]).toBe('INVALID_LOCUS');
    expect(r.validate?.[1]).toContain('has 4097 alleles; at most 4096 are allowed');
    expect(r.dvi).toEqual(r.search);
    expect(r.dvi?.[0]).toBe('INVALID_LOCUS');
    expect(r.dvi?.[1]).toContain('has 4097 alleles; at most 4096 are allowed');
  });

  it('1,025 alleles with a mutation model: all three refuse, TOO_COMPLEX, the same message', async () => {
    const stepwise = { model: 'stepwise', rate: 0.002, rate2: 1e-6, range: 0.1 };
    const r = await allThree(widened('dvi-pub-4v-3f-sexspec.json', 1025, stepwise));
    expect(r.codes).toEqual([1, 1, 1]);
    expect(r.validate?.[0]).toBe('TOO_COMPLEX');
    expect(r.dvi).toEqual(r.search);
    expect(r.dvi?.[1]).toContain('a mutation model allows at most 1024');
  });

  it('1,024 alleles with a mutation model: the genotype table of a missing person is past the table limit; all three refuse it the same way, naming family and locus', async () => {
    // validate accepted this document while dvi and search refused it (n³ = 2^30 entries):
    // the case budget now costs each missing person's table as DVI and the index compute it.
    const stepwise = { model: 'stepwise', rate: 0.002, rate2: 1e-6, range: 0.1 };
    const r = await allThree(widened('dvi-pub-3v-2f-stepwise.json', 1024, stepwise));
    expect(r.codes).toEqual([1, 1, 1]);
    expect(r.validate?.[0]).toBe('TOO_COMPLEX');
    expect(r.dvi).toEqual(r.search);
    expect(r.dvi?.[1]).toMatch(
      /^Family "F\d", locus "S01": Exact computation refused: elimination needs a table of \d+ entries/,
    );
    expect(r.validate?.[1]).toContain(
      r.dvi?.[1]?.replace(/ \(families\[\d+\]\.pedigree\)$/, '').slice(0, 60),
    );
  });
});
