/**
 * The adaptive driver every method runs under (DOPRI5, Rodas5P, Rodas4): budgets, the
 * scaled error norm, step-size control, compensated time, the divergence rule, event
 * location on the dense output and the observer, written once over a Stepper (stepper.ts).
 * Two copies of this loop had begun to differ (issue 13); gradient flow switches methods
 * mid-run and needs them to agree on every status.
 *
 * The divergence rule, for every method: a trial that passes the error test is accepted
 * only if ‖y1‖∞ ≤ divergenceNorm, else the run ends "diverged" at the last accepted state
 * (which the observer has seen; the state beyond is never shown). A trial with anything
 * non-finite in it (a stage, y1, or f(y1)) is a failed trial and is retried with h/5, like
 * one whose error estimate is too large: a trial with too large an h says nothing about
 * the solution (an overshoot into a region where f overflows is not divergence). f(y1) is
 * part of DOPRI5's error estimate (its FSAL stage), so DOPRI5 always treated a non-finite
 * f(y1) so; Rosenbrock evaluates it after the error test (as its next f0), and is held to
 * the same rule here. Only the initial state, which cannot be retried, is diverged when
 * its f is non-finite (or it lies beyond divergenceNorm). The flow's own rule on the loss
 * (run.ts, gradientFlow.ts) is applied by its observer on every accepted state.
 */
import { initialStep, StepSizeController, stepUnderflow } from "./control.js";
import { allFinite, errorGroupScratch, maxAbsEntry, scaledErrorNorm } from "./errorNorm.js";
import { locateEvents } from "./events.js";
import type {
  IntegrationResult,
  IntegrationStatus,
  IntegratorOptions,
  LocatedEvent,
  Observer,
  OdeProblem,
  Rhs,
} from "./problem.js";
import type { Stepper } from "./stepper.js";

/**
 * The right-hand side with its evaluation count (what a result reports as evaluations).
 * A class, not a closure per run: the steppers' hot code calls `evaluate` at a call site
 * that then always sees the same function (a fresh closure per run made V8 deoptimise the
 * DOPRI5 stages on "wrong call target" run after run).
 */
export class CountedRhs {
  evaluations = 0;
  readonly f: Rhs = (t, y, out) => this.evaluate(t, y, out);
  constructor(private readonly problem: OdeProblem) {}
  evaluate(t: number, y: Float64Array, out: Float64Array): void {
    this.evaluations++;
    this.problem.rhs(t, y, out);
  }
}

/**
 * The trial's scaled error norm, NaN when y1 overflowed; writes ‖y1‖∞ into trialMax[0]
 * for the divergence rule. One pass over y1 (and y0) for norm and finiteness: this runs
 * at every attempted step.
 */
function trialErrorNorm(
  stepper: Stepper,
  y: Float64Array,
  yNew: Float64Array,
  tolerance: { readonly rtol: number; readonly relativeFloor: number },
  groups: Int32Array | undefined,
  groupMax: Float64Array,
  trialMax: Float64Array,
): number {
  const withStart = stepper.control.floorIncludesStart;
  let max = 0;
  let startMax = 0;
  let finite = true;
  for (let i = 0; i < yNew.length; i++) {
    const a = Math.abs(yNew[i]!);
    if (!(a < Number.POSITIVE_INFINITY)) finite = false;
    if (a > max) max = a;
    if (withStart) {
      const b = Math.abs(y[i]!);
      if (b > startMax) startMax = b;
    }
  }
  trialMax[0] = max;
  if (!finite) return Number.NaN;
  const scale = withStart ? Math.max(max, startMax) : max;
  return scaledErrorNorm(stepper.error, y, yNew, tolerance, groups, groupMax, scale);
}

