/**
 * L-stable linearly implicit (Rosenbrock) integration for stiff stretches of gradient flow,
 * as a Stepper of the adaptive driver that DOPRI5 runs under (driver.ts): same problem,
 * options, observer, events on the dense output, statuses and divergence rule.
 *
 * Method: the stiffly accurate Rodas family in Hairer & Wanner's transformed form (Solving
 * ODEs II, §IV.7, code RODAS): with W = I/(hγ) − J, J = ∂f/∂y(t0, y0), for i = 1..s
 *
 *   W k_i = f(t0 + α_i h, y0 + Σ_{j<i} a_ij k_j) + Σ_{j<i} (c_ij/h) k_j + h γ_i ∂f/∂t,
 *
 * y1 = y0 + Σ_{j<s} a_sj k_j + k_s (the last stage point plus k_s) and the embedded
 * solution is the last stage point, so k_s is the error estimate. One LU of W per attempted
 * step, s solves, s right-hand sides, one Jacobian per accepted point (a rejected step
 * keeps it: same y0).
 *
 * Default tableau: Rodas5P (Steinebach 2023), order 5 with an order-4 embedded solution, a
 * 4th-order dense output and L-stability; Rodas4 (Hairer & Wanner) is kept for comparison.
 * Coefficients: rosenbrockTableaus.ts.
 */

import { luFactor, luSolve } from "../../linalg/lu.js";
import type { StepControl } from "./control.js";
import { CountedRhs, integrateAdaptive } from "./driver.js";
import { maxAbsEntry } from "./errorNorm.js";
import type { IntegrationResult, IntegratorOptions, Observer, OdeProblem, Rhs } from "./problem.js";
import type { RosenbrockTableau } from "./rosenbrockTableaus.js";
import { RODAS5P } from "./rosenbrockTableaus.js";
import type { Stepper } from "./stepper.js";

export interface RosenbrockOptions extends IntegratorOptions {
  /** Default RODAS5P. */
  readonly tableau?: RosenbrockTableau;
  // errorGroups: inherited from IntegratorOptions.
}

export interface RosenbrockResult extends IntegrationResult {
  /** Jacobian evaluations (problem.jacobian calls, or difference Jacobians). */
  readonly jacobians: number;
  /** LU factorisations of I/(hγ) − J (one per attempted step). */
  readonly decompositions: number;
}

/**
 * Hairer's RODAS controller: growth ≤ 6 per step, Gustafsson's predictive controller after
 * accepted steps. The ungrouped error floor and the underflow test use max(|y0|, |y1|) and
 * the error groups (see StepControl), as this code always did.
 */
function rosenbrockControl(order: number): StepControl {
  return {
    order,
    maxFactor: 6,
    predictive: true,
    floorIncludesStart: true,
    groupedUnderflow: true,
  };
}

export function integrateRosenbrock(
  problem: OdeProblem,
  t0: number,
  initial: Float64Array,
  options: RosenbrockOptions,
  observer: Observer,
): RosenbrockResult {
  const rhs = new CountedRhs(problem);
  const stepper = new RosenbrockStepper(problem, options.tableau ?? RODAS5P, options, rhs);
  const result = integrateAdaptive(problem, t0, initial, options, observer, stepper, rhs);
  return { ...result, jacobians: stepper.jacobians, decompositions: stepper.decompositions };
}

/** The tableau's a or c as a flat s×s array (row i, column j < i). */
function flatRows(rows: RosenbrockTableau["a"], s: number): Float64Array {
  const flat = new Float64Array(s * s);
  rows.forEach((row, i) => {
    row.forEach((v, j) => {
      flat[i * s + j] = v;
    });
  });
  return flat;
}

/**
 * One Rosenbrock method's stages, error estimate, dense output and Jacobian handling. A
 * class so that every run shares its methods (stable call targets; see CountedRhs).
 */
