import { describe, expect, it } from 'vitest';
import { KindredError } from '../errors.js';
import {
  _parseRepeatLabels,
  MAX_REPEAT_NUMBER,
  microvariantGroup,
  roundHalfEven,
} from './stepwise.js';

describe('roundHalfEven', () => {
  it('rounds ties to the even neighbour, as R round() does', () => {
    // R: round(c(0.5, 1.5, 2.5, 9.5, 10.5, -2.5, -0.5)) == c(0, 2, 2, 10, 10, -2, 0)
    expect([0.5, 1.5, 2.5, 9.5, 10.5, -2.5].map(roundHalfEven)).toEqual([0, 2, 2, 10, 10, -2]);
    expect(Math.abs(roundHalfEven(-0.5))).toBe(0);
  });

  it('rounds non-ties to the nearest integer', () => {
    expect([2.4, 2.6, -2.6, 16.3].map(roundHalfEven)).toEqual([2, 3, -3, 16]);
  });
});

describe('microvariantGroup', () => {
  it('puts integers in 0, x.1..x.4 in 1..4 and x.6..x.9 in -4..-1 (mutation-models.md step 1)', () => {
    expect([14, 16.1, 16.3, 17.4, 9.6, 9.9].map(microvariantGroup)).toEqual([0, 1, 3, 4, -4, -1]);
  });

  it('splits .5 alleles by parity: 9.5 and 11.5 are -5, 10.5 and 12.5 are +5 (the .5 quirk)', () => {
    expect([9.5, 11.5, 10.5, 12.5].map(microvariantGroup)).toEqual([-5, -5, 5, 5]);
  });
});

describe('_parseRepeatLabels', () => {
  it('reads plain decimal labels, trailing zeros allowed', () => {
    expect(
      Array.from(_parseRepeatLabels(['9', '9.3', '12.10', '+7'], 1, 'stepwise', 'L', [])),
    ).toEqual([9, 9.3, 12.1, 7]);
    expect(Array.from(_parseRepeatLabels(['9', '12.0'], 0, 'onestep', 'L', []))).toEqual([9, 12]);
  });

  it('refuses "Inf", hex and empty labels with INVALID_MUTATION', () => {
    for (const bad of ['Inf', '0x1A', '', '.']) {
      let err: unknown;
      try {
        _parseRepeatLabels(['10', bad], 1, 'stepwise', 'vWA', ['loci', 1, 'mutation']);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(KindredError);
      expect((err as KindredError).code).toBe('INVALID_MUTATION');
      expect((err as KindredError).path).toEqual(['loci', 1, 'mutation']);
      expect((err as KindredError).message).toContain(`allele 2 is "${bad}"`);
    }
  });

  it('refuses a repeat number beyond MAX_REPEAT_NUMBER (a 400-digit label would read as Infinity)', () => {
    expect(Array.from(_parseRepeatLabels(['1000', '-1000'], 0, 'onestep', 'L', []))).toEqual([
      1000, -1000,
    ]);
    for (const bad of ['1000.1', '1001', '-1001', '9'.repeat(400)]) {
      expect(() => _parseRepeatLabels(['10', bad], 1, 'stepwise', 'vWA', ['loci', 1])).toThrow(
        expect.objectContaining({
          code: 'INVALID_MUTATION',
          path: ['loci', 1],
          message: expect.stringContaining(
            'Locus "vWA": the stepwise mutation model needs repeat numbers between -1000 and 1000, but allele 2 is',
          ),
        }),
      );
    }
    expect(MAX_REPEAT_NUMBER).toBe(1000);
  });
});
