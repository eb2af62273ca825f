import { InputError } from "../errors/inputError.js";
import { InternalError, required } from "../errors/internalError.js";
import type { TrainableModel } from "../network/model.js";
import { gradientWithoutLoss, lossAt } from "../network/model.js";
import { flowJacobian } from "./flowJacobian.js";
import { integrate } from "./ode/dormandPrince.js";
import type {
  AcceptedStep,
  IntegrationResult,
  IntegrationStatus,
  IntegratorOptions,
  Observer,
  OdeProblem,
} from "./ode/problem.js";
import type { RosenbrockResult } from "./ode/rosenbrock.js";
import { integrateRosenbrock } from "./ode/rosenbrock.js";
import { RODAS5P } from "./ode/rosenbrockTableaus.js";
import type {
  Crossing,
  DivergenceReport,
  IntegratorUsage,
  NormThreshold,
  PlateauState,
  ProgressCallback,
  RunStatus,
  StopRule,
  TrainingRun,
  TrajectorySample,
} from "./run.js";
import {
  blockNorm,
  DIVERGENCE_LOSS_FACTOR,
  divergenceLossLevel,
  nextSampleTime,
  PROGRESS_EVERY_STEPS,
  shouldStop,
} from "./run.js";

export interface FlowOptions {
  readonly thresholds: readonly NormThreshold[];
  readonly stop?: StopRule;
  /** Local relative tolerance of both integrators (default 1e-10: t_A, t_B to ~1e-8, see test/training). */
  readonly rtol?: number;
  /** Time budget in units of τ. */
  readonly maxTime?: number;
  /** Accepted-step budget. */
  readonly maxSteps?: number;
  /** Trajectory samples per decade of time (default 20), starting at t = 1e-2. */
  readonly samplesPerDecade?: number;
  /**
   * "dopri5": explicit throughout. "rosenbrock": the L-stable implicit Rodas5P throughout.
   * "auto" (default): DOPRI5, switching to Rosenbrock for the rest of the run once DOPRI5
   * detects stiffness (its step size stability-limited: on the plateaus of deep networks,
   * where A relaxes at a rate O(1) while B grows over a time ~u0^(2−L)) and the plateau is
   * long enough to pay for it (STIFF_SWITCH_STEPS); never for θ larger than
   * ROSENBROCK_MAX_DIMENSION. Deep plateaus then take hundreds to a few thousand steps, not
   * millions (scripts/measure/deepSteps.ts). Limit of double precision: where B's time
   * scale exceeds A's relaxation time by more than ~1/ε (L = 10 at u0 = 0.001: t_B ~ 1e23),
   * the linear algebra of the implicit step no longer resolves B's slow directions next to
   * A's fast ones (round-off of ε·‖J‖ against 1/h) and the run ends on its step budget.
   */
  readonly integrator?: FlowIntegrator;
  readonly onProgress?: ProgressCallback;
}

/**
 * The integrator of a gradient-flow run: DOPRI5, Rosenbrock (Rodas5P), or DOPRI5 switching to
 * Rosenbrock once the flow turns stiff ("auto", the default).
 */
export type FlowIntegrator = "dopri5" | "rosenbrock" | "auto";

/**
 * "auto" switches only up to this many weights: a Rosenbrock step costs a dense LU (n³/3
 * flops) and a Jacobian (2n gradients of O(n) each), against 6 gradients per DOPRI5 step.
 */
export const ROSENBROCK_MAX_DIMENSION = 400;

/**
 * "auto" switches once DOPRI5 is stability-limited and the solution's own time scale T (the
 * time in which its fastest-moving weight changes by O(1) relative to itself: on a plateau,
 * B's growth time, ~ the rest of the plateau) is at least K·c DOPRI5 steps
 * (IntegratorOptions.stiffness), with c = (s + 2n)/6 the cost of a Rosenbrock step in
 * DOPRI5 steps (s stages and a 2n-gradient Jacobian against 6 gradients) and K this
 * constant, the order of the number of Rosenbrock steps a deep plateau takes (300-1100
 * measured, scripts/measure/deepSteps.ts). Short stiff stretches stay explicit: two-layer
 * plateaus (B grows at a rate ~‖e_B‖, T/h of order 10) and short intermediate-fusion ones.
 */
export const STIFF_SWITCH_STEPS = 250;

