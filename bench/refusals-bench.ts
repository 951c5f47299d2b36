/**
 * Refusals of oversized inputs as whole processes (issue 18, "every refusal of an oversized input
 * comes in under a second and 200 MB"): each input of `fixtures/repro/` that is refused, and the
 * oversized documents of `test/case-budget.test.ts` and `test/limits-agree.test.ts`, run through
 * the `kindred` CLI exactly as a user runs it, under `/usr/bin/time` (wall time, peak RSS). The
 * bound measured in the same run is the start-up of the same loader (`kindred --version`): the
 * refusal's own time is its wall time minus that start-up. Tests assert each refusal itself
 * (code, message); this suite only measures. Run alone: `npm run bench -- refusals`.
 *
 * @module
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loopCaseDocument, loopDVIDocument } from '../test/helpers/loop-case.js';
import { median } from './bench-util.js';

const root = join(import.meta.dirname, '..');
const main = join(root, 'src', 'cli', 'main.ts');
const repro = (name: string) => join(root, 'fixtures', 'repro', name);

/** Wall ms and peak RSS (MB) of `kindred ARGS` as a whole process, and its exit code and stderr. */
function kindred(args: string[]): { ms: number; rssMB: number; code: number; err: string } {
  const t0 = performance.now();
  const child = spawnSync(
    '/usr/bin/time',
    ['-f', 'RSS_KB=%M', process.execPath, ...process.execArgv, main, ...args],
    { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 },
  );
  const ms = performance.now() - t0;
  const lines = child.stderr.trim().split('\n');
  const rss = Number(lines.pop()?.replace('RSS_KB=', ''));
  return { ms, rssMB: rss / 1024, code: child.status ?? -1, err: lines.join('\n') };
}

/** A DVI conformance case with its first locus widened to `n` alleles (as in limits-agree.test.ts). */
function widened(n: number, mutation: unknown): string {
  const file = mutation === null ? 'dvi-pub-4v-3f-sexspec.json' : 'dvi-pub-3v-2f-stepwise.json';
  const d = JSON.parse(readFileSync(join(root, 'fixtures', 'conformance', 'dvi', file), 'utf8'));
  const locus = d.loci[0];
  const extra = n - locus.alleles.length;
  d.loci[0] = {
    ...locus,
    alleles: [
      ...locus.alleles,
      ...Array.from({ length: extra }, (_, i) =>
        mutation === null ? String(100 + i) : `${30 + (i % 900)}.${1 + Math.floor(i / 900)}`,
      ),
    ],
    frequencies: [
      ...locus.frequencies.map((f: number) => f * (1 - 1e-7 * extra)),
      ...new Array(extra).fill(1e-7),
    ],
    mutation,
  };
  return JSON.stringify(d);
}

/** Run the suite: one row per refusal (wall ms, ms over start-up, peak RSS, within the bound). */
export function runRefusalsBench(): Record<string, number | string> {
  const dir = mkdtempSync(join(tmpdir(), 'kindred-refusals-'));
  try {
    const write = (name: string, text: string) => {
      const f = join(dir, name);
      writeFileSync(f, text);
      return f;
    };
    const loop = write('loop60.json', JSON.stringify(loopCaseDocument()));
    const loopDVI = write('loop60-dvi.json', JSON.stringify(loopDVIDocument()));
    const a4097 = write('alleles-4097.json', widened(4097, null));
    const s1024 = write(
      'stepwise-1024.json',
      widened(1024, { model: 'stepwise', rate: 0.002, rate2: 1e-6, range: 0.1 }),
    );
    const db = join(dir, 'x.db');
    const runs: [string, string[]][] = [
      [
        'lr 10,000-allele stepwise locus (repro)',
        ['lr', repro('REPRO-slow-too-complex-10000-alleles.json')],
      ],
      ['lr 400-digit stepwise label (repro)', ['lr', repro('REPRO-stepwise-infinite-label.json')]],
      [
        'dvi 400-digit stepwise label (repro)',
        ['dvi', repro('REPRO-dvi-stepwise-infinite-label.json')],
      ],
      ['lr megabyte value (repro)', ['lr', repro('REPRO-huge-error-message.json')]],
      [
        'db import .fam declaring 50,000,000 persons (repro)',
        ['db', 'import', db, repro('REPRO-fam-extra-persons-50M.fam')],
      ],
      [
        'db import CMF &#99999999; (repro)',
        ['db', 'import', db, repro('REPRO-cmf-huge-charref.cmf.xml')],
      ],
      ['lr 60-person loop, 20 alleles, 24 loci', ['lr', loop]],
      ['validate 60-person loop', ['validate', loop]],
      ['dvi 60-person loop family', ['dvi', loopDVI, '--quiet']],
      ['search 60-person loop family', ['search', loopDVI, '--quiet']],
      ['dvi 4,097 alleles', ['dvi', a4097, '--quiet']],
      ['search 4,097 alleles', ['search', a4097, '--quiet']],
      ['dvi 1,024-allele stepwise locus (missing person table 2^30)', ['dvi', s1024, '--quiet']],
      ['search 1,024-allele stepwise locus', ['search', s1024, '--quiet']],
    ];
    const init = kindred(['db', 'init', db]);
    if (init.code !== 0) throw new Error(`kindred db init failed: ${init.err}`);
    // A store holding the 60-person loop family, for db search.
    const loopDb = join(dir, 'loop.db');
    for (const args of [
      ['db', 'init', loopDb],
      ['db', 'import', loopDb, loopDVI],
    ]) {
      const r = kindred(args);
      if (r.code !== 0) throw new Error(`kindred ${args.join(' ')} failed: ${r.err}`);
    }
    runs.push([
      'db search: store with the 60-person loop family',
      ['db', 'search', loopDb, '--quiet'],
    ]);
    const startup = median([0, 1, 2].map(() => kindred(['--version']).ms));
    const out: Record<string, number | string> = {
      'loader start-up (kindred --version, tsx), ms (median of 3)': Math.round(startup),
      bound: 'refusal ms over start-up < 1,000 and peak RSS < 200 MB',
    };
    let worstMs = 0;
    let worstRss = 0;
    for (const [label, args] of runs) {
      const r = kindred(args);
      if (r.code === 0) throw new Error(`${label}: accepted, expected a refusal`);
      const code = r.err.match(/(?:^|: )([A-Z][A-Z_]{3,}): /m)?.[1] ?? `exit ${r.code}`;
      const own = Math.max(0, r.ms - startup);
      worstMs = Math.max(worstMs, own);
      worstRss = Math.max(worstRss, r.rssMB);
      out[`${label}: ${code}, wall ms / over start-up ms / peak RSS MB`] =
        `${Math.round(r.ms)} / ${Math.round(own)} / ${Math.round(r.rssMB)}${own < 1000 && r.rssMB < 200 ? '' : ' (over the bound)'}`;
    }
    out['worst refusal, ms over start-up'] = Math.round(worstMs);
    out['worst refusal, peak RSS MB'] = Math.round(worstRss);
    out['every refusal within the bound'] = worstMs < 1000 && worstRss < 200 ? 'yes' : 'no';
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
