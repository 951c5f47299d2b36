import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KindredError } from '../errors.js';
import { parseDVICase } from '../io/dvi-file.js';
import { parseFamiliasFam } from '../io/familias-fam.js';
import { runDbCommand } from './db-command.js';

const LAB = fileURLToPath(new URL('../../fixtures/lab/', import.meta.url));
let dir: string;
let db: string;

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
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
  return { code, out, err };
}

const lab = (name: string) => join(LAB, name);

async function importProgramme(): Promise<void> {
  await run('init', db);
  const r = await run('import', db, lab('synthetic.wide.csv'), '--population', 'synthetic');
  expect(r.code).toBe(0);
  expect(
    (await run('import', db, lab('references.genemapper.txt'), '--kind', 'reference')).code,
  ).toBe(0);
  expect((await run('import', db, lab('remains.genemapper.txt'), '--kind', 'remains')).code).toBe(
    0,
  );
  expect((await run('import', db, lab('families.json'))).code).toBe(0);
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kindred-db-'));
  db = join(dir, 'programme.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('runDbCommand', () => {
  it('db init creates a store at the current schema', async () => {
    const r = await run('init', db);
    expect(r).toEqual({
      code: 0,
      out: `${db}: Kindred store, schema version 5, 0 profiles\n`,
      err: '',
    });
  });

  it('db import reports added, skipped and rejected records per file', async () => {
    await run('init', db);
    const r = await run('import', db, lab('references.genemapper.txt'), '--kind', 'reference');
    expect(r.code).toBe(0);
    expect(r.out).toContain('imported: ');
    expect(r.out).toContain('profiles: 8 added, 0 changed, 0 unchanged');
    expect(r.out).toContain('Allelic Ladder (line 2): sample name matches control pattern');
  });

  it('db import refuses a file with rejected rows, writes nothing and exits 1', async () => {
    await run('init', db);
    const r = await run('import', db, lab('malformed.genemapper.txt'), '--kind', 'reference');
    expect(r.code).toBe(1);
    // a refusal: nothing on stdout, the report and a line with an error code on stderr
    expect(r.out).toBe('');
    expect(r.err).toContain('rejected: 7');
    expect(r.err).toContain(
      'S-OL: INVALID_ALLELE: Sample "S-OL" has an off-ladder call "OL" at marker D3S1358',
    );
    expect(r.err).toContain('malformed.genemapper.txt: line 5, column "Allele 2"');
    expect(r.err).toMatch(
      /\nkindred: [A-Z_]+: import refused: 7 rejected record\(s\) \(first: "[^"]+"\); nothing was written/,
    );
    expect((await run('list', db)).out).toContain('profiles: 0 reference, 0 remains, 0 direct');
  });

  it('db import --dry-run reports and writes nothing', async () => {
    await run('init', db);
    const r = await run(
      'import',
      db,
      lab('remains.genemapper.txt'),
      '--kind',
      'remains',
      '--dry-run',
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain('dry run: ');
    expect(r.out).toContain('profiles: 3 added');
    expect((await run('list', db, 'profiles', '--json')).out).toBe('[]\n');
  });

  it('db search records the true matches and db matches lists them above a threshold', async () => {
    await importProgramme();
    const s = await run('search', db);
    expect(s.out).toContain(
      'searched 3 new or changed families against all remains, and 3 new remains',
    );
    const m = await run('matches', db, '--min-log10lr', '4', '--json');
    const list = JSON.parse(m.out) as {
      id: number;
      victim: string;
      family: string;
      status: string;
    }[];
    expect(list.map((x) => [x.victim, x.family, x.status])).toEqual(
      expect.arrayContaining([
        ['V-01', 'F-001', 'new'],
        ['V-02', 'F-002', 'new'],
      ]),
    );
    const again = await run('search', db);
    expect(again.out).toContain('0 pairs compared');
  });

  it('db import --progress writes the same report; with --quiet it is a usage error', async () => {
    await run('init', db);
    const r = await run(
      'import',
      db,
      lab('remains.genemapper.txt'),
      '--kind',
      'remains',
      '--progress',
      '--dry-run',
    );
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^dry run: .*remains.genemapper.txt/);
    await expect(
      run(
        'import',
        db,
        lab('remains.genemapper.txt'),
        '--kind',
        'remains',
        '--progress',
        '--quiet',
      ),
    ).rejects.toMatchObject({ code: 'USAGE' });
  });

  it('db search --progress keeps stdout the same, and --progress with --quiet is a usage error', async () => {
    await importProgramme();
    await expect(run('search', db, '--progress', '--quiet')).rejects.toMatchObject({
      code: 'USAGE',
      message: '--quiet and --progress contradict each other',
    });
    const s = await run('search', db, '--progress', '--json');
    expect(s.code).toBe(0);
    const summary = JSON.parse(s.out) as { pairs: number; recorded: number };
    expect(summary.recorded).toBeGreaterThan(0);
  });

  it('db matches --confirm marks a match confirmed with a note', async () => {
    await importProgramme();
    await run('search', db);
    const r = await run('matches', db, '--confirm', '1', '--note', 'checked by AB');
    expect(r.out).toMatch(/confirmed\s+checked by AB/);
    const confirmed = JSON.parse((await run('matches', db, '--status', 'confirmed', '--json')).out);
    expect(confirmed).toHaveLength(1);
    await expect(run('matches', db, '--reject', '99')).rejects.toMatchObject({
      code: 'STORE_ERROR',
    });
  });

  it('db export writes a .fam DVI file and a kindred-dvi/1 document that read back', async () => {
    await importProgramme();
    const fam = await run('export', db, '--to', 'fam');
    const parsed = parseFamiliasFam(fam.out, { unknownSex: 'male' });
    expect(parsed.dvi?.unidentified.map((p) => p.id)).toEqual(['V-01', 'V-02', 'V-03']);
    const dvi = await run('export', db, '--to', 'dvi');
    expect(parseDVICase(dvi.out).families.map((f) => f.missing)).toEqual([
      ['F-001/MP'],
      ['F-002/MP'],
      ['F-003/MP'],
    ]);
  });

  it('file formats have their own flags (import --from, export --to); --format is the output format', async () => {
    await run('init', db);
    // the file format named with --from, the report printed as JSON with --format json
    const r = await run(
      'import',
      db,
      lab('references.genemapper.txt'),
      '--from',
      'genemapper',
      '--kind',
      'reference',
      '--format',
      'json',
    );
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as { format: string }[];
    expect(report.map((f) => f.format)).toEqual(['genemapper']);
    await expect(
      run('import', db, lab('remains.genemapper.txt'), '--from', 'codis-cmf', '--kind', 'remains'),
    ).rejects.toBeDefined();
    await expect(
      run('import', db, lab('remains.genemapper.txt'), '--format', 'genemapper'),
    ).rejects.toMatchObject({ code: 'USAGE', message: expect.stringContaining('--from') });
    await expect(run('export', db, '--format', 'fam')).rejects.toMatchObject({
      code: 'USAGE',
      message: expect.stringContaining('--to fam|dvi'),
    });
  });

  it('db list shows profiles, families, tables and the import log', async () => {
    await importProgramme();
    expect((await run('list', db, 'profiles', '--kind', 'remains')).out.split('\n')[1]).toMatch(
      /^V-01\s+remains\s+male\s+15\s+-\s+no/,
    );
    expect((await run('list', db, 'families')).out).toMatch(/F-003\s+5\s+2\s+MP\s+synthetic\s+no/);
    expect((await run('list', db, 'tables')).out).toMatch(/synthetic\s+15\s+0\s+0/);
    expect((await run('list', db, 'imports')).out.trim().split('\n')).toHaveLength(5);
  });

  it('db import --mutation and --mutation-file store models with a table; db search reports the default otherwise', async () => {
    await run('init', db);
    const rates = join(dir, 'rates.csv');
    writeFileSync(
      rates,
      'marker,model,rate,rate2,range,sex\nTH01,equal,0.001,,,female\nTH01,equal,0.003,,,male\n',
    );
    const r = await run(
      'import',
      db,
      lab('synthetic.wide.csv'),
      '--population',
      'synthetic',
      '--mutation',
      'stepwise:0.002,1e-6,0.1',
      '--mutation-file',
      rates,
      '--theta',
      '0.01',
    );
    expect(r.code).toBe(0);
    const [t] = JSON.parse((await run('list', db, 'tables', '--json')).out) as {
      markers: string[];
      theta: number;
      mutation: Record<string, unknown>;
    }[];
    expect(t?.theta).toBe(0.01);
    expect(Object.keys(t?.mutation ?? {})).toHaveLength(t?.markers.length ?? -1);
    expect(t?.mutation.TH01).toEqual({
      female: { model: 'equal', rate: 0.001 },
      male: { model: 'equal', rate: 0.003 },
    });
    expect(t?.mutation.D3S1358).toEqual({
      model: 'stepwise',
      rate: 0.002,
      rate2: 1e-6,
      range: 0.1,
    });
    await expect(
      run(
        'import',
        db,
        lab('synthetic.wide.csv'),
        '--population',
        'x',
        '--mutation',
        'stepwise:0.1',
      ),
    ).rejects.toMatchObject({
      code: 'USAGE',
      message: expect.stringContaining('stepwise:RATE,RATE2,RANGE'),
    });
    await expect(
      run(
        'import',
        db,
        lab('synthetic.wide.csv'),
        '--population',
        'x',
        '--mutation',
        'stepwise:0.8,0.8,0.1',
      ),
    ).rejects.toMatchObject({
      code: 'INVALID_MUTATION',
      message: expect.stringContaining('more than 1'),
    });
    await expect(
      run('import', db, lab('families.json'), '--mutation', 'none'),
    ).rejects.toMatchObject({ code: 'USAGE' });
  });

  it('db search without stored models says it used the default stepwise model; with none it warns', async () => {
    await importProgramme();
    const r = await run('search', db);
    expect(r.out).toMatch(
      /mutation: synthetic: default stepwise\(rate 0\.002, rate2 0\.000001, range 0\.1\) at 15 marker/,
    );
    expect(r.err).toBe('');
    const other = join(dir, 'none.db');
    await run('init', other);
    await run(
      'import',
      other,
      lab('synthetic.wide.csv'),
      '--population',
      'synthetic',
      '--mutation',
      'none',
    );
    await run('import', other, lab('references.genemapper.txt'), '--kind', 'reference');
    await run('import', other, lab('remains.genemapper.txt'), '--kind', 'remains');
    await run('import', other, lab('families.json'));
    const n = await run('search', other);
    expect(n.err).toMatch(/warning: population synthetic searched without mutation at /);
  });

  it('db withdraw keeps a profile, lists it with the reason, and db log shows every version with its user', async () => {
    await importProgramme();
    await run('search', db, '--user', 'searcher');
    await run('matches', db, '--confirm', '1', '--note', 'dental records agree', '--user', 'ana');
    const w = await run('withdraw', db, 'V-02', '--reason', 'sample swap', '--user', 'ana');
    expect(w.out).toMatch(/^withdrawn profile V-02 at \S+ by ana: sample swap\n$/);
    expect((await run('list', db, 'profiles')).out).toMatch(
      /V-02\s+remains.*\d{4}-\d\d-\d\d ana: sample swap/,
    );
    expect((await run('list', db)).out).toContain('; 1 withdrawn)');
    const log = JSON.parse((await run('log', db, '--match', '1', '--json')).out) as {
      action: string;
      user: string;
      reason: string;
      data: { log10LR: number; status: string };
    }[];
    expect(log.map((e) => [e.action, e.user, e.data.status])).toEqual([
      ['recorded', 'searcher', 'new'],
      ['confirmed', 'ana', 'confirmed'],
    ]);
    expect(log[1]?.reason).toBe('dental records agree');
    const table = (await run('log', db, '--profile', 'V-02')).out;
    expect(table.split('\n')[0]).toMatch(/^seq\s+at\s+user\s+record\s+action/);
    expect(table).toMatch(/profile V-02\s+withdrawn\s+remains/);
    expect(table).toMatch(/profile V-02\s+added\s+remains/);
    await expect(run('withdraw', db, 'V-02')).rejects.toMatchObject({ code: 'USAGE' });
    await expect(run('withdraw', db, 'V-02', '--reason', 'x')).rejects.toMatchObject({
      code: 'STORE_ERROR',
      message: expect.stringContaining('was withdrawn on'),
    });
    await expect(run('log', db, '--match', '1', '--profile', 'x')).rejects.toMatchObject({
      code: 'USAGE',
    });
    // a withdrawn remains is left out of the next full search
    const again = JSON.parse((await run('search', db, '--all', '--json')).out) as {
      remains: string[];
    };
    expect(again.remains).not.toContain('V-02');
  });

  it('db commands refuse wrong usage with USAGE', async () => {
    await expect(run('frobnicate', db)).rejects.toMatchObject({ code: 'USAGE' });
    await expect(run('import', db)).rejects.toMatchObject({ code: 'USAGE' });
    await expect(
      run('import', db, lab('remains.genemapper.txt'), '--kind', 'victim'),
    ).rejects.toMatchObject({
      code: 'USAGE',
      message: expect.stringContaining('--kind must be one of reference, remains, direct'),
    });
    await expect(run('list', db, '--bogus')).rejects.toBeInstanceOf(KindredError);
  });

  it('db import on a file that does not exist as a store tells to init it', async () => {
    await expect(run('import', join(dir, 'none.db'), lab('families.json'))).rejects.toMatchObject({
      code: 'STORE_ERROR',
      message: expect.stringContaining('kindred db init'),
    });
  });
});

