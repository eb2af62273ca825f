/**
 * A small adaptive Dormand–Prince 5(4) solver for the theory layer's reduced dynamics
 * (src/theory/nextOrderLateFusion.ts). The theory layer never imports the simulation's
 * integrators (src/training): a bug there must not be able to hide itself by appearing in
 * the prediction too, so the prediction integrates its own, much smaller, ODEs here.
 *
 * Each accepted step is handed to `onStep` with both end states and slopes, so callers can
 * locate events on the cubic Hermite interpolant (4th-order accurate, enough for event times
 * to ~rtol) without this module knowing what an event is.
 */

/** dy/dt = f(t, y), written into `dy`. */
export type OdeRhs = (t: number, y: Float64Array, dy: Float64Array) => void;

/**
 * One accepted step: the state and slope at both ends. Its arrays are the solver's working
 * buffers, valid during the `onStep` call only (copy what must outlive it).
 */
export interface OdeStep {
  readonly t0: number;
  readonly t1: number;
  readonly y0: Float64Array;
  readonly y1: Float64Array;
  readonly f0: Float64Array;
  readonly f1: Float64Array;
}

export interface OdeOptions {
  readonly rtol: number;
  readonly atol: number;
  /** Accepted-step budget; exceeding it ends the solve with status "step-budget". */
  readonly maxSteps: number;
  /** Integration stops at this time at the latest. */
  readonly tEnd: number;
  /**
   * Start offsets of component groups whose error is measured against the group's largest
   * magnitude (default: one group per component). Components of one quantity — a matrix
   * whose entries span many decades — then need no relative accuracy below rtol of the
   * quantity itself, which a per-component test would demand of its negligible entries.
   */
  readonly groups?: readonly number[];
  /** Components whose error is absolute (atol + rtol, e.g. a logarithm), not scaled by |y|. */
  readonly absolute?: readonly number[];
}

export type OdeStatus = "stopped" | "end-time" | "step-budget" | "step-underflow";

export interface OdeResult {
  readonly t: number;
  readonly y: Float64Array;
  readonly steps: number;
  readonly status: OdeStatus;
}

// Dormand–Prince 5(4) tableau (Dormand & Prince 1980; Hairer, Nørsett & Wanner, Table II.5.2).
const C = [0, 1 / 5, 3 / 10, 4 / 5, 8 / 9, 1, 1];
const A: readonly (readonly number[])[] = [
  [],
  [1 / 5],
  [3 / 40, 9 / 40],
  [44 / 45, -56 / 15, 32 / 9],
  [19372 / 6561, -25360 / 2187, 64448 / 6561, -212 / 729],
  [9017 / 3168, -355 / 33, 46732 / 5247, 49 / 176, -5103 / 18656],
  [35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84],
];
/** 5th-order weights minus the embedded 4th-order ones: the local error estimate. */
const E = [71 / 57600, 0, -71 / 16695, 71 / 1920, -17253 / 339200, 22 / 525, -1 / 40];

/**
 * Integrates from (t0, y0) until `onStep` returns true (status "stopped"), tEnd, or the
 * budget. Step control: the standard I-controller with safety 0.9 and factor bounds
 * [0.2, 5] (Hairer–Wanner II.4).
 */
