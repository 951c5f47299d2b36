/**
 * A one-line progress bar for terminals: `search [#######.........] 41% 4.1M/10.0M pairs,
 * 3.2M pairs/s, ETA 2s`, redrawn in place with a carriage return at most every 100 ms, shown
 * only once the work has run for `delayMs` (so short runs print nothing), and erased when done.
 *
 * @module
 */
import type { SearchProgress } from '../workers/pool-run.js';

/** Options of {@link createProgressBar}. */
export interface ProgressBarOptions {
  /** Where the bar is drawn (a terminal's stderr). */
  readonly write: (text: string) => void;
  /** Show the bar only after this much work time (default 1000 ms). */
  readonly delayMs?: number;
  /** Bar width in characters (default 24). */
  readonly width?: number;
  /** Text before the bar (default `search`). */
  readonly label?: string;
}

/** A progress bar fed with search progress. */
export interface ProgressBar {
  update(progress: SearchProgress): void;
  /** Erase the bar (if it was drawn). */
  finish(): void;
}

/**
 * A count in compact form: 999, 1.2k, 3.4M, 5.6G.
 *
 * @param n - a non-negative count
 * @returns the short text
 * @example
 * ```ts
 * formatCount(12_345_678); // => '12.3M'
 * ```
 */
export function formatCount(n: number): string {
  if (n < 1000) return String(Math.round(n));
  const units = ['k', 'M', 'G', 'T'];
  let u = -1;
  while (n >= 999.95 && u < units.length - 1) {
    n /= 1000;
    u++;
  }
  return `${n.toFixed(1)}${units[u]}`;
}

/**
 * The text of the bar for one progress report (without the leading carriage return).
 *
 * @param p - progress
 * @param width - bar width
 * @param label - text before the bar
 * @returns the line
 * @example
 * ```ts
 * renderProgress({ done: 50, total: 200, rate: 25, elapsedMs: 2000 }, 8, 'search');
 * // => 'search [##......]  25% 50/200 pairs, 25 pairs/s, ETA 6s'
 * ```
 */
export function renderProgress(p: SearchProgress, width: number, label: string): string {
  const frac = p.total > 0 ? Math.min(1, p.done / p.total) : 1;
  const filled = Math.round(frac * width);
  const bar = `${'#'.repeat(filled)}${'.'.repeat(width - filled)}`;
  const pct = `${Math.floor(frac * 100)}`.padStart(3);
  const eta = p.rate > 0 ? Math.ceil((p.total - p.done) / p.rate) : Number.NaN;
  const etaText = Number.isFinite(eta) ? `, ETA ${eta}s` : '';
  return `${label} [${bar}] ${pct}% ${formatCount(p.done)}/${formatCount(p.total)} pairs, ${formatCount(p.rate)} pairs/s${etaText}`;
}

/**
 * Create a progress bar (see module doc).
 *
 * @param options - output, delay, width, label
 * @returns the bar
 * @example
 * ```ts
 * const bar = createProgressBar({ write: (t) => process.stderr.write(t) });
 * bar.update({ done: 1, total: 4, rate: 1, elapsedMs: 1500 }); // draws "search [######…] 25% …"
 * bar.finish(); // erases it
 * ```
 */
export function createProgressBar(options: ProgressBarOptions): ProgressBar {
  const delay = options.delayMs ?? 1000;
  const width = options.width ?? 24;
  const label = options.label ?? 'search';
  let drawn = false;
  let lastDraw = Number.NEGATIVE_INFINITY;
  return {
    update(p: SearchProgress): void {
      if (p.elapsedMs < delay) return;
      const final = p.done >= p.total;
      if (!final && p.elapsedMs - lastDraw < 100) return;
      lastDraw = p.elapsedMs;
      drawn = true;
      options.write(`\r${renderProgress(p, width, label)}\u001b[K`);
    },
    finish(): void {
      if (drawn) options.write('\r\u001b[2K');
      drawn = false;
    },
  };
}
