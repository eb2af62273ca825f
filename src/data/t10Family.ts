import {
  InputError,
  requireFinite,
  requireInteger,
  requirePositive,
} from "../errors/inputError.js";
import type { Statistics } from "../statistics/statistics.js";
import { fromTeacher } from "../statistics/teacher.js";

/** The T10 data family of docs/theory.md §6; every field defaults to the paper's value. */
export interface T10FamilyParameters {
  /** Dimension of modality A (default 50). */
  readonly dA?: number;
  /** Dimension of modality B (default 50). */
  readonly dB?: number;
  /** Variance of each x_A coordinate (default 3). */
  readonly varianceA?: number;
  /** Variance of each x_B coordinate (default 1). */
  readonly varianceB?: number;
  /** Every teacher entry w*_i (default 0.1). */
  readonly teacherWeight?: number;
  /** Label noise σ_ε (default 0.5). */
  readonly noiseStd?: number;
}

/**
 * Population statistics of docs/theory.md §6's finite-data experiment (T10): independent Gaussian
 * coordinates, Var x_A,i = 3, Var x_B,i = 1, teacher w* = 0.1·1, σ_ε = 0.5, D = 100 split
 * 50 + 50. A is the faster modality (‖Σ_yxA‖ = 3·0.1·√dA > ‖Σ_yxB‖ = 0.1·√dB when dA ≥ dB/9).
 * @example t10Statistics().sigmaYX[0] // 0.3 (= w*_i · Var x_A,i)
 */
export function t10Statistics(params: T10FamilyParameters = {}): Statistics {
  const dA = requireInteger("dA", params.dA ?? 50, 1, 10_000);
  const dB = requireInteger("dB", params.dB ?? 50, 1, 10_000);
  const varianceA = requirePositive("varianceA", params.varianceA ?? 3);
  const varianceB = requirePositive("varianceB", params.varianceB ?? 1);
  const weight = requireFinite("teacherWeight", params.teacherWeight ?? 0.1);
  if (weight === 0) throw new InputError("teacherWeight", "must be ≠ 0 (nothing to learn)");
  const noiseStd = params.noiseStd ?? 0.5;
  const d = dA + dB;
  const sigma = Array.from({ length: d }, (_, i) =>
    Array.from({ length: d }, (_, j) => (i === j ? (i < dA ? varianceA : varianceB) : 0)),
  );
  const stats = fromTeacher(sigma, new Array<number>(d).fill(weight), noiseStd, dA);
  return {
    ...stats,
    label: `T10 family dA=${dA} dB=${dB} VarA=${varianceA} VarB=${varianceB} w*=${weight} σ_ε=${noiseStd}`,
  };
}
