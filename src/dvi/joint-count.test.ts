/**
 * countNonzeroAssignments: partial matchings of a bipartite graph, against the closed form for
 * complete graphs (Σ_k C(V,k)·C(M,k)·k!) and against brute-force enumeration.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countNonzeroAssignments } from './joint-count.js';

function choose(n: number, k: number): number {
  let r = 1;
  for (let i = 0; i < k; i++) r = (r * (n - i)) / (i + 1);
  return r;
}
function factorial(k: number): number {
  return k <= 1 ? 1 : k * factorial(k - 1);
}
function complete(v: number, m: number): number[][] {
  return Array.from({ length: v }, () => Array.from({ length: m }, (_, i) => i));
}

function bruteForce(nMissing: number, edges: readonly (readonly number[])[]): number {
  const walk = (v: number, used: Set<number>): number => {
    if (v === edges.length) return 1;
    let n = walk(v + 1, used);
    for (const m of edges[v]!) {
      if (used.has(m)) continue;
      used.add(m);
      n += walk(v + 1, used);
      used.delete(m);
    }
    return n;
  };
  return nMissing >= 0 ? walk(0, new Set()) : 0;
}

describe('countNonzeroAssignments', () => {
  it('countNonzeroAssignments(3, 3, all pairs) is 34 (1 + 9 + 18 + 6)', () => {
    // dvi-pub-3v-2f-stepwise: 3 male victims, 3 male missing persons, every LR > 0 → 34
    expect(countNonzeroAssignments(3, 3, complete(3, 3))).toBe(34);
  });

  it('countNonzeroAssignments(8, 5, all pairs) is 19,081 (dvir planecrash, full mutation)', () => {
    // Σ_k C(8,k)·C(5,k)·k! = 1 + 40 + 560 + 3360 + 8400 + 6720 (the planecrash count)
    let want = 0;
    for (let k = 0; k <= 5; k++) want += choose(8, k) * choose(5, k) * factorial(k);
    expect(want).toBe(19081);
    expect(countNonzeroAssignments(8, 5, complete(8, 5))).toBe(19081);
  });

  it('countNonzeroAssignments of 10 disjoint victim–person pairs is 2^10', () => {
    // dvi-pub-15v-8f: 10 identifiable victims, each compatible with one person only → 1024
    const edges = Array.from({ length: 15 }, (_, v) => (v < 10 ? [v] : []));
    expect(countNonzeroAssignments(15, 10, edges)).toBe(1024);
  });

  it('countNonzeroAssignments equals brute-force enumeration on random graphs', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 7 }).chain((m) =>
          fc.tuple(
            fc.constant(m),
            fc.array(fc.uniqueArray(fc.integer({ min: 0, max: m - 1 }), { maxLength: m }), {
              maxLength: 7,
            }),
          ),
        ),
        ([m, edges]) => {
          expect(countNonzeroAssignments(edges.length, m, edges)).toBe(bruteForce(m, edges));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('countNonzeroAssignments is null when a component is too large to count', () => {
    expect(countNonzeroAssignments(5, 5, complete(5, 5), { maxSide: 4 })).toBeNull();
  });

  it('countNonzeroAssignments is null when the count exceeds 2^53', () => {
    // 10 separate complete 4 × 4 blocks: (Σ_k C(4,k)² k!)^10 = 209^10 ≈ 1.6e23 > 2^53
    const edges = Array.from({ length: 40 }, (_, v) => {
      const b = Math.floor(v / 4);
      return [4 * b, 4 * b + 1, 4 * b + 2, 4 * b + 3];
    });
    expect(countNonzeroAssignments(40, 40, complete(4, 4).slice(0, 4))).toBe(209);
    expect(countNonzeroAssignments(40, 40, edges)).toBeNull();
  });
});
