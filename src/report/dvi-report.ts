/**
 * The report of a `kindred-dvi/1` incident: the best joint assignments, the pairwise LR matrix
 * (or, for large incidents, each victim's best candidates), and each family's pedigree with the
 * remains the best assignment places on its missing persons, with provenance and a signature
 * block.
 *
 * @module
 */

import { computeDVI, type DVIOptions, type DVIResult, NOT_IDENTIFIED } from '../dvi/dvi.js';
import type { Provenance } from '../provenance/provenance.js';
import { verbalScale } from '../search/rank/categories.js';
import type { DVICase } from '../search/types.js';
import { escapeHTML } from './escape.js';
import { formatLog10, formatLRValue, renderReportPage } from './html-page.js';
import { drawPedigreeSVG } from './pedigree-svg.js';

/** Largest victims × missing persons matrix drawn in full; above it, best candidates only. */
export const FULL_MATRIX_CELLS = 600;
/** Outcomes of a remains with a smaller posterior are left out of the pairings table. */
const PAIRING_SHOWN = 0.001;
/** Candidates listed per victim when the matrix is too large to draw. */
const BEST_CANDIDATES = 5;

/** Options of {@link renderDVIReport}. */
export interface DVIReportOptions extends DVIOptions {
  /** The answer already computed for this case (else computed here, same engine). */
  readonly result?: DVIResult;
  readonly provenance?: Provenance;
  /** Draw the signature block (default true). */
  readonly signature?: boolean;
}

/**
 * The HTML report of a DVI incident (self-contained, no scripts). Numbers carry their exact
 * value in `data-value`, with `data-victim` / `data-missing` / `data-rank`.
 *
 * @param dviCase - a validated DVI case
 * @param options - DVI options or a precomputed result, provenance, signature switch
 * @returns the HTML text
 * @throws KindredError as `computeDVI` when the result is computed here
 * @example
 * ```ts
 * renderDVIReport(parseDVICase(text)).includes('Best joint assignments'); // => true
 * ```
 */
