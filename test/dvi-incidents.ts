/**
 * Test support for the DVI suites: small random incidents written as `kindred-dvi/1` JSON
 * (simulated by gene dropping from a seed), and an independent reference for any family factor:
 * a `kindred-case/1` document (H1 = the family with each placed victim standing in for its
 * missing person, H2 = the family plus the victims as unrelated founders) answered by
 * `computeKinshipLR`.
 */
import { parseCase } from '../src/io/case-file.js';
import { computeKinshipLR } from '../src/relationships/kinship-lr.js';

type Row = { id: string; father: string | null; mother: string | null; sex: 'male' | 'female' };
type SameAs = { id: string; sameAs: string };
type Genos = Record<string, Record<string, string[]>>;

/** A DVI document as plain JSON. */
export interface IncidentDoc {
  format: 'kindred-dvi/1';
  id: string;
  theta: number;
  loci: {
    name: string;
    alleles: string[];
    frequencies: number[];
    mutation: unknown;
    chromosome?: string;
  }[];
  victims: Genos;
  victimSex: Record<string, 'male' | 'female'>;
  families: { name: string; pedigree: (Row | SameAs)[]; missing: string[]; genotypes: Genos }[];
}

/** Options of {@link makeIncident}. */
export interface IncidentOptions {
  /** Mutation model of every autosomal locus (JSON), default null. */
  readonly mutation?: unknown;
  /** Add one X-chromosomal locus (no mutation). */
  readonly xLocus?: boolean;
  readonly theta?: number;
  /** Family shapes to use, by name (default: a random pick of all). */
  readonly shapes?: readonly ShapeName[];
  readonly nVictims?: number;
  readonly nLoci?: number;
}

/** Family shapes. */
export type ShapeName = 'trio' | 'fatherSon' | 'sibs' | 'cousins' | 'direct';

const SHAPES: Record<ShapeName, { rows: (Row | SameAs)[]; typed: string[]; missing: string[] }> = {
  trio: {
    rows: [
      r('FA', null, null, 'male'),
      r('MO', null, null, 'female'),
      r('MC', 'FA', 'MO', 'female'),
    ],
    typed: ['FA', 'MO'],
    missing: ['MC'],
  },
  fatherSon: {
    rows: [
      r('MF', null, null, 'male'),
      r('W', null, null, 'female'),
      r('MS', 'MF', 'W', 'male'),
      r('D', 'MF', 'W', 'female'),
    ],
    typed: ['W', 'D'],
    missing: ['MF', 'MS'],
  },
  sibs: {
    rows: [
      r('P1', null, null, 'male'),
      r('P2', null, null, 'female'),
      r('S1', 'P1', 'P2', 'female'),
      r('MB', 'P1', 'P2', 'male'),
      r('MZ', 'P1', 'P2', 'female'),
    ],
    typed: ['S1'],
    missing: ['MB', 'MZ'],
  },
  cousins: {
    rows: [
      r('GF', null, null, 'male'),
      r('GM', null, null, 'female'),
      r('A', 'GF', 'GM', 'male'),
      r('B', 'GF', 'GM', 'female'),
      r('WA', null, null, 'female'),
      r('HB', null, null, 'male'),
      r('C1', 'A', 'WA', 'male'),
      r('C2', 'HB', 'B', 'female'),
      r('MX', 'C1', 'C2', 'male'),
      r('MY', 'C1', 'C2', 'female'),
    ],
    typed: ['C1', 'C2', 'GF'],
    missing: ['MX', 'MY'],
  },
  direct: {
    rows: [
      r('FA', null, null, 'male'),
      r('MO', null, null, 'female'),
      r('MP', 'FA', 'MO', 'male'),
      { id: 'DR', sameAs: 'MP' },
    ],
    typed: ['FA', 'DR'],
    missing: ['MP'],
  },
};

function r(id: string, father: string | null, mother: string | null, sex: Row['sex']): Row {
  return { id, father, mother, sex };
}

