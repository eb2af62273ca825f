/**
 * L-stable linearly implicit (Rosenbrock) integration for stiff stretches of gradient flow,
 * with the contract of dormandPrince.ts: same problem, options, observer, dense output on
 * every accepted step, events located by Brent's method on it, same statuses.
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
 * Coefficients as published with OrdinaryDiffEq.jl (the A, C, α, γ, H arrays of its
 * Rodas5P and Rodas4 tableaus, 16-17 significant digits); test/training/rosenbrock.test.ts
 * measures the orders they deliver (5 and 4 for the step, 4 and 3 for the dense output).
 */
import { luFactor, luSolve } from "../linalg/lu.js";
import type {
  IntegrationResult,
  IntegrationStatus,
  IntegratorOptions,
  LocatedEvent,
  Observer,
  OdeProblem,
} from "./dormandPrince.js";
import {
  errorGroupScratch,
  initialStep,
  locateEvents,
  scaledErrorNorm,
  stepUnderflow,
} from "./dormandPrince.js";

/** A stiffly accurate Rosenbrock method in transformed (Rodas) form. */
export interface RosenbrockTableau {
  readonly name: string;
  /** Order of y1; the embedded solution (the last stage point) has order − 1. */
  readonly order: number;
  /** Order of the dense output. */
  readonly denseOrder: number;
  readonly gamma: number;
  /** a[i][j], j < i: stage points. */
  readonly a: readonly (readonly number[])[];
  /** c[i][j], j < i: coupling of earlier stages into stage i's right-hand side. */
  readonly c: readonly (readonly number[])[];
  /** Stage times α_i. */
  readonly alpha: readonly number[];
  /** Coefficients γ_i of h·∂f/∂t. */
  readonly gammaT: readonly number[];
  /**
   * Dense output rows H_r: with d_r = Σ_i H_ri k_i and θ = (t − t0)/h,
   * y(θ) = (1−θ) y0 + θ (y1 + (1−θ)(d_1 + θ (d_2 + θ d_3 ...))).
   */
  readonly dense: readonly (readonly number[])[];
}

/** Rows a[i] of a stiffly accurate tableau: row s−1 and s repeat row s−2 plus unit entries. */
function stifflyAccurateRows(rows: number[][]): number[][] {
  const last = rows[rows.length - 1]!;
  const s1 = [...last, 1];
  const s2 = [...s1, 1];
  return [[], ...rows, s1, s2];
}

export const RODAS5P: RosenbrockTableau = {
  name: "Rodas5P",
  order: 5,
  denseOrder: 4,
  gamma: 0.21193756319429014,
  a: stifflyAccurateRows([
    [3.0],
    [2.849394379747939, 0.45842242204463923],
    [-6.954028509809101, 2.489845061869568, -10.358996098473584],
    [2.8029986275628964, 0.5072464736228206, -0.3988312541770524, -0.04721187230404641],
    [
      -7.502846399306121, 2.561846144803919, -11.627539656261098, -0.18268767659942256,
      0.030198172008377946,
    ],
  ]),
  c: [
    [],
    [-14.155112264123755],
    [-17.97296035885952, -2.859693295451294],
    [147.12150275711716, -1.41221402718213, 71.68940251302358],
    [165.43517024871676, -0.4592823456491126, 42.90938336958603, -5.961986721573306],
    [
      24.854864614690072, -3.0009227002832186, 47.4931110020768, 5.5814197821558125,
      -0.6610691825249471,
    ],
    [
      30.91273214028599, -3.1208243349937974, 77.79954646070892, 34.28646028294783,
      -19.097331116725623, -28.087943162872662,
    ],
    [
      37.80277123390563, -3.2571969029072276, 112.26918849496327, 66.9347231244047,
      -40.06618937091002, -54.66780262877968, -9.48861652309627,
    ],
  ],
  alpha: [
    0, 0.6358126895828704, 0.4095798393397535, 0.9769306725060716, 0.4288403609558664, 1, 1, 1,
  ],
  gammaT: [
    0.21193756319429014, -0.42387512638858027, -0.3384627126235924, 1.8046452872882734,
    2.325825639765069, 0, 0, 0,
  ],
  dense: [
    [
      25.948786856663858, -2.5579724845846235, 10.433815404888879, -2.3679251022685204,
      0.524948541321073, 1.1241088310450404, 0.4272876194431874, -0.17202221070155493,
    ],
    [
      -9.91568850695171, -0.9689944594115154, 3.0438037242978453, -24.495224566215796,
      20.176138334709044, 15.98066361424651, -6.789040303419874, -6.710236069923372,
    ],
    [
      11.419903575922262, 2.8879645146136994, 72.92137995996029, 80.12511834622643,
      -52.072871366152654, -59.78993625266729, -0.15582684282751913, 4.883087185713722,
    ],
  ],
};

