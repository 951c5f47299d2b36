import { describe, expect, it } from 'vitest';
import type { Locus } from '../src/frequencies/locus.js';
import { parseDVICase } from '../src/io/dvi-file.js';
import { createPedigree } from '../src/pedigree/create-pedigree.js';
import { FAMILY_SHAPES, familyTemplate } from '../src/sim/family-shapes.js';
import { dropGenes } from '../src/sim/gene-drop.js';
import { createRng, rngFromState, sampleIndex } from '../src/sim/prng.js';
import { randomGenotype } from '../src/sim/random-genotype.js';
import { simulateIncident } from '../src/sim/simulate-incident.js';
import { randomGamma, syntheticLoci } from '../src/sim/synthetic-loci.js';

const locus: Locus = {
  name: 'L',
  alleles: ['1', '2', '3'],
  frequencies: [0.2, 0.3, 0.5],
  chromosome: 'autosomal',
  mutation: null,
};

describe('prng', () => {
  it('xoshiro128** from state [1, 2, 3, 4] outputs 11520, 0, 5927040', () => {
    // Worked by hand from the reference C code (Blackman & Vigna, xoshiro128starstar.c).
    const rng = rngFromState(Uint32Array.of(1, 2, 3, 4));
    expect([rng.nextUint32(), rng.nextUint32(), rng.nextUint32()]).toEqual([11520, 0, 5927040]);
  });

  it('createRng(seed) is reproducible and different seeds differ', () => {
    const a = Array.from({ length: 5 }, createRng(7).nextUint32);
    const b = createRng(7);
    expect(Array.from({ length: 5 }, () => b.nextUint32())).toEqual(a);
    expect(createRng(8).nextUint32()).not.toBe(a[0]);
    expect(() => createRng(1.5)).toThrow(/seed must be an integer/);
  });

  it('sampleIndex frequencies match the weights (chi-square, 30,000 draws, 2 df, p > 0.001)', () => {
    const rng = createRng(123);
    const counts = [0, 0, 0];
    const w = [0.2, 0.3, 0.5];
    for (let i = 0; i < 30_000; i++) counts[sampleIndex(rng, w)]!++;
    const chi = counts.reduce((s, c, i) => s + (c - 30_000 * w[i]!) ** 2 / (30_000 * w[i]!), 0);
    expect(chi).toBeLessThan(13.8); // chi-square 0.999 quantile with 2 df
  });

  it('randomGamma has mean ≈ shape (Gamma(a, 1) mean a)', () => {
    for (const a of [0.7, 3]) {
      const rng = createRng(5);
      let s = 0;
      for (let i = 0; i < 20_000; i++) s += randomGamma(rng, a);
      // sd of the mean sqrt(a/20000) < 0.013: allow 5 sd.
      expect(Math.abs(s / 20_000 - a)).toBeLessThan(0.07);
    }
  });
});

describe('gene dropping', () => {
  it('a child of two homozygous parents 1/1 and 3/3 is always 1/3 without mutation', () => {
    const ped = createPedigree(familyTemplate('parents', '', 'male').records);
    const rng = createRng(1);
    for (let i = 0; i < 50; i++) {
      const g = dropGenes(rng, ped, { ...locus, frequencies: [1, 0, 0] }, {});
      expect([g[0], g[1]]).toEqual([0, 0]);
    }
  });

  it('mendelian: a child shares an allele with each parent (no mutation), males hemizygous at X', () => {
    const ped = createPedigree(familyTemplate('parents', '', 'male').records);
    const rng = createRng(2);
    const x: Locus = { ...locus, chromosome: 'X' };
    for (let i = 0; i < 200; i++) {
      const g = dropGenes(rng, ped, locus);
      expect([g[0], g[1]]).toContain(g[4]); // paternal allele from the father
      expect([g[2], g[3]]).toContain(g[5]);
      const gx = dropGenes(rng, ped, x);
      expect(gx[0]).toBe(gx[1]); // the father (male) is hemizygous
      expect(gx[4]).toBe(gx[5]); // so is the son, who gets only his mother's X
      expect([gx[2], gx[3]]).toContain(gx[5]);
    }
  });

  it('with mutation rate 1 to the other allele (custom), a child never carries the parental allele', () => {
    const flip: Locus = {
      name: 'F',
      alleles: ['1', '2'],
      frequencies: [1, 0],
      chromosome: 'autosomal',
      mutation: {
        model: 'custom',
        matrix: [
          [0, 1],
          [1, 0],
        ],
      },
    };
    const ped = createPedigree(familyTemplate('parents', '', 'female').records);
    const g = dropGenes(createRng(3), ped, flip, { mutation: true });
    expect([g[4], g[5]]).toEqual([1, 1]);
    expect(randomGenotype(createRng(3), flip)).toEqual(['1', '1']);
  });
});

describe('family shapes and incidents', () => {
  it('every family template is a valid pedigree whose typable relatives and missing person exist', () => {
    for (const shape of FAMILY_SHAPES) {
      const t = familyTemplate(shape, 'F1-', 'female');
      const ped = createPedigree(t.records);
      expect(ped.index.has(t.missing)).toBe(true);
      for (const id of t.typable) expect(ped.index.has(id)).toBe(true);
      expect(t.typable.length).toBeGreaterThanOrEqual(1);
      expect(t.typable.length).toBeLessThanOrEqual(4);
    }
  });

  it('simulateIncident writes a valid kindred-dvi/1 document with the victims it reports', () => {
    const loci = syntheticLoci(11, { count: 5 });
    const sim = simulateIncident({ seed: 4, loci, families: 6, identifiable: 4, unrelated: 3 });
    const dvi = parseDVICase(sim.document);
    expect(dvi.families.length).toBe(6);
    expect(dvi.victims.size).toBe(7);
    expect([...sim.truth.values()].filter((t) => t !== null).length).toBe(4);
    for (const f of dvi.families) {
      const typed = dvi.families.find((x) => x.name === f.name)!.genotypes.size;
      expect(typed).toBeGreaterThanOrEqual(1);
      expect(typed).toBeLessThanOrEqual(4);
    }
    // A victim that is a missing person carries that person's simulated genotypes.
    for (const [v, t] of sim.truth) {
      if (t === null) continue;
      const fam = sim.families.find((f) => f.name === t.family)!;
      expect(Object.fromEntries(dvi.victims.get(v)!)).toEqual(fam.truth);
      expect(dvi.victimSex.get(v)).toBe(fam.missingSex);
    }
    expect(String(sim.document.description)).toMatch(/^SYNTHETIC DATA/);
    // Same seed, same document.
    expect(
      simulateIncident({ seed: 4, loci, families: 6, identifiable: 4, unrelated: 3 }).document,
    ).toEqual(sim.document);
  });

  it('syntheticLoci gives valid frequency tables (each ≥ floor/1.1, summing to 1)', () => {
    for (const l of syntheticLoci(3)) {
      const sum = l.frequencies.reduce((a, b) => a + b, 0);
      expect(Math.abs(sum - 1)).toBeLessThan(1e-12);
      expect(Math.min(...l.frequencies)).toBeGreaterThan(0.0009);
      expect(new Set(l.alleles).size).toBe(l.alleles.length);
    }
  });
});
