import type fc from "fast-check";
import { logUniform } from "./uniform.js";

/** Constraints of `initScale`. */
export interface InitScaleConstraints {
  /** Smallest u0 (default 1e-12). */
  readonly min?: number;
  /** Largest u0 (default 1e-3). */
  readonly max?: number;
}

/**
 * Initialisation scales u0, log-uniform in [min, max]: the theory's error terms go like
 * 1/ln(1/u0) or powers of u0, so every decade deserves the same weight. Shrinks toward max.
 *
 * @example
 * ```ts
 * import fc from "fast-check";
 * import { initScale } from "ubias/claims";
 *
 * fc.sample(initScale({ min: 1e-6, max: 1e-3 }), { seed: 1, numRuns: 20 }).every((u) => u >= 1e-6 && u <= 1e-3); // → true
 * ```
 */
export function initScale(constraints: InitScaleConstraints = {}): fc.Arbitrary<number> {
  const max = constraints.max ?? 1e-3;
  // Shrinks toward max: the largest u0 is the fastest simulation and the weakest test.
  return logUniform(constraints.min ?? 1e-12, max).map((u) =>
    Math.min(max, (constraints.min ?? 1e-12) * (max / u)),
  );
}
