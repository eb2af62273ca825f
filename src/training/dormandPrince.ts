/**
 * Dormand-Prince 5(4) with FSAL, the 4th-order continuous extension of Hairer, Nørsett
 * & Wanner (Solving ODEs I, §II.6, code DOPRI5/CONTD5), and event location by Brent's
 * method on the dense output. Written here rather than taken from a package because the
 * JS candidates lack event location (odex) or dense output, and the gradient-flow hot
 * loop wants Float64Array buffers allocated once. Optionally it detects stiffness and hands
 * over (status "stiff") to the implicit integrator of rosenbrock.ts, which shares this
 * file's contract (OdeProblem, IntegratorOptions, Observer, IntegrationResult).
 */

/** y' = f(t, y), written into `dydt`. */
export interface OdeProblem {
  readonly dimension: number;
  rhs(t: number, y: Float64Array, dydt: Float64Array): void;
  /**
   * ∂f/∂y at (t, y), written row-major into `out` (n×n: out[i·n + j] = ∂f_i/∂y_j). Used by
   * the implicit integrator (rosenbrock.ts); without it that integrator differences rhs.
   */
  jacobian?(t: number, y: Float64Array, out: Float64Array): void;
  /** f does not depend on t (spares the implicit integrator its ∂f/∂t evaluation). */
  readonly autonomous?: boolean;
}

/** A scalar function of the state whose zero crossing is an event. */
export interface EventFunction {
  readonly name: string;
  /** +1: only upward crossings (g goes from < 0 to ≥ 0), −1 downward, 0 both. */
  readonly direction: 1 | -1 | 0;
  value(t: number, y: Float64Array): number;
}

/** An accepted step as seen by the observer: [t0, t1] with dense output in between. */
export interface AcceptedStep {
  readonly index: number;
  readonly t0: number;
  readonly t1: number;
  readonly y0: Float64Array;
  readonly y1: Float64Array;
  /** y'(t1), the FSAL stage: free to read. */
  readonly dydt1: Float64Array;
  /** Writes the interpolated state at t ∈ [t0, t1] into `out` (4th-order accurate). */
  interpolate(t: number, out: Float64Array): void;
}

export interface LocatedEvent {
  readonly name: string;
  readonly t: number;
  readonly y: Float64Array;
  readonly step: number;
}

export interface IntegratorOptions {
  /** Relative tolerance of the local error, per component. */
  readonly rtol: number;
  /**
   * Absolute floor of the error scale, as a fraction of ‖y‖∞: sc_i = rtol·max(|y_i|, floor·‖y‖∞).
   * Scale-free on purpose: gradient flow from an init of size u0 is, to leading order,
   * the same trajectory at every u0 up to rescaling, so no fixed atol suits all u0.
   */
  readonly relativeFloor: number;
  /**
   * Group index (0, 1, ...) of every component for the error scale: the floor of component
   * i is relativeFloor·max_{j in group(i)} |y_j| instead of relativeFloor·‖y‖∞. Lets a
   * block of tiny components (a modality's weights on a plateau, 1e-30 next to O(1)) be
   * resolved relative to its own size. Default: one group.
   */
  readonly errorGroups?: Int32Array;
  readonly maxTime: number;
  readonly maxSteps: number;
  /** ‖y‖∞ above this is divergence. */
  readonly divergenceNorm: number;
  /** First trial step (default: Hairer's HINIT estimate); used to continue another run. */
  readonly initialStep?: number;
  /**
   * DOPRI5 only: stop with status "stiff" once the step size is stability-limited (Hairer's
   * test, see STIFF_*) and the solution's own time scale T = 1/max_i(|f_i|/|y_i|), the time
   * in which its fastest-moving component changes by O(1) relative to itself, is at least
   * minScaleOverStep steps. T/h estimates the explicit steps left before anything happens
   * (on a plateau: B's growth time); the caller sets the threshold from the cost of the
   * implicit method it would continue with.
   */
  readonly stiffness?: { readonly minScaleOverStep: number };
}

export type IntegrationStatus =
  | "stopped" // the observer asked to stop
  | "time-budget"
  | "step-budget"
  | "diverged"
  | "step-underflow"
  | "stiff"; // DOPRI5 with detectStiffness: the problem became stiff at t (state y)