export const RODAS4: RosenbrockTableau = {
  name: "Rodas4",
  order: 4,
  denseOrder: 3,
  gamma: 0.25,
  a: [
    [],
    [1.544],
    [0.9466785280815826, 0.2557011698983284],
    [3.314825187068521, 2.896124015972201, 0.9986419139977817],
    [1.221224509226641, 6.019134481288629, 12.53708332932087, -0.687886036105895],
    [1.221224509226641, 6.019134481288629, 12.53708332932087, -0.687886036105895, 1],
  ],
  c: [
    [],
    [-5.6688],
    [-2.430093356833875, -0.2063599157091915],
    [-0.1073529058151375, -9.594562251023355, -20.47028614809616],
    [7.496443313967647, -10.24680431464352, -33.99990352819905, 11.7089089320616],
    [
      8.083246795921522, -7.981132988064893, -31.52159432874371, 16.31930543123136,
      -6.058818238834054,
    ],
  ],
  alpha: [0, 0.386, 0.21, 0.63, 1, 1],
  gammaT: [0.25, -0.1043, 0.1035, -0.0362, 0, 0],
  dense: [
    [
      10.12623508344586, -7.487995877610167, -34.80091861555747, -7.992771707568823,
      1.025137723295662, 0,
    ],
    [
      -0.6762803392801253, 6.087714651680015, 16.43084320892478, 24.76722511418386,
      -6.594389125716872, 0,
    ],
  ],
};

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

// Step-size control (Hairer's RODAS): safety, bounds on h_new/h, Gustafsson's predictive
// controller after accepted steps (fewer rejections when the error estimate drifts).
const SAFETY = 0.9;
const MIN_FACTOR = 0.2;
const MAX_FACTOR = 6;

