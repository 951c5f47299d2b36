import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectError } from '../../test/helpers/expect-error.js';
import {
  conformancePedigrees,
  HARD_CASES,
  hardPedigrees,
  type NamedPedigree,
  randomPedigree,
  simulatedPedigrees,
} from '../../test/helpers/pedigree-collection.js';
import { createPedigree } from '../pedigree/create-pedigree.js';
import { type Box, layoutPedigree, type PedigreeLayout, SYMBOL_SIZE } from './pedigree-layout.js';
import { drawPedigreeSVG } from './pedigree-svg.js';

/** Interiors intersect (touching edges do not count). */
function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Every pair of boxes (symbols and labels of all people) that overlap. */
function boxOverlaps(layout: PedigreeLayout): string[] {
  const boxes = layout.people.flatMap((p) => [
    { what: `symbol ${p.id}`, box: p.symbol },
    { what: `label ${p.id}`, box: p.label },
  ]);
  const bad: string[] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      if (overlaps(boxes[i]!.box, boxes[j]!.box)) bad.push(`${boxes[i]!.what} × ${boxes[j]!.what}`);
    }
  }
  return bad;
}

/** Does the segment a–b pass through the interior of box (shrunk by 1 px)? Segments are
 *  horizontal, vertical or a diagonal; sampled finely. */
function segmentHits(
  a: readonly [number, number],
  b: readonly [number, number],
  box: Box,
): boolean {
  const inner = { x: box.x + 1, y: box.y + 1, width: box.width - 2, height: box.height - 2 };
  const steps = Math.max(2, Math.ceil(Math.hypot(b[0] - a[0], b[1] - a[1])));
  for (let k = 0; k <= steps; k++) {
    const x = a[0] + ((b[0] - a[0]) * k) / steps;
    const y = a[1] + ((b[1] - a[1]) * k) / steps;
    if (x > inner.x && x < inner.x + inner.width && y > inner.y && y < inner.y + inner.height)
      return true;
  }
  return false;
}

/** Lines that pass through any symbol or label box. */
function lineHits(layout: PedigreeLayout): string[] {
  const bad: string[] = [];
  for (const line of layout.lines) {
    for (let k = 1; k < line.points.length; k++) {
      const a = line.points[k - 1]!;
      const b = line.points[k]!;
      for (const p of layout.people) {
        if (segmentHits(a, b, p.symbol)) bad.push(`${line.kind} line through symbol ${p.id}`);
        if (segmentHits(a, b, p.label)) bad.push(`${line.kind} line through label ${p.id}`);
      }
    }
  }
  return bad;
}

function check(named: NamedPedigree): PedigreeLayout {
  const layout = layoutPedigree(named.pedigree, { typed: named.typed, missing: named.missing });
  expect(layout.people.map((p) => p.id)).toEqual(named.pedigree.ids);
  expect(boxOverlaps(layout), named.name).toEqual([]);
  for (const p of layout.people) {
    expect(p.symbol.x, named.name).toBeGreaterThanOrEqual(0);
    expect(p.label.x + p.label.width, named.name).toBeLessThanOrEqual(layout.width);
    expect(p.label.y + p.label.height, named.name).toBeLessThanOrEqual(layout.height);
  }
  return layout;
}

