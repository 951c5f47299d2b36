/**
 * Geometry shared by the pedigree layout's steps: boxes, laid-out people and lines, sizes in px,
 * and the couples of a pedigree.
 *
 * @module
 */
import type { Pedigree, Sex } from '../pedigree/pedigree.js';

/** An axis-aligned box: top-left corner and size, in px. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** One person (row of the pedigree) on the drawing. */
export interface LaidOutPerson {
  /** Id as in the pedigree. */
  readonly id: string;
  /** Row index in the pedigree. */
  readonly index: number;
  readonly sex: Sex;
  /** Centre of the symbol. */
  readonly x: number;
  /** Centre of the symbol. */
  readonly y: number;
  /** Row of the drawing (0 = top of its component). */
  readonly generation: number;
  readonly typed: boolean;
  readonly missing: boolean;
  /** Remains id placed on this missing person, or null. */
  readonly placed: string | null;
  /** Id of the person this row is a second sample of, or null. */
  readonly sameAs: string | null;
  /** Text lines under the symbol (the id first). */
  readonly labels: readonly string[];
  /** The symbol's box. */
  readonly symbol: Box;
  /** The box of the label lines (estimated text widths, an upper bound). */
  readonly label: Box;
}

/** A connecting line of the drawing. */
export interface LayoutLine {
  /** `couple`: between partners; `descent`: couple to sibship bar; `sibship`: the bar;
   *  `child`: bar to a child; `sameAs`: dashed link between two samples of one person. */
  readonly kind: 'couple' | 'descent' | 'sibship' | 'child' | 'sameAs';
  /** Polyline vertices in px. */
  readonly points: readonly (readonly [number, number])[];
}

/** Symbol side (square) and diameter (circle), px. */
export const SYMBOL_SIZE = 28;
/** Label font size, px. */
export const LABEL_FONT_SIZE = 12;
/** Label line height, px. */
export const LINE_H = 15;
/** Smallest free space between two neighbours' boxes in a row, px. */
export const H_GAP = 18;
/** Distance between rows, px. */
export const ROW_H = SYMBOL_SIZE + 2 * LINE_H + 62;
/** Margin around the drawing, px. */
export const MARGIN = 16;
/** Height of the title band, px. */
export const TITLE_H = 26;
/** Space between disconnected components, px. */
export const COMPONENT_GAP = 36;
/** Barycentre sweeps of the row ordering. */
export const SWEEPS = 8;
/** Rounds of down and up placement passes. */
export const ROUNDS = 6;

/** A couple with its children (row indices). */
export interface _Couple {
  readonly father: number;
  readonly mother: number;
  readonly children: number[];
}

/** Couples (father, mother) with their children in row order, ordered by first child. */
export function _couples(ped: Pedigree): _Couple[] {
  const byKey = new Map<string, _Couple>();
  for (let i = 0; i < ped.ids.length; i++) {
    const f = ped.father[i]!;
    if (f < 0) continue;
    const m = ped.mother[i]!;
    const key = `${f},${m}`;
    let c = byKey.get(key);
    if (c === undefined) {
      c = { father: f, mother: m, children: [] };
      byKey.set(key, c);
    }
    c.children.push(i);
  }
  return [...byKey.values()];
}

/** The list stored under `key`, created empty when absent. */
export function _listOf<K>(map: Map<K, number[]>, key: K): number[] {
  let list = map.get(key);
  if (list === undefined) {
    list = [];
    map.set(key, list);
  }
  return list;
}
