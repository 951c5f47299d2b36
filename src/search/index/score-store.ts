/**
 * Genotype-major storage of the indexed missing persons' ln LRs, built for scoring speed.
 *
 * Entries sit at dense positions 0..size-1, in blocks of {@link STORE_BLOCK}. Inside a block the
 * values are stored slot by slot: `block[slot·capacity + i]` is the ln LR of genotype slot
 * `slot` for the block's i-th entry. Scoring a candidate typed at loci with slots s_1..s_k then
 * reads k contiguous runs per block and adds them (out[i] = Σ_j block[s_j·capacity + i]): a
 * sequential stream of k·size doubles, no per-family random access. Removal moves the last
 * entry into the freed position. The last block grows by doubling, so a small index stays small.
 *
 * @module
 */
import type { IndexLayout } from './layout.js';
import { fillLinearRows } from './linear-rows.js';

/** Entries per block (the last block may hold fewer, with a smaller capacity). */
export const STORE_BLOCK = 1024;

/** Columns staged by `append` before they are written into their block together. */
const STAGE = 32;
/** Slots per tile when staged columns are written (a tile of writes stays in the L1 cache). */
const STAGE_TILE = 128;

/** Sex codes kept per position: 1 male, 2 female. */
const SEX_CODE = { male: 1, female: 2 } as const;

let _mixtureSum = new Float64Array(STORE_BLOCK);

/**
 * ln LR of a degraded locus against one entry: ln Σ_G w_G·exp(value_G) with the largest term
 * factored out (−Infinity when every term is 0).
 *
 * @param values - the entry's ln LR of each possible genotype, read by `slotValue(slot)`
 * @example
 * ```ts
 * mixtureLogLR(Int32Array.of(0, 1), Float64Array.of(Math.log(0.5), Math.log(0.5)), (s) => [0, Math.log(3)][s]!); // => Math.log(2)
 * ```
 */
export function mixtureLogLR(
  slots: Int32Array,
  logWeights: Float64Array,
  slotValue: (slot: number) => number,
): number {
  // One pass, weight times the stored LR, exp(ln w)·exp(ln LR) ...
  let one = 0;
  for (let j = 0; j < slots.length; j++)
    one += Math.exp(logWeights[j]!) * Math.exp(slotValue(slots[j]!));
  if (one > 1e-300 && one < 1e300) return Math.log(one);
  // ... and, when it under- or overflows, the largest term factored out.
  let max = Number.NEGATIVE_INFINITY;
  for (let j = 0; j < slots.length; j++) {
    const v = slotValue(slots[j]!) + logWeights[j]!;
    if (v > max) max = v;
  }
  if (max === Number.NEGATIVE_INFINITY) return max;
  let sum = 0;
  for (let j = 0; j < slots.length; j++)
    sum += Math.exp(slotValue(slots[j]!) + logWeights[j]! - max);
  return max + Math.log(sum);
}

/** A run of entries in a genotype-major array: `values[slot·stride + first + i]`, i < count. */
export interface SlotRun {
  readonly values: Float64Array;
  readonly stride: number;
  readonly first: number;
  readonly count: number;
}

/**
 * The one scoring sum of the search: for each entry i of `run`,
 * out[o0 + i] = Σ_j values[slots[j]·stride + first + i] over the candidate's typed loci j (in
 * order, starting from 0), where X slots (j ≥ `autosomal`) count only for entries whose sex code
 * `sexes[s0 + i]` equals `code` (every entry when `code` is 0, sex unknown). The score store and
 * the workers' packed index both score through it, so their sums are identical.
 *
 * @param run - the entries' values
 * @param slots - genotype slot per typed locus, autosomal loci first (read from `j0`)
 * @param j0 - first typed locus in `slots`
 * @param k - number of typed loci
 * @param autosomal - how many of them are autosomal
 * @param code - candidate sex code: 0 unknown, 1 male, 2 female
 * @param sexes - sex code per entry
 * @param s0 - position of the run's first entry in `sexes`
 * @param out - output
 * @param o0 - position of the run's first entry in `out`
 * @example
 * ```ts
 * const out = new Float64Array(1);
 * sumSlots({ values: Float64Array.of(1, 2), stride: 1, first: 0, count: 1 }, Int32Array.of(0, 1), 0, 2, 2, 0, Uint8Array.of(1), 0, out, 0);
 * out[0]; // => 3
 * ```
 */
