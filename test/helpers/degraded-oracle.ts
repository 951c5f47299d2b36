/**
 * An independent brute-force oracle for degraded evidence (degraded-dna.md), written from the
 * spec and sharing no code with the engine: it enumerates every ordered allele of every person
 * of a pedigree at one locus and adds up
 *
 *   P(founder alleles) · Π transmissions · Π_samples P(E_s | G_person),
 *
 * with founder alleles drawn one after another from the Balding–Nichols urn (theta), X loci with
 * hemizygous males, and P(E | G) exactly as the spec writes it. Tiny inputs only.
 */

/** A pedigree row as in case-format.md. */
export type OracleRow =
  | {
      readonly id: string;
      readonly father: string | null;
      readonly mother: string | null;
      readonly sex: 'male' | 'female';
    }
  | { readonly id: string; readonly sameAs: string };

/** One locus with its transmission matrices (row-major; null: no mutation). */
export interface OracleLocus {
  readonly alleles: readonly string[];
  readonly frequencies: readonly number[];
  readonly x: boolean;
  readonly male: Float64Array | null;
  readonly female: Float64Array | null;
}

/** P(E | G) from the spec: G as allele labels (one for a hemizygous male), E the set seen. */
export function specObservation(
  g: readonly string[],
  seen: ReadonlySet<string>,
  d: number,
  c: number,
  freq: (label: string) => number,
): number {
  const copies = new Map<string, number>();
  for (const a of g) if (a !== 'silent') copies.set(a, (copies.get(a) ?? 0) + 1);
  let p = 1;
  for (const [a, k] of copies) p *= seen.has(a) ? 1 - d ** k : d ** k;
  const foreign = [...seen].filter((a) => !copies.has(a));
  if (foreign.length === 0) p *= 1 - c;
  else if (foreign.length === 1) p *= c * freq(foreign[0]!);
  else p = 0;
  return p;
}

/**
 * The likelihood of the evidence at one locus.
 *
 * @param rows - the pedigree (sameAs rows are further samples of the person they name)
 * @param locus - alleles, frequencies, chromosome, matrices
 * @param theta - Balding–Nichols theta (founder alleles drawn in row order, paternal first)
 * @param seen - sample id → allele labels seen at this locus (absent: not typed here)
 * @param obs - sample id → [d, c]
 */
export function oracleLikelihood(
  rows: readonly OracleRow[],
  locus: OracleLocus,
  theta: number,
  seen: ReadonlyMap<string, readonly string[]>,
  obs: ReadonlyMap<string, readonly [number, number]>,
): number {
  const people = rows.filter((r): r is Extract<OracleRow, { sex: string }> => 'sex' in r);
  const idx = new Map(people.map((r, i) => [r.id, i]));
  const n = locus.alleles.length;
  const hemi = people.map((r) => locus.x && r.sex === 'male');
  // Variables: per person, paternal then maternal allele (hemizygous males: maternal only).
  const slots: { person: number; side: 'pat' | 'mat' }[] = [];
  people.forEach((_, i) => {
    if (!hemi[i]) slots.push({ person: i, side: 'pat' });
    slots.push({ person: i, side: 'mat' });
  });
  const samples: { person: number; seen: Set<string>; d: number; c: number }[] = [];
  for (const [id, labels] of seen) {
    const row = rows.find((r) => r.id === id)!;
    const person = idx.get('sameAs' in row ? row.sameAs : row.id)!;
    const [d, c] = obs.get(id) ?? [0, 0];
    samples.push({ person, seen: new Set(labels), d, c });
  }
  const freqOf = (label: string): number => locus.frequencies[locus.alleles.indexOf(label)]!;
  const value = new Int32Array(slots.length);
  let total = 0;
  const count = n ** slots.length;
  for (let k = 0; k < count; k++) {
    let rest = k;
    for (let s = 0; s < slots.length; s++) {
      value[s] = rest % n;
      rest = Math.floor(rest / n);
    }
    const pat = new Int32Array(people.length).fill(-1);
    const mat = new Int32Array(people.length).fill(-1);
    slots.forEach((sl, s) => {
      (sl.side === 'pat' ? pat : mat)[sl.person] = value[s]!;
    });
    let p = 1;
    // Founder alleles from the urn, in row order.
    const drawn = new Array<number>(n).fill(0);
    let nDrawn = 0;
    const draw = (a: number): number => {
      const q =
        (drawn[a]! * theta + (1 - theta) * locus.frequencies[a]!) / (1 + (nDrawn - 1) * theta);
      drawn[a] = drawn[a]! + 1;
      nDrawn += 1;
      return q;
    };
    people.forEach((r, i) => {
      if (r.father !== null) return;
      if (!hemi[i]) p *= draw(pat[i]!);
      p *= draw(mat[i]!);
    });
    const tr = (m: Float64Array | null, x: number, c: number): number =>
      m === null ? (x === c ? 1 : 0) : m[x * n + c]!;
    people.forEach((r, i) => {
      if (r.father === null || p === 0) return;
      const f = idx.get(r.father)!;
      const mo = idx.get(r.mother!)!;
      p *= (tr(locus.female, pat[mo]!, mat[i]!) + tr(locus.female, mat[mo]!, mat[i]!)) / 2;
      if (hemi[i]) return;
      if (locus.x) p *= tr(locus.male, mat[f]!, pat[i]!);
      else p *= (tr(locus.male, pat[f]!, pat[i]!) + tr(locus.male, mat[f]!, pat[i]!)) / 2;
    });
    if (p === 0) continue;
    for (const s of samples) {
      const g = hemi[s.person]
        ? [locus.alleles[mat[s.person]!]!]
        : [locus.alleles[pat[s.person]!]!, locus.alleles[mat[s.person]!]!];
      p *= specObservation(g, s.seen, s.d, s.c, freqOf);
    }
    total += p;
  }
  return total;
}