export interface IntegrationResult {
  readonly status: IntegrationStatus;
  readonly t: number;
  readonly y: Float64Array;
  readonly steps: number;
  readonly rejectedSteps: number;
  readonly evaluations: number;
  readonly events: readonly LocatedEvent[];
  /** The step size the controller proposes next (to continue the run elsewhere). */
  readonly nextStep: number;
}

export interface Observer {
  readonly events: readonly EventFunction[];
  /** Called once per located event, in time order. */
  onEvent?(event: LocatedEvent): void;
  /** Called after each accepted step and its events; return true to stop. */
  onStep?(step: AcceptedStep): boolean;
}

// Butcher tableau of DOPRI5.
const C2 = 1 / 5;
const C3 = 3 / 10;
const C4 = 4 / 5;
const C5 = 8 / 9;
const A21 = 1 / 5;
const A31 = 3 / 40;
const A32 = 9 / 40;
const A41 = 44 / 45;
const A42 = -56 / 15;
const A43 = 32 / 9;
const A51 = 19372 / 6561;
const A52 = -25360 / 2187;
const A53 = 64448 / 6561;
const A54 = -212 / 729;
const A61 = 9017 / 3168;
const A62 = -355 / 33;
const A63 = 46732 / 5247;
const A64 = 49 / 176;
const A65 = -5103 / 18656;
const A71 = 35 / 384;
const A73 = 500 / 1113;
const A74 = 125 / 192;
const A75 = -2187 / 6784;
const A76 = 11 / 84;
// Error coefficients: 5th-order weights minus embedded 4th-order weights.
const E1 = 71 / 57600;
const E3 = -71 / 16695;
const E4 = 71 / 1920;
const E5 = -17253 / 339200;
const E6 = 22 / 525;
const E7 = -1 / 40;
// Dense output (CONTD5).
const D1 = -12715105075 / 11282082432;
const D3 = 87487479700 / 32700410799;
const D4 = -10690763975 / 1880347072;
const D5 = 701980252875 / 199316789632;
const D6 = -1453857185 / 822651844;
const D7 = 69997945 / 29380423;

// Step-size control (Hairer's defaults): safety factor, bounds on the change per step.
const SAFETY = 0.9;
const MIN_FACTOR = 0.2;
const MAX_FACTOR = 10;
/** Step-size underflow below this many ulps (of t, or of the state: see stepUnderflow). */
export const UNDERFLOW_ULPS = 16;
/**
 * Stiffness test of Hairer's DOPRI5 (Solving ODEs II, §IV.2): h·|λ| is estimated at accepted
 * steps as h·‖f(y_new) − k6‖/‖y_new − Y6‖ (two evaluations of f at t + h, at y_new and at the
 * 6th stage Y6: a difference quotient of the Jacobian along y_new − Y6). Beyond
 * STIFF_H_LAMBDA (≈ the stability boundary of DOPRI5 on the negative real axis, 3.3) the step
 * is stability- rather than accuracy-limited; STIFF_STEPS such steps, not interrupted by
 * STIFF_RESET consecutive non-stiff ones, declare the problem stiff. As in Hairer's code the
 * test runs only every STIFF_CHECK_INTERVAL steps until one is stiff, then at every step;
 * the time-scale condition (IntegratorOptions.stiffness) every STIFF_CHECK_INTERVAL stiff
 * steps from the STIFF_STEPS-th on.
 */
const STIFF_H_LAMBDA = 3.25;
const STIFF_STEPS = 15;
const STIFF_RESET = 6;
const STIFF_CHECK_INTERVAL = 10;

