/**
 * What `kindred search` needs for `--threads N`, `--progress` and `--quiet`: parsing the thread
 * count, building the index with progress, and a search that runs on a worker pool with
 * progress on stderr (a bar when stderr is a terminal, plain lines with `--progress` otherwise,
 * nothing with `--quiet`; shown once the phase has run for a second). Small searches (below
 * ~50,000 pairs) run on the calling thread, where starting threads would cost more than it
 * saves; the result is the same either way.
 *
 * @module
 */
import { availableParallelism } from 'node:os';
import { KindredError } from '../errors.js';
import { SearchIndex } from '../search/index/search-index.js';
import type { RankOptions } from '../search/rank/hit.js';
import { type RankAllResult, rankAll } from '../search/rank/rank-all.js';
import type { DVICase } from '../search/types.js';
import { createSearchPool } from '../workers/search-pool.js';
import { createProgressBar, type ProgressMode, trackProgress } from './progress-bar.js';

/** Usage lines of the two options, for the command's help text. */
export const THREADS_USAGE = `  --threads N   worker threads for the search (default: number of cores, here ${availableParallelism()})
  --progress    progress on stderr also when it is not a terminal (a line every 5 s)
  --quiet       no progress on stderr`;

/**
 * Parse the value of `--threads`.
 *
 * @param value - the option's text, or undefined when absent
 * @returns the thread count (the number of logical cores when absent)
 * @throws KindredError `USAGE` when the value is not a whole number from 1 to 1024
 * @example
 * ```ts
 * parseThreadsOption('4'); // => 4
 * ```
 */
export function parseThreadsOption(value: string | undefined): number {
  if (value === undefined) return availableParallelism();
  const n = /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!(Number.isInteger(n) && n >= 1 && n <= 1024)) {
    throw new KindredError(
      'USAGE',
      `--threads needs a whole number from 1 to 1024, got "${value}"`,
      { path: ['threads'] },
    );
  }
  return n;
}

/** Options of {@link runPooledSearch}. */
export interface PooledSearchOptions {
  /** Worker threads (default: the number of logical cores). */
  readonly threads?: number;
  /** No progress bar. */
  readonly quiet?: boolean;
  /** How to show progress (overrides `quiet` and `stderrIsTTY`; see `progressMode`). */
  readonly progress?: ProgressMode;
  /** Where the progress bar goes. */
  readonly stderr: (text: string) => void;
  /** Whether stderr is a terminal (no bar otherwise). */
  readonly stderrIsTTY?: boolean;
  /** Cancels the search (rejects with `ABORTED`). */
  readonly signal?: AbortSignal;
  /** rankAll's options (thresholds, top, priors, sex policy, per-locus detail). */
  readonly rank?: RankOptions;
  /** Show the bar after this many ms (default 1000). */
  readonly progressDelayMs?: number;
  /** In `lines` mode, ms between two lines (default 5000). */
  readonly progressIntervalMs?: number;
  /** Searches with fewer pairs run on the calling thread (default 50,000). */
  readonly inlineBelowPairs?: number;
}

/**
 * rankAll over the whole index on `threads` worker threads, with a progress bar (see module doc).
 *
 * @param index - the search index
 * @param options - threads, quiet, stderr and whether it is a TTY, abort signal, rank options
 * @returns exactly `rankAll(index, options.rank)`
 * @throws KindredError `ABORTED` when the signal aborts; `WORKER_CRASHED`; `INVALID_ARGUMENT`
 *   for invalid rank options or thread count
 * @example
 * ```ts
 * const result = await runPooledSearch(index, { threads: 2, stderr: (t) => process.stderr.write(t), stderrIsTTY: process.stderr.isTTY });
 * result.undisputed.length; // => rankAll(index).undisputed.length
 * ```
 */
