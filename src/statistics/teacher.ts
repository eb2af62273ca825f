import { InputError, requireFinite } from "../errors/inputError.js";
import type { Matrix, Vector } from "../linalg/matrix.js";
import { quadraticForm, rowTimesMatrix } from "../linalg/matrix.js";
import type { Statistics } from "./statistics.js";
import { validateStatistics } from "./statistics.js";

/**
 * Statistics of a linear teacher y = w*ᵀx + ε (docs/theory.md §1):
 * Σ_yx = w*ᵀΣ, σ_y² = w*ᵀΣw* + σ_ε². The first `dA` coordinates are modality A.
 *
 * @example
 * ```ts
 * import { fromTeacher } from "ubias";
 *
 * // Σ = I, w* = (2, 1), label noise σ_ε = 0.5, modality A = the first coordinate.
 * const stats = fromTeacher([[1, 0], [0, 1]], [2, 1], 0.5, 1);
 * stats.sigmaYX; // → [2, 1]
 * stats.sigmaY2; // → 5.25
 * stats.dB; // → 1
 * ```
 */
export function fromTeacher(
  sigma: Matrix,
  wStar: Vector,
  noiseStd: number,
  dA: number,
): Statistics {
  requireFinite("noiseStd", noiseStd);
  if (noiseStd < 0) throw new InputError("noiseStd", `must be ≥ 0, got ${noiseStd}`);
  if (wStar.length !== sigma.length) {
    throw new InputError("wStar", `must have length ${sigma.length}, got ${wStar.length}`);
  }
  wStar.forEach((w, i) => {
    requireFinite(`wStar[${i}]`, w);
  });
  const stats: Statistics = {
    sigma,
    sigmaYX: rowTimesMatrix(wStar, sigma),
    sigmaY2: quadraticForm(wStar, sigma) + noiseStd * noiseStd,
    dA,
    dB: sigma.length - dA,
    teacher: { wStar: [...wStar], noiseStd },
    label: `teacher D=${sigma.length} dA=${dA}`,
  };
  return validateStatistics(stats);
}

/**
 * Statistics from raw moments (no teacher known).
 *
 * @example
 * ```ts
 * import { fromMoments } from "ubias";
 *
 * // The toy example's moments, given directly (no teacher known).
 * const stats = fromMoments([[4, 1], [1, 1]], [5, 2], 7, 1);
 * stats.teacher; // → undefined
 * stats.label; // → "moments"
 * ```
 */
export function fromMoments(
  sigma: Matrix,
  sigmaYX: Vector,
  sigmaY2: number,
  dA: number,
  label = "moments",
): Statistics {
  return validateStatistics({ sigma, sigmaYX, sigmaY2, dA, dB: sigma.length - dA, label });
}
