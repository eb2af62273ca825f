import type { ParameterLayout } from "./layout.js";

/**
 * What the trainers need from a network: where its weights live, its total (linear) map and
 * the gradient of its loss. A linear network on (Σ, Σ_yx) is one; so is a ReLU network on
 * samples or on Gaussian population statistics, whose "total map" is the best linear
 * approximation of each branch (docs/theory.md T11).
 */
export interface TrainableModel {
  readonly layout: ParameterLayout;
  /** Length of the total map written by totalMap (D = dA + dB for a scalar output). */
  readonly inputDim: number;
  /** Writes W^tot = [W_A^tot, W_B^tot] of θ into `out` (length inputDim). */
  totalMap(theta: Float64Array, out: Float64Array): void;
  /** Writes ∇_θ ℒ into `out` and returns ℒ(θ). */
  gradient(theta: Float64Array, out: Float64Array): number;
  /**
   * Writes the same ∇_θ ℒ as `gradient`, bit for bit, without computing ℒ: gradient flow's
   * right-hand side and its Jacobian never read the loss, and for a linear network on
   * (Σ, Σ_yx) the loss is a second D² product, up to half of a gradient's cost (issue 16).
   */
  gradientOnly?(theta: Float64Array, out: Float64Array): void;
  /** ℒ(θ). */
  loss(theta: Float64Array): number;
  /**
   * ℒ from the total map W written by totalMap, when the loss depends on θ only through W
   * (linear networks): lets a trainer that has just computed W skip recomputing it.
   */
  lossOfTotalMap?(w: Float64Array): number;
}

/** ℒ at θ whose total map `w` was just written by model.totalMap(θ, w). */
export function lossAt(model: TrainableModel, theta: Float64Array, w: Float64Array): number {
  return model.lossOfTotalMap ? model.lossOfTotalMap(w) : model.loss(theta);
}

/**
 * ∇_θ ℒ as a function that does not compute ℒ where the model can skip it (gradientOnly),
 * for callers that never read the loss: gradient flow's right-hand side and Jacobians.
 */
export function gradientWithoutLoss(
  model: TrainableModel,
): (theta: Float64Array, out: Float64Array) => void {
  // Called as a method (model.gradientOnly!(…)), so a class-based model keeps its `this`.
  if (model.gradientOnly) return (theta, out) => model.gradientOnly!(theta, out);
  return (theta, out) => {
    model.gradient(theta, out);
  };
}