class RosenbrockStepper implements Stepper {
  readonly control: StepControl;
  /** k_s: y1 minus the embedded solution (the last stage point). */
  readonly error: Float64Array;
  jacobians = 0;
  decompositions = 0;
  private readonly n: number;
  private readonly s: number;
  /** The stage point; after a trial, the last one (the embedded solution). */
  private readonly stage: Float64Array;
  private readonly du: Float64Array;
  private readonly dfdt: Float64Array;
  private readonly scratch: Float64Array;
  private readonly ks: Float64Array[];
  private readonly aFlat: Float64Array;
  private readonly cFlat: Float64Array;
  private readonly dense: Float64Array[];
  private readonly jac: Float64Array;
  private readonly lu: Float64Array;
  private readonly pivots: Int32Array;
  /** J = ∂f/∂y at the current y0: one per accepted point, kept across rejections (same y0). */
  private jacobianFresh = false;
  /** y0 and y1 of the step whose dense output is prepared (the driver's buffers). */
  private denseY0: Float64Array;
  private denseY1: Float64Array;

  constructor(
    private readonly problem: OdeProblem,
    private readonly tableau: RosenbrockTableau,
    private readonly options: IntegratorOptions,
    private readonly rhs: CountedRhs,
  ) {
    const n = problem.dimension;
    const s = tableau.a.length;
    const buf = () => new Float64Array(n);
    this.n = n;
    this.s = s;
    this.control = rosenbrockControl(tableau.order);
    this.stage = buf();
    this.du = buf();
    this.dfdt = buf();
    this.scratch = buf();
    this.ks = Array.from({ length: s }, buf);
    this.error = this.ks[s - 1]!;
    this.aFlat = flatRows(tableau.a, s);
    this.cFlat = flatRows(tableau.c, s);
    this.dense = tableau.dense.map(buf);
    this.jac = new Float64Array(n * n);
    this.lu = new Float64Array(n * n);
    this.pivots = new Int32Array(n);
    this.denseY0 = this.stage;
    this.denseY1 = this.stage;
  }

  trial(t: number, hStep: number, y: Float64Array, f0: Float64Array, yNew: Float64Array): boolean {
    if (!this.jacobianFresh) this.refreshJacobian(t, y, f0);
    if (!this.factorW(hStep)) return false;
    const { n, s, stage, ks } = this;
    for (let i = 0; i < s; i++) this.solveStage(i, t, hStep, y, f0);
    const kLast = ks[s - 1]!;
    for (let m = 0; m < n; m++) yNew[m] = stage[m]! + kLast[m]!;
    return true;
  }

  derivativeAt(t1: number, y1: Float64Array, f1: Float64Array): void {
    this.rhs.evaluate(t1, y1, f1);
  }

  prepareDense(_hStep: number, y: Float64Array, yNew: Float64Array): void {
    const { n, s, ks, dense, tableau } = this;
    this.denseY0 = y;
    this.denseY1 = yNew;
    for (let r = 0; r < dense.length; r++) {
      const row = tableau.dense[r]!;
      const d = dense[r]!;
      d.fill(0);
      for (let i = 0; i < s; i++) {
        const coefficient = row[i]!;
        if (coefficient === 0) continue;
        const ki = ks[i]!;
        for (let m = 0; m < n; m++) d[m]! += coefficient * ki[m]!;
      }
    }
  }

  // y(θ) = (1−θ) y0 + θ (y1 + (1−θ)(d_1 + θ (d_2 + θ d_3 ...))): exact at both ends.
  interpolate(theta: number, out: Float64Array): void {
    const { n, dense, denseY0, denseY1 } = this;
    const theta1 = 1 - theta;
    const rows = dense.length;
    for (let i = 0; i < n; i++) {
      let p = dense[rows - 1]![i]!;
      for (let r = rows - 2; r >= 0; r--) p = dense[r]![i]! + theta * p;
      out[i] = theta1 * denseY0[i]! + theta * (denseY1[i]! + theta1 * p);
    }
  }

  accepted(): boolean {
    this.jacobianFresh = false; // the next step starts from a new y0: a new Jacobian
    return false;
  }