export function solveOde(
  rhs: OdeRhs,
  t0: number,
  y0: Float64Array,
  options: OdeOptions,
  onStep: (step: OdeStep) => boolean,
): OdeResult {
  const n = y0.length;
  const k = Array.from({ length: 7 }, () => new Float64Array(n));
  const stage = new Float64Array(n);
  const scales = new Float64Array(n);
  const groups = options.groups ?? Array.from({ length: n }, (_, i) => i);
  const absolute = options.absolute ?? [];
  let y: Float64Array = Float64Array.from(y0);
  let yNext: Float64Array = new Float64Array(n);
  const fNext = new Float64Array(n);
  let t = t0;
  rhs(t, y, k[0]!);
  groupScale(y, y, groups, scales);
  for (const i of absolute) scales[i] = 1;
  let h = initialStep(y, k[0]!, options, scales);
  let steps = 0;
  while (steps < options.maxSteps) {
    if (t >= options.tEnd) return { t, y: Float64Array.from(y), steps, status: "end-time" };
    h = Math.min(h, options.tEnd - t);
    if (h <= Math.abs(t) * 1e-15)
      return { t, y: Float64Array.from(y), steps, status: "step-underflow" };
    for (let s = 1; s < 7; s++) {
      const row = A[s]!;
      for (let i = 0; i < n; i++) {
        let sum = y[i]!;
        for (let j = 0; j < s; j++) sum += h * row[j]! * k[j]![i]!;
        stage[i] = sum;
      }
      if (s === 6) break;
      rhs(t + C[s]! * h, stage, k[s]!);
    }
    // stage now holds the 5th-order solution (FSAL: its slope is k[6]).
    rhs(t + h, stage, k[6]!);
    groupScale(y, stage, groups, scales);
    for (const i of absolute) scales[i] = 1;
    let err = 0;
    for (let i = 0; i < n; i++) {
      let e = 0;
      for (let j = 0; j < 7; j++) e += E[j]! * k[j]![i]!;
      const scale = options.atol + options.rtol * scales[i]!;
      err = Math.max(err, Math.abs(h * e) / scale);
    }
    if (!Number.isFinite(err)) {
      h *= 0.2;
      continue;
    }
    const factor = Math.min(5, Math.max(0.2, 0.9 * err ** -0.2));
    if (err > 1) {
      h *= Math.min(1, factor);
      continue;
    }
    yNext.set(stage);
    fNext.set(k[6]!);
    const step: OdeStep = { t0: t, t1: t + h, y0: y, y1: yNext, f0: k[0]!, f1: fNext };
    steps++;
    t += h;
    if (onStep(step)) return { t, y: Float64Array.from(yNext), steps, status: "stopped" };
    // Swap: the accepted end becomes the next step's start (FSAL: its slope is k[6]).
    [y, yNext] = [yNext, y];
    k[0]!.set(fNext);
    h *= factor;
  }
  return { t, y: Float64Array.from(y), steps, status: "step-budget" };
}

/** The cubic Hermite interpolant of one step at time t (t0 ≤ t ≤ t1), into `out`. */
export function interpolate(step: OdeStep, t: number, out: Float64Array): Float64Array {
  const h = step.t1 - step.t0;
  const s = (t - step.t0) / h;
  const h00 = (1 + 2 * s) * (1 - s) ** 2;
  const h10 = s * (1 - s) ** 2;
  const h01 = s * s * (3 - 2 * s);
  const h11 = s * s * (s - 1);
  for (let i = 0; i < out.length; i++) {
    out[i] = h00 * step.y0[i]! + h10 * h * step.f0[i]! + h01 * step.y1[i]! + h11 * h * step.f1[i]!;
  }
  return out;
}

/**
 * The time in [t0, t1] where `phi` of the interpolated state crosses zero, by bisection
 * (60 halvings: to round-off of t), given phi(y0) < 0 ≤ phi(y1).
 */
export function locateEvent(step: OdeStep, phi: (y: Float64Array) => number): number {
  const y = new Float64Array(step.y0.length);
  let lo = step.t0;
  let hi = step.t1;
  for (let i = 0; i < 60 && hi - lo > 1e-15 * Math.max(1, Math.abs(hi)); i++) {
    const mid = 0.5 * (lo + hi);
    if (phi(interpolate(step, mid, y)) < 0) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** Per component, the largest |y| of its group over both ends of the step. */
function groupScale(
  y: Float64Array,
  next: Float64Array,
  groups: readonly number[],
  out: Float64Array,
): void {
  for (let g = 0; g < groups.length; g++) {
    const start = groups[g]!;
    const end = g + 1 < groups.length ? groups[g + 1]! : y.length;
    let m = 0;
    for (let i = start; i < end; i++) m = Math.max(m, Math.abs(y[i]!), Math.abs(next[i]!));
    for (let i = start; i < end; i++) out[i] = m;
  }
}

/**
 * Hairer–Wanner's starting step (II.4, after Gladwell et al.), one-sided, with the same
 * group scales as the error norm: a component that starts at exactly 0 while its group does
 * not must not shrink the first step to ~atol (it would underflow at once).
 */
function initialStep(
  y: Float64Array,
  f: Float64Array,
  options: OdeOptions,
  scales: Float64Array,
): number {
  let d0 = 0;
  let d1 = 0;
  for (let i = 0; i < y.length; i++) {
    const scale = options.atol + options.rtol * scales[i]!;
    d0 = Math.max(d0, Math.abs(y[i]!) / scale);
    d1 = Math.max(d1, Math.abs(f[i]!) / scale);
  }
  const h = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : 0.01 * (d0 / d1);
  // Never below 1e-12 of the span to integrate: the controller grows it within a few steps.
  return Math.max(h, 1e-12 * Math.max(1, Math.abs(options.tEnd)));
}
