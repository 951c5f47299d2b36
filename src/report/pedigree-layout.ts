/**
 * Pedigree layout: generations as rows, couples side by side, sibships under a bar below their
 * parents, `sameAs` samples beside the person they duplicate, disconnected components side by
 * side. Pure arithmetic on a validated {@link Pedigree} (no DOM), deterministic: the same
 * pedigree and options give the same coordinates.
 *
 * Method (Sugiyama-style): a generation per person (founders above their first child,
 * everyone else one row below their lower parent); within a row, people married to each other
 * in that row form a block kept contiguous; blocks are ordered by barycentre sweeps (up and
 * down, the order with fewest parent–child crossings kept); x positions are the weighted least
 * squares placement under the row order and minimum gaps (pool-adjacent-violators), children
 * centred under their parents and parents over their children in alternate passes. Minimum
 * gaps come from each person's symbol and label widths, so no two symbols or labels overlap.
 *
 * @module
 */
import { KindredError } from '../errors.js';
import { MALE, type Pedigree } from '../pedigree/pedigree.js';
import { estimateLabelWidth } from './escape.js';

/** What to show on a drawing besides the pedigree itself. Every id must be in the pedigree. */
export interface PedigreeDrawingOptions {
  /** Typed people (filled symbols). */
  readonly typed?: Iterable<string>;
  /** Missing persons (marked with `?`). */
  readonly missing?: Iterable<string>;
  /** Remains placed on missing persons: missing person id → remains id (shown as `= V1`). */
  readonly placed?: ReadonlyMap<string, string> | Readonly<Record<string, string>>;
  /** A heading drawn above the pedigree (e.g. the hypothesis name). */
  readonly title?: string;
}

import {
  _couples,
  COMPONENT_GAP,
  LABEL_FONT_SIZE,
  type LaidOutPerson,
  type LayoutLine,
  LINE_H,
  MARGIN,
  ROW_H,
  SYMBOL_SIZE,
  TITLE_H,
} from './pedigree-geometry.js';
import { _lines } from './pedigree-lines.js';
import { _components, _generations, _orderRows } from './pedigree-order.js';
import { _placeRows } from './pedigree-place.js';

export type { Box, LaidOutPerson, LayoutLine } from './pedigree-geometry.js';
export { LABEL_FONT_SIZE, SYMBOL_SIZE } from './pedigree-geometry.js';

/** The result of {@link layoutPedigree}. */
export interface PedigreeLayout {
  /** Drawing width in px. */
  readonly width: number;
  /** Drawing height in px. */
  readonly height: number;
  /** The title, if any, drawn centred at the top. */
  readonly title: string | null;
  /** Every row of the pedigree, in pedigree row order. */
  readonly people: readonly LaidOutPerson[];
  readonly lines: readonly LayoutLine[];
}

/**
 * Lay out a pedigree for drawing.
 *
 * @param pedigree - a validated pedigree (from `createPedigree` or a parsed case)
 * @param options - typed people, missing persons, placed remains, title
 * @returns every person's symbol and label boxes and every line, in px
 * @throws KindredError `INVALID_ARGUMENT` when an option names an id that is not in the pedigree,
 *   places remains on someone not marked missing, or gives a remains id that is empty
 * @example
 * ```ts
 * const ped = createPedigree([
 *   { id: 'FA', father: null, mother: null, sex: 'male' },
 *   { id: 'MO', father: null, mother: null, sex: 'female' },
 *   { id: 'CH', father: 'FA', mother: 'MO', sex: 'female' },
 * ]);
 * layoutPedigree(ped).people.map((p) => p.generation); // => [0, 0, 1]
 * ```
 */
