/**
 * Phase times of deep linear fusion networks under balanced small
 * initialisation: claim T5 (intermediate fusion) with its limits T1
 * (early fusion, `Lf = 1`) and T2/T4 (late fusion, `Lf = L`), and the
 * leading-order absolute times of T9. Plain scalars in, plain numbers out:
 * this layer does not depend on any statistics or simulation module.
 *
 * Notation (docs/theory.md §4): `sA = ‖Σ_yxA‖`, `k = sB/sA`, `e = ‖e_B‖`,
 * `g = ‖W_A^uni‖`, depth `L`, fusion layer `Lf`, init scale `u0`; times in τ.
 *
 * @module
 */
import { InputError } from "../errors/inputError.js";
import { quadrature } from "./quadrature.js";

/** Data rates entering T5. */
export interface PhaseRates {
  /** `s_A = ‖Σ_yxA‖ > 0`, the faster modality's rate. */
  sA: number;
  /** `k = s_B / s_A`, in (0, 1) (A is the faster modality by convention). */
  k: number;
  /** `e = ‖e_B‖ > 0`, B's residual correlation once A is learned. */
  e: number;
  /** `g = ‖W_A^uni‖ > 0`, the norm of A's unimodal solution. */
  g: number;
}

/** Network shape: `depth = L ≥ 1`, `fusionLayer = Lf` with `1 ≤ Lf ≤ L`. */
export interface FusionArchitecture {
  depth: number;
  fusionLayer: number;
}

/** Predicted phase times (units of τ). */
export interface PhasePrediction {
  /** Time A is learned, T5 integral. */
  tA: number;
  /** Unimodal-phase duration `t_B − t_A`. */
  duration: number;
  /** Time B is learned, `t_A + duration`. */
  tB: number;
  /** `t_B / t_A`. */
  ratio: number;
  /** Absolute error estimate of `tA` from the quadrature. */
  tAErrorEstimate: number;
}

/**
 * Relative tolerance requested from the quadrature for t_A. The T5 fixtures
 * are compared at 1e-10 relative; requesting 1e-12 leaves a factor 100 for
 * the heuristic (QUADPACK) error estimate and the reference's own error. The
 * per-panel roundoff floor is 50 ε ≈ 1.1e-14 relative, so 1e-12 is reachable.
 */
export const T5_QUADRATURE_RTOL = 1e-12;

function requirePositive(name: string, value: number): void {
  if (!(Number.isFinite(value) && value > 0)) {
    throw new InputError(name, `must be a finite number > 0, got ${value}`);
  }
}

function requireUnitOpen(name: string, value: number): void {
  if (!(value > 0 && value < 1)) throw new InputError(name, `must be in (0, 1), got ${value}`);
}

function requireArchitecture(arch: FusionArchitecture): void {
  const { depth, fusionLayer } = arch;
  if (!(Number.isInteger(depth) && depth >= 1)) {
    throw new InputError("depth", `must be an integer ≥ 1, got ${depth}`);
  }
  if (!(Number.isInteger(fusionLayer) && fusionLayer >= 1 && fusionLayer <= depth)) {
    throw new InputError(
      "fusionLayer",
      `must be an integer in [1, depth] = [1, ${depth}], got ${fusionLayer}`,
    );
  }
}

/**
 * Ratio `r(v) = ũ_B(v)/v` of the rescaled scales `v = u/u0`, `ũ_B = u_B/u0`,
 * written so that nothing overflows for any `v ≥ 1`:
 * - `Lf = 2`: `r = v^{k−1}`;
 * - `Lf ≠ 2`, `p = Lf − 2`: `r = (k + (1 − k) v^p)^{−1/p}`.
 * From the T5 definition of u_B (see {@link slowModalityScale}), `0 < r ≤ 1`.
 */
function slowToFastRatio(logV: number, k: number, fusionLayer: number): number {
  if (fusionLayer === 2) return Math.exp((k - 1) * logV);
  const p = fusionLayer - 2;
  return (k + (1 - k) * Math.exp(p * logV)) ** (-1 / p);
}

/**
 * Scale `u_B(u)` of the slow modality's chain while the fast one grows from
 * `u0` to `u` (T5):
 * - `Lf ≠ 2`: `u_B = (k u^{2−Lf} + (1−k) u0^{2−Lf})^{1/(2−Lf)}`;
 * - `Lf = 2`: `u_B = u^k u0^{1−k}`.
 * Evaluated as `u0 (k (u/u0)^{2−Lf} + 1 − k)^{1/(2−Lf)}`, algebraically the
 * same and free of overflow for deep fusion layers and tiny `u0`.
 * `u_B(u0) = u0`; for `Lf = 1` it is `k u + (1−k) u0`.
 *
 * @throws InputError if `u ≤ 0`, `u0 ∉ (0, 1)`, `k ∉ (0, 1)` or `fusionLayer`
 *   is not an integer ≥ 1.
 *
 * @example
 * slowModalityScale(0.5, 0.01, 0.5, 2); // √(0.5 · 0.01) ≈ 0.0707
 */
