/**
 * X5 — linear fusion networks with a vector target y ∈ R^k, trained on the population loss
 * ℒ = ½E‖y‖² − tr(Σ_yx W^totᵀ) + ½ tr(W^tot Σ W^totᵀ) (src/statistics/vectorTarget.ts).
 * The last layer has k rows; otherwise the architecture and the flat θ are those of
 * src/network/layout.ts. The total map W^tot (k×D) is written modality block by block,
 * [W_A^tot (k×dA, row-major), W_B^tot (k×dB, row-major)], so that each modality's block is
 * contiguous and docs/theory.md §3's block-norm thresholds are Frobenius norms unchanged.
 */

import { InputError, requirePositive } from "../errors/inputError.js";
import { InternalError } from "../errors/internalError.js";
import { singularModes } from "../linalg/eigen.js";
import type { VectorTargetStatistics } from "../statistics/vectorTarget.js";
import type { FusionArchitecture } from "./architecture.js";
import type { LayerBlock, ParameterLayout } from "./layout.js";
import { parameterLayout } from "./layout.js";
import type { TrainableModel } from "./model.js";

/** The layout of a k-output network (parameterLayout with k rows in the last layer). */
export function vectorTargetLayout(arch: FusionArchitecture, outputs: number): ParameterLayout {
  return parameterLayout(arch, outputs);
}

export interface VectorTargetModel extends TrainableModel {
  /** k. */
  readonly outputs: number;
}

/**
 * For each modality's chain M_1 … M_n (M_n with k rows): backward products
 * P_j = M_n⋯M_{j+1} (k × rows_j, P_n = I_k, P_0 = W_m^tot), the gradient G = W^tot Σ − Σ_yx
 * (k×D) restricted to m's columns G_m, forward products V_1 = G_m, V_{j+1} = V_j M_jᵀ, and
 * ∂ℒ/∂M_j = P_jᵀ V_j. Shared layers receive both modalities' terms. Buffers are allocated
 * once; the hot path allocates nothing.
 */
export function vectorTargetModel(
  layout: ParameterLayout,
  stats: VectorTargetStatistics,
): VectorTargetModel {
  const arch = layout.architecture;
  if (arch.dA !== stats.dA || arch.dB !== stats.dB)
    throw new InternalError(
      `architecture input dims (${arch.dA}, ${arch.dB}) do not match statistics (${stats.dA}, ${stats.dB})`,
    );
  const k = stats.outputs;
  const chains = [layout.chains.A, layout.chains.B] as const;
  for (const chain of chains)
    if (chain[chain.length - 1]!.rows !== k)
      throw new InternalError(
        `layout has ${chain[chain.length - 1]!.rows} outputs, statistics ${k}`,
      );
  const d = stats.dA + stats.dB;
  const sigma = Float64Array.from(stats.sigma.flat());
  const sigmaYX = Float64Array.from(stats.sigmaYX.flat()); // k×D row-major
  const columnOffsets = [0, stats.dA] as const;
  const widths = [stats.dA, stats.dB] as const;
  // products[c][j] = P_j (k × width of layer j's output; j = 0 is the input side).
  const products = chains.map((chain) => [
    new Float64Array(k * chain[0]!.cols),
    ...chain.map((block) => new Float64Array(k * block.rows)),
  ]);
  const forwards = chains.map((chain) => [
    new Float64Array(0),
    ...chain.map((block) => new Float64Array(k * block.cols)),
  ]);
  const w = new Float64Array(k * d); // W^tot as k×D row-major
  const g = new Float64Array(k * d);

  const backward = (theta: Float64Array, c: 0 | 1) => {
    const chain = chains[c];
    const p = products[c]!;
    const n = chain.length;
    const identity = p[n]!;
    identity.fill(0);
    for (let i = 0; i < k; i++) identity[i * k + i] = 1;
    for (let j = n; j >= 1; j--) matrixTimesBlock(theta, chain[j - 1]!, k, p[j]!, p[j - 1]!);
  };

  /** Fills w (k×D) from θ. */
  const fillBlock = (theta: Float64Array, c: 0 | 1) => {
    backward(theta, c);
    const p0 = products[c]![0]!;
    const dm = widths[c];
    const offset = columnOffsets[c];
    for (let i = 0; i < k; i++)
      for (let j = 0; j < dm; j++) w[i * d + offset + j] = p0[i * dm + j]!;
  };
  const fullMap = (theta: Float64Array) => {
    fillBlock(theta, 0);
    fillBlock(theta, 1);
  };

  const lossOfFullMap = () => {
    let linear = 0;
    let quadratic = 0;
    for (let i = 0; i < k; i++) {
      const base = i * d;
      for (let a = 0; a < d; a++) {
        linear += sigmaYX[base + a]! * w[base + a]!;
        let row = 0;
        for (let b = 0; b < d; b++) row += sigma[a * d + b]! * w[base + b]!;
        quadratic += w[base + a]! * row;
      }
    }
    return 0.5 * stats.sigmaY2 - linear + 0.5 * quadratic;
  };

  const totalMap = (theta: Float64Array, out: Float64Array) => {
    fullMap(theta);
    let t = 0;
    for (let c = 0; c < 2; c++) {
      const offset = columnOffsets[c]!;
      for (let i = 0; i < k; i++)
        for (let j = 0; j < widths[c]!; j++) out[t++] = w[i * d + offset + j]!;
    }
  };

  const gradientOnly = (theta: Float64Array, out: Float64Array) => {
    fullMap(theta);
    for (let i = 0; i < k; i++) {
      const base = i * d;
      for (let a = 0; a < d; a++) {
        let row = 0;
        for (let b = 0; b < d; b++) row += w[base + b]! * sigma[b * d + a]!;
        g[base + a] = row - sigmaYX[base + a]!;
      }
    }
    out.fill(0);
    for (let c = 0; c < 2; c++) {
      const chain = chains[c]!;
      const p = products[c]!;
      const v = forwards[c]!;
      const dm = widths[c]!;
      const offset = columnOffsets[c]!;
      const v1 = v[1]!;
      for (let i = 0; i < k; i++)
        for (let j = 0; j < dm; j++) v1[i * dm + j] = g[i * d + offset + j]!;
      for (let j = 1; j <= chain.length; j++) {
        const block = chain[j - 1]!;
        addTransposeProduct(out, block, k, p[j]!, v[j]!);
        if (j < chain.length) matrixTimesBlockTranspose(theta, block, k, v[j]!, v[j + 1]!);
      }
    }
  };
  // gradientOnly leaves θ's full map in w, which lossOfFullMap reads.
  const gradient = (theta: Float64Array, out: Float64Array) => {
    gradientOnly(theta, out);
    return lossOfFullMap();
  };

  const loss = (theta: Float64Array) => {
    fullMap(theta);
    return lossOfFullMap();
  };
  return { layout, inputDim: k * d, outputs: k, totalMap, gradient, gradientOnly, loss };
}

