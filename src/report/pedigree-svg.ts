/**
 * Pedigree drawings as standalone SVG text: squares for males, circles for females, filled when
 * typed, a `?` in a missing person, a tinted symbol with `= V1` under it where remains are
 * placed on a missing person, ids as labels, dashed links between samples of one person. No DOM
 * needed: the SVG is built as a string (Node and browsers alike), every user string escaped.
 *
 * @module
 */
import type { Pedigree } from '../pedigree/pedigree.js';
import { escapeHTML, LABEL_FONT_FAMILY } from './escape.js';
import {
  LABEL_FONT_SIZE,
  type LaidOutPerson,
  layoutPedigree,
  type PedigreeDrawingOptions,
  type PedigreeLayout,
  SYMBOL_SIZE,
} from './pedigree-layout.js';

/** Colours of the drawing (print-friendly: dark ink, one light tint). */
const INK = '#1a1a1a';
const TYPED_FILL = '#4a4a4a';
const PLACED_FILL = '#f2b705';
const MISSING_INK = '#b3261e';

/**
 * Render a {@link PedigreeLayout} as one standalone `<svg>` element (with `xmlns`, a `<title>`,
 * `viewBox`, and `data-id` / `data-kind` attributes on every person and line for tools and
 * tests). Coordinates are rounded to 0.01 px, so the text is deterministic.
 *
 * @param layout - from {@link layoutPedigree}
 * @returns SVG text (no XML declaration, so it can be inlined in HTML as is)
 * @example
 * ```ts
 * renderPedigreeSVG(layoutPedigree(ped)).startsWith('<svg xmlns="http://www.w3.org/2000/svg"'); // => true
 * ```
 */
export function renderPedigreeSVG(layout: PedigreeLayout): string {
  const out: string[] = [];
  const title = layout.title ?? 'Pedigree';
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="pedigree" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}" role="img" aria-label="${escapeHTML(title)}">`,
    `<title>${escapeHTML(title)}</title>`,
  );
  if (layout.title !== null) {
    out.push(
      `<text class="title" x="${_n(layout.width / 2)}" y="20" text-anchor="middle" font-family="${escapeHTML(LABEL_FONT_FAMILY)}" font-size="14" font-weight="bold" fill="${INK}">${escapeHTML(layout.title)}</text>`,
    );
  }
  out.push(`<g class="lines" fill="none" stroke="${INK}" stroke-width="1.5">`);
  for (const line of layout.lines) {
    const pts = line.points.map(([x, y]) => `${_n(x)},${_n(y)}`).join(' ');
    const dash = line.kind === 'sameAs' ? ' stroke-dasharray="4 3"' : '';
    out.push(`<polyline data-kind="${line.kind}" points="${pts}"${dash}/>`);
  }
  out.push('</g>');
  for (const p of layout.people) out.push(_person(p));
  out.push('</svg>');
  return out.join('\n');
}

/**
 * Lay out and render a pedigree in one call: {@link layoutPedigree} then
 * {@link renderPedigreeSVG}.
 *
 * @param pedigree - a validated pedigree
 * @param options - typed people, missing persons, placed remains, title
 * @returns standalone SVG text
 * @throws KindredError `INVALID_ARGUMENT` for an option naming someone not in the pedigree
 * @example
 * ```ts
 * drawPedigreeSVG(ped, { typed: ['AF', 'CH'], title: 'H1' }).includes('data-id="AF"'); // => true
 * ```
 */
export function drawPedigreeSVG(pedigree: Pedigree, options: PedigreeDrawingOptions = {}): string {
  return renderPedigreeSVG(layoutPedigree(pedigree, options));
}

function _person(p: LaidOutPerson): string {
  const h = SYMBOL_SIZE / 2;
  const fill = p.placed !== null ? PLACED_FILL : p.typed ? TYPED_FILL : '#ffffff';
  const stroke = p.missing ? MISSING_INK : INK;
  const width = p.missing ? 2.5 : 1.5;
  const attrs = `class="symbol" fill="${fill}" stroke="${stroke}" stroke-width="${width}"`;
  const shape =
    p.sex === 'male'
      ? `<rect ${attrs} x="${_n(p.symbol.x)}" y="${_n(p.symbol.y)}" width="${SYMBOL_SIZE}" height="${SYMBOL_SIZE}"/>`
      : `<circle ${attrs} cx="${_n(p.x)}" cy="${_n(p.y)}" r="${h}"/>`;
  const mark =
    p.missing && p.placed === null
      ? `<text class="mark" x="${_n(p.x)}" y="${_n(p.y + 6)}" text-anchor="middle" font-family="${escapeHTML(LABEL_FONT_FAMILY)}" font-size="17" font-weight="bold" fill="${MISSING_INK}">?</text>`
      : '';
  const labels = p.labels
    .map(
      (l, k) =>
        `<text class="label" x="${_n(p.x)}" y="${_n(p.label.y + 12 + 15 * k)}" text-anchor="middle" font-family="${escapeHTML(LABEL_FONT_FAMILY)}" font-size="${LABEL_FONT_SIZE}" fill="${k === 0 ? INK : p.missing ? MISSING_INK : INK}">${escapeHTML(l)}</text>`,
    )
    .join('');
  const flags = [
    p.typed ? ' data-typed="true"' : '',
    p.missing ? ' data-missing="true"' : '',
    p.placed !== null ? ` data-placed="${escapeHTML(p.placed)}"` : '',
  ].join('');
  return `<g class="person" data-id="${escapeHTML(p.id)}" data-sex="${p.sex}"${flags}>${shape}${mark}${labels}</g>`;
}

function _n(v: number): string {
  const r = Math.round(v * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
}
