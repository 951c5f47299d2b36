/**
 * Seeded DVI incidents for the benchmarks: reference families of the shapes used by the
 * conformance files (trio, father and son both missing, mother and sibling, spouse and
 * children, two missing siblings), genotypes gene-dropped without mutation on a real frequency
 * table, victims = some of the missing persons plus unrelated people. Output is a
 * `kindred-dvi/1` document (plain JSON), so the benchmark times exactly what the CLI runs.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFrequencyCsv } from '../src/io/frequency-file.js';

type Sex = 'male' | 'female';
type Row = { id: string; father: string | null; mother: string | null; sex: Sex };
type Genos = Record<string, Record<string, string[]>>;

/** Family shapes: rows, typed relatives and missing persons (ids get a family suffix). */
export const DVI_SHAPES = {
  trio: {
    rows: [
      ['FA', '', '', 'm'],
      ['MO', '', '', 'f'],
      ['M', 'FA', 'MO', '*'],
    ],
    typed: ['FA', 'MO'],
    missing: ['M'],
  },
  fatherSon: {
    rows: [
      ['MF', '', '', 'm'],
      ['W', '', '', 'f'],
      ['MS', 'MF', 'W', 'm'],
      ['D', 'MF', 'W', 'f'],
    ],
    typed: ['W', 'D'],
    missing: ['MF', 'MS'],
  },
  motherSib: {
    rows: [
      ['FA', '', '', 'm'],
      ['MO', '', '', 'f'],
      ['S', 'FA', 'MO', '*'],
      ['M', 'FA', 'MO', '*'],
    ],
    typed: ['MO', 'S'],
    missing: ['M'],
  },
  spouseKids: {
    rows: [
      ['M', '', '', 'm'],
      ['W', '', '', 'f'],
      ['C', 'M', 'W', '*'],
      ['D', 'M', 'W', 'f'],
    ],
    typed: ['W', 'C', 'D'],
    missing: ['M'],
  },
  twoSibs: {
    rows: [
      ['P1', '', '', 'm'],
      ['P2', '', '', 'f'],
      ['B', 'P1', 'P2', 'm'],
      ['S', 'P1', 'P2', 'f'],
      ['M1', 'P1', 'P2', 'm'],
      ['M2', 'P1', 'P2', 'f'],
    ],
    typed: ['B', 'S'],
    missing: ['M1', 'M2'],
  },
} as const;

/** A family shape name. */
export type DVIShape = keyof typeof DVI_SHAPES;

/** Options of {@link simulateDVIIncident}. */
export interface DVISimOptions {
  readonly seed: number;
  readonly families: number;
  readonly victims: number;
  /** Shapes used in turn (family i gets shapes[i % length]). */
  readonly shapes: readonly DVIShape[];
  /** Fraction of missing persons that are among the victims (default 1: all, as far as victims allow). */
  readonly found?: number;
  /** Mutation model of every locus (JSON), default null. */
  readonly mutation?: unknown;
  /** Write victimSex (default true). */
  readonly victimSex?: boolean;
  /** Frequency file in ../shared/data/frequencies (default fbi2015-caucasian.csv, 23 loci). */
  readonly table?: string;
}

/** xoshiro-free tiny generator: mulberry32, uniform in [0, 1). */
export function benchRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Simulate one incident.
 *
 * @example
 * ```ts
 * simulateDVIIncident({ seed: 1, families: 2, victims: 3, shapes: ['trio'] }).families.length; // => 2
 * ```
 */
export function simulateDVIIncident(
  o: DVISimOptions,
): Record<string, unknown> & { victims: Genos } {
  const rand = benchRandom(o.seed);
  const file = join(
    import.meta.dirname,
    '..',
    '..',
    'shared',
    'data',
    'frequencies',
    o.table ?? 'fbi2015-caucasian.csv',
  );
  const table = parseFrequencyCsv(readFileSync(file, 'utf8'), { population: 'bench', file }).table;
  const loci = [...table.markers].map(([name, m]) => ({
    name,
    alleles: [...m.alleles],
    frequencies: [...m.frequencies],
    mutation: o.mutation ?? null,
  }));
  const draw = (l: number): string => {
    let u = rand();
    const { alleles, frequencies } = loci[l]!;
    for (let i = 0; i < alleles.length; i++) {
      u -= frequencies[i]!;
      if (u < 0) return alleles[i]!;
    }
    return alleles[alleles.length - 1]!;
  };
  const person = (father?: string[][], mother?: string[][]): string[][] =>
    loci.map((_, l) => [
      father ? father[l]![rand() < 0.5 ? 0 : 1]! : draw(l),
      mother ? mother[l]![rand() < 0.5 ? 0 : 1]! : draw(l),
    ]);
  const asGenos = (a: string[][]): Record<string, string[]> =>
    Object.fromEntries(loci.map((locus, l) => [locus.name, a[l]!]));
  const families: unknown[] = [];
  const truth: { sex: Sex; genos: string[][] }[] = [];
  for (let f = 0; f < o.families; f++) {
    const shape = DVI_SHAPES[o.shapes[f % o.shapes.length]!];
    const id = (x: string): string => `${x}_${f + 1}`;
    const sim = new Map<string, string[][]>();
    const rows: Row[] = shape.rows.map(([pid, fa, mo, s]) => {
      const sex: Sex = s === 'm' ? 'male' : s === 'f' ? 'female' : rand() < 0.5 ? 'male' : 'female';
      sim.set(pid, person(fa ? sim.get(fa) : undefined, mo ? sim.get(mo) : undefined));
      return { id: id(pid), father: fa ? id(fa) : null, mother: mo ? id(mo) : null, sex };
    });
    for (const m of shape.missing) {
      if (rand() < (o.found ?? 1))
        truth.push({ sex: rows.find((r) => r.id === id(m))!.sex, genos: sim.get(m)! });
    }
    families.push({
      name: `F${f + 1}`,
      pedigree: rows,
      missing: shape.missing.map(id),
      genotypes: Object.fromEntries(shape.typed.map((t) => [id(t), asGenos(sim.get(t)!)])),
    });
  }
  const victims: Genos = {};
  const victimSex: Record<string, Sex> = {};
  for (let v = 0; v < o.victims; v++) {
    const t =
      v < truth.length
        ? truth[v]!
        : { sex: (rand() < 0.5 ? 'male' : 'female') as Sex, genos: person() };
    victims[`V${v + 1}`] = asGenos(t.genos);
    victimSex[`V${v + 1}`] = t.sex;
  }
  return {
    format: 'kindred-dvi/1',
    id: `bench-${o.victims}x${o.families}-seed${o.seed}`,
    theta: 0,
    loci,
    victims,
    ...(o.victimSex === false ? {} : { victimSex }),
    families,
  };
}
