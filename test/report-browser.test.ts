/**
 * Reports checked as a person would see them, in real headless Chromium (Debian's
 * /usr/bin/chromium through playwright-core, as in browser.test.ts): the HTML of `kindred report`
 * for kinship cases and DVI incidents is opened, and from the rendered page (real fonts, real
 * text widths) the test asserts that every person of every pedigree is drawn, that no two
 * symbols or labels overlap, that every number of the per-locus and pairwise tables equals the
 * JSON answer, and that the page prints to an A4 PDF. A full-page screenshot is taken of each
 * report; with KINDRED_UPDATE_SCREENSHOTS=1 the one of mp-big3gen-24l is written to
 * docs/images/report-case.png (the README's screenshot). Skipped when Chromium is absent.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeDVI } from '../src/dvi/dvi.js';
import { parseCase } from '../src/io/case-file.js';
import { formatDVIAnswer } from '../src/io/dvi-answer.js';
import { parseDVICase } from '../src/io/dvi-file.js';
import { formatLRAnswer } from '../src/io/lr-answer.js';
import { computeProgrammePower } from '../src/power/programme-power.js';
import { caseProvenance } from '../src/provenance/case-provenance.js';
import { computeKinshipLR } from '../src/relationships/kinship-lr.js';
import { renderCaseReport } from '../src/report/case-report.js';
import { renderDVIReport } from '../src/report/dvi-report.js';
import { renderPowerReport } from '../src/report/power-report.js';
import type { DVICase } from '../src/search/types.js';

const CHROMIUM = '/usr/bin/chromium';
const HAS_CHROMIUM = existsSync(CHROMIUM);
if (!HAS_CHROMIUM) console.warn(`report-browser.test.ts skipped: ${CHROMIUM} not found`);

const root = join(import.meta.dirname, '..');
const lrDir = join(root, 'fixtures', 'conformance', 'lr');
const dviDir = join(root, 'fixtures', 'conformance', 'dvi');
const out = mkdtempSync(join(tmpdir(), 'kindred-report-'));

interface Rect {
  readonly what: string;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** Per pedigree figure: ids drawn, and the rendered boxes of every symbol and label. */
async function pedigreeGeometry(page: Page): Promise<{ ids: string[]; rects: Rect[] }[]> {
  return page.$$eval('svg.pedigree', (svgs) =>
    svgs.map((svg) => {
      const ids: string[] = [];
      const rects: { what: string; x: number; y: number; w: number; h: number }[] = [];
      for (const g of Array.from(svg.querySelectorAll('g.person'))) {
        const id = g.getAttribute('data-id') ?? '';
        ids.push(id);
        for (const el of Array.from(g.querySelectorAll('.symbol, .label'))) {
          const r = el.getBoundingClientRect();
          rects.push({
            what: `${el.getAttribute('class')} ${id}`,
            x: r.x,
            y: r.y,
            w: r.width,
            h: r.height,
          });
        }
      }
      return { ids, rects };
    }),
  );
}

function overlapping(rects: readonly Rect[]): string[] {
  const bad: string[] = [];
  for (let i = 0; i < rects.length; i++) {
    for (let j = i + 1; j < rects.length; j++) {
      const a = rects[i]!;
      const b = rects[j]!;
      // 0.5 px of tolerance for anti-aliased edges that touch.
      if (
        a.x + 0.5 < b.x + b.w &&
        b.x + 0.5 < a.x + a.w &&
        a.y + 0.5 < b.y + b.h &&
        b.y + 0.5 < a.y + a.h
      )
        bad.push(`${a.what} × ${b.what}`);
    }
  }
  return bad;
}

/** Every family of the incident is drawn, person by person, with no two symbols or labels overlapping. */
async function expectFamiliesDrawn(page: Page, dviCase: DVICase): Promise<void> {
  const figures = await pedigreeGeometry(page);
  expect(figures.map((f) => [...f.ids].sort())).toEqual(
    dviCase.families.map((f) => [...f.pedigree.ids].sort()),
  );
  for (const f of figures) expect(overlapping(f.rects)).toEqual([]);
}

