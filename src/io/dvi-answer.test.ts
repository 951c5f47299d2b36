/**
 * formatDVIAnswer: the answer object of case-format.md, ids kept exactly (also `__proto__` and
 * `constructor`), LR 0 written as null, every victim present in every joint assignment.
 */
import { describe, expect, it } from 'vitest';
import type { DVIResult } from '../dvi/dvi.js';
import { computeDVI } from '../dvi/dvi.js';
import { formatDVIAnswer, formatDVIAnswerJSON } from './dvi-answer.js';
import { parseDVICase } from './dvi-file.js';

const result: DVIResult = {
  id: 'dvi-001',
  victims: ['__proto__', 'V2'],
  direct: { threshold: 10_000, compared: 1, remains: [], elimination: [] },
  merged: [],
  pairwise: new Map([
    ['__proto__', new Map<string, number | null>([['constructor', 3.2]])],
    ['V2', new Map<string, number | null>([['constructor', null]])],
  ]),
  joint: [
    {
      assignment: new Map([
        ['__proto__', 'constructor'],
        ['V2', null],
      ]),
      log10LR: 3.2,
    },
    {
      assignment: new Map([
        ['__proto__', null],
        ['V2', null],
      ]),
      log10LR: 0,
    },
  ],
  nonzeroAssignments: 2,
  assignmentsVisited: 2,
  pairings: new Map([
    [
      '__proto__',
      new Map([
        ['constructor', { posterior: 0.75, log10GLR: 3.2 }],
        ['*', { posterior: 0.25, log10GLR: -3.2 }],
      ]),
    ],
    [
      'V2',
      new Map([
        ['constructor', { posterior: 0, log10GLR: Number.NEGATIVE_INFINITY }],
        ['*', { posterior: 1, log10GLR: Number.POSITIVE_INFINITY }],
      ]),
    ],
  ]),
};

describe('formatDVIAnswer', () => {
  it('formatDVIAnswer writes ids such as __proto__ and constructor as ordinary keys, infinite GLRs as null', () => {
    const text = JSON.stringify(formatDVIAnswer(result));
    expect(text).toBe(
      '{"id":"dvi-001","pairwise":{"__proto__":{"constructor":{"log10LR":3.2}},"V2":{"constructor":{"log10LR":null}}},' +
        '"joint":[{"assignment":{"__proto__":"constructor","V2":null},"log10LR":3.2},' +
        '{"assignment":{"__proto__":null,"V2":null},"log10LR":0}],' +
        '"pairings":{"__proto__":{"constructor":{"posterior":0.75,"log10GLR":3.2},"*":{"posterior":0.25,"log10GLR":-3.2}},' +
        '"V2":{"constructor":{"posterior":0,"log10GLR":null},"*":{"posterior":1,"log10GLR":null}}},' +
        '"direct":{"threshold":10000,"compared":1,"remains":[],"elimination":[]},"merged":[]}',
    );
    expect(Object.getPrototypeOf(formatDVIAnswer(result).pairings)).toBeNull();
    const answer = formatDVIAnswer(result);
    expect(Object.hasOwn(answer.pairwise, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(answer.pairwise)).toBeNull();
  });

  it('formatDVIAnswerJSON is the indented JSON with a trailing newline', () => {
    const text = formatDVIAnswerJSON(result);
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(formatDVIAnswer(result))));
  });

  it('formatDVIAnswer(computeDVI(trio case)) gives LR 1/(2 p) for a child sharing the father’s allele', () => {
    // Father 14/14, mother untyped, victim 14/15: P(child 14/15) = p15, L(v) = 2 p14 p15, so
    // LR = 1 / (2 p14) = 1 / 0.4 (paternity-index formula); sex-excluded V2 (female) is absent.
    const c = parseDVICase({
      format: 'kindred-dvi/1',
      id: '__proto__',
      loci: [{ name: 'L1', alleles: ['14', '15', '16'], frequencies: [0.2, 0.5, 0.3] }],
      victims: { V1: { L1: ['14', '15'] }, V2: { L1: ['16', '16'] } },
      victimSex: { V1: 'male', V2: 'female' },
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
    });
    const answer = formatDVIAnswer(computeDVI(c));
    expect(answer.id).toBe('__proto__');
    expect(answer.pairwise.V1!.M1!.log10LR).toBeCloseTo(Math.log10(1 / 0.4), 12);
    expect(Object.keys(answer.pairwise.V2!)).toEqual([]);
    expect(answer.joint.map((j) => [j.assignment.V1, j.assignment.V2])).toEqual([
      ['M1', null],
      [null, null],
    ]);
    expect(answer.joint[1]!.log10LR).toBe(0);
  });
});