export function integrateRosenbrock(
  problem: OdeProblem,
  t0: number,
  initial: Float64Array,
  options: RosenbrockOptions,
  observer: Observer,
): RosenbrockResult {
  const tableau = options.tableau ?? RODAS5P;
  const n = problem.dimension;
  const s = tableau.a.length;
  const buf = () => new Float64Array(n);
  let y = Float64Array.from(initial);
  let yNew = buf();
  let f0 = buf();
  let f1 = buf();
  const stage = buf();
  const du = buf();
  const dfdt = buf();
  const scratch = buf();
  const ks = Array.from({ length: s }, buf);
  // The tableau's a and c as flat s×s arrays (row i, column j < i).
  const aFlat = new Float64Array(s * s);
  const cFlat = new Float64Array(s * s);
  for (let i = 0; i < s; i++) {
    tableau.a[i]!.forEach((v, j) => {
      aFlat[i * s + j] = v;
    });
    tableau.c[i]!.forEach((v, j) => {
      cFlat[i * s + j] = v;
    });
  }
  const dense = tableau.dense.map(buf);
  const jac = new Float64Array(n * n);
  const lu = new Float64Array(n * n);
  const pivots = new Int32Array(n);
  const eventBuffer = buf();
  const groups = options.errorGroups;
  const groupMax = errorGroupScratch(groups);
  const events: LocatedEvent[] = [];
  const exponent = 1 / tableau.order;
  let evaluations = 0;
  let jacobians = 0;
  let decompositions = 0;
  const f = (t: number, state: Float64Array, out: Float64Array) => {
    evaluations++;
    problem.rhs(t, state, out);
  };

  let t = t0;
  // Kahan compensation of t: the part of Σh that the double t could not hold, so that t
  // stays within an ulp of the exact sum of the steps even when they approach ulp(t).
  let tLost = 0;
  f(t, y, f0);
  let h = options.initialStep ?? initialStep(problem, t, y, f0, options, f, tableau.order);
  let steps = 0;
  let rejected = 0;
  let jacobianFresh = false;
  let lastRejected = false;
  let hAccepted = 0;
  let errAccepted = 0;
  const eventValues = observer.events.map((e) => e.value(t, y));
  let denseT0 = t;
  let denseH = 0;
  const interpolate = (tq: number, out: Float64Array) => {
    const theta = denseH === 0 ? 0 : (tq - denseT0) / denseH;
    const theta1 = 1 - theta;
    const rows = dense.length;
    for (let i = 0; i < n; i++) {
      let p = dense[rows - 1]![i]!;
      for (let r = rows - 2; r >= 0; r--) p = dense[r]![i]! + theta * p;
      out[i] = theta1 * y[i]! + theta * (yNew[i]! + theta1 * p);
    }
  };
  const accepted = { index: 0, t0: t, t1: t, y0: y, y1: yNew, dydt1: f1, interpolate };
  const finish = (status: IntegrationStatus): RosenbrockResult => ({
    status,
    t,
    y,
    steps,
    rejectedSteps: rejected,
    evaluations,
    events,
    nextStep: h,
    jacobians,
    decompositions,
  });

  for (;;) {
    if (steps >= options.maxSteps) return finish("step-budget");
    // Time left from the compensated time t + tLost; the step that reaches maxTime lands on it.
    const left = options.maxTime - t - tLost;
    if (!(left > 0)) return finish("time-budget");
    if (!allFinite(f0)) return finish("diverged");
    if (stepUnderflow(problem, h, t, y, f0, options.relativeFloor, lastRejected, groups, groupMax))
      return finish("step-underflow");
    const lands = h >= left;
    const hStep = lands ? left : h;

    if (!jacobianFresh) {
      jacobians++;
      if (problem.jacobian) problem.jacobian(t, y, jac);
      else differenceJacobian(problem, t, y, f0, jac, scratch, du, options.relativeFloor, f);
      if (!problem.autonomous) timeDerivative(t, y, f0, dfdt, f);
      jacobianFresh = true;
    }

    // W = I/(hγ) − J, factored in place.
    const diagonal = 1 / (hStep * tableau.gamma);
    for (let i = 0; i < n * n; i++) lu[i] = -jac[i]!;
    for (let i = 0; i < n; i++) lu[i * n + i]! += diagonal;
    decompositions++;
    let ok = luFactor(lu, n, pivots);

    // Stages. `stage` ends as the last stage point (the embedded solution).
    for (let i = 0; ok && i < s; i++) {
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
        f(t + tableau.alpha[i]! * hStep, stage, du);
        k.set(du);
        for (let j = 0; j < i; j++) {
          const c = cFlat[i * s + j]! / hStep;
          if (c === 0) continue;
          const kj = ks[j]!;
          for (let m = 0; m < n; m++) k[m]! += c * kj[m]!;
        }
      }
      const gt = tableau.gammaT[i]!;
      if (!problem.autonomous && gt !== 0) {
        for (let m = 0; m < n; m++) k[m]! += hStep * gt * dfdt[m]!;
      }
      luSolve(lu, n, pivots, k);
    }

    let err = Number.POSITIVE_INFINITY;
    let yMax = 0;
    if (ok) {
      const kLast = ks[s - 1]!;
      let finite = true;
      for (let m = 0; m < n; m++) {
        const v = stage[m]! + kLast[m]!;
        yNew[m] = v;
        if (!Number.isFinite(v)) finite = false;
        const a = Math.max(Math.abs(v), Math.abs(y[m]!));
        if (a > yMax) yMax = a;
      }
      err = scaledErrorNorm(kLast, y, yNew, options, groupMax, yMax);
      ok = finite && Number.isFinite(err);
    }
    if (!ok || err > 1) {
      // Rejected (or W singular / the stages overflowed): shrink and retry from the same y0.
      rejected++;
      lastRejected = true;
      const factor = ok ? Math.max(MIN_FACTOR, SAFETY * err ** -exponent) : MIN_FACTOR;
      h = hStep * Math.min(1, factor);
      continue;
    }

    // Divergence is judged on accepted states only (a rejected trial step with a huge h may
    // be far off) and reported at the last accepted one, as DOPRI5 does.
    if (yMax > options.divergenceNorm) return finish("diverged");

    // Accepted. Next step size: the classical controller, and Gustafsson's predictive one.
    let factor = err === 0 ? MAX_FACTOR : SAFETY * err ** -exponent;
    if (steps > 0 && hAccepted > 0) {
      const predictive = (hStep / hAccepted) * SAFETY * (errAccepted / (err * err)) ** exponent;
      factor = Math.min(factor, predictive);
    }
    factor = Math.min(MAX_FACTOR, Math.max(MIN_FACTOR, factor));
    if (lastRejected) factor = Math.min(factor, 1);
    hAccepted = hStep;
    errAccepted = Math.max(1e-2, err);
    lastRejected = false;

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
    // t + h with Kahan's compensation; the dense output maps [t, tNew] as represented onto
    // θ ∈ [0, 1] (exact at both ends; off by ≤ ulp(t) inside).
    const increment = hStep + tLost;
    const tNew = lands ? options.maxTime : t + increment;
    tLost = lands ? 0 : increment - (tNew - t);
    denseT0 = t;
    denseH = tNew - t;
    steps++;
    f(tNew, yNew, f1);

    locateEvents(observer, eventValues, t, tNew, yNew, interpolate, eventBuffer, steps, events);

    accepted.index = steps;
    accepted.t0 = t;
    accepted.t1 = tNew;
    accepted.y0 = y;
    accepted.y1 = yNew;
    accepted.dydt1 = f1;
    const stop = observer.onStep?.(accepted) ?? false;
    const yOld = y;
    y = yNew;
    yNew = yOld;
    const fOld = f0;
    f0 = f1;
    f1 = fOld;
    t = tNew;
    h = hStep * factor;
    jacobianFresh = false;
    if (stop) return finish("stopped");
  }
}

function allFinite(v: Float64Array): boolean {
  for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i]!)) return false;
  return true;
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
  f: (t: number, y: Float64Array, out: Float64Array) => void,
): void {
  const n = problem.dimension;
  let yMax = 0;
  for (let i = 0; i < n; i++) yMax = Math.max(yMax, Math.abs(y[i]!));
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
  f: (t: number, y: Float64Array, out: Float64Array) => void,
): void {
  const delta = Math.sqrt(Number.EPSILON * Math.max(1e-5, Math.abs(t)));
  const tUp = t + delta;
  f(tUp, y, out);
  const dt = tUp - t;
  for (let i = 0; i < out.length; i++) out[i] = (out[i]! - f0[i]!) / dt;
}
