import { derive } from "../statistics/derived.js";
import type { Statistics } from "../statistics/statistics.js";

/**
 * Seeds of the growing modes of a two-layer late-fusion network, relative to the balanced
 * init of the same scale (κ = 1 for balanced init). Computed from the actual initial
 * weights by the simulation side (measurement/initProjection) and passed in as numbers,
 * so this module stays free of simulation code.
 */
export interface ModeSeeds {
  /** κ_A: seed of A's growth along Σ_yxA. */
  readonly kappaA: number;
  /** κ_B: seed of B's growth along e_B after t_A (see `phaseTwoSign`). */
  readonly kappaB: number;
}

/**
 * +1 when B's weights grown before t_A (along Σ_yxB) keep growing after it (along e_B);
 * −1 when they point against e_B (scalar B with Σ_yxB·e_B < 0: they must first shrink);
 * 0 when Σ_yxB = 0 (B does not grow before t_A).
 */
export function phaseTwoSign(stats: Statistics): -1 | 0 | 1 {
  const q = derive(stats);
  if (q.sB === 0) return 0;
  return q.cosSigmaBeB < 0 && stats.dB === 1 ? -1 : 1;
}

/**
 * T2 with its next-order terms: two-layer late fusion, small init of scale u0, modes seeded
 * at κ u0² (X3's init-aware prediction). With L_u = ln(1/u0²), g = ‖W_A^uni‖,
 * b = ‖W_B^full‖, σ = phaseTwoSign, and for vector B the projection factor c = (1 + cos θ)/2
 * of B's grown direction Σ_yxB on e_B (c = 1 for scalars):
 *   t_A = (L_u − ln κ_A + ln g) / (2 s_A)                 (A's logistic reaches g/2)
 *   t_B = t_A + (L_u − ln κ_B − 2 ln c + ln b − 2σ s_B t_A) / (2‖e_B‖)
 * B's product reaches κ_B u0² e^{2σ s_B t_A} c² by t_A, then grows at rate 2‖e_B‖ to b/2.
 * Dropping every O(1) term gives the leading-order T2 ratio 1 + (s_A − σ s_B)/‖e_B‖.
 * What remains, O(1/((1 − σk) L_u)), comes from the finite width of A's transition,
 * during which B's growth rate moves from σ s_B to ‖e_B‖.
 */
export function initAwareLateFusion(
  stats: Statistics,
  u0: number,
  seeds: ModeSeeds,
): { tA: number; tB: number; ratio: number } {
  const q = derive(stats);
  const lu = 2 * Math.log(1 / u0);
  const g = Math.hypot(...q.wUniA);
  const b = Math.hypot(...q.wFull.slice(stats.dA));
  const e = Math.hypot(...q.eB);
  const sigma = phaseTwoSign(stats);
  const c = stats.dB === 1 || sigma === 0 ? 1 : (1 + q.cosSigmaBeB) / 2;
  const tA = (lu - Math.log(seeds.kappaA) + Math.log(g)) / (2 * q.sA);
  const tB =
    tA +
    (lu - Math.log(seeds.kappaB) - 2 * Math.log(c) + Math.log(b) - 2 * sigma * q.sB * tA) / (2 * e);
  return { tA, tB, ratio: tB / tA };
}
