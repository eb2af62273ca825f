import { requireFinite, requireOpenInterval, requirePositive } from "../errors/inputError.js";
import type { Statistics } from "./statistics.js";
import { fromTeacher } from "./teacher.js";

/** Parameters of the paper's toy family (docs/theory.md §1): scalar modalities, linear teacher. */
export interface ToyParameters {
  /** Standard deviation of x_A, > 0. */
  readonly sigmaA: number;
  /** Standard deviation of x_B, > 0. */
  readonly sigmaB: number;
  /** Correlation of x_A and x_B, in (−1, 1). */
  readonly rho: number;
  /** Teacher weight on x_A (default 1, as in the paper). */
  readonly wA?: number;
  /** Teacher weight on x_B (default 1). */
  readonly wB?: number;
  /** Label noise standard deviation σ_ε ≥ 0 (default 0). */
  readonly noiseStd?: number;
}

/**
 * Toy statistics: Σ = [[σA², ρσAσB], [ρσAσB, σB²]], Σ_yx = wᵀΣ, σ_y² = wᵀΣw + σ_ε².
 *
 * @example
 * ```ts
 * import { fromToy } from "ubias";
 *
 * const stats = fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.5 });
 * stats.sigma; // → [[4, 1], [1, 1]]
 * stats.sigmaYX; // → [5, 2]
 * stats.sigmaY2; // → 7
 * ```
 */
export function fromToy(params: ToyParameters): Statistics {
  const sigmaA = requirePositive("sigmaA", params.sigmaA);
  const sigmaB = requirePositive("sigmaB", params.sigmaB);
  const rho = requireOpenInterval("rho", params.rho, -1, 1);
  const wA = requireFinite("wA", params.wA ?? 1);
  const wB = requireFinite("wB", params.wB ?? 1);
  const noiseStd = params.noiseStd ?? 0;
  const covariance = rho * sigmaA * sigmaB;
  const stats = fromTeacher(
    [
      [sigmaA * sigmaA, covariance],
      [covariance, sigmaB * sigmaB],
    ],
    [wA, wB],
    noiseStd,
    1,
  );
  return {
    ...stats,
    label: `toy σA=${sigmaA} σB=${sigmaB} ρ=${rho} w=(${wA}, ${wB})${noiseStd ? ` σε=${noiseStd}` : ""}`,
  };
}
