/** What a training run reports, whatever the method (gradient flow or descent). */

/** A level crossing of ‖W^tot[start:end]‖ (a modality's block of the total map). */
export interface NormThreshold {
  readonly name: string;
  readonly start: number;
  readonly end: number;
  /** The crossing is the first time the block norm is ≥ level. */
  readonly level: number;
}

/** When to stop, beyond the budgets. */
export interface StopRule {
  /** Stop once every threshold has been crossed (default true). */
  readonly afterThresholds?: boolean;
  /** ...and, if set, once the loss is ≤ this level (e.g. within 1e-9 of ℒ*). */
  readonly lossBelow?: number;
  /**
   * Stop whatever the thresholds once the loss is ≤ this level: the global minimum is
   * reached and W^tot no longer moves, so a threshold not crossed by then never will be
   * (reported as not reached, without spending the budget at the fixed point).
   */
  readonly minimumReachedBelow?: number;
}

/** Whether a run with these crossings and this loss should stop. */
export function shouldStop(stop: StopRule, crossedAll: boolean, loss: number): boolean {
  if (stop.minimumReachedBelow !== undefined && loss <= stop.minimumReachedBelow) return true;
  if ((stop.afterThresholds ?? true) && !crossedAll) return false;
  return stop.lossBelow === undefined || loss <= stop.lossBelow;
}

/**
 * Divergence by the loss, the same rule for gradient descent and gradient flow. Along the
 * exact flow ℒ never increases (dℒ/dt = −‖∇ℒ‖²), and a descent step that respects its local
 * stability bound never increases it either (descent lemma: ℒ(θ − η∇ℒ) ≤ ℒ(θ) −
 * η(1 − ηλ/2)‖∇ℒ‖² when ηλ < 2 for the curvature λ along the step). So a trajectory whose loss
 * rises above where it started has left the dynamics it models: gd with η beyond 2/λ_max
 * (issue 12: lr 1e3 jumps from ℒ(0) = 3.5 to 2.5e5 in two steps and crosses both thresholds
 * by overshoot), or an integrator that lost the flow. The level is this factor times the
 * larger of ℒ(θ0) and ℒ(θ = 0) (the saddle the small-init runs start next to): 2 leaves
 * room for round-off and for the ReLU models' kinks, where the descent lemma holds only
 * piecewise, and is far below any overshoot measured (lr 0.5 on the toy example: 7e18;
 * lr 1e6: 110·ℒ(0) after one step). Gradient descent within its bound never comes near it
 * (test/training/gradientDescent.test.ts: the monotone loss of lr 0.04 … 0.3).
 */
export const DIVERGENCE_LOSS_FACTOR = 2;

/** The loss level above which a run from θ0 has diverged (DIVERGENCE_LOSS_FACTOR). */
export function divergenceLossLevel(lossAtStart: number, lossAtZero: number): number {
  return DIVERGENCE_LOSS_FACTOR * Math.max(lossAtStart, lossAtZero);
}

/**
 * Progress of a long run: called at most every PROGRESS_EVERY_STEPS accepted steps (or
 * iterations) with the time reached and the steps so far. For display only (the CLI's live
 * line on a terminal): it must not change the run.
 */
export type ProgressCallback = (t: number, steps: number) => void;

/** A progress callback is called every this many steps (a cheap two-layer step is ~1 µs). */
export const PROGRESS_EVERY_STEPS = 10_000;

/** Why and where a run was declared diverged. */
export interface DivergenceReport {
  /** Time of the first state beyond the rule (gd: η·step; flow: the accepted step's end). */
  readonly t: number;
  /** The loss there (null in JSON when non-finite). */
  readonly loss: number;
  /** The rule that fired, in words. */
  readonly reason: string;
}

/**
 * How a run ended: "completed" (its stop rule), a time or step budget, divergence, or a step size
 * below the floor.
 */
export type RunStatus = "completed" | "time-budget" | "step-budget" | "diverged" | "step-underflow";

/** The first crossing of one norm threshold (docs/theory.md §3): when, at which step, the total map there. */
export interface Crossing {
  readonly t: number;
  /** Step index (accepted steps for flow, iterations for descent) at which it happened. */
  readonly step: number;
  readonly totalMap: number[];
}

/** One recorded state of a run: time, loss and total map W = [W_A, W_B]. */
export interface TrajectorySample {
  readonly t: number;
  readonly loss: number;
  readonly totalMap: number[];
}

/** The state of slowest motion between the first two crossings (docs/theory.md T3 plateau). */
export interface PlateauState {
  readonly t: number;
  readonly loss: number;
  readonly totalMap: number[];
  /** ‖dθ/dt‖ there. */
  readonly speed: number;
}

/** Work of one integrator within a gradient-flow run. */
export interface IntegratorWork {
  /** Accepted steps. */
  readonly steps: number;
  readonly rejectedSteps: number;
  /** Gradient evaluations, including those spent on Jacobians. */
  readonly evaluations: number;
}

/**
 * Which integrators a gradient-flow run used: DOPRI5 from t = 0 (unless the run was
 * implicit throughout), then, once stiffness was detected, Rosenbrock to the end.
 */
export interface IntegratorUsage {
  readonly dopri5?: IntegratorWork;
  readonly rosenbrock?: IntegratorWork & {
    /** Jacobians of −∇ℒ (2n gradient evaluations each, counted in evaluations). */
    readonly jacobians: number;
    /** Time at which it took over (0 when it ran from the start). */
    readonly from: number;
  };
}

/**
 * The record of one training run: how it ended, the threshold crossings, the plateau and final
 * states, log-spaced samples of the trajectory, and the work it took.
 */
export interface TrainingRun {
  readonly method: "flow" | "gd";
  readonly status: RunStatus;
  readonly crossings: Readonly<Record<string, Crossing>>;
  readonly plateau?: PlateauState;
  readonly final: {
    readonly t: number;
    readonly loss: number;
    readonly totalMap: number[];
    readonly theta: Float64Array;
  };
  /** Log-spaced samples (plus events, start and end): memory bounded by the budget's decades. */
  readonly samples: readonly TrajectorySample[];
  /** Accepted steps (iterations for gd), summed over the integrators. */
  readonly steps: number;
  readonly rejectedSteps: number;
  readonly gradientEvaluations: number;
  /** Gradient flow: the split of the work between the integrators. */
  readonly integrators?: IntegratorUsage;
  /** Set when status is "diverged": the rule that fired and where. */
  readonly divergence?: DivergenceReport;
}

/** Log-spaced sampling times: `perDecade` per factor 10 from `first` on. */
export function nextSampleTime(t: number, first: number, perDecade: number): number {
  if (t < first) return first;
  const k = Math.floor(perDecade * Math.log10(t / first) + 1e-9) + 1;
  return first * 10 ** (k / perDecade);
}

export function blockNorm(w: Float64Array, start: number, end: number): number {
  let sum = 0;
  for (let i = start; i < end; i++) sum += w[i]! * w[i]!;
  return Math.sqrt(sum);
}
