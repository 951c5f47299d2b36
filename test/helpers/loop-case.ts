/**
 * The oversized case of issue 18: a 60-person pedigree of two lineages that intermarry in every
 * generation (a long ladder of loops), 20 alleles at each of 24 loci, 8 relatives typed. Each
 * locus alone is within the per-locus budget (about 1.4·10^9 operations of 2^31); the case as
 * a whole took about a minute and 1.6 GB before the case budget (`likelihood/case-budget.ts`).
 * Genotypes are made up (synthetic frequencies, no real people).
 */

/** One person row of a case document. */
interface Row {
  id: string;
  father: string | null;
  mother: string | null;
  sex: 'male' | 'female';
}

/** The 60-person two-lineage ladder: generation 0 is two couples; each later generation has two children per lineage, married across. */
export function loopPedigree(generations = 15): Row[] {
  const ped: Row[] = [];
  let couples: [string, string][] = [];
  for (let i = 0; i < 2; i++) {
    ped.push({ id: `F${i}a`, father: null, mother: null, sex: 'male' });
    ped.push({ id: `F${i}b`, father: null, mother: null, sex: 'female' });
    couples.push([`F${i}a`, `F${i}b`]);
  }
  for (let gen = 1; gen < generations; gen++) {
    const odd = gen % 2 === 1;
    const first: string[] = [];
    const second: string[] = [];
    for (let i = 0; i < 2; i++) {
      const [f, m] = couples[i]!;
      const id = `P${gen}_${i}`;
      ped.push({ id, father: f, mother: m, sex: odd ? 'male' : 'female' });
      first.push(id);
    }
    for (let i = 0; i < 2; i++) {
      const [f, m] = couples[(i + 1) % 2]!;
      const id = `Q${gen}_${i}`;
      ped.push({ id, father: f, mother: m, sex: odd ? 'female' : 'male' });
      second.push(id);
    }
    couples = first.map((k, i) => (odd ? [k, second[i]!] : [second[i]!, k]));
  }
  return ped;
}

/** The loci: `nLoci` loci of `nAlleles` equally frequent alleles. */
export function loopLoci(nLoci = 24, nAlleles = 20) {
  const alleles = Array.from({ length: nAlleles }, (_, i) => String(i + 5));
  return Array.from({ length: nLoci }, (_, l) => ({
    name: `L${l}`,
    alleles,
    frequencies: alleles.map(() => 1 / nAlleles),
  }));
}

/** Genotypes of every 8th person (and the last), made up from the locus and person. */
export function loopGenotypes(ped: readonly Row[], loci: ReturnType<typeof loopLoci>) {
  const typed = ped.filter((_, i) => i % 8 === 3 || i === ped.length - 1);
  const out: Record<string, Record<string, [string, string]>> = {};
  for (const p of typed) {
    const byLocus: Record<string, [string, string]> = {};
    loci.forEach((locus, l) => {
      const a = locus.alleles;
      byLocus[locus.name] = [
        a[(l + p.id.length * 3) % a.length]!,
        a[(l * 7 + p.id.charCodeAt(1)) % a.length]!,
      ];
    });
    out[p.id] = byLocus;
  }
  return out;
}

/** The oversized `kindred-case/1`: H1 the looped pedigree, H2 everyone unrelated. */
export function loopCaseDocument(nLoci = 24) {
  const pedigree = loopPedigree();
  const loci = loopLoci(nLoci);
  return {
    format: 'kindred-case/1',
    id: 'loop60',
    loci,
    hypotheses: [
      { name: 'H1', pedigree },
      { name: 'H2', pedigree: pedigree.map((p) => ({ ...p, father: null, mother: null })) },
    ],
    reference: 'H2',
    genotypes: loopGenotypes(pedigree, loci),
  };
}

/** The same pedigree as the one family of a `kindred-dvi/1`, its last person missing, one victim. */
export function loopDVIDocument(nLoci = 24) {
  const pedigree = loopPedigree();
  const loci = loopLoci(nLoci);
  const genotypes = loopGenotypes(pedigree, loci);
  const last = pedigree[pedigree.length - 1]!.id;
  const victim = genotypes[last]!;
  delete genotypes[last];
  return {
    format: 'kindred-dvi/1',
    id: 'loop60-dvi',
    loci,
    victims: { V1: victim },
    families: [{ name: 'LOOP', pedigree, missing: [last], genotypes }],
  };
}
