/**
 * Pedigree drawing benchmark (issue 13): milliseconds to lay out and render one 50-person
 * pedigree as SVG, for a realistic four-generation family (couples with 2–4 children, partners
 * marrying in) and for a tangled random pedigree (parents drawn from anyone earlier: loops,
 * remarriages, cross-generation unions). Target: under 50 ms per 50-person pedigree.
 *
 * Run alone: `npx tsx bench/report-bench.ts`.
 *
 * @module
 */
import { createPedigree } from '../src/pedigree/create-pedigree.js';
import type { Pedigree, PersonRecord } from '../src/pedigree/pedigree.js';
import { drawPedigreeSVG } from '../src/report/pedigree-svg.js';
import { createRng } from '../src/sim/prng.js';
import { randomPedigree } from '../test/helpers/pedigree-collection.js';
import { measureMs } from './bench-util.js';

/** A family tree of exactly `n` people grown couple by couple from one founding couple. */
export function familyTree(n: number, seed: number): Pedigree {
  const rng = createRng(seed);
  const rows: PersonRecord[] = [
    { id: 'F0', father: null, mother: null, sex: 'male' },
    { id: 'M0', father: null, mother: null, sex: 'female' },
  ];
  const couples: [string, string][] = [['F0', 'M0']];
  let next = 0;
  for (let c = 0; rows.length < n; c++) {
    const [fa, mo] = couples[c % couples.length]!;
    const kids = 2 + Math.floor(rng.next() * 3);
    for (let k = 0; k < kids && rows.length < n; k++) {
      const sex = rng.next() < 0.5 ? 'male' : 'female';
      const id = `P${next++}`;
      rows.push({ id, father: fa, mother: mo, sex });
      if (rows.length < n && rng.next() < 0.6) {
        const spouse = `S${next++}`;
        rows.push({
          id: spouse,
          father: null,
          mother: null,
          sex: sex === 'male' ? 'female' : 'male',
        });
        couples.push(sex === 'male' ? [id, spouse] : [spouse, id]);
      }
    }
  }
  return createPedigree(rows);
}

/** Median ms per drawing (layout + SVG) of 50-person pedigrees. */
export function runReportBench(): Record<string, number> {
  const trees = [1, 2, 3, 4, 5].map((s) => familyTree(50, s));
  const tangled = [1, 2, 3, 4, 5].map((s) => randomPedigree(50, s));
  const each = (peds: Pedigree[]) => () => {
    for (const p of peds) drawPedigreeSVG(p);
  };
  return {
    family_tree_50_people_draw_ms: measureMs(each(trees), 9) / trees.length,
    tangled_random_50_people_draw_ms: measureMs(each(tangled), 9) / tangled.length,
    target_ms: 50,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(runReportBench());