/** mulberry32: a tiny seeded generator in [0, 1). */
export function seededRandom(seed: number): () => number {
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
 * A random incident: 1–3 families of the given shapes (ids suffixed by the family number),
 * genotypes gene-dropped without mutation, victims = some missing persons plus unrelated people.
 */
export function makeIncident(seed: number, options: IncidentOptions = {}): IncidentDoc {
  const rand = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const nLoci = options.nLoci ?? 2;
  const loci: IncidentDoc['loci'] = [];
  for (let l = 0; l < nLoci + (options.xLocus ? 1 : 0); l++) {
    const n = 3 + Math.floor(rand() * 3);
    const w = Array.from({ length: n }, () => 1 + Math.floor(rand() * 9));
    const total = w.reduce((a, b) => a + b, 0);
    const x = options.xLocus === true && l === nLoci;
    loci.push({
      name: x ? 'XL' : `L${l}`,
      alleles: w.map((_, i) => String(10 + i)),
      frequencies: w.map((v) => v / total),
      mutation: x ? null : (options.mutation ?? null),
      ...(x ? { chromosome: 'X' } : {}),
    });
  }
  const draw = (l: number): string => {
    let u = rand();
    const f = loci[l]!.frequencies;
    for (let i = 0; i < f.length; i++) {
      u -= f[i]!;
      if (u < 0) return loci[l]!.alleles[i]!;
    }
    return loci[l]!.alleles[f.length - 1]!;
  };
  /** Gene drop: person → per locus [paternal, maternal] (males at X: [maternal]). */
  const drop = (rows: readonly (Row | SameAs)[]): Map<string, string[][]> => {
    const out = new Map<string, string[][]>();
    for (const row of rows) {
      if ('sameAs' in row) {
        out.set(row.id, out.get(row.sameAs)!);
        continue;
      }
      out.set(
        row.id,
        loci.map((locus, l) => {
          const hemi = locus.chromosome === 'X' && row.sex === 'male';
          const fromMother = row.mother === null ? draw(l) : pick(out.get(row.mother)![l]!);
          if (hemi) return [fromMother];
          const fa = row.father === null ? null : out.get(row.father)![l]!;
          const fromFather = fa === null ? draw(l) : locus.chromosome === 'X' ? fa[0]! : pick(fa);
          return [fromFather, fromMother];
        }),
      );
    }
    return out;
  };
  const asGenos = (alleles: string[][]): Record<string, string[]> =>
    Object.fromEntries(loci.map((locus, l) => [locus.name, [...alleles[l]!]]));
  const shapes = options.shapes ?? (['trio', 'fatherSon', 'sibs', 'cousins', 'direct'] as const);
  const nFamilies = 1 + Math.floor(rand() * Math.min(3, shapes.length));
  const families: IncidentDoc['families'] = [];
  const truths: { id: string; sex: Row['sex']; alleles: string[][] }[] = [];
  for (let f = 0; f < nFamilies; f++) {
    const shape = SHAPES[options.shapes ? shapes[f % shapes.length]! : pick(shapes)];
    const ren = (id: string | null): string | null => (id === null ? null : `${id}_${f}`);
    const rows = shape.rows.map((x) =>
      'sameAs' in x
        ? { id: ren(x.id)!, sameAs: ren(x.sameAs)! }
        : { ...x, id: ren(x.id)!, father: ren(x.father), mother: ren(x.mother) },
    );
    const sim = drop(rows);
    const missing = shape.missing.map((id) => rows.find((x) => x.id === ren(id)) as Row);
    for (const m of missing) truths.push({ id: m.id, sex: m.sex, alleles: sim.get(m.id)! });
    families.push({
      name: `F${f}`,
      pedigree: rows,
      missing: missing.map((m) => m.id),
      genotypes: Object.fromEntries(shape.typed.map((t) => [ren(t)!, asGenos(sim.get(ren(t)!)!)])),
    });
  }
  const victims: Genos = {};
  const victimSex: Record<string, 'male' | 'female'> = {};
  const nVictims = options.nVictims ?? 1 + Math.floor(rand() * 4);
  for (let v = 0; v < nVictims; v++) {
    const truth =
      rand() < 0.6 && truths.length > 0
        ? truths.splice(Math.floor(rand() * truths.length), 1)[0]!
        : undefined;
    const sex: Row['sex'] = truth?.sex ?? (rand() < 0.5 ? 'male' : 'female');
    const alleles = truth?.alleles ?? drop([r('U', null, null, sex)]).get('U')!;
    const genos = asGenos(alleles);
    for (const locus of loci) if (rand() < 0.1) delete genos[locus.name];
    victims[`V${v}`] = genos;
    if (options.xLocus === true || rand() < 0.7) victimSex[`V${v}`] = sex;
  }
  return {
    format: 'kindred-dvi/1',
    id: `incident-${seed}`,
    theta: options.theta ?? 0,
    loci,
    victims,
    victimSex,
    families,
  };
}

/**
 * The independent reference: log10 of the family factor for victims placed on missing persons
 * of one family, as `computeKinshipLR` of H1 (family with each missing id replaced by its
 * victim's id) against H2 (family plus the victims as unrelated founders).
 */
export function referenceLog10LR(
  doc: IncidentDoc,
  family: number,
  placements: readonly (readonly [string, string])[],
): number | null {
  const fam = doc.families[family]!;
  const rename = new Map(placements.map(([m, v]) => [m, v]));
  const ren = (id: string | null): string | null => (id === null ? null : (rename.get(id) ?? id));
  const h1 = fam.pedigree.map((x) =>
    'sameAs' in x
      ? { id: x.id, sameAs: ren(x.sameAs)! }
      : { ...x, id: ren(x.id)!, father: ren(x.father), mother: ren(x.mother) },
  );
  const h2 = [
    ...fam.pedigree,
    ...placements.map(([m, v]) => {
      const row = fam.pedigree.find((x) => x.id === m) as Row;
      return r(v, null, null, row.sex);
    }),
  ];
  const genotypes: Genos = { ...fam.genotypes };
  for (const [, v] of placements) genotypes[v] = doc.victims[v]!;
  const kcase = parseCase({
    format: 'kindred-case/1',
    id: 'ref',
    theta: doc.theta,
    loci: doc.loci,
    hypotheses: [
      { name: 'H1', pedigree: h1 },
      { name: 'H2', pedigree: h2 },
    ],
    reference: 'H2',
    genotypes,
  });
  return computeKinshipLR(kcase).hypotheses[0]!.log10LR;
}
