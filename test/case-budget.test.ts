/**
 * One complexity budget per case (issue 18): every hypothesis or family at every locus is
 * costed from its elimination plan before any likelihood is computed, and the sum is held to
 * `ComputeBudget.maxCaseWork` (default 2^32), with the same limit in `validate`, `lr`, `dvi` and
 * `search`. The refusal names the case, the hypothesis or family and the locus. Time is never
 * asserted (the bench `refusals` measures it, as a whole process).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.js';
import { parseCase } from '../src/io/case-file.js';
import { parseDVICase } from '../src/io/dvi-file.js';
import { DEFAULT_MAX_CASE_WORK } from '../src/likelihood/case-budget.js';
import {
  planCacheStats,
  planCostForProblem,
  planForProblem,
} from '../src/likelihood/compute-likelihood.js';
import { computeJointCost } from '../src/likelihood/locus-cost.js';
import { locusProblem } from '../src/likelihood/locus-likelihood.js';
import { matVar, patVar } from '../src/likelihood/locus-model.js';
import { observedAlleles, prepareLocus } from '../src/likelihood/prepare-locus.js';
import { checkKinshipCaseBudget } from '../src/relationships/case-budget.js';
import { computeKinshipLR } from '../src/relationships/kinship-lr.js';
import { checkDVICaseBudget } from '../src/search/case-budget.js';
import {
  loopCaseDocument,
  loopDVIDocument,
  loopGenotypes,
  loopLoci,
  loopPedigree,
} from './helpers/loop-case.js';
import { runOnText } from './helpers/run-cli.js';

const run = runOnText;

const lrDir = join(import.meta.dirname, '..', 'fixtures', 'conformance', 'lr');

describe('the 60-person loop, 20 alleles, 24 loci of issue 18', () => {
  const text = JSON.stringify(loopCaseDocument());

  it('each locus alone is within the per-locus budget (so only a whole-case budget can refuse it)', () => {
    // No per-locus refusal with the default maxWork (2^31) and maxTableSize: only the sum is over.
    const total = checkKinshipCaseBudget(parseCase(text), { budget: { maxCaseWork: 1e15 } });
    expect(total).toBeGreaterThan(DEFAULT_MAX_CASE_WORK);
    expect(total).toBeLessThan(24 * 2 * 2 ** 31);
  });

  it('kindred lr refuses it: TOO_COMPLEX naming case, hypothesis and locus, nothing computed', async () => {
    const before = planCacheStats().plans;
    const r = await run(['lr', '-'], text);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(
      /^kindred: TOO_COMPLEX: Case "loop60" is too complex for exact computation: at least \d+ operations over \d+ locus computations of its hypotheses, more than the limit of 4294967296; the costliest is hypothesis "H1" at locus "L\d+" \(\d+ operations\)\. Refused before any computation: .* \(hypotheses\[0\]\.pedigree\)\n$/,
    );
    // Costed from the plans alone: no plan was compiled (no table was allocated).
    expect(planCacheStats().plans).toBe(before);
  });

  it('kindred validate refuses it with the same message (the limits agree)', async () => {
    const r = await run(['validate', '-'], text);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /^-: TOO_COMPLEX: Case "loop60" is too complex .*hypothesis "H1" at locus "L\d+"/,
    );
    expect(r.err.split('\n').filter((l) => l !== '')).toHaveLength(1);
  });

  it('computeKinshipLR refuses it too (the library checks before it computes)', () => {
    expect(() => computeKinshipLR(parseCase(text))).toThrow(
      expect.objectContaining({ code: 'TOO_COMPLEX', path: ['hypotheses', 0, 'pedigree'] }),
    );
  });

  it('kindred dvi, search and validate refuse the same pedigree as a DVI family (each family a case of its own), naming family, case and locus', async () => {
    const dvi = JSON.stringify(loopDVIDocument());
    for (const command of ['dvi', 'search'] as const) {
      const r = await run([command, '-', '--quiet'], dvi);
      expect(r.code).toBe(1);
      expect(r.out).toBe('');
      expect(r.err).toMatch(
        /^kindred: TOO_COMPLEX: Family "LOOP" of case "loop60-dvi" is too complex for exact computation: .* of its pedigree and missing persons, .*the costliest is (its pedigree|missing person "[^"]+") at locus "L\d+" .*\(families\[0\]\.pedigree\)\n$/,
      );
    }
    const v = await run(['validate', '-'], dvi);
    expect(v.code).toBe(1);
    expect(v.err).toContain('Family "LOOP" of case "loop60-dvi" is too complex');
  });

  it('the library search index refuses it too (SearchIndex.fromDVICase runs the same check; it had only the per-locus budget)', async () => {
    const { SearchIndex } = await import('../src/search/index/search-index.js');
    const dvi = parseDVICase(JSON.stringify(loopDVIDocument()));
    expect(() => SearchIndex.fromDVICase(dvi)).toThrow(
      expect.objectContaining({
        code: 'TOO_COMPLEX',
        message: expect.stringContaining('Family "LOOP" of case "loop60-dvi" is too complex'),
      }),
    );
  });

  it('kindred db search refuses the same family from a store before building its index, naming it', async () => {
    const { mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { readTextFile } = await import('../src/cli/cli-io.js');
    const dir = mkdtempSync(join(tmpdir(), 'kindred-budget-'));
    try {
      const db = join(dir, 'x.db');
      const file = join(dir, 'loop.json');
      writeFileSync(file, JSON.stringify(loopDVIDocument()));
      const cli = async (argv: string[]) => {
        let out = '';
        let err = '';
        const code = await runCli(argv, {
          stdout: (t) => {
            out += t;
          },
          stderr: (t) => {
            err += t;
          },
          readFile: readTextFile,
        });
        return { code, out, err };
      };
      expect((await cli(['db', 'init', db])).code).toBe(0);
      expect((await cli(['db', 'import', db, file])).code).toBe(0);
      const r = await cli(['db', 'search', db, '--quiet']);
      expect(r.code).toBe(1);
      expect(r.out).toBe('');
      expect(r.err).toMatch(/^kindred: TOO_COMPLEX: Family "LOOP"/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a larger --max-case-work lets a shorter version through the check (the limit is the one refusing)', () => {
    const four = parseCase(JSON.stringify(loopCaseDocument(4)));
    expect(() => checkKinshipCaseBudget(four, { budget: { maxCaseWork: 2 ** 33 } })).not.toThrow();
    expect(() => checkKinshipCaseBudget(four, { budget: { maxCaseWork: 2 ** 30 } })).toThrow(
      expect.objectContaining({ code: 'TOO_COMPLEX' }),
    );
  });
});

describe('the case budget is exact and counts every hypothesis and locus', () => {
  it('a conformance case passes at exactly its total and is refused one operation below', () => {
    for (const f of ['mp-cousin_marriage-stepwise-10l.json', 'theta01-fs-10l.json']) {
      const doc = JSON.parse(readFileSync(join(lrDir, f), 'utf8')) as Record<string, unknown>;
      const kcase = parseCase(doc);
      const total = checkKinshipCaseBudget(kcase);
      expect(total).toBeGreaterThan(0);
      expect(checkKinshipCaseBudget(kcase, { budget: { maxCaseWork: total } })).toBe(total);
      expect(() => computeKinshipLR(kcase, { budget: { maxCaseWork: total - 1 } })).toThrow(
        expect.objectContaining({
          code: 'TOO_COMPLEX',
          message: expect.stringContaining(`Case "${kcase.id}" is too complex`),
        }),
      );
      // Within its total, the answer is the conformance answer.
      const got = computeKinshipLR(kcase, { budget: { maxCaseWork: total } });
      const want = (doc.expected as { hypotheses: Record<string, { log10LR: number | null }> })
        .hypotheses;
      for (const h of got.hypotheses) {
        const w = want[h.name]!.log10LR;
        if (w === null) expect(h.log10LR).toBeNull();
        else expect(h.log10LR).toBeCloseTo(w, 6);
      }
    }
  });

  it('the total is the sum over hypotheses: dropping a hypothesis lowers it', () => {
    const doc = JSON.parse(readFileSync(join(lrDir, 'theta01-fs-10l.json'), 'utf8'));
    const kcase = parseCase(doc);
    const all = checkKinshipCaseBudget(kcase);
    const ref = kcase.hypotheses.find((h) => h.name === kcase.reference)!;
    const other = kcase.hypotheses.find((h) => h.name !== kcase.reference)!;
    const fewer = checkKinshipCaseBudget({ ...kcase, hypotheses: [ref] });
    const alone = checkKinshipCaseBudget({ ...kcase, hypotheses: [other] });
    expect(fewer + alone).toBe(all);
  });

  it('kindred lr --max-case-work: a tiny limit refuses a conformance case naming it; provenance records the limit', async () => {
    const text = readFileSync(join(lrDir, 'theta01-fs-10l.json'), 'utf8');
    const r = await run(['lr', '-', '--max-case-work', '1'], text);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^kindred: TOO_COMPLEX: Case "[^"]+" is too complex .*limit of 1;/);
    const ok = await run(['lr', '-'], text);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out).provenance.engine.maxCaseWork).toBe(DEFAULT_MAX_CASE_WORK);
  });

  it('a DVI document: each family is a case of its own, held to the limit alone (a programme of many families is not summed)', () => {
    const dir = join(import.meta.dirname, '..', 'fixtures', 'conformance', 'dvi');
    const dvi = parseDVICase(readFileSync(join(dir, 'dvi-pub-3v-2f-stepwise.json'), 'utf8'));
    const total = checkDVICaseBudget(dvi);
    expect(total).toBeLessThan(DEFAULT_MAX_CASE_WORK);
    const each = dvi.families.map((f) => checkDVICaseBudget({ ...dvi, families: [f] }));
    expect(each.reduce((a, b) => a + b, 0)).toBe(total);
    const largest = Math.max(...each);
    expect(largest).toBeLessThan(total);
    // The largest family's own total passes; one operation less refuses that family by name.
    expect(checkDVICaseBudget(dvi, { maxCaseWork: largest })).toBe(total);
    const name = dvi.families[each.indexOf(largest)]!.name;
    expect(() => checkDVICaseBudget(dvi, { maxCaseWork: largest - 1 })).toThrow(
      expect.objectContaining({
        code: 'TOO_COMPLEX',
        message: expect.stringMatching(
          new RegExp(`^Family "${name}" of case "${dvi.id}" is too complex for exact computation`),
        ),
      }),
    );
  });
});

describe('the cost is the plan the engine compiles (measured before it is compiled)', () => {
  it('planCostForProblem and computeJointCost equal the compiled plan: work and largest table, plain and with a kept person', () => {
    for (const generations of [3, 4, 5]) {
      // Loop pedigrees of this size are compiled nowhere else, so each plan is measured first.
      const pedigree = loopPedigree(generations);
      const loci = loopLoci(2, 12);
      const doc = {
        format: 'kindred-case/1',
        id: `loop-${generations}`,
        loci,
        hypotheses: [{ name: 'H1', pedigree }],
        reference: 'H1',
        genotypes: loopGenotypes(pedigree, loci),
      };
      const kcase = parseCase(JSON.stringify(doc));
      const hyp = kcase.hypotheses[0]!.pedigree;
      for (const locus of kcase.loci) {
        const prepared = prepareLocus(locus, observedAlleles(kcase.genotypes, locus.name));
        const problem = locusProblem(hyp, prepared, kcase.genotypes, 0)!;
        const measured = planCostForProblem(problem)!;
        const plan = planForProblem(problem)!;
        expect(measured).toEqual({ maxTableSize: plan.maxTableSize, work: plan.work });
        const row = hyp.ids.findIndex((_, i) => problem.genotypes[2 * i]! < 0 && i > 3);
        expect(row).toBeGreaterThan(3);
        const joint = computeJointCost(problem, row);
        const jointPlan = planForProblem(problem, [row], [patVar(row), matVar(row)])!;
        expect(joint).toEqual({ maxTableSize: jointPlan.maxTableSize, work: jointPlan.work });
      }
    }
  });
});

describe('at theta > 0 the missing persons’ genotype tables are costed genotype by genotype', () => {
  it('each missing person adds n(n+1) pedigree likelihoods per locus, so a budget that holds the pedigrees refuses the tables (they were not counted)', () => {
    const file = join(
      import.meta.dirname,
      '..',
      'fixtures',
      'conformance',
      'dvi',
      'dvi-pub-8v-5f.json',
    );
    const doc = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    delete doc.expected;
    const plain = parseDVICase(JSON.stringify({ ...doc, theta: 0 }));
    const theta = parseDVICase(JSON.stringify({ ...doc, theta: 0.01 }));
    const pedigrees = checkDVICaseBudget(theta, { maxCaseWork: 1e300 });
    // the pedigrees alone (what was counted before) are a small share of the total
    let genotypes = 0;
    for (const l of theta.loci) genotypes += l.alleles.length * (l.alleles.length + 1);
    expect(pedigrees).toBeGreaterThan(genotypes);
    expect(pedigrees).toBeGreaterThan(checkDVICaseBudget(plain, { maxCaseWork: 1e300 }));
    expect(() => checkDVICaseBudget(theta, { maxCaseWork: pedigrees / 4 })).toThrow(
      expect.objectContaining({
        code: 'TOO_COMPLEX',
        message: expect.stringContaining('(its genotype table at theta > 0)'),
      }),
    );
  });
});

describe('SearchIndex.addFamily, called alone, holds each family to the case budget (issue 18)', () => {
  const dir = join(import.meta.dirname, '..', 'fixtures', 'conformance', 'dvi');
  const load = () => parseDVICase(readFileSync(join(dir, 'dvi-pub-3v-2f-stepwise.json'), 'utf8'));

  it('the 60-person loop family is refused before any of its likelihoods is computed, and the index is unchanged', async () => {
    const { SearchIndex } = await import('../src/search/index/search-index.js');
    const dvi = parseDVICase(JSON.stringify(loopDVIDocument()));
    const index = new SearchIndex(dvi.loci);
    expect(() => index.addFamily(dvi.families[0]!)).toThrow(
      expect.objectContaining({
        code: 'TOO_COMPLEX',
        message: expect.stringContaining('Family "LOOP" of case "the search index" is too complex'),
      }),
    );
    expect(index.familyNames()).toEqual([]);
    expect(index.entries).toHaveLength(0);
  });

  it('the limit is the one refusing: a family passes at exactly its own total and is refused one operation below', async () => {
    const { SearchIndex } = await import('../src/search/index/search-index.js');
    const dvi = load();
    const family = dvi.families[0]!;
    // The family as a case of its own with no victims: the alleles its tables are computed on.
    const own = checkDVICaseBudget({ ...dvi, victims: new Map(), families: [family] });
    expect(own).toBeGreaterThan(0);
    const at = new SearchIndex(dvi.loci, { budget: { maxCaseWork: own } });
    expect(at.addFamily(family, dvi.observation).length).toBe(family.missing.length);
    const below = new SearchIndex(dvi.loci, { budget: { maxCaseWork: own - 1 } });
    expect(() => below.addFamily(family, dvi.observation)).toThrow(
      expect.objectContaining({
        code: 'TOO_COMPLEX',
        message: expect.stringMatching(new RegExp(`^Family "${family.name}" of case`)),
      }),
    );
    expect(below.familyNames()).toEqual([]);
  });

  it('prepared loci with every allele of the case cost the family as kindred dvi does (never less than its own alleles)', async () => {
    const { SearchIndex } = await import('../src/search/index/search-index.js');
    const { prepareDVILoci } = await import('../src/search/case-budget.js');
    const dvi = load();
    const family = dvi.families[0]!;
    const whole = prepareDVILoci(dvi);
    const asDVI = checkDVICaseBudget({ ...dvi, families: [family] }, undefined, whole);
    const own = checkDVICaseBudget({ ...dvi, victims: new Map(), families: [family] });
    expect(asDVI).toBeGreaterThanOrEqual(own);
    const index = new SearchIndex(dvi.loci, { budget: { maxCaseWork: asDVI - 1 } });
    expect(() => index.addFamily(family, dvi.observation, whole)).toThrow(
      expect.objectContaining({ code: 'TOO_COMPLEX' }),
    );
    expect(
      new SearchIndex(dvi.loci, { budget: { maxCaseWork: asDVI } }).addFamily(
        family,
        dvi.observation,
        whole,
      ).length,
    ).toBe(family.missing.length);
  });

  it('prepared loci that are not the index’s are refused (INVALID_ARGUMENT), not used', async () => {
    const { SearchIndex } = await import('../src/search/index/search-index.js');
    const { prepareDVILoci } = await import('../src/search/case-budget.js');
    const dvi = load();
    const index = new SearchIndex(dvi.loci);
    const whole = prepareDVILoci(dvi);
    expect(() => index.addFamily(dvi.families[0]!, undefined, whole.slice(1))).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
    expect(() => index.addFamily(dvi.families[0]!, undefined, [...whole].reverse())).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });

  it('unlumped, the family is costed on every allele of each locus (as its tables are computed)', async () => {
    const { SearchIndex } = await import('../src/search/index/search-index.js');
    const dvi = parseDVICase(readFileSync(join(dir, 'dvi-pub-8v-5f.json'), 'utf8'));
    const family = dvi.families[0]!;
    const all = dvi.loci.map((l) => prepareLocus(l, new Set(), { lump: false }));
    const unlumped = checkDVICaseBudget(
      { ...dvi, victims: new Map(), families: [family] },
      undefined,
      all,
    );
    // Without mutation the family's tables are lumped by its own alleles: unlumped costs more.
    expect(unlumped).toBeGreaterThan(
      checkDVICaseBudget({ ...dvi, victims: new Map(), families: [family] }),
    );
    expect(
      new SearchIndex(dvi.loci, { budget: { maxCaseWork: unlumped - 1 } }).addFamily(family).length,
    ).toBe(family.missing.length);
    const index = new SearchIndex(dvi.loci, { lump: false, budget: { maxCaseWork: unlumped - 1 } });
    expect(() => index.addFamily(family)).toThrow(expect.objectContaining({ code: 'TOO_COMPLEX' }));
  });
});
