/**
 * A search index packed for worker threads: every number a worker needs to score pairs laid out
 * in one buffer, 8-byte aligned sections in a fixed order computed from a few counts.
 *
 * The ln LRs are stored genotype-major like the index's own score store (`search/index/score-store.ts`):
 * `values[slot · E + e]` is the ln LR of entry e for genotype slot `slot`, so scoring one remains
 * against a run of entries reads one contiguous run per typed locus. Remains keep their genotype
 * slots (autosomal loci first), their autosomal count and sex. A `SharedArrayBuffer` is read by
 * every worker in place; a plain `ArrayBuffer` is copied once per worker. Ids, genotypes and
 * per-locus details stay on the main thread, which builds the hits (`search/rank/rank-assembly.ts`); remains
 * are packed in `rankAll`'s order (ids in code-unit order). A degraded remains (degraded-dna.md)
 * also carries its degraded loci: per locus its linear terms and its possible genotype slots with
 * their ln weights, in the candidate's own order, which the worker adds after the typed loci
 * exactly as the index does (`addMixturesRun` in search/index/score-store.ts), from the linear
 * rows packed beside the values (`linear-rows.ts`).
 *
 * @module
 */
import { KindredError } from '../errors.js';
import type { Candidate } from '../search/index/candidate.js';
import type { IndexEntry } from '../search/index/family.js';
import { fillLinearRows } from '../search/index/linear-rows.js';
import type { SearchIndex } from '../search/index/search-index.js';
import { entryKeyRanks } from '../search/rank/tile-kernel.js';

/** Format tag of a {@link PackedIndex}; workers refuse any other. */
export const PACKED_INDEX_FORMAT = 'kindred-packed-index/3';

/** Sizes that fix the layout of a packed buffer. */
export interface PackedCounts {
  readonly entries: number;
  readonly remains: number;
  /** Genotype slots of the layout. */
  readonly slots: number;
  /** Total typed loci over all remains. */
  readonly typedLoci: number;
  /** Total degraded loci over all remains (their {@link Candidate.mixtures}). */
  readonly mixtures: number;
  /** Total possible genotype slots over all degraded loci. */
  readonly mixtureSlots: number;
  /** Total linear terms over all degraded loci (their `rows`/`coefs`). */
  readonly mixtureTerms: number;
  /** Linear rows per entry (the layout's `rows`: genotype slots and derived rows). */
  readonly rows: number;
}

/** A search index in one buffer, structured-cloneable (see module doc). */
export interface PackedIndex {
  readonly format: string;
  /** Unique id of this packing (workers cache the last one they loaded by id). */
  readonly id: string;
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
  readonly counts: PackedCounts;
}

/** A section: element type and length in elements. */
type _Kind = 'f64' | 'i32' | 'u16' | 'u8';
const _BYTES: Record<_Kind, number> = { f64: 8, i32: 4, u16: 2, u8: 1 };

/** Section order and lengths; byte offsets follow, each rounded up to 8. */
export function _sections(c: PackedCounts): { name: string; kind: _Kind; length: number }[] {
  return [
    { name: 'values', kind: 'f64', length: c.slots * c.entries },
    { name: 'linear', kind: 'f64', length: c.mixtures > 0 ? c.rows * c.entries : 0 },
    { name: 'entryKeyRank', kind: 'i32', length: c.entries },
    { name: 'entrySex', kind: 'u8', length: c.entries },
    { name: 'remainsStart', kind: 'i32', length: c.remains + 1 },
    { name: 'remainsSlots', kind: 'i32', length: c.typedLoci },
    { name: 'remainsAutosomal', kind: 'i32', length: c.remains },
    { name: 'remainsSex', kind: 'u8', length: c.remains },
    { name: 'mixtureLogWeights', kind: 'f64', length: c.mixtureSlots },
    { name: 'mixtureSlots', kind: 'i32', length: c.mixtureSlots },
    { name: 'mixtureStart', kind: 'i32', length: c.mixtures + 1 },
    { name: 'mixtureCoefs', kind: 'f64', length: c.mixtureTerms },
    { name: 'mixtureRows', kind: 'i32', length: c.mixtureTerms },
    { name: 'mixtureTermStart', kind: 'i32', length: c.mixtures + 1 },
    { name: 'mixtureX', kind: 'u8', length: c.mixtures },
    { name: 'remainsMixtureStart', kind: 'i32', length: c.remains + 1 },
  ];
}

