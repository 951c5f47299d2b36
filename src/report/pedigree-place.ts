/**
 * x coordinates of a pedigree drawing's rows: weighted least squares under the row order and
 * minimum gaps (pool-adjacent-violators), children centred under their parents, parents over
 * their children.
 *
 * @module
 */
import type { Pedigree } from '../pedigree/pedigree.js';
import { type _Couple, _listOf, H_GAP, ROUNDS } from './pedigree-geometry.js';

/**
 * x coordinates of each row's people under the row order and the minimum gaps, children centred
 * under their parents' couple and parents over their children in alternate passes (weighted
 * least squares by pool-adjacent-violators; partners of one block move together).
 */
export function _placeRows(
  ped: Pedigree,
  rows: readonly number[][],
  couples: readonly _Couple[],
  widths: readonly number[],
  x: Float64Array,
): void {
  const gaps = rows.map((row) =>
    row.slice(1).map((p, k) => (widths[row[k]!]! + widths[p]!) / 2 + H_GAP),
  );
  rows.forEach((row, g) => {
    let at = 0;
    row.forEach((p, k) => {
      if (k > 0) at += gaps[g]![k - 1]!;
      x[p] = at;
    });
  });
  const kids = new Map<number, number[]>();
  for (const c of couples) {
    for (const p of [c.father, c.mother]) {
      const l = _listOf(kids, p);
      l.push(...c.children);
    }
  }
  const wantDown = (p: number): number | undefined => {
    const s = ped.sameAs[p]!;
    const q = s >= 0 ? s : p;
    const f = ped.father[q]!;
    return f < 0 ? undefined : (x[f]! + x[ped.mother[q]!]!) / 2;
  };
  const wantUp = (p: number): number | undefined => {
    const ks = kids.get(p);
    if (ks === undefined || ks.length === 0) return undefined;
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (const k of ks) {
      lo = Math.min(lo, x[k]!);
      hi = Math.max(hi, x[k]!);
    }
    return (lo + hi) / 2;
  };
  const pass = (g: number, want: (p: number) => number | undefined): void => {
    const row = rows[g]!;
    if (row.length === 0) return;
    const offsets: number[] = [0];
    for (let k = 1; k < row.length; k++) offsets.push(offsets[k - 1]! + gaps[g]![k - 1]!);
    const targets: number[] = [];
    const weights: number[] = [];
    row.forEach((p, k) => {
      const w = want(p);
      targets.push((w ?? x[p]!) - offsets[k]!);
      weights.push(w === undefined ? 1e-3 : 1);
    });
    const y = _isotonic(targets, weights);
    row.forEach((p, k) => {
      x[p] = y[k]! + offsets[k]!;
    });
  };
  for (let r = 0; r < ROUNDS; r++) {
    for (let g = 1; g < rows.length; g++) pass(g, wantDown);
    for (let g = rows.length - 2; g >= 0; g--) pass(g, wantUp);
  }
  for (let g = 1; g < rows.length; g++) pass(g, wantDown);
}

/** Weighted isotonic (non-decreasing) least-squares fit by pool-adjacent-violators. */
function _isotonic(t: readonly number[], w: readonly number[]): number[] {
  const vals: number[] = [];
  const wts: number[] = [];
  const lens: number[] = [];
  for (let i = 0; i < t.length; i++) {
    vals.push(t[i]!);
    wts.push(w[i]!);
    lens.push(1);
    while (vals.length > 1 && vals[vals.length - 2]! > vals[vals.length - 1]!) {
      const v2 = vals.pop()!;
      const w2 = wts.pop()!;
      const l2 = lens.pop()!;
      const k = vals.length - 1;
      const wt = wts[k]! + w2;
      vals[k] = (vals[k]! * wts[k]! + v2 * w2) / wt;
      wts[k] = wt;
      lens[k] = lens[k]! + l2;
    }
  }
  const out: number[] = [];
  vals.forEach((v, k) => {
    for (let j = 0; j < lens[k]!; j++) out.push(v);
  });
  return out;
}
