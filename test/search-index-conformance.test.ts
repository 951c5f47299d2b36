/**
 * The search index's pairwise LRs against the six DVI conformance cases
 * (fixtures/conformance/dvi, answers by R dvir 3.4.2 / forrel 1.9.0): for every victim and
 * sex-compatible missing person, log10 LR equal to `expected.pairwise[v][m].log10LR` to 1e-9
 * absolute (null = LR 0), and no value for the pairs the answer leaves out (sex mismatches).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDVICase } from '../src/io/dvi-file.js';
import { SearchIndex } from '../src/search/index/search-index.js';
import { rankFamilies } from '../src/search/rank/rank.js';

const dir = join(import.meta.dirname, '..', 'fixtures', 'conformance', 'dvi');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort();

type Pairwise = Record<string, Record<string, { log10LR: number | null }>>;

describe('search index against fixtures/conformance/dvi', () => {
  it('has the 6 DVI reference cases', () => {
    expect(files.length).toBe(6);
  });
  for (const file of files) {
    for (const lump of [true, false]) {
      it(`SearchIndex(${file}, lump ${lump}) pairwise log10LR equals expected.pairwise`, () => {
        const doc = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, unknown>;
        const pairwise = (doc.expected as { pairwise: Pairwise }).pairwise;
        delete doc.expected;
        delete doc.expected_tool;
        const index = SearchIndex.fromDVICase(parseDVICase(doc, { file }), { lump });
        let compared = 0;
        for (const victim of index.remains) {
          const want = pairwise[victim.id] ?? {};
          const hits = rankFamilies(index, victim.id);
          // Exactly the pairs of the answer are ranked (sex-excluded pairs are absent from both).
          expect(hits.map((h) => h.missing).sort()).toEqual(Object.keys(want).sort());
          for (const hit of hits) {
            const w = want[hit.missing]!.log10LR;
            if (w === null) expect(hit.log10LR).toBeNull();
            else expect(Math.abs(hit.log10LR! - w)).toBeLessThanOrEqual(1e-9);
            compared++;
          }
        }
        expect(compared).toBeGreaterThan(0);
      });
    }
  }
});