export function sumSlots(
  run: SlotRun,
  slots: Int32Array,
  j0: number,
  k: number,
  autosomal: number,
  code: number,
  sexes: Uint8Array,
  s0: number,
  out: Float64Array,
  o0: number,
): void {
  const { values, stride, first, count } = run;
  for (let i = 0; i < count; i++) out[o0 + i] = 0;
  for (let j = 0; j < k; j++) {
    const off = slots[j0 + j]! * stride + first;
    if (j < autosomal || code === 0) {
      for (let i = 0; i < count; i++) out[o0 + i]! += values[off + i]!;
    } else {
      for (let i = 0; i < count; i++) if (sexes[s0 + i] === code) out[o0 + i]! += values[off + i]!;
    }
  }
}

/**
 * Relative size below which a degraded locus's linear sum is taken to have lost precision to its
 * negative terms (sum < CANCEL × its positive part): the entry is then redone exactly.
 */
const CANCEL = 1e-4;

let _prod = new Float64Array(STORE_BLOCK);
let _pos = new Float64Array(STORE_BLOCK);
let _bad = new Uint8Array(STORE_BLOCK);

/**
 * The one degraded-locus sum of the search (degraded-dna.md): for each entry i of `run`, adds
 * ln Π_m LR_m(i) over the candidate's degraded loci m0..m1-1 of `set`, where
 * LR_m(i) = Σ_j coefs[j]·linear[rows[j]·stride + first + i] over locus m's terms (an X locus
 * counts only for entries whose sex code equals `code`, every entry when `code` is 0). One
 * logarithm per entry. An entry whose sum of some locus loses precision (below `CANCEL` times
 * its positive terms, or under- or overflowing), or whose product under- or overflows, is redone
 * exactly from `run.values` (per locus {@link mixtureLogLR} over its possible genotypes); an
 * entry already at −Infinity stays there. {@link addMixturesPair} gives the same number for one
 * entry, and the score store and the workers' packed index both score through this function,
 * so every way of scoring a pair gives an identical sum.
 *
 * @param run - the entries' ln values
 * @param linear - the linear rows of the same entries, same stride (`fillLinearRows`)
 * @param set - the degraded loci
 * @param m0 - first degraded locus of the candidate in `set`
 * @param m1 - one past its last
 * @param code - candidate sex code: 0 unknown, 1 male, 2 female
 * @param sexes - sex code per entry
 * @param s0 - position of the run's first entry in `sexes`
 * @param out - output, added to
 * @param o0 - position of the run's first entry in `out`
 * @example
 * ```ts
 * addMixturesRun(run, linear, candidate.mixtureSet, 0, candidate.mixtures.length, 0, sexes, 0, out, 0);
 * ```
 */
export function addMixturesRun(
  run: SlotRun,
  linear: Float64Array,
  set: MixtureSetView,
  m0: number,
  m1: number,
  code: number,
  sexes: Uint8Array,
  s0: number,
  out: Float64Array,
  o0: number,
): void {
  if (m1 <= m0) return;
  const { values, stride, first, count } = run;
  if (_prod.length < count) {
    _prod = new Float64Array(count);
    _pos = new Float64Array(count);
    _bad = new Uint8Array(count);
    _mixtureSum = new Float64Array(count);
  }
  const prod = _prod;
  const pos = _pos;
  const bad = _bad;
  const sum = _mixtureSum;
  prod.fill(1, 0, count);
  bad.fill(0, 0, count);
  for (let m = m0; m < m1; m++) {
    const mcode = set.x[m] === 1 ? code : 0;
    sum.fill(0, 0, count);
    pos.fill(0, 0, count);
    const j1 = set.termStart[m + 1]!;
    for (let j = set.termStart[m]!; j < j1; j++) {
      const c = set.coefs[j]!;
      const off = set.rows[j]! * stride + first;
      if (c > 0) {
        for (let i = 0; i < count; i++) {
          const v = c * linear[off + i]!;
          sum[i]! += v;
          pos[i]! += v;
        }
      } else {
        for (let i = 0; i < count; i++) sum[i]! += c * linear[off + i]!;
      }
    }
    for (let i = 0; i < count; i++) {
      if (mcode !== 0 && sexes[s0 + i] !== mcode) continue;
      const v = sum[i]!;
      if (v > CANCEL * pos[i]! && v > 1e-300 && v < 1e300) prod[i]! *= v;
      else bad[i] = 1;
    }
  }
  for (let i = 0; i < count; i++) {
    const o = out[o0 + i]!;
    if (o === Number.NEGATIVE_INFINITY) continue;
    const p = prod[i]!;
    if (bad[i] === 0 && p > 1e-300 && p < 1e300) out[o0 + i] = o + Math.log(p);
    else
      out[o0 + i] =
        o +
        _exactMixtures(
          set,
          m0,
          m1,
          code,
          sexes[s0 + i]!,
          (slot) => values[slot * stride + first + i]!,
        );
  }
}

