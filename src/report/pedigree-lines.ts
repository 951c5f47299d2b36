/**
 * The lines of a pedigree drawing: couple lines (above the row when partners are not
 * neighbours), descents through the free gap beside a couple, sibship bars at staggered heights
 * where they overlap, child drops, and dashed links between samples of one person.
 *
 * @module
 */
import type { Pedigree } from '../pedigree/pedigree.js';
import {
  type _Couple,
  H_GAP,
  type LaidOutPerson,
  type LayoutLine,
  SYMBOL_SIZE,
} from './pedigree-geometry.js';

/** Couple lines, descents, sibship bars, child drops and sameAs links. */
export function _lines(
  ped: Pedigree,
  people: readonly LaidOutPerson[],
  couples: readonly _Couple[],
  rowsOf: readonly number[][],
  widths: readonly number[],
  yOf: (g: number) => number,
): LayoutLine[] {
  const lines: LayoutLine[] = [];
  const half = SYMBOL_SIZE / 2;
  const rowIndex = new Map<number, number>();
  const sortedRows = rowsOf.map((row) => [...row].sort((a, b) => people[a]!.x - people[b]!.x));
  for (const row of sortedRows)
    row.forEach((p, k) => {
      rowIndex.set(p, k);
    });
  /** x in the free gap between p's node box and its neighbour on side `dir` (+1 right). */
  const gapBeside = (p: number, dir: 1 | -1): number => {
    const row = sortedRows[people[p]!.generation]!;
    const q = row[rowIndex.get(p)! + dir];
    const edge = people[p]!.x + (dir * widths[p]!) / 2;
    if (q === undefined) return edge + dir * (H_GAP / 2);
    const qEdge = people[q]!.x - (dir * widths[q]!) / 2;
    return (edge + qEdge) / 2;
  };
  let above = 0;
  const bars: { g: number; lo: number; hi: number; kids: number[]; cx: number; cy: number }[] = [];
  for (const c of couples) {
    const f = people[c.father]!;
    const m = people[c.mother]!;
    let cx: number;
    let cy: number;
    const [l, r] = f.x <= m.x ? [f, m] : [m, f];
    if (f.generation === m.generation) {
      const adjacent = Math.abs(rowIndex.get(l.index)! - rowIndex.get(r.index)!) === 1;
      if (adjacent) {
        lines.push({
          kind: 'couple',
          points: [
            [l.x + half, l.y],
            [r.x - half, r.y],
          ],
        });
        cx = gapBeside(l.index, 1);
        cy = l.y;
      } else {
        // Partners with people between them: the line runs above the row.
        const yy = l.y - half - 8 - 4 * (above++ % 4);
        lines.push({
          kind: 'couple',
          points: [
            [l.x, l.y - half],
            [l.x, yy],
            [r.x, yy],
            [r.x, r.y - half],
          ],
        });
        const mid = (l.x + r.x) / 2;
        const row = sortedRows[l.generation]!;
        const between = row.slice(rowIndex.get(l.index)!, rowIndex.get(r.index)!);
        const best = between.reduce((a, b) =>
          Math.abs(gapBeside(b, 1) - mid) < Math.abs(gapBeside(a, 1) - mid) ? b : a,
        );
        cx = gapBeside(best, 1);
        cy = yy;
      }
    } else {
      // Partners in different rows: a line from the upper one to the lower one's side.
      const [hi, lo] = f.generation < m.generation ? [f, m] : [m, f];
      const dir: 1 | -1 = hi.x >= lo.x ? 1 : -1;
      cx = gapBeside(lo.index, dir);
      cy = lo.y;
      lines.push({
        kind: 'couple',
        points: [
          [hi.x, hi.y + half],
          [cx, cy],
          [lo.x + dir * half, lo.y],
        ],
      });
    }
    const g = Math.min(...c.children.map((k) => people[k]!.generation));
    const xs = c.children.map((k) => people[k]!.x);
    bars.push({
      g,
      lo: Math.min(cx, ...xs),
      hi: Math.max(cx, ...xs),
      kids: c.children,
      cx,
      cy,
    });
  }
  // Bars whose spans overlap in one row get different heights.
  const levels: { g: number; hi: number }[][] = [];
  const order = bars.map((_, k) => k).sort((a, b) => bars[a]!.lo - bars[b]!.lo || a - b);
  const levelOf = new Map<number, number>();
  for (const k of order) {
    const b = bars[k]!;
    let lv = 0;
    while ((levels[lv] ?? []).some((o) => o.g === b.g && o.hi >= b.lo - 4)) lv++;
    if (levels[lv] === undefined) levels[lv] = [];
    levels[lv]!.push({ g: b.g, hi: b.hi });
    levelOf.set(k, lv);
  }
  bars.forEach((b, k) => {
    const yBar = yOf(b.g) - half - 14 - 6 * Math.min(levelOf.get(k)!, 5);
    lines.push({
      kind: 'descent',
      points: [
        [b.cx, b.cy],
        [b.cx, yBar],
      ],
    });
    lines.push({
      kind: 'sibship',
      points: [
        [b.lo, yBar],
        [b.hi, yBar],
      ],
    });
    for (const kid of b.kids) {
      const p = people[kid]!;
      lines.push({
        kind: 'child',
        points: [
          [p.x, yBar],
          [p.x, p.y - half],
        ],
      });
    }
  });
  for (const p of people) {
    if (p.sameAs === null) continue;
    const q = people[ped.index.get(p.sameAs)!]!;
    const [l, r] = q.x <= p.x ? [q, p] : [p, q];
    const adjacent = Math.abs(rowIndex.get(l.index)! - rowIndex.get(r.index)!) === 1;
    lines.push({
      kind: 'sameAs',
      points: adjacent
        ? [
            [l.x + half, l.y],
            [r.x - half, r.y],
          ]
        : [
            [l.x, l.y - half],
            [l.x, l.y - half - 26],
            [r.x, r.y - half - 26],
            [r.x, r.y - half],
          ],
    });
  }
  return lines;
}
