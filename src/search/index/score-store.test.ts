import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../sim/prng.js';
import { ScoreStore, STORE_BLOCK, writeColumns } from './score-store.js';

/** Column of entry `id`: slot s holds id·10 + s (so every value names its entry and slot). */
const column = (id: number, slots: number) =>
  Float64Array.from({ length: slots }, (_, s) => id * 10 + s);

describe('ScoreStore', () => {
  it('keeps every value through appends across blocks and swap-removals', () => {
    const slots = 3;
    const store = new ScoreStore(slots);
    const ids: number[] = [];
    for (let id = 0; id < 2 * STORE_BLOCK + 100; id++) {
      expect(store.append(column(id, slots), id % 2 ? 'male' : 'female')).toBe(id);
      ids.push(id);
    }
    const rng = createRng(5);
    for (let k = 0; k < STORE_BLOCK + 150; k++) {
      const pos = rng.int(ids.length);
      const from = store.removeAt(pos);
      expect(from).toBe(ids.length - 1);
      ids[pos] = ids[from]!;
      ids.pop();
    }
    expect(store.size).toBe(ids.length);
    ids.forEach((id, pos) => {
      for (let s = 0; s < slots; s++) expect(store.value(pos, s)).toBe(id * 10 + s);
    });
    // Appending after removals refills the freed tail.
    const pos = store.append(column(9999, slots), 'male');
    expect(store.column(pos)).toEqual(column(9999, slots));
  });

  it('score adds the given slots for every entry; X slots only for entries of the candidate sex', () => {
    const store = new ScoreStore(4);
    for (let id = 0; id < 40; id++) store.append(column(id, 4), id % 2 ? 'male' : 'female');
    const out = new Float64Array(40);
    // Slots 1 and 3 autosomal, slot 2 an X slot: males get 3 terms, females 2.
    store.score(Int32Array.of(1, 3, 2), 2, 'male', out);
    for (let id = 0; id < 40; id++) {
      const auto = id * 10 + 1 + id * 10 + 3;
      expect(out[id]).toBe(id % 2 ? auto + id * 10 + 2 : auto);
    }
    store.score(Int32Array.of(1, 3, 2), 2, undefined, out);
    expect(out[0]).toBe(1 + 3 + 2);
  });

  it('a small store stays small: 16 entries use a block of capacity 16', () => {
    const store = new ScoreStore(10);
    for (let id = 0; id < 16; id++) store.append(column(id, 10), 'male');
    expect(store.bytes()).toBe(10 * 16 * 8 + 16);
  });

  it('staged appends read back at once: any mix of appends, removals and reads equals a plain list of columns (fast-check)', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('append' as const), count: fc.integer({ min: 1, max: 80 }) }),
      fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('read' as const), at: fc.nat() }),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }),
        fc.nat(2 * STORE_BLOCK),
        fc.array(op, { maxLength: 40 }),
        (slots, reserve, ops) => {
          const store = new ScoreStore(slots);
          if (reserve > 0) store.reserve(reserve);
          const ids: number[] = [];
          let next = 0;
          const check = (pos: number): void => {
            expect(store.column(pos)).toEqual(column(ids[pos]!, slots));
          };
          for (const o of ops) {
            if (o.kind === 'append') {
              for (let k = 0; k < o.count; k++) {
                expect(store.append(column(next, slots), 'male')).toBe(ids.length);
                ids.push(next++);
              }
            } else if (ids.length > 0 && o.kind === 'remove') {
              const pos = o.at % ids.length;
              const from = store.removeAt(pos);
              ids[pos] = ids[from]!;
              ids.pop();
            } else if (ids.length > 0) check(o.at % ids.length);
          }
          expect(store.size).toBe(ids.length);
          const out = new Float64Array(ids.length);
          store.score(Int32Array.of(slots - 1), 1, undefined, out);
          ids.forEach((id, pos) => {
            expect(out[pos]).toBe(id * 10 + slots - 1);
          });
          const major = new Float64Array(slots * ids.length);
          store.copyGenotypeMajor(major, ids.length);
          ids.forEach((id, pos) => {
            expect(major[(slots - 1) * ids.length + pos]).toBe(id * 10 + slots - 1);
            expect(major[pos]).toBe(id * 10);
          });
        },
      ),
      { numRuns: 150 },
    );
  });

  it('an adopted genotype-major array reads, scores and changes like a store of appended columns (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 * STORE_BLOCK + 40 }),
        fc.integer({ min: 0, max: 7 }),
        fc.array(fc.tuple(fc.boolean(), fc.nat()), { maxLength: 6 }),
        (n, spare, changes) => {
          const slots = 3;
          const stride = n + spare;
          const cols = new Float64Array(n * slots);
          for (let id = 0; id < n; id++) cols.set(column(id, slots), id * slots);
          const values = new Float64Array(slots * stride);
          writeColumns(cols, n, slots, values, stride, 0);
          const before = values.slice();
          const sexes = Uint8Array.from({ length: n }, (_, id) => (id % 3 ? 1 : 2));
          const adopted = ScoreStore.adopt(slots, values, stride, sexes);
          const plain = new ScoreStore(slots);
          for (let id = 0; id < n; id++)
            plain.append(column(id, slots), sexes[id] === 1 ? 'male' : 'female');
          const same = (): void => {
            expect(adopted.size).toBe(plain.size);
            for (const sex of [undefined, 'male', 'female'] as const) {
              const a = new Float64Array(plain.size);
              const b = new Float64Array(plain.size);
              adopted.score(Int32Array.of(2, 0, 1), 2, sex, a);
              plain.score(Int32Array.of(2, 0, 1), 2, sex, b);
              expect(a).toEqual(b);
            }
            for (let pos = 0; pos < plain.size; pos += 97)
              expect(adopted.column(pos)).toEqual(plain.column(pos));
          };
          same();
          for (const [add, k] of changes) {
            if (add || plain.size === 0) {
              adopted.append(column(5000 + k, slots), 'male');
              plain.append(column(5000 + k, slots), 'male');
            } else {
              expect(adopted.removeAt(k % plain.size)).toBe(plain.removeAt(k % plain.size));
            }
            same();
          }
          // The adopted array itself is never written.
          expect(values).toEqual(before);
        },
      ),
      { numRuns: 40 },
    );
  });
});