describe('docs/workflow.md', () => {
  const doc = readFileSync(new URL('../../docs/workflow.md', import.meta.url), 'utf8');
  const commands = [...doc.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) =>
    (m[1] as string)
      .split('\n')
      .filter((l) => l.startsWith('npm run -s kindred -- db '))
      .map((l) => l.replace('npm run -s kindred -- ', 'kindred ')),
  );

  it('every kindred db command of the workflow runs from the repository root with its documented exit code', async () => {
    expect(commands.length).toBeGreaterThan(10);
    let last = '';
    for (const line of commands) {
      const expected = /#\s*exit (\d)/.exec(line)?.[1] ?? '0';
      const shell = line
        .replace(/#.*$/, '')
        .replace(/>\s*\S+\s*$/, '')
        .trim();
      const argv = [...shell.matchAll(/"([^"]*)"|(\S+)/g)]
        .map((m) => m[1] ?? (m[2] as string))
        .slice(2);
      const r = await run(...argv.map((a) => (a === 'programme.db' ? db : a)));
      expect([line, r.code]).toEqual([line, Number(expected)]);
      last = r.out;
    }
    expect(last).toContain('"format": "kindred-dvi/1"');
    const list = JSON.parse((await run('matches', db, '--json')).out) as {
      victim: string;
      status: string;
      log10LR: number;
    }[];
    // the documented outcome: V-01 confirmed, V-02 and V-04 new, log10 LRs as printed in the doc
    expect(list.map((m) => [m.victim, m.status, m.log10LR.toFixed(2)])).toEqual([
      ['V-01', 'confirmed', '15.81'],
      ['V-02', 'new', '10.57'],
      ['V-04', 'new', '8.50'],
    ]);
  });
});
