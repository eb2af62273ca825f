/**
 * Dormand-Prince 5(4) with FSAL, the 4th-order continuous extension of Hairer, Nørsett
 * & Wanner (Solving ODEs I, §II.6, code DOPRI5/CONTD5), as a Stepper of the shared adaptive
 * driver (driver.ts: events by Brent's method on this dense output, budgets, divergence).
 * Written here rather than taken from a package because the JS candidates lack event
 * location (odex) or dense output, and the gradient-flow hot loop wants Float64Array
 * buffers allocated once. Optionally it detects stiffness and hands over (status "stiff")
 * to the implicit integrator of rosenbrock.ts.
 */
import type { StepControl } from "./control.js";
import { CountedRhs, integrateAdaptive } from "./driver.js";
import type { IntegrationResult, IntegratorOptions, Observer, OdeProblem } from "./problem.js";
import type { Stepper } from "./stepper.js";

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

/**
 * Hairer's DOPRI5 controller: classical, growth ≤ 10 per step. The ungrouped error floor
 * and the underflow test use |y1| and ‖y‖∞ (see StepControl), as this code always did.
 */
const DOPRI5_CONTROL: StepControl = {
  order: 5,
  maxFactor: 10,
  predictive: false,
  floorIncludesStart: false,
  groupedUnderflow: false,
};

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
  const rhs = new CountedRhs(problem);
  const stepper = new Dopri5Stepper(problem.dimension, options, rhs);
  return integrateAdaptive(problem, t0, initial, options, observer, stepper, rhs);
}

type Five = readonly [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];

/**
 * The DOPRI5 stages, error estimate, dense output and stiffness test on n components. A
 * class so that every run shares its methods (stable call targets for V8; see CountedRhs).
 */
class Dopri5Stepper implements Stepper {
  readonly control = DOPRI5_CONTROL;
  readonly error: Float64Array;
  readonly accepted: Stepper["accepted"];
  private readonly n: number;
  private readonly k: Five;
  /** The stage point; after a trial, Y6 (where k6 was evaluated). */
  private readonly stage: Float64Array;
  private readonly dense: Five;

  constructor(
    n: number,
    options: IntegratorOptions,
    private readonly rhs: CountedRhs,
  ) {
    const buf = () => new Float64Array(n);
    this.n = n;
    // k2 … k6 (k1 and k7 are the driver's f0 and f1).
    this.k = [buf(), buf(), buf(), buf(), buf()];
    this.stage = buf();
    this.error = buf();
    this.dense = [buf(), buf(), buf(), buf(), buf()];
    this.accepted = stiffnessTest(n, options, this.k[4]!, this.stage);
  }

  trial(
    t: number,
    hStep: number,
    y: Float64Array,
    k1: Float64Array,
    yNew: Float64Array,
    k7: Float64Array,
  ): boolean {
    const { n, stage, rhs, error } = this;
    const [k2, k3, k4, k5, k6] = this.k;
    for (let i = 0; i < n; i++) stage[i] = y[i]! + hStep * A21 * k1[i]!;
    rhs.evaluate(t + C2 * hStep, stage, k2);
    for (let i = 0; i < n; i++) stage[i] = y[i]! + hStep * (A31 * k1[i]! + A32 * k2[i]!);
    rhs.evaluate(t + C3 * hStep, stage, k3);
    for (let i = 0; i < n; i++)
      stage[i] = y[i]! + hStep * (A41 * k1[i]! + A42 * k2[i]! + A43 * k3[i]!);
    rhs.evaluate(t + C4 * hStep, stage, k4);
    for (let i = 0; i < n; i++) {
      stage[i] = y[i]! + hStep * (A51 * k1[i]! + A52 * k2[i]! + A53 * k3[i]! + A54 * k4[i]!);
    }
    rhs.evaluate(t + C5 * hStep, stage, k5);
    for (let i = 0; i < n; i++) {
      stage[i] =
        y[i]! + hStep * (A61 * k1[i]! + A62 * k2[i]! + A63 * k3[i]! + A64 * k4[i]! + A65 * k5[i]!);
    }
    rhs.evaluate(t + hStep, stage, k6);
    for (let i = 0; i < n; i++) {
      yNew[i] =
        y[i]! + hStep * (A71 * k1[i]! + A73 * k3[i]! + A74 * k4[i]! + A75 * k5[i]! + A76 * k6[i]!);
    }
    // FSAL: f(y1) is both the 7th stage of the error estimate and the next step's k1.
    rhs.evaluate(t + hStep, yNew, k7);
    for (let i = 0; i < n; i++) {
      error[i] =
        hStep * (E1 * k1[i]! + E3 * k3[i]! + E4 * k4[i]! + E5 * k5[i]! + E6 * k6[i]! + E7 * k7[i]!);
    }
    return true;
  }

  derivativeAt(): void {
    // trial already wrote f(y1) (k7).
  }

  prepareDense(
    hStep: number,
    y: Float64Array,
    yNew: Float64Array,
    k1: Float64Array,
    k7: Float64Array,
  ): void {
    const n = this.n;
    const [, k3, k4, k5, k6] = this.k;
    const [r1, r2, r3, r4, r5] = this.dense;
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
  }

  interpolate(theta: number, out: Float64Array): void {
    const n = this.n;
    const theta1 = 1 - theta;
    const [r1, r2, r3, r4, r5] = this.dense;
    for (let i = 0; i < n; i++) {
      out[i] = r1[i]! + theta * (r2[i]! + theta1 * (r3[i]! + theta * (r4[i]! + theta1 * r5[i]!)));
    }
  }
}

/**
 * Hairer's stiffness test as the stepper's `accepted` hook (STIFF_*): true once the run is
 * stiff. Reads the last trial's k6 and its stage point Y6 (`stage`), both at t + h.
 */
function stiffnessTest(
  n: number,
  options: IntegratorOptions,
  k6: Float64Array,
  stage: Float64Array,
): Stepper["accepted"] {
  const detect = options.stiffness;
  if (!detect) return () => false;
  let stiffSteps = 0;
  let nonStiffSteps = 0;
  return (steps, hStep, yNew, k7) => {
    if (stiffSteps === 0 && steps % STIFF_CHECK_INTERVAL !== 0) return false;
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
      return (
        stiffSteps >= STIFF_STEPS &&
        (stiffSteps - STIFF_STEPS) % STIFF_CHECK_INTERVAL === 0 &&
        hStep * fastestRelativeRate(yNew, k7) * detect.minScaleOverStep <= 1
      );
    }
    if (++nonStiffSteps >= STIFF_RESET) stiffSteps = 0;
    return false;
  };
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