/** Typed views of every section of a packed buffer. */
export interface PackedViews {
  /** ln LR of entry e at genotype slot s: `values[s · entries + e]`. */
  readonly values: Float64Array;
  /**
   * When some remains is degraded, the linear rows of every entry (`linear-rows.ts`:
   * `linear[row · entries + e]`, exp of `values` then the derived rows), read by the degraded-locus
   * sum; else empty.
   */
  readonly linear: Float64Array;
  /** Position of the entry's key `family\0missing` in code-unit order (rankAll's tie order). */
  readonly entryKeyRank: Int32Array;
  /** 1 male, 2 female. */
  readonly entrySex: Uint8Array;
  /** Remains r's slots are `remainsSlots[remainsStart[r] .. remainsStart[r+1]]`. */
  readonly remainsStart: Int32Array;
  readonly remainsSlots: Int32Array;
  readonly remainsAutosomal: Int32Array;
  /** 0 unknown, 1 male, 2 female. */
  readonly remainsSex: Uint8Array;
  /** ln weight of each possible genotype slot of each degraded locus. */
  readonly mixtureLogWeights: Float64Array;
  /** Degraded locus m's slots are `mixtureSlots[mixtureStart[m] .. mixtureStart[m+1]]`. */
  readonly mixtureSlots: Int32Array;
  readonly mixtureStart: Int32Array;
  /** Coefficient of each linear term of each degraded locus. */
  readonly mixtureCoefs: Float64Array;
  /** Linear row of each term. */
  readonly mixtureRows: Int32Array;
  /** Degraded locus m's terms are `mixtureTermStart[m] .. mixtureTermStart[m+1]`. */
  readonly mixtureTermStart: Int32Array;
  /** 1 for a degraded X locus (counted only against entries of the remains' known sex), else 0. */
  readonly mixtureX: Uint8Array;
  /** Remains r's degraded loci are `remainsMixtureStart[r] .. remainsMixtureStart[r+1]`. */
  readonly remainsMixtureStart: Int32Array;
}

/**
 * Views on the sections of `buffer` laid out for `counts`.
 *
 * @param buffer - a packed buffer
 * @param counts - its counts
 * @returns one typed view per section, and the bytes the layout needs
 */
export function packedViews(
  buffer: ArrayBuffer | SharedArrayBuffer,
  counts: PackedCounts,
): { views: PackedViews; bytes: number } {
  const out: Record<string, Float64Array | Int32Array | Uint16Array | Uint8Array> = {};
  let at = 0;
  for (const s of _sections(counts)) {
    const fits = at + s.length * _BYTES[s.kind] <= buffer.byteLength;
    const n = fits ? s.length : 0;
    if (s.kind === 'f64') out[s.name] = new Float64Array(buffer, fits ? at : 0, n);
    else if (s.kind === 'i32') out[s.name] = new Int32Array(buffer, fits ? at : 0, n);
    else if (s.kind === 'u16') out[s.name] = new Uint16Array(buffer, fits ? at : 0, n);
    else out[s.name] = new Uint8Array(buffer, fits ? at : 0, n);
    at += Math.ceil((s.length * _BYTES[s.kind]) / 8) * 8;
  }
  return { views: out as unknown as PackedViews, bytes: at };
}

