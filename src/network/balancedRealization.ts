import { InternalError } from "../errors/internalError.js";
import type { ParameterLayout } from "./layout.js";

/**
 * The weights θ of a two-layer linear network whose total map is `totalMap` = [W_A, W_B], in
 * the balanced rank-one form that small balanced init stays on (docs/theory.md §2.4, T13):
 * each nonzero chain uses hidden unit 0 only, with first-layer row W_c/√‖W_c‖ and output
 * weight √‖W_c‖, so that its two layers have equal norms; a zero chain has all weights 0.
 * Late fusion (Lf = 2) has one chain per modality (c = A, B); early fusion (Lf = 1) one chain
 * over the concatenated input (W_c = W^tot), the shared output weight read by both blocks.
 *
 * @example
 * ```ts
 * const late = parameterLayout(fusionArchitecture({ depth: 2, fusionLayer: 2, width: 1, dA: 1, dB: 1 }));
 * Array.from(balancedRealization(late, [4, 0])); // → [2, 2, 0, 0]
 * ```
 */
export function balancedRealization(
  layout: ParameterLayout,
  totalMap: readonly number[],
): Float64Array {
  const arch = layout.architecture;
  if (arch.depth !== 2 || arch.activation !== "linear" || arch.branchDepths !== undefined) {
    throw new InternalError("balancedRealization: two-layer linear networks only");
  }
  if (totalMap.length !== arch.dA + arch.dB) {
    throw new InternalError(
      `balancedRealization: total map of length ${totalMap.length} for D = ${arch.dA + arch.dB}`,
    );
  }
  const theta = new Float64Array(layout.size);
  const parts = { A: totalMap.slice(0, arch.dA), B: totalMap.slice(arch.dA) };
  const chainNorm = (w: readonly number[]) => Math.hypot(...w);
  // Early fusion: one chain over both blocks, so both first-layer rows share ‖W^tot‖.
  const early = arch.fusionLayer === 1;
  const whole = chainNorm(totalMap);
  for (const m of ["A", "B"] as const) {
    const [first, output] = layout.chains[m] as readonly [
      (typeof layout.chains.A)[number],
      (typeof layout.chains.A)[number],
    ];
    const w = early ? whole : chainNorm(parts[m]);
    if (w === 0) continue;
    const root = Math.sqrt(w);
    // Unit 0's first-layer row (row 0 of the block) and its output weight (column 0).
    parts[m].forEach((value, j) => {
      theta[first.offset + j] = value / root;
    });
    theta[output.offset] = root;
  }
  return theta;
}

/**
 * The same network moved along its rescaling symmetry: every first-layer weight × a, every
 * output weight ÷ a. W^tot and ℒ do not change, so ∇ℒ(Sθ) = S⁻¹∇ℒ(θ) and
 * H(Sθ) = S⁻¹H(θ)S⁻¹ (S = diag(a, 1/a) over the two layers): a congruence, under which the
 * Hessian keeps its signs (Sylvester) and each eigenvalue moves by a factor in [1/a², a²]
 * (Ostrowski). T13 checks both at a = 2 (a power of two: Sθ is exact).
 *
 * @example
 * ```ts
 * const late = parameterLayout(fusionArchitecture({ depth: 2, fusionLayer: 2, width: 1, dA: 1, dB: 1 }));
 * Array.from(rescaleLayers(late, Float64Array.from([2, 2, 1, 1]), 2)); // → [4, 1, 2, 0.5]
 * ```
 */
export function rescaleLayers(
  layout: ParameterLayout,
  theta: Float64Array,
  a: number,
): Float64Array {
  if (layout.architecture.depth !== 2) {
    throw new InternalError("rescaleLayers: two-layer networks only");
  }
  const out = new Float64Array(theta);
  const first = new Set([layout.chains.A[0]!, layout.chains.B[0]!]);
  for (const block of layout.blocks) {
    const factor = first.has(block) ? a : 1 / a;
    for (let i = block.offset; i < block.offset + block.rows * block.cols; i++)
      out[i] = theta[i]! * factor;
  }
  return out;
}
