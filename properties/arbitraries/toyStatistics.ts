import fc from "fast-check";
import type { ToyParameters } from "../../src/statistics/toy.js";

/** Constraints of `toyParameters`; ranges are closed intervals [min, max]. */
export interface ToyConstraints {
  /** σ_A/σ_B (default [1.1, 3], the range of the paper's toy figure). */
  readonly sigmaRatio?: readonly [number, number];
  /** ρ (default [−0.9, 0.9]). */
  readonly rho?: readonly [number, number];
  /**
   * Teacher: "paper" fixes w = (1, 1); "random" draws w_A, w_B in [−2, 2] (then either
   * modality may be the faster one: claims orient the statistics, THEORY.md §1).
   */
  readonly teacher?: "paper" | "random";
}

/**
 * Toy-family parameters. σ_B is drawn in [0.5, 2] and σ_A = ratio·σ_B: time ratios are
 * invariant to a common scale, absolute times are not, so both get exercised.
 */
export function toyParameters(constraints: ToyConstraints = {}): fc.Arbitrary<ToyParameters> {
  const [rMin, rMax] = constraints.sigmaRatio ?? [1.1, 3];
  const [rhoMin, rhoMax] = constraints.rho ?? [-0.9, 0.9];
  const weight = constraints.teacher === "random" ? fc.double({ min: -2, max: 2, noNaN: true }) : fc.constant(1);
  return fc
    .record({
      sigmaB: fc.double({ min: 0.5, max: 2, noNaN: true }),
      ratio: fc.double({ min: rMin, max: rMax, noNaN: true }),
      rho: fc.double({ min: rhoMin, max: rhoMax, noNaN: true }),
      wA: weight,
      wB: weight,
    })
    .map(({ sigmaB, ratio, rho, wA, wB }) => ({ sigmaA: ratio * sigmaB, sigmaB, rho, wA, wB }));
}