export function integrate(
  problem: OdeProblem,
  t0: number,
  initial: Float64Array,
  options: IntegratorOptions,
  observer: Observer,
): IntegrationResult {
  const n = problem.dimension;
  const buf = () => new Float64Array(n);
  let y = Float64Array.from(initial);
  let yNew = buf();
  const k1 = buf();
  const k2 = buf();
  const k3 = buf();
  const k4 = buf();
  const k5 = buf();
  const k6 = buf();
  const k7 = buf();
  const stage = buf();
  const errorVector = buf();
  const groupMax = errorGroupScratch(options.errorGroups);
  const dense = [buf(), buf(), buf(), buf(), buf()] as const;
  const eventBuffer = buf();
  const events: LocatedEvent[] = [];
  let evaluations = 0;
  const f = (t: number, state: Float64Array, out: Float64Array) => {
    evaluations++;
    problem.rhs(t, state, out);
  };

  let t = t0;
  let tLost = 0;
  let lastRejected = false;
  f(t, y, k1);
  let h = options.initialStep ?? initialStep(problem, t, y, k1, options, f);
  let steps = 0;
  let rejected = 0;
  let stiffSteps = 0;
  let nonStiffSteps = 0;
  const eventValues = observer.events.map((e) => e.value(t, y));
  let denseT0 = t;
  let denseH = 0;
  const interpolate = (tq: number, out: Float64Array) => {
    const theta = denseH === 0 ? 0 : (tq - denseT0) / denseH;
    const theta1 = 1 - theta;
    const [r1, r2, r3, r4, r5] = dense;
    for (let i = 0; i < n; i++) {
      out[i] = r1[i]! + theta * (r2[i]! + theta1 * (r3[i]! + theta * (r4[i]! + theta1 * r5[i]!)));
    }
  };
  // One mutable record handed to the observer at every step (no per-step allocation).
  const accepted = { index: 0, t0: t, t1: t, y0: y, y1: yNew, dydt1: k7, interpolate };
  const finish = (status: IntegrationStatus): IntegrationResult => ({
    status,
    t,
    y,
    steps,
    rejectedSteps: rejected,
    evaluations,
    events,
    nextStep: h,
  });

  // A non-finite derivative at the start: nothing can be integrated (diverged, as in Rodas5P).
  if (!allFinite(k1)) return finish("diverged");
  for (;;) {
    if (steps >= options.maxSteps) return finish("step-budget");
    // Time left from the compensated time t + tLost; the step that reaches maxTime lands on it.
    const left = options.maxTime - t - tLost;
    if (!(left > 0)) return finish("time-budget");
    if (stepUnderflow(problem, h, t, y, k1, options.relativeFloor, lastRejected))
      return finish("step-underflow");
    const lands = h >= left;
    const hStep = lands ? left : h;

    for (let i = 0; i < n; i++) stage[i] = y[i]! + hStep * A21 * k1[i]!;
    f(t + C2 * hStep, stage, k2);
    for (let i = 0; i < n; i++) stage[i] = y[i]! + hStep * (A31 * k1[i]! + A32 * k2[i]!);
    f(t + C3 * hStep, stage, k3);
    for (let i = 0; i < n; i++)
      stage[i] = y[i]! + hStep * (A41 * k1[i]! + A42 * k2[i]! + A43 * k3[i]!);
    f(t + C4 * hStep, stage, k4);
    for (let i = 0; i < n; i++) {
      stage[i] = y[i]! + hStep * (A51 * k1[i]! + A52 * k2[i]! + A53 * k3[i]! + A54 * k4[i]!);
    }
    f(t + C5 * hStep, stage, k5);
    for (let i = 0; i < n; i++) {
      stage[i] =
        y[i]! + hStep * (A61 * k1[i]! + A62 * k2[i]! + A63 * k3[i]! + A64 * k4[i]! + A65 * k5[i]!);
    }
    f(t + hStep, stage, k6);
    for (let i = 0; i < n; i++) {
      yNew[i] =
        y[i]! + hStep * (A71 * k1[i]! + A73 * k3[i]! + A74 * k4[i]! + A75 * k5[i]! + A76 * k6[i]!);
    }
    f(t + hStep, yNew, k7);

    let yMax = 0;
    let finite = true;
    for (let i = 0; i < n; i++) {
      const a = Math.abs(yNew[i]!);
      if (!Number.isFinite(a)) finite = false;
      if (a > yMax) yMax = a;
      errorVector[i] =
        hStep * (E1 * k1[i]! + E3 * k3[i]! + E4 * k4[i]! + E5 * k5[i]! + E6 * k6[i]! + E7 * k7[i]!);
    }
    const err = finite
      ? scaledErrorNorm(errorVector, y, yNew, options, groupMax, yMax)
      : Number.NaN;
    if (!Number.isFinite(err) || err > 1) {
      // Rejected, or a trial step that overflowed: shrink and retry from the same y (a trial
      // step with too large an h says nothing about the solution, as in rosenbrock.ts).
      rejected++;
      lastRejected = true;
      const factor = Number.isFinite(err) ? Math.max(MIN_FACTOR, SAFETY * err ** -0.2) : MIN_FACTOR;
      h = hStep * Math.min(1, factor);
      continue;
    }
    // Divergence is judged on accepted states only and reported at the last accepted one,
    // as Rosenbrock does: ‖y‖∞ beyond divergenceNorm, or a non-finite derivative there.
    if (yMax > options.divergenceNorm || !allFinite(k7)) return finish("diverged");
    const factor =
      err === 0 ? MAX_FACTOR : Math.min(MAX_FACTOR, Math.max(MIN_FACTOR, SAFETY * err ** -0.2));
    lastRejected = false;

    // Accepted: prepare dense output on [t, t + hStep].
    const [r1, r2, r3, r4, r5] = dense;
    for (let i = 0; i < n; i++) {
      const delta = yNew[i]! - y[i]!;
      const bspl = hStep * k1[i]! - delta;
      r1[i] = y[i]!;
      r2[i] = delta;
      r3[i] = bspl;
      r4[i] = delta - hStep * k7[i]! - bspl;
      r5[i] =
        hStep * (D1 * k1[i]! + D3 * k3[i]! + D4 * k4[i]! + D5 * k5[i]! + D6 * k6[i]! + D7 * k7[i]!);
    }
    // t + h with Kahan's compensation (tLost: what the double t could not hold), so that t
    // stays exact to an ulp when the steps approach ulp(t) (deep networks reach t ~ 1e20);
    // the interpolant maps [t, tNew] as represented onto θ ∈ [0, 1].
    const increment = hStep + tLost;
    const tNew = lands ? options.maxTime : t + increment;
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
    accepted.dydt1 = k7;
    const stop = observer.onStep?.(accepted) ?? false;
    let stiff = false;
    if (options.stiffness && (stiffSteps > 0 || steps % STIFF_CHECK_INTERVAL === 0)) {
      // stage holds Y6, where k6 was evaluated; k7 = f(y_new), both at t + h.
      let num = 0;
      let den = 0;
      for (let i = 0; i < n; i++) {
        const df = k7[i]! - k6[i]!;
        const dy = yNew[i]! - stage[i]!;
        num += df * df;
        den += dy * dy;
      }
      if (den > 0 && hStep * Math.sqrt(num / den) > STIFF_H_LAMBDA) {
        nonStiffSteps = 0;
        stiffSteps++;
        stiff =
          stiffSteps >= STIFF_STEPS &&
          (stiffSteps - STIFF_STEPS) % STIFF_CHECK_INTERVAL === 0 &&
          hStep * fastestRelativeRate(yNew, k7) * options.stiffness.minScaleOverStep <= 1;
      } else if (++nonStiffSteps >= STIFF_RESET) {
        stiffSteps = 0;
      }
    }
    // Swap buffers: FSAL makes k7 the next step's k1.
    [y, yNew] = [yNew, y];
    k1.set(k7);
    t = tNew;
    h = hStep * Math.min(factor, MAX_FACTOR);
    if (stop) return finish("stopped");
    if (stiff) return finish("stiff");
  }
}

