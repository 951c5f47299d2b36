/**
 * Progress of a long command on stderr: on a terminal a one-line bar,
 * `search [#######.........] 41% 4.1M/10.0M pairs, 3.2M pairs/s, ETA 2s`, redrawn in place with
 * a carriage return at most every 100 ms and erased when done; elsewhere (a log file, a pipe)
 * plain lines, `search: 41% 4.1M/10.0M pairs, 3.2M pairs/s, ETA 2s`, one every `intervalMs`
 * (default 5 s) and one at the end. Either is shown only once the work has run for `delayMs`
 * (so short runs print nothing). {@link progressMode} chooses from `--progress`, `--quiet` and
 * whether stderr is a terminal.
 *
 * @module
 */
import { KindredError } from '../errors.js';
import type { SearchProgress } from '../workers/pool-run.js';

/** How progress is shown: a redrawn bar, plain lines, or not at all. */
export type ProgressMode = 'bar' | 'lines' | 'off';

/**
 * The progress mode of a command: off with `--quiet`; with `--progress` a bar on a terminal and
 * plain lines elsewhere; by default a bar on a terminal and nothing elsewhere.
 *
 * @param options - the `--quiet` and `--progress` flags and whether stderr is a terminal
 * @returns the mode
 * @throws KindredError `USAGE` for `--quiet` with `--progress`
 * @example
 * ```ts
 * progressMode({ progress: true, stderrIsTTY: false }); // => 'lines'
 * ```
 */
export function progressMode(options: {
  readonly quiet?: boolean | undefined;
  readonly progress?: boolean | undefined;
  readonly stderrIsTTY?: boolean | undefined;
}): ProgressMode {
  if (options.quiet === true && options.progress === true)
    throw new KindredError('USAGE', '--quiet and --progress contradict each other');
  if (options.quiet === true) return 'off';
  if (options.stderrIsTTY === true) return 'bar';
  return options.progress === true ? 'lines' : 'off';
}

/** Options of {@link createProgressBar}. */
export interface ProgressBarOptions {
  /** Where the bar is drawn (stderr). */
  readonly write: (text: string) => void;
  /** `bar` (default, for a terminal) or `lines` (plain lines, for a log). */
  readonly mode?: 'bar' | 'lines';
  /** Show progress only after this much work time (default 1000 ms). */
  readonly delayMs?: number;
  /** In `lines` mode, the time between two lines (default 5000 ms). */
  readonly intervalMs?: number;
  /** Bar width in characters (default 24). */
  readonly width?: number;
  /** Text before the bar (default `search`). */
  readonly label?: string;
  /** What is counted (default `pairs`). */
  readonly unit?: string;
}

/** A progress bar (or line writer) fed with progress reports. */
export interface ProgressBar {
  update(progress: SearchProgress): void;
  /** Erase the bar (if it was drawn); in `lines` mode nothing (the last line stays). */
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
 * @param width - bar width (0: no bar, as in `lines` mode: `search: 25% …`)
 * @param label - text before the bar
 * @param unit - what is counted (default `pairs`)
 * @returns the line
 * @example
 * ```ts
 * renderProgress({ done: 50, total: 200, rate: 25, elapsedMs: 2000 }, 8, 'search');
 * // => 'search [##......]  25% 50/200 pairs, 25 pairs/s, ETA 6s'
 * ```
 */
export function renderProgress(
  p: SearchProgress,
  width: number,
  label: string,
  unit = 'pairs',
): string {
  const frac = p.total > 0 ? Math.min(1, p.done / p.total) : 1;
  const filled = Math.round(frac * width);
  const bar = width > 0 ? ` [${'#'.repeat(filled)}${'.'.repeat(width - filled)}]` : ':';
  const pct = `${Math.floor(frac * 100)}`.padStart(3);
  const eta = p.rate > 0 ? Math.ceil((p.total - p.done) / p.rate) : Number.NaN;
  const etaText = Number.isFinite(eta) ? `, ETA ${eta}s` : '';
  return `${label}${bar} ${pct}% ${formatCount(p.done)}/${formatCount(p.total)} ${unit}, ${formatCount(p.rate)} ${unit}/s${etaText}`;
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
  const unit = options.unit ?? 'pairs';
  if (options.mode === 'lines') {
    const interval = options.intervalMs ?? 5000;
    let last = Number.NEGATIVE_INFINITY;
    let ended = false;
    return {
      update(p: SearchProgress): void {
        if (p.elapsedMs < delay || ended) return;
        const final = p.done >= p.total;
        if (!final && p.elapsedMs - last < interval) return;
        last = p.elapsedMs;
        ended = final;
        options.write(`${renderProgress(p, 0, label, unit)}\n`);
      },
      finish(): void {},
    };
  }
  let drawn = false;
  let lastDraw = Number.NEGATIVE_INFINITY;
  return {
    update(p: SearchProgress): void {
      if (p.elapsedMs < delay) return;
      const final = p.done >= p.total;
      if (!final && p.elapsedMs - lastDraw < 100) return;
      lastDraw = p.elapsedMs;
      drawn = true;
      options.write(`\r${renderProgress(p, width, label, unit)}\u001b[K`);
    },
    finish(): void {
      if (drawn) options.write('\r\u001b[2K');
      drawn = false;
    },
  };
}

/**
 * Progress of work counted by the caller: `step(done)` turns counts into progress reports
 * (rate and elapsed time since the tracker was made) for a {@link ProgressBar}.
 *
 * @param bar - where the reports go
 * @param total - the count at the end
 * @param now - the clock in ms (default `performance.now`)
 * @returns `step(done)` and `finish()`
 * @example
 * ```ts
 * const t = trackProgress(bar, families.length);
 * families.forEach((f, i) => { index.addFamily(f); t.step(i + 1); });
 * t.finish();
 * ```
 */
export function trackProgress(
  bar: ProgressBar,
  total: number,
  now: () => number = () => performance.now(),
): { step(done: number): void; finish(): void } {
  const t0 = now();
  return {
    step(done: number): void {
      const elapsedMs = now() - t0;
      bar.update({ done, total, elapsedMs, rate: elapsedMs > 0 ? (done * 1000) / elapsedMs : 0 });
    },
    finish(): void {
      bar.finish();
    },
  };
}
