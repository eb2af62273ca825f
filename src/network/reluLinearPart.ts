import { InternalError } from "../errors/internalError.js";
import type { ParameterLayout } from "./layout.js";

/**
 * The linear part of a two-layer ReLU network (docs/theory.md T11): for zero-mean Gaussian x,
 * E[relu(uᵀx) x] = ½Σu (Stein's lemma, P(uᵀx > 0) = ½), so Σ_i c_i relu(u_iᵀx) has best
 * linear approximation Σ⁻¹E[x ŷ] = ½Σ_i c_i u_iᵀ whatever Σ. Late fusion (Lf = 2): each
 * branch gives W_m^tot = ½Σ_i a_{m,i} W_m^1[i,:]; early fusion (Lf = 1): the hidden units see
 * [x_A, x_B] and W^tot = ½Σ_i a_i [W_A^1[i,:], W_B^1[i,:]]. The authors' code uses Σ_i a_i w_i
 * against doubled thresholds, which times the same crossings.
 *
 * Writes [W_A^tot, W_B^tot] into `out` (length dA + dB). Requires depth 2.
 */
export function twoLayerLinearPart(
  layout: ParameterLayout,
  theta: Float64Array,
  out: Float64Array,
): void {
  const { depth, dA } = layout.architecture;
  if (depth !== 2) throw new InternalError(`twoLayerLinearPart needs depth 2, got ${depth}`);
  out.fill(0);
  const { A, B } = layout.chains;
  // chain[0] is the hidden layer of that modality (h × d_m), chain[1] its output row (1 × h,
  // the branch's fusion block in late fusion, the shared layer in early fusion).
  accumulate(theta, A[0]!.offset, A[0]!.rows, A[0]!.cols, A[1]!.offset, out, 0);
  accumulate(theta, B[0]!.offset, B[0]!.rows, B[0]!.cols, B[1]!.offset, out, dA);
}

function accumulate(
  theta: Float64Array,
  hiddenOffset: number,
  rows: number,
  cols: number,
  outputOffset: number,
  out: Float64Array,
  at: number,
): void {
  for (let i = 0; i < rows; i++) {
    const half = 0.5 * theta[outputOffset + i]!;
    const base = hiddenOffset + i * cols;
    for (let j = 0; j < cols; j++) out[at + j]! += half * theta[base + j]!;
  }
}
