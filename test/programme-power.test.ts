/**
 * Programme scale: progress of `computeProgrammePower` over the families of a document, and the
 * report unchanged by observing it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDVICase } from '../src/io/dvi-file.js';
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
