import fc from "fast-check";
import type { PhaseRates } from "../../theory/intermediateFusion.js";
import { logUniform, uniform } from "./uniform.js";

/** Constraints of `phaseRates`: closed intervals, log-uniform for the rates. */
export interface PhaseRatesConstraints {
  /** Range of s_A, e and g (default [0.01, 100], log-uniform). */
  readonly rate?: readonly [number, number];
  /** Range of k = s_B/s_A (default [0.001, 0.999]). */
  readonly k?: readonly [number, number];
}

/**
 * The four numbers T5 depends on, for formula-only properties (no statistics needed).
 *
 * @example
 * ```ts
 * import fc from "fast-check";
 * import { phaseRates } from "ubias/claims";
 *
 * fc.sample(phaseRates({ k: [0.1, 0.5] }), { seed: 1, numRuns: 20 }).every((r) => r.k >= 0.1 && r.k <= 0.5); // → true
 * ```
 */
export function phaseRates(constraints: PhaseRatesConstraints = {}): fc.Arbitrary<PhaseRates> {
  const [lo, hi] = constraints.rate ?? [0.01, 100];
  const [kLo, kHi] = constraints.k ?? [0.001, 0.999];
  const logRate = logUniform(lo, hi);
  return fc.record({
    sA: logRate,
    k: uniform(kLo, kHi),
    e: logRate,
    g: logRate,
  });
}
