/**
 * X5 cases: two-layer late fusion with a vector target, balanced spectral init, gradient
 * flow. Orients the statistics so that A has the larger top singular value σ₁(Σ_yxm) (the
 * faster modality at small init), predicts with src/theory/vectorTargets.ts, simulates with
 * src/measurement/vectorTargetSimulation.ts.
 */

import { singularModes } from "../linalg/eigen.js";
import { frobenius } from "../linalg/matrix.js";
import type { PhaseTimes } from "../measurement/phaseTimes.js";
import { simulateVectorTarget } from "../measurement/vectorTargetSimulation.js";
import type { VectorTargetStatistics } from "../statistics/vectorTarget.js";
import { deriveVectorTarget, swapVectorTargetModalities } from "../statistics/vectorTarget.js";
import { unimodalPhaseUnequalDepths } from "../theory/unequalDepths.js";
import { vectorTargetRatio } from "../theory/vectorTargets.js";
import type { TrainingRun } from "../training/run.js";
import type { VectorTargetIssue } from "./domainReason.js";
import { CLAIM_STEP_BUDGET } from "./twoLayerCase.js";

export interface VectorTargetSetup {
  /** Oriented: σ₁(Σ_yxA) > σ₁(Σ_yxB). */
  readonly stats: VectorTargetStatistics;
  /** X5's operator form 1 + (σ₁(Σ_yxA) − σ₁(Σ_yxB))/σ₁(e_B). */
  readonly ratio: number;
  /**
   * Next order in the endpoints: the same two-phase clocks run to the targets' scales
   * (ln(√‖W_A^uni‖/u0)/σ₁ etc., src/theory/unequalDepths.ts with n = 2, Frobenius targets as
   * in the §3 thresholds) — T2's ln g and ln ‖W_B^full‖ terms.
   */
  readonly targetRatio: number;
  /** T2 transcribed with Frobenius norms (NaN when it would name the other modality first). */
  readonly frobeniusRatio: number;
  /** k_op = σ₁(Σ_yxB)/σ₁(Σ_yxA). */
  readonly k: number;
  /**
   * |l_Bᵀ e_B r_B|/σ₁(e_B), with (l_B, r_B) the top singular pair of Σ_yxB: how much of e_B's
   * top gain B's head start (grown along Σ_yxB's top mode) sees; 1 when aligned (X6's cos).
   */
  readonly alignment: number;
  /** Σ_yxA has more than one nonzero singular mode (A learns in several steps). */
  readonly multiModeA: boolean;
  readonly outOfDomain?: VectorTargetIssue;
}

/** Below this alignment B's head start barely projects on e_B's top mode (X6's region). */
export const MIN_ALIGNMENT = 0.2;

export function vectorTargetSetup(raw: VectorTargetStatistics, u0: number): VectorTargetSetup {
  let stats = raw;
  let q = deriveVectorTarget(stats);
  if (q.topB > q.topA) {
    stats = swapVectorTargetModalities(stats);
    q = deriveVectorTarget(stats);
  }
  const yxA = stats.sigmaYX.map((row) => row.slice(0, stats.dA));
  const yxB = stats.sigmaYX.map((row) => row.slice(stats.dA));
  const topModeB = singularModes(yxB)[0];
  let alignment = 0;
  if (topModeB && q.topE > 0) {
    let gain = 0;
    q.eB.forEach((row, i) => {
      row.forEach((v, j) => {
        gain += topModeB.left[i]! * v * topModeB.right[j]!;
      });
    });
    alignment = Math.abs(gain) / q.topE;
  }
  const wFullB = q.wFull.flatMap((row) => row.slice(stats.dA));
  const base = {
    stats,
    k: q.topB / q.topA,
    alignment,
    multiModeA: singularModes(yxA).length > 1,
    frobeniusRatio:
      q.frobeniusA > q.frobeniusB && q.frobeniusE > 0
        ? vectorTargetRatio({ sA: q.frobeniusA, sB: q.frobeniusB, e: q.frobeniusE })
        : Number.NaN,
  };
  if (Math.abs(q.topA - q.topB) <= 1e-12 * q.topA)
    return { ...base, ratio: Number.NaN, targetRatio: Number.NaN, outOfDomain: "tie" };
  if (!(q.topE > 0) || wFullB.every((v) => v === 0))
    return { ...base, ratio: Number.NaN, targetRatio: Number.NaN, outOfDomain: "no-B-solution" };
  const ratio = vectorTargetRatio({ sA: q.topA, sB: q.topB, e: q.topE });
  const targetRatio = unimodalPhaseUnequalDepths(
    {
      A: {
        chainLength: 2,
        rate: q.topA,
        residual: 1, // unused: A is learned first
        targets: { alone: frobenius(q.wUniA), joint: 1 },
      },
      B: {
        chainLength: 2,
        rate: q.topB,
        residual: q.topE,
        // B is second by X5's orientation; its "alone" clock is never used (huge: B stays second).
        targets: { alone: Number.MAX_VALUE, joint: Math.hypot(...wFullB) },
      },
      u0,
    },
    "target",
  ).ratio;
  if (alignment < MIN_ALIGNMENT)
    return { ...base, ratio, targetRatio, outOfDomain: "directions-apart" };
  return { ...base, ratio, targetRatio };
}

/** Two-layer late fusion, width = the largest rank of Σ_yxA, Σ_yxB, balanced spectral init. */
export function simulateVectorTargetCase(
  stats: VectorTargetStatistics,
  u0: number,
  rtol?: number,
): { run: TrainingRun; times: PhaseTimes } {
  const rank = (start: number, end: number) =>
    singularModes(stats.sigmaYX.map((row) => row.slice(start, end))).length;
  const width = Math.max(1, rank(0, stats.dA), rank(stats.dA, stats.dA + stats.dB));
  return simulateVectorTarget({
    stats,
    depth: 2,
    fusionLayer: 2,
    width,
    init: { kind: "balanced", u0 },
    maxSteps: CLAIM_STEP_BUDGET,
    ...(rtol !== undefined ? { rtol } : {}),
  });
}