/** out (k × cols) = P (k × rows) · M. */
function matrixTimesBlock(
  theta: Float64Array,
  block: LayerBlock,
  k: number,
  p: Float64Array,
  out: Float64Array,
): void {
  const { rows, cols, offset } = block;
  out.fill(0);
  for (let r = 0; r < k; r++) {
    for (let i = 0; i < rows; i++) {
      const pri = p[r * rows + i]!;
      if (pri === 0) continue;
      const base = offset + i * cols;
      for (let j = 0; j < cols; j++) out[r * cols + j]! += pri * theta[base + j]!;
    }
  }
}

/** out (k × rows) = V (k × cols) · Mᵀ. */
function matrixTimesBlockTranspose(
  theta: Float64Array,
  block: LayerBlock,
  k: number,
  v: Float64Array,
  out: Float64Array,
): void {
  const { rows, cols, offset } = block;
  for (let r = 0; r < k; r++) {
    for (let i = 0; i < rows; i++) {
      const base = offset + i * cols;
      let sum = 0;
      for (let j = 0; j < cols; j++) sum += theta[base + j]! * v[r * cols + j]!;
      out[r * rows + i] = sum;
    }
  }
}

/** grad[M] += Pᵀ V (P: k × rows, V: k × cols). */
function addTransposeProduct(
  grad: Float64Array,
  block: LayerBlock,
  k: number,
  p: Float64Array,
  v: Float64Array,
): void {
  const { rows, cols, offset } = block;
  for (let r = 0; r < k; r++) {
    for (let i = 0; i < rows; i++) {
      const pri = p[r * rows + i]!;
      if (pri === 0) continue;
      const base = offset + i * cols;
      for (let j = 0; j < cols; j++) grad[base + j]! += pri * v[r * cols + j]!;
    }
  }
}

/**
 * Balanced spectral initialisation for late fusion with vector targets (X5): modality m's
 * chain carries every nonzero singular mode (σ_i, l_i, v_i) of Σ_yxm at per-layer scale u0 —
 * input block u0 Σ_i e_i v_iᵀ, middle blocks u0 Σ_i e_i e_iᵀ, fusion (output) block
 * u0 Σ_i l_i e_iᵀ — so W_m^tot(0) = u0^n Σ_i l_i v_iᵀ and each layer has singular values u0
 * on the same hidden units (balanced). The k = 1 case is the rank-one balanced init of
 * docs/theory.md §2. A rank-one init would stay rank one forever and could not learn a rank-2
 * W^full; this one seeds every mode the data drive. Needs Lf = L and width ≥ rank Σ_yxm.
 */
export function vectorTargetBalancedInit(
  layout: ParameterLayout,
  stats: VectorTargetStatistics,
  u0: number,
): Float64Array {
  requirePositive("u0", u0);
  const arch = layout.architecture;
  if (arch.fusionLayer !== arch.depth)
    throw new InputError("fusionLayer", "vector-target balanced init needs late fusion (Lf = L)");
  const theta = new Float64Array(layout.size);
  for (const m of ["A", "B"] as const) {
    const [start, end] = m === "A" ? [0, stats.dA] : [stats.dA, stats.dA + stats.dB];
    const modes = singularModes(stats.sigmaYX.map((row) => row.slice(start, end)));
    const chain = layout.chains[m];
    if (modes.length > arch.width)
      throw new InputError(
        "width",
        `must be ≥ rank of Σ_yx${m} (${modes.length}), got ${arch.width}`,
      );
    chain.forEach((block, j) => {
      const last = j === chain.length - 1;
      modes.forEach((mode, i) => {
        if (j === 0 && last) {
          // One-layer chain: W = u0 Σ_i l_i v_iᵀ directly.
          for (let r = 0; r < block.rows; r++)
            for (let c = 0; c < block.cols; c++)
              theta[block.offset + r * block.cols + c]! += u0 * mode.left[r]! * mode.right[c]!;
        } else if (j === 0) {
          for (let c = 0; c < block.cols; c++)
            theta[block.offset + i * block.cols + c] = u0 * mode.right[c]!;
        } else if (last) {
          for (let r = 0; r < block.rows; r++)
            theta[block.offset + r * block.cols + i] = u0 * mode.left[r]!;
        } else {
          theta[block.offset + i * block.cols + i] = u0;
        }
      });
    });
  }
  return theta;
}
