/**
 * A search index built on the pool's workers (`pool.buildIndex`): families are independent, so
 * the main thread (which parsed and validated the document and checked its case budget once)
 * cuts them into batches of consecutive families and hands the next batch to whichever worker
 * lane is free (two lanes per worker, so a worker goes straight on to its next batch). Each
 * worker computes its families with `SearchIndex._familyEntries`, the computation of
 * `SearchIndex.addFamily`, on an index of the same loci and options, and writes their ln LR
 * columns straight into the values section of the one packed buffer (shared memory; without it
 * the batch's columns come back and the main thread writes them). Entry positions are fixed
 * before the build (families in document order), so the result does not depend on which worker
 * built what. A family that cannot be indexed fails the build with the error of the first such
 * family in document order, as the single-threaded build would; every call is guarded as in a
 * search (crash, stop signal, per-task deadline).
 *
 * @module
 */
import { isKindredError, KindredError } from '../errors.js';
import { checkDVICaseBudget } from '../search/case-budget.js';
import type { Candidate } from '../search/index/candidate.js';
import type { IndexEntry } from '../search/index/family.js';
import { writeColumns } from '../search/index/score-store.js';
import { SearchIndex, type SearchIndexOptions } from '../search/index/search-index.js';
import { type DVICase, type Family, refuseElimination } from '../search/types.js';
import { allocatePacked, type PackedCounts, packedCounts } from './packed-index.js';
import { _guardFor, type _Slot, _takeSlots } from './pool-run.js';
import type { WorkerBuildJob } from './worker-api.js';
import type { SpawnWorker } from './worker-handle.js';

/** Progress of an index build, reported after every batch of families. */
export interface BuildProgress {
  /** Families indexed so far. */
  readonly done: number;
  /** Families in the document. */
  readonly total: number;
  /** Families per second since the build started. */
  readonly rate: number;
  /** Milliseconds since the build started. */
  readonly elapsedMs: number;
}

/** Progress callback and cancellation of one index build. */
export interface BuildControl {
  readonly onProgress?: (progress: BuildProgress) => void;
  readonly signal?: AbortSignal;
}

/** A batch: families `f0 .. f1 − 1`. */
export interface _BuildBatch {
  readonly f0: number;
  readonly f1: number;
}

/** What {@link _executeBuild} needs from the pool and the build. */
export interface _BuildContext {
  readonly spawn: SpawnWorker;
  readonly slots: (_Slot | undefined)[];
  readonly want: number;
  readonly job: WorkerBuildJob;
  readonly families: readonly Family[];
  /** Position of each family's first entry; length families + 1. */
  readonly firstEntry: Int32Array;
  readonly batches: readonly _BuildBatch[];
  /** Genotype slots per entry. */
  readonly slotCount: number;
  /** The values section, written here when the workers return columns (no shared memory). */
  readonly values: Float64Array;
  /** A family refused before any build (a repeated name): its position and error. */
  readonly refused?: { readonly family: number; readonly error: KindredError } | undefined;
  readonly control: BuildControl;
  readonly gate: { readonly stop: Promise<never>; readonly stopped: boolean };
  readonly taskTimeoutMs: number;
}

/** Worker lanes per worker: one batch running, the next waiting in the worker's queue. */
const LANES = 2;

/**
 * Cut `families` into batches of consecutive families: small enough that every lane gets
 * several (a slow family or a descheduled worker holds little back) and each is a task of tens
 * of milliseconds, at most 64 families.
 *
 * @param families - number of families
 * @param threads - workers
 * @returns the batches in order
 * @example
 * ```ts
 * _buildBatches(10, 1).length; // => 10
 * ```
 */
export function _buildBatches(families: number, threads: number): _BuildBatch[] {
  const size = Math.max(1, Math.min(64, Math.ceil(families / (threads * LANES * 8))));
  const out: _BuildBatch[] = [];
  for (let f0 = 0; f0 < families; f0 += size) out.push({ f0, f1: Math.min(families, f0 + size) });
  return out;
}

/**
 * Build every batch on the workers.
 *
 * @param ctx - pool and build
 * @returns each family's entries (without columns), in document order; the columns are in the
 *   values section
 * @throws KindredError the error of the first family in document order that could not be indexed
 *   (or `ctx.refused`), `WORKER_CRASHED`, `WORKER_TIMEOUT` (naming the worker and the families),
 *   the stop reason (`ABORTED`)
 */
