/**
 * X5 — simulation of a two-modality network with a vector target: thresholds of docs/theory.md §3
 * with Frobenius norms (t_A: ‖W_A^tot‖_F ≥ ½‖W_A^uni‖_F, t_B: ‖W_B^tot‖_F ≥ ½‖W_B^full‖_F) on
 * the block-contiguous total map of src/network/vectorTargetNetwork.ts.
 */

import { frobenius } from "../linalg/matrix.js";
import { architectureOf } from "../network/architecture.js";
import { gaussianInit } from "../network/initialisation.js";
import {
  vectorTargetBalancedInit,
  vectorTargetLayout,
  vectorTargetModel,
} from "../network/vectorTargetNetwork.js";
import type { VectorTargetStatistics } from "../statistics/vectorTarget.js";
import { deriveVectorTarget } from "../statistics/vectorTarget.js";
import { trainGradientFlow } from "../training/gradientFlow.js";
import type { NormThreshold, TrainingRun } from "../training/run.js";
import { requireBuiltIn } from "./backend.js";
import type { PhaseTimes } from "./phaseTimes.js";
import { phaseTimes } from "./phaseTimes.js";
import { CONVERGED_LOSS_GAP } from "./simulation.js";

export interface VectorTargetSimulationSpec {
  readonly stats: VectorTargetStatistics;
  readonly depth: number;
  readonly fusionLayer: number;
  readonly width: number;
  /** "balanced": every singular mode of Σ_yxm seeded at u0 per layer (late fusion only). */
  readonly init: {
    readonly kind: "balanced" | "gaussian";
    readonly u0: number;
    readonly seed?: number;
  };
  readonly maxSteps?: number;
  readonly maxTime?: number;
  /** Local relative tolerance of the flow (default DEFAULT_FLOW_RTOL, gradientFlow.ts). */
  readonly rtol?: number;
}

/** docs/theory.md §3's thresholds with Frobenius norms on the block-contiguous total map. */
export function vectorTargetThresholds(stats: VectorTargetStatistics): NormThreshold[] {
  const q = deriveVectorTarget(stats);
  const k = stats.outputs;
  const wFullB = frobenius(q.wFull.map((row) => row.slice(stats.dA)));
  const thresholds: NormThreshold[] = [
    { name: "A", start: 0, end: k * stats.dA, level: 0.5 * frobenius(q.wUniA) },
  ];
  if (wFullB > 0)
    thresholds.push({
      name: "B",
      start: k * stats.dA,
      end: k * (stats.dA + stats.dB),
      level: 0.5 * wFullB,
    });
  return thresholds;
}

export function simulateVectorTarget(spec: VectorTargetSimulationSpec): {
  run: TrainingRun;
  times: PhaseTimes;
} {
  requireBuiltIn("vector targets");
  const { stats } = spec;
  const arch = architectureOf(spec, stats);
  const layout = vectorTargetLayout(arch, stats.outputs);
  const model = vectorTargetModel(layout, stats);
  const theta0 =
    spec.init.kind === "balanced"
      ? vectorTargetBalancedInit(layout, stats, spec.init.u0)
      : gaussianInit(layout, spec.init.u0, spec.init.seed ?? 0);
  const q = deriveVectorTarget(stats);
  const converged = q.lossFull + CONVERGED_LOSS_GAP * (q.lossZero - q.lossFull);
  const run = trainGradientFlow(model, theta0, {
    thresholds: vectorTargetThresholds(stats),
    stop: { minimumReachedBelow: converged },
    ...(spec.maxSteps !== undefined ? { maxSteps: spec.maxSteps } : {}),
    ...(spec.maxTime !== undefined ? { maxTime: spec.maxTime } : {}),
    ...(spec.rtol !== undefined ? { rtol: spec.rtol } : {}),
  });
  return { run, times: phaseTimes(run) };
}
