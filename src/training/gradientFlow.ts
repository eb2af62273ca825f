import type { LinearNetworkModel } from "../network/linearNetwork.js";
import type { AcceptedStep, IntegrationStatus } from "./dormandPrince.js";
import { integrate } from "./dormandPrince.js";
import type {
  Crossing,
  NormThreshold,
  PlateauState,
  RunStatus,
  StopRule,
  TrainingRun,
  TrajectorySample,
} from "./run.js";
import { blockNorm, nextSampleTime, shouldStop } from "./run.js";

export interface FlowOptions {
  readonly thresholds: readonly NormThreshold[];
  readonly stop?: StopRule;
  /** Local relative tolerance of DOPRI5 (default 1e-10: t_A, t_B to ~1e-8, see test/training). */
  readonly rtol?: number;
  /** Time budget in units of τ. */
  readonly maxTime?: number;
  /** Accepted-step budget. */
  readonly maxSteps?: number;
  /** Trajectory samples per decade of time (default 20), starting at t = 1e-2. */
  readonly samplesPerDecade?: number;
}

export const DEFAULT_FLOW_RTOL = 1e-10;
/** Error-scale floor as a fraction of ‖θ‖∞: components 1e6× smaller than the largest are not resolved relatively. */
const RELATIVE_FLOOR = 1e-6;
/** ‖θ‖∞ beyond this cannot come from a loss that decreases along the flow: divergence. */
const DIVERGENCE_NORM = 1e12;
const FIRST_SAMPLE_TIME = 1e-2;

/**
 * Gradient flow τ dθ/dt = −∇ℒ(θ) (τ = 1) integrated by DOPRI5 with event location: each
 * threshold crossing is a root of ‖W_m^tot(t)‖ − level on the dense output, not a grid read.
 */
export function trainGradientFlow(
  model: LinearNetworkModel,
  theta0: Float64Array,
  options: FlowOptions,
): TrainingRun {
  const size = model.layout.size;
  const d = model.inputDim;
  const scratch = new Float64Array(size);
  const w = new Float64Array(d);
  const sampleState = new Float64Array(size);
  const thresholds = options.thresholds;
  const crossings: Record<string, Crossing> = {};
  const samples: TrajectorySample[] = [];
  const perDecade = options.samplesPerDecade ?? 20;
  const stop = options.stop ?? {};
  let plateau: PlateauState | undefined;
  let nextSample = FIRST_SAMPLE_TIME;
  let lastLoss = Number.NaN;
  let crossedCount = 0;

  const record = (t: number, state: Float64Array) => {
    model.totalMap(state, w);
    samples.push({ t, loss: model.lossOfTotalMap(w), totalMap: Array.from(w) });
  };
  record(0, theta0);
  // A threshold already met at t = 0 is crossed at t = 0 (no sign change to locate).
  model.totalMap(theta0, w);
  for (const thr of thresholds) {
    if (blockNorm(w, thr.start, thr.end) >= thr.level) {
      crossings[thr.name] = { t: 0, step: 0, totalMap: Array.from(w) };
      crossedCount++;
    }
  }

  const problem = {
    dimension: size,
    rhs: (_t: number, theta: Float64Array, dydt: Float64Array) => {
      model.gradient(theta, dydt);
      for (let i = 0; i < size; i++) dydt[i] = -dydt[i]!;
    },
  };
  const events = thresholds.map((thr) => ({
    name: thr.name,
    direction: 1 as const,
    value: (_t: number, theta: Float64Array) => {
      model.totalMap(theta, w);
      return blockNorm(w, thr.start, thr.end) - thr.level;
    },
  }));

  const onStep = (step: AcceptedStep): boolean => {
    while (nextSample <= step.t1) {
      step.interpolate(nextSample, sampleState);
      record(nextSample, sampleState);
      nextSample = nextSampleTime(nextSample, FIRST_SAMPLE_TIME, perDecade);
    }
    model.totalMap(step.y1, w);
    lastLoss = model.lossOfTotalMap(w);
    if (crossedCount >= 1 && crossedCount < thresholds.length) trackPlateau(step);
    return shouldStop(stop, crossedCount === thresholds.length, lastLoss);
  };

  const trackPlateau = (step: AcceptedStep) => {
    let speed = 0;
    for (let i = 0; i < size; i++) speed += step.dydt1[i]! ** 2;
    speed = Math.sqrt(speed);
    if (plateau === undefined || speed < plateau.speed) {
      plateau = { t: step.t1, loss: lastLoss, totalMap: Array.from(w), speed };
    }
  };

  const result = integrate(
    problem,
    0,
    theta0,
    {
      rtol: options.rtol ?? DEFAULT_FLOW_RTOL,
      relativeFloor: RELATIVE_FLOOR,
      maxTime: options.maxTime ?? 1e15,
      maxSteps: options.maxSteps ?? 1_000_000,
      divergenceNorm: DIVERGENCE_NORM,
    },
    {
      events,
      onEvent: (event) => {
        if (crossings[event.name] !== undefined) return;
        model.totalMap(event.y, w);
        crossings[event.name] = { t: event.t, step: event.step, totalMap: Array.from(w) };
        crossedCount++;
        samples.push({ t: event.t, loss: model.lossOfTotalMap(w), totalMap: Array.from(w) });
      },
      onStep,
    },
  );
  scratch.set(result.y);
  model.totalMap(scratch, w);
  const finalLoss = model.lossOfTotalMap(w);
  samples.push({ t: result.t, loss: finalLoss, totalMap: Array.from(w) });
  samples.sort((a, b) => a.t - b.t);
  return {
    method: "flow",
    status: runStatus(result.status),
    crossings,
    ...(plateau ? { plateau } : {}),
    final: {
      t: result.t,
      loss: finalLoss,
      totalMap: Array.from(w),
      theta: Float64Array.from(result.y),
    },
    samples,
    steps: result.steps,
    rejectedSteps: result.rejectedSteps,
    gradientEvaluations: result.evaluations,
  };
}

function runStatus(status: IntegrationStatus): RunStatus {
  return status === "stopped" ? "completed" : status;
}