/**
 * {@link addMixturesRun} for one entry: `s` (the entry's sum over typed loci) plus the
 * candidate's degraded loci, the same terms in the same order, so the same number.
 *
 * @param s - the sum so far
 * @param set - the degraded loci
 * @param m0 - first degraded locus
 * @param m1 - one past the last
 * @param code - candidate sex code: 0 unknown, 1 male, 2 female
 * @param sex - the entry's sex code
 * @param linearOf - the entry's linear row (`linearRowOf`)
 * @param slotValue - the entry's ln LR at a genotype slot
 * @returns the new sum
 * @example
 * ```ts
 * addMixturesPair(0, set, 0, 0, 0, 1, () => 1, () => 0); // => 0
 * ```
 */
export function addMixturesPair(
  s: number,
  set: MixtureSetView,
  m0: number,
  m1: number,
  code: number,
  sex: number,
  linearOf: (row: number) => number,
  slotValue: (slot: number) => number,
): number {
  if (m1 <= m0 || s === Number.NEGATIVE_INFINITY) return s;
  let prod = 1;
  let bad = false;
  for (let m = m0; m < m1; m++) {
    const mcode = set.x[m] === 1 ? code : 0;
    let sum = 0;
    let pos = 0;
    const j1 = set.termStart[m + 1]!;
    for (let j = set.termStart[m]!; j < j1; j++) {
      const c = set.coefs[j]!;
      if (c > 0) {
        const v = c * linearOf(set.rows[j]!);
        sum += v;
        pos += v;
      } else sum += c * linearOf(set.rows[j]!);
    }
    if (mcode !== 0 && sex !== mcode) continue;
    if (sum > CANCEL * pos && sum > 1e-300 && sum < 1e300) prod *= sum;
    else bad = true;
  }
  if (!bad && prod > 1e-300 && prod < 1e300) return s + Math.log(prod);
  return s + _exactMixtures(set, m0, m1, code, sex, slotValue);
}

/** Σ over the used degraded loci of {@link mixtureLogLR} on their possible genotypes. */
function _exactMixtures(
  set: MixtureSetView,
  m0: number,
  m1: number,
  code: number,
  sex: number,
  slotValue: (slot: number) => number,
): number {
  let s = 0;
  for (let m = m0; m < m1; m++) {
    if (set.x[m] === 1 && code !== 0 && sex !== code) continue;
    const a = set.slotStart[m]!;
    const b = set.slotStart[m + 1]!;
    s += mixtureLogLR(set.slots.subarray(a, b), set.logWeights.subarray(a, b), slotValue);
  }
  return s;
}

/** What the degraded-locus sum reads of a candidate's degraded loci (`candidate.ts`'s `MixtureSet`). */
export interface MixtureSetView {
  /** 1 for an X locus, per degraded locus. */
  readonly x: Uint8Array;
  /** Start of each degraded locus's terms (one more than there are loci). */
  readonly termStart: Int32Array;
  /** Linear row of each term. */
  readonly rows: Int32Array;
  /** Coefficient of each term. */
  readonly coefs: Float64Array;
  /** Start of each degraded locus's possible genotype slots (one more than there are loci). */
  readonly slotStart: Int32Array;
  /** Possible genotype slots. */
  readonly slots: Int32Array;
  /** ln weight of each possible genotype slot. */
  readonly logWeights: Float64Array;
}