/** The index as the pool searches it: a frozen snapshot of entries and remains, and its packing. */
export interface SharedSearchIndex {
  readonly index: SearchIndex;
  /** The index's entries when packed, in packed order. */
  readonly entries: readonly IndexEntry[];
  /** The index's remains when packed, sorted by id (code-unit order), in packed order. */
  readonly remains: readonly Candidate[];
  readonly packed: PackedIndex;
}

/** Options of {@link shareSearchIndex}. */
export interface ShareSearchIndexOptions {
  /** Pack into a SharedArrayBuffer (default: when the environment allows it). */
  readonly shared?: boolean;
}

let _packCounter = 0;

/** Every snapshot {@link shareSearchIndex} made (the pool searches no other). */
const _issued = new WeakSet<SharedSearchIndex>();

/**
 * Whether `value` is a snapshot made by {@link shareSearchIndex} in this thread (not an object
 * built by hand or copied, whose packing nothing has checked against its index).
 *
 * @param value - any value
 * @returns true for a snapshot from {@link shareSearchIndex}
 * @example
 * ```ts
 * isSharedSearchIndex(shareSearchIndex(index)); // => true
 * isSharedSearchIndex({ ...shareSearchIndex(index) }); // => false
 * ```
 */
export function isSharedSearchIndex(value: unknown): value is SharedSearchIndex {
  return typeof value === 'object' && value !== null && _issued.has(value as SharedSearchIndex);
}

/**
 * Whether memory can be shared with workers: SharedArrayBuffer exists and may be posted (always
 * in Node; in a browser only on a cross-origin isolated page, served with COOP and COEP).
 *
 * @returns true when {@link shareSearchIndex} uses a SharedArrayBuffer by default
 * @example
 * ```ts
 * canShareMemory(); // => true (Node)
 * ```
 */
export function canShareMemory(): boolean {
  const g = globalThis as { crossOriginIsolated?: boolean };
  return typeof SharedArrayBuffer === 'function' && g.crossOriginIsolated !== false;
}

/**
 * Pack a search index for worker threads (see module doc). The result is a snapshot: later
 * changes to the index are not seen by it (the pool re-packs an index that changed).
 *
 * @param index - the search index
 * @param options - whether to use a SharedArrayBuffer
 * @returns the snapshot and its packed buffer
 * @example
 * ```ts
 * shareSearchIndex(index).packed.counts.entries; // => index.entries.length
 * ```
 */
export function shareSearchIndex(
  index: SearchIndex,
  options: ShareSearchIndexOptions = {},
): SharedSearchIndex {
  const counts = packedCounts(index);
  const buffer = allocatePacked(counts, options.shared ?? canShareMemory());
  index.copyGenotypeMajor(packedViews(buffer, counts).views.values, counts.entries);
  return _finishPacked(index, buffer, counts);
}

/**
 * The counts of an index's packing (see {@link PackedCounts}).
 *
 * @param index - the index
 * @param remains - the remains to pack (default: the index's own)
 * @returns the counts
 */
export function packedCounts(
  index: SearchIndex,
  remains: readonly Candidate[] = index.remains,
): PackedCounts {
  return {
    entries: index.entries.length,
    remains: remains.length,
    slots: index.layout.slots,
    typedLoci: remains.reduce((s, c) => s + c.slots.length, 0),
    mixtures: remains.reduce((s, c) => s + c.mixtures.length, 0),
    mixtureSlots: remains.reduce(
      (s, c) => s + c.mixtures.reduce((t, m) => t + m.slots.length, 0),
      0,
    ),
    mixtureTerms: remains.reduce(
      (s, c) => s + c.mixtures.reduce((t, m) => t + m.rows.length, 0),
      0,
    ),
    rows: index.layout.rows,
  };
}

/**
 * A zeroed buffer laid out for `counts` (its `values` section first, at byte 0).
 *
 * @param counts - the counts
 * @param shared - a SharedArrayBuffer (else an ArrayBuffer)
 * @returns the buffer
 */
