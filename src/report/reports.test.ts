/**
 * The HTML reports against the conformance suites' reference answers (independent tools: the
 * numbers in each report's `data-value` cells must agree with the `expected` block of the case
 * file), with every user string escaped and no script in the page.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCase } from '../io/case-file.js';
import { parseDVICase } from '../io/dvi-file.js';
import { caseProvenance } from '../provenance/case-provenance.js';
import { renderCaseReport } from './case-report.js';
import { renderDVIReport } from './dvi-report.js';
import { formatLog10, formatLRValue } from './html-page.js';

const root = join(import.meta.dirname, '..', '..');
const lrDir = join(root, 'fixtures', 'conformance', 'lr');
const dviDir = join(root, 'fixtures', 'conformance', 'dvi');
const degradedDir = join(root, 'fixtures', 'conformance', 'degraded');

type Expected = {
  reference: string;
  hypotheses: Record<string, { log10LR: number | null; loci: Record<string, { lr: number }> }>;
};

function attrs(html: string, field: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  for (const m of html.matchAll(new RegExp(`<(?:td|span)[^>]*data-field="${field}"[^>]*>`, 'g'))) {
    const a: Record<string, string> = {};
    for (const kv of m[0].matchAll(/data-([a-z0-9]+)="([^"]*)"/g)) a[kv[1]!] = kv[2]!;
    out.push(a);
  }
  return out;
}

const unescapeHTML = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

function close(got: number, want: number): boolean {
  return got === want || Math.abs(got - want) <= 1e-9 * Math.max(Math.abs(want), 1e-300);
}

describe('renderCaseReport', () => {
  const files = [
    ...readdirSync(lrDir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => join(lrDir, f)),
    // Degraded samples (drop-out, drop-in, silent alleles) in kinship cases.
    ...readdirSync(degradedDir)
      .filter((f) => /^deg-\d.*\.json$/.test(f))
      .map((f) => join(degradedDir, f)),
  ];

  it.each(files)('the report of %s shows the reference answer in its per-locus table', (file) => {
    const text = readFileSync(file, 'utf8');
    const doc = JSON.parse(text) as { expected: Expected };
    const kcase = parseCase(text, { file });
    const html = renderCaseReport(kcase, {
      provenance: caseProvenance(kcase, { computation: 'test', file, text }),
    });
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script/i);
    expect(html.match(/<svg /g)).toHaveLength(kcase.hypotheses.length);
    const ref = doc.expected.reference;
    const cells = attrs(html, 'lr');
    expect(cells.length).toBe((kcase.hypotheses.length - 1) * kcase.loci.length);
    for (const c of cells) {
      const want =
        doc.expected.hypotheses[unescapeHTML(c.hypothesis!)]!.loci[unescapeHTML(c.locus!)]!.lr;
      expect(close(Number(c.value), want), `${c.hypothesis} ${c.locus}`).toBe(true);
    }
    for (const c of attrs(html, 'log10LR')) {
      const want = doc.expected.hypotheses[unescapeHTML(c.hypothesis!)]!.log10LR;
      if (want === null) expect(c.value).toBe('null');
      else expect(Math.abs(Number(c.value) - want)).toBeLessThan(1e-9);
    }
    expect(html).toContain(`data-hypothesis="${ref}"`);
    expect(html).toContain('Provenance');
  });

  it('escapes ids, names, locus and allele labels and the description', () => {
    const doc = {
      format: 'kindred-case/1',
      id: 'c<1>&"',
      description: '<img src=x onerror=alert(1)>',
      loci: [{ name: 'L<b>', alleles: ['1<', '2&'], frequencies: [0.5, 0.5] }],
      hypotheses: [
        {
          name: 'H<1>',
          pedigree: [
            { id: 'F"a', father: null, mother: null, sex: 'male' },
            { id: "<i>c'", father: 'F"a', mother: 'M', sex: 'female' },
            { id: 'M', father: null, mother: null, sex: 'female' },
          ],
        },
        {
          name: 'H&2',
          pedigree: [
            { id: 'F"a', father: null, mother: null, sex: 'male' },
            { id: "<i>c'", father: null, mother: null, sex: 'female' },
          ],
        },
      ],
      reference: 'H&2',
      genotypes: { 'F"a': { 'L<b>': ['1<', '2&'] }, "<i>c'": { 'L<b>': ['1<', '1<'] } },
    };
    const html = renderCaseReport(parseCase(doc));
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<i>');
    expect(html).not.toContain('<b>');
    expect(html).not.toContain('F"a');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('F&quot;a');
    expect(html).toContain('&lt;i&gt;c&#39;');
    expect(html).toContain('1&lt;/2&amp;');
    expect(html).toContain('Kinship report: case c&lt;1&gt;&amp;&quot;');
  });

  it('notes an exclusion and a locus that fits only through mutation', () => {
    const file = 'mut-stepwise-po-1excl-15l.json';
    const html = renderCaseReport(parseCase(readFileSync(join(lrDir, file), 'utf8'), { file }));
    expect(html).toMatch(
      /inconsistent with Mendelian inheritance under H1; its likelihood there is &gt; 0 only through the mutation model \(stepwise/,
    );
    const excl = 'pair-po-exclusion-nomut-1.json';
    const h2 = renderCaseReport(parseCase(readFileSync(join(lrDir, excl), 'utf8'), { file: excl }));
    expect(h2).toMatch(/H1 is excluded at \d+ locus/);
    expect(h2).toContain('H1 is excluded (LR 0)');
  });
});

describe('renderDVIReport', () => {
  const files = readdirSync(dviDir).filter((f) => f.endsWith('.json'));

  it.each(files)(
    'the report of %s shows the reference pairwise matrix and best assignment',
    (file) => {
      const text = readFileSync(join(dviDir, file), 'utf8');
      const doc = JSON.parse(text) as {
        expected: {
          pairwise: Record<string, Record<string, { log10LR: number | null }>>;
          joint: { assignment: Record<string, string | null>; log10LR: number }[];
        };
      };
      const dviCase = parseDVICase(text, { file });
      const html = renderDVIReport(dviCase);
      expect(html).not.toMatch(/<script/i);
      expect(html.match(/<svg /g)).toHaveLength(dviCase.families.length);
      const cells = attrs(html, 'pairwise');
      const n = Object.values(doc.expected.pairwise).reduce((s, r) => s + Object.keys(r).length, 0);
      expect(cells.length).toBe(n);
      for (const c of cells) {
        const want = doc.expected.pairwise[c.victim!]![c.missing!]!.log10LR;
        if (want === null) expect(c.value).toBe('null');
        else expect(Math.abs(Number(c.value) - want)).toBeLessThan(1e-9);
      }
      const best = attrs(html, 'log10LR')[0]!;
      expect(Math.abs(Number(best.value) - doc.expected.joint[0]!.log10LR)).toBeLessThan(1e-9);
    },
  );
});

describe('report number formats', () => {
  it('formatLRValue and formatLog10 write LRs as people read them', () => {
    expect(formatLRValue(0)).toBe('0');
    expect(formatLRValue(2.5)).toBe('2.5');
    expect(formatLRValue(0.123456)).toBe('0.1235');
    expect(formatLRValue(12345678)).toBe('1.235e+7');
    expect(formatLRValue(0.0001234)).toBe('1.234e-4');
    expect(formatLog10(null)).toBe('−∞');
    expect(formatLog10(17.6543)).toBe('17.65');
  });
});
