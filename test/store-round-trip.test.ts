/**
 * Round trips through `kindred db export` (issue 15, problem 3): what the store exports as a
 * Familias `.fam` file or a `kindred-dvi/1` document imports back into an empty store — without
 * `--unknown-sex` — with the same remains, reference profiles (ids, kinds, sexes, genotypes),
 * families (pedigrees, missing persons, members), frequency table (theta, mutation models) and,
 * after `db search`, the same match list with the same LRs and posteriors. Exporting the
 * re-imported store gives the same file again.
 *
 * Amelogenin travels as the profile's sex (neither format holds sex markers). The one id a
 * format changes: a `.fam` file names a missing person "Missing person…" (that is
 * how Familias and R dvir find it), so a missing person "MP" comes back as "Missing person MP".
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runDbCommand } from '../src/cli/db-command.js';

const LAB = join(import.meta.dirname, '..', 'fixtures', 'lab');
let dir: string;

async function run(...argv: string[]): Promise<string> {
  let out = '';
  let err = '';
  const code = await runDbCommand(argv, {
    stdout: (s) => {
      out += s;
    },
    stderr: (s) => {
      err += s;
    },
    readFile: (p) => readFileSync(p, 'utf8'),
  });
  expect(code, err).toBe(0);
  return out;
}

/** Everything a programme holds, without times and sources. */
async function contents(db: string) {
  const json = async (...a: string[]) => JSON.parse(await run(...a)) as Record<string, unknown>[];
  const profiles = (await json('list', db, 'profiles', '--json')).map(
    ({ id, kind, sex, genotypes, withdrawn }) => ({ id, kind, sex, genotypes, withdrawn }),
  );
  const families = (await json('list', db, 'families', '--json')).map(
    ({ name, pedigree, missing, members, population }) => ({
      name,
      pedigree,
      missing,
      members,
      population,
    }),
  );
  const tables = (await json('list', db, 'tables', '--json')).map(
    ({ population, markers, theta, mutation }) => ({ population, markers, theta, mutation }),
  );
  const matches = (await json('matches', db, '--json')).map(
    ({ victim, family, missing, log10LR, posterior, undisputed, category }) => ({
      victim,
      family,
      missing,
      log10LR,
      posterior,
      undisputed,
      category,
    }),
  );
  return { profiles, families, tables, matches };
}

/** Export `db` in `format`, import the file into a new store and search it. */
async function roundTrip(db: string, format: 'fam' | 'dvi', name: string) {
  const file = join(dir, `${name}.${format === 'fam' ? 'fam' : 'json'}`);
  const text = await run('export', db, '--to', format);
  writeFileSync(file, text);
  const back = join(dir, `${name}.db`);
  await run('init', back);
  await run('import', back, file);
  await run('search', back);
  return { text, back };
}

const roundLR = <T extends { log10LR: unknown; posterior: unknown }>(ms: T[]) =>
  ms.map((m) => ({
    ...m,
    log10LR: Math.round((m.log10LR as number) * 1e9) / 1e9,
    posterior: Math.round((m.posterior as number) * 1e9) / 1e9,
  }));

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kindred-round-trip-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('db export → db import round trips', () => {
  it('a programme imported from a .fam file comes back identical through .fam and kindred-dvi/1', async () => {
    const a = join(dir, 'a.db');
    await run('init', a);
    await run('import', a, join(LAB, 'dvi-small.fam'), '--unknown-sex', 'male');
    await run('search', a);
    const want = await contents(a);
    expect(want.matches.length).toBeGreaterThan(0);
    expect(Object.keys(want.tables[0]!.mutation as object)).not.toHaveLength(0);
    for (const format of ['fam', 'dvi'] as const) {
      const { text, back } = await roundTrip(a, format, `b-${format}`);
      const got = await contents(back);
      expect({ ...got, matches: roundLR(got.matches) }, format).toEqual({
        ...want,
        matches: roundLR(want.matches),
      });
      expect(await run('export', back, '--to', format), format).toBe(text);
    }
  });

  it('the lab programme (GeneMapper, families JSON, stepwise models) keeps its matches and LRs', async () => {
    const a = join(dir, 'a.db');
    await run('init', a);
    await run(
      'import',
      a,
      join(LAB, 'synthetic.wide.csv'),
      '--population',
      'synthetic',
      '--mutation',
      'stepwise:0.002,0.00001,0.5',
    );
    await run('import', a, join(LAB, 'references.genemapper.txt'), '--kind', 'reference');
    await run('import', a, join(LAB, 'remains.genemapper.txt'), '--kind', 'remains');
    await run('import', a, join(LAB, 'families.json'));
    await run('search', a);
    const want = await contents(a);
    expect(want.matches.length).toBeGreaterThan(0);

    const dvi = await roundTrip(a, 'dvi', 'b');
    const viaDVI = await contents(dvi.back);
    // kindred-dvi/1 keeps every id of the families and matches; reference profiles are named
    // FAMILY/MEMBER, as the document names them
    expect(roundLR(viaDVI.matches)).toEqual(roundLR(want.matches));
    expect(viaDVI.families.map(({ members, ...f }) => f)).toEqual(
      want.families.map(({ members, ...f }) => f),
    );
    expect(viaDVI.tables).toEqual(want.tables);
    // Amelogenin travels as the sex (both formats carry sexes, not sex markers)
    const noAmelogenin = (ps: typeof want.profiles) =>
      ps
        .filter((p) => p.kind === 'remains')
        .map((p) => {
          const { Amelogenin, ...genotypes } = p.genotypes as Record<string, unknown>;
          return { ...p, genotypes };
        });
    expect(noAmelogenin(viaDVI.profiles)).toEqual(noAmelogenin(want.profiles));
    expect(await run('export', dvi.back, '--to', 'dvi')).toBe(dvi.text);

    const fam = await roundTrip(a, 'fam', 'c');
    const viaFam = await contents(fam.back);
    const renamed = (m: string) => `Missing person ${m}`;
    expect(roundLR(viaFam.matches)).toEqual(
      roundLR(want.matches.map((m) => ({ ...m, missing: renamed(m.missing as string) }))),
    );
    expect(viaFam.tables).toEqual(want.tables);
    expect(viaFam.families.map((f) => f.missing)).toEqual(
      want.families.map((f) => (f.missing as string[]).map(renamed)),
    );
    // the .fam import does not read DatabaseSize back (the table's sample size is not kept)
    const noSize = (t: string) => t.replace(/DatabaseSize = \d+/g, 'DatabaseSize = ?');
    expect(noSize(await run('export', fam.back, '--to', 'fam'))).toBe(noSize(fam.text));
  });
});
