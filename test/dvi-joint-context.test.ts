/**
 * createJointContext and the direct family factor: paternity-index values with and without
 * theta, sex consistency, and the errors of the DVI computation (code, path, message).
 */
import { describe, expect, it } from 'vitest';
import { computeDVI } from '../src/dvi/dvi.js';
import { enumerateFamilyConfigurations } from '../src/dvi/joint-configurations.js';
import {
  createJointContext,
  isSexConsistent,
  placementLocusLogLR,
} from '../src/dvi/joint-context.js';
import { computeDVIPairwise } from '../src/dvi/pairwise.js';
import { isKindredError } from '../src/errors.js';
import { parseDVICase } from '../src/io/dvi-file.js';

function trio(theta: number, extra: Record<string, unknown> = {}) {
  return parseDVICase({
    format: 'kindred-dvi/1',
    id: 'trio',
    theta,
    loci: [{ name: 'L1', alleles: ['14', '15', '16'], frequencies: [0.2, 0.5, 0.3] }],
    victims: { V1: { L1: ['14', '15'] }, V2: { L1: ['14', '16'] } },
    victimSex: { V2: 'female' },
    families: [
      {
        name: 'F1',
        pedigree: [
          { id: 'FA', father: null, mother: null, sex: 'male' },
          { id: 'MO', father: null, mother: null, sex: 'female' },
          { id: 'M1', father: 'FA', mother: 'MO', sex: 'male' },
        ],
        missing: ['M1'],
        genotypes: { FA: { L1: ['14', '14'] } },
      },
    ],
    ...extra,
  });
}

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}

describe('placementLocusLogLR', () => {
  it('placementLocusLogLR of a child of a 14/14 father is 1/(2·p14) = 2.5 at theta 0', () => {
    // paternity index for father a/a, child a/b, mother untyped: 1 / (2 p_a)
    const ctx = createJointContext(trio(0));
    expect(Math.exp(placementLocusLogLR(ctx, 0, [{ missing: 0, victim: 0 }], 0))).toBeCloseTo(
      2.5,
      12,
    );
  });

  it('placementLocusLogLR with theta 0.03 is (1+2θ)/(2(2θ+(1−θ)p14))', () => {
    // One joint Balding–Nichols draw (case-format.md): H1 = mother transmits 15,
    // (1−θ)p15/(1+θ); H2 = child 14/15 drawn after the father's 14, 14:
    // 2·(2θ+(1−θ)p14)/(1+θ) · (1−θ)p15/(1+2θ). Ratio = (1+2θ) / (2(2θ + (1−θ)p14)).
    const t = 0.03;
    const want = (1 + 2 * t) / (2 * (2 * t + (1 - t) * 0.2));
    const ctx = createJointContext(trio(t));
    expect(Math.exp(placementLocusLogLR(ctx, 0, [{ missing: 0, victim: 0 }], 0))).toBeCloseTo(
      want,
      12,
    );
    const pw = computeDVIPairwise(ctx);
    expect(Math.exp(pw.logLR[0]!)).toBeCloseTo(want, 12);
  });
});

describe('isSexConsistent', () => {
  it('isSexConsistent is false for a female victim and a male missing person, true without a sex', () => {
    const ctx = createJointContext(trio(0));
    expect(isSexConsistent(ctx, 1, 0)).toBe(false);
    expect(isSexConsistent(ctx, 0, 0)).toBe(true);
  });
});

describe('DVI errors', () => {
  it('createJointContext refuses a family whose own genotypes are impossible (IMPOSSIBLE_REFERENCE)', () => {
    // a 15/15 child of a 14/14 father is impossible without mutation
    const bad = parseDVICase({
      format: 'kindred-dvi/1',
      id: 'bad',
      loci: [{ name: 'L1', alleles: ['14', '15', '16'], frequencies: [0.2, 0.5, 0.3] }],
      victims: { V1: { L1: ['14', '15'] } },
      families: [
        {
          name: 'F1',
          pedigree: [
            { id: 'FA', father: null, mother: null, sex: 'male' },
            { id: 'MO', father: null, mother: null, sex: 'female' },
            { id: 'C', father: 'FA', mother: 'MO', sex: 'male' },
            { id: 'M1', father: 'FA', mother: 'MO', sex: 'male' },
          ],
          missing: ['M1'],
          genotypes: { FA: { L1: ['14', '14'] }, C: { L1: ['15', '15'] } },
        },
      ],
    });
    const e = thrown(() => createJointContext(bad));
    expect(isKindredError(e) && e.code).toBe('IMPOSSIBLE_REFERENCE');
    expect(isKindredError(e) && e.path).toEqual(['families', 0, 'genotypes']);
    expect(String((e as Error).message)).toContain('Family "F1" has likelihood 0 at locus "L1"');
  });

  it('enumerateFamilyConfigurations beyond maxConfigurations is TOO_COMPLEX naming the family', () => {
    const ctx = createJointContext(trio(0));
    const e = thrown(() =>
      enumerateFamilyConfigurations(ctx, 0, computeDVIPairwise(ctx), { maxConfigurations: 1 }),
    );
    expect(isKindredError(e) && e.code).toBe('TOO_COMPLEX');
    expect(isKindredError(e) && e.path).toEqual(['families', 0]);
    expect(String((e as Error).message)).toContain('Family "F1" has more than 1');
  });

  it('computeDVI with top 0 is INVALID_ARGUMENT', () => {
    const e = thrown(() => computeDVI(trio(0), { top: 0 }));
    expect(isKindredError(e) && e.code).toBe('INVALID_ARGUMENT');
    expect(String((e as Error).message)).toContain('top must be a positive integer, got 0');
  });
});
