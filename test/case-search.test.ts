/**
 * `runCaseSearch`, what `kindred search` runs (issue 12): a large search builds its index on the
 * worker pool and searches that buffer on the same workers. Independent values: the
 * single-threaded path (`SearchIndex.fromDVICase` + `rankAll`) for the whole result at 1, 2 and
 * 4 threads, and the engine (`computeKinshipLR` on the pair as a `kindred-case/1`, the remains
 * `sameAs` the missing person against the remains unrelated) for every best hit's LR. Also:
 * `kindred search` prints the same JSON whichever path it takes, and an abort stops the build.
 */
import { describe, expect, it } from 'vitest';
import { runCaseSearch } from '../src/cli/cli-threads.js';
import { parseDVICase } from '../src/io/dvi-file.js';
import { SearchIndex } from '../src/search/index/search-index.js';
import { rankAll } from '../src/search/rank/rank-all.js';
import { simulateIncident } from '../src/sim/simulate-incident.js';
import { syntheticLoci } from '../src/sim/synthetic-loci.js';
import { rejection } from './helpers/expect-error.js';
import { _referenceLR } from './helpers/index-test-helpers.js';

const STEPWISE = { model: 'stepwise', rate: 0.002, rate2: 1e-6, range: 0.1 } as const;
const loci = syntheticLoci(31, { count: 8, mutation: STEPWISE });
const dvi = parseDVICase(
  simulateIncident({
    seed: 31,
    loci,
    families: 120,
    identifiable: 40,
    unrelated: 30,
    mutation: true,
  }).document,
);
const rank = { top: 3 } as const;
const quiet = { progress: 'off', stderr: () => undefined } as const;

describe('runCaseSearch: the pool path', () => {
  const expected = rankAll(SearchIndex.fromDVICase(dvi), rank);

  it('equals the single-threaded build and ranking at 1, 2 and 4 threads', async () => {
    for (const threads of [1, 2, 4]) {
      const { index, result } = await runCaseSearch(dvi, {
        ...quiet,
        threads,
        rank,
        inlineBelowPairs: 0,
      });
      expect(result).toStrictEqual(expected);
      expect(index.entries).toStrictEqual(SearchIndex.fromDVICase(dvi).entries);
    }
    const inline = await runCaseSearch(dvi, { ...quiet, threads: 2, rank });
    expect(inline.result).toStrictEqual(expected);
  });

  it("every remains' best LR equals kindred lr on the pair (remains sameAs the missing person vs unrelated)", async () => {
    const { result } = await runCaseSearch(dvi, {
      ...quiet,
      threads: 2,
      rank,
      inlineBelowPairs: 0,
    });
    let checked = 0;
    for (const [id, hits] of result.byRemains) {
      const best = hits[0];
      if (best === undefined) continue;
      const family = dvi.families.find((f) => f.name === best.family)!;
      const sex = dvi.victimSex.get(id) ?? 'male';
      const ref = _referenceLR(family, best.missing, sex, dvi.victims.get(id)!, dvi.loci, 0);
      if (ref.log10LR === null) expect(best.log10LR).toBeNull();
      else expect(best.log10LR).toBeCloseTo(ref.log10LR, 9);
      checked++;
    }
    expect(checked).toBe(dvi.victims.size);
  });

  it('reports both phases and an abort during the build rejects with ABORTED', async () => {
    const lines: string[] = [];
    await runCaseSearch(dvi, {
      threads: 2,
      rank,
      inlineBelowPairs: 0,
      progress: 'lines',
      progressDelayMs: 0,
      progressIntervalMs: 0,
      stderr: (t) => lines.push(t),
    });
    expect(lines.some((l) => l.startsWith('index'))).toBe(true);
    expect(lines.some((l) => l.includes('families+victims'))).toBe(true);
    expect(lines.some((l) => !l.startsWith('index'))).toBe(true);
    const ac = new AbortController();
    const p = runCaseSearch(dvi, {
      threads: 2,
      rank,
      inlineBelowPairs: 0,
      signal: ac.signal,
      progress: 'lines',
      progressDelayMs: 0,
      progressIntervalMs: 0,
      stderr: (t) => {
        if (t.startsWith('index')) ac.abort();
      },
    });
    expect((await rejection(p)).code).toBe('ABORTED');
  });
});
