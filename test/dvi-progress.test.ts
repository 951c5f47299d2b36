/**
 * Progress of `computeDVI`: the pairwise matrix reports each missing person's column, then the
 * placements each family, in order, ending at the totals; observing does not change the answer.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeDVI, type DVIPhase } from '../src/dvi/dvi.js';
import { parseDVICase } from '../src/io/dvi-file.js';

const file = join(
  import.meta.dirname,
  '..',
  'fixtures',
  'conformance',
  'dvi',
  'dvi-pub-4v-3f-sexspec.json',
);

describe('computeDVI onProgress', () => {
  it('reports every missing person of the pairwise matrix, then every family, in order', () => {
    const dvi = parseDVICase(readFileSync(file, 'utf8'), { file });
    const seen: [DVIPhase, number, number][] = [];
    const watched = computeDVI(dvi, { onProgress: (p, d, t) => seen.push([p, d, t]) });
    const nMissing = dvi.families.reduce((n, f) => n + f.missing.length, 0);
    const nFamilies = dvi.families.length;
    expect(seen).toEqual([
      ...Array.from({ length: nMissing }, (_, k) => ['pairwise', k + 1, nMissing]),
      ...Array.from({ length: nFamilies }, (_, k) => ['configurations', k + 1, nFamilies]),
    ]);
    expect(watched).toEqual(computeDVI(dvi));
  });
});
