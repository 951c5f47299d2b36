/**
 * The report of `kindred power` as one self-contained HTML page: for every missing person, the
 * exclusion power of an unrelated person, the expected log10 LR and the simulated inclusion
 * power (with its Monte-Carlo error) of the current references, the planned reference sets
 * ranked by what typing them adds, each family's pedigree (typed references filled, missing
 * persons marked), the MPP plot (exclusion against inclusion power per reference set, as
 * forrel's `MPPsims` plot), the weak list a programme works from, and the provenance.
 *
 * Every number is written with its exact value in `data-value` beside `data-family`,
 * `data-missing` and `data-field`, so a test (or lab software) can read the page back.
 *
 * @module
 */
import { formatMPPSvg } from '../power/mpp-svg.js';
import type { ProgrammePower } from '../power/programme-power.js';
import type { Provenance } from '../provenance/provenance.js';
import type { DVICase } from '../search/types.js';
import { escapeHTML } from './escape.js';
import { renderReportPage } from './html-page.js';
import { drawPedigreeSVG } from './pedigree-svg.js';

/** Options of {@link renderPowerReport}. */
export interface PowerReportOptions {
  /** The provenance of the report's numbers (shown in full at the end). */
  readonly provenance?: Provenance;
  /** Draw the signature block (default true). */
  readonly signature?: boolean;
}

/** One table cell with its exact value. */
function _cell(field: string, value: number, digits: number, mc?: number): string {
  const shown = value.toFixed(digits);
  const err = mc !== undefined && mc > 0 ? `<br><small>± ${mc.toFixed(digits)}</small>` : '';
  return `<td class="num" data-field="${field}" data-value="${String(value)}">${shown}${err}</td>`;
}

/** A signed difference with its exact value. */
function _gain(field: string, value: number, digits: number): string {
  return `<td class="num" data-field="${field}" data-value="${String(value)}">${value >= 0 ? '+' : ''}${value.toFixed(digits)}</td>`;
}

/**
 * The HTML power report of a programme (or one family's document).
 *
 * @param dvi - the document the report was computed from (its families are drawn)
 * @param report - the result of `computeProgrammePower` on that document
 * @param options - provenance, signature switch
 * @returns the HTML text (no scripts; prints on A4)
 * @example
 * ```ts
 * renderPowerReport(dvi, computeProgrammePower(dvi)).includes('Exclusion and inclusion power'); // => true
 * ```
 */
