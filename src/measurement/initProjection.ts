import { InputError } from "../errors/inputError.js";
import type { ParameterLayout } from "../network/layout.js";
import { derive } from "../statistics/derived.js";
import type { Statistics } from "../statistics/statistics.js";

/**
 * How strongly an initialisation seeds each modality's growing mode in a two-layer
 * late-fusion network (L = Lf = 2), relative to the balanced init of the same scale.
 *
 * With a_m the fusion block of modality m (a row of h) and p_m = W_m^1 ŝ_m the first
 * layer applied to its growth direction ŝ_m = Σ_yxm/‖Σ_yxm‖, small-init dynamics along
 * ŝ_m is linear: a + p grows like e^{s t}, a − p decays like e^{−s t}, and the product
 * W_m^tot ŝ_m starts its growth from |a₀ + p₀|²/4. So
 *   κ⁺_m = |a₀ + p₀|² / (4 u0²),   κ⁻_m = |a₀ − p₀|² / (4 u0²).
 * Balanced init has κ⁺ = 1, κ⁻ = 0. κ⁻_B seeds B's growth after t_A when e_B points
 * against Σ_yxB (the scalar sign-flip case of T2). These enter T2's next-order terms
 * (ln κ / ln(1/u0²)); X3 turns them into a per-run prediction.
 */
export interface InitProjection {
  readonly kappaPlus: { readonly A: number; readonly B: number };
  readonly kappaMinus: { readonly A: number; readonly B: number };
}

export function initProjection(
  layout: ParameterLayout,
  stats: Statistics,
  theta: Float64Array,
  u0: number,
): InitProjection {
  const { depth, fusionLayer } = layout.architecture;
  if (depth !== 2 || fusionLayer !== 2) {
    throw new InputError(
      "architecture",
      `initProjection is defined for L = Lf = 2, got L = ${depth}, Lf = ${fusionLayer}`,
    );
  }
  const kappa = (m: "A" | "B") => {
    const [first, fusion] = layout.chains[m];
    const offset = m === "A" ? 0 : stats.dA;
    const direction = growthDirection(stats, m, offset, first!.cols);
    let plus = 0;
    let minus = 0;
    for (let i = 0; i < first!.rows; i++) {
      let p = 0;
      for (let j = 0; j < first!.cols; j++)
        p += theta[first!.offset + i * first!.cols + j]! * direction[j]!;
      const a = theta[fusion!.offset + i]!;
      plus += (a + p) ** 2;
      minus += (a - p) ** 2;
    }
    return { plus: plus / (4 * u0 * u0), minus: minus / (4 * u0 * u0) };
  };
  const a = kappa("A");
  const b = kappa("B");
  return { kappaPlus: { A: a.plus, B: b.plus }, kappaMinus: { A: a.minus, B: b.minus } };
}

/** ŝ_m = Σ_yxm/‖Σ_yxm‖, or for B with Σ_yxB = 0 the direction of e_B (B first grows after t_A). */
function growthDirection(stats: Statistics, m: "A" | "B", offset: number, dim: number): number[] {
  const yx = stats.sigmaYX.slice(offset, offset + dim);
  const s = Math.hypot(...yx);
  if (s > 0) return yx.map((v) => v / s);
  if (m === "B") {
    const eB = derive(stats).eB;
    const e = Math.hypot(...eB);
    if (e > 0) return eB.map((v) => v / e);
  }
  return yx.map(() => 0);
}
