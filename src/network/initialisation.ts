import { InputError, requirePositive } from "../errors/inputError.js";
import { norm } from "../linalg/matrix.js";
import { normalSource } from "../random/gaussian.js";
import { derive } from "../statistics/derived.js";
import type { Statistics } from "../statistics/statistics.js";
import type { LayerBlock, ParameterLayout } from "./layout.js";

/** The two initialisations of docs/theory.md §2. */
export type InitKind = "balanced" | "gaussian";

/** An initialisation of docs/theory.md §2: its kind, scale u0 and (for "gaussian") seed. */
export interface InitialisationSpec {
  readonly kind: InitKind;
  /** Scale u0 > 0. */
  readonly u0: number;
  /** Seed of the Gaussian draws (ignored by "balanced", which is deterministic). */
  readonly seed?: number;
}

/**
 * Balanced rank-one initialisation: each branch layer and each branch's fusion block is
 * u0·v·uᵀ with unit vectors, each post-fusion layer √2·u0·v·uᵀ, chained through the first
 * hidden unit e₁ so that products do not cancel; modality m's input direction is
 * Σ_yxm/‖Σ_yxm‖. √2 balances the post-fusion layer against the two fusion blocks
 * (‖W^{Lf+1}‖² = ‖W_A^Lf‖² + ‖W_B^Lf‖²), which is the balance the deep theory assumes (T5).
 * Unequal branch depths (X4) keep the same per-layer scale u0 on every modality-specific
 * layer: each chain is then balanced layer by layer (the invariant W_{j+1}ᵀW_{j+1} − W_jW_jᵀ
 * of gradient flow is 0 along it), the shared layers still balance the fusion blocks, and
 * modality m's product starts at u0^{n_m} with n_m its chain length.
 */
export function balancedInit(layout: ParameterLayout, stats: Statistics, u0: number): Float64Array {
  requirePositive("u0", u0);
  const theta = new Float64Array(layout.size);
  const directions = {
    A: inputDirection(stats.sigmaYX.slice(0, stats.dA), [], "A"),
    B: inputDirection(stats.sigmaYX.slice(stats.dA), derive(stats).eB, "B"),
  };
  const inputBlocks = new Set([layout.chains.A[0], layout.chains.B[0]]);
  for (const block of layout.blocks) {
    const scale = block.owner === "shared" ? Math.SQRT2 * u0 : u0;
    if (inputBlocks.has(block)) {
      // Input layer: row e₁ carries the input direction of its modality.
      const dir = directions[block.owner === "B" ? "B" : "A"];
      for (let j = 0; j < block.cols; j++) theta[block.offset + j] = scale * dir[j]!;
    } else {
      theta[block.offset] = scale; // e₁ e₁ᵀ
    }
  }
  return theta;
}

/**
 * Gaussian initialisation as in the authors' code: i.i.d. N(0, u0²) entries for networks of
 * depth ≤ 2; for deeper networks standard deviation u0/√numel on branch layers and
 * √2·u0/√numel on the fusion layer (numel of the whole layer [W_A^Lf, W_B^Lf]) and after.
 * Draws are taken block by block in layout order from one seeded stream, so the same seed
 * gives the same θ/u0 at every u0 (useful for convergence-in-u0 checks).
 */
export function gaussianInit(layout: ParameterLayout, u0: number, seed: number): Float64Array {
  requirePositive("u0", u0);
  const normals = normalSource(seed);
  const theta = new Float64Array(layout.size);
  const deep = layout.architecture.depth > 2;
  const { fusionLayer } = layout.architecture;
  const fusionNumel = layout.blocks
    .filter((b) => b.layer === fusionLayer && b.owner !== "shared")
    .reduce((sum, b) => sum + b.rows * b.cols, 0);
  const stdOf = (block: LayerBlock) => {
    if (!deep) return u0;
    if (block.layer < fusionLayer) return u0 / Math.sqrt(block.rows * block.cols);
    const numel = block.layer === fusionLayer ? fusionNumel : block.rows * block.cols;
    return (Math.SQRT2 * u0) / Math.sqrt(numel);
  };
  for (const block of layout.blocks) {
    const std = stdOf(block);
    for (let i = 0; i < block.rows * block.cols; i++)
      theta[block.offset + i] = std * normals.next();
  }
  return theta;
}

export function initialise(
  layout: ParameterLayout,
  stats: Statistics,
  spec: InitialisationSpec,
): Float64Array {
  if (spec.kind === "balanced") return balancedInit(layout, stats, spec.u0);
  return gaussianInit(layout, spec.u0, spec.seed ?? 0);
}

/**
 * Σ_yxm/‖Σ_yxm‖; where Σ_yxB = 0 (B has no direct correlation with y) the direction of
 * e_B, along which B grows once A is learned (the SciPy reference makes the same choice).
 */
function inputDirection(
  sigmaYXm: number[],
  fallback: readonly number[],
  modality: "A" | "B",
): number[] {
  for (const candidate of [sigmaYXm, fallback]) {
    const n = norm(candidate);
    if (n > 0) return candidate.map((v) => v / n);
  }
  throw new InputError("init", `balanced init needs Σ_yx${modality} ≠ 0`);
}