export function integrateAdaptive(
  problem: OdeProblem,
  t0: number,
  initial: Float64Array,
  options: IntegratorOptions,
  observer: Observer,
  stepper: Stepper,
  rhs: CountedRhs,
): IntegrationResult {
  const n = problem.dimension;
  const control = stepper.control;
  // State and derivative at the last accepted point and at the trial point; swapped, never
  // reallocated, after each accepted step.
  let y = Float64Array.from(initial);
  let yNew = new Float64Array(n);
  let f0 = new Float64Array(n);
  let f1 = new Float64Array(n);
  const groups = options.errorGroups;
  // One shape for every run (see scaledErrorNorm).
  const tolerance = { rtol: options.rtol, relativeFloor: options.relativeFloor };
  const groupMax = errorGroupScratch(groups);
  const underflowGroups = control.groupedUnderflow ? groups : undefined;
  const underflowScratch = control.groupedUnderflow ? groupMax : undefined;
  const controller = new StepSizeController(control);
  const eventBuffer = new Float64Array(n);
  const events: LocatedEvent[] = [];

  let t = t0;
  // Kahan compensation of t: the part of Σh that the double t could not hold, so that t
  // stays within an ulp of the exact sum of the steps even when they approach ulp(t) (deep
  // networks reach t ~ 1e20).
  let tLost = 0;
  let lastRejected = false;
  rhs.evaluate(t, y, f0);
  let h = options.initialStep ?? initialStep(problem, t, y, f0, options, rhs.f, control.order);
  let steps = 0;
  let rejected = 0;
  const eventValues = observer.events.map((e) => e.value(t, y));
  let denseT0 = t;
  let denseH = 0;
  // The stepper's interpolant maps [t0, t1] as represented onto θ ∈ [0, 1].
  const interpolate = (tq: number, out: Float64Array) =>
    stepper.interpolate(denseH === 0 ? 0 : (tq - denseT0) / denseH, out);
  // One mutable record handed to the observer at every step (no per-step allocation).
  const accepted = { index: 0, t0: t, t1: t, y0: y, y1: yNew, dydt1: f1, interpolate };
  const finish = (status: IntegrationStatus): IntegrationResult => ({
    status,
    t,
    y,
    steps,
    rejectedSteps: rejected,
    evaluations: rhs.evaluations,
    events,
    nextStep: h,
  });
  // ‖y1‖∞ of the last trial, for the divergence rule (in a Float64Array: a double
  // written to a closure's variable at every trial would be boxed).
  const trialMax = new Float64Array(1);
  const reject = (hStep: number, err: number): number => {
    rejected++;
    lastRejected = true;
    return controller.afterRejection(hStep, err);
  };

  // A start beyond the divergence norm, or not finite (NaN fails the comparison), diverged.
  if (!(maxAbsEntry(y, y.length) <= options.divergenceNorm) || !allFinite(f0))
    return finish("diverged");
  for (;;) {
    if (steps >= options.maxSteps) return finish("step-budget");
    // Time left from the compensated time t + tLost; the step that reaches maxTime lands on it.
    const left = options.maxTime - t - tLost;
    if (!(left > 0)) return finish("time-budget");
    const floor = options.relativeFloor;
    if (stepUnderflow(problem, h, t, y, f0, floor, lastRejected, underflowGroups, underflowScratch))
      return finish("step-underflow");
    const lands = h >= left;
    const hStep = lands ? left : h;

    const err = stepper.trial(t, hStep, y, f0, yNew, f1)
      ? trialErrorNorm(stepper, y, yNew, tolerance, groups, groupMax, trialMax)
      : Number.NaN;
    if (!Number.isFinite(err) || err > 1) {
      h = reject(hStep, err);
      continue;
    }
    if (trialMax[0]! > options.divergenceNorm) return finish("diverged");
    const increment = hStep + tLost;
    const tNew = lands ? options.maxTime : t + increment;
    stepper.derivativeAt(tNew, yNew, f1);
    if (!allFinite(f1)) {
      h = reject(hStep, Number.NaN);
      continue;
    }

    // Accepted.
    const factor = controller.afterAcceptance(hStep, err, steps, lastRejected);
    lastRejected = false;
    stepper.prepareDense(hStep, y, yNew, f0, f1);
    tLost = lands ? 0 : increment - (tNew - t);
    denseT0 = t;
    denseH = tNew - t;
    steps++;

    locateEvents(observer, eventValues, t, tNew, yNew, interpolate, eventBuffer, steps, events);

    accepted.index = steps;
    accepted.t0 = t;
    accepted.t1 = tNew;
    accepted.y0 = y;
    accepted.y1 = yNew;
    accepted.dydt1 = f1;
    const stop = observer.onStep?.(accepted) ?? false;
    const stiff = stepper.accepted(steps, hStep, yNew, f1);
    const yOld = y;
    y = yNew;
    yNew = yOld;
    const fOld = f0;
    f0 = f1;
    f1 = fOld;
    t = tNew;
    h = hStep * factor;
    if (stop) return finish("stopped");
    if (stiff) return finish("stiff");
  }
}
