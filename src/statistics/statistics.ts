import { InputError } from "../errors/inputError.js";
import { symmetricEigenvalues } from "../linalg/eigen.js";
import { inverse } from "../linalg/inverse.js";
import type { Matrix, Vector } from "../linalg/matrix.js";
import { dot, rowTimesMatrix } from "../linalg/matrix.js";

/**
 * Second-order statistics of a two-modality regression problem (docs/theory.md §1):
 * Σ = E[x xᵀ] (D×D, SPD), Σ_yx = E[y xᵀ] (row), σ_y² = E[y²]. The first `dA`
 * coordinates are modality A, the next `dB` modality B. For a linear network these
 * are sufficient statistics: loss and gradient depend on the data only through them.
 */
export interface Statistics {
  readonly sigma: Matrix;
  readonly sigmaYX: Vector;
  readonly sigmaY2: number;
  readonly dA: number;
  readonly dB: number;
  /** The teacher w* when the statistics came from one (needed for E_g, misattribution). */
  readonly teacher?: { readonly wStar: Vector; readonly noiseStd: number };
  /** Human-readable origin, e.g. "toy σA=2 σB=1 ρ=0.5". */
  readonly label: string;
}

/** Relative asymmetry allowed in Σ: a few ulps of round-off from user arithmetic. */
const SYMMETRY_RTOL = 1e-12;
/** Σ must be safely invertible: λ_min / λ_max above this (condition number ≤ 1e12). */
const MIN_RECIPROCAL_CONDITION = 1e-12;

/**
 * Checks dimensions, finiteness, symmetry, positive definiteness and σ_y² ≥ Σ_yx Σ⁻¹ Σ_yxᵀ
 * (a negative optimal loss means the moments cannot come from one distribution).
 * Throws an InputError naming the failed test.
 *
 * @example
 * ```ts
 * import { fromToy, InputError, validateStatistics } from "ubias";
 *
 * const stats = fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.5 });
 * validateStatistics(stats) === stats; // → true
 * let error: unknown;
 * try {
 *   // σ_y² below Σ_yx Σ⁻¹ Σ_yxᵀ = 7: no distribution has these moments.
 *   validateStatistics({ ...stats, sigmaY2: 1 });
 * } catch (e) {
 *   error = e;
 * }
 * (error as InputError).field; // → "sigmaY2"
 * ```
 */
export function validateStatistics(stats: Statistics): Statistics {
  const { sigma, sigmaYX, sigmaY2, dA, dB } = stats;
  if (!Number.isInteger(dA) || dA < 1)
    throw new InputError("dA", `must be an integer ≥ 1, got ${dA}`);
  if (!Number.isInteger(dB) || dB < 1)
    throw new InputError("dB", `must be an integer ≥ 1, got ${dB}`);
  const d = dA + dB;
  if (sigma.length !== d || sigma.some((row) => row.length !== d)) {
    throw new InputError("sigma", `must be ${d}×${d} (dA + dB = ${d})`);
  }
  if (sigmaYX.length !== d) {
    throw new InputError("sigmaYX", `must have length ${d}, got ${sigmaYX.length}`);
  }
  let scale = 0;
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      const v = sigma[i]![j]!;
      if (!Number.isFinite(v))
        throw new InputError(`sigma[${i}][${j}]`, `must be finite, got ${v}`);
      scale = Math.max(scale, Math.abs(v));
    }
    if (!Number.isFinite(sigmaYX[i]!)) {
      throw new InputError(`sigmaYX[${i}]`, `must be finite, got ${sigmaYX[i]}`);
    }
  }
  if (!Number.isFinite(sigmaY2)) throw new InputError("sigmaY2", `must be finite, got ${sigmaY2}`);
  for (let i = 0; i < d; i++) {
    for (let j = i + 1; j < d; j++) {
      const gap = Math.abs(sigma[i]![j]! - sigma[j]![i]!);
      if (gap > SYMMETRY_RTOL * scale) {
        throw new InputError(
          "sigma",
          `must be symmetric: |Σ[${i}][${j}] − Σ[${j}][${i}]| = ${gap.toExponential(3)}`,
        );
      }
    }
  }
  const eigenvalues = symmetricEigenvalues(sigma);
  const lambdaMin = eigenvalues[0]!;
  const lambdaMax = eigenvalues[eigenvalues.length - 1]!;
  if (!(lambdaMin > MIN_RECIPROCAL_CONDITION * lambdaMax)) {
    throw new InputError(
      "sigma",
      `must be positive definite with condition number ≤ 1e12: smallest eigenvalue ${lambdaMin.toExponential(4)}, largest ${lambdaMax.toExponential(4)}`,
    );
  }
  const explained = dot(rowTimesMatrix(sigmaYX, inverse(sigma)), sigmaYX);
  // Round-off in Σ_yx Σ⁻¹ Σ_yxᵀ is about κ(Σ)·ε relative; allow 1e-9 of it.
  if (sigmaY2 < explained * (1 - 1e-9)) {
    throw new InputError(
      "sigmaY2",
      `must be ≥ Σ_yx Σ⁻¹ Σ_yxᵀ = ${explained.toPrecision(6)} (optimal loss would be negative), got ${sigmaY2}`,
    );
  }
  return stats;
}
