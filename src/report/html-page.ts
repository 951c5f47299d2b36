/**
 * The shell of every Kindred report: one self-contained HTML document (inline CSS, inline SVG,
 * no scripts), laid out for A4 print, with a header naming what was computed, a provenance
 * section, and a block for the reviewer's signature. Also the number formats of the reports.
 *
 * @module
 */
import type { Provenance } from '../provenance/provenance.js';
import { escapeHTML, LABEL_FONT_FAMILY } from './escape.js';

/** The parts of one report page. */
export interface ReportPage {
  /** `<title>` and the main heading. */
  readonly title: string;
  /** One line under the heading (e.g. the case description). */
  readonly subtitle?: string;
  /** The body, already HTML (every user string escaped by the caller). */
  readonly body: string;
  /** Provenance of the numbers, shown in its own section. */
  readonly provenance?: Provenance;
  /** Draw the signature block (default true). */
  readonly signature?: boolean;
}

const CSS = `
@page { size: A4; margin: 14mm 12mm; }
* { box-sizing: border-box; }
body { font-family: 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif; font-size: 10.5pt; color: #1a1a1a; margin: 0 auto; max-width: 186mm; padding: 8mm 0; line-height: 1.35; }
h1 { font-size: 17pt; margin: 0 0 2mm; }
h2 { font-size: 13pt; margin: 7mm 0 2mm; border-bottom: 1px solid #999; padding-bottom: 1mm; break-after: avoid; }
h3 { font-size: 11pt; margin: 4mm 0 1mm; break-after: avoid; }
p.subtitle { margin: 0 0 3mm; color: #444; }
p.simulated { border: 1px solid #b3261e; color: #b3261e; padding: 1mm 2mm; }
table { border-collapse: collapse; margin: 2mm 0; font-size: 9pt; }
th, td { border: 1px solid #bbb; padding: 0.8mm 1.6mm; text-align: left; vertical-align: top; }
th { background: #eee; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.geno { font-family: ${LABEL_FONT_FAMILY}; font-size: 8pt; white-space: nowrap; padding: 0.8mm 1mm; }
table.loci th { font-size: 8pt; padding: 0.8mm 1mm; }
table.compact { font-size: 8pt; }
table.compact th, table.compact td { padding: 0.6mm 1mm; }
tr.total td { font-weight: bold; border-top: 2px solid #444; }
tr.excluded td.num { color: #b3261e; font-weight: bold; }
.summary { border: 2px solid #444; padding: 2mm 3mm; margin: 3mm 0; break-inside: avoid; }
.summary .lr { font-size: 13pt; font-weight: bold; }
.pedigrees { display: flex; flex-wrap: wrap; gap: 4mm; align-items: flex-start; }
figure { margin: 0; border: 1px solid #ccc; padding: 2mm; break-inside: avoid; max-width: 100%; }
figure svg { max-width: 100%; height: auto; display: block; }
figcaption { font-size: 9pt; color: #444; margin-top: 1mm; }
.legend { font-size: 8.5pt; color: #444; }
.notes li { margin: 0.5mm 0; }
table.provenance td { font-size: 8pt; word-break: break-all; }
table.provenance td.key { white-space: nowrap; word-break: normal; font-weight: bold; }
.signature { margin-top: 8mm; break-inside: avoid; display: grid; grid-template-columns: 1fr 1fr 1fr; gap: 6mm; }
.signature div { border-top: 1px solid #1a1a1a; padding-top: 1mm; font-size: 9pt; height: 16mm; }
.wide { overflow-x: auto; }
@media print { .wide { overflow: visible; } a { color: inherit; text-decoration: none; } }
`;

/**
 * Assemble one report page.
 *
 * @param page - title, subtitle, body HTML, provenance, signature switch
 * @returns a complete HTML document (UTF-8, no scripts)
 * @example
 * ```ts
 * renderReportPage({ title: 'Case pc-001', body: '<p>…</p>' }).startsWith('<!DOCTYPE html>'); // => true
 * ```
 */
