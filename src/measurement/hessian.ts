import { symmetricEigenvalues } from "../linalg/eigen.js";
import type { TrainableModel } from "../network/model.js";

/*
 * The Hessian of a linear network's loss, measured from the network's own gradient code
 * (src/network/linearNetwork.ts) by central differences, for T13's saddle indices.
 *
 * Why central differences are exact here. W^tot is multilinear in the weights (each weight
 * enters each entry of W^tot at most linearly), so along a coordinate direction θ + s e_i
 * W^tot is affine in s, G = W^tot Σ − Σ_yx is affine in s, and every gradient component
 * (a product of one weight-linear factor and G) is a polynomial of degree ≤ 2 in s. The
 * central difference (g(θ + εe_i) − g(θ − εe_i))/(2ε) is exact for quadratics at any ε: there
 * is no truncation error, only rounding, and ε need not be small.
 *
 * Rounding bound (Higham's γ_k ≤ k·u bounds, u = 2⁻⁵³). At a point where every weight is at
 * most t in magnitude, every entry of W^tot is a sum of ≤ h products of two weights (≤ h t²),
 * every entry of G a sum of D such entries times Σ, minus Σ_yx, and every gradient entry one
 * weight times an entry of G (first layer) or a sum of ≤ D such products (output weights). So
 * the magnitudes of the terms of any gradient entry sum to at most
 *   M(t) = t·max(D, h)·(D·h·t²·‖Σ‖_max + ‖Σ_yx‖_max),
 * and its computed value is off by at most γ_k M(t), k = 2D + 2h + 2 (the chained sums). The
 * stencil point θ_i ± ε is itself rounded, by ≤ u·t; a gradient entry is a sum of monomials of
 * degree ≤ 3 in the weights, whose slope in one weight is ≤ 3M(t)/t, so this moves it by
 * ≤ 3u·M(t). The difference and the division by 2ε add ≤ u·M(t)/ε. Each Hessian entry is
 * therefore off by at most
 *   δ = (2·(γ_k + 3u)·M(t))/(2ε) + u·M(t)/ε = u·M(t)·(k + 4)/ε,   t = max|θ| + ε,
 * and ‖ΔH‖₂ ≤ ‖ΔH‖_F ≤ n·δ for n weights. Symmetrising, (H + Hᵀ)/2, does not increase it.
 */

/** The measured Hessian and the bound on its entries' rounding error. */
export interface MeasuredHessian {
  /** (H + Hᵀ)/2 of the central differences, n × n. */
  readonly matrix: number[][];
  /** max |H_ij − H_ji| before symmetrising (a measured check on the bound). */
  readonly asymmetry: number;
  /** The step ε (a power of two). */
  readonly step: number;
  /** δ: the bound on any entry's rounding error (header of this file). */
  readonly entryErrorBound: number;
  /** n·δ: the bound on ‖ΔH‖₂, hence (Weyl) on every eigenvalue's error. */
  readonly spectralErrorBound: number;
}

/** u = 2⁻⁵³, the unit roundoff of float64 (the rounding bounds' unit). */
export const UNIT_ROUNDOFF = 2 ** -53;

/** The magnitudes of the statistics that the rounding bound needs. */
export interface GradientScale {
  /** max |Σ_ij|. */
  readonly sigmaMax: number;
  /** max |Σ_yx,i|. */
  readonly sigmaYXMax: number;
}

/**
 * Central-difference Hessian of `model.gradient` at θ, with its rounding bound. The step is
 * the power of two nearest to max(max|θ|, 1)/2 (any step is exact in exact arithmetic; this
 * one balances the 1/ε amplification against the growth of M(t) with t).
 *
 * @example
 * ```ts
 * const stats = fromToy({ sigmaA: 2, sigmaB: 1, rho: 0 });
 * const layout = parameterLayout(fusionArchitecture({ depth: 2, fusionLayer: 2, width: 1, dA: 1, dB: 1 }));
 * const h = finiteDifferenceHessian(linearNetworkModel(layout, stats), new Float64Array(4), { sigmaMax: 4, sigmaYXMax: 4 });
 * h.matrix[0]; // → [0, -4, 0, 0]
 * ```
 */
