import type { UnequalDepthIssue } from "./domainReason.js";
/**
 * X4 cases: late fusion whose two modalities have chains of different lengths, scalar
 * modalities (toy family), balanced init, gradient flow. Builds the leading-order prediction
 * of src/theory/unequalDepths.ts from the statistics, orients the statistics so that the
 * predicted *first* modality is block A (docs/theory.md §3's thresholds then time t_F by
 * ½‖W_F^uni‖ and t_S by ½‖W_S^full‖), and simulates the matching network.
 */

import { InternalError } from "../errors/internalError.js";
import type { PhaseTimes } from "../measurement/phaseTimes.js";
import { phaseTimes } from "../measurement/phaseTimes.js";
import { simulate } from "../measurement/simulation.js";
import { derive, swapModalities } from "../statistics/derived.js";
import type { Statistics } from "../statistics/statistics.js";
import type { UnequalDepthCase, UnequalDepthPrediction } from "../theory/unequalDepths.js";
import { unimodalPhaseUnequalDepths } from "../theory/unequalDepths.js";
import type { TrainingRun } from "../training/run.js";
import { CLAIM_STEP_BUDGET } from "./twoLayerCase.js";

/** Chain lengths n_A, n_B ≥ 2 of a late-fusion network (branch layers + fusion block). */
export interface ChainLengths {
  readonly A: number;
  readonly B: number;
}

/** Why an X4 case lies outside the leading-order theory's domain. */

export interface UnequalDepthSetup {
  /** Statistics with the predicted first modality F as block A. */
  readonly stats: Statistics;
  /** Chain lengths in the same (oriented) order. */
  readonly chainLengths: ChainLengths;
  /** True when the user's B is predicted first (blocks swapped). */
  readonly swapped: boolean;
  /** The theory's input in the oriented order (A = F, B = S). */
  readonly drives: UnequalDepthCase;
  /** Leading order: unit clocks (X4's statement; T2/T4 at n_A = n_B). */
  readonly prediction: UnequalDepthPrediction;
  /** Next order in the endpoints: clocks to the targets' per-layer scales. */
  readonly targetPrediction: UnequalDepthPrediction;
  readonly outOfDomain?: UnequalDepthIssue;
}

/**
 * The drives of X4 for scalar modalities: s_m = |Σ_yxm|, and the residual of each modality
 * once the other is learned (e_B of docs/theory.md §1, and e_A with the roles swapped), projected
 * on the sign of Σ_yxm (the direction a balanced chain grows in).
 */
export function unequalDepthSetup(
  stats: Statistics,
  chainLengths: ChainLengths,
  u0: number,
): UnequalDepthSetup {
  if (stats.dA !== 1 || stats.dB !== 1)
    throw new InternalError("X4 cases use scalar modalities (dA = dB = 1)");
  if (stats.sigmaYX[0] === 0 || stats.sigmaYX[1] === 0)
    throw new InternalError("X4 cases need Σ_yxA ≠ 0 and Σ_yxB ≠ 0 (see hasZeroRate)");
  const q = derive(stats);
  const qSwapped = derive(swapModalities(stats));
  const [yxA, yxB] = [stats.sigmaYX[0]!, stats.sigmaYX[1]!];
  const residualB = q.eB[0]! * Math.sign(yxB);
  const residualA = qSwapped.eB[0]! * Math.sign(yxA);
  // The prediction needs positive residuals; a non-positive one is flagged below and the
  // prediction is formed with |e| so that the first modality is still reported.
  const drives: UnequalDepthCase = {
    A: {
      chainLength: chainLengths.A,
      rate: Math.abs(yxA),
      residual: Math.abs(residualA) || 1,
      targets: { alone: Math.abs(q.wUniA[0]!), joint: Math.abs(q.wFull[0]!) || 1 },
    },
    B: {
      chainLength: chainLengths.B,
      rate: Math.abs(yxB),
      residual: Math.abs(residualB) || 1,
      targets: { alone: Math.abs(q.wUniB[0]!), joint: Math.abs(q.wFull[1]!) || 1 },
    },
    u0,
  };
  const prediction = unimodalPhaseUnequalDepths(drives);
  const targetPrediction = unimodalPhaseUnequalDepths(drives, "target");
  const swapped = prediction.first === "B";
  const oriented = swapped ? swapModalities(stats) : stats;
  const orientedLengths = swapped ? { A: chainLengths.B, B: chainLengths.A } : chainLengths;
  const qo = swapped ? qSwapped : q;
  const residualS = swapped ? residualA : residualB;
  const orientedDrives = swapped ? { A: drives.B, B: drives.A, u0 } : drives;
  const setup = {
    stats: oriented,
    chainLengths: orientedLengths,
    swapped,
    drives: orientedDrives,
    prediction,
    targetPrediction,
  };
  const issue: UnequalDepthIssue | undefined = !(qo.wFull[1] !== 0)
    ? "no-B-solution"
    : !(residualS > 0)
      ? "signs-apart"
      : qo.wFull[0]! * qo.wUniA[0]! < 0
        ? "A-reversal"
        : undefined;
  return issue === undefined ? setup : { ...setup, outOfDomain: issue };
}

/** Σ_yxm = 0: that chain has no drive before the other is learned (outside X4's domain). */
export function hasZeroRate(stats: Statistics): boolean {
  return stats.sigmaYX.some((v) => v === 0);
}

export interface UnequalDepthRun {
  readonly run: TrainingRun;
  readonly times: PhaseTimes;
}

/**
 * Late fusion L = Lf = max(n_A, n_B), branch depths n_m − 1, width 1 (balanced rank-one init
 * stays on the e₁ chain, so wider nets follow the same trajectory), balanced init, flow.
 */
export function simulateUnequalDepths(
  stats: Statistics,
  chainLengths: ChainLengths,
  u0: number,
): UnequalDepthRun {
  const depth = Math.max(chainLengths.A, chainLengths.B);
  const run = simulate({
    stats,
    depth,
    fusionLayer: depth,
    width: 1,
    branchDepths: { A: chainLengths.A - 1, B: chainLengths.B - 1 },
    init: { kind: "balanced", u0 },
    method: { kind: "flow" },
    maxSteps: CLAIM_STEP_BUDGET,
  });
  return { run, times: phaseTimes(run) };
}