export function layoutPedigree(
  pedigree: Pedigree,
  options: PedigreeDrawingOptions = {},
): PedigreeLayout {
  const n = pedigree.ids.length;
  const typed = _idSet(pedigree, options.typed, 'typed');
  const missing = _idSet(pedigree, options.missing, 'missing');
  const placed = _placed(pedigree, options.placed, missing);

  const labels: string[][] = pedigree.ids.map((id, i) => {
    const lines = [id];
    const s = pedigree.sameAs[i]!;
    if (s >= 0) lines.push(`same as ${pedigree.ids[s]}`);
    const p = placed.get(i);
    if (p !== undefined) lines.push(`= ${p}`);
    else if (missing.has(i)) lines.push('missing');
    return lines;
  });
  const widths = labels.map((ls) =>
    Math.max(SYMBOL_SIZE, ...ls.map((l) => estimateLabelWidth(l, LABEL_FONT_SIZE))),
  );

  const couples = _couples(pedigree);
  const gen = _generations(pedigree, couples);
  const components = _components(pedigree);

  const x = new Float64Array(n);
  const top = MARGIN + (options.title !== undefined ? TITLE_H : 0);
  let offset = MARGIN;
  let maxGen = 0;
  const rowsOf: number[][] = [];
  for (const comp of components) {
    const rows = _orderRows(pedigree, comp, gen, couples);
    _placeRows(pedigree, rows, couples, widths, x);
    let left = Number.POSITIVE_INFINITY;
    let right = Number.NEGATIVE_INFINITY;
    for (const i of comp) {
      left = Math.min(left, x[i]! - widths[i]! / 2);
      right = Math.max(right, x[i]! + widths[i]! / 2);
    }
    for (const i of comp) x[i] = x[i]! - left + offset;
    offset += right - left + COMPONENT_GAP;
    maxGen = Math.max(maxGen, rows.length - 1);
    rows.forEach((r, g) => {
      if (rowsOf[g] === undefined) rowsOf[g] = [];
      rowsOf[g]!.push(...r);
    });
  }
  const yOf = (g: number): number => top + g * ROW_H + SYMBOL_SIZE / 2;

  const people: LaidOutPerson[] = pedigree.ids.map((id, i) => {
    const cx = x[i]!;
    const cy = yOf(gen[i]!);
    const lw = Math.max(...labels[i]!.map((l) => estimateLabelWidth(l, LABEL_FONT_SIZE)));
    const s = pedigree.sameAs[i]!;
    return {
      id,
      index: i,
      sex: pedigree.sex[i] === MALE ? 'male' : 'female',
      x: cx,
      y: cy,
      generation: gen[i]!,
      typed: typed.has(i),
      missing: missing.has(i),
      placed: placed.get(i) ?? null,
      sameAs: s >= 0 ? pedigree.ids[s]! : null,
      labels: labels[i]!,
      symbol: {
        x: cx - SYMBOL_SIZE / 2,
        y: cy - SYMBOL_SIZE / 2,
        width: SYMBOL_SIZE,
        height: SYMBOL_SIZE,
      },
      label: {
        x: cx - lw / 2,
        y: cy + SYMBOL_SIZE / 2 + 3,
        width: lw,
        height: labels[i]!.length * LINE_H,
      },
    };
  });

  const lines = _lines(pedigree, people, couples, rowsOf, widths, yOf);
  const width = Math.max(offset - COMPONENT_GAP + MARGIN, 2 * MARGIN);
  const titleWidth =
    options.title !== undefined ? estimateLabelWidth(options.title, 14) + 2 * MARGIN : 0;
  return {
    width: Math.ceil(Math.max(width, titleWidth)),
    height: Math.ceil(yOf(maxGen) + SYMBOL_SIZE / 2 + 3 + 2 * LINE_H + MARGIN),
    title: options.title ?? null,
    people,
    lines,
  };
}

function _idSet(
  ped: Pedigree,
  ids: Iterable<string> | undefined,
  field: string,
): ReadonlySet<number> {
  const out = new Set<number>();
  if (ids === undefined) return out;
  for (const id of ids) {
    const i = ped.index.get(id);
    if (i === undefined) {
      throw new KindredError(
        'INVALID_ARGUMENT',
        `Drawing option ${field} names "${id}", who is not in the pedigree`,
        { path: [field] },
      );
    }
    out.add(i);
  }
  return out;
}

function _placed(
  ped: Pedigree,
  placed: PedigreeDrawingOptions['placed'],
  missing: ReadonlySet<number>,
): ReadonlyMap<number, string> {
  const out = new Map<number, string>();
  if (placed === undefined) return out;
  const entries = placed instanceof Map ? [...placed] : Object.entries(placed);
  for (const [id, remains] of entries as [string, string][]) {
    const i = ped.index.get(id);
    if (i === undefined || !missing.has(i)) {
      throw new KindredError(
        'INVALID_ARGUMENT',
        `Drawing option placed puts remains "${remains}" on "${id}", who is ${i === undefined ? 'not in the pedigree' : 'not marked missing'}`,
        { path: ['placed', id] },
      );
    }
    if (typeof remains !== 'string' || remains === '') {
      throw new KindredError(
        'INVALID_ARGUMENT',
        `Drawing option placed gives "${id}" an empty remains id`,
        { path: ['placed', id] },
      );
    }
    out.set(i, remains);
  }
  return out;
}
