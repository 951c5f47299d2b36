/**
 * The report of a `kindred-case/1` kinship question, as a case officer reads and signs it: each
 * hypothesis's pedigree side by side, the per-locus table (genotypes of every typed person,
 * each hypothesis's LR against the reference), the combined LR and log10 LR with the ENFSI
 * verbal scale, notes on exclusions and on loci explained only by mutation, and the provenance.
 *
 * @module
 */

import { computeLocusLikelihood, locusProblem } from '../likelihood/locus-likelihood.js';
import { observedAlleles, prepareLocus } from '../likelihood/prepare-locus.js';
import { isDegraded } from '../profile/observation.js';
import type { Provenance } from '../provenance/provenance.js';
import {
  computeKinshipLR,
  type KinshipLROptions,
  type KinshipLRResult,
} from '../relationships/kinship-lr.js';
import type { KinshipCase } from '../relationships/types.js';
import { verbalScale } from '../search/rank/categories.js';
import { escapeHTML } from './escape.js';
import { formatLog10, formatLRValue, renderReportPage } from './html-page.js';
import { drawPedigreeSVG } from './pedigree-svg.js';
import { mutationLabel, shortMutationLabel } from './report-text.js';

/** Options of {@link renderCaseReport}. */
export interface CaseReportOptions extends KinshipLROptions {
  /** The answer already computed for this case (else it is computed here, same engine). */
  readonly result?: KinshipLRResult;
  /** Provenance of the numbers (shown in the report). */
  readonly provenance?: Provenance;
  /** Draw the signature block (default true). */
  readonly signature?: boolean;
}

/**
 * The HTML report of a kinship case: one self-contained document (inline CSS and SVG, no
 * scripts). Every cell with a number carries it exactly in `data-value` (and the locus and
 * hypothesis in `data-locus` / `data-hypothesis`), so tools can check the table against the
 * JSON answer.
 *
 * @param kcase - a validated case
 * @param options - engine options or a precomputed result, provenance, signature switch
 * @returns the HTML text
 * @throws KindredError as `computeKinshipLR` when the result is computed here
 * @example
 * ```ts
 * renderCaseReport(parseCase(text)).includes('<svg'); // => true
 * ```
 */
export function renderCaseReport(kcase: KinshipCase, options: CaseReportOptions = {}): string {
  const result = options.result ?? computeKinshipLR(kcase, options);
  const ref = result.reference;
  const others = result.hypotheses.filter((h) => h.name !== ref);
  const typed = [...kcase.genotypes.keys()];
  const body: string[] = [];

  body.push('<section class="summary" aria-label="Conclusion">');
  for (const h of others) {
    const lr = h.log10LR === null ? 0 : 10 ** h.log10LR;
    body.push(
      `<p data-hypothesis="${escapeHTML(h.name)}" data-log10lr="${String(h.log10LR)}">LR ${escapeHTML(h.name)} vs ${escapeHTML(ref)}: <span class="lr">${formatLRValue(lr)}</span> (log10 LR ${formatLog10(h.log10LR)}): ${escapeHTML(_verbal(h.log10LR, h.name, ref))}.</p>`,
    );
  }
  body.push('</section>');

  body.push('<h2>Hypotheses</h2>', '<div class="pedigrees">');
  for (const hyp of kcase.hypotheses) {
    const label = hyp.name === ref ? `${hyp.name} (reference)` : hyp.name;
    const svg = drawPedigreeSVG(hyp.pedigree, {
      typed: typed.filter((id) => hyp.pedigree.index.has(id)),
      title: label,
    });
    body.push(
      `<figure data-hypothesis="${escapeHTML(hyp.name)}">${svg}<figcaption>${escapeHTML(label)}: ${hyp.pedigree.ids.length} people</figcaption></figure>`,
    );
  }
  body.push('</div>');
  body.push(
    '<p class="legend">□ male, ○ female; filled: typed; ? : missing person; dashed link: a second sample of the same person.</p>',
  );

  body.push('<h2>Per-locus results</h2>', '<div class="wide"><table class="loci">', '<thead><tr>');
  body.push(
    '<th>Locus</th>',
    ...typed.map((id) => {
      const o = kcase.observation?.get(id);
      const degraded = isDegraded(o) ? `<br><small>d ${o.dropout}, c ${o.dropin}</small>` : '';
      return `<th>${escapeHTML(id)}${degraded}</th>`;
    }),
  );
  const anyMutation = kcase.loci.some((l) => l.mutation !== null);
  if (anyMutation) body.push('<th>Mutation</th>');
  for (const h of others)
    body.push(`<th class="num">LR ${escapeHTML(h.name)}/${escapeHTML(ref)}</th>`);
  body.push('</tr></thead><tbody>');
  for (const locus of kcase.loci) {
    const excluded = others.some((h) => h.loci.get(locus.name)?.lr === 0);
    body.push(`<tr data-locus="${escapeHTML(locus.name)}"${excluded ? ' class="excluded"' : ''}>`);
    body.push(`<td>${escapeHTML(locus.name)}</td>`);
    for (const id of typed) {
      const g = kcase.genotypes.get(id)?.get(locus.name);
      body.push(`<td class="geno">${g === undefined ? '–' : escapeHTML(g.join('/'))}</td>`);
    }
    if (anyMutation) body.push(`<td>${escapeHTML(shortMutationLabel(locus.mutation))}</td>`);
    for (const h of others) {
      const lr = h.loci.get(locus.name)!.lr;
      body.push(
        `<td class="num" data-field="lr" data-hypothesis="${escapeHTML(h.name)}" data-locus="${escapeHTML(locus.name)}" data-value="${String(lr)}">${formatLRValue(lr)}</td>`,
      );
    }
    body.push('</tr>');
  }
  const pad = '<td></td>'.repeat(typed.length + (anyMutation ? 1 : 0));
  body.push(`<tr class="total"><td>Combined LR</td>${pad}`);
  for (const h of others) {
    const lr = h.log10LR === null ? 0 : 10 ** h.log10LR;
    body.push(
      `<td class="num" data-field="total" data-hypothesis="${escapeHTML(h.name)}" data-value="${String(lr)}">${formatLRValue(lr)}</td>`,
    );
  }
  body.push(`</tr><tr class="total"><td>log10 LR</td>${pad}`);
  for (const h of others) {
    body.push(
      `<td class="num" data-field="log10LR" data-hypothesis="${escapeHTML(h.name)}" data-value="${String(h.log10LR)}">${formatLog10(h.log10LR)}</td>`,
    );
  }
  body.push('</tr></tbody></table></div>');

  body.push('<h2>Notes</h2>', '<ul class="notes">');
  for (const note of _notes(kcase, result, options)) body.push(`<li>${escapeHTML(note)}</li>`);
  body.push('</ul>');

  return renderReportPage({
    title: `Kinship report: case ${kcase.id}`,
    ...(kcase.description !== undefined ? { subtitle: kcase.description } : {}),
    body: body.join('\n'),
    ...(options.provenance !== undefined ? { provenance: options.provenance } : {}),
    ...(options.signature !== undefined ? { signature: options.signature } : {}),
  });
}

