import { InputError, requireFinite } from "../errors/inputError.js";
import type { Matrix, Vector } from "../linalg/matrix.js";
import { quadraticForm, rowTimesMatrix } from "../linalg/matrix.js";
import type { Statistics } from "./statistics.js";
import { validateStatistics } from "./statistics.js";

/**
 * Statistics of a linear teacher y = w*ᵀx + ε (docs/theory.md §1):
 * Σ_yx = w*ᵀΣ, σ_y² = w*ᵀΣw* + σ_ε². The first `dA` coordinates are modality A.
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

/** Statistics from raw moments (no teacher known). */
export function fromMoments(
  sigma: Matrix,
  sigmaYX: Vector,
  sigmaY2: number,
  dA: number,
  label = "moments",
): Statistics {
  return validateStatistics({ sigma, sigmaYX, sigmaY2, dA, dB: sigma.length - dA, label });
}