describe.runIf(HAS_CHROMIUM)('reports in headless Chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it.each([
    'mp-big3gen-24l.json',
    'mp-cousin_marriage-15l.json',
    'pair-4hyp-hsp-20l.json',
    'mut-stepwise-po-1excl-15l.json',
    'direct-match-10l-theta0.json',
  ])(
    'the case report of %s draws every person without overlaps, and its table equals the JSON answer',
    async (name) => {
      const file = join(lrDir, name);
      const text = readFileSync(file, 'utf8');
      const kcase = parseCase(text, { file });
      const result = computeKinshipLR(kcase);
      const answer = formatLRAnswer(result);
      const html = renderCaseReport(kcase, {
        result,
        provenance: caseProvenance(kcase, { computation: 'kindred report', file: name, text }),
      });
      const path = join(out, name.replace(/\.json$/, '.html'));
      writeFileSync(path, html);
      const page = await browser.newPage({ viewport: { width: 900, height: 1200 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      try {
        await page.goto(`file://${path}`);
        const figures = await pedigreeGeometry(page);
        expect(figures.map((f) => [...f.ids].sort())).toEqual(
          kcase.hypotheses.map((h) => [...h.pedigree.ids].sort()),
        );
        for (const f of figures) {
          expect(f.rects.length).toBeGreaterThanOrEqual(2 * f.ids.length);
          expect(overlapping(f.rects)).toEqual([]);
        }
        const cells = await page.$$eval('td[data-field="lr"]', (tds) =>
          tds.map((td) => ({
            h: td.getAttribute('data-hypothesis')!,
            locus: td.getAttribute('data-locus')!,
            value: td.getAttribute('data-value')!,
            text: td.textContent ?? '',
          })),
        );
        const others = Object.keys(answer.hypotheses).filter((h) => h !== answer.reference);
        expect(cells.length).toBe(others.length * kcase.loci.length);
        // Every number cell is on the page, not cut off at the right edge of the content.
        const overflow = await page.evaluate(() => {
          const right = document.body.getBoundingClientRect().right;
          return Array.from(document.querySelectorAll('td[data-field]'))
            .filter((td) => td.getBoundingClientRect().right > right + 1)
            .map((td) => `${td.getAttribute('data-field')} ${td.getAttribute('data-locus')}`);
        });
        expect(overflow).toEqual([]);
        for (const c of cells) {
          const want = answer.hypotheses[c.h]!.loci[c.locus]!.lr;
          expect(Number(c.value), `${c.h} ${c.locus}`).toBe(want);
        }
        const totals = await page.$$eval('td[data-field="log10LR"]', (tds) =>
          tds.map((td) => [td.getAttribute('data-hypothesis')!, td.getAttribute('data-value')!]),
        );
        for (const [h, v] of totals) {
          const want = answer.hypotheses[h!]!.log10LR;
          expect(v === 'null' ? null : Number(v)).toBe(want);
        }
        expect(await page.locator('script').count()).toBe(0);
        const png = await page.screenshot({ fullPage: true });
        expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
        if (name === 'mp-big3gen-24l.json' && process.env.KINDRED_UPDATE_SCREENSHOTS === '1') {
          mkdirSync(join(root, 'docs', 'images'), { recursive: true });
          writeFileSync(join(root, 'docs', 'images', 'report-case.png'), png);
        }
        expect(errors).toEqual([]);
      } finally {
        await page.close();
      }
    },
    60_000,
  );

  it.each(['dvi-pub-8v-5f.json', 'dvi-pub-4v-3f-sexspec.json'])(
    'the DVI report of %s draws every family without overlaps, and its matrix equals the JSON answer',
    async (name) => {
      const file = join(dviDir, name);
      const dviCase = parseDVICase(readFileSync(file, 'utf8'), { file });
      const result = computeDVI(dviCase);
      const answer = formatDVIAnswer(result);
      const path = join(out, name.replace(/\.json$/, '.html'));
      writeFileSync(path, renderDVIReport(dviCase, { result }));
      const page = await browser.newPage({ viewport: { width: 900, height: 1200 } });
      try {
        await page.goto(`file://${path}`);
        await expectFamiliesDrawn(page, dviCase);
        const cells = await page.$$eval('[data-field="pairwise"]', (els) =>
          els.map((el) => [
            el.getAttribute('data-victim')!,
            el.getAttribute('data-missing')!,
            el.getAttribute('data-value')!,
          ]),
        );
        const n = Object.values(answer.pairwise).reduce((s, row) => s + Object.keys(row).length, 0);
        expect(cells.length).toBe(n);
        for (const [v, m, value] of cells) {
          const want = answer.pairwise[v!]![m!]!.log10LR;
          expect(value === 'null' ? null : Number(value)).toBe(want);
        }
        const joint = await page.$$eval('td[data-field="log10LR"]', (tds) =>
          tds.map((td) => Number(td.getAttribute('data-value'))),
        );
        expect(joint).toEqual(answer.joint.map((j) => j.log10LR));
        // The best assignment's remains are written under their missing persons.
        const placed = await page.$$eval('g.person[data-placed]', (gs) =>
          gs.map((g) => [g.getAttribute('data-id')!, g.getAttribute('data-placed')!]),
        );
        const best = Object.entries(answer.joint[0]!.assignment).filter(([, m]) => m !== null);
        expect(placed.sort()).toEqual(best.map(([v, m]) => [m!, v]).sort());
        // Pairing posteriors on the page are those of the answer; each remains' shown outcomes
        // sum to 1 up to the hidden ones (each < 0.001).
        const posteriors = await page.$$eval('td[data-field="posterior"]', (tds) =>
          tds.map((td) => [
            td.parentElement!.getAttribute('data-victim')!,
            td.parentElement!.getAttribute('data-missing')!,
            Number(td.getAttribute('data-value')),
          ]),
        );
        const pairings = answer.pairings as Record<string, Record<string, { posterior: number }>>;
        expect(posteriors.length).toBeGreaterThan(0);
        const sums = new Map<string, number>();
        for (const [v, m, p] of posteriors as [string, string, number][]) {
          expect(p).toBe(pairings[v]![m]!.posterior);
          sums.set(v, (sums.get(v) ?? 0) + p);
        }
        for (const v of Object.keys(pairings)) {
          const hidden = Object.values(pairings[v]!).filter((c) => c.posterior < 0.001).length;
          expect(sums.get(v)!).toBeGreaterThanOrEqual(1 - 0.001 * hidden - 1e-9);
          expect(sums.get(v)!).toBeLessThanOrEqual(1 + 1e-9);
        }
      } finally {
        await page.close();
      }
    },
    60_000,
  );

  it('the power report draws every family without overlaps, and its numbers equal the answer', async () => {
    const name = 'dvi-pub-4v-3f-sexspec.json';
    const file = join(dviDir, name);
    const dviCase = parseDVICase(readFileSync(file, 'utf8'), { file });
    const report = computeProgrammePower(dviCase, { sims: 400, seed: 3, threshold: 100 });
    const path = join(out, `power-${name.replace(/\.json$/, '.html')}`);
    writeFileSync(path, renderPowerReport(dviCase, report));
    const page = await browser.newPage({ viewport: { width: 900, height: 1200 } });
    try {
      await page.goto(`file://${path}`);
      await expectFamiliesDrawn(page, dviCase);
      const rows = await page.$$eval('table.power tr[data-missing]', (trs) =>
        trs.map((tr) => [
          tr.getAttribute('data-family')!,
          tr.getAttribute('data-missing')!,
          tr.querySelector('[data-field="exclusionPower"]')!.getAttribute('data-value')!,
          tr.querySelector('[data-field="inclusionPower"]')!.getAttribute('data-value')!,
        ]),
      );
      expect(rows).toEqual(
        report.families.map((f) => [
          f.family,
          f.missing,
          String(f.exclusionPower),
          String(f.inclusionPower),
        ]),
      );
      // the MPP plot is drawn, and no number cell is cut off at the right edge
      expect(await page.locator('figure.mpp svg circle').count()).toBe(report.families.length);
      const overflow = await page.evaluate(() => {
        const right = document.body.getBoundingClientRect().right;
        return Array.from(document.querySelectorAll('td[data-field]')).filter(
          (td) => td.getBoundingClientRect().right > right + 1,
        ).length;
      });
      expect(overflow).toBe(0);
    } finally {
      await page.close();
    }
  }, 60_000);

  it('prints a case report to an A4 PDF', async () => {
    const path = join(out, 'mp-big3gen-24l.html');
    if (!existsSync(path)) {
      const file = join(lrDir, 'mp-big3gen-24l.json');
      writeFileSync(path, renderCaseReport(parseCase(readFileSync(file, 'utf8'), { file })));
    }
    const page = await browser.newPage();
    try {
      await page.goto(`file://${path}`);
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
      expect(pages.length).toBeGreaterThanOrEqual(1);
      expect(pages.length).toBeLessThanOrEqual(4);
    } finally {
      await page.close();
    }
  }, 60_000);
});
