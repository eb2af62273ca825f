import fc from "fast-check";
import type { ToyParameters } from "../../statistics/toy.js";
import { uniform } from "./uniform.js";

/** Constraints of `toyParameters`; ranges are closed intervals [min, max]. */
export interface ToyConstraints {
  /** σ_A/σ_B (default [1.1, 3], the range of the paper's toy figure). */
  readonly sigmaRatio?: readonly [number, number];
  /** ρ (default [−0.9, 0.9]). */
  readonly rho?: readonly [number, number];
  /**
   * Teacher: "paper" fixes w = (1, 1); "random" draws each weight with a random sign and a
   * magnitude in [0.1, 2] (then either modality may be the faster one: claims orient the
   * statistics, docs/theory.md §1). Magnitudes below 0.1 are excluded on purpose: w_m → 0 makes
   * W_m^full → 0, where t_B is undefined (docs/theory.md §3), not a regime of any claim.
   */
  readonly teacher?: "paper" | "random";
}

/**
 * Toy-family parameters. σ_B is drawn in [0.5, 2] and σ_A = ratio·σ_B: time ratios are
 * invariant to a common scale, absolute times are not, so both get exercised.
 *
 * @example
 * ```ts
 * import fc from "fast-check";
 * import { toyParameters } from "ubias/claims";
 *
 * const draws = fc.sample(toyParameters({ sigmaRatio: [1.5, 3] }), { seed: 1, numRuns: 20 });
 * draws.every((t) => t.sigmaA / t.sigmaB > 1.5 - 1e-9 && t.sigmaA / t.sigmaB < 3 + 1e-9); // → true
 * draws.every((t) => t.wA === 1 && t.wB === 1); // → true
 * ```
 */
export function toyParameters(constraints: ToyConstraints = {}): fc.Arbitrary<ToyParameters> {
  const [rMin, rMax] = constraints.sigmaRatio ?? [1.1, 3];
  const [rhoMin, rhoMax] = constraints.rho ?? [-0.9, 0.9];
  const weight =
    constraints.teacher === "random"
      ? fc.tuple(fc.boolean(), uniform(0.1, 2)).map(([negative, m]) => (negative ? -m : m))
      : fc.constant(1);
  return fc
    .record({
      sigmaB: uniform(0.5, 2),
      ratio: uniform(rMin, rMax),
      rho: uniform(rhoMin, rhoMax),
      wA: weight,
      wB: weight,
    })
    .map(({ sigmaB, ratio, rho, wA, wB }) => ({ sigmaA: ratio * sigmaB, sigmaB, rho, wA, wB }));
}
