/**
 * Step-size control shared by every method: the accept/reject controller, the starting
 * step, and the test for a step size that has collapsed. Each method only states its
 * StepControl (order, growth bound, whether the controller is predictive).
 */
import { maxAbsEntry } from "./errorNorm.js";
import type { IntegratorOptions, OdeProblem, Rhs } from "./problem.js";

/** How a method wants its step size controlled. */
export interface StepControl {
  /** Order of the accepted solution: the controller's exponent 1/order and HINIT's. */
  readonly order: number;
  /** Largest growth h_new/h per accepted step (Hairer's codes: 10 in DOPRI5, 6 in RODAS). */
  readonly maxFactor: number;
  /**
   * Gustafsson's predictive controller after accepted steps (fewer rejections when the
   * error estimate drifts), and no growth right after a rejection: Hairer's RODAS. DOPRI5
   * runs the classical controller alone.
   */
  readonly predictive: boolean;
  /**
   * Without error groups, the error-scale floor is relativeFloor × max_i max(|y0_i|, |y1_i|)
   * (true) or × max_i |y1_i| (false, DOPRI5). Kept per method because changing either
   * would move every ungrouped run's steps; gradient flow always passes groups, where the
   * floor is the same for both (scaledErrorNorm).
   */
  readonly floorIncludesStart: boolean;
  /**
   * stepUnderflow measures rates against the per-group scale (true, Rosenbrock) or
   * against ‖y‖∞ (false, DOPRI5): kept per method for the same reason.
   */
  readonly groupedUnderflow: boolean;
}

// Hairer's defaults for both codes: safety factor and the largest cut per step.
const SAFETY = 0.9;
const MIN_FACTOR = 0.2;
/** Step-size underflow below this many ulps (of t, or of the state: see stepUnderflow). */
export const UNDERFLOW_ULPS = 16;

/**
 * The step-size controller, with its memory of the last accepted step and error (for the
 * predictive controller). A class so that every run shares its methods (stable call
 * targets in the driver's loop; see CountedRhs).
 */
export class StepSizeController {
  private readonly exponent: number;
  private hAccepted = 0;
  private errAccepted = 0;

  constructor(private readonly control: StepControl) {
    this.exponent = 1 / control.order;
  }

  /** The step to retry with after a rejected trial of size h (err NaN: the trial failed). */
  afterRejection(h: number, err: number): number {
    // A failed trial (overflow, singular matrix) says nothing about the error: cut hard.
    const factor = Number.isFinite(err)
      ? Math.max(MIN_FACTOR, SAFETY * err ** -this.exponent)
      : MIN_FACTOR;
    return h * Math.min(1, factor);
  }

  /** h_new/h after an accepted trial; `accepted` counts the steps accepted before it. */
  afterAcceptance(h: number, err: number, accepted: number, afterRejection: boolean): number {
    const { exponent, control } = this;
    const maxFactor = control.maxFactor;
    let factor = err === 0 ? maxFactor : SAFETY * err ** -exponent;
    if (!control.predictive) return Math.min(maxFactor, Math.max(MIN_FACTOR, factor));
    if (accepted > 0 && this.hAccepted > 0) {
      const predictive =
        (h / this.hAccepted) * SAFETY * (this.errAccepted / (err * err)) ** exponent;
      factor = Math.min(factor, predictive);
    }
    factor = Math.min(maxFactor, Math.max(MIN_FACTOR, factor));
    if (afterRejection) factor = Math.min(factor, 1);
    this.hAccepted = h;
    this.errAccepted = Math.max(1e-2, err);
    return factor;
  }
}

/**
 * Whether the step size h has collapsed. For a problem that depends on t: h below
 * UNDERFLOW_ULPS ulps of t (the step can no longer advance t). For an
 * autonomous one t is only a label, kept exact by compensated summation, and its size is
 * irrelevant (gradient flow of a deep network crosses A's and B's transitions, O(1) long,
 * at t ~ 1e13 or later); there the step has collapsed when, after a rejection, it cannot
 * move any component by UNDERFLOW_ULPS ulps of its error scale: h·max_i |f_i|/scale_i below that,
 * scale_i = max(|y_i|, floor·max|y| over i's group, or over all of y without groups).
 */
export function stepUnderflow(
  problem: OdeProblem,
  h: number,
  t: number,
  y: Float64Array,
  f0: Float64Array,
  floor: number,
  afterRejection: boolean,
  groups?: Int32Array,
  groupMax?: Float64Array,
): boolean {
  const limit = UNDERFLOW_ULPS * Number.EPSILON;
  if (!problem.autonomous) return h < limit * Math.max(1, Math.abs(t));
  // A small h is a collapse only if the controller had to cut it (slow dynamics, e.g. near
  // θ = 0 at t = 0, start with tiny h·rate and grow it by accepted steps).
  if (!afterRejection) return false;
  groupMax?.fill(0);
  let yMax = 0;
  for (let i = 0; i < y.length; i++) {
    const a = Math.abs(y[i]!);
    if (a > yMax) yMax = a;
    if (groups && groupMax && a > groupMax[groups[i]!]!) groupMax[groups[i]!] = a;
  }
  let rate = 0;
  for (let i = 0; i < y.length; i++) {
    const groupScale = groups && groupMax ? groupMax[groups[i]!]! : yMax;
    const scale = Math.max(Math.abs(y[i]!), floor * groupScale, Number.MIN_VALUE);
    rate = Math.max(rate, Math.abs(f0[i]!) / scale);
  }
  // rate = 0: y is at rest (f = 0), every step is exact and h only grows.
  return rate > 0 && h * rate < limit;
}

/**
 * Hairer's starting step (HINIT) for a method of order `order` (DOPRI5: 5): balances
 * ‖y‖/‖f‖ against a trial Euler step's curvature.
 */
export function initialStep(
  problem: OdeProblem,
  t: number,
  y: Float64Array,
  f0: Float64Array,
  options: IntegratorOptions,
  f: Rhs,
  order: number,
): number {
  const n = problem.dimension;
  const yMax = maxAbsEntry(y, n);
  const scaleOf = (i: number) =>
    options.rtol * Math.max(Math.abs(y[i]!), options.relativeFloor * yMax);
  let d0 = 0;
  let d1 = 0;
  for (let i = 0; i < n; i++) {
    const sc = scaleOf(i);
    if (sc === 0) continue;
    d0 += (y[i]! / sc) ** 2;
    d1 += (f0[i]! / sc) ** 2;
  }
  d0 = Math.sqrt(d0 / n);
  d1 = Math.sqrt(d1 / n);
  let h0 = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : 0.01 * (d0 / d1);
  h0 = Math.min(h0, options.maxTime - t);
  const y1 = new Float64Array(n);
  const f1 = new Float64Array(n);
  for (let i = 0; i < n; i++) y1[i] = y[i]! + h0 * f0[i]!;
  f(t + h0, y1, f1);
  let d2 = 0;
  for (let i = 0; i < n; i++) {
    const sc = scaleOf(i);
    if (sc === 0) continue;
    d2 += ((f1[i]! - f0[i]!) / sc) ** 2;
  }
  d2 = Math.sqrt(d2 / n) / h0;
  const h1 =
    Math.max(d1, d2) <= 1e-15
      ? Math.max(1e-6, h0 * 1e-3)
      : (0.01 / Math.max(d1, d2)) ** (1 / order);
  return Math.min(100 * h0, h1);
}
