import { InternalError } from "../errors/internalError.js";
import { spdSolve } from "../linalg/cholesky.js";
import { derive } from "../statistics/derived.js";
import type { Statistics } from "../statistics/statistics.js";
import { locateEvent, solveOde } from "./odeSolve.js";

/**
 * The next-order prediction of two-layer late fusion (issue 10; derivation in docs/next-order.md):
 * t_A, t_B and t_B/t_A for one run, from the statistics and that run's initial weights,
 * correct to all orders in 1/ln(1/u0) — the terms T2 and R₁ drop — up to O(ε) with ε the
 * matching amplitude below.
 *
 * Derivation (small init, gradient flow τ = 1):
 * 1. Linear phase, solved in closed form. While ‖W^tot‖ ≪ 1 the residual is Σ_yx, and each
 *    hidden unit j of branch m, v_j = (a_j, w_j) (fusion weight, first-layer row), obeys
 *    v̇ = K_m v with K_m = [[0, Σ_yxmᵀ], [Σ_yxm, 0]]: growing (1, n̂_m)/√2 at rate s_m,
 *    decaying (1, −n̂_m)/√2, and frozen (0, w⊥). A's product therefore starts along n̂_A as
 *    W_A = κ_A u0² e^{2 s_A t} n̂_A with κ_A u0² = Σ_j ((a_j + w_j·n̂_A)/2)².
 * 2. A aligned. Past the linear phase A is rank-one and balanced to O(u0) (its other
 *    components neither grow nor decay), and on that invariant manifold its product obeys
 *    Ẇ_A = ‖W_A‖ (r_A + (r_A·Ŵ_A) Ŵ_A): this is what carries A's multi-mode creep toward
 *    W_A^uni along Σ_A's weak eigendirections, which a single logistic (R₁) misses.
 * 3. B exact. A two-layer scalar-output branch is closed in (W, P = W¹ᵀW¹, q = ‖a‖²):
 *    Ẇ = r P + q r, Ṗ = rᵀW + Wᵀr, q̇ = 2 W·r — exact for any width and any init. B keeps
 *    all of its init (grown, frozen and decaying parts), so the rotation of its residual
 *    from Σ_yxB to e_B during A's transition (near ties, the overlap) and B's own transition
 *    are followed, not modelled.
 * The linear phase ends where A's product reaches ε = EPSILON·g; the coupled system is then
 * integrated to B's threshold. Its length does not grow with ln(1/u0) beyond the B growth,
 * which an adaptive step crosses in O(10²) steps, so the cost is about flat in u0.
 *
 * What it drops: A's non-aligned O(u0) components and the O(ε) error of the closed-form
 * linear phase. It contains T2 as its u0 → 0 limit (t_A ≈ ln(1/u0²)/(2 s_A), B's seed
 * ∝ u0^{2(1−σk)}), and R₁ as its single-logistic, instant-switch approximation.
 */

/** One branch's initial weights: fusion row a (length h) and first layer W¹ (h rows of d_m). */
export interface BranchWeights {
  readonly fusion: readonly number[];
  readonly first: readonly (readonly number[])[];
}

/** The initial weights of a two-layer late-fusion network (L = Lf = 2). */
export interface LateFusionWeights {
  readonly A: BranchWeights;
  readonly B: BranchWeights;
}

/**
 * "not-reached": a threshold is never crossed (W_B^full = 0, or the dynamics settle below
 * it); "time-budget": not crossed by `maxTime`; "step-budget": the reduced integration ran
 * out of steps first (stiff, very slow cases; no times are claimed); "B-first": B's
 * threshold fell before A's.
 */
export type NextOrderStatus = "reached" | "not-reached" | "time-budget" | "step-budget" | "B-first";

export interface NextOrderPrediction {
  readonly tA: number;
  readonly tB: number;
  readonly ratio: number;
  /** "B-first": B's threshold fell before A's (a B excursion); times are still reported. */
  readonly status: NextOrderStatus;
  /** Accepted steps of the reduced integration (cost). */
  readonly steps: number;
}

