import { requirePositive } from "../errors/inputError.js";
import type { BranchDepths } from "../network/architecture.js";
import { architectureOf } from "../network/architecture.js";
import type { InitialisationSpec } from "../network/initialisation.js";
import { initialise } from "../network/initialisation.js";
import { parameterLayout } from "../network/layout.js";
import { linearNetworkModel } from "../network/linearNetwork.js";
import { derive } from "../statistics/derived.js";
import type { Statistics } from "../statistics/statistics.js";
import type { ExternalSimulator } from "../training/external/protocol.js";
import { trainGradientDescent } from "../training/gradientDescent.js";
import type { FlowIntegrator } from "../training/gradientFlow.js";
import { DEFAULT_FLOW_RTOL, trainGradientFlow } from "../training/gradientFlow.js";
import type { NormThreshold, ProgressCallback, TrainingRun } from "../training/run.js";
import { externalSimulator, NotCarriedError } from "./backend.js";

/** Gradient flow (reference) or gradient descent at a learning rate (docs/theory.md §2). */
export type TrainingMethod =
  | { readonly kind: "flow"; readonly rtol?: number; readonly integrator?: FlowIntegrator }
  | { readonly kind: "gd"; readonly learningRate: number };

/** Everything needed to run one simulation. */
export interface SimulationSpec {
  readonly stats: Statistics;
  readonly depth: number;
  readonly fusionLayer: number;
  readonly width: number;
  /** X4: unequal branch depths (absent: Lf − 1 for both modalities). */
  readonly branchDepths?: BranchDepths;
  readonly init: InitialisationSpec;
  readonly method: TrainingMethod;
  /** Keep training after t_B until ℒ − ℒ* ≤ 1e-10 (ℒ(0) − ℒ*), to measure the end point (T3). */
  readonly untilConverged?: boolean;
  readonly maxTime?: number;
  readonly maxSteps?: number;
  readonly samplesPerDecade?: number;
  /** Live progress of a long run (display only; src/training/run.ts ProgressCallback). */
  readonly onProgress?: ProgressCallback;
}

/** Relative loss gap (ℒ − ℒ*)/(ℒ(0) − ℒ*) accepted as "converged" for T3's end point. */
export const CONVERGED_LOSS_GAP = 1e-10;

/**
 * The thresholds of docs/theory.md §3 on oriented statistics (A = first block):
 * t_A at ‖W_A^tot‖ = ½‖W_A^uni‖, t_B at ‖W_B^tot‖ = ½‖W_B^full‖.
 *
 * @example
 * ```ts
 * import { fromToy, phaseThresholds } from "ubias";
 *
 * // ½‖W_A^uni‖ = ½·5/4 and ½‖W_B^full‖ = ½·1 for the toy example.
 * phaseThresholds(fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.5 })).map((t) => [t.name, t.level]); // → [["A", 0.625], ["B", 0.5]]
 * ```
 */
export function phaseThresholds(stats: Statistics): NormThreshold[] {
  const q = derive(stats);
  const d = stats.dA + stats.dB;
  const thresholds: NormThreshold[] = [
    { name: "A", start: 0, end: stats.dA, level: 0.5 * Math.hypot(...q.wUniA) },
  ];
  const wFullB = Math.hypot(...q.wFull.slice(stats.dA));
  // W_B^full = 0 leaves t_B undefined; it is then reported as not reached.
  if (wFullB > 0) thresholds.push({ name: "B", start: stats.dA, end: d, level: 0.5 * wFullB });
  return thresholds;
}

/**
 * Builds the network, initialises it and trains it with the phase thresholds as events.
 *
 * @example
 * ```ts
 * import { fromToy, phaseTimes, simulate } from "ubias";
 *
 * const stats = fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.5 });
 * const run = simulate({
 *   stats,
 *   depth: 2,
 *   fusionLayer: 2,
 *   width: 1,
 *   init: { kind: "balanced", u0: 1e-6 },
 *   method: { kind: "flow" },
 * });
 * run.status; // → "completed"
 * Object.keys(run.crossings).sort(); // → ["A", "B"]
 * // Measured t_B/t_A; T2 predicts 5 (its error at u0 = 1e-6 is a few per cent).
 * phaseTimes(run).ratio; // ≈ 5
 * ```
 */
