/**
 * Every pedigree the layout must handle: each hypothesis and family of the shared conformance
 * suites (lr, dvi, degraded) and of the repository's fixtures, the families of simulated
 * incidents (every family shape, several seeds), and hand-made hard cases (remarriages, twins,
 * cousin and uncle–niece marriages, double first cousins, disconnected components).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPedigree } from '../../src/pedigree/create-pedigree.js';
import type { Pedigree, PedigreeRecord } from '../../src/pedigree/pedigree.js';
import { FAMILY_SHAPES } from '../../src/sim/family-shapes.js';
import { simulateIncident } from '../../src/sim/simulate-incident.js';
import { syntheticLoci } from '../../src/sim/synthetic-loci.js';

/** A named pedigree with the people a drawing should mark. */
export interface NamedPedigree {
  readonly name: string;
  readonly pedigree: Pedigree;
  readonly typed: readonly string[];
  readonly missing: readonly string[];
}

const root = join(import.meta.dirname, '..', '..');
const SUITES = [
  join(root, '..', 'shared', 'conformance', 'lr'),
  join(root, '..', 'shared', 'conformance', 'dvi'),
  join(root, '..', 'shared', 'conformance', 'degraded'),
  join(root, 'fixtures', 'conformance', 'lr'),
  join(root, 'fixtures', 'conformance', 'dvi'),
];

type Doc = {
  hypotheses?: { name: string; pedigree: PedigreeRecord[] }[];
  genotypes?: Record<string, unknown>;
  families?: {
    name: string;
    pedigree: PedigreeRecord[];
    missing: string[];
    genotypes: Record<string, unknown>;
  }[];
};

function fromDoc(name: string, doc: Doc): NamedPedigree[] {
  const out: NamedPedigree[] = [];
  for (const h of doc.hypotheses ?? []) {
    const pedigree = createPedigree(h.pedigree);
    out.push({
      name: `${name} ${h.name}`,
      pedigree,
      typed: Object.keys(doc.genotypes ?? {}).filter((id) => pedigree.index.has(id)),
      missing: [],
    });
  }
  for (const f of doc.families ?? []) {
    out.push({
      name: `${name} ${f.name}`,
      pedigree: createPedigree(f.pedigree),
      typed: Object.keys(f.genotypes),
      missing: f.missing,
    });
  }
  return out;
}

/** Pedigrees of the conformance suites and fixtures (files that exist on this machine). */
export function conformancePedigrees(): NamedPedigree[] {
  const out: NamedPedigree[] = [];
  for (const dir of SUITES) {
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const doc = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Doc;
      out.push(...fromDoc(file, doc));
    }
  }
  return out;
}

/** Families of simulated incidents: every family shape, several seeds. */
export function simulatedPedigrees(): NamedPedigree[] {
  const loci = syntheticLoci(7, { count: 3 });
  const out: NamedPedigree[] = [];
  for (const seed of [1, 2, 3, 4, 5]) {
    const inc = simulateIncident({ seed, loci, families: 16, shapes: FAMILY_SHAPES });
    out.push(...fromDoc(`incident-${seed}`, inc.document as Doc));
  }
  return out;
}

const M = 'male' as const;
const F = 'female' as const;
const p = (id: string, father: string | null, mother: string | null, sex: 'male' | 'female') => ({
  id,
  father,
  mother,
  sex,
});