export const DEFAULT_FLOW_RTOL = 1e-10;
/**
 * Smallest attainable rtol: about 45 ulps (ε = 2.2e-16). Below it the embedded error estimate
 * is the stages' round-off, not the truncation error: steps alternate between exact-zero error
 * estimates and rejections (issue 12: rtol 1e-300 was reported as "diverged", and, judged on
 * accepted states only, would crawl to the step budget). Measured on the toy example: rtol
 * 1e-13, 1e-14, 1e-15 give the same t_B/t_A to 1e-15 in 2507, 3973, 6297 steps.
 */
export const MIN_FLOW_RTOL = 1e-14;
/**
 * Error-scale floor as a fraction of ‖θ‖∞: components 1e6× smaller than the largest are not
 * resolved relatively by DOPRI5. The Rosenbrock leg applies it per weight matrix
 * (blockGroups), so that B's tiny weights on a plateau are resolved relative to their size.
 */
const RELATIVE_FLOOR = 1e-6;
/** ‖θ‖∞ beyond this cannot come from a loss that decreases along the flow: divergence. */
const DIVERGENCE_NORM = 1e12;
const FIRST_SAMPLE_TIME = 1e-2;

/**
 * Gradient flow τ dθ/dt = −∇ℒ(θ) (τ = 1) integrated by DOPRI5 and, where it turns stiff, by
 * Rosenbrock (FlowOptions.integrator), with event location: each threshold crossing is a
 * root of ‖W_m^tot(t)‖ − level on the dense output, not a grid read. The observer below
 * (samples, events, plateau, stop rule) sees one continuous run across the switch.
 */
export function trainGradientFlow(
  model: TrainableModel,
  theta0: Float64Array,
  options: FlowOptions,
): TrainingRun {
  const rtol = options.rtol ?? DEFAULT_FLOW_RTOL;
  if (!(rtol >= MIN_FLOW_RTOL && rtol < 1)) {
    throw new InputError("rtol", `must be in [${MIN_FLOW_RTOL}, 1), got ${rtol}`);
  }
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
    samples.push({ t, loss: lossAt(model, state, w), totalMap: Array.from(w) });
  };
  record(0, theta0);
  // Divergence by the loss (run.ts): ℒ never increases along the exact flow, so an accepted
  // state above this level means the integration has lost the flow.
  const divergenceLevel = divergenceLossLevel(samples[0]!.loss, model.loss(new Float64Array(size)));
  let divergence: DivergenceReport | undefined;
  // A threshold already met at t = 0 is crossed at t = 0 (no sign change to locate).
  model.totalMap(theta0, w);
  for (const thr of thresholds) {
    if (blockNorm(w, thr.start, thr.end) >= thr.level) {
      crossings[thr.name] = { t: 0, step: 0, totalMap: Array.from(w) };
      crossedCount++;
    }
  }

  const gradient = gradientWithoutLoss(model);
  const problem: OdeProblem = {
    dimension: size,
    autonomous: true,
    rhs: (_t: number, theta: Float64Array, dydt: Float64Array) => {
      gradient(theta, dydt);
      for (let i = 0; i < size; i++) dydt[i] = -dydt[i]!;
    },
    jacobian: flowJacobian(model),
  };
  const events = thresholds.map((thr) => ({
    name: thr.name,
    direction: 1 as const,
    value: (_t: number, theta: Float64Array) => {
      model.totalMap(theta, w);
      return blockNorm(w, thr.start, thr.end) - thr.level;
    },
  }));

  let accepted = 0;
  const onStep = (step: AcceptedStep): boolean => {
    accepted++;
    if (options.onProgress && accepted % PROGRESS_EVERY_STEPS === 0)
      options.onProgress(step.t1, accepted);
    while (nextSample <= step.t1) {
      step.interpolate(nextSample, sampleState);
      record(nextSample, sampleState);
      nextSample = nextSampleTime(nextSample, FIRST_SAMPLE_TIME, perDecade);
    }
    model.totalMap(step.y1, w);
    lastLoss = lossAt(model, step.y1, w);
    if (!(lastLoss <= divergenceLevel)) {
      divergence = {
        t: step.t1,
        loss: lastLoss,
        reason: `loss ${lastLoss} above ${DIVERGENCE_LOSS_FACTOR}× max(ℒ(θ0), ℒ(0)) = ${divergenceLevel}: the loss cannot rise along gradient flow, the integration lost it`,
      };
      return true;
    }
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

  // Crossing steps count accepted steps over the whole run: the Rosenbrock leg's own
  // numbering starts after the DOPRI5 leg's.
  let stepOffset = 0;
  const observer: Observer = {
    events,
    onEvent: (event) => {
      if (crossings[event.name] !== undefined) return;
      model.totalMap(event.y, w);
      crossings[event.name] = {
        t: event.t,
        step: event.step + stepOffset,
        totalMap: Array.from(w),
      };
      crossedCount++;
      samples.push({ t: event.t, loss: lossAt(model, event.y, w), totalMap: Array.from(w) });
    },
    onStep,
  };
  const common: IntegratorOptions = {
    rtol,
    relativeFloor: RELATIVE_FLOOR,
    maxTime: options.maxTime ?? 1e15,
    maxSteps: options.maxSteps ?? 1_000_000,
    divergenceNorm: DIVERGENCE_NORM,
    // Per weight matrix: a modality's weights far below the other's (B on A's plateau, or
    // shrinking before it regrows along e_B) are resolved relative to their own size.
    errorGroups: blockGroups(model),
  };
  const mode = options.integrator ?? "auto";
  let explicit: IntegrationResult | undefined;
  let implicit: RosenbrockResult | undefined;
  if (mode !== "rosenbrock") {
    const stiffness =
      mode === "auto" && size <= ROSENBROCK_MAX_DIMENSION
        ? {
            stiffness: {
              minScaleOverStep: (STIFF_SWITCH_STEPS * (RODAS5P.a.length + 2 * size)) / 6,
            },
          }
        : {};
    explicit = integrate(problem, 0, theta0, { ...common, ...stiffness }, observer);
  }
  if (explicit === undefined || explicit.status === "stiff") {
    stepOffset = explicit?.steps ?? 0;
    implicit = integrateRosenbrock(
      problem,
      explicit?.t ?? 0,
      explicit?.y ?? theta0,
      {
        ...common,
        maxSteps: common.maxSteps - stepOffset,
        ...(explicit ? { initialStep: explicit.nextStep } : {}),
        errorGroups: blockGroups(model),
      },
      observer,
    );
  }
  const result = required(implicit ?? explicit, "result of the explicit or the implicit leg");
  scratch.set(result.y);
  model.totalMap(scratch, w);
  const finalLoss = lossAt(model, scratch, w);
  samples.push({ t: result.t, loss: finalLoss, totalMap: Array.from(w) });
  samples.sort((a, b) => a.t - b.t);
  const usage = integratorUsage(explicit, implicit, explicit?.t ?? 0, size);
  return {
    method: "flow",
    status: divergence ? "diverged" : runStatus(result.status),
    crossings,
    ...(plateau ? { plateau } : {}),
    final: {
      t: result.t,
      loss: finalLoss,
      totalMap: Array.from(w),
      theta: Float64Array.from(result.y),
    },
    samples,
    steps: (usage.dopri5?.steps ?? 0) + (usage.rosenbrock?.steps ?? 0),
    rejectedSteps: (usage.dopri5?.rejectedSteps ?? 0) + (usage.rosenbrock?.rejectedSteps ?? 0),
    gradientEvaluations: (usage.dopri5?.evaluations ?? 0) + (usage.rosenbrock?.evaluations ?? 0),
    integrators: usage,
    ...(divergence ? { divergence } : {}),
  };
}

