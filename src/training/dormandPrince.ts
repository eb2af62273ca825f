/**
 * Dormand-Prince 5(4) with FSAL, the 4th-order continuous extension of Hairer, Nørsett
 * & Wanner (Solving ODEs I, §II.6, code DOPRI5/CONTD5), and event location by Brent's
 * method on the dense output. Written here rather than taken from a package because the
 * JS candidates lack event location (odex) or dense output, and the gradient-flow hot
 * loop wants Float64Array buffers allocated once.
 */

/** y' = f(t, y), written into `dydt`. */
export interface OdeProblem {
  readonly dimension: number;
  rhs(t: number, y: Float64Array, dydt: Float64Array): void;
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
  readonly maxTime: number;
  readonly maxSteps: number;
  /** ‖y‖∞ above this is divergence. */
  readonly divergenceNorm: number;
}

export type IntegrationStatus =
  | "stopped" // the observer asked to stop
  | "time-budget"
  | "step-budget"
  | "diverged"
  | "step-underflow";

export interface IntegrationResult {
  readonly status: IntegrationStatus;
  readonly t: number;
  readonly y: Float64Array;
  readonly steps: number;
  readonly rejectedSteps: number;
  readonly evaluations: number;
  readonly events: readonly LocatedEvent[];
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
/** A step below this many ulps of t cannot advance t: step-size underflow. */
const UNDERFLOW_ULPS = 16;

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
  const dense = [buf(), buf(), buf(), buf(), buf()] as const;
  const eventBuffer = buf();
  const events: LocatedEvent[] = [];
  let evaluations = 0;
  const f = (t: number, state: Float64Array, out: Float64Array) => {
    evaluations++;
    problem.rhs(t, state, out);
  };

  let t = t0;
  f(t, y, k1);
  let h = initialStep(problem, t, y, k1, options, f);
  let steps = 0;
  let rejected = 0;
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
  });

  for (;;) {
    if (steps >= options.maxSteps) return finish("step-budget");
    if (t >= options.maxTime) return finish("time-budget");
    if (h < UNDERFLOW_ULPS * Number.EPSILON * Math.max(1, Math.abs(t)))
      return finish("step-underflow");
    const hStep = Math.min(h, options.maxTime - t);

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
    for (let i = 0; i < n; i++) {
      const a = Math.abs(yNew[i]!);
      if (!Number.isFinite(a)) return finish("diverged");
      if (a > yMax) yMax = a;
      errorVector[i] =
        hStep * (E1 * k1[i]! + E3 * k3[i]! + E4 * k4[i]! + E5 * k5[i]! + E6 * k6[i]! + E7 * k7[i]!);
    }
    if (yMax > options.divergenceNorm) return finish("diverged");
    const floor = options.relativeFloor * yMax;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const scale = options.rtol * Math.max(Math.abs(y[i]!), Math.abs(yNew[i]!), floor);
      const r = scale > 0 ? errorVector[i]! / scale : 0;
      sum += r * r;
    }
    const err = Math.sqrt(sum / n);
    if (!Number.isFinite(err)) return finish("diverged");
    const factor =
      err === 0 ? MAX_FACTOR : Math.min(MAX_FACTOR, Math.max(MIN_FACTOR, SAFETY * err ** -0.2));
    if (err > 1) {
      rejected++;
      h = hStep * Math.min(1, factor);
      continue;
    }

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
    denseT0 = t;
    denseH = hStep;
    const tNew = t + hStep;
    steps++;

    // Events: sign changes of g over the step, located on the interpolant.
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
          interpolate(tq, eventBuffer);
          return event.value(tq, eventBuffer);
        };
        const tEvent = brentRoot(g, t, tNew, before, after);
        interpolate(tEvent, eventBuffer);
        found ??= [];
        found.push({ name: event.name, t: tEvent, y: Float64Array.from(eventBuffer), step: steps });
      }
    }
    if (found) {
      found.sort((a, b) => a.t - b.t);
      for (const event of found) {
        events.push(event);
        observer.onEvent?.(event);
      }
    }

    accepted.index = steps;
    accepted.t0 = t;
    accepted.t1 = tNew;
    accepted.y0 = y;
    accepted.y1 = yNew;
    accepted.dydt1 = k7;
    const stop = observer.onStep?.(accepted) ?? false;
    // Swap buffers: FSAL makes k7 the next step's k1.
    [y, yNew] = [yNew, y];
    k1.set(k7);
    t = tNew;
    h = hStep * Math.min(factor, MAX_FACTOR);
    if (stop) return finish("stopped");
  }
}

/** Hairer's starting step (HINIT): balances ‖y‖/‖f‖ against a trial Euler step's curvature. */
function initialStep(
  problem: OdeProblem,
  t: number,
  y: Float64Array,
  f0: Float64Array,
  options: IntegratorOptions,
  f: (t: number, y: Float64Array, out: Float64Array) => void,
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
    Math.max(d1, d2) <= 1e-15 ? Math.max(1e-6, h0 * 1e-3) : (0.01 / Math.max(d1, d2)) ** 0.2;
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