export async function runPooledSearch(
  index: SearchIndex,
  options: PooledSearchOptions,
): Promise<RankAllResult> {
  const pairs = index.remains.length * index.entries.length;
  if (options.signal?.aborted) throw new KindredError('ABORTED', 'The search was aborted');
  if (pairs < (options.inlineBelowPairs ?? 50_000)) return rankAll(index, options.rank);
  const pool = createSearchPool({ threads: options.threads ?? availableParallelism() });
  const mode =
    options.progress ?? (options.quiet !== true && options.stderrIsTTY === true ? 'bar' : 'off');
  const bar =
    mode === 'off'
      ? undefined
      : createProgressBar({
          write: options.stderr,
          mode,
          ...(options.progressDelayMs !== undefined ? { delayMs: options.progressDelayMs } : {}),
          ...(options.progressIntervalMs !== undefined
            ? { intervalMs: options.progressIntervalMs }
            : {}),
        });
  try {
    return await pool.search(index, options.rank ?? {}, {
      ...(bar !== undefined ? { onProgress: (p) => bar.update(p) } : {}),
      ...(options.signal !== undefined ? { signal: options.signal } : {}),
    });
  } finally {
    bar?.finish();
    await pool.close();
  }
}

/** Options of {@link runCaseSearch}. */
export interface CaseSearchOptions extends PooledSearchOptions {
  /** Called once the index is built, before the search (warnings that belong between the two). */
  readonly onBuilt?: (index: SearchIndex) => void;
}

/**
 * Build the index of a DVI case and rank every remains against it (what `kindred search` runs):
 * a search of at least `inlineBelowPairs` pairs builds the index on the worker pool
 * (`pool.buildIndex`, the families spread over every thread, their tables written straight into
 * the shared buffer) and then searches that buffer on the same workers; a smaller one builds and
 * ranks on the calling thread. Progress of both phases goes to stderr as for
 * {@link buildIndexWithProgress} and {@link runPooledSearch}. The result is the same either way.
 *
 * @param dvi - a validated DVI case
 * @param options - threads, progress, abort signal, rank options, a callback between the phases
 * @returns the index and exactly `rankAll(SearchIndex.fromDVICase(dvi), options.rank)`
 * @throws KindredError as `SearchIndex.fromDVICase` and {@link runPooledSearch}
 * @example
 * ```ts
 * const { result } = await runCaseSearch(dvi, { threads: 2, progress: 'off', stderr: () => {} });
 * ```
 */
export async function runCaseSearch(
  dvi: DVICase,
  options: CaseSearchOptions,
): Promise<{ index: SearchIndex; result: RankAllResult }> {
  const entries = dvi.families.reduce((n, f) => n + f.missing.length, 0);
  const pairs = entries * dvi.victims.size;
  const mode =
    options.progress ?? (options.quiet !== true && options.stderrIsTTY === true ? 'bar' : 'off');
  if (pairs < (options.inlineBelowPairs ?? 50_000)) {
    const index = buildIndexWithProgress(dvi, { progress: mode, stderr: options.stderr });
    options.onBuilt?.(index);
    return { index, result: await runPooledSearch(index, options) };
  }
  if (options.signal?.aborted) throw new KindredError('ABORTED', 'The search was aborted');
  const pool = createSearchPool({ threads: options.threads ?? availableParallelism() });
  const barFor = (label?: { label: string; unit: string }) =>
    mode === 'off'
      ? undefined
      : createProgressBar({
          write: options.stderr,
          mode,
          ...(label ?? {}),
          ...(options.progressDelayMs !== undefined ? { delayMs: options.progressDelayMs } : {}),
          ...(options.progressIntervalMs !== undefined
            ? { intervalMs: options.progressIntervalMs }
            : {}),
        });
  try {
    let index: SearchIndex;
    const buildBar = barFor({ label: 'index', unit: 'families+victims' });
    const total = dvi.families.length + dvi.victims.size;
    const tracker = buildBar === undefined ? undefined : trackProgress(buildBar, total);
    try {
      index = await pool.buildIndex(
        dvi,
        {},
        {
          ...(tracker !== undefined ? { onProgress: (p) => tracker.step(p.done) } : {}),
          ...(options.signal !== undefined ? { signal: options.signal } : {}),
        },
      );
      tracker?.step(total);
    } finally {
      tracker?.finish();
    }
    options.onBuilt?.(index);
    const bar = barFor();
    try {
      const result = await pool.search(index, options.rank ?? {}, {
        ...(bar !== undefined ? { onProgress: (p) => bar.update(p) } : {}),
        ...(options.signal !== undefined ? { signal: options.signal } : {}),
      });
      return { index, result };
    } finally {
      bar?.finish();
    }
  } finally {
    await pool.close();
  }
}