export function renderDVIReport(dviCase: DVICase, options: DVIReportOptions = {}): string {
  const result = options.result ?? computeDVI(dviCase, options);
  const familyOf = new Map<string, string>();
  for (const f of dviCase.families) for (const m of f.missing) familyOf.set(m, f.name);
  const missing = dviCase.families.flatMap((f) => f.missing);
  const best = result.joint[0];
  const body: string[] = [];

  const nMissing = missing.length;
  body.push('<section class="summary" aria-label="Conclusion">');
  body.push(
    `<p>${result.victims.length} remains, ${dviCase.families.length} reference families, ${nMissing} missing persons.</p>`,
  );
  if (best === undefined) {
    body.push('<p>No joint assignment has a nonzero likelihood.</p>');
  } else {
    const pairs = [...best.assignment].filter(([, m]) => m !== null);
    body.push(
      `<p data-rank="1" data-log10lr="${String(best.log10LR)}">Best joint assignment: <span class="lr">${pairs.length === 0 ? 'nobody identified' : pairs.map(([v, m]) => `${escapeHTML(v)} = ${escapeHTML(m!)}`).join(', ')}</span>; log10 LR ${formatLog10(best.log10LR)} against “no victim identified” (${escapeHTML(verbalScale(best.log10LR))}).</p>`,
    );
    const second = result.joint[1];
    if (second !== undefined) {
      const gap = best.log10LR - second.log10LR;
      body.push(
        `<p>The second best assignment is ${formatLRValue(10 ** gap)} times less likely (log10 ${gap.toFixed(2)}).</p>`,
      );
    }
  }
  body.push('</section>');

  body.push('<h2>Best joint assignments</h2>', '<table class="joint"><thead><tr>');
  body.push(
    '<th class="num">Rank</th><th class="num">log10 LR</th><th class="num">LR</th><th>Identified (remains = missing person, family)</th>',
  );
  body.push('</tr></thead><tbody>');
  result.joint.forEach((j, k) => {
    const pairs = [...j.assignment].filter(([, m]) => m !== null);
    body.push(
      `<tr data-rank="${k + 1}"><td class="num">${k + 1}</td><td class="num" data-field="log10LR" data-value="${String(j.log10LR)}">${formatLog10(j.log10LR)}</td><td class="num">${formatLRValue(10 ** j.log10LR)}</td><td>${pairs.length === 0 ? 'nobody' : pairs.map(([v, m]) => `${escapeHTML(v)} = ${escapeHTML(m!)} (${escapeHTML(familyOf.get(m!) ?? '')})`).join('; ')}</td></tr>`,
    );
  });
  body.push('</tbody></table>');
  if (result.nonzeroAssignments !== null) {
    body.push(
      `<p class="legend">Assignments with every pairing of nonzero LR: ${result.nonzeroAssignments}. LRs against the assignment where no victim is identified.</p>`,
    );
  }

  body.push('<h2>Pairings: posterior and GLR of each remains’ outcomes</h2>');
  if (result.pairings === null) {
    body.push(
      '<p class="legend">Not computed: the incident has more joint assignments with nonzero LR than the pairing limit (maxPairingAssignments); the best joint assignments above are exact.</p>',
    );
  } else {
    body.push(
      '<div class="wide"><table class="pairings compact"><thead><tr><th>Remains</th><th>Outcome</th><th class="num">Posterior</th><th class="num">log10 GLR</th></tr></thead><tbody>',
    );
    for (const v of result.victims) {
      const row = [...(result.pairings.get(v) ?? [])]
        .filter(([, c]) => c.posterior >= PAIRING_SHOWN)
        .sort((a, b) => b[1].posterior - a[1].posterior || (a[0] < b[0] ? -1 : 1));
      row.forEach(([m, c], k) => {
        const outcome =
          m === NOT_IDENTIFIED
            ? 'not identified'
            : `${escapeHTML(m)} (${escapeHTML(familyOf.get(m) ?? '')})`;
        const glr =
          c.log10GLR === Number.POSITIVE_INFINITY
            ? '+∞'
            : c.log10GLR === Number.NEGATIVE_INFINITY
              ? '−∞'
              : c.log10GLR.toFixed(2);
        body.push(
          `<tr data-victim="${escapeHTML(v)}" data-missing="${escapeHTML(m)}">${k === 0 ? `<td rowspan="${row.length}">${escapeHTML(v)}</td>` : ''}<td>${outcome}</td><td class="num" data-field="posterior" data-value="${String(c.posterior)}">${c.posterior.toFixed(4)}</td><td class="num" data-field="log10GLR" data-value="${String(c.log10GLR)}">${glr}</td></tr>`,
        );
      });
    }
    body.push('</tbody></table></div>');
    body.push(
      `<p class="legend">Posterior of each outcome of a remains over all joint assignments (flat prior over the assignments), outcomes with posterior ≥ ${PAIRING_SHOWN} shown; GLR: the best assignment with the pairing against the best without it (R dvir). The outcomes of each remains sum to 1 with “not identified”.</p>`,
    );
  }

  const cells = result.victims.length * nMissing;
  if (cells <= FULL_MATRIX_CELLS) {
    body.push(
      '<h2>Pairwise LRs (log10)</h2>',
      '<div class="wide"><table class="pairwise"><thead><tr><th>Remains</th>',
    );
    for (const m of missing)
      body.push(
        `<th class="num">${escapeHTML(m)}<br><small>${escapeHTML(familyOf.get(m)!)}</small></th>`,
      );
    body.push('</tr></thead><tbody>');
    for (const v of result.victims) {
      const row = result.pairwise.get(v)!;
      body.push(`<tr data-victim="${escapeHTML(v)}"><td>${escapeHTML(v)}</td>`);
      for (const m of missing) {
        if (!row.has(m)) {
          body.push('<td class="num" title="sexes differ">×</td>');
          continue;
        }
        const x = row.get(m)!;
        body.push(
          `<td class="num" data-field="pairwise" data-victim="${escapeHTML(v)}" data-missing="${escapeHTML(m)}" data-value="${String(x)}">${formatLog10(x)}</td>`,
        );
      }
      body.push('</tr>');
    }
    body.push('</tbody></table></div>');
    body.push(
      '<p class="legend">log10 LR of “remains is this missing person” against “unrelated to every family”, no other remains placed; × : sexes differ; −∞ : excluded (LR 0).</p>',
    );
  } else {
    body.push(
      `<h2>Best candidates per remains (log10 pairwise LR)</h2>`,
      `<p class="legend">The matrix has ${cells} cells; each remains' ${BEST_CANDIDATES} best missing persons are listed.</p>`,
      '<table class="candidates"><thead><tr><th>Remains</th><th>Best candidates (missing person, family: log10 LR)</th></tr></thead><tbody>',
    );
    for (const v of result.victims) {
      const row = [...result.pairwise.get(v)!].sort(
        (a, b) => (b[1] ?? -Infinity) - (a[1] ?? -Infinity) || (a[0] < b[0] ? -1 : 1),
      );
      const cellsHTML = row
        .slice(0, BEST_CANDIDATES)
        .map(
          ([m, x]) =>
            `<span data-field="pairwise" data-victim="${escapeHTML(v)}" data-missing="${escapeHTML(m)}" data-value="${String(x)}">${escapeHTML(m)} (${escapeHTML(familyOf.get(m)!)}): ${formatLog10(x)}</span>`,
        )
        .join('; ');
      body.push(
        `<tr data-victim="${escapeHTML(v)}"><td>${escapeHTML(v)}</td><td>${cellsHTML}</td></tr>`,
      );
    }
    body.push('</tbody></table>');
  }

  body.push(..._directSection(result));

  body.push('<h2>Reference families</h2>', '<div class="pedigrees">');
  const placedBy = new Map<string, string>();
  if (best !== undefined) for (const [v, m] of best.assignment) if (m !== null) placedBy.set(m, v);
  for (const f of dviCase.families) {
    const placed = new Map<string, string>();
    for (const m of f.missing) {
      const v = placedBy.get(m);
      if (v !== undefined) placed.set(m, v);
    }
    const svg = drawPedigreeSVG(f.pedigree, {
      typed: [...f.genotypes.keys()],
      missing: f.missing,
      placed,
      title: f.name,
    });
    const caption =
      placed.size === 0
        ? 'no remains placed by the best assignment'
        : [...placed].map(([m, v]) => `${v} placed on ${m}`).join(', ');
    body.push(
      `<figure data-family="${escapeHTML(f.name)}">${svg}<figcaption>${escapeHTML(f.name)}: ${escapeHTML(caption)}</figcaption></figure>`,
    );
  }
  body.push('</div>');
  body.push(
    '<p class="legend">□ male, ○ female; filled: typed relative; red ? : missing person; tinted with “= V”: remains placed by the best joint assignment.</p>',
  );

  return renderReportPage({
    title: `DVI report: incident ${dviCase.id}`,
    ...(dviCase.description !== undefined ? { subtitle: dviCase.description } : {}),
    body: body.join('\n'),
    ...(options.provenance !== undefined ? { provenance: options.provenance } : {}),
    ...(options.signature !== undefined ? { signature: options.signature } : {}),
  });
}