export function simulate(spec: SimulationSpec): TrainingRun {
  const external = externalSimulator();
  if (external !== undefined) return notCarriedBeyondRun(simulateExternally(spec, external));
  const { stats } = spec;
  const arch = architectureOf(spec, stats);
  const layout = parameterLayout(arch);
  const model = linearNetworkModel(layout, stats);
  const theta0 = initialise(layout, stats, spec.init);
  const q = derive(stats);
  const converged = q.lossFull + CONVERGED_LOSS_GAP * (q.lossZero - q.lossFull);
  const stop = spec.untilConverged
    ? { lossBelow: converged, minimumReachedBelow: converged }
    : { minimumReachedBelow: converged };
  const common = {
    thresholds: phaseThresholds(stats),
    stop,
    ...(spec.maxTime !== undefined ? { maxTime: spec.maxTime } : {}),
    ...(spec.maxSteps !== undefined ? { maxSteps: spec.maxSteps } : {}),
    ...(spec.samplesPerDecade !== undefined ? { samplesPerDecade: spec.samplesPerDecade } : {}),
    ...(spec.onProgress ? { onProgress: spec.onProgress } : {}),
  };
  if (spec.method.kind === "gd") {
    requirePositive("lr", spec.method.learningRate);
    return trainGradientDescent(model, theta0, {
      ...common,
      learningRate: spec.method.learningRate,
    });
  }
  return trainGradientFlow(model, theta0, {
    ...common,
    ...(spec.method.rtol !== undefined ? { rtol: spec.method.rtol } : {}),
    ...(spec.method.integrator !== undefined ? { integrator: spec.method.integrator } : {}),
  });
}

/**
 * An external run as a TrainingRun whose trajectory and final weights, which the protocol
 * does not carry, refuse to be read (NotCarriedError) instead of reading as empty.
 */
function notCarriedBeyondRun(run: TrainingRun): TrainingRun {
  const { t, loss, totalMap } = run.final;
  const final = Object.defineProperty({ t, loss, totalMap }, "theta", {
    get: () => {
      throw new NotCarriedError("the final weights θ of a run");
    },
  });
  return Object.defineProperty({ ...run, final }, "samples", {
    get: () => {
      throw new NotCarriedError("the trajectory of a run");
    },
  }) as TrainingRun;
}

/**
 * `simulate` through an external simulator (docs/simulator-protocol.md): the same network,
 * the same initial weights (sent as they are), the same thresholds and stop rule, so that the

 */
export function simulateExternally(
  spec: SimulationSpec,
  simulator: ExternalSimulator,
): TrainingRun {
  const { stats } = spec;
  const layout = parameterLayout(architectureOf(spec, stats));
  const theta0 = initialise(layout, stats, spec.init);
  const q = derive(stats);
  const converged = q.lossFull + CONVERGED_LOSS_GAP * (q.lossZero - q.lossFull);
  return simulator.train({
    data: {
      kind: "population",
      dA: stats.dA,
      dB: stats.dB,
      sigma: stats.sigma,
      sigmaYX: stats.sigmaYX,
      sigmaYY: stats.sigmaY2,
    },
    layout,
    theta0,
    method:
      spec.method.kind === "gd"
        ? { kind: "gd", learningRate: spec.method.learningRate }
        : { kind: "flow", rtol: spec.method.rtol ?? DEFAULT_FLOW_RTOL },
    thresholds: phaseThresholds(stats),
    stop: spec.untilConverged
      ? { lossBelow: converged, minimumReachedBelow: converged }
      : { minimumReachedBelow: converged },
    ...(spec.maxTime !== undefined ? { maxTime: spec.maxTime } : {}),
    ...(spec.maxSteps !== undefined ? { maxSteps: spec.maxSteps } : {}),
  });
}