export function renderReportPage(page: ReportPage): string {
  const parts = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="Kindred${page.provenance !== undefined ? ` ${escapeHTML(page.provenance.kindred)}` : ''}">`,
    `<title>${escapeHTML(page.title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    `<h1>${escapeHTML(page.title)}</h1>`,
    page.subtitle !== undefined ? `<p class="subtitle">${escapeHTML(page.subtitle)}</p>` : '',
    page.body,
    page.provenance !== undefined ? renderProvenanceSection(page.provenance) : '',
    page.signature === false
      ? ''
      : '<section class="signature" aria-label="Review"><div>Reviewed by (name)</div><div>Date</div><div>Signature</div></section>',
    '</body>',
    '</html>',
    '',
  ];
  return parts.filter((p) => p !== '').join('\n');
}

/**
 * The provenance section: one table row per item, hashes in full.
 *
 * @param p - the provenance of the page's numbers
 * @returns an HTML `<section>`
 * @example
 * ```ts
 * renderProvenanceSection(p).includes('SHA-256'); // => true
 * ```
 */
export function renderProvenanceSection(p: Provenance): string {
  const rows: [string, string][] = [
    ['Kindred version', p.kindred],
    ['Computed', `${p.computedAt} by ${p.computation}`],
    ...p.inputs.map((d): [string, string] => [
      'Input document',
      `${d.name} (${d.bytes} bytes) SHA-256 ${d.sha256}`,
    ]),
    ...p.frequencies.map((f): [string, string] => [
      'Frequency table',
      `${f.name}: ${f.markers} markers, ${f.alleles} alleles, canonical SHA-256 ${f.sha256}`,
    ]),
    ['Theta', String(p.theta)],
    ['Mutation models', _mutationSummary(p)],
    [
      'Unseen alleles',
      `${JSON.stringify(p.unseenAlleles.policy)}${p.unseenAlleles.added.length > 0 ? `; added: ${p.unseenAlleles.added.map((a) => `${a.marker} ${a.allele} (${a.frequency})`).join(', ')}` : '; none added'}`,
    ],
    [
      'Drop-out / drop-in',
      p.observation === null
        ? 'none (every sample read as fully observed)'
        : Object.entries(p.observation)
            .map(([id, o]) => `${id}: dropout ${o.dropout}, dropin ${o.dropin}`)
            .join('; '),
    ],
    [
      'Engine',
      `exact; lumping ${p.engine.lump ? 'on' : 'off'}; max table ${p.engine.maxTableSize}; max work ${p.engine.maxWork}`,
    ],
    [
      'Options',
      Object.keys(p.options).length === 0
        ? 'defaults'
        : Object.entries(p.options)
            .map(([k, v]) => `${k} ${String(v)}`)
            .join('; '),
    ],
  ];
  return [
    '<section class="provenance-section">',
    '<h2>Provenance</h2>',
    '<table class="provenance">',
    ...rows.map(
      ([k, v]) => `<tr><td class="key">${escapeHTML(k)}</td><td>${escapeHTML(v)}</td></tr>`,
    ),
    '</table>',
    '</section>',
  ].join('\n');
}

function _mutationSummary(p: Provenance): string {
  const byModel = new Map<string, string[]>();
  for (const l of p.loci) {
    const key = l.mutation === null ? 'none' : JSON.stringify(l.mutation);
    const list = byModel.get(key) ?? [];
    list.push(l.name);
    byModel.set(key, list);
  }
  return [...byModel].map(([model, loci]) => `${model}: ${loci.join(', ')}`).join('; ');
}

/**
 * An LR for people: 4 significant digits, plain between 0.001 and 1e6, else `1.234e+7`; `0` for 0.
 *
 * @param lr - a likelihood ratio (≥ 0)
 * @returns the text
 * @example
 * ```ts
 * formatLRValue(2.5); // => '2.5'
 * formatLRValue(12345678); // => '1.235e+7'
 * ```
 */
export function formatLRValue(lr: number): string {
  if (lr === 0) return '0';
  if (!Number.isFinite(lr)) return String(lr);
  const a = Math.abs(lr);
  if (a >= 1e-3 && a < 1e6) return String(Number(lr.toPrecision(4)));
  return lr.toExponential(3);
}

/**
 * A log10 LR for people: 2 decimals, `−∞` for null (LR 0).
 *
 * @param log10LR - log10 LR or null
 * @returns the text
 * @example
 * ```ts
 * formatLog10(17.6543); // => '17.65'
 * formatLog10(null); // => '−∞'
 * ```
 */
export function formatLog10(log10LR: number | null): string {
  return log10LR === null ? '−∞' : log10LR.toFixed(2);
}