export function renderPowerReport(
  dvi: DVICase,
  report: ProgrammePower,
  options: PowerReportOptions = {},
): string {
  const t = report.threshold;
  const body: string[] = [];
  body.push('<section class="summary" aria-label="Conclusion">');
  body.push(
    `<p>${report.families.length} missing persons in ${dvi.families.length} families; match threshold LR ≥ ${escapeHTML(String(t))}; ${report.sims} simulated LRs per reference set (seed ${report.seed}); a missing person is weak when its inclusion power is below ${report.minPower}.</p>`,
  );
  body.push(
    report.weak.length === 0
      ? `<p data-field="weak" data-value="0">Every missing person reaches LR ≥ ${escapeHTML(String(t))} with probability at least ${report.minPower}.</p>`
      : `<p data-field="weak" data-value="${report.weak.length}">Weak, weakest first (their references cannot reach the threshold with probability ${report.minPower}): <span class="lr">${report.weak.map((w) => escapeHTML(`${w.family}/${w.missing}`)).join(', ')}</span>.</p>`,
  );
  body.push('</section>');

  body.push(
    '<h2>Power of the current references</h2>',
    '<div class="wide"><table class="power compact">',
  );
  body.push(
    `<thead><tr><th>Family</th><th>Missing person</th><th class="num">EP</th><th class="num">EP no mut.</th><th class="num">E[log10 LR]</th><th class="num">IP</th><th class="num">False incl.</th><th>Weak</th></tr></thead><tbody>`,
  );
  for (const f of report.families) {
    body.push(
      `<tr data-family="${escapeHTML(f.family)}" data-missing="${escapeHTML(f.missing)}"><td>${escapeHTML(f.family)}</td><td>${escapeHTML(f.missing)}</td>${_cell('exclusionPower', f.exclusionPower, 4)}${_cell('exclusionPowerWithoutMutation', f.exclusionPowerWithoutMutation, 4)}${_cell('expectedLog10LR', f.expectedLog10LR, 3)}${_cell('inclusionPower', f.inclusionPower, 4, f.mcError)}${_cell('falseInclusion', f.falseInclusion, 4, f.falseInclusionMcError)}<td>${f.inclusionPower < report.minPower ? 'weak' : ''}</td></tr>`,
    );
  }
  body.push('</tbody></table></div>');
  body.push(
    `<p class="note">EP: probability that an unrelated person is excluded by the references (LR = 0), exact, with the loci's mutation models; without mutation where the references allow it. E[log10 LR]: exact expectation when the remains is the missing person. IP: simulated, ± one Monte-Carlo standard error. False inclusion: the same probability for an unrelated person.</p>`,
  );

  const planned = report.families.filter((f) => f.candidates.length > 0);
  if (planned.length > 0) {
    body.push('<h2>Whom to type next</h2>');
    for (const f of planned) {
      body.push(
        `<h3>${escapeHTML(`${f.family} / ${f.missing}`)}</h3><div class="wide"><table class="candidates compact" data-family="${escapeHTML(f.family)}" data-missing="${escapeHTML(f.missing)}"><thead><tr><th class="num">Rank</th><th>Add</th><th class="num">Cost</th><th class="num">IP</th><th class="num">IP gain</th><th class="num">E[log10 LR]</th><th class="num">gain</th><th class="num">EP</th></tr></thead><tbody>`,
      );
      f.candidates.forEach((c, k) => {
        body.push(
          `<tr data-add="${escapeHTML(c.add.join('+'))}"><td class="num">${k + 1}</td><td>${escapeHTML(c.add.join(' + '))}${c.exact ? '' : ' <small>(sampled at some loci)</small>'}</td><td class="num">${escapeHTML(String(c.cost))}</td>${_cell('inclusionPower', c.inclusionPower, 4, c.mcError)}${_gain('inclusionPowerGain', c.inclusionPowerGain, 4)}${_cell('expectedLog10LR', c.expectedLog10LR, 3, c.exact ? undefined : c.expectedLog10LRMcError)}${_gain('expectedLog10LRGain', c.expectedLog10LRGain, 3)}${_cell('exclusionPower', c.exclusionPower, 4, c.exact ? undefined : c.exclusionPowerMcError)}</tr>`,
        );
      });
      body.push('</tbody></table></div>');
    }
    body.push(
      '<p class="note">Each planned set is averaged exactly over the genotypes the added people could have, given the references; sets are ranked by inclusion-power gain per cost, then by the gain in expected log10 LR.</p>',
    );
  }

  body.push(
    '<h2>Exclusion and inclusion power</h2>',
    `<figure class="mpp">${formatMPPSvg(report.families, `Power of the references of ${dvi.id}`)}<figcaption>Filled circle: the current references of each missing person; open squares: each planned reference set, joined to it.</figcaption></figure>`,
  );

  body.push('<h2>Reference families</h2>', '<div class="pedigrees">');
  for (const family of dvi.families) {
    body.push(
      `<figure data-family="${escapeHTML(family.name)}">${drawPedigreeSVG(family.pedigree, {
        typed: family.genotypes.keys(),
        missing: family.missing,
        title: family.name,
      })}<figcaption>${escapeHTML(`${family.name}: missing ${family.missing.join(', ')}; typed ${[...family.genotypes.keys()].join(', ') || 'nobody'}`)}</figcaption></figure>`,
    );
  }
  body.push('</div>');

  return renderReportPage({
    title: `Power of the references: ${dvi.id}`,
    subtitle:
      'Can each family’s references identify its missing person, and whom should be typed next.',
    body: body.join('\n'),
    ...(options.provenance !== undefined ? { provenance: options.provenance } : {}),
    ...(options.signature !== undefined ? { signature: options.signature } : {}),
  });
}
