import { inverse } from "../linalg/inverse.js";
import type { Matrix } from "../linalg/matrix.js";
import { rowTimesMatrix, subMatrix } from "../linalg/matrix.js";
import { derive } from "../statistics/derived.js";
import type { Statistics } from "../statistics/statistics.js";

/** T3: where late/intermediate fusion rests between t_A and t_B, and where it ends. */
export interface PlateauPrediction {
  /** W^tot on the plateau: [W_A^uni, 0]. */
  readonly plateauMap: number[];
  /** ℒ(M_A). */
  readonly plateauLoss: number;
  /** W^full, the end point. */
  readonly finalMap: number[];
  /** ℒ*. */
  readonly finalLoss: number;
  /** W_A^uni − W_A^full. */
  readonly misattribution: number[];
  /** w_B*ᵀ Σ_BA Σ_A⁻¹: the misattribution written with the teacher (needs one, and σ_ε irrelevant). */
  readonly misattributionFromTeacher?: number[];
}

export function plateauPrediction(stats: Statistics): PlateauPrediction {
  const q = derive(stats);
  const plateauMap = [...q.wUniA, ...new Array<number>(stats.dB).fill(0)];
  const prediction: PlateauPrediction = {
    plateauMap,
    plateauLoss: q.lossUniA,
    finalMap: q.wFull,
    finalLoss: q.lossFull,
    misattribution: q.misattribution,
  };
  if (!stats.teacher) return prediction;
  return {
    ...prediction,
    misattributionFromTeacher: teacherMisattribution(stats.sigma, stats.teacher.wStar, stats.dA),
  };
}

/** w_B*ᵀ Σ_BA Σ_A⁻¹ (docs/theory.md §1). */
function teacherMisattribution(sigma: Matrix, wStar: readonly number[], dA: number): number[] {
  const d = sigma.length;
  const sigmaBA = subMatrix(sigma, [dA, d], [0, dA]);
  const sigmaAInv = inverse(subMatrix(sigma, [0, dA], [0, dA]));
  return rowTimesMatrix(rowTimesMatrix(wStar.slice(dA), sigmaBA), sigmaAInv);
}