/** ‖r‖ below this fraction of ‖Σ_yx‖: the flow has reached W^full (no threshold left to cross). */
const SETTLED = 1e-9;
/** A's product at the end of the closed-form linear phase, relative to g = ‖W_A^uni‖. */
const EPSILON = 1e-7;
/**
 * Relative tolerance of the reduced integration. Measured: the prediction matches gradient
 * flow (DOPRI5 at rtol 1e-10) to ≤ 1e-5 relative on the paper's family (README table), so
 * its own error is below that; tighter tolerances only cost steps.
 */
const RTOL = 1e-6;
const ATOL = 1e-300;
/**
 * Accepted-step budget. The plateau is stability-limited (A's fast relaxation modes bound an
 * explicit step), so steps grow like ln(1/u0): median 261 / 505 / 1548 at u0 = 1e-6 / 1e-16 /
 * 1e-64 on the paper's family (D = 20), up to ~10⁵ on ill-conditioned scalar draws at
 * u0 = 1e-64. Exhausting it is reported as "step-budget", never as a prediction.
 */
const MAX_STEPS = 200_000;

/**
 * Balanced rank-one init (docs/theory.md §2): one unit, a = u0, W¹ = u0·n̂ with n̂ = Σ_yxm/‖Σ_yxm‖, or
 * for B with Σ_yxB = 0 the direction of e_B (as the network's balanced init does).
 */
export function balancedWeights(stats: Statistics, u0: number): LateFusionWeights {
  const branch = (direction: number[]): BranchWeights => {
    const s = Math.hypot(...direction);
    return { fusion: [u0], first: [direction.map((v) => (s > 0 ? (u0 * v) / s : 0))] };
  };
  const yxB = stats.sigmaYX.slice(stats.dA);
  return {
    A: branch(stats.sigmaYX.slice(0, stats.dA)),
    B: branch(Math.hypot(...yxB) > 0 ? yxB : derive(stats).eB),
  };
}

/**
 * The next-order t_A, t_B and ratio of one run (see the module comment). `maxTime` bounds
 * the predicted t_B (default: 1e3 times the leading-order t_A).
 */