  private refreshJacobian(t: number, y: Float64Array, f0: Float64Array): void {
    const { problem, jac, rhs } = this;
    this.jacobians++;
    if (problem.jacobian) problem.jacobian(t, y, jac);
    else {
      const floor = this.options.relativeFloor;
      differenceJacobian(problem, t, y, f0, jac, this.scratch, this.du, floor, rhs.f);
    }
    if (!problem.autonomous) timeDerivative(t, y, f0, this.dfdt, rhs.f);
    this.jacobianFresh = true;
  }

  /** W = I/(hγ) − J, factored in place; false if singular. */
  private factorW(hStep: number): boolean {
    const { n, lu, jac } = this;
    const diagonal = 1 / (hStep * this.tableau.gamma);
    for (let i = 0; i < n * n; i++) lu[i] = -jac[i]!;
    for (let i = 0; i < n; i++) lu[i * n + i]! += diagonal;
    this.decompositions++;
    return luFactor(lu, n, this.pivots);
  }

  /** Stage i: W k_i = f(t + α_i h, y0 + Σ_j a_ij k_j) + Σ_j (c_ij/h) k_j + h γ_i ∂f/∂t. */
  private solveStage(i: number, t: number, hStep: number, y: Float64Array, f0: Float64Array): void {
    const { n, s, ks, stage, du, aFlat, cFlat, tableau } = this;
    const k = ks[i]!;
    if (i === 0) {
      k.set(f0);
    } else {
      stage.set(y);
      for (let j = 0; j < i; j++) {
        const a = aFlat[i * s + j]!;
        if (a === 0) continue;
        const kj = ks[j]!;
        for (let m = 0; m < n; m++) stage[m]! += a * kj[m]!;
      }
      this.rhs.evaluate(t + tableau.alpha[i]! * hStep, stage, du);
      k.set(du);
      for (let j = 0; j < i; j++) {
        const c = cFlat[i * s + j]! / hStep;
        if (c === 0) continue;
        const kj = ks[j]!;
        for (let m = 0; m < n; m++) k[m]! += c * kj[m]!;
      }
    }
    const gt = tableau.gammaT[i]!;
    if (!this.problem.autonomous && gt !== 0) {
      const dfdt = this.dfdt;
      for (let m = 0; m < n; m++) k[m]! += hStep * gt * dfdt[m]!;
    }
    luSolve(this.lu, n, this.pivots, k);
  }
}

/**
 * Forward-difference Jacobian for problems without `jacobian`: column j from
 * (f(y + δ_j e_j) − f(y))/δ_j, δ_j = √ε·max(|y_j|, floor·‖y‖∞) (the textbook balance of
 * truncation O(δ) against round-off O(ε/δ), relative to the component's scale).
 */
function differenceJacobian(
  problem: OdeProblem,
  t: number,
  y: Float64Array,
  f0: Float64Array,
  out: Float64Array,
  yPerturbed: Float64Array,
  fPerturbed: Float64Array,
  floor: number,
  f: Rhs,
): void {
  const n = problem.dimension;
  const yMax = maxAbsEntry(y, n);
  const base = Math.max(floor * yMax, Number.MIN_VALUE);
  yPerturbed.set(y);
  for (let j = 0; j < n; j++) {
    const up = y[j]! + Math.sqrt(Number.EPSILON) * Math.max(Math.abs(y[j]!), base, 1e-150);
    const delta = up - y[j]!;
    yPerturbed[j] = up;
    f(t, yPerturbed, fPerturbed);
    yPerturbed[j] = y[j]!;
    for (let i = 0; i < n; i++) out[i * n + j] = (fPerturbed[i]! - f0[i]!) / delta;
  }
}

/** ∂f/∂t by a forward difference, δt = √(ε·max(1e-5, |t|)) (RODAS's choice). */
function timeDerivative(
  t: number,
  y: Float64Array,
  f0: Float64Array,
  out: Float64Array,
  f: Rhs,
): void {
  const delta = Math.sqrt(Number.EPSILON * Math.max(1e-5, Math.abs(t)));
  const tUp = t + delta;
  f(tUp, y, out);
  const dt = tUp - t;
  for (let i = 0; i < out.length; i++) out[i] = (out[i]! - f0[i]!) / dt;
}
