/**
 * A small seeded pseudo-random generator for simulations: xoshiro128** (Blackman & Vigna 2018,
 * "Scrambled linear pseudorandom number generators", doi:10.1145/3460772) seeded through
 * splitmix32, so any 32-bit integer seed gives a well-mixed state. Deterministic across
 * platforms (32-bit integer arithmetic only); not for cryptography.
 *
 * @module
 */
import { KindredError } from '../errors.js';

/** A seeded generator. */
export interface Rng {
  /** Uniform float in [0, 1) with 32 random bits. */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** A uniformly chosen element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** The raw next 32-bit unsigned output. */
  nextUint32(): number;
}

/**
 * Create a xoshiro128** generator from an integer seed.
 *
 * @param seed - any integer (taken modulo 2^32)
 * @returns the generator
 * @throws KindredError `INVALID_ARGUMENT` when the seed is not a finite integer
 * @example
 * ```ts
 * const rng = createRng(42);
 * rng.int(6) < 6; // => true
 * createRng(42).nextUint32() === createRng(42).nextUint32(); // => true
 * ```
 */
export function createRng(seed: number): Rng {
  if (!Number.isInteger(seed)) {
    throw new KindredError(
      'INVALID_ARGUMENT',
      `A simulation seed must be an integer, got ${seed}`,
      {
        path: ['seed'],
      },
    );
  }
  let x = seed >>> 0;
  const splitmix = (): number => {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  const state = new Uint32Array([splitmix(), splitmix(), splitmix(), splitmix()]);
  if ((state[0]! | state[1]! | state[2]! | state[3]!) === 0) state[0] = 1;
  return rngFromState(state);
}

/**
 * The xoshiro128** generator over an explicit 4-word state (not all zero); the state array is
 * used and advanced in place. Exposed for reference-vector tests.
 */
export function rngFromState(s: Uint32Array): Rng {
  const rotl = (v: number, k: number): number => ((v << k) | (v >>> (32 - k))) >>> 0;
  const nextUint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s[1]!, 5) >>> 0, 7), 9) >>> 0;
    const t = (s[1]! << 9) >>> 0;
    s[2]! ^= s[0]!;
    s[3]! ^= s[1]!;
    s[1]! ^= s[2]!;
    s[0]! ^= s[3]!;
    s[2]! ^= t;
    s[3] = rotl(s[3]!, 11);
    return result;
  };
  const next = (): number => nextUint32() / 4294967296;
  return {
    next,
    nextUint32,
    int: (n: number): number => Math.floor(next() * n),
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) {
        throw new KindredError('INVALID_ARGUMENT', 'Cannot pick from an empty list');
      }
      return items[Math.floor(next() * items.length)]!;
    },
  };
}

/**
 * Index drawn from a discrete distribution given by non-negative weights (need not sum to 1).
 *
 * @param rng - the generator
 * @param weights - weights, at least one positive
 * @returns an index i with probability weights[i] / Σ weights
 * @example
 * ```ts
 * sampleIndex(createRng(1), [0, 1, 0]); // => 1
 * ```
 */
export function sampleIndex(rng: Rng, weights: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += weights[i]!;
  let u = rng.next() * total;
  let last = -1;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i]!;
    if (w <= 0) continue;
    last = i;
    if (u < w) return i;
    u -= w;
  }
  if (last < 0) throw new KindredError('INVALID_ARGUMENT', 'All weights are zero');
  return last;
}
