/**
 * The pieces `kindred search` uses for `--threads N`, `--quiet` and the progress bar: thread
 * count parsing, the progress line, and runPooledSearch (same result as rankAll; a bar on stderr
 * only for a terminal, not quiet, after the delay; nothing otherwise).
 */
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { parseThreadsOption, runPooledSearch } from '../src/cli/cli-threads.js';
import { createProgressBar, formatCount, renderProgress } from '../src/cli/progress-bar.js';
import { KindredError } from '../src/errors.js';
import { rankAll } from '../src/search/rank/rank-all.js';
import { _largeIndex, _randomIndex } from './helpers/pool-test-helpers.js';

describe('parseThreadsOption', () => {
  it('parseThreadsOption("4") is 4 and an absent value is the number of logical cores', () => {
    expect(parseThreadsOption('4')).toBe(4);
    expect(parseThreadsOption(undefined)).toBe(availableParallelism());
  });

  it.each(['0', '-2', '1.5', 'two', '', '2000'])(
    'parseThreadsOption(%j) is a USAGE error at threads',
    (v) => {
      let caught: unknown;
      try {
        parseThreadsOption(v);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(KindredError);
      expect((caught as KindredError).code).toBe('USAGE');
      expect((caught as KindredError).path).toEqual(['threads']);
      expect((caught as KindredError).message).toContain(
        `--threads needs a whole number from 1 to 1024, got "${v}"`,
      );
    },
  );
});

describe('progress bar', () => {
  it('formatCount gives 999, 1.0k, 12.3M and 5.0G', () => {
    expect([999, 1000, 12_345_678, 5e9].map(formatCount)).toEqual(['999', '1.0k', '12.3M', '5.0G']);
  });

  it('renderProgress at 50 of 200 pairs, 25 pairs/s shows a quarter bar, 25% and ETA 6 s', () => {
    // 150 pairs left at 25 pairs/s = 6 s.
    expect(renderProgress({ done: 50, total: 200, rate: 25, elapsedMs: 2000 }, 8, 'search')).toBe(
      'search [##......]  25% 50/200 pairs, 25 pairs/s, ETA 6s',
    );
  });

  it('createProgressBar draws nothing before the delay, redraws in place after it and erases at the end', () => {
    const out: string[] = [];
    const bar = createProgressBar({ write: (t) => out.push(t), delayMs: 1000, width: 4 });
    bar.update({ done: 10, total: 100, rate: 20, elapsedMs: 500 });
    expect(out).toEqual([]);
    bar.update({ done: 40, total: 100, rate: 40, elapsedMs: 1000 });
    bar.update({ done: 45, total: 100, rate: 40, elapsedMs: 1050 }); // within 100 ms: skipped
    bar.update({ done: 100, total: 100, rate: 50, elapsedMs: 2000 });
    bar.finish();
    expect(out).toEqual([
      '\rsearch [##..]  40% 40/100 pairs, 40 pairs/s, ETA 2s\u001b[K',
      '\rsearch [####] 100% 100/100 pairs, 50 pairs/s, ETA 0s\u001b[K',
      '\r\u001b[2K',
    ]);
  });
});

describe('runPooledSearch', () => {
  const index = _largeIndex(300, 300, 6);

  it('runPooledSearch on 2 threads returns rankAll’s result and draws the bar on a terminal', async () => {
    const err: string[] = [];
    const result = await runPooledSearch(index, {
      threads: 2,
      stderr: (t) => err.push(t),
      stderrIsTTY: true,
      progressDelayMs: 0,
      rank: { top: 3 },
    });
    expect(result).toStrictEqual(rankAll(index, { top: 3 }));
    expect(err.length).toBeGreaterThan(1);
    expect(err[0]).toMatch(/^\rsearch \[[#.]+\] +\d+% /);
    expect(err.at(-1)).toBe('\r\u001b[2K');
  });

  it.each([
    ['--quiet', { quiet: true, stderrIsTTY: true }],
    ['stderr not a terminal', { stderrIsTTY: false }],
  ])('runPooledSearch writes nothing to stderr with %s', async (_, extra) => {
    const err: string[] = [];
    await runPooledSearch(index, {
      threads: 2,
      stderr: (t) => err.push(t),
      progressDelayMs: 0,
      ...extra,
    });
    expect(err).toEqual([]);
  });

  it('runPooledSearch runs a small search on the calling thread, with the same result', async () => {
    const small = _randomIndex({ seed: 12, loci: 2, families: 5, remains: 8, x: true });
    const err: string[] = [];
    const result = await runPooledSearch(small, {
      threads: 4,
      stderr: (t) => err.push(t),
      stderrIsTTY: true,
      progressDelayMs: 0,
    });
    expect(result).toStrictEqual(rankAll(small));
    expect(err).toEqual([]);
  });

  it('runPooledSearch rejects with ABORTED when its signal aborts', async () => {
    const big = _largeIndex(1500, 1500, 12);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    let caught: unknown;
    try {
      await runPooledSearch(big, {
        threads: 2,
        stderr: () => undefined,
        signal: controller.signal,
      });
    } catch (e) {
      caught = e;
    }
    expect((caught as KindredError).code).toBe('ABORTED');
  });
});