export async function _executeBuild(ctx: _BuildContext): Promise<(readonly IndexEntry[])[]> {
  const { job, families, batches, gate, firstEntry } = ctx;
  const used = await _takeSlots(ctx.spawn, ctx.slots, ctx.want);
  const guard = _guardFor(used, ctx.taskTimeoutMs, gate);
  const results: (readonly IndexEntry[])[] = new Array(families.length);
  let failedAt = ctx.refused?.family ?? families.length;
  let failure = ctx.refused?.error;
  const t0 = performance.now();
  let next = 0;
  let done = 0;
  let broken = false;

  const lane = async (slot: _Slot): Promise<void> => {
    for (;;) {
      if (gate.stopped) await gate.stop;
      if (broken) return;
      const k = next++;
      if (k >= batches.length) return;
      const { f0, f1 } = batches[k]!;
      // Nothing at or after the first family that failed is needed.
      if (f0 >= failedAt) return;
      const first = firstEntry[f0]!;
      const names =
        f1 - f0 === 1
          ? `family "${families[f0]!.name}"`
          : `families "${families[f0]!.name}" to "${families[f1 - 1]!.name}"`;
      const out = await guard(
        slot.handle.api.buildBatch(job.id, { first, families: families.slice(f0, f1) }),
        slot.handle,
        `indexing ${names}`,
      );
      if (gate.stopped) await gate.stop;
      out.entries.forEach((e, i) => {
        results[f0 + i] = e;
      });
      if (out.columns !== undefined) {
        const count = firstEntry[f0 + out.entries.length]! - first;
        writeColumns(out.columns, count, ctx.slotCount, ctx.values, job.stride, first);
      }
      if (out.failed !== undefined && f0 + out.failed.at < failedAt) {
        failedAt = f0 + out.failed.at;
        failure = KindredError.fromJSON(out.failed.error);
      }
      done += out.entries.length;
      const elapsedMs = performance.now() - t0;
      ctx.control.onProgress?.({
        done,
        total: families.length,
        rate: done / (Math.max(elapsedMs, 0.001) / 1000),
        elapsedMs,
      });
    }
  };

  try {
    await Promise.all(
      used.map(async (slot) => {
        try {
          slot.handle.setBusy(true);
          await guard(slot.handle.api.loadBuild(job), slot.handle, 'loading the index build');
          await Promise.all(Array.from({ length: LANES }, () => lane(slot)));
          await guard(slot.handle.api.endBuild(), slot.handle, 'ending the index build');
        } catch (e) {
          broken = true;
          throw e;
        }
      }),
    );
  } finally {
    for (const slot of used) slot.handle.setBusy(false);
  }
  if (gate.stopped) await gate.stop;
  if (failure !== undefined) throw failure;
  return results;
}

/** A build prepared on the main thread: the empty index, the buffer and the batches. */
export interface _PreparedBuild {
  /** The index the families are adopted into (empty; its loci and options). */
  readonly index: SearchIndex;
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
  readonly counts: PackedCounts;
  readonly values: Float64Array;
  readonly firstEntry: Int32Array;
  readonly refused?: { readonly family: number; readonly error: KindredError } | undefined;
}

/**
 * Everything of a build that runs on the main thread before the workers: the checks of
 * `SearchIndex.fromDVICase` (no elimination set; the case budget, once for the whole case),
 * the empty index (its loci, theta and options checked), the packed buffer laid out for every
 * entry and every remains (encoded here to count them; a remains that cannot be encoded is
 * reported after the families, as the single-threaded build does, and the buffer then leaves
 * them out), and the first repeated family name.
 *
 * @param dvi - a validated case
 * @param options - the index's options (theta is the case's)
 * @param share - lay the buffer out in shared memory
 * @returns the prepared build
 * @throws KindredError as `SearchIndex.fromDVICase` before any family is indexed
 */
export function _prepareBuild(
  dvi: DVICase,
  options: Omit<SearchIndexOptions, 'theta'>,
  share: boolean,
): _PreparedBuild {
  refuseElimination(dvi, 'the search index');
  checkDVICaseBudget(dvi, options.budget);
  const index = new SearchIndex(dvi.loci, { ...options, theta: dvi.theta });
  const firstEntry = new Int32Array(dvi.families.length + 1);
  const seen = new Set<string>();
  let refused: _PreparedBuild['refused'];
  dvi.families.forEach((f, i) => {
    firstEntry[i + 1] = firstEntry[i]! + f.missing.length;
    if (refused === undefined && seen.has(f.name)) {
      refused = {
        family: i,
        error: new KindredError(
          'INVALID_ARGUMENT',
          `Family "${f.name}" is already in the index; remove it first`,
          { path: ['families', f.name] },
        ),
      };
    }
    seen.add(f.name);
  });
  let remains: Candidate[] = [];
  try {
    remains = [...dvi.victims].map(([id, genotypes]) =>
      index.encode(id, genotypes, dvi.victimSex.get(id), dvi.observation?.get(id)),
    );
  } catch (e) {
    if (!isKindredError(e)) throw e;
    // Thrown again, in document order, when the remains are added after the families.
    remains = [];
  }
  const E = firstEntry[dvi.families.length]!;
  const slots = index.layout.slots;
  const counts: PackedCounts = {
    ...packedCounts(index, remains),
    entries: E,
  };
  const buffer = allocatePacked(counts, share);
  const values = new Float64Array(buffer, 0, slots * E);
  return {
    index,
    buffer,
    counts,
    values,
    firstEntry,
    ...(refused !== undefined ? { refused } : {}),
  };
}