export function nextOrderLateFusion(
  stats: Statistics,
  weights: LateFusionWeights,
  maxTime?: number,
): NextOrderPrediction {
  const { dA, dB, sigma, sigmaYX } = stats;
  const d = dA + dB;
  checkShapes(weights, dA, dB);
  const yxA = sigmaYX.slice(0, dA);
  const yxB = sigmaYX.slice(dA);
  const sA = Math.hypot(...yxA);
  const sB = Math.hypot(...yxB);
  // ‖W_A^uni‖ and ‖W_B^full‖ by Cholesky solves (no mathjs: this runs per prediction).
  const g = Math.hypot(
    ...solveRow(
      sigma.slice(0, dA).map((r) => r.slice(0, dA)),
      yxA,
    ),
  );
  const b = Math.hypot(...solveRow(sigma, sigmaYX).slice(dA));
  // W_B^full = 0: B has no threshold to time (docs/theory.md §3), as the simulation reports it.
  if (!(b > 0))
    return { tA: Number.NaN, tB: Number.NaN, ratio: Number.NaN, status: "not-reached", steps: 0 };
  const nA = yxA.map((v) => v / sA);

  // 1. Closed-form linear phase up to W_A = ε n̂_A.
  let kappaA = 0;
  for (let j = 0; j < weights.A.fusion.length; j++) {
    const c = (weights.A.fusion[j]! + dotRow(weights.A.first[j]!, nA)) / 2;
    kappaA += c * c;
  }
  const epsilon = EPSILON * g;
  const tStart = Math.max(0, Math.log(epsilon / kappaA) / (2 * sA));
  const aStart = Math.max(epsilon, kappaA);
  const units = weights.B.fusion.map((a, j) =>
    linearPhaseUnit(a, weights.B.first[j]!, yxB, sB, tStart),
  );

  // State: [W_A (dA) | z_W (dB) | z_P (dB·dB, row-major) | z_q | ρ]. B's reduced state
  // (W_B, P_B, q_B) = e^ρ z with ż = L(r) z − μ z, ρ̇ = μ, μ = ⟨z, L(r) z⟩/⟨z, z⟩: exact for
  // any μ (B's dynamics is linear in (W, P, q) given r), and this μ keeps ‖z‖ = 1, so B's
  // growth through many decades on the plateau costs a few steps, not one per fraction of a
  // decade — the integration's length no longer grows with ln(1/u0).
  const offW = dA;
  const offP = dA + dB;
  const offQ = offP + dB * dB;
  const offRho = offQ + 1;
  const y0 = new Float64Array(offRho + 1);
  for (let i = 0; i < dA; i++) y0[i] = aStart * nA[i]!;
  for (const { a, w } of units) {
    for (let i = 0; i < dB; i++) {
      y0[offW + i]! += a * w[i]!;
      for (let k = 0; k < dB; k++) y0[offP + i * dB + k]! += w[i]! * w[k]!;
    }
    y0[offQ]! += a * a;
  }
  const scale0 = Math.sqrt(blockNorm2(y0, offW, offRho));
  for (let i = offW; i < offRho; i++) y0[i]! /= scale0;
  y0[offRho] = Math.log(scale0);

  const r = new Float64Array(d);
  const rhs = (_t: number, y: Float64Array, dy: Float64Array) => {
    const amplitude = Math.exp(y[offRho]!);
    for (let i = 0; i < d; i++) {
      let s = sigmaYX[i]!;
      const row = sigma[i]!;
      for (let k = 0; k < dA; k++) s -= y[k]! * row[k]!;
      let sb = 0;
      for (let k = 0; k < dB; k++) sb += y[offW + k]! * row[dA + k]!;
      r[i] = s - amplitude * sb;
    }
    // A aligned: Ẇ = ‖W‖ r + (r·W) W/‖W‖.
    let norm2 = 0;
    let rw = 0;
    for (let i = 0; i < dA; i++) {
      norm2 += y[i]! * y[i]!;
      rw += r[i]! * y[i]!;
    }
    const norm = Math.sqrt(norm2);
    for (let i = 0; i < dA; i++) dy[i] = norm * r[i]! + (norm > 0 ? (rw / norm) * y[i]! : 0);
    // B exact, normalised: L(r) z = (r z_P + z_q r, rᵀz_W + z_Wᵀr, 2 z_W·r).
    const zq = y[offQ]!;
    let wr = 0;
    for (let i = 0; i < dB; i++) {
      let s = zq * r[dA + i]!;
      for (let k = 0; k < dB; k++) s += r[dA + k]! * y[offP + k * dB + i]!;
      dy[offW + i] = s;
      wr += y[offW + i]! * r[dA + i]!;
    }
    for (let i = 0; i < dB; i++) {
      const ri = r[dA + i]!;
      const wi = y[offW + i]!;
      for (let k = i; k < dB; k++) {
        const v = ri * y[offW + k]! + wi * r[dA + k]!;
        dy[offP + i * dB + k] = v;
        dy[offP + k * dB + i] = v;
      }
    }
    dy[offQ] = 2 * wr;
    let mu = 0;
    let zz = 0;
    for (let i = offW; i < offRho; i++) {
      mu += y[i]! * dy[i]!;
      zz += y[i]! * y[i]!;
    }
    mu /= zz;
    for (let i = offW; i < offRho; i++) dy[i]! -= mu * y[i]!;
    dy[offRho] = mu;
  };

  const residualNorm = (y: Float64Array) => {
    const amplitude = Math.exp(y[offRho]!);
    let sum = 0;
    for (let i = 0; i < d; i++) {
      let v = sigmaYX[i]!;
      const row = sigma[i]!;
      for (let k = 0; k < dA; k++) v -= y[k]! * row[k]!;
      for (let k = 0; k < dB; k++) v -= amplitude * y[offW + k]! * row[dA + k]!;
      sum += v * v;
    }
    return Math.sqrt(sum);
  };
  const normA = (y: Float64Array) => Math.sqrt(blockNorm2(y, 0, dA));
  const normB = (y: Float64Array) => Math.exp(y[offRho]!) * Math.sqrt(blockNorm2(y, offW, offP));
  let tA = Number.NaN;
  let tB = Number.NaN;
  const leadingTA = Math.log(1 / kappaA) / (2 * sA);
  const result = solveOde(
    rhs,
    tStart,
    y0,
    {
      rtol: RTOL,
      atol: ATOL,
      maxSteps: MAX_STEPS,
      // ρ is a logarithm: its error is measured in absolute terms (a relative amplitude).
      groups: [0, offW, offP, offQ, offRho],
      absolute: [offRho],
      // Ratios of 10³ occur in T2's domain (‖e_B‖ ≪ s_A): the default leaves 10⁵.
      tEnd: maxTime ?? 1e5 * Math.max(leadingTA, 1 / sA),
    },
    (step) => {
      if (Number.isNaN(tA) && normA(step.y1) >= g / 2)
        tA = locateEvent(step, (y) => normA(y) - g / 2);
      if (Number.isNaN(tB) && normB(step.y1) >= b / 2)
        tB = locateEvent(step, (y) => normB(y) - b / 2);
      // B may cross first (an excursion): keep going until both thresholds are timed, or
      // until the flow has settled (residual at round-off: W^tot = W^full) short of one.
      if (!Number.isNaN(tA) && !Number.isNaN(tB)) return true;
      return residualNorm(step.y1) <= SETTLED * Math.hypot(...sigmaYX);
    },
  );
  if (result.status === "step-budget")
    return { tA, tB: Number.NaN, ratio: Number.NaN, status: "step-budget", steps: result.steps };
  if (result.status === "step-underflow")
    throw new InternalError(
      `nextOrderLateFusion: the reduced integration ended in ${result.status} at t = ${result.t} after ${result.steps} steps`,
    );
  const status: NextOrderStatus =
    Number.isNaN(tB) || Number.isNaN(tA)
      ? result.status === "end-time"
        ? "time-budget"
        : "not-reached"
      : tB < tA
        ? "B-first"
        : "reached";
  return { tA, tB, ratio: tB / tA, status, steps: result.steps };
}

