import { describe, expect, it } from 'vitest';
import { fixedNoNegativeZero, formatDVITable } from './dvi-table.js';

describe('fixedNoNegativeZero', () => {
  it('fixedNoNegativeZero(-0.001, 2) is "0.00", not the "-0.00" toFixed gives', () => {
    expect((-0.001).toFixed(2)).toBe('-0.00');
    expect(fixedNoNegativeZero(-0.001, 2)).toBe('0.00');
    expect(fixedNoNegativeZero(-0, 0)).toBe('0');
    expect(fixedNoNegativeZero(-0.006, 2)).toBe('-0.01');
    expect(fixedNoNegativeZero(1.234, 1)).toBe('1.2');
  });
});

describe('formatDVITable', () => {
  it('marks LR 0 as excl. and a sex-excluded pair as ·, and lists assignments best first', () => {
    const text = formatDVITable({
      id: 'c',
      victims: ['V1', 'V2'],
      direct: { threshold: 10_000, compared: 1, remains: [], elimination: [] },
      merged: [],
      pairwise: new Map([
        [
          'V1',
          new Map<string, number | null>([
            ['M1', 2],
            ['M2', null],
          ]),
        ],
        ['V2', new Map<string, number | null>([['M2', -0.0001]])],
      ]),
      joint: [
        {
          assignment: new Map([
            ['V1', 'M1'],
            ['V2', null],
          ]),
          log10LR: 2,
        },
        {
          assignment: new Map([
            ['V1', null],
            ['V2', null],
          ]),
          log10LR: 0,
        },
      ],
      nonzeroAssignments: 3,
      assignmentsVisited: 3,
      pairings: null,
    });
    expect(text).toContain('  victim    M1     M2\n  V1      2.00  excl.\n  V2         ·   0.00\n');
    expect(text).toContain('     1      2.00  V1=M1\n     2      0.00  (none)\n');
  });
});
