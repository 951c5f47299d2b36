/**
 * The row structure of a pedigree drawing: each person's generation, the connected components,
 * and the left-to-right order of each row (partner blocks reordered by barycentre sweeps, the
 * order with fewest parent–child crossings kept).
 *
 * @module
 */
import { MALE, type Pedigree } from '../pedigree/pedigree.js';
import { type _Couple, _listOf, SWEEPS } from './pedigree-geometry.js';

/** Row of each person: non-founders one below their lower parent, founders above their
 *  highest-placed child, sameAs rows beside their person; 0 at the top of each component. */
export function _generations(ped: Pedigree, couples: readonly _Couple[]): Int32Array {
  const n = ped.ids.length;
  const depth = new Int32Array(n).fill(-1);
  const visit = (i: number): number => {
    if (depth[i]! >= 0) return depth[i]!;
    const f = ped.father[i]!;
    const d = f < 0 ? 0 : Math.max(visit(f), visit(ped.mother[i]!)) + 1;
    depth[i] = d;
    return d;
  };
  // Iterative over a topological order is not needed: validated pedigrees are acyclic and the
  // recursion depth is at most the number of generations.
  for (let i = 0; i < n; i++) if (ped.sameAs[i]! < 0) visit(i);
  const kids: number[][] = Array.from({ length: n }, () => []);
  for (const c of couples) {
    for (const k of c.children) {
      kids[c.father]!.push(k);
      kids[c.mother]!.push(k);
    }
  }
  for (let i = 0; i < n; i++) {
    if (ped.father[i]! < 0 && ped.sameAs[i]! < 0 && kids[i]!.length > 0) {
      depth[i] = Math.min(...kids[i]!.map((k) => depth[k]!)) - 1;
    }
  }
  for (let i = 0; i < n; i++) {
    const s = ped.sameAs[i]!;
    if (s >= 0) depth[i] = depth[s]!;
  }
  return depth;
}

/** Connected components (parents, children, sameAs), each in row order, ordered by first row. */
export function _components(ped: Pedigree): number[][] {
  const n = ped.ids.length;
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const union = (a: number, b: number): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  for (let i = 0; i < n; i++) {
    if (ped.father[i]! >= 0) union(i, ped.father[i]!);
    if (ped.mother[i]! >= 0) union(i, ped.mother[i]!);
    if (ped.sameAs[i]! >= 0) union(i, ped.sameAs[i]!);
  }
  const byRoot = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const r = find(i);
    const list = _listOf(byRoot, r);
    list.push(i);
  }
  return [...byRoot.values()];
}

/**
 * The left-to-right order of each row of one component. Rows are made of blocks (people
 * married to each other within the row, as a chain; sameAs samples next to their person);
 * blocks are reordered by barycentre sweeps and the order with fewest crossings is kept.
 */
