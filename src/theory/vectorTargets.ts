import { InputError } from "../errors/inputError.js";

/**
 * X5 — two-layer (or deeper, late-fusion) time ratio with vector targets y ∈ R^k, at small
 * balanced init. Plain numbers in (no statistics or simulation imports).
 *
 * Derivation (Saxe et al.'s decoupled modes, per modality): while both modalities' maps are
 * small, modality m's two-layer map W_m = W_m² W_m¹ is driven by Σ_yxm (k×d_m) alone, and
 * its singular modes grow independently, mode i at rate σ_i(Σ_yxm): the fastest is the top
 * singular value, so A (the modality with the larger σ₁(Σ_yxm)) is learned at
 * t_A ≈ ln(1/u0)/σ₁(Σ_yxA) and B's top mode has by then grown to u0^{2(1−k)}, k = σ₁(Σ_yxB)/
 * σ₁(Σ_yxA). Once A is learned B's drive is the residual matrix e_B = Σ_yxB − Σ_yxA Σ_A⁻¹Σ_AB,
 * whose top mode grows at σ₁(e_B) from that head start:
 *
 *   t_B/t_A = 1 + (σ₁(Σ_yxA) − σ₁(Σ_yxB))/σ₁(e_B)    ("operator" form),
 *
 * which is T2 with every norm an operator norm (k = 1: the Euclidean norms of T2). It assumes,
 * like T2's norm form, that B's head start lies along e_B's top mode (X6: the B map grown along
 * Σ_yxB's top mode keeps growing along e_B's), and that the top modes alone carry the §3
 * thresholds. The "frobenius" form (docs/theory.md §1's ‖·‖ for matrices) is the literal
 * transcription of T2; the two coincide when Σ_yx is rank one (e.g. a rank-one teacher).
 *
 * @module
 */

/** Rates of X5 for one form (operator norms or Frobenius norms). */
export interface VectorTargetRates {
  /** ‖Σ_yxA‖ > ‖Σ_yxB‖ (A is the faster modality). */
  readonly sA: number;
  readonly sB: number;
  /** ‖e_B‖ > 0. */
  readonly e: number;
}

/**
 * t_B/t_A = 1 + (s_A − s_B)/e.
 * @example vectorTargetRatio({ sA: 5, sB: 2, e: 0.75 }) // 5
 */
export function vectorTargetRatio(rates: VectorTargetRates): number {
  const { sA, sB, e } = rates;
  if (!(sA > sB && sB >= 0)) throw new InputError("sA, sB", `need s_A > s_B ≥ 0, got ${sA}, ${sB}`);
  if (!(e > 0)) throw new InputError("e", `must be > 0, got ${e}`);
  return 1 + (sA - sB) / e;
}

/**
 * X5.per-mode — growth rates of the per-mode ("clock") form. Small balanced init: a mode of
 * strength s starting at u0² grows like u0² e^{2∫s dt}, so it arrives (is learned) when its
 * clock ∫ s dt reaches ln(1/u0). A learns its modes one by one; each arrival changes the drive
 * of every mode not yet learned, so the rates are piecewise constant between A's arrivals.
 */
export interface PerModeRates {
  /**
   * aRates[i][j], j = 0..i: rate of A's i-th mode (0-based, in order of arrival) while A's first
   * j modes are learned. j = 0: σ_i(Σ_yxA); j ≥ 1: the (i − j)-th singular value of A's residual
   * correlation once j modes are learned. 0 = never grows.
   */
  readonly aRates: readonly (readonly number[])[];
  /** bRates[j], j = 0..nA: B's top rate (σ₁ of B's drive) while A's first j modes are learned. */
  readonly bRates: readonly number[];
  /** How many of A's modes it takes to reach ½‖W_A^uni‖ (docs/theory.md §3's t_A), 1..nA. */
  readonly aThresholdModes: number;
}

/** Times of the per-mode form, in units of ln(1/u0) (the leading order is linear in it). */
export interface PerModeTimes {
  /** Arrival of each A mode (Infinity if its rate is 0). */
  readonly aArrivals: readonly number[];
  readonly tA: number;
  readonly tB: number;
  /** t_B/t_A. */
  readonly ratio: number;
}

