import { InternalError } from "../errors/internalError.js";
import type { Statistics } from "../statistics/statistics.js";
import type { LayerBlock, ParameterLayout } from "./layout.js";

/**
 * A linear fusion network trained on the population loss
 * ℒ = ½σ_y² − Σ_yx W^totᵀ + ½ W^tot Σ W^totᵀ (docs/theory.md §2). Everything the data
 * contribute enters through (Σ, Σ_yx, σ_y²), so the cost of a gradient is O(L·h²)
 * whatever the number of samples behind the statistics.
 */
export interface LinearNetworkModel {
  readonly layout: ParameterLayout;
  /** Input dimension D = dA + dB. */
  readonly inputDim: number;
  /** Writes W^tot = [W_A^tot, W_B^tot] of θ into `out` (length D). */
  totalMap(theta: Float64Array, out: Float64Array): void;
  /** Writes ∇_θ ℒ into `out` and returns ℒ(θ). */
  gradient(theta: Float64Array, out: Float64Array): number;
  /** The same ∇_θ ℒ without ℒ (TrainableModel.gradientOnly). */
  gradientOnly(theta: Float64Array, out: Float64Array): void;
  /** ℒ of a total map W (length D). */
  lossOfTotalMap(w: Float64Array): number;
  /** ℒ(θ) = ℒ of θ's total map. */
  loss(theta: Float64Array): number;
}

/**
 * Builds the model with all work buffers allocated once, so the hot loop allocates nothing.
 *
 * For each modality's chain M_1 (input side) … M_L (output): the backward rows
 * R_j = M_L⋯M_{j+1} (R_L = [1], R_0 = W_m^tot), the gradient G = W^tot Σ − Σ_yx, the
 * forward vectors v_1 = G_mᵀ, v_{j+1} = M_j v_j, and ∂ℒ/∂M_j = R_jᵀ v_jᵀ (an outer
 * product). Shared layers receive the sum of both modalities' outer products.
 */
export function linearNetworkModel(layout: ParameterLayout, stats: Statistics): LinearNetworkModel {
  const arch = layout.architecture;
  if (arch.dA !== stats.dA || arch.dB !== stats.dB) {
    throw new InternalError(
      `architecture input dims (${arch.dA}, ${arch.dB}) do not match statistics (${stats.dA}, ${stats.dB})`,
    );
  }
  const d = stats.dA + stats.dB;
  const sigma = Float64Array.from(stats.sigma.flat());
  const sigmaYX = Float64Array.from(stats.sigmaYX);
  const sigmaY2 = stats.sigmaY2;
  const chains = [layout.chains.A, layout.chains.B] as const;
  const blockOffsets = [0, stats.dA] as const;
  // rows[c][j] holds R_j for chain c (j = 0..L); vectors[c][j] holds v_j (j = 1..L).
  const rows = chains.map((chain) => [
    new Float64Array(chain[0]!.cols),
    ...chain.map((block) => new Float64Array(block.rows)),
  ]);
  const vectors = chains.map((chain) => [
    new Float64Array(0),
    ...chain.map((block) => new Float64Array(block.cols)),
  ]);
  const w = new Float64Array(d);
  const g = new Float64Array(d);

  const backwardRows = (theta: Float64Array, c: 0 | 1) => {
    const chain = chains[c];
    const r = rows[c]!;
    const depth = chain.length;
    r[depth]![0] = 1;
    for (let j = depth; j >= 1; j--) rowTimesBlock(theta, chain[j - 1]!, r[j]!, r[j - 1]!);
  };

  const totalMap = (theta: Float64Array, out: Float64Array) => {
    backwardRows(theta, 0);
    out.set(rows[0]![0]!, blockOffsets[0]);
    backwardRows(theta, 1);
    out.set(rows[1]![0]!, blockOffsets[1]);
  };

  const lossOfTotalMap = (wt: Float64Array) => {
    let linear = 0;
    let quadratic = 0;
    for (let i = 0; i < d; i++) {
      linear += sigmaYX[i]! * wt[i]!;
      let row = 0;
      for (let k = 0; k < d; k++) row += sigma[i * d + k]! * wt[k]!;
      quadratic += wt[i]! * row;
    }
    return 0.5 * sigmaY2 - linear + 0.5 * quadratic;
  };

  const gradientOnly = (theta: Float64Array, out: Float64Array) => {
    totalMap(theta, w);
    for (let i = 0; i < d; i++) {
      let row = 0;
      for (let k = 0; k < d; k++) row += w[k]! * sigma[k * d + i]!;
      g[i] = row - sigmaYX[i]!;
    }
    out.fill(0);
    for (let c = 0; c < 2; c++) {
      const chain = chains[c]!;
      const r = rows[c]!;
      const v = vectors[c]!;
      const offset = blockOffsets[c]!;
      // A loop, not set(g.subarray(…)): a view per chain per gradient was an allocation in
      // gradient flow's hot loop.
      const v1 = v[1]!;
      for (let i = 0; i < v1.length; i++) v1[i] = g[offset + i]!;
      for (let j = 1; j <= chain.length; j++) {
        const block = chain[j - 1]!;
        addOuter(out, block, r[j]!, v[j]!);
        if (j < chain.length) blockTimesVector(theta, block, v[j]!, v[j + 1]!);
      }
    }
  };
  // gradientOnly leaves θ's total map in w.
  const gradient = (theta: Float64Array, out: Float64Array) => {
    gradientOnly(theta, out);
    return lossOfTotalMap(w);
  };

  const loss = (theta: Float64Array) => {
    totalMap(theta, w);
    return lossOfTotalMap(w);
  };
  return { layout, inputDim: d, totalMap, gradient, gradientOnly, lossOfTotalMap, loss };
}

/** out = r M for the block M (r has M.rows entries, out has M.cols). */
function rowTimesBlock(
  theta: Float64Array,
  block: LayerBlock,
  r: Float64Array,
  out: Float64Array,
): void {
  const { rows, cols, offset } = block;
  out.fill(0);
  for (let i = 0; i < rows; i++) {
    const ri = r[i]!;
    if (ri === 0) continue;
    const base = offset + i * cols;
    for (let j = 0; j < cols; j++) out[j]! += ri * theta[base + j]!;
  }
}

/** out = M v for the block M. */
function blockTimesVector(
  theta: Float64Array,
  block: LayerBlock,
  v: Float64Array,
  out: Float64Array,
): void {
  const { rows, cols, offset } = block;
  for (let i = 0; i < rows; i++) {
    const base = offset + i * cols;
    let sum = 0;
    for (let j = 0; j < cols; j++) sum += theta[base + j]! * v[j]!;
    out[i] = sum;
  }
}

/** grad[M] += r vᵀ. */
function addOuter(grad: Float64Array, block: LayerBlock, r: Float64Array, v: Float64Array): void {
  const { rows, cols, offset } = block;
  for (let i = 0; i < rows; i++) {
    const ri = r[i]!;
    if (ri === 0) continue;
    const base = offset + i * cols;
    for (let j = 0; j < cols; j++) grad[base + j]! += ri * v[j]!;
  }
}