/** Hand-made hard cases, with their rows. */
export const HARD_CASES: Readonly<Record<string, readonly PedigreeRecord[]>> = {
  'remarriage: a man with three wives': [
    p('FA', null, null, M),
    p('W1', null, null, F),
    p('W2', null, null, F),
    p('W3', null, null, F),
    p('C1', 'FA', 'W1', M),
    p('C2', 'FA', 'W2', F),
    p('C3', 'FA', 'W3', M),
    p('C4', 'FA', 'W3', F),
  ],
  'half-sibs on both sides (chain of remarriages)': [
    p('H1', null, null, M),
    p('W', null, null, F),
    p('H2', null, null, M),
    p('W2', null, null, F),
    p('A', 'H1', 'W', M),
    p('B', 'H2', 'W', F),
    p('C', 'H2', 'W2', M),
  ],
  'first cousin marriage with a child': [
    p('GF', null, null, M),
    p('GM', null, null, F),
    p('S1', 'GF', 'GM', M),
    p('S2', 'GF', 'GM', F),
    p('W1', null, null, F),
    p('H2', null, null, M),
    p('C1', 'S1', 'W1', M),
    p('C2', 'H2', 'S2', F),
    p('X', 'C1', 'C2', M),
  ],
  'double first cousins': [
    p('A', null, null, M),
    p('B', null, null, F),
    p('C', null, null, M),
    p('D', null, null, F),
    p('AB1', 'A', 'B', M),
    p('AB2', 'A', 'B', F),
    p('CD1', 'C', 'D', M),
    p('CD2', 'C', 'D', F),
    p('K1', 'AB1', 'CD2', M),
    p('K2', 'CD1', 'AB2', F),
  ],
  'uncle–niece marriage': [
    p('GF', null, null, M),
    p('GM', null, null, F),
    p('U', 'GF', 'GM', M),
    p('S', 'GF', 'GM', F),
    p('SH', null, null, M),
    p('N', 'SH', 'S', F),
    p('K', 'U', 'N', M),
  ],
  'twins and a direct reference': [
    p('FA', null, null, M),
    p('MO', null, null, F),
    p('T1', 'FA', 'MO', M),
    { id: 'T2', sameAs: 'T1' },
    p('SIB', 'FA', 'MO', F),
    { id: 'TOOTHBRUSH', sameAs: 'SIB' },
    { id: 'FA-2', sameAs: 'FA' },
  ],
  'disconnected components and unrelated people': [
    p('AF', null, null, M),
    p('CH', null, null, F),
    p('X', null, null, M),
    p('Y', null, null, F),
    p('Z', 'X', 'Y', M),
    p('LONE', null, null, F),
  ],
  'long ids and markup in ids': [
    p('<script>alert(1)</script>', null, null, M),
    p('Mother "Ann" & co — 王秀英', null, null, F),
    p(
      'child-with-a-very-long-identifier-0001',
      '<script>alert(1)</script>',
      'Mother "Ann" & co — 王秀英',
      F,
    ),
    p('c2', '<script>alert(1)</script>', 'Mother "Ann" & co — 王秀英', M),
  ],
};

/** The hard cases as pedigrees (everybody untyped). */
export function hardPedigrees(): NamedPedigree[] {
  return Object.entries(HARD_CASES).map(([name, rows]) => ({
    name,
    pedigree: createPedigree(rows),
    typed: [],
    missing: [],
  }));
}

/**
 * A random pedigree of `n` people from a seed (a small LCG): founders and couples over several
 * generations, with remarriages, cousin unions and unrelated people.
 */
export function randomPedigree(n: number, seed: number): Pedigree {
  let s = seed >>> 0 || 1;
  const rnd = (): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const rows: {
    id: string;
    father: string | null;
    mother: string | null;
    sex: 'male' | 'female';
  }[] = [];
  const males: string[] = [];
  const females: string[] = [];
  for (let i = 0; i < n; i++) {
    const sex = rnd() < 0.5 ? M : F;
    const id = `P${i}`;
    if (i < 2 || rnd() < 0.3 || males.length === 0 || females.length === 0) {
      rows.push(p(id, null, null, sex));
    } else {
      const fa = males[Math.floor(rnd() * males.length)]!;
      const mo = females[Math.floor(rnd() * females.length)]!;
      rows.push(p(id, fa, mo, sex));
    }
    (sex === M ? males : females).push(id);
  }
  return createPedigree(rows);
}
