import { InputError, requirePositive } from "../errors/inputError.js";
import { derive } from "../statistics/derived.js";
import type { Statistics } from "../statistics/statistics.js";
import type { ModeSeeds } from "./initAwareLateFusion.js";
import { phaseTwoSign } from "./initAwareLateFusion.js";
import type { DomainIssue } from "./lateFusionRatio.js";
import { lateFusionRatio } from "./lateFusionRatio.js";

/**
 * X2 — the effective continuous-time rate of a mode that gradient descent multiplies by
 * (1 + ηλ) per step. Time is t/τ = η·steps (docs/theory.md §2), so after t the mode has grown by
 * (1 + ηλ)^{t/η} = e^{t·ln(1 + ηλ)/η}: its rate is ln(1 + ηλ)/η = λ − ηλ²/2 + O(η²λ³).
 * λ may be negative (a decaying mode, factor 1 − η|λ| per step); the mode must not flip
 * sign every step, so 1 + ηλ > 0 is required.
 * @example discreteRate(5, 0.04) // ln(1.2)/0.04 = 4.558
 */
export function discreteRate(lambda: number, learningRate: number): number {
  requirePositive("lr", learningRate);
  const factor = 1 + learningRate * lambda;
  if (!(factor > 0))
    throw new InputError(
      "lr",
      `the per-step factor 1 + ηλ = ${factor} must be > 0 (η = ${learningRate}, λ = ${lambda})`,
    );
  return Math.log1p(learningRate * lambda) / learningRate;
}

/**
 * The rates T2 is made of, in the sense of their growth per unit time t = η·steps.
 * Two-layer late fusion at small init: along a modality's growth direction ŝ the fusion
 * weights a and the projected first layer p = W¹ŝ obey a ← a + ηs p, p ← p + ηs a, so
 * a ± p is multiplied by (1 ± ηs) each step — exactly, as long as W^tot ≈ 0 (phase 1) or A
 * sits at its fixed point W_A^uni (phase 2, where B sees e_B). Hence
 *   r_A = ln(1 + η s_A)/η         A's growing mode before t_A,
 *   r_B = ln(1 + η σ s_B)/η       B's mode that seeds phase 2, during t < t_A (σ = −1: the
 *                                 mode a − p, which decays by 1 − η s_B per step),
 *   r_e = ln(1 + η ‖e_B‖)/η       B's growing mode after t_A.
 */
export interface DiscreteRates {
  readonly rA: number;
  readonly rB: number;
  readonly rE: number;
}

export function discreteRates(stats: Statistics, learningRate: number): DiscreteRates {
  const q = derive(stats);
  const sigma = phaseTwoSign(stats);
  return {
    rA: discreteRate(q.sA, learningRate),
    rB: discreteRate(sigma * q.sB, learningRate),
    rE: discreteRate(Math.hypot(...q.eB), learningRate),
  };
}

/**
 * X2: T2 for gradient descent at learning rate η, each rate replaced by its discrete-time
 * rate (`discreteRates`): t_B/t_A = 1 + (r_A − r_B)/r_e. For η → 0 it is T2 (signed form
 * for scalar B, norm form for vector B, with the same out-of-domain reasons); to first
 * order in η it is T2 − (η/2)(s_A² − s_B² − (s_A − σs_B)‖e_B‖)/‖e_B‖.
 * @example discreteTimeLateFusionRatio(fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.5 }), 0.04).ratio // 4.563
 */
export function discreteTimeLateFusionRatio(
  stats: Statistics,
  learningRate: number,
): { ratio: number; rates: DiscreteRates; outOfDomain?: DomainIssue } {
  const late = lateFusionRatio(stats);
  const rates = discreteRates(stats, learningRate);
  const ratio = 1 + (rates.rA - rates.rB) / rates.rE;
  return late.outOfDomain === undefined
    ? { ratio, rates }
    : { ratio, rates, outOfDomain: late.outOfDomain };
}

/**
 * R₁ (src/theory/initAwareLateFusion.ts) with the discrete-time rates: the next-order
 * prediction for gradient descent. The O(1) terms (ln g, ln ‖W_B^full‖, ln κ, ln c) are
 * those of the flow; the discretisation changes them only by O(η s) in absolute time,
 * i.e. O(η s/ln(1/u0²)) relative, below the O(1/ln(1/u0²)) remainder R₁ already leaves.
 */
export function discreteTimeInitAware(
  stats: Statistics,
  u0: number,
  learningRate: number,
  seeds: ModeSeeds,
): { tA: number; tB: number; ratio: number } {
  const q = derive(stats);
  const { rA, rB, rE } = discreteRates(stats, learningRate);
  const lu = 2 * Math.log(1 / u0);
  const g = Math.hypot(...q.wUniA);
  const b = Math.hypot(...q.wFull.slice(stats.dA));
  const sigma = phaseTwoSign(stats);
  const c = stats.dB === 1 || sigma === 0 ? 1 : (1 + q.cosSigmaBeB) / 2;
  const tA = (lu - Math.log(seeds.kappaA) + Math.log(g)) / (2 * rA);
  const tB =
    tA + (lu - Math.log(seeds.kappaB) - 2 * Math.log(c) + Math.log(b) - 2 * rB * tA) / (2 * rE);
  return { tA, tB, ratio: tB / tA };
}
