/**
 * Programme scale: progress of `computeProgrammePower` over the families of a document, and the
 * report unchanged by observing it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDVICase } from '../src/io/dvi-file.js';
import { computeExactPower } from '../src/power/exact-power.js';
import { computeProgrammePower } from '../src/power/programme-power.js';

const file = join(
  import.meta.dirname,
  '..',
  'fixtures',
  'conformance',
  'dvi',
  'dvi-pub-4v-3f-sexspec.json',
);

describe('computeProgrammePower', () => {
  it('reports progress once per family, in order, and the same report as without it', () => {
    const dvi = parseDVICase(readFileSync(file, 'utf8'), { file });
    const seen: [number, number][] = [];
    const options = { sims: 200, seed: 5, threshold: 100 };
    const watched = computeProgrammePower(dvi, {
      ...options,
      onProgress: (done, total) => seen.push([done, total]),
    });
    const n = dvi.families.length;
    expect(seen).toEqual(Array.from({ length: n }, (_, k) => [k + 1, n]));
    expect(watched).toEqual(computeProgrammePower(dvi, options));
  });
});

describe('power at a locus with a silent allele', () => {
  // One locus with a silent allele; R3 is seen as 15 only (15/15 or 15/silent). Read as a hard
  // 15/15 the exclusion power of F2 would come out 0.49; the right value is 0.295 (only a
  // heterozygote of two alleles other than 15 and silent is excluded). The power calculation has
  // no observation factors, so it refuses the locus instead of answering 0.49.
  const doc = {
    format: 'kindred-dvi/1',
    id: 'silent-power',
    theta: 0,
    loci: [
      {
        name: 'D1',
        alleles: ['14', '15', '16', '17', 'silent'],
        frequencies: [0.1, 0.2, 0.25, 0.35, 0.1],
        mutation: null,
      },
    ],
    victims: {},
    families: [
      {
        name: 'F2',
        pedigree: [
          { id: 'P3', father: null, mother: null, sex: 'male' },
          { id: 'R3', father: null, mother: null, sex: 'female' },
          { id: 'M2', father: 'P3', mother: 'R3', sex: 'male' },
        ],
        missing: ['M2'],
        genotypes: { R3: { D1: ['15'] } },
      },
    ],
  };
  it('is refused (UNSUPPORTED naming the locus) by the programme, the family and the exact power', () => {
    const dvi = parseDVICase(JSON.stringify(doc), { allowNoVictims: true });
    for (const f of [
      () => computeProgrammePower(dvi, { sims: 100 }),
      () => computeExactPower(dvi.families[0]!, 'M2', dvi.loci),
    ]) {
      expect(f).toThrow(
        expect.objectContaining({
          code: 'UNSUPPORTED',
          path: ['loci', 0],
          message: expect.stringContaining('Locus "D1" has a silent allele'),
        }),
      );
    }
  });
});