export function allocatePacked(
  counts: PackedCounts,
  shared: boolean,
): ArrayBuffer | SharedArrayBuffer {
  const bytes = packedViews(new ArrayBuffer(0), counts).bytes;
  return shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
}

/**
 * The snapshot of an index whose ln LRs are already in `buffer`'s values section (copied by
 * {@link shareSearchIndex}, or written there by the worker pool's build): every other section is
 * filled from the index, and the snapshot is registered (see {@link isSharedSearchIndex}).
 *
 * @param index - the index
 * @param buffer - a buffer laid out for `counts`, its values section holding the index's ln LRs
 * @param counts - the index's counts ({@link packedCounts})
 * @returns the snapshot
 * @throws KindredError `INVALID_ARGUMENT` when `counts` are not the index's
 */
export function _finishPacked(
  index: SearchIndex,
  buffer: ArrayBuffer | SharedArrayBuffer,
  counts: PackedCounts,
): SharedSearchIndex {
  const entries = [...index.entries];
  const remains = [...index.remains].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const own = packedCounts(index, remains);
  if ((Object.keys(own) as (keyof PackedCounts)[]).some((k) => own[k] !== counts[k])) {
    throw new KindredError(
      'INVALID_ARGUMENT',
      `The packed buffer is laid out for ${JSON.stringify(counts)}; the index has ${JSON.stringify(own)}`,
      { path: ['counts'] },
    );
  }
  const v = packedViews(buffer, counts).views;
  v.entryKeyRank.set(entryKeyRanks(entries));
  entries.forEach((e, i) => {
    v.entrySex[i] = e.sex === 'male' ? 1 : 2;
  });
  if (counts.mixtures > 0)
    fillLinearRows(v.values, counts.entries, counts.entries, index.layout, v.entrySex, 0, v.linear);
  remains.forEach((c, r) => {
    const at = v.remainsStart[r]!;
    v.remainsSlots.set(c.slots, at);
    v.remainsStart[r + 1] = at + c.slots.length;
    v.remainsAutosomal[r] = c.autosomalCount;
    v.remainsSex[r] = c.sex === undefined ? 0 : c.sex === 'male' ? 1 : 2;
    let m = v.remainsMixtureStart[r]!;
    for (const mix of c.mixtures) {
      const from = v.mixtureStart[m]!;
      v.mixtureSlots.set(mix.slots, from);
      v.mixtureLogWeights.set(mix.logWeights, from);
      v.mixtureX[m] = mix.x ? 1 : 0;
      const t = v.mixtureTermStart[m]!;
      v.mixtureRows.set(mix.rows, t);
      v.mixtureCoefs.set(mix.coefs, t);
      v.mixtureTermStart[m + 1] = t + mix.rows.length;
      v.mixtureStart[++m] = from + mix.slots.length;
    }
    v.remainsMixtureStart[r + 1] = m;
  });
  const id = `${Date.now().toString(36)}-${(++_packCounter).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const snapshot: SharedSearchIndex = {
    index,
    entries,
    remains,
    packed: { format: PACKED_INDEX_FORMAT, id, buffer, counts },
  };
  _issued.add(snapshot);
  return snapshot;
}

/**
 * Whether a snapshot still describes its index (same entries in the same order, same remains).
 *
 * @param shared - a snapshot from {@link shareSearchIndex}
 * @returns false once a family or remains was added or removed
 * @example
 * ```ts
 * isSnapshotCurrent(shareSearchIndex(index)); // => true
 * ```
 */
export function isSnapshotCurrent(shared: SharedSearchIndex): boolean {
  const entries = shared.index.entries;
  if (entries.length !== shared.entries.length) return false;
  for (let i = 0; i < entries.length; i++) if (entries[i] !== shared.entries[i]) return false;
  const remains = shared.index.remains;
  if (remains.length !== shared.remains.length) return false;
  const mine = new Set(shared.remains);
  return remains.every((c) => mine.has(c));
}
