import { describe, expect, it } from 'vitest';
import { logSumExp } from '../../_internal/log-space.js';
import { categorize, posteriors, resolveThresholds, verbalScale } from './categories.js';

describe('rank categories', () => {
  it('resolveThresholds defaults to 10,000 and 1,000 and lowers probable to a lower match threshold', () => {
    expect(resolveThresholds()).toEqual({ match: 10_000, probable: 1_000 });
    expect(resolveThresholds(1e6)).toEqual({ match: 1e6, probable: 1_000 });
    expect(resolveThresholds(100)).toEqual({ match: 100, probable: 100 });
    expect(() => resolveThresholds(0)).toThrow(/matchThreshold must be a positive LR, got 0/);
  });

  it('categorize(log10LR) follows the thresholds; null is an exclusion', () => {
    const t = { match: 1e4, probable: 1e3 };
    expect(categorize(4, t)).toBe('match');
    expect(categorize(3.5, t)).toBe('probable');
    expect(categorize(0.1, t)).toBe('possible');
    expect(categorize(0, t)).toBe('unsupported');
    expect(categorize(null, t)).toBe('excluded');
  });

  it('verbalScale follows the ENFSI (2015) bands, mirrored below 1', () => {
    expect(verbalScale(0.1)).toBe('no support either way');
    expect(verbalScale(0.5)).toBe('weak support');
    expect(verbalScale(1.5)).toBe('moderate support');
    expect(verbalScale(2.5)).toBe('moderately strong support');
    expect(verbalScale(3.5)).toBe('strong support');
    expect(verbalScale(4.2)).toBe('very strong support');
    expect(verbalScale(6)).toBe('extremely strong support');
    expect(verbalScale(-1.5)).toBe('moderate support against');
    expect(verbalScale(null)).toBe('excluded');
  });

  it('logSumExp(ln 1, ln 3) is ln 4 and of only −Infinity terms is −Infinity', () => {
    expect(logSumExp([0, Math.log(3)])).toBeCloseTo(Math.log(4), 14);
    expect(logSumExp([Number.NEGATIVE_INFINITY])).toBe(Number.NEGATIVE_INFINITY);
    expect(logSumExp([1000, 1000])).toBeCloseTo(1000 + Math.LN2, 10);
  });

  it('posteriors with a flat prior are LR_i / (1 + Σ LR_j)', () => {
    const p = posteriors([Math.log(9), Number.NEGATIVE_INFINITY, 0]);
    expect(p[0]).toBeCloseTo(9 / 11, 14);
    expect(p[1]).toBe(0);
    expect(p[2]).toBeCloseTo(1 / 11, 14);
  });
});
