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
 * thresholds. The "frobenius" form (THEORY.md §1's ‖·‖ for matrices) is the literal
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
  if (!(sA > sB && sB >= 0)) throw new RangeError(`need s_A > s_B ≥ 0, got ${sA}, ${sB}`);
  if (!(e > 0)) throw new RangeError(`e must be > 0, got ${e}`);
  return 1 + (sA - sB) / e;
}
