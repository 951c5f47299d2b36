/**
 * The pieces of the worker pool that run on one thread: packing an index into one buffer and
 * reading it back, the tile kernel and wavefront (rankAll computed tile by tile must equal
 * rankAll itself, bit for bit, which is the single-threaded reference of issue 5), and the
 * checks a worker applies to a packed index it receives.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KindredError } from '../src/errors.js';
import { rankAll } from '../src/search/rank/rank-all.js';
import { createRankState, stateOf, storeTile, takeTile } from '../src/search/rank/rank-state.js';
import {
  canShareMemory,
  isSnapshotCurrent,
  packedViews,
  shareSearchIndex,
} from '../src/workers/packed-index.js';
import { rankAllTiled } from '../src/workers/rank-tiled.js';
import { scoreRange, unpackIndex } from '../src/workers/scoring-view.js';
import { createWavefront, planTiles } from '../src/workers/tile-plan.js';
import { _arbIndexSpec, _arbRankOptions, _randomIndex } from './helpers/pool-test-helpers.js';

describe('rankAllTiled', () => {
  it('rankAllTiled(shared, options, tile) equals rankAll(index, options) for random indexes, options and tile sizes', () => {
    // Reference: search/rank/rank-all.ts (the single-threaded search the pool must reproduce exactly).
    fc.assert(
      fc.property(
        _arbIndexSpec().chain((spec) =>
          fc.tuple(
            fc.constant(spec),
            _arbRankOptions(spec.families),
            fc.integer({ min: 1, max: 5 }),
            fc.integer({ min: 1, max: 5 }),
          ),
        ),
        ([spec, options, tr, te]) => {
          const index = _randomIndex(spec);
          const expected = rankAll(index, options);
          const got = rankAllTiled(shareSearchIndex(index), options, { remains: tr, entries: te });
          expect(got).toStrictEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('rankAllTiled refuses invalid options as rankAll does (INVALID_ARGUMENT at top)', () => {
    const shared = shareSearchIndex(
      _randomIndex({ seed: 1, loci: 1, families: 2, remains: 2, x: false }),
    );
    let err: KindredError | undefined;
    try {
      rankAllTiled(shared, { top: 0 });
    } catch (e) {
      err = e as KindredError;
    }
    expect(err).toBeInstanceOf(KindredError);
    expect(err?.code).toBe('INVALID_ARGUMENT');
    expect(err?.path).toEqual(['top']);
    expect(err?.message).toContain('top must be a positive integer');
  });
});

describe('shareSearchIndex and unpackIndex', () => {
  it('scoreRange over the packed index gives exactly index.score for every remains and entry run', () => {
    // Reference: SearchIndex.score (the score store of search/index/score-store.ts).
    fc.assert(
      fc.property(_arbIndexSpec(), fc.nat(), fc.nat(), (spec, a, b) => {
        const index = _randomIndex(spec);
        const shared = shareSearchIndex(index);
        const view = unpackIndex(shared.packed);
        const E = index.entries.length;
        const e0 = E === 0 ? 0 : a % E;
        const e1 = E === 0 ? 0 : e0 + (b % (E - e0 + 1));
        shared.remains.forEach((c, r) => {
          const direct = Array.from(index.score(c));
          const packed = Array.from(
            scoreRange(view, r, e0, e1, new Float64Array(E)).subarray(0, e1 - e0),
          );
          expect(packed).toEqual(direct.slice(e0, e1));
        });
      }),
      { numRuns: 100 },
    );
  });

  it('shareSearchIndex packs into a SharedArrayBuffer by default in Node (canShareMemory() is true) and an ArrayBuffer with shared: false', () => {
    expect(canShareMemory()).toBe(true);
    const index = _randomIndex({ seed: 3, loci: 2, families: 3, remains: 4, x: true });
    expect(shareSearchIndex(index).packed.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(shareSearchIndex(index, { shared: false }).packed.buffer).toBeInstanceOf(ArrayBuffer);
  });

  it('shareSearchIndex sorts remains by id in code-unit order, as rankAll does', () => {
    const index = _randomIndex({ seed: 5, loci: 1, families: 1, remains: 12, x: false });
    // Code-unit order: 'A' < 'AB' < 'B-7' < 'C' < 'V01' < 'V1' < 'V10' < 'V1a' < 'V2' < 'Z' < 'v1' < 'é'.
    expect(shareSearchIndex(index).remains.map((c) => c.id)).toEqual([
      'A',
      'AB',
      'B-7',
      'C',
      'V01',
      'V1',
      'V10',
      'V1a',
      'V2',
      'Z',
      'v1',
      '\u00e9',
    ]);
  });

  it('isSnapshotCurrent turns false once a remains is added or a family removed', () => {
    const index = _randomIndex({ seed: 9, loci: 1, families: 3, remains: 2, x: false });
    const a = shareSearchIndex(index);
    expect(isSnapshotCurrent(a)).toBe(true);
    index.addRemains('NEW', new Map(), undefined);
    expect(isSnapshotCurrent(a)).toBe(false);
    const b = shareSearchIndex(index);
    index.removeFamily(index.familyNames()[0]!);
    expect(isSnapshotCurrent(b)).toBe(false);
  });

  const corrupt: [
    string,
    (p: ReturnType<typeof shareSearchIndex>['packed']) => unknown,
    (string | number)[],
    string,
  ][] = [
    [
      'a wrong format',
      (p) => ({ ...p, format: 'kindred-packed-index/9' }),
      ['format'],
      'this worker reads "kindred-packed-index/3"',
    ],
    [
      'a buffer shorter than its counts',
      (p) => ({ ...p, buffer: p.buffer.slice(0, 64) }),
      ['buffer'],
      'its counts need',
    ],
    [
      'a negative count',
      (p) => ({ ...p, counts: { ...p.counts, remains: -1 } }),
      ['counts', 'remains'],
      'count "remains" is -1',
    ],
    [
      'a genotype slot past the layout',
      (p) => {
        const b = p.buffer.slice(0);
        const { views } = packedViews(b, p.counts);
        views.remainsSlots[views.remainsStart[1]!] = p.counts.slots;
        return { ...p, buffer: b };
      },
      ['remains', 1],
      `names genotype slot`,
    ],
    [
      'an entry sex code of 7',
      (p) => {
        const b = p.buffer.slice(0);
        packedViews(b, p.counts).views.entrySex[2] = 7;
        return { ...p, buffer: b };
      },
      ['entries', 2],
      'has sex code 7',
    ],
  ];
  it.each(corrupt)(
    'unpackIndex refuses %s with INVALID_ARGUMENT and its path',
    (_, damage, path, fragment) => {
      const index = _randomIndex({ seed: 11, loci: 2, families: 3, remains: 3, x: false });
      const packed = shareSearchIndex(index, { shared: false }).packed;
      let caught: unknown;
      try {
        unpackIndex(damage(packed) as typeof packed);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(KindredError);
      expect((caught as KindredError).code).toBe('INVALID_ARGUMENT');
      expect((caught as KindredError).path).toEqual(path);
      expect((caught as KindredError).message).toContain(fragment);
    },
  );
});

describe('packed degraded remains', () => {
  it('unpackIndex refuses a degraded locus naming a genotype slot past the layout (INVALID_ARGUMENT at mixtures, m)', () => {
    const index = _randomIndex({
      seed: 12,
      loci: 3,
      families: 3,
      remains: 12,
      x: false,
      degraded: true,
    });
    const packed = shareSearchIndex(index, { shared: false }).packed;
    expect(packed.counts.mixtures).toBeGreaterThan(0);
    const b = packed.buffer.slice(0);
    const { views } = packedViews(b, packed.counts);
    views.mixtureSlots[views.mixtureStart[0]!] = packed.counts.slots;
    let caught: unknown;
    try {
      unpackIndex({ ...packed, buffer: b });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(KindredError);
    expect((caught as KindredError).path).toEqual(['mixtures', 0]);
    expect((caught as KindredError).message).toContain('names genotype slot');
  });
});

describe('planTiles and createWavefront', () => {
  it('planTiles(10, 10, 1, { remains: 4, entries: 5 }) cuts rows at 0, 4, 8, 10 and columns at 0, 5, 10', () => {
    const grid = planTiles(10, 10, 1, { remains: 4, entries: 5 });
    expect(grid.rowCuts).toEqual([0, 4, 8, 10]);
    expect(grid.colCuts).toEqual([0, 5, 10]);
  });

  it('createWavefront on a 2 × 2 grid hands out (0, 0) first and nothing else until it is done', () => {
    // The TSDoc example of createWavefront.
    const w = createWavefront(planTiles(8, 8, 1, { remains: 4, entries: 4 }));
    expect(w.next()).toEqual({ i: 0, j: 0 });
    expect(w.next()).toBeUndefined();
    w.complete({ i: 0, j: 0 });
    expect([w.next(), w.next(), w.next()]).toEqual([{ i: 0, j: 1 }, { i: 1, j: 0 }, undefined]);
  });

  it('takeTile hands tile (1, 0) its blocks (remains 2..4 × entries 0..3) and storeTile takes them back', () => {
    const shared = shareSearchIndex(
      _randomIndex({ seed: 2, loci: 1, families: 3, remains: 4, x: false }),
    );
    const E = shared.entries.length;
    const grid = planTiles(4, E, 1, { remains: 2, entries: 3 });
    const state = createRankState(shared, {}, grid);
    const task = takeTile(state, { i: 1, j: 0 });
    expect([task.r0, task.r1, task.e0, task.e1]).toEqual([2, 4, 0, Math.min(3, E)]);
    // Initial row state of rankAll: [ln prior of none, 1, -inf, -inf, -1] per remains.
    expect(Array.from(task.rows.subarray(2, 5))).toEqual([-Infinity, -Infinity, -1]);
    expect(task.rows).toBe(state.rowBlocks[1]!.state);
    const back = { ...task, rows: task.rows.slice(), cols: task.cols.slice() };
    storeTile(state, back);
    expect(state.rowBlocks[1]!.state).toBe(back.rows);
    expect(state.colBlocks[0]!.state).toBe(back.cols);
    expect(stateOf(state, 'row', 3)).toMatchObject({ s: back.rows, o: 1 });
  });

  it('planTiles gives at least 4 tiles per side per thread when the sides allow it', () => {
    // 10,000 × 10,000 with 2 threads: ≥ 8 tiles per side, each ≤ 2^18 + one row of pairs.
    const grid = planTiles(10_000, 10_000, 2);
    expect(grid.rowCuts.length - 1).toBeGreaterThanOrEqual(8);
    expect(grid.colCuts.length - 1).toBeGreaterThanOrEqual(8);
    expect(
      (grid.rowCuts[1]! - grid.rowCuts[0]!) * (grid.colCuts[1]! - grid.colCuts[0]!),
    ).toBeLessThanOrEqual(2 ** 18 + 10_000);
  });

  it('planTiles refuses a tile size of 0 with INVALID_ARGUMENT at tile.remains', () => {
    expect(() => planTiles(3, 3, 1, { remains: 0 })).toThrow(
      /Tile remains must be a positive integer/,
    );
  });

  it('createWavefront hands out each tile once, only after its upper and left neighbours, for any completion order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.nat(), { minLength: 40, maxLength: 40 }),
        (nR, nE, workers, choices) => {
          const wave = createWavefront(planTiles(nR, nE, 1, { remains: 1, entries: 1 }));
          const done = new Set<string>();
          const running: { i: number; j: number }[] = [];
          let step = 0;
          while (done.size < nR * nE) {
            while (running.length < workers) {
              const t = wave.next();
              if (t === undefined) break;
              if (t.i > 0) expect(done.has(`${t.i - 1},${t.j}`)).toBe(true);
              if (t.j > 0) expect(done.has(`${t.i},${t.j - 1}`)).toBe(true);
              expect(done.has(`${t.i},${t.j}`)).toBe(false);
              running.push(t);
            }
            expect(running.length).toBeGreaterThan(0);
            const [t] = running.splice(choices[step++ % choices.length]! % running.length, 1);
            wave.complete(t!);
            done.add(`${t!.i},${t!.j}`);
          }
          expect(wave.next()).toBeUndefined();
          expect(wave.completed).toBe(nR * nE);
        },
      ),
    );
  });
});
