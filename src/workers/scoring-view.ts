/**
 * The worker's side of a {@link PackedIndex}: typed views into the packed buffer (no copy), and
 * the scoring of one remains against a run of entries through the index's own scoring sum
 * (`sumSlots` in search/index/score-store.ts, as `ScoreStore.score`): start from 0 and add the stored
 * value of each typed locus's genotype slot in the remains' locus order (autosomal loci first);
 * X loci count only for entries of the remains' sex when that sex is known; then each degraded
 * locus of a degraded remains, in the candidate's order, through the index's own degraded-locus
 * sum (`addMixturesRun`, as `ScoreStore.addMixtures`). Same terms in the same order give the same
 * floating-point sums as the single-threaded search.
 *
 * Unpacking checks the format and every offset and slot, so a damaged buffer is refused instead
 * of read out of bounds (which would silently give NaN).
 *
 * @module
 */
import { KindredError } from '../errors.js';
import { addMixturesRun, type MixtureSetView, sumSlots } from '../search/index/score-store.js';
import type { RankView } from '../search/rank/tile-kernel.js';
import {
  PACKED_INDEX_FORMAT,
  type PackedIndex,
  type PackedViews,
  packedViews,
} from './packed-index.js';

/** Checked views of a packed index, as a worker ranks with them (the kernel's {@link RankView}). */
export interface ScoringView extends PackedViews, RankView {
  readonly entries: number;
  readonly remains: number;
  /** 0, 1, 2, …: the tie-break key of each remains is its packed position (id order). */
  readonly remainsOrder: Int32Array;
  /** The degraded loci of every remains, as the degraded-locus sum reads them. */
  readonly mixtureSet: MixtureSetView;
}

/**
 * Build checked views on a packed index.
 *
 * @param packed - a packed index (usually received from the main thread)
 * @returns the views
 * @throws KindredError `INVALID_ARGUMENT` with a path into the packed index (`['format']`,
 *   `['counts', name]`, `['buffer']`, `['entries', e]`, `['remains', r]`, `['mixtures', m]`) when it is not a
 *   `kindred-packed-index/3` buffer or an offset, slot or code is out of range
 * @example
 * ```ts
 * unpackIndex(shareSearchIndex(index).packed).entries; // => index.entries.length
 * ```
 */
