/**
 * What `kindred search` needs for `--threads N` and `--quiet`: parsing the thread count, and a
 * search that runs on a worker pool with a progress bar on stderr (only when stderr is a
 * terminal, not `--quiet`, and the run lasts over a second). Small searches (below ~50,000
 * pairs) run on the calling thread, where starting threads would cost more than it saves; the
 * result is the same either way.
 *
 * @module
 */
import { availableParallelism } from 'node:os';
import { KindredError } from '../errors.js';
import type { SearchIndex } from '../search/index/search-index.js';
import type { RankOptions } from '../search/rank/hit.js';
import { type RankAllResult, rankAll } from '../search/rank/rank-all.js';
import { createSearchPool } from '../workers/search-pool.js';
import { createProgressBar } from './progress-bar.js';

/** Usage lines of the two options, for the command's help text. */
export const THREADS_USAGE = `  --threads N   worker threads for the search (default: number of cores, here ${availableParallelism()})
  --quiet       no progress bar on stderr`;

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
  const showBar = options.quiet !== true && options.stderrIsTTY === true;
  const bar = showBar
    ? createProgressBar({
        write: options.stderr,
        ...(options.progressDelayMs !== undefined ? { delayMs: options.progressDelayMs } : {}),
      })
    : undefined;
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