export function finiteDifferenceHessian(
  model: TrainableModel,
  theta: Float64Array,
  scale: GradientScale,
): MeasuredHessian {
  const n = theta.length;
  const bound = hessianRoundingBound(model.layout.architecture, theta, scale);
  const { step } = bound;
  const plus = new Float64Array(n);
  const minus = new Float64Array(n);
  const point = new Float64Array(theta);
  const raw: number[][] = [];
  for (let i = 0; i < n; i++) {
    point[i] = theta[i]! + step;
    model.gradient(point, plus);
    point[i] = theta[i]! - step;
    model.gradient(point, minus);
    point[i] = theta[i]!;
    raw.push(Array.from({ length: n }, (_, j) => (plus[j]! - minus[j]!) / (2 * step)));
  }
  let asymmetry = 0;
  const matrix = raw.map((row, i) =>
    row.map((v, j) => {
      asymmetry = Math.max(asymmetry, Math.abs(v - raw[j]![i]!));
      return 0.5 * (v + raw[j]![i]!);
    }),
  );
  return { matrix, asymmetry, ...bound };
}

/**
 * The step `finiteDifferenceHessian` takes at θ and the rounding bounds of this file's header,
 * known before any gradient is evaluated (a claim decides its domain with them).
 *
 * @example
 * ```ts
 * const arch = { dA: 1, dB: 1, width: 1 };
 * hessianRoundingBound(arch, new Float64Array([2, 2, 0, 0]), { sigmaMax: 4, sigmaYXMax: 4 }).step; // → 1
 * ```
 */
export function hessianRoundingBound(
  arch: { readonly dA: number; readonly dB: number; readonly width: number },
  theta: Float64Array,
  scale: GradientScale,
): { step: number; entryErrorBound: number; spectralErrorBound: number } {
  const thetaMax = theta.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  const step = 2 ** Math.round(Math.log2(Math.max(thetaMax, 1) / 2));
  const d = arch.dA + arch.dB;
  const h = arch.width;
  const t = thetaMax + step;
  const k = 2 * d + 2 * h + 2;
  const entryErrorBound = (UNIT_ROUNDOFF * gradientMagnitude(d, h, t, scale) * (k + 4)) / step;
  return { step, entryErrorBound, spectralErrorBound: theta.length * entryErrorBound };
}

/**
 * M(t) of this file's header: the sum of the magnitudes of the terms of any gradient entry of
 * a two-layer linear network whose weights are all ≤ t in magnitude.
 *
 * @example
 * ```ts
 * gradientMagnitude(2, 1, 1, { sigmaMax: 4, sigmaYXMax: 4 }); // → 24
 * ```
 */
export function gradientMagnitude(d: number, h: number, t: number, scale: GradientScale): number {
  return t * Math.max(d, h) * (d * h * t * t * scale.sigmaMax + scale.sigmaYXMax);
}

/**
 * The eigenvalues of a measured symmetric matrix, ascending, and the bound on the solver's
 * own error. The matrix is scaled to max |entry| = 1 first: the Jacobi solver stops when
 * every off-diagonal entry is below 1e-12/N in absolute value (src/linalg/eigen.ts), which
 * bounds the off-diagonal Frobenius norm, hence (Weyl) each eigenvalue's error, by 1e-12 of
 * the scale; the rotations' own rounding adds ≤ 64·N·u of it.
 *
 * @example
 * ```ts
 * measuredSpectrum([[0, -4], [-4, 0]]).values; // ≈ [-4, 4]
 * ```
 */
export function measuredSpectrum(matrix: readonly (readonly number[])[]): {
  values: number[];
  solverErrorBound: number;
} {
  const scale = matrix.reduce((m, row) => row.reduce((r, v) => Math.max(r, Math.abs(v)), m), 0);
  if (scale === 0) return { values: matrix.map(() => 0), solverErrorBound: 0 };
  const values = symmetricEigenvalues(matrix.map((row) => row.map((v) => v / scale))).map(
    (v) => v * scale,
  );
  return { values, solverErrorBound: scale * (1e-12 + 64 * matrix.length * UNIT_ROUNDOFF) };
}

/**
 * Counts eigenvalues below −threshold, within ±threshold and above +threshold: with
 * `threshold` a bound on each eigenvalue's error, a predicted zero can only land in the middle
 * and an eigenvalue predicted beyond 2·threshold only on its own side.
 *
 * @example
 * ```ts
 * countSigns([-1, -1e-13, 2e-14, 3], 1e-10); // → { negative: 1, zero: 2, positive: 1 }
 * ```
 */
export function countSigns(
  values: readonly number[],
  threshold: number,
): { negative: number; zero: number; positive: number } {
  return {
    negative: values.filter((v) => v < -threshold).length,
    zero: values.filter((v) => Math.abs(v) <= threshold).length,
    positive: values.filter((v) => v > threshold).length,
  };
}
