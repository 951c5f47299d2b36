/**
 * Round trips through `kindred db export` (issue 15, problem 3): what the store exports as a
 * Familias `.fam` file or a `kindred-dvi/1` document imports back into an empty store — without
 * `--unknown-sex` — with the same remains, reference profiles (ids, kinds, sexes, genotypes,
 * drop-out and drop-in), families (pedigrees, missing persons, members), frequency table (theta,
 * mutation models, sample size) and, after `db search`, the same match list with the same LRs
 * and posteriors. Exporting the re-imported store gives the same file again.
 *
 * Amelogenin travels as the profile's sex (neither format holds sex markers). A `.fam` file
 * names a missing person "Missing person…" (that is how Familias and R dvir find it): the export
 * writes "MP" as "Missing person (MP)" and the import takes the wrapping off, so the id comes
 * back. Reference profiles keep their own ids (`store.referenceProfiles` in kindred-dvi/1, the
 * family's note in .fam), and markers stored as searched without mutation stay so, apart from
 * markers with no model (`store.noMutation`, the .fam file's note). What a format cannot hold is refused, never dropped: a per-sample
 * drop-out in `.fam`. Withdrawn records are not part of what a search uses and are left out
 * (listed on stderr).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runDbCommand } from '../src/cli/db-command.js';
import { famMissingId, famMissingName } from '../src/store/store-export.js';

const LAB = join(import.meta.dirname, '..', 'fixtures', 'lab');
let dir: string;

let lastErr = '';
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
  lastErr = err;
  return out;
}

/** Everything a programme holds, without times and sources. */
async function contents(db: string) {
  const json = async (...a: string[]) => JSON.parse(await run(...a)) as Record<string, unknown>[];
  const profiles = (await json('list', db, 'profiles', '--json')).map(
    ({ id, kind, sex, genotypes, withdrawn, effectiveObservation }) => ({
      id,
      kind,
      sex,
      genotypes,
      withdrawn,
      effectiveObservation,
    }),
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

  it('the lab programme (GeneMapper, families JSON, stepwise models) keeps its profile ids, families, matches and LRs (reference profiles used to come back named FAMILY/MEMBER)', async () => {
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

    // the reference profiles have ids of their own (F001-FA), not FAMILY/MEMBER
    const refIds = want.profiles.filter((p) => p.kind === 'reference').map((p) => p.id);
    expect(refIds).toContain('F001-FA');
    // Amelogenin travels as the sex (both formats carry sexes, not sex markers)
    const noAmelogenin = (ps: typeof want.profiles) =>
      ps.map((p) => {
        const { Amelogenin, ...genotypes } = p.genotypes as Record<string, unknown>;
        return { ...p, genotypes };
      });

    const dvi = await roundTrip(a, 'dvi', 'b');
    const viaDVI = await contents(dvi.back);
    // kindred-dvi/1 keeps every id: families, members, profiles (store.referenceProfiles)
    expect(JSON.parse(dvi.text).store.referenceProfiles['F-001']).toMatchObject({ FA: 'F001-FA' });
    expect(roundLR(viaDVI.matches)).toEqual(roundLR(want.matches));
    expect(viaDVI.families).toEqual(want.families);
    expect(viaDVI.tables).toEqual(want.tables);
    expect(noAmelogenin(viaDVI.profiles)).toEqual(noAmelogenin(want.profiles));
    expect(await run('export', dvi.back, '--to', 'dvi')).toBe(dvi.text);

    const fam = await roundTrip(a, 'fam', 'c');
    const viaFam = await contents(fam.back);
    // the missing persons keep their ids ("Missing person (MP)" in the file), the reference
    // profiles theirs (the family's note)
    expect(fam.text).toContain('Name= Missing person (MP)');
    expect(fam.text).toMatch(/^Kindred profile ids: FA=F001-FA, /m);
    expect(roundLR(viaFam.matches)).toEqual(roundLR(want.matches));
    expect(viaFam.tables).toEqual(want.tables);
    expect(viaFam.families).toEqual(want.families);
    expect(noAmelogenin(viaFam.profiles)).toEqual(noAmelogenin(want.profiles));
    // DatabaseSize (the table's sample size) is read back: the same file again
    expect(fam.text).toMatch(/DatabaseSize = [1-9]\d* ,/);
    expect(await run('export', fam.back, '--to', 'fam')).toBe(fam.text);
  });

  it('drop-out and drop-in (own and per-kind default) come back through kindred-dvi/1 with the same LRs; .fam refuses them', async () => {
    const a = join(dir, 'a.db');
    await run('init', a);
    await run('import', a, join(LAB, 'synthetic.wide.csv'), '--population', 'synthetic');
    await run('import', a, join(LAB, 'references.genemapper.txt'), '--kind', 'reference');
    await run('import', a, join(LAB, 'remains.genemapper.txt'), '--kind', 'remains');
    await run('import', a, join(LAB, 'families.json'));
    await run('set-observation', a, 'V-01', '--dropout', '0.3', '--dropin', '0.02');
    await run('set-observation', a, '--default', 'reference', '--dropout', '0.05');
    await run('search', a);
    const want = await contents(a);
    expect(want.profiles.find((p) => p.id === 'V-01')?.effectiveObservation).toEqual({
      dropout: 0.3,
      dropin: 0.02,
    });
    expect(want.matches.length).toBeGreaterThan(0);
    const { text, back } = await roundTrip(a, 'dvi', 'b');
    const doc = JSON.parse(text) as { observation: Record<string, unknown> };
    expect(doc.observation['V-01']).toEqual({ dropout: 0.3, dropin: 0.02 });
    expect(doc.observation['F-001/FA']).toEqual({ dropout: 0.05, dropin: 0 });
    const got = await contents(back);
    expect(roundLR(got.matches)).toEqual(roundLR(want.matches));
    const observations = (c: typeof want) =>
      c.profiles.filter((p) => p.kind === 'remains').map((p) => [p.id, p.effectiveObservation]);
    expect(observations(got)).toEqual(observations(want));
    // every reference profile is searched with the default it had (now its own)
    const refs = got.profiles.filter((p) => p.kind === 'reference');
    expect(refs.length).toBeGreaterThan(0);
    for (const p of refs)
      expect(p.effectiveObservation, String(p.id)).toEqual({ dropout: 0.05, dropin: 0 });
    expect(await run('export', back, '--to', 'dvi')).toBe(text);
    // .fam has no per-sample drop-out: refused, nothing written
    let out = '';
    await expect(
      runDbCommand(['export', a, '--to', 'fam'], {
        stdout: (t) => {
          out += t;
        },
        stderr: () => {},
        readFile: (p) => readFileSync(p, 'utf8'),
      }),
    ).rejects.toMatchObject({
      code: 'UNSUPPORTED',
      path: ['profiles', 'V-01', 'observation'],
      message: expect.stringContaining('which a .fam file cannot hold'),
    });
    expect(out).toBe('');
    // a kind's default is refused too, naming it
    await run('set-observation', a, 'V-01', '--dropout', '0');
    await expect(
      runDbCommand(['export', a, '--to', 'fam'], {
        stdout: (t) => {
          out += t;
        },
        stderr: () => {},
        readFile: (p) => readFileSync(p, 'utf8'),
      }),
    ).rejects.toMatchObject({
      code: 'UNSUPPORTED',
      path: ['profiles', 'F001-FA', 'observation'],
      message: expect.stringContaining('(the default of reference profiles)'),
    });
    expect(out).toBe('');
  });

  it('withdrawn profiles and families are left out of both exports (listed on stderr): the re-imported store finds the same current matches', async () => {
    const a = join(dir, 'a.db');
    await run('init', a);
    await run('import', a, join(LAB, 'dvi-small.fam'), '--unknown-sex', 'male');
    await run('search', a);
    const all = await contents(a);
    const victim = all.matches[0]?.victim as string;
    await run('withdraw', a, victim, '--reason', 'sample swap');
    const family = all.families.at(-1)?.name as string;
    await run('withdraw', a, family, '--family', '--reason', 'duplicate');
    await run('search', a);
    const current = (await contents(a)).matches.filter(
      (m) => m.victim !== victim && m.family !== family,
    );
    for (const format of ['fam', 'dvi'] as const) {
      const text = await run('export', a, '--to', format);
      expect(lastErr, format).toContain(`withdrawn profiles, left out: ${victim}`);
      expect(lastErr, format).toContain(`withdrawn families, left out: ${family}`);
      // its relatives are in no exported family: left out and listed, never dropped unsaid
      const relatives = all.families.at(-1)?.members as Record<string, string>;
      expect(lastErr, format).toContain(
        `reference profiles in no exported family, left out: ${Object.values(relatives).join(', ')}`,
      );
      const file = join(dir, `w.${format === 'fam' ? 'fam' : 'json'}`);
      writeFileSync(file, text);
      const back = join(dir, `w-${format}.db`);
      await run('init', back);
      await run('import', back, file);
      await run('search', back);
      const got = await contents(back);
      expect(got.profiles.map((p) => p.id)).not.toContain(victim);
      expect(got.families.map((f) => f.name)).not.toContain(family);
      expect(roundLR(got.matches), format).toEqual(roundLR(current));
    }
  });
});

