import { InputError } from "../errors/inputError.js";

/**
 * X4 — late fusion with unequal branch depths, balanced small initialisation, leading order.
 * Plain scalars in, plain numbers out (no statistics or simulation imports).
 *
 * Modality m's chain has n_m ≥ 2 layers (its branch layers and its fusion block; late fusion,
 * so no shared layer), every layer of singular value u_m (balanced: gradient flow keeps the
 * layers of one chain equal), product w_m = u_m^{n_m}. While both products are small each
 * chain sees only its own drive c_m (the correlation left along its direction):
 *
 *   du_m/dt = c_m u_m^{n_m − 1}   ⇒   ∫_{u0}^{u_m(t)} u^{1−n_m} du = ∫_0^t c_m dt'.
 *
 * The left side is modality m's *clock*; it must reach τ_n(u0) = ∫_{u0}^1 u^{1−n} du,
 * i.e. ln(1/u0) for n = 2 and (u0^{2−n} − 1)/(n − 2) for n ≥ 3, for m to be learned (the
 * endpoint u = 1 is T4/T5's convention; the threshold of docs/theory.md §3 differs from it by
 * O(1/c) in time). Before anything is learned c_m = s_m = ‖Σ_yxm‖, so the first modality F
 * is the one with the smaller τ_{n_m}(u0)/s_m — with unequal depths not necessarily the one
 * with the larger s_m (T8 no longer decides: a shallower chain can win). Once F is learned,
 * the second modality S is driven by its residual correlation e_S (e_B of docs/theory.md §1 with
 * the roles of F and S) and finishes its clock:
 *
 *   t_F = τ_{n_F}(u0)/s_F,   t_S = t_F + (τ_{n_S}(u0) − s_S t_F)/e_S,
 *   t_S/t_F = 1 + (s_F τ_{n_S}(u0)/τ_{n_F}(u0) − s_S)/e_S.
 *
 * With n_A = n_B the clocks cancel and this is T2/T4, 1 + (s_A − s_B)/e_B, for every u0.
 * With n_S ≠ n_F the ratio depends on u0. S deeper: it grows without bound as u0 → 0
 * (like u0^{2−n_S}/ln(1/u0) against a two-layer F). S shallower: F can only have won by a
 * large rate at moderate u0 (τ_{n_F}/τ_{n_S} → ∞ as u0 → 0, so the shallower chain always
 * goes first for small enough u0), and the ratio stays finite.
 *
 * @module
 */

/** One modality's chain and drives (magnitudes along the chain's own direction). */
export interface ChainDrive {
  /** n_m ≥ 2: layers in the modality's chain (late fusion: branch layers + fusion block). */
  readonly chainLength: number;
  /** s_m = ‖Σ_yxm‖ > 0: the drive before either modality is learned. */
  readonly rate: number;
  /**
   * The drive once the *other* modality is learned, e_m projected on m's direction
   * (scalar modalities: e_m·sign Σ_yxm). Must be > 0 for m to be learned second by a
   * balanced chain (which cannot change sign).
   */
  readonly residual: number;
  /**
   * Optional endpoints for the "target" clocks: ‖W_m^uni‖ (m learned first, alone) and
   * ‖W_m^full‖ (m learned second). Absent: the unit endpoint u = 1.
   */
  readonly targets?: { readonly alone: number; readonly joint: number };
}

export interface UnequalDepthCase {
  readonly A: ChainDrive;
  readonly B: ChainDrive;
  /** Initial per-layer scale u0 ∈ (0, 1). */
  readonly u0: number;
}

export interface UnequalDepthPrediction {
  /** The modality learned first: smaller clock time τ_{n_m}(u0)/s_m. */
  readonly first: "A" | "B";
  /** t_F = τ_{n_F}(u0)/s_F. */
  readonly tFirst: number;
  /** t_S = t_F + (τ_{n_S}(u0) − s_S t_F)/e_S. */
  readonly tSecond: number;
  /** t_S/t_F. */
  readonly ratio: number;
  /**
   * Fraction of S's clock still to run at t_F, 1 − s_S t_F/τ_{n_S}(u0) ∈ (0, 1]: the
   * separation of the two transitions (T2's 1 − k when n_A = n_B). Near 0 they overlap and
   * the decoupled picture fails.
   */
  readonly gap: number;
}