/**
 * Time at which a clock with piecewise-constant rates rates[j] on [bounds[j−1], bounds[j])
 * (bounds[−1] = 0, the last period open-ended) reaches 1.
 */
function clockArrival(rates: readonly number[], bounds: readonly number[]): number {
  let clock = 0;
  let start = 0;
  for (let j = 0; j < rates.length; j++) {
    const rate = rates[j]!;
    const end = j < bounds.length ? bounds[j]! : Number.POSITIVE_INFINITY;
    if (rate > 0 && clock + rate * (end - start) >= 1) return start + (1 - clock) / rate;
    if (end === Number.POSITIVE_INFINITY) return end;
    clock += rate * (end - start);
    start = end;
  }
  return Number.POSITIVE_INFINITY;
}

/**
 * X5.per-mode: A's mode i arrives when ∫ aRates[i][j(t)] dt = 1 (units of ln(1/u0)), j(t) the
 * number of A modes learned at t; t_A is the arrival of mode aThresholdModes; B's top mode
 * arrives when ∫ bRates[j(t)] dt = 1, which is t_B. With one A mode (rank-one Σ_yxA):
 * aRates = [[σ₁(Σ_yxA)]], bRates = [σ₁(Σ_yxB), σ₁(e_B)] gives vectorTargetRatio's operator form.
 * @example perModeTimes({ aRates: [[5]], bRates: [2, 0.75], aThresholdModes: 1 }).ratio // 5
 */
export function perModeTimes(rates: PerModeRates): PerModeTimes {
  const { aRates, bRates, aThresholdModes } = rates;
  const nA = aRates.length;
  if (nA < 1) throw new InputError("aRates", "must hold at least one A mode");
  if (bRates.length !== nA + 1)
    throw new InputError(
      "bRates",
      `must hold ${nA + 1} rates (one per A period), got ${bRates.length}`,
    );
  if (!(Number.isInteger(aThresholdModes) && aThresholdModes >= 1 && aThresholdModes <= nA))
    throw new InputError(
      "aThresholdModes",
      `must be an integer in [1, ${nA}], got ${aThresholdModes}`,
    );
  const aArrivals: number[] = [];
  aRates.forEach((row, i) => {
    if (row.length !== i + 1)
      throw new InputError(`aRates[${i}]`, `must hold ${i + 1} rates, got ${row.length}`);
    if (row.some((r) => !(r >= 0))) throw new InputError(`aRates[${i}]`, "must be ≥ 0");
    // A later mode cannot overtake an earlier one (its rates are no larger in every period);
    // the max guards ties in round-off.
    aArrivals.push(Math.max(clockArrival(row, aArrivals), aArrivals[i - 1] ?? 0));
  });
  if (bRates.some((r) => !(r >= 0))) throw new InputError("bRates", "must be ≥ 0");
  const tA = aArrivals[aThresholdModes - 1]!;
  const tB = clockArrival(bRates, aArrivals);
  return { aArrivals, tA, tB, ratio: tB / tA };
}

/**
 * The smallest relative gap (a_{i+1} − a_i)/a_i between consecutive A arrivals up to t_B (the
 * arrivals that set t_A and B's drive), Infinity with one. The per-mode form treats A's modes
 * as separate events: at mode i's arrival the next one is smaller by ≈ u0^{2·gap} (its
 * clock is behind by gap·ln(1/u0) in units of its rate ≈ 1/a_i), so the form is asymptotic
 * only once 2·gap·ln(1/u0) ≫ 1.
 */
export function perModeSeparation(times: PerModeTimes): number {
  const { aArrivals, tB } = times;
  let gap = Number.POSITIVE_INFINITY;
  for (let i = 0; i + 1 < aArrivals.length && aArrivals[i]! <= tB; i++)
    gap = Math.min(gap, (aArrivals[i + 1]! - aArrivals[i]!) / aArrivals[i]!);
  return gap;
}