/** Usage line of `--prior`. */
export const PRIOR_USAGE = `  --prior FAMILY=P   prior probability that a victim belongs to FAMILY (repeat; unlisted
                     families get 0, "none of them" 1 - the sum); default flat`;

/**
 * Parse repeated `--prior FAMILY=P` options into `RankOptions.familyPriors`.
 *
 * @param values - the option's values, or undefined when absent
 * @returns the priors by family, or undefined when none were given
 * @throws KindredError `USAGE` for a value that is not `NAME=P` with P in [0, 1], a repeated
 *   family, or priors that sum to more than 1
 * @example
 * ```ts
 * parseFamilyPriors(['F1=0.5', 'F2=0.25'])?.get('F2'); // => 0.25
 * ```
 */
export function parseFamilyPriors(
  values: readonly string[] | undefined,
): Map<string, number> | undefined {
  if (values === undefined || values.length === 0) return undefined;
  const out = new Map<string, number>();
  for (const text of values) {
    const at = text.lastIndexOf('=');
    const name = at > 0 ? text.slice(0, at) : '';
    const p = at > 0 && text.slice(at + 1).trim() !== '' ? Number(text.slice(at + 1)) : Number.NaN;
    if (name === '' || !(Number.isFinite(p) && p >= 0 && p <= 1)) {
      throw new KindredError('USAGE', `--prior needs FAMILY=P with P in [0, 1], got "${text}"`, {
        path: ['prior'],
      });
    }
    if (out.has(name))
      throw new KindredError('USAGE', `--prior gives family "${name}" twice`, { path: ['prior'] });
    out.set(name, p);
  }
  const sum = [...out.values()].reduce((a, b) => a + b, 0);
  if (sum > 1 + 1e-12) {
    throw new KindredError('USAGE', `--prior values sum to ${sum}, more than 1`, {
      path: ['prior'],
    });
  }
  return out;
}

/** Options of {@link buildIndexWithProgress}. */
export interface IndexProgressOptions {
  /** How to show progress (`off`: build silently). */
  readonly progress: ProgressMode;
  /** Where progress goes. */
  readonly stderr: (text: string) => void;
  /** Show progress after this many ms (default 1000). */
  readonly delayMs?: number;
  /** In `lines` mode, ms between two lines (default 5000). */
  readonly intervalMs?: number;
}

/**
 * `SearchIndex.fromDVICase` with progress: the families (the costly part: every candidate
 * genotype's LR) and then the victims are indexed one by one, reporting
 * `index [###…] 40% 400/1.0k families+victims, 52 /s, ETA 12s`.
 *
 * @param dvi - a validated DVI case
 * @param options - progress mode, output, delay and interval
 * @returns the same index as `SearchIndex.fromDVICase(dvi)`
 * @throws KindredError as `SearchIndex.addFamily` / `addRemains`
 * @example
 * ```ts
 * buildIndexWithProgress(dvi, { progress: 'off', stderr: () => {} }).entries.length; // => missing persons
 * ```
 */
export function buildIndexWithProgress(dvi: DVICase, options: IndexProgressOptions): SearchIndex {
  if (options.progress === 'off') return SearchIndex.fromDVICase(dvi);
  const bar = createProgressBar({
    write: options.stderr,
    mode: options.progress,
    label: 'index',
    unit: 'families+victims',
    ...(options.delayMs !== undefined ? { delayMs: options.delayMs } : {}),
    ...(options.intervalMs !== undefined ? { intervalMs: options.intervalMs } : {}),
  });
  const total = dvi.families.length + dvi.victims.size;
  const tracker = trackProgress(bar, total);
  try {
    // The same build as without progress (every observation kept).
    return SearchIndex.fromDVICase(dvi, {}, (done) => tracker.step(done));
  } finally {
    tracker.finish();
  }
}