/** x with x M = v for symmetric positive-definite M (Cholesky), as a row. */
function solveRow(m: readonly (readonly number[])[], v: readonly number[]): number[] {
  const x = spdSolve(m, v);
  if (!x) throw new InternalError("nextOrderLateFusion: Σ is not positive definite");
  return x;
}

/**
 * The weights must match the statistics they are predicted with: a caller that passes the
 * un-oriented statistics' weights would otherwise get a silently wrong prediction.
 */
function checkShapes(weights: LateFusionWeights, dA: number, dB: number): void {
  for (const [m, dim] of [
    ["A", dA],
    ["B", dB],
  ] as const) {
    const branch = weights[m];
    if (
      branch.first.length !== branch.fusion.length ||
      branch.first.some((row) => row.length !== dim)
    )
      throw new InternalError(
        `nextOrderLateFusion: branch ${m}'s weights do not match d${m} = ${dim} (fusion ${branch.fusion.length}, first-layer rows ${branch.first.map((r) => r.length).join(",")})`,
      );
  }
}

/**
 * One hidden unit (a, w) of branch B after time t of the linear phase (residual Σ_yxB):
 * exp(t K) with K = [[0, sᵀ], [s, 0]], s = Σ_yxB, in closed form.
 */
function linearPhaseUnit(
  a: number,
  w: readonly number[],
  yxB: readonly number[],
  sB: number,
  t: number,
): { a: number; w: number[] } {
  if (sB === 0) return { a, w: [...w] };
  const n = yxB.map((v) => v / sB);
  const p = dotRow(w, n);
  // a ± p evolve as e^{±s t}; w's component orthogonal to n is frozen.
  const plus = ((a + p) / 2) * Math.exp(sB * t);
  const minus = ((a - p) / 2) * Math.exp(-sB * t);
  const along = plus - minus;
  return { a: plus + minus, w: w.map((x, i) => x - p * n[i]! + along * n[i]!) };
}

function dotRow(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function blockNorm2(y: Float64Array, start: number, end: number): number {
  let s = 0;
  for (let i = start; i < end; i++) s += y[i]! * y[i]!;
  return s;
}
