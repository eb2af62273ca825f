import type { TrainableModel } from "../network/model.js";
import {
  blockNorm,
  type Crossing,
  DIVERGENCE_LOSS_FACTOR,
  type DivergenceReport,
  divergenceLossLevel,
  type NormThreshold,
  nextSampleTime,
  PROGRESS_EVERY_STEPS,
  type ProgressCallback,
  type RunStatus,
  type StopRule,
  shouldStop,
  type TrainingRun,
  type TrajectorySample,
} from "./run.js";

export interface DescentOptions {
  readonly thresholds: readonly NormThreshold[];
  readonly stop?: StopRule;
  /** Learning rate η > 0; time advances by η per step (t/τ = η·steps, docs/theory.md §2). */
  readonly learningRate: number;
  readonly maxTime?: number;
  readonly maxSteps?: number;
  readonly samplesPerDecade?: number;
  readonly onProgress?: ProgressCallback;
}

const FIRST_SAMPLE_TIME = 1e-2;

/**
 * Full-batch gradient descent θ ← θ − η∇ℒ(θ), the explicit Euler discretisation of the
 * flow. A crossing time is interpolated linearly in the block norm between the last
 * iterate below the level and the first at or above it; `step` is that first iterate.
 */
export function trainGradientDescent(
  model: TrainableModel,
  theta0: Float64Array,
  options: DescentOptions,
): TrainingRun {
  const { learningRate: eta, thresholds } = options;
  const size = model.layout.size;
  const theta = Float64Array.from(theta0);
  const grad = new Float64Array(size);
  const w = new Float64Array(model.inputDim);
  const previousNorms = new Float64Array(thresholds.length);
  const crossings: Record<string, Crossing> = {};
  const samples: TrajectorySample[] = [];
  const stop = options.stop ?? {};
  const maxSteps = Math.min(
    options.maxSteps ?? 10_000_000,
    Math.ceil((options.maxTime ?? Number.POSITIVE_INFINITY) / eta),
  );
  const perDecade = options.samplesPerDecade ?? 20;
  let nextSample = FIRST_SAMPLE_TIME;
  let status: RunStatus = "step-budget";
  let step = 0;
  let loss = model.gradient(theta, grad);
  // Divergence (run.ts, DIVERGENCE_LOSS_FACTOR): the loss above twice its start or ℒ(θ = 0).
  const divergenceLevel = divergenceLossLevel(loss, model.loss(new Float64Array(size)));
  let divergence: DivergenceReport | undefined;

  const checkCrossings = (t: number) => {
    model.totalMap(theta, w);
    thresholds.forEach((thr, i) => {
      const now = blockNorm(w, thr.start, thr.end);
      if (crossings[thr.name] === undefined && now >= thr.level) {
        // A threshold already met at step 0 is crossed at t = 0 (no earlier iterate to
        // interpolate from); later ones interpolate linearly in the norm over the last step.
        const before = previousNorms[i]!;
        const tCross = step === 0 ? 0 : t - eta + ((thr.level - before) / (now - before)) * eta;
        crossings[thr.name] = { t: tCross, step, totalMap: Array.from(w) };
      }
      previousNorms[i] = now;
    });
  };
  model.totalMap(theta, w);
  samples.push({ t: 0, loss, totalMap: Array.from(w) });
  checkCrossings(0);

  for (;;) {
    const crossedAll = Object.keys(crossings).length === thresholds.length;
    if (shouldStop(stop, crossedAll, loss)) {
      status = "completed";
      break;
    }
    if (step >= maxSteps) {
      status =
        options.maxTime !== undefined && step * eta >= options.maxTime
          ? "time-budget"
          : "step-budget";
      break;
    }
    for (let i = 0; i < size; i++) theta[i]! -= eta * grad[i]!;
    step++;
    loss = model.gradient(theta, grad);
    // Checked before the crossings: a threshold met on an unstable step is met by overshoot.
    if (!(loss <= divergenceLevel)) {
      status = "diverged";
      divergence = {
        t: step * eta,
        loss,
        reason: `loss ${loss} above ${DIVERGENCE_LOSS_FACTOR}× max(ℒ(θ0), ℒ(0)) = ${divergenceLevel} at step ${step}: the learning rate exceeds the step's stability bound (η·λ > 2)`,
      };
      break;
    }
    const t = step * eta;
    if (options.onProgress && step % PROGRESS_EVERY_STEPS === 0) options.onProgress(t, step);
    checkCrossings(t);
    if (t >= nextSample) {
      samples.push({ t, loss, totalMap: Array.from(w) });
      while (nextSample <= t) nextSample = nextSampleTime(nextSample, FIRST_SAMPLE_TIME, perDecade);
    }
  }
  model.totalMap(theta, w);
  samples.push({ t: step * eta, loss, totalMap: Array.from(w) });
  return {
    method: "gd",
    status,
    crossings,
    final: { t: step * eta, loss, totalMap: Array.from(w), theta },
    samples,
    steps: step,
    rejectedSteps: 0,
    gradientEvaluations: step + 1,
    ...(divergence ? { divergence } : {}),
  };
}
