import type { ParameterLayout } from "../network/layout.js";
import type { Statistics } from "../statistics/statistics.js";

/**
 * The amplitude each half-line feature of a scalar branch starts its growth with. A branch
 * Σ_i a_i relu(w_i x_m) represents a linear map only with neurons on both sides (w_i > 0 and
 * w_i < 0: x = relu(x) − relu(−x)); one side alone carries at most ½ of the unimodal solution,
 * exactly T11's threshold (docs/theory.md §3), so t_A is then not defined (properties/T11.ts: out of
 * domain, `aligned-one-sided`).
 *
 * Which side a neuron ends on is NOT the sign of w_i at init. Near 0 the population loss is
 * ℒ(0) − ½Σ_yxm·a_i w_i + O(|θ|⁴) for either sign of w_i (E[y relu(w x)] = ½Σ_yxm w, Stein),
 * so ẇ_i = ½Σ_yxm a_i, ȧ_i = ½Σ_yxm w_i: the mode α_i = ½(w_i + sgn(Σ_yxm) a_i) grows as
 * e^{|Σ_yxm| t/2}, the other decays, and w_i ends with the sign of α_i (it crosses 0 early
 * when w_i and sgn(Σ_yxm) a_i start with opposite signs and |a_i| > |w_i|). Each side's
 * linear part then grows as Σ_{i on that side} α_i² e^{|Σ_yxm| t}; the two features relu(±x)
 * are orthogonal (their product is 0), so the sides rise independently and t_A is where their
 * sum crosses the threshold, the midpoint of the two rise times: it depends on √(E₊E₋), which
 * T2 takes to be O(u0²). With E₋ = 0 t_A is undefined: fixtures/counterexamples/
 * T11-aligned-one-sided.json (measured t_B/t_A 1.54 where T2 predicts 5).
 */
export interface BranchSides {
  /** Σ α_i² over neurons that end with w_i > 0. */
  readonly positive: number;
  /** Σ α_i² over neurons that end with w_i < 0. */
  readonly negative: number;
}

/** The aligned side amplitudes of branch m (two-layer late fusion, scalar modalities). */
export function alignedSides(
  theta: Float64Array,
  layout: ParameterLayout,
  stats: Statistics,
  m: "A" | "B",
): BranchSides {
  const [first, output] = layout.chains[m];
  const sign = Math.sign(stats.sigmaYX[m === "A" ? 0 : stats.dA]!);
  let positive = 0;
  let negative = 0;
  for (let i = 0; i < first!.rows; i++) {
    const alpha = 0.5 * (theta[first!.offset + i]! + sign * theta[output!.offset + i]!);
    if (alpha > 0) positive += alpha * alpha;
    else negative += alpha * alpha;
  }
  return { positive, negative };
}

/** Both branches end with neurons on both sides (see alignedSides). */
export function branchesCanBeLinear(
  theta: Float64Array,
  layout: ParameterLayout,
  stats: Statistics,
): boolean {
  return (["A", "B"] as const).every((m) => {
    const sides = alignedSides(theta, layout, stats, m);
    return sides.positive > 0 && sides.negative > 0;
  });
}