describe('"no mutation" and "no model given" stay apart', () => {
  it('markers stored as searched without mutation come back so through both formats (they used to come back as "no model given", searched with the default model)', async () => {
    const a = join(dir, 'a.db');
    await run('init', a);
    // none at two markers, stepwise at one, no model given at the rest (the default)
    const rates = join(dir, 'rates.csv');
    writeFileSync(
      rates,
      'marker,model,rate,rate2,range,sex\nTH01,none,,,,\nD3S1358,none,,,,\nvWA,stepwise,0.003,0.000001,0.1,\n',
    );
    await run(
      'import',
      a,
      join(LAB, 'synthetic.wide.csv'),
      '--population',
      'synthetic',
      '--mutation-file',
      rates,
    );
    await run('import', a, join(LAB, 'references.genemapper.txt'), '--kind', 'reference');
    await run('import', a, join(LAB, 'remains.genemapper.txt'), '--kind', 'remains');
    await run('import', a, join(LAB, 'families.json'));
    await run('search', a);
    const want = await contents(a);
    expect(want.tables[0]?.mutation).toMatchObject({ TH01: null, D3S1358: null });
    expect(Object.keys(want.tables[0]?.mutation as object)).toHaveLength(3);
    for (const format of ['fam', 'dvi'] as const) {
      await run('export', a, '--to', format);
      expect(lastErr, format).toBe('');
      const { text, back } = await roundTrip(a, format, `b-${format}`);
      if (format === 'dvi') expect(JSON.parse(text).store.noMutation).toEqual(['D3S1358', 'TH01']);
      else
        expect(text.split('\n')[1]).toBe(
          '"(Produced by Kindred; searched without mutation: D3S1358, TH01)"',
        );
      const got = await contents(back);
      expect(got.tables, format).toEqual(want.tables);
      expect(roundLR(got.matches), format).toEqual(roundLR(want.matches));
      expect(await run('export', back, '--to', format), format).toBe(text);
    }
  });
});

describe('the .fam name of a missing person', () => {
  it('famMissingId(famMissingName(id)) is id for every id, and the name starts "Missing person"', () => {
    for (const id of ['MP', 'Missing person', 'Missing person 2', 'Missing person (MP)', '(x)']) {
      expect(famMissingId(famMissingName(id)), id).toBe(id);
    }
    expect(famMissingName('Missing person')).toBe('Missing person');
    expect(famMissingName('MP')).toBe('Missing person (MP)');
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (id) => {
        const name = famMissingName(id);
        expect(name.toLowerCase().startsWith('missing person')).toBe(true);
        expect(famMissingId(name)).toBe(id);
      }),
    );
  });
});
