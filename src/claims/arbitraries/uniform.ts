import fc from "fast-check";

/** Resolution of `uniform`: 2³⁰ equally spaced values across [min, max]. */
const STEPS = 2 ** 30;

/**
 * Reals spread uniformly over [min, max] in value, built on integers. `fc.double` is uniform
 * over the *representable doubles*, so most of its draws in a range that contains 0 are
 * tiny (ρ = 5e-323 was typical): physical parameters need uniformity in value. Shrinks
 * toward `min` (fast-check shrinks the integer toward 0).
 *
 * @example
 * ```ts
 * import fc from "fast-check";
 * import { uniform } from "ubias/claims";
 *
 * fc.sample(uniform(-0.9, 0.9), { seed: 1, numRuns: 20 }).every((x) => x >= -0.9 && x <= 0.9); // → true
 * ```
 */
export function uniform(min: number, max: number): fc.Arbitrary<number> {
  return fc.integer({ min: 0, max: STEPS }).map((i) => min + (max - min) * (i / STEPS));
}

/**
 * Log-uniform over [min, max] (min > 0): every decade equally likely. Shrinks toward `min`.
 *
 * @example
 * ```ts
 * import fc from "fast-check";
 * import { logUniform } from "ubias/claims";
 *
 * fc.sample(logUniform(1e-12, 1e-6), { seed: 1, numRuns: 20 }).every((x) => x >= 1e-12 && x <= 1e-6); // → true
 * ```
 */
export function logUniform(min: number, max: number): fc.Arbitrary<number> {
  return uniform(Math.log(min), Math.log(max)).map((x) =>
    Math.min(max, Math.max(min, Math.exp(x))),
  );
}