export function _orderRows(
  ped: Pedigree,
  comp: readonly number[],
  gen: Int32Array,
  couples: readonly _Couple[],
): number[][] {
  const inComp = new Set(comp);
  const base = Math.min(...comp.map((i) => gen[i]!));
  for (const i of comp) gen[i] = gen[i]! - base;
  const nRows = Math.max(...comp.map((i) => gen[i]!)) + 1;
  const myCouples = couples.filter((c) => inComp.has(c.father));

  // Partners in the same row, as adjacency lists in the order met.
  const partners = new Map<number, number[]>();
  const link = (a: number, b: number): void => {
    const l = _listOf(partners, a);
    if (!l.includes(b)) l.push(b);
  };
  for (const c of myCouples) {
    if (gen[c.father] === gen[c.mother]) {
      link(c.father, c.mother);
      link(c.mother, c.father);
    }
  }
  const blocks: number[][][] = Array.from({ length: nRows }, () => []);
  const seen = new Set<number>();
  for (const i of comp) {
    if (seen.has(i) || ped.sameAs[i]! >= 0) continue;
    const block = _chain(i, partners, ped, seen);
    blocks[gen[i]!]!.push(block);
  }
  for (const i of comp) {
    const s = ped.sameAs[i]!;
    if (s < 0) continue;
    const block = blocks[gen[s]!]!.find((b) => b.includes(s))!;
    const at = block.indexOf(s);
    if (at === block.length - 1) block.push(i);
    else if (at === 0) block.unshift(i);
    else block.push(i);
  }

  // Neighbours across rows: parents (as couple members) and children.
  const up = new Map<number, number[]>();
  const down = new Map<number, number[]>();
  for (const c of myCouples) {
    for (const k of c.children) {
      up.set(k, [c.father, c.mother]);
      for (const p of [c.father, c.mother]) {
        const l = _listOf(down, p);
        l.push(k);
      }
    }
  }
  for (const i of comp) {
    const s = ped.sameAs[i]!;
    if (s >= 0 && up.has(s)) up.set(i, up.get(s)!);
  }

  const pos = new Float64Array(ped.ids.length);
  const flatten = (): number[][] => blocks.map((row) => row.flat());
  const setPos = (): void => {
    for (const row of flatten())
      row.forEach((p, k) => {
        pos[p] = k;
      });
  };
  const crossings = (): number => _countCrossings(flatten(), up, pos);
  const reorder = (g: number, nbrs: Map<number, number[]>): void => {
    const keyed = blocks[g]!.map((b, k) => {
      let sum = 0;
      let cnt = 0;
      for (const p of b) {
        for (const q of nbrs.get(p) ?? []) {
          sum += pos[q]!;
          cnt++;
        }
      }
      const own = b.reduce((s, p) => s + pos[p]!, 0) / b.length;
      return { b, key: cnt > 0 ? sum / cnt : own, k };
    });
    keyed.sort((a, b) => a.key - b.key || a.k - b.k);
    blocks[g] = keyed.map((e) => e.b);
    blocks[g]!.flat().forEach((p, k) => {
      pos[p] = k;
    });
  };

  setPos();
  for (let g = 1; g < nRows; g++) reorder(g, up);
  let best = blocks.map((r) => r.slice());
  let bestCross = crossings();
  for (let s = 0; s < SWEEPS && bestCross > 0; s++) {
    for (let g = nRows - 2; g >= 0; g--) reorder(g, down);
    for (let g = 1; g < nRows; g++) reorder(g, up);
    const c = crossings();
    if (c < bestCross) {
      bestCross = c;
      best = blocks.map((r) => r.slice());
    }
  }
  return best.map((row) => row.flat());
}

/** A block of partners starting at `start`: walked as a chain from one end when it is a path,
 *  breadth-first otherwise (a person with three partners); father before mother in a couple. */
function _chain(
  start: number,
  partners: ReadonlyMap<number, readonly number[]>,
  ped: Pedigree,
  seen: Set<number>,
): number[] {
  const members: number[] = [];
  const queue = [start];
  const local = new Set([start]);
  while (queue.length > 0) {
    const p = queue.shift()!;
    members.push(p);
    for (const q of partners.get(p) ?? []) {
      if (!local.has(q)) {
        local.add(q);
        queue.push(q);
      }
    }
  }
  for (const m of members) seen.add(m);
  if (members.length === 1) return members;
  const degree = (p: number): number => partners.get(p)?.length ?? 0;
  const isPath = members.every((p) => degree(p) <= 2) && members.some((p) => degree(p) === 1);
  if (!isPath) {
    // Star or cycle: the best-connected person in the middle, partners around.
    const centre = members.reduce((a, b) => (degree(b) > degree(a) ? b : a));
    const rest = members.filter((p) => p !== centre).sort((a, b) => a - b);
    const half = Math.ceil(rest.length / 2);
    return [...rest.slice(0, half), centre, ...rest.slice(half)];
  }
  const ends = members.filter((p) => degree(p) === 1).sort((a, b) => a - b);
  // A single couple: the man on the left.
  let first = ends[0]!;
  if (members.length === 2 && ped.sex[first] !== MALE) first = ends[1]!;
  const chain = [first];
  const used = new Set([first]);
  while (chain.length < members.length) {
    const next = (partners.get(chain[chain.length - 1]!) ?? []).find((q) => !used.has(q))!;
    used.add(next);
    chain.push(next);
  }
  return chain;
}

/** Parent–child edges (from the couple's mean position) that cross between adjacent rows. */
function _countCrossings(
  rows: readonly number[][],
  up: ReadonlyMap<number, readonly number[]>,
  pos: Float64Array,
): number {
  let total = 0;
  for (const row of rows) {
    const edges: [number, number][] = [];
    for (const k of row) {
      const ps = up.get(k);
      if (ps !== undefined) edges.push([(pos[ps[0]!]! + pos[ps[1]!]!) / 2, pos[k]!]);
    }
    for (let a = 0; a < edges.length; a++) {
      for (let b = a + 1; b < edges.length; b++) {
        if ((edges[a]![0] - edges[b]![0]) * (edges[a]![1] - edges[b]![1]) < 0) total++;
      }
    }
  }
  return total;
}