describe('layoutPedigree', () => {
  const conformance = conformancePedigrees();
  const simulated = simulatedPedigrees();

  it('has every conformance and fixture pedigree to draw', () => {
    // 97 lr cases with 2–4 hypotheses each, 6 + 4 dvi cases: far more than 200 pedigrees.
    expect(conformance.length).toBeGreaterThan(200);
    expect(simulated.length).toBe(80);
  });

  it('lays out every conformance pedigree with no overlapping symbols or labels, no line through a symbol or label', () => {
    for (const named of conformance) {
      const layout = check(named);
      expect(lineHits(layout), named.name).toEqual([]);
    }
  });

  it('lays out every family of simulated incidents (all shapes) without overlaps or lines through symbols', () => {
    for (const named of simulated) {
      const layout = check(named);
      expect(lineHits(layout), named.name).toEqual([]);
    }
  });

  it('lays out the hard cases without overlapping symbols or labels', () => {
    for (const named of hardPedigrees()) check(named);
  });

  it('draws remarriages, cousin and double-cousin unions with no line through a symbol', () => {
    for (const named of hardPedigrees()) {
      if (named.name.startsWith('uncle')) continue; // partners in different rows: a diagonal
      expect(lineHits(layoutPedigree(named.pedigree)), named.name).toEqual([]);
    }
  });

  it('places a trio as two rows with the child centred under its parents', () => {
    const layout = layoutPedigree(
      createPedigree([
        { id: 'FA', father: null, mother: null, sex: 'male' },
        { id: 'MO', father: null, mother: null, sex: 'female' },
        { id: 'CH', father: 'FA', mother: 'MO', sex: 'female' },
      ]),
    );
    const [fa, mo, ch] = layout.people;
    expect(fa!.y).toBe(mo!.y);
    expect(ch!.y).toBeGreaterThan(fa!.y + SYMBOL_SIZE);
    expect(fa!.x).toBeLessThan(mo!.x); // the man on the left
    expect(ch!.x).toBeCloseTo((fa!.x + mo!.x) / 2, 9);
    expect(layout.lines.map((l) => l.kind).sort()).toEqual([
      'child',
      'couple',
      'descent',
      'sibship',
    ]);
  });

  it('puts founders who marry in on the row of their partner, and a sameAs sample beside its person', () => {
    const ped = createPedigree(HARD_CASES['first cousin marriage with a child']!);
    const layout = layoutPedigree(ped);
    const gen = Object.fromEntries(layout.people.map((p) => [p.id, p.generation]));
    expect(gen).toEqual({ GF: 0, GM: 0, S1: 1, S2: 1, W1: 1, H2: 1, C1: 2, C2: 2, X: 3 });
    // The cousins are a couple: adjacent in their row.
    const row = layout.people.filter((p) => p.generation === 2).sort((a, b) => a.x - b.x);
    expect(row.map((p) => p.id).sort()).toEqual(['C1', 'C2']);

    const twins = layoutPedigree(createPedigree(HARD_CASES['twins and a direct reference']!));
    const byId = new Map(twins.people.map((p) => [p.id, p]));
    expect(byId.get('T2')!.y).toBe(byId.get('T1')!.y);
    expect(byId.get('T2')!.sameAs).toBe('T1');
    expect(twins.lines.filter((l) => l.kind === 'sameAs')).toHaveLength(3);
  });

  it('draws disconnected components side by side, each from the top row', () => {
    const layout = layoutPedigree(
      createPedigree(HARD_CASES['disconnected components and unrelated people']!),
    );
    const byId = new Map(layout.people.map((p) => [p.id, p]));
    expect(byId.get('AF')!.generation).toBe(0);
    expect(byId.get('LONE')!.generation).toBe(0);
    expect(byId.get('Z')!.generation).toBe(1);
  });

  it('lays out random pedigrees of up to 60 people without overlapping symbols or labels', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 2 ** 31 }), (n, s) => {
        const ped = randomPedigree(n, s);
        const layout = layoutPedigree(ped);
        expect(boxOverlaps(layout)).toEqual([]);
        // Every person below both parents.
        for (const p of layout.people) {
          const f = ped.father[p.index]!;
          if (f >= 0) {
            expect(p.generation).toBeGreaterThan(layout.people[f]!.generation);
            expect(p.generation).toBeGreaterThan(layout.people[ped.mother[p.index]!]!.generation);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('is deterministic: the same pedigree gives the same SVG text', () => {
    for (const named of conformance.slice(0, 40)) {
      const a = drawPedigreeSVG(named.pedigree, { typed: named.typed, missing: named.missing });
      const b = drawPedigreeSVG(named.pedigree, { typed: named.typed, missing: named.missing });
      expect(a).toBe(b);
    }
  });

  it('refuses drawing options that name people not in the pedigree', () => {
    const ped = createPedigree([{ id: 'A', father: null, mother: null, sex: 'male' }]);
    expectError(() => layoutPedigree(ped, { typed: ['B'] }), 'INVALID_ARGUMENT', ['typed'], '"B"');
    expectError(
      () => layoutPedigree(ped, { placed: { A: 'V1' } }),
      'INVALID_ARGUMENT',
      ['placed', 'A'],
      'not marked missing',
    );
    expectError(
      () => layoutPedigree(ped, { missing: ['A'], placed: { A: '' } }),
      'INVALID_ARGUMENT',
      ['placed', 'A'],
      'empty remains id',
    );
  });
});

describe('drawPedigreeSVG', () => {
  it('escapes every id and draws one person group per row', () => {
    const ped = createPedigree(HARD_CASES['long ids and markup in ids']!);
    const svg = drawPedigreeSVG(ped, { title: 'H1 <b>', typed: ['c2'] });
    expect(svg).not.toContain('<script>');
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(svg).toContain('Mother &quot;Ann&quot; &amp; co — 王秀英');
    expect(svg.match(/<g class="person"/g)).toHaveLength(4);
    expect(svg).toContain('data-id="c2" data-sex="male" data-typed="true"');
  });

  it('marks a missing person with ? and placed remains with = V', () => {
    const ped = createPedigree([
      { id: 'FA', father: null, mother: null, sex: 'male' },
      { id: 'MO', father: null, mother: null, sex: 'female' },
      { id: 'M1', father: 'FA', mother: 'MO', sex: 'female' },
      { id: 'M2', father: 'FA', mother: 'MO', sex: 'male' },
    ]);
    const svg = drawPedigreeSVG(ped, {
      typed: ['FA'],
      missing: ['M1', 'M2'],
      placed: new Map([['M2', 'V7']]),
    });
    expect(svg).toContain('data-id="M1" data-sex="female" data-missing="true"><circle');
    expect(svg).toMatch(/data-id="M1"[^\n]*>\?<\/text>/);
    expect(svg).toContain('data-placed="V7"');
    expect(svg).toContain('>= V7</text>');
    expect(svg).toContain('>missing</text>');
  });
});
