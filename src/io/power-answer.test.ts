import { describe, expect, it } from 'vitest';
import { computeProgrammePower } from '../power/programme-power.js';
import { parseDVICase } from './dvi-file.js';
import { formatPowerAnswer, formatPowerAnswerJSON } from './power-answer.js';

const doc = JSON.parse(
  JSON.stringify({
    format: 'kindred-dvi/1',
    id: 'pa-1',
    loci: [{ name: 'LPROTO', alleles: ['1', '2'], frequencies: [0.5, 0.5] }],
    victims: {},
    families: [
      {
        name: 'F1',
        pedigree: [
          { id: 'FA', father: null, mother: null, sex: 'male' },
          { id: 'MO', father: null, mother: null, sex: 'female' },
          { id: 'M1', father: 'FA', mother: 'MO', sex: 'male' },
        ],
        missing: ['M1'],
        genotypes: { FA: { LPROTO: ['1', '1'] } },
      },
    ],
  }).replaceAll('LPROTO', '__proto__'),
);

describe('formatPowerAnswer', () => {
  it('a document without victims parses only with allowNoVictims', () => {
    expect(() => parseDVICase(doc)).toThrow(/victims must be a non-empty object/);
    expect(parseDVICase(doc, { allowNoVictims: true }).victims.size).toBe(0);
  });

  it('writes loci keyed by name (any name, also __proto__) and the weak flag', () => {
    const dvi = parseDVICase(JSON.stringify(doc), { allowNoVictims: true });
    const report = computeProgrammePower(dvi, { sims: 100, threshold: 2 });
    const a = formatPowerAnswer(report);
    // father 1/1, p = ½: EP = (1 − ½)² = ¼ (closed form, src/power/exact-power.test.ts)
    const parsed = JSON.parse(formatPowerAnswerJSON(report));
    expect(Object.keys(parsed.families[0].loci)).toEqual(['__proto__']);
    const entry = Object.getOwnPropertyDescriptor(parsed.families[0].loci, '__proto__')?.value;
    expect(entry.exclusionPower).toBeCloseTo(0.25, 14);
    expect(a.families[0]!.weak).toBe(a.weak.length === 1);
  });
});