/** The direct matches (remains against remains and the elimination set) and the merged replicates. */
function _directSection(result: DVIResult): string[] {
  const { direct, merged } = result;
  const out = [
    '<h2>Direct matches: remains against remains and the elimination set</h2>',
    `<p class="legend">LR of “same person” against “unrelated” for every pair of remains and every remains against every elimination profile (${direct.compared} pairs compared); pairs with LR ≥ ${escapeHTML(String(direct.threshold))} listed. Discordant loci: the alleles seen differ (explained by drop-out, drop-in or a silent allele).</p>`,
  ];
  for (const [title, list, kind] of [
    ['Remains against remains', direct.remains, 'remains'],
    ['Remains against the elimination set', direct.elimination, 'elimination'],
  ] as const) {
    if (list.length === 0) {
      out.push(`<p>${title}: none.</p>`);
      continue;
    }
    out.push(
      `<table class="direct compact" data-kind="${kind}"><thead><tr><th>${title}</th><th class="num">log10 LR</th><th class="num">Loci</th><th>Discordant loci</th></tr></thead><tbody>`,
    );
    for (const m of list) {
      out.push(
        `<tr data-a="${escapeHTML(m.a)}" data-b="${escapeHTML(m.b)}"><td>${escapeHTML(m.a)} – ${escapeHTML(m.b)}</td><td class="num" data-field="log10LR" data-value="${String(m.log10LR)}">${formatLog10(m.log10LR)}</td><td class="num">${m.loci}</td><td>${m.discordant.length === 0 ? '—' : m.discordant.map(escapeHTML).join(', ')}</td></tr>`,
      );
    }
    out.push('</tbody></table>');
  }
  if (merged.length > 0) {
    out.push(
      '<p>Merged as one body (<code>sameAs</code> replicates) before the joint DVI, as asked: ',
      merged
        .map(
          (g) =>
            `${escapeHTML(g.victim)} + ${g.replicates.map(escapeHTML).join(' + ')} (${g.pairs.map((p) => `${escapeHTML(p.a)}–${escapeHTML(p.b)} log10 LR ${formatLog10(p.log10LR)}`).join('; ')})`,
        )
        .join('; '),
      '.</p>',
    );
  }
  return out;
}
