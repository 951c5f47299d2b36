/**
 * The genotype-table path of the pairwise LR: victim alleles that no relative carries are read
 * from the lumped rest allele and scaled by p_a / p_rest. Checked against the direct kinship LR
 * (computeKinshipLR with H1 = family with the victim on the missing person, H2 = family + victim
 * unrelated) where the scaling matters most: both victim alleles outside the family, a child of
 * a first-cousin marriage (whose two alleles may be identical by descent), proportional mutation,
 * and a missing person sampled directly through `sameAs`.
 */
import { describe, expect, it } from 'vitest';
import { computeDVI } from '../src/dvi/dvi.js';
import { parseDVICase } from '../src/io/dvi-file.js';
import { type IncidentDoc, referenceLog10LR } from './dvi-incidents.js';

const ALLELES = ['10', '11', '12', '13', '14', '15', '16', '17'];
const FREQS = [0.1, 0.2, 0.05, 0.15, 0.1, 0.2, 0.12, 0.08];

function row(id: string, father: string | null, mother: string | null, sex: 'male' | 'female') {
  return { id, father, mother, sex };
}

/**
 * FC: MX is the child of first cousins C1, C2 (untyped; GF and HB typed), so both of MX's alleles
 * may come from the untyped GM. FT: trio with the father typed. FD: MD sampled directly (DR).
 */
function doc(mutation: unknown, victims: Record<string, [string, string]>): IncidentDoc {
  return {
    format: 'kindred-dvi/1',
    id: 'tables',
    theta: 0,
    loci: [{ name: 'L', alleles: ALLELES, frequencies: FREQS, mutation }],
    victims: Object.fromEntries(Object.entries(victims).map(([v, g]) => [v, { L: g }])),
    victimSex: {},
    families: [
      {
        name: 'FC',
        pedigree: [
          row('GF', null, null, 'male'),
          row('GM', null, null, 'female'),
          row('A', 'GF', 'GM', 'male'),
          row('B', 'GF', 'GM', 'female'),
          row('WA', null, null, 'female'),
          row('HB', null, null, 'male'),
          row('C1', 'A', 'WA', 'male'),
          row('C2', 'HB', 'B', 'female'),
          row('MX', 'C1', 'C2', 'male'),
        ],
        missing: ['MX'],
        genotypes: { GF: { L: ['10', '11'] }, HB: { L: ['10', '12'] } },
      },
      {
        name: 'FT',
        pedigree: [
          row('FA', null, null, 'male'),
          row('MO', null, null, 'female'),
          row('MC', 'FA', 'MO', 'male'),
        ],
        missing: ['MC'],
        genotypes: { FA: { L: ['10', '10'] } },
      },
      {
        name: 'FD',
        pedigree: [
          row('DF', null, null, 'male'),
          row('DM', null, null, 'female'),
          row('MD', 'DF', 'DM', 'male'),
          { id: 'DR', sameAs: 'MD' },
        ],
        missing: ['MD'],
        genotypes: { DR: { L: ['15', '16'] } },
      },
    ],
  };
}

const VICTIMS: Record<string, [string, string]> = {
  het: ['15', '16'],
  hom: ['15', '15'],
  mixed: ['11', '16'],
  fam: ['10', '11'],
};

describe('pairwise LR through genotype tables', () => {
  for (const mutation of [
    null,
    { model: 'proportional', rate: 0.05 },
    { model: 'equal', rate: 0.05 },
  ]) {
    it(`every pairwise LR equals computeKinshipLR (mutation ${JSON.stringify(mutation)})`, () => {
      const d = doc(mutation, VICTIMS);
      const result = computeDVI(parseDVICase(d));
      d.families.forEach((f, fi) => {
        for (const v of Object.keys(VICTIMS)) {
          const got = result.pairwise.get(v)!.get(f.missing[0]!)!;
          const want = referenceLog10LR(d, fi, [[f.missing[0]!, v]]);
          if (want === null) expect(got).toBeNull();
          else expect(Math.abs(got! - want)).toBeLessThanOrEqual(1e-9);
        }
      });
    });
  }

  it('a victim matching the direct reference of MD has LR 1 / P(genotype); others LR 0', () => {
    // direct match, no mutation: P(G) / P(G)² = 1 / (2 · 0.2 · 0.12) for 15/16 (case-format.md)
    const result = computeDVI(parseDVICase(doc(null, VICTIMS)));
    expect(result.pairwise.get('het')!.get('MD')).toBeCloseTo(-Math.log10(2 * 0.2 * 0.12), 12);
    expect(result.pairwise.get('hom')!.get('MD')).toBeNull();
  });

  it('a trio child with father 10/10 and victim 15/16 is excluded without mutation', () => {
    // the child must carry the father's 10: LR 0 (written null)
    const result = computeDVI(parseDVICase(doc(null, VICTIMS)));
    expect(result.pairwise.get('het')!.get('MC')).toBeNull();
    // with 10/11, mother untyped: LR = P(10 from father)·P(11 from mother)/(2 p10 p11) = 1/(2 p10)
    expect(result.pairwise.get('fam')!.get('MC')).toBeCloseTo(Math.log10(1 / (2 * 0.1)), 12);
  });
});