/** Integrator work as reported in the TrainingRun. */
function integratorUsage(
  explicit: IntegrationResult | undefined,
  implicit: RosenbrockResult | undefined,
  start: number,
  size: number,
): IntegratorUsage {
  return {
    ...(explicit
      ? {
          dopri5: {
            steps: explicit.steps,
            rejectedSteps: explicit.rejectedSteps,
            evaluations: explicit.evaluations,
          },
        }
      : {}),
    ...(implicit
      ? {
          rosenbrock: {
            steps: implicit.steps,
            rejectedSteps: implicit.rejectedSteps,
            // The Jacobian's 2n gradients are not seen by the integrator's counter.
            evaluations: implicit.evaluations + 2 * size * implicit.jacobians,
            jacobians: implicit.jacobians,
            from: start,
          },
        }
      : {}),
  };
}

/**
 * Error-scale groups for the implicit integrator: one per weight matrix, so that a layer
 * whose weights are all tiny (B's on its plateau) is resolved relative to its own size.
 */
function blockGroups(model: TrainableModel): Int32Array {
  const groups = new Int32Array(model.layout.size);
  model.layout.blocks.forEach((block, b) => {
    groups.fill(b, block.offset, block.offset + block.rows * block.cols);
  });
  return groups;
}

function runStatus(status: IntegrationStatus): RunStatus {
  if (status === "stiff") throw new InternalError("a stiff DOPRI5 leg was not continued");
  return status === "stopped" ? "completed" : status;
}