/**
 * Write `count` entry-major columns into a genotype-major array: `out[s·stride + first + j] =
 * columns[j·slots + s]`, in tiles of slots so that each tile's writes fill cache lines (a column
 * written alone is one cache miss per slot). The score store stages its appended columns through
 * it, and the worker pool's index build writes each batch of families through it.
 *
 * @param columns - `count` columns of `slots` values each, one after the other
 * @param count - number of columns
 * @param slots - values per column
 * @param out - genotype-major destination, length >= (slots − 1)·stride + first + count
 * @param stride - entries per slot row of `out`
 * @param first - position of the first column's entry in `out`'s rows
 * @example
 * ```ts
 * const out = new Float64Array(4);
 * writeColumns(Float64Array.of(1, 2, 3, 4), 2, 2, out, 2, 0);
 * out; // => Float64Array [1, 3, 2, 4]
 * ```
 */
export function writeColumns(
  columns: Float64Array,
  count: number,
  slots: number,
  out: Float64Array,
  stride: number,
  first: number,
): void {
  for (let s0 = 0; s0 < slots; s0 += STAGE_TILE) {
    const s1 = Math.min(slots, s0 + STAGE_TILE);
    for (let j = 0; j < count; j++) {
      const from = j * slots;
      const to = first + j;
      for (let s = s0; s < s1; s++) out[s * stride + to] = columns[from + s]!;
    }
  }
}

/**
 * ln LR values of every entry at every genotype slot, genotype-major.
 *
 * @example
 * ```ts
 * const store = new ScoreStore(3);
 * store.append(Float64Array.of(0, 1, 2), 'male');
 * const out = new Float64Array(1);
 * store.score(Int32Array.of(1, 2), 2, undefined, out);
 * out[0]; // => 3
 * ```
 */
export class ScoreStore {
  /** Genotype slots per entry. */
  readonly slots: number;
  readonly #blocks: Float64Array[] = [];
  readonly #caps: number[] = [];
  /** Per block, exp of its values (built on first use by addMixture; dropped when it changes). */
  readonly #linear: (Float64Array | undefined)[] = [];
  #sex = new Uint8Array(16);
  #size = 0;
  #reserved = 0;
  /**
   * Appended columns not yet written into their block (entry-major, {@link STAGE} at most, all
   * in one block): writing a column alone is one cache miss per slot, so they go in together,
   * tile by tile, before anything reads the store.
   */
  #stage: Float64Array | null = null;
  #staged = 0;
  /**
   * Entries per block: {@link STORE_BLOCK}, or, for a store adopted from one genotype-major
   * array ({@link ScoreStore.adopt}), that array's stride (one block holding every entry).
   */
  #span = STORE_BLOCK;
  /** True while the one block is an adopted array (copied out before any change). */
  #adopted = false;

  /** The index's layout, which the derived rows of degraded scoring need (`linear-rows.ts`). */
  readonly #layout: IndexLayout | undefined;

  /**
   * @param slots - genotype slots per entry (the layout's `slots`)
   * @param layout - the index's layout; without it the store cannot score degraded loci
   */
  constructor(slots: number, layout?: IndexLayout) {
    this.slots = slots;
    this.#layout = layout;
  }