function _verbal(log10LR: number | null, h: string, ref: string): string {
  if (log10LR === null) return `${h} is excluded (LR 0)`;
  const v = verbalScale(log10LR);
  if (v === 'no support either way') return `${v} between ${h} and ${ref}`;
  return log10LR >= 0
    ? `${v} for ${h} over ${ref}`
    : `${v.replace(/ against$/, '')} for ${ref} over ${h}`;
}

/** Exclusions, loci whose genotypes fit a hypothesis only through mutation, theta, X loci. */
function _notes(kcase: KinshipCase, result: KinshipLRResult, options: CaseReportOptions): string[] {
  const notes: string[] = [];
  const ref = result.reference;
  for (const h of result.hypotheses) {
    if (h.name === ref) continue;
    const ex = [...h.loci].filter(([, v]) => v.lr === 0).map(([l]) => l);
    if (ex.length > 0) {
      notes.push(
        `${h.name} is excluded at ${ex.length} locus${ex.length > 1 ? 'es' : ''} (LR 0): ${ex.join(', ')}.`,
      );
    }
  }
  for (const locus of kcase.loci) {
    if (locus.mutation === null) continue;
    const plain = prepareLocus(
      { ...locus, mutation: null },
      observedAlleles(kcase.genotypes, locus.name),
      { lump: options.lump ?? true },
    );
    for (const hyp of kcase.hypotheses) {
      const withMut = result.hypotheses.find((r) => r.name === hyp.name)!.loci.get(locus.name)!;
      if (withMut.likelihood === 0 && withMut.logLikelihood === Number.NEGATIVE_INFINITY) continue;
      const ll = computeLocusLikelihood(
        locusProblem(hyp.pedigree, plain, kcase.genotypes, kcase.theta, kcase.observation),
        options.budget,
      );
      if (ll === Number.NEGATIVE_INFINITY) {
        notes.push(
          `At ${locus.name} the genotypes are inconsistent with Mendelian inheritance under ${hyp.name}; its likelihood there is > 0 only through the mutation model (${mutationLabel(locus.mutation)}).`,
        );
      }
    }
  }
  if (kcase.theta > 0) {
    notes.push(
      `Founder alleles are sampled with the Balding–Nichols correction, theta ${kcase.theta}.`,
    );
  }
  const x = kcase.loci.filter((l) => l.chromosome === 'X').map((l) => l.name);
  if (x.length > 0) notes.push(`X-chromosomal loci: ${x.join(', ')}.`);
  const degraded = [...(kcase.observation ?? [])].filter(([, o]) => isDegraded(o));
  if (degraded.length === 0) {
    notes.push('No drop-out or drop-in model: every typed sample is read as fully observed.');
  } else {
    notes.push(
      `Degraded samples (drop-out d, drop-in c per degraded-dna.md; a genotype lists the alleles seen): ${degraded.map(([id, o]) => `${id} d ${o.dropout}, c ${o.dropin}`).join('; ')}.`,
    );
  }
  const silent = kcase.loci.filter((l) => l.alleles.includes('silent')).map((l) => l.name);
  if (silent.length > 0) notes.push(`Loci with a silent (null) allele: ${silent.join(', ')}.`);
  return notes;
}
