/**
 * A built-in synthetic population: STR-like loci (integer repeat ladders with a few
 * microvariants) whose allele frequencies are a seeded Dirichlet draw. For demos and tests that
 * must not depend on a real frequency table; clearly not real markers (names `SYN01`, …).
 *
 * Dirichlet(α, …, α) is drawn as normalised Gamma(α, 1) variates (Marsaglia & Tsang 2000, "A
 * simple method for generating gamma variables", doi:10.1145/358407.358414; for α < 1 the
 * boost Gamma(α) = Gamma(α + 1) · U^{1/α}).
 *
 * @module
 */
import { KindredError } from '../errors.js';
import type { Locus } from '../frequencies/locus.js';
import type { MutationSpec } from '../mutation/types.js';
import { createRng, type Rng } from './prng.js';

/** Options for {@link syntheticLoci}. */
export interface SyntheticLociOptions {
  /** Number of loci (default 23). */
  readonly count?: number;
  /** Fewest and most alleles per locus (default 6 and 20). */
  readonly minAlleles?: number;
  readonly maxAlleles?: number;
  /** Dirichlet concentration (default 0.7: a few common alleles, a tail of rare ones). */
  readonly alpha?: number;
  /** Smallest frequency before renormalising (default 0.001). */
  readonly floor?: number;
  /** Mutation model of every locus (default none). */
  readonly mutation?: MutationSpec;
}

/** One standard normal variate (Box–Muller). */
function _normal(rng: Rng): number {
  const u = 1 - rng.next();
  const v = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * One Gamma(shape, 1) variate (Marsaglia–Tsang).
 *
 * @param rng - the generator
 * @param shape - shape > 0
 * @returns a positive variate
 * @example
 * ```ts
 * randomGamma(createRng(1), 2) > 0; // => true
 * ```
 */
export function randomGamma(rng: Rng, shape: number): number {
  if (!(shape > 0))
    throw new KindredError('INVALID_ARGUMENT', `Gamma shape must be > 0, got ${shape}`);
  if (shape < 1) return randomGamma(rng, shape + 1) * (1 - rng.next()) ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = _normal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - rng.next();
    if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v)))
      return d * v;
  }
}

/**
 * Seeded synthetic loci `SYN01`, `SYN02`, … (autosomal).
 *
 * @param seed - integer seed
 * @param options - count, allele range, Dirichlet α, floor, mutation
 * @returns the loci; frequencies sum to 1 up to rounding
 * @throws KindredError `INVALID_ARGUMENT` for a count < 1 or an allele range outside 2..60
 * @example
 * ```ts
 * syntheticLoci(1, { count: 2 }).map((l) => l.name); // => ['SYN01', 'SYN02']
 * ```
 */
export function syntheticLoci(seed: number, options: SyntheticLociOptions = {}): Locus[] {
  const count = options.count ?? 23;
  const lo = options.minAlleles ?? 6;
  const hi = options.maxAlleles ?? 20;
  if (!(Number.isInteger(count) && count >= 1 && lo >= 2 && hi >= lo && hi <= 60)) {
    throw new KindredError(
      'INVALID_ARGUMENT',
      `syntheticLoci needs count >= 1 and 2 <= minAlleles <= maxAlleles <= 60, got ${count}, ${lo}, ${hi}`,
    );
  }
  const rng = createRng(seed);
  const alpha = options.alpha ?? 0.7;
  const floor = options.floor ?? 0.001;
  const loci: Locus[] = [];
  for (let l = 0; l < count; l++) {
    const n = lo + rng.int(hi - lo + 1);
    const start = 5 + rng.int(11);
    const alleles: string[] = [];
    for (let k = 0, rep = start; alleles.length < n; k++) {
      // Every fifth allele is a .2 or .3 microvariant of the previous repeat.
      if (k % 5 === 4) alleles.push(`${rep - 1}.${2 + rng.int(2)}`);
      else alleles.push(String(rep++));
    }
    const raw = alleles.map(() => randomGamma(rng, alpha));
    const total = raw.reduce((a, b) => a + b, 0);
    const gamma = raw.map((g) => g / total);
    const floored = gamma.map((p) => Math.max(floor, p));
    const sum = floored.reduce((a, b) => a + b, 0);
    loci.push({
      name: `SYN${String(l + 1).padStart(2, '0')}`,
      alleles,
      frequencies: floored.map((p) => p / sum),
      chromosome: 'autosomal',
      mutation: options.mutation ?? null,
    });
  }
  return loci;
}