  /**
   * A store over values already laid out genotype-major in one array (`values[slot·stride + pos]`,
   * as the worker pool builds an index straight into its shared buffer), read in place: no copy.
   * Scores are the same sums as of a store filled by {@link ScoreStore.append} (each entry's sum
   * runs over the same slots in the same order). The array is never written: the first change
   * ({@link ScoreStore.append}, {@link ScoreStore.removeAt}, {@link ScoreStore.reserve}) copies
   * the values into blocks of the store's own first.
   *
   * @param slots - genotype slots per entry
   * @param values - genotype-major ln LRs, length >= slots · stride
   * @param stride - entries per slot row of `values` (>= `sexes.length`)
   * @param sexes - sex code per entry (1 male, 2 female); its length is the number of entries
   * @param layout - the index's layout (needed to score degraded loci)
   * @returns the store
   * @example
   * ```ts
   * ScoreStore.adopt(2, Float64Array.of(1, 2, 3, 4), 2, Uint8Array.of(1, 2)).value(1, 1); // => 4
   * ```
   */
  static adopt(
    slots: number,
    values: Float64Array,
    stride: number,
    sexes: Uint8Array,
    layout?: IndexLayout,
  ): ScoreStore {
    const store = new ScoreStore(slots, layout);
    const n = sexes.length;
    if (!(stride >= n && stride >= 1 && values.length >= slots * stride)) {
      throw new RangeError(
        `ScoreStore.adopt: ${values.length} values cannot hold ${slots} slots × stride ${stride} for ${n} entries`,
      );
    }
    store.#span = stride;
    store.#adopted = true;
    store.#blocks.push(
      values.length === slots * stride ? values : values.subarray(0, slots * stride),
    );
    store.#caps.push(stride);
    store.#sex = new Uint8Array(Math.max(16, n));
    store.#sex.set(sexes);
    store.#size = n;
    return store;
  }

  /** Copy an adopted array into blocks of {@link STORE_BLOCK} entries (before a change). */
  #unadopt(): void {
    if (!this.#adopted) return;
    const old = this.#blocks[0]!;
    const stride = this.#caps[0]!;
    const n = this.#size;
    this.#blocks.length = 0;
    this.#caps.length = 0;
    this.#linear.length = 0;
    this.#span = STORE_BLOCK;
    this.#adopted = false;
    for (let base = 0; base < n; base += STORE_BLOCK) {
      const count = Math.min(STORE_BLOCK, n - base);
      const cap = count === STORE_BLOCK ? STORE_BLOCK : Math.max(16, count);
      const data = new Float64Array(this.slots * cap);
      for (let s = 0; s < this.slots; s++)
        data.set(old.subarray(s * stride + base, s * stride + base + count), s * cap);
      this.#blocks.push(data);
      this.#caps.push(cap);
    }
  }

  /** Number of entries. */
  get size(): number {
    return this.#size;
  }

  /**
   * Make room for `count` entries in all: blocks started from now on get their final capacity
   * at once (no doubling and re-striding while they fill).
   *
   * @param count - total number of entries expected
   */
  reserve(count: number): void {
    if (count > this.#size) this.#unadopt();
    this.#reserved = Math.max(this.#reserved, count);
    if (count > this.#sex.length) {
      const sex2 = new Uint8Array(count);
      sex2.set(this.#sex);
      this.#sex = sex2;
    }
  }

  /**
   * Append an entry's ln LR column.
   *
   * @param column - ln LR per slot (length `slots`)
   * @param sex - the missing person's sex
   * @returns its position
   */
  append(column: Float64Array, sex: 'male' | 'female'): number {
    this.#unadopt();
    const pos = this.#size;
    const b = Math.floor(pos / this.#span);
    const i = pos % this.#span;
    // The staged columns belong to the block before a block boundary: write them first.
    if (this.#staged === STAGE || (i === 0 && this.#staged > 0)) this.#flush();
    if (b === this.#blocks.length) {
      const cap = Math.min(this.#span, Math.max(16, this.#reserved - pos));
      this.#blocks.push(new Float64Array(this.slots * cap));
      this.#caps.push(cap);
    } else if (i === this.#caps[b]) {
      this.#flush();
      this.#grow(b);
    }
    if (this.#stage === null) this.#stage = new Float64Array(STAGE * this.slots);
    this.#stage.set(column.subarray(0, this.slots), this.#staged * this.slots);
    this.#staged++;
    this.#linear[b] = undefined;
    if (pos === this.#sex.length) {
      const sex2 = new Uint8Array(2 * pos);
      sex2.set(this.#sex);
      this.#sex = sex2;
    }
    this.#sex[pos] = SEX_CODE[sex];
    this.#size++;
    return pos;
  }

  /** Write the staged columns into their block (tiles of slots, so each write fills cache lines). */
  #flush(): void {
    const k = this.#staged;
    if (k === 0) return;
    const first = this.#size - k;
    const b = Math.floor(first / this.#span);
    const i0 = first % this.#span;
    writeColumns(this.#stage!, k, this.slots, this.#blocks[b]!, this.#caps[b]!, i0);
    this.#staged = 0;
  }

  /** Double the capacity of block b (up to STORE_BLOCK), re-striding its data. */
  #grow(b: number): void {
    const cap = this.#caps[b]!;
    const next = Math.min(this.#span, 2 * cap);
    const old = this.#blocks[b]!;
    const data = new Float64Array(this.slots * next);
    for (let s = 0; s < this.slots; s++) data.set(old.subarray(s * cap, s * cap + cap), s * next);
    this.#blocks[b] = data;
    this.#caps[b] = next;
    this.#linear[b] = undefined;
  }

  /**
   * Remove the entry at `pos` by moving the last entry there.
   *
   * @param pos - position to free
   * @returns the old position of the moved entry (= `pos` when the removed one was last)
   */
  removeAt(pos: number): number {
    this.#unadopt();
    if (this.#staged > 0) this.#flush();
    const last = this.#size - 1;
    if (pos !== last) {
      for (let s = 0; s < this.slots; s++) this.#set(pos, s, this.value(last, s));
      this.#sex[pos] = this.#sex[last]!;
    }
    this.#size--;
    if (this.#size % this.#span === 0 && this.#blocks.length > Math.ceil(this.#size / this.#span)) {
      this.#blocks.pop();
      this.#caps.pop();
      this.#linear.length = this.#blocks.length;
    }
    return last;
  }

  /** ln LR of the entry at `pos` for genotype slot `slot`. */
  value(pos: number, slot: number): number {
    if (this.#staged > 0) this.#flush();
    const b = Math.floor(pos / this.#span);
    return this.#blocks[b]![slot * this.#caps[b]! + (pos % this.#span)]!;
  }

  #set(pos: number, slot: number, v: number): void {
    const b = Math.floor(pos / this.#span);
    this.#linear[b] = undefined;
    this.#blocks[b]![slot * this.#caps[b]! + (pos % this.#span)] = v;
  }

  /**
   * Copy every value into one genotype-major array: `out[slot·stride + pos]` (block by block,
   * one contiguous run per slot).
   *
   * @param out - destination, length >= slots·stride
   * @param stride - entries per slot row of `out` (>= size)
   */
  copyGenotypeMajor(out: Float64Array, stride: number): void {
    if (this.#staged > 0) this.#flush();
    for (let b = 0; b < this.#blocks.length; b++) {
      const base = b * this.#span;
      const count = Math.min(this.#span, this.#size - base);
      const cap = this.#caps[b]!;
      const data = this.#blocks[b]!;
      for (let s = 0; s < this.slots; s++)
        out.set(data.subarray(s * cap, s * cap + count), s * stride + base);
    }
  }

  /** A copy of the column of the entry at `pos`. */
  column(pos: number): Float64Array {
    if (this.#staged > 0) this.#flush();
    const out = new Float64Array(this.slots);
    for (let s = 0; s < this.slots; s++) out[s] = this.value(pos, s);
    return out;
  }

  /**
   * Add up a candidate's slots for every entry: out[p] = Σ_k value(p, slots[k]), where the first
   * `autosomal` slots count for everyone and the rest (X loci) only for entries whose sex is
   * `sex` (all entries when `sex` is undefined).
   *
   * @param slots - the candidate's genotype slot per typed locus, autosomal loci first
   * @param autosomal - how many leading slots are autosomal
   * @param sex - the candidate's sex, if known
   * @param out - output, length >= size
   */
  score(
    slots: Int32Array,
    autosomal: number,
    sex: 'male' | 'female' | undefined,
    out: Float64Array,
  ): void {
    if (this.#staged > 0) this.#flush();
    const code = sex === undefined ? 0 : SEX_CODE[sex];
    for (let b = 0; b < this.#blocks.length; b++) {
      const base = b * this.#span;
      const count = Math.min(this.#span, this.#size - base);
      const run = { values: this.#blocks[b]!, stride: this.#caps[b]!, first: 0, count };
      sumSlots(run, slots, 0, slots.length, autosomal, code, this.#sex, base, out, base);
    }
  }

  /**
   * Add a candidate's degraded loci for every entry (degraded-dna.md; {@link addMixturesRun}):
   * out[p] += ln Π_m Σ_G w_G·R_G(p) over the degraded loci m0..m1-1 of `set`; an X locus counts
   * only for entries of the candidate's sex.
   *
   * @param set - the candidate's degraded loci (`Candidate.mixtureSet`)
   * @param m0 - first degraded locus
   * @param m1 - one past the last
   * @param sex - the candidate's known sex, if any
   * @param out - output, length >= size
   * @throws RangeError for a store made without its layout
   */
  addMixtures(
    set: MixtureSetView,
    m0: number,
    m1: number,
    sex: 'male' | 'female' | undefined,
    out: Float64Array,
  ): void {
    if (m1 <= m0) return;
    const layout = this.#layout;
    if (layout === undefined)
      throw new RangeError('ScoreStore.addMixtures: the store has no layout');
    if (this.#staged > 0) this.#flush();
    const code = sex === undefined ? 0 : SEX_CODE[sex];
    for (let b = 0; b < this.#blocks.length; b++) {
      const base = b * this.#span;
      const count = Math.min(this.#span, this.#size - base);
      const run = { values: this.#blocks[b]!, stride: this.#caps[b]!, first: 0, count };
      const linear = this.#linearBlock(b, layout);
      addMixturesRun(run, linear, set, m0, m1, code, this.#sex, base, out, base);
    }
  }

  /**
   * {@link ScoreStore.addMixtures} for the entry at one position: `s` plus its degraded loci.
   *
   * @param s - the entry's sum over typed loci
   * @param pos - the entry's position
   * @param set - the candidate's degraded loci
   * @param sex - the candidate's known sex, if any
   * @returns the new sum
   * @throws RangeError for a store made without its layout
   */
  addMixturesAt(
    s: number,
    pos: number,
    set: MixtureSetView,
    sex: 'male' | 'female' | undefined,
  ): number {
    const m1 = set.termStart.length - 1;
    if (m1 <= 0) return s;
    const layout = this.#layout;
    if (layout === undefined)
      throw new RangeError('ScoreStore.addMixturesAt: the store has no layout');
    if (this.#staged > 0) this.#flush();
    const code = sex === undefined ? 0 : SEX_CODE[sex];
    const b = Math.floor(pos / this.#span);
    const i = pos % this.#span;
    const cap = this.#caps[b]!;
    const values = this.#blocks[b]!;
    // The block's linear rows (built once, as addMixtures reads them): the same numbers
    // linearRowOf gives for this entry alone.
    const linear = this.#linearBlock(b, layout);
    return addMixturesPair(
      s,
      set,
      0,
      m1,
      code,
      this.#sex[pos]!,
      (row) => linear[row * cap + i]!,
      (slot) => values[slot * cap + i]!,
    );
  }

  /** The linear rows of block b (`linear-rows.ts`), built on first use and kept until it changes. */
  #linearBlock(b: number, layout: IndexLayout): Float64Array {
    let linear = this.#linear[b];
    if (linear === undefined) {
      const stride = this.#caps[b]!;
      const count = Math.min(this.#span, this.#size - b * this.#span);
      linear = new Float64Array(layout.rows * stride);
      fillLinearRows(this.#blocks[b]!, stride, count, layout, this.#sex, b * this.#span, linear);
      this.#linear[b] = linear;
    }
    return linear;
  }

  /**
   * Bytes allocated for values and sexes (and the LRs kept for degraded remains, if built); the
   * staging space of {@link ScoreStore.append} (32 columns) is not counted.
   */
  bytes(): number {
    let total = this.#sex.byteLength;
    for (const d of this.#blocks) total += d.byteLength;
    for (const d of this.#linear) total += d?.byteLength ?? 0;
    return total;
  }
}