/**
 * max_i |f_i|/|y_i|, the inverse of the solution's own time scale: the rate at which its
 * fastest-moving component changes relative to itself. No error-scale floor here: a
 * component far below the others (B's weights on a plateau, or decaying to a saddle) must
 * count at its own rate. A zero component counts as infinitely fast if it moves, not at all
 * if it does not (the exact zeros of a balanced init of width > 1).
 */
function fastestRelativeRate(y: Float64Array, f: Float64Array): number {
  let rate = 0;
  for (let i = 0; i < y.length; i++) {
    const a = Math.abs(y[i]!);
    const r = a > 0 ? Math.abs(f[i]!) / a : f[i] === 0 ? 0 : Number.POSITIVE_INFINITY;
    if (r > rate) rate = r;
  }
  return rate;
}

/**
 * Events of one accepted step [t, tNew]: sign changes of each g between its value at the
 * previous step's end (eventValues, updated here) and at tNew, located by Brent's method on
 * the step's interpolant, reported (pushed to `events`, passed to onEvent) in time order.
 */
export function locateEvents(
  observer: Observer,
  eventValues: number[],
  t: number,
  tNew: number,
  yNew: Float64Array,
  interpolate: (t: number, out: Float64Array) => void,
  buffer: Float64Array,
  step: number,
  events: LocatedEvent[],
): void {
  let found: LocatedEvent[] | undefined;
  for (let e = 0; e < observer.events.length; e++) {
    const event = observer.events[e]!;
    const before = eventValues[e]!;
    const after = event.value(tNew, yNew);
    eventValues[e] = after;
    const up = before < 0 && after >= 0;
    const down = before > 0 && after <= 0;
    if ((event.direction >= 0 && up) || (event.direction <= 0 && down)) {
      const g = (tq: number) => {
        interpolate(tq, buffer);
        return event.value(tq, buffer);
      };
      const tEvent = brentRoot(g, t, tNew, before, after);
      interpolate(tEvent, buffer);
      found ??= [];
      found.push({ name: event.name, t: tEvent, y: Float64Array.from(buffer), step });
    }
  }
  if (found) {
    found.sort((a, b) => a.t - b.t);
    for (const event of found) {
      events.push(event);
      observer.onEvent?.(event);
    }
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
  f: (t: number, y: Float64Array, out: Float64Array) => void,
  order = 5,
): number {
  const n = problem.dimension;
  let yMax = 0;
  for (let i = 0; i < n; i++) yMax = Math.max(yMax, Math.abs(y[i]!));
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

/**
 * Brent's root finder (zeroin) on [a, b] with g(a)·g(b) ≤ 0: returns the bracket end with
 * the smaller |g| once the bracket is a few ulps of t wide.
 */
export function brentRoot(
  g: (t: number) => number,
  a: number,
  b: number,
  ga: number,
  gb: number,
): number {
  let fa = ga;
  let fb = gb;
  if (fb === 0) return b;
  let c = a;
  let fc = fa;
  let d = b - a;
  let e = d;
  for (let iter = 0; iter < 200; iter++) {
    if (Math.sign(fb) === Math.sign(fc) && fb !== 0) {
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol = 2 * Number.EPSILON * Math.abs(b) + 1e-300;
    const m = 0.5 * (c - b);
    if (Math.abs(m) <= tol || fb === 0) return b;
    if (Math.abs(e) >= tol && Math.abs(fa) > Math.abs(fb)) {
      const s = fb / fa;
      let p: number;
      let q: number;
      if (a === c) {
        p = 2 * m * s;
        q = 1 - s;
      } else {
        const qa = fa / fc;
        const r = fb / fc;
        p = s * (2 * m * qa * (qa - r) - (b - a) * (r - 1));
        q = (qa - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (2 * p < Math.min(3 * m * q - Math.abs(tol * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = m;
        e = m;
      }
    } else {
      d = m;
      e = m;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol ? d : m > 0 ? tol : -tol;
    fb = g(b);
  }
  return b;
}

/** Scratch for per-group maxima of the error scale: one slot per group (at least one). */
export function errorGroupScratch(groups: Int32Array | undefined): Float64Array {
  let count = 1;
  if (groups) for (const g of groups) count = Math.max(count, g + 1);
  return new Float64Array(count);
}

/**
 * RMS of error_i / (rtol·max(|y_i|, |yNew_i|, floor_i)): the local-error norm both
 * integrators accept a step on. floor_i = relativeFloor × the largest max(|y_j|, |yNew_j|)
 * over i's group (see IntegratorOptions.errorGroups), or × `ungroupedScale` without groups.
 */
export function scaledErrorNorm(
  error: Float64Array,
  y: Float64Array,
  yNew: Float64Array,
  options: IntegratorOptions,
  groupMax: Float64Array,
  ungroupedScale: number,
): number {
  const n = error.length;
  const groups = options.errorGroups;
  if (groups) {
    groupMax.fill(0);
    for (let i = 0; i < n; i++) {
      const g = groups[i]!;
      const a = Math.max(Math.abs(y[i]!), Math.abs(yNew[i]!));
      if (a > groupMax[g]!) groupMax[g] = a;
    }
  }
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const floor = options.relativeFloor * (groups ? groupMax[groups[i]!]! : ungroupedScale);
    const scale = options.rtol * Math.max(Math.abs(y[i]!), Math.abs(yNew[i]!), floor);
    const r = scale > 0 ? error[i]! / scale : 0;
    sum += r * r;
  }
  return Math.sqrt(sum / n);
}

function allFinite(v: Float64Array): boolean {
  for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i]!)) return false;
  return true;
}