/**
 * τ_n(u0) = ∫_{u0}^1 u^{1−n} du: ln(1/u0) for n = 2, (u0^{2−n} − 1)/(n − 2) otherwise
 * (n = 1: 1 − u0). Written with expm1 so that it keeps full relative precision as u0 → 1.
 *
 * @example chainClock(2, Math.exp(-3)) // 3
 * @example chainClock(3, 0.1) // 9
 */
export function chainClock(n: number, u0: number, end = 1): number {
  if (!(Number.isInteger(n) && n >= 1))
    throw new InputError("chain length", `must be an integer ≥ 1, got ${n}`);
  if (!(u0 > 0 && u0 < end)) throw new InputError("u0", `must be in (0, ${end}), got ${u0}`);
  const logRatio = Math.log(end / u0);
  if (n === 2) return logRatio;
  const p = n - 2;
  // ∫_{u0}^{end} u^{1−n} du = end^{2−n} (e^{p ln(end/u0)} − 1)/p.
  return (end ** -p * Math.expm1(p * logRatio)) / p;
}

/**
 * Which endpoint the clocks run to: "unit" (u = 1, the leading order; exactly T2/T4 when
 * n_A = n_B) or "target" (u⋆ = ‖target‖^{1/n}, the per-layer scale at which the product
 * reaches its target: ‖W_F^uni‖ for the first modality, ‖W_S^full‖ for the second). The
 * target clocks carry the next-order ln g terms (two layers: ln(u⋆/u0) = ln(1/u0) + ½ ln g,
 * exact to O(1/s) for the logistic rise) and make the prediction invariant to rescaling the
 * data; they differ from the unit clocks by relative O(1/ln(1/u0)) (n = 2) or O(u0^{n−2}·
 * u⋆^{2−n}) (n ≥ 3).
 */
export type ClockEndpoint = "unit" | "target";

/**
 * X4's leading-order phase times for late fusion with chains of lengths n_A, n_B.
 *
 * @throws InputError when a rate is not positive, the chain lengths are not integers ≥ 2,
 *   u0 ∉ (0, 1), or the two clock times tie exactly.
 *
 * @example
 * // Toy σ_A = 2, σ_B = 1, ρ = 0.5 (s_A = 5, s_B = 2, e_B = 0.75), equal depths: T2's 5.
 * unimodalPhaseUnequalDepths({
 *   A: { chainLength: 3, rate: 5, residual: 3.75 },
 *   B: { chainLength: 3, rate: 2, residual: 0.75 },
 *   u0: 0.01,
 * }).ratio // 5
 */
export function unimodalPhaseUnequalDepths(
  c: UnequalDepthCase,
  endpoint: ClockEndpoint = "unit",
): UnequalDepthPrediction {
  for (const m of ["A", "B"] as const) {
    const { chainLength, rate, residual } = c[m];
    if (!(Number.isInteger(chainLength) && chainLength >= 2))
      throw new InputError(`${m}.chainLength`, `must be an integer ≥ 2, got ${chainLength}`);
    if (!(Number.isFinite(rate) && rate > 0))
      throw new InputError(`${m}.rate`, `must be a finite number > 0, got ${rate}`);
    if (!(Number.isFinite(residual) && residual > 0))
      throw new InputError(`${m}.residual`, `must be a finite number > 0, got ${residual}`);
  }
  const clock = (d: ChainDrive, role: "alone" | "joint") => {
    if (endpoint === "unit") return chainClock(d.chainLength, c.u0);
    const target = d.targets?.[role];
    if (!(target !== undefined && target > 0))
      throw new InputError(`targets.${role}`, "must be > 0 for target clocks");
    return chainClock(d.chainLength, c.u0, target ** (1 / d.chainLength));
  };
  const timeA = clock(c.A, "alone") / c.A.rate;
  const timeB = clock(c.B, "alone") / c.B.rate;
  if (timeA === timeB)
    throw new InputError("A, B", "the two modalities' clock times must not tie (no first one)");
  const first = timeA < timeB ? "A" : "B";
  const [F, S] = first === "A" ? [c.A, c.B] : [c.B, c.A];
  const clockF = clock(F, "alone");
  const clockS = clock(S, "joint");
  const tFirst = clockF / F.rate;
  const remaining = clockS - S.rate * tFirst;
  const tSecond = tFirst + remaining / S.residual;
  // ratio − 1 = (s_F τ_S/τ_F − s_S)/e_S, formed directly so that no cancellation occurs.
  const ratio = 1 + (F.rate * (clockS / clockF) - S.rate) / S.residual;
  return { first, tFirst, tSecond, ratio, gap: remaining / clockS };
}
