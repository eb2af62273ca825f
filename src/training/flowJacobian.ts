import type { TrainableModel } from "../network/model.js";
import { gradientWithoutLoss } from "../network/model.js";

/**
 * Jacobian of the gradient flow f(θ) = −∇ℒ(θ) (i.e. −Hessian of ℒ) by central differences
 * that are exact up to round-off, for any step δ.
 *
 * Why exact: every scalar weight θ_i sits in exactly one layer, and that layer occurs once in
 * each layer product W_m^tot = W^L ⋯ W_m^1 (a shared layer once in W_A^tot and once in
 * W_B^tot), so W^tot = [W_A^tot, W_B^tot] is affine in θ_i with the other weights fixed. The
 * loss ℒ = ½σ_y² − Σ_yx W^totᵀ + ½ W^tot Σ W^totᵀ is quadratic in W^tot, hence a polynomial of
 * degree ≤ 2 in θ_i, and so is every ∂ℒ/∂θ_j (differentiating in θ_j cannot raise the degree
 * in θ_i). Along a coordinate axis f_j(θ + s e_i) = p + q s + r s², and
 * [f_j(θ + δe_i) − f_j(θ − δe_i)]/(2δ) = q = ∂f_j/∂θ_i exactly: no truncation error.
 *
 * Choice of δ, by round-off alone: an evaluation of f_j carries an absolute round-off of
 * about ε times the size M_j of the terms it sums (products of weights times Σ, Σ_yx), so
 * column i is off by ≈ ε·M_j(θ ± δe_i)/δ. For the entries that carry the dynamics,
 * ∂f_j/∂θ_i ~ W_m/(θ_iθ_j) with M_j ~ W_m/θ_j, that is a relative error ≈ ε·|θ_i|/δ: the
 * usual step δ = √ε·|θ_i| (right for a difference quotient with truncation error) leaves
 * √ε ≈ 1.5e-8, and δ = 0 on the exact zeros of a balanced init of width > 1, while any
 * δ ≥ |θ_i| leaves O(ε). Exactness makes a large δ free, until the r·δ² term (weights
 * squared) dominates M_j, so δ stays at the weights' own scale:
 * δ_i = max(|θ_i|, 1e-3·‖θ‖∞) — the component's size, and for tiny or zero components (B's
 * weights on a plateau: 1e-30 next to A's O(1)) a step 1e3 below the largest weight.
 * Measured against the analytic Hessian of width-1 networks (test/training/flowJacobian
 * .test.ts): ≤ 4.2e-14 of each row's largest entry on random states, ≤ 2.4e-13 on plateau
 * states with B's weights at 1e-30; with δ = √ε·|θ_i| instead, 2-3e-8, and whole entries
 * lost in early fusion (B's perturbation of 1e-38 vanishes below the rounding of a shared
 * weight's O(1) gradient, so ∂f_shared/∂θ_B comes out 0).
 *
 * Cost: 2n gradient evaluations for n weights. Buffers are allocated once per model.
 */
export function flowJacobian(
  model: TrainableModel,
): (t: number, theta: Float64Array, out: Float64Array) => void {
  const n = model.layout.size;
  const perturbed = new Float64Array(n);
  const gradPlus = new Float64Array(n);
  const gradMinus = new Float64Array(n);
  const gradient = gradientWithoutLoss(model);
  return (_t, theta, out) => {
    let thetaMax = 0;
    for (let i = 0; i < n; i++) thetaMax = Math.max(thetaMax, Math.abs(theta[i]!));
    // θ = 0: every δ is exact and the entries are Σ-sized; 1 is as good as any.
    const floor = thetaMax > 0 ? JACOBIAN_STEP_FLOOR * thetaMax : 1;
    perturbed.set(theta);
    for (let i = 0; i < n; i++) {
      const ti = theta[i]!;
      const delta = Math.max(Math.abs(ti), floor);
      const up = ti + delta;
      const down = ti - delta;
      perturbed[i] = up;
      gradient(perturbed, gradPlus);
      perturbed[i] = down;
      gradient(perturbed, gradMinus);
      perturbed[i] = ti;
      // The exact spacing of the two points (rounding of ti ± δ): the quotient is then f'
      // at their midpoint, within an ulp of ti. f = −∇ℒ.
      const inverse = -1 / (up - down);
      for (let j = 0; j < n; j++) out[j * n + i] = (gradPlus[j]! - gradMinus[j]!) * inverse;
    }
  };
}

/** δ_i = max(|θ_i|, JACOBIAN_STEP_FLOOR·‖θ‖∞) (see flowJacobian). */
export const JACOBIAN_STEP_FLOOR = 1e-3;