export function unpackIndex(packed: PackedIndex): ScoringView {
  const bad = (detail: string, path: (string | number)[]): never => {
    throw new KindredError('INVALID_ARGUMENT', detail, { path });
  };
  if (packed.format !== PACKED_INDEX_FORMAT) {
    bad(`Packed index has format "${packed.format}"; this worker reads "${PACKED_INDEX_FORMAT}"`, [
      'format',
    ]);
  }
  const c = packed.counts;
  for (const name of [
    'entries',
    'remains',
    'slots',
    'typedLoci',
    'mixtures',
    'mixtureSlots',
    'mixtureTerms',
    'rows',
  ] as const) {
    const value = c[name];
    if (!(Number.isInteger(value) && value >= 0))
      bad(`Packed index count "${name}" is ${value}`, ['counts', name]);
  }
  const { views: v, bytes } = packedViews(packed.buffer, c);
  if (packed.buffer.byteLength < bytes) {
    bad(`Packed index buffer has ${packed.buffer.byteLength} bytes; its counts need ${bytes}`, [
      'buffer',
    ]);
  }
  v.entrySex.forEach((sex, e) => {
    if (sex !== 1 && sex !== 2) bad(`Packed entry ${e} has sex code ${sex}`, ['entries', e]);
  });
  if (v.remainsStart[0] !== 0) bad('Packed remains 0 does not start at slot 0', ['remains', 0]);
  for (let r = 0; r < c.remains; r++) {
    const start = v.remainsStart[r]!;
    const end = v.remainsStart[r + 1]!;
    const auto = v.remainsAutosomal[r]!;
    if (end < start || end > c.typedLoci || auto < 0 || auto > end - start)
      bad(`Packed remains ${r} has loci outside the buffer`, ['remains', r]);
    for (let k = start; k < end; k++) {
      const s = v.remainsSlots[k]!;
      if (s < 0 || s >= c.slots)
        bad(`Packed remains ${r} names genotype slot ${s} of ${c.slots}`, ['remains', r]);
    }
    if (v.remainsSex[r]! > 2)
      bad(`Packed remains ${r} has sex code ${v.remainsSex[r]}`, ['remains', r]);
    const m0 = v.remainsMixtureStart[r]!;
    const m1 = v.remainsMixtureStart[r + 1]!;
    if (m0 < 0 || m1 < m0 || m1 > c.mixtures)
      bad(`Packed remains ${r} has degraded loci outside the buffer`, ['remains', r]);
    for (let m = m0; m < m1; m++) {
      if (v.mixtureX[m] === 1 && v.remainsSex[r] === 0)
        bad(`Packed remains ${r} is degraded at an X locus but has no sex`, ['remains', r]);
    }
  }
  if (v.remainsMixtureStart[c.remains] !== c.mixtures)
    bad('Packed remains do not end at the last degraded locus', ['counts', 'mixtures']);
  if (v.mixtureStart[0] !== 0) bad('Packed degraded locus 0 does not start at 0', ['mixtures', 0]);
  for (let m = 0; m < c.mixtures; m++) {
    const start = v.mixtureStart[m]!;
    const end = v.mixtureStart[m + 1]!;
    if (end <= start || end > c.mixtureSlots)
      bad(`Packed degraded locus ${m} has slots outside the buffer`, ['mixtures', m]);
    if (v.mixtureX[m]! > 1)
      bad(`Packed degraded locus ${m} has X code ${v.mixtureX[m]}`, ['mixtures', m]);
    for (let k = start; k < end; k++) {
      const s = v.mixtureSlots[k]!;
      if (s < 0 || s >= c.slots)
        bad(`Packed degraded locus ${m} names genotype slot ${s} of ${c.slots}`, ['mixtures', m]);
    }
  }
  if (v.mixtureStart[c.mixtures] !== c.mixtureSlots)
    bad('Packed degraded loci do not end at the last slot', ['counts', 'mixtureSlots']);
  if (c.mixtures > 0 && c.rows < c.slots)
    bad(`Packed index has ${c.rows} linear rows for ${c.slots} slots`, ['counts', 'rows']);
  if (v.mixtureTermStart[0] !== 0)
    bad('Packed degraded locus 0 does not start at term 0', ['mixtures', 0]);
  for (let m = 0; m < c.mixtures; m++) {
    const start = v.mixtureTermStart[m]!;
    const end = v.mixtureTermStart[m + 1]!;
    if (end <= start || end > c.mixtureTerms)
      bad(`Packed degraded locus ${m} has terms outside the buffer`, ['mixtures', m]);
    for (let k = start; k < end; k++) {
      const row = v.mixtureRows[k]!;
      if (row < 0 || row >= c.rows)
        bad(`Packed degraded locus ${m} names linear row ${row} of ${c.rows}`, ['mixtures', m]);
      if (!Number.isFinite(v.mixtureCoefs[k]!))
        bad(`Packed degraded locus ${m} has coefficient ${v.mixtureCoefs[k]}`, ['mixtures', m]);
    }
  }
  if (v.mixtureTermStart[c.mixtures] !== c.mixtureTerms)
    bad('Packed degraded loci do not end at the last term', ['counts', 'mixtureTerms']);
  const mixtureSet: MixtureSetView = {
    x: v.mixtureX,
    termStart: v.mixtureTermStart,
    rows: v.mixtureRows,
    coefs: v.mixtureCoefs,
    slotStart: v.mixtureStart,
    slots: v.mixtureSlots,
    logWeights: v.mixtureLogWeights,
  };
  const view = {
    ...v,
    mixtureSet,
    entries: c.entries,
    remains: c.remains,
    remainsOrder: Int32Array.from({ length: c.remains }, (_, r) => r),
    scoreRange: (r: number, e0: number, e1: number, out: Float64Array) =>
      scoreRange(view, r, e0, e1, out),
  };
  return view;
}

/**
 * ln LR of remains `r` against entries `e0..e1` (see module doc), into `out[0 .. e1−e0]`.
 *
 * @param view - checked views
 * @param r - remains position (id order)
 * @param e0 - first entry
 * @param e1 - end of the run (exclusive)
 * @param out - output, length >= e1 − e0
 * @returns `out`
 * @example
 * ```ts
 * scoreRange(view, 0, 0, view.entries, new Float64Array(view.entries)); // => index.score(first remains)
 * ```
 */
export function scoreRange(
  view: PackedViews & { readonly entries: number; readonly mixtureSet: MixtureSetView },
  r: number,
  e0: number,
  e1: number,
  out: Float64Array,
): Float64Array {
  const start = view.remainsStart[r]!;
  const k = view.remainsStart[r + 1]! - start;
  const run = { values: view.values, stride: view.entries, first: e0, count: e1 - e0 };
  const code = view.remainsSex[r]!;
  sumSlots(
    run,
    view.remainsSlots,
    start,
    k,
    view.remainsAutosomal[r]!,
    code,
    view.entrySex,
    e0,
    out,
    0,
  );
  addMixturesRun(
    run,
    view.linear,
    view.mixtureSet,
    view.remainsMixtureStart[r]!,
    view.remainsMixtureStart[r + 1]!,
    code,
    view.entrySex,
    e0,
    out,
    0,
  );
  return out;
}
