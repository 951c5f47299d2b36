/**
 * Programme power on the pool's workers: every worker loads the document once (a structured
 * clone of the validated `DVICase`), then takes family tasks (`powerTasks`) from one queue, the
 * next task going to whichever worker is free, so a slow family or a descheduled worker never
 * holds the others back. Results are kept by task number and assembled in document order by
 * the same `assembleProgrammePower` as in one thread, so the report is identical at any thread
 * count. Every call is guarded as in a search (crash, stop signal, per-task deadline).
 *
 * @module
 */
import type { FamilyMissingPower } from '../power/family-power.js';
import type { PowerTask, PowerTaskOptions } from '../power/programme-power.js';
import type { DVICase } from '../search/types.js';
import { _guardFor, type _Slot, _takeSlots } from './pool-run.js';
import type { SpawnWorker } from './worker-handle.js';

/** Progress of a programme power run, reported after every family. */
export interface PowerProgress {
  /** Families done. */
  readonly done: number;
  /** Families in the document. */
  readonly total: number;
  /** Families per second since the run started. */
  readonly rate: number;
  /** Milliseconds since the run started. */
  readonly elapsedMs: number;
}

/** Progress callback and cancellation of one power run. */
export interface PowerControl {
  readonly onProgress?: (progress: PowerProgress) => void;
  readonly signal?: AbortSignal;
}

/** What {@link _executePower} needs from the pool and the run. */
export interface _PowerContext {
  readonly spawn: SpawnWorker;
  readonly slots: (_Slot | undefined)[];
  readonly want: number;
  readonly dvi: DVICase;
  readonly options: PowerTaskOptions;
  readonly tasks: readonly PowerTask[];
  readonly control: PowerControl;
  readonly gate: { readonly stop: Promise<never>; readonly stopped: boolean };
  readonly taskTimeoutMs: number;
}

let _jobCounter = 0;

/**
 * Run every task on the workers.
 *
 * @param ctx - pool and run
 * @returns per task (in task order) its family's reports
 * @throws KindredError `WORKER_CRASHED`, `WORKER_TIMEOUT` (naming the worker and the family),
 *   the stop reason (`ABORTED`), or a worker's error (with its code and path)
 */
export async function _executePower(ctx: _PowerContext): Promise<FamilyMissingPower[][]> {
  const { tasks, gate } = ctx;
  const used = await _takeSlots(ctx.spawn, ctx.slots, ctx.want);
  const guard = _guardFor(used, ctx.taskTimeoutMs, gate);
  const jobId = `power-${Date.now().toString(36)}-${(++_jobCounter).toString(36)}`;
  const results: FamilyMissingPower[][] = new Array(tasks.length);
  const t0 = performance.now();
  let next = 0;
  let done = 0;
  let failed = false;
  try {
    await Promise.all(
      used.map(async (slot) => {
        try {
          await work(slot);
        } catch (e) {
          failed = true;
          throw e;
        }
      }),
    );
  } finally {
    for (const slot of used) slot.handle.setBusy(false);
  }
  if (gate.stopped) await gate.stop;
  return results;

  async function work(slot: _Slot): Promise<void> {
    slot.handle.setBusy(true);
    // The index a worker held stays valid; the job is a separate field of the worker.
    await guard(
      slot.handle.api.loadPower({ id: jobId, dvi: ctx.dvi, options: ctx.options }),
      slot.handle,
      'loading the document',
    );
    for (;;) {
      if (gate.stopped) await gate.stop;
      if (failed) return;
      const k = next++;
      if (k >= tasks.length) return;
      const task = tasks[k]!;
      const name = ctx.dvi.families[task.family]!.name;
      results[k] = await guard(
        slot.handle.api.powerTask(jobId, task),
        slot.handle,
        `the power of family "${name}"`,
      );
      done += 1;
      const elapsedMs = performance.now() - t0;
      ctx.control.onProgress?.({
        done,
        total: tasks.length,
        rate: done / (Math.max(elapsedMs, 0.001) / 1000),
        elapsedMs,
      });
    }
  }
}