export function slowModalityScale(u: number, u0: number, k: number, fusionLayer: number): number {
  requirePositive("u", u);
  requireUnitOpen("u0", u0);
  requireUnitOpen("k", k);
  if (!(Number.isInteger(fusionLayer) && fusionLayer >= 1)) {
    throw new InputError("fusionLayer", `must be an integer ≥ 1, got ${fusionLayer}`);
  }
  const logV = Math.log(u / u0);
  if (fusionLayer === 2) return u0 * Math.exp(k * logV);
  const q = 2 - fusionLayer;
  return u0 * (k * Math.exp(q * logV) + (1 - k)) ** (1 / q);
}

/**
 * The T5 integral in rescaled form, `J = s_A u0^{L−2} t_A`. Substituting
 * `u = u0 e^σ` in `t_A = ∫_{u0}^{1} du / (s_A u^{Lf−1} (u² + u_B²)^{(L−Lf)/2})`:
 *
 *   `J = ∫_0^{ln(1/u0)} e^{(2−L)σ} (1 + r(σ)²)^{−(L−Lf)/2} dσ`, `r = u_B/u ∈ (0, 1]`.
 *
 * This is the integral in `s = ln u` that docs/theory.md asks for (integrand × u),
 * with the factor `u0^{2−L}` taken out so the integrand lies in (0, 1].
 */
function rescaledTimeA(arch: FusionArchitecture, k: number, u0: number) {
  const { depth: L, fusionLayer: Lf } = arch;
  const integrand = (sigma: number): number => {
    const r = slowToFastRatio(sigma, k, Lf);
    return Math.exp((2 - L) * sigma) * (1 + r * r) ** (-(L - Lf) / 2);
  };
  return quadrature(integrand, 0, Math.log(1 / u0), { rtol: T5_QUADRATURE_RTOL });
}

/** T2/T4 late-fusion excess `t_B/t_A − 1 = (s_A − s_B)/e = (1 − k) s_A / e`. */
function lateFusionExcess(rates: PhaseRates): number {
  return ((1 - rates.k) * rates.sA) / rates.e;
}

/**
 * Predicted `t_A`, `t_B − t_A`, `t_B` and `t_B/t_A` for a deep linear fusion
 * network with balanced rank-one init of scale `u0` (claim T5, with T1 and
 * T2/T4 as its limits).
 *
 * `t_A` is always the T5 integral, computed adaptively in `ln u`. The rest
 * depends on the fusion layer:
 *
 * - **`Lf = 1` (early fusion, T1)**: ratio exactly 1, duration 0. Both
 *   modalities feed one shared chain from the first layer on, so there is a
 *   single transition and no unimodal phase (T5's duration formulas are only
 *   stated for `Lf ≥ 2`).
 * - **`1 < Lf < L` (intermediate, T5 literally)**:
 *   `duration = g^{Lf/L−1} (1−k) ln(1/u0) / e` (`Lf = 2`) or
 *   `g^{Lf/L−1} (1−k) u0^{2−Lf} / ((Lf−2) e)` (`Lf > 2`), and
 *   `ratio = 1 + duration / t_A` with `t_A` the full integral (as in the
 *   authors' `lag_depth`). Toy σ_A = 2, σ_B = 1, ρ = 0.5, w = (1, 1)
 *   (`s_A = 5, k = 0.4, e = 0.75, g = 1.25`), `L = 4`, `u0 = 0.1`: ratio
 *   1.2646 (`Lf = 2`) and 1.9577 (`Lf = 3`). Only this literal reading gives
 *   the accepted 1.958: t_A to leading order (upper limit → ∞) gives 1.9458,
 *   and a duration "to 1" as below (`u0^{2−Lf} → u0^{2−Lf} − 1`) gives 1.8619.
 *   The literal formula breaks T6 at large u0 (duration is a blow-up time,
 *   overstated by ~`1/(1 − u0^{Lf−2})`) or small g (`g^{Lf/L−1} ≫ 1`): e.g.
 *   `s_A = 1, k = 0.001, e = 1, g = 1, L = 4, u0 = 0.5` gives ratios
 *   1, 1.737, 2.687, 1.999 for `Lf = 1 … 4`; no violation was found for
 *   `u0 < 0.087` with `g ∈ [0.01, 100]`.
 * - **`Lf = L ≥ 2` (late fusion, T2/T4)**: ratio exactly
 *   `1 + (s_A − s_B)/e`, independent of L and u0; `duration = (s_A − s_B) t_A / e`.
 *   Why not T5 literally: with `Lf = L` the integral is elementary,
 *   `s_A t_A = (u0^{2−L} − 1)/(L − 2)` (`L ≥ 3`), `ln(1/u0)` (`L = 2`), but the
 *   duration formula `(1−k) u0^{2−L}/((L−2) e)` is the time for B's chain to
 *   blow up (reach ∞), while t_A is the time for A's chain to reach 1. Mixed
 *   literally they give `1 + (T2 − 1)/(1 − u0^{L−2})`: 5.0404 instead of 5
 *   for the toy above at `L = 4, u0 = 0.1` — an `O(u0^{L−2})` artefact, below
 *   the leading order the theory claims. Measuring both to the same endpoint
 *   removes it exactly: while small, B's chain grows as
 *   `du_B/dt = s_B u_B^{L−1}` until t_A and as `e u_B^{L−1}` after (the
 *   decoupled dynamics behind T2/T4), so `u_B(t_A)^{2−L} = (1−k) u0^{2−L} + k` and
 *   B reaches 1 after `(u_B(t_A)^{2−L} − 1)/((L−2) e)
 *   = (1−k)(u0^{2−L} − 1)/((L−2) e) = (s_A − s_B) t_A / e`, hence the T2
 *   ratio for every `L` and `u0` (this is T4). For `L = 2` both readings
 *   coincide. `g^{Lf/L−1} = g^0 = 1` here, so g plays no role. (The SciPy
 *   fixture `t5-quad.json` records the literal ratio; its test reconciles both.)
 *
 * @throws InputError naming the offending field and its bound.
 * @throws QuadratureError if the integral does not reach
 *   {@link T5_QUADRATURE_RTOL} (not observed for `L ≤ 10`, `u0 ≥ 1e-6`).
 *
 * @example
 * const rates = { sA: 5, k: 0.4, e: 0.75, g: 1.25 };
 * unimodalPhasePrediction(rates, { depth: 4, fusionLayer: 4 }, 0.1).ratio; // 5
 * unimodalPhasePrediction(rates, { depth: 4, fusionLayer: 3 }, 0.1).ratio; // ≈ 1.9577
 */
export function unimodalPhasePrediction(
  rates: PhaseRates,
  arch: FusionArchitecture,
  u0: number,
): PhasePrediction {
  requirePositive("sA", rates.sA);
  requireUnitOpen("k", rates.k);
  requirePositive("e", rates.e);
  requirePositive("g", rates.g);
  requireArchitecture(arch);
  requireUnitOpen("u0", u0);
  const { depth: L, fusionLayer: Lf } = arch;
  const J = rescaledTimeA(arch, rates.k, u0);
  const scale = u0 ** (2 - L) / rates.sA;
  const tA = scale * J.value;
  const tAErrorEstimate = scale * J.errorEstimate;
  // excess = (t_B − t_A)/t_A, kept apart from the ratio so that a duration
  // far below ulp(1)·t_A (deep chains, tiny u0) is not lost in `ratio − 1`.
  let excess: number;
  if (Lf === 1) {
    excess = 0;
  } else if (Lf === L) {
    excess = lateFusionExcess(rates);
  } else {
    // duration·s_A·u0^{L−2}/J with u0^{2−L} cancelled analytically.
    const prefactor = (rates.g ** (Lf / L - 1) * (1 - rates.k) * rates.sA) / rates.e;
    const scaledDuration = Lf === 2 ? Math.log(1 / u0) * u0 ** (L - 2) : u0 ** (L - Lf) / (Lf - 2);
    excess = (prefactor * scaledDuration) / J.value;
  }
  const duration = excess * tA;
  const ratio = 1 + excess;
  return { tA, duration, tB: tA + duration, ratio, tAErrorEstimate };
}

/**
 * Leading-order `t_A` of late fusion (T9), for `Lf = L ≥ 2` only:
 * - `L = 2`: `ln(1/u0)/s_A` — exact for the T5 integral, not only leading order;
 * - `L ≥ 3`: `u0^{2−L}/((L−2) s_A)`, which exceeds the T5 integral
 *   `(u0^{2−L} − 1)/((L−2) s_A)` by `1/((L−2) s_A)`, a relative `u0^{L−2}`.
 *
 * Other architectures are outside T9: for `Lf < L` the coefficient depends on
 * k (e.g. `L = 2, Lf = 1`: `ln(1/u0)/(s_A √(1+k²))` to leading order; `L ≥ 3`:
 * `u0^{2−L} J_∞(k) / s_A` with J of {@link unimodalPhasePrediction} taken to
 * ∞), and `L = 1` is a linear model with no small-init plateau.
 *
 * @throws InputError if `sA ≤ 0`, `u0 ∉ (0, 1)` or not `fusionLayer = depth ≥ 2`.
 *
 * @example
 * leadingOrderTimeA(5, { depth: 4, fusionLayer: 4 }, 0.1); // 100 / (2 · 5) = 10
 */
export function leadingOrderTimeA(sA: number, arch: FusionArchitecture, u0: number): number {
  requirePositive("sA", sA);
  requireArchitecture(arch);
  requireUnitOpen("u0", u0);
  const { depth: L, fusionLayer: Lf } = arch;
  if (!(Lf === L && L >= 2)) {
    throw new InputError(
      "fusionLayer",
      `leadingOrderTimeA covers late fusion only (T9): must equal depth ≥ 2, got depth ${L}, fusionLayer ${Lf}`,
    );
  }
  if (L === 2) return Math.log(1 / u0) / sA;
  return u0 ** (2 - L) / ((L - 2) * sA);
}
