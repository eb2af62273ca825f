import { derive } from "../statistics/derived.js";
import type { Statistics } from "../statistics/statistics.js";
import type { DomainIssue } from "./lateFusionRatio.js";
import { lateFusionRatio } from "./lateFusionRatio.js";

/**
 * X6 — direction-aware T2 for two-layer late fusion (L = Lf = 2).
 *
 * Derivation (small init, B's branch W_B^tot = aᵀW¹ with a ∈ R^h, W¹ ∈ R^{h×dB}). While B's
 * correlation c is constant with unit direction ĉ, p = W¹ĉ obeys ȧ = ‖c‖p, ṗ = ‖c‖a, and
 * W¹(I − ĉĉᵀ) does not move: a ± p grow/decay like e^{±‖c‖t}.
 *  - Before t_A, c = Σ_yxB, ĉ = ŝ: a = vE + mE⁻¹, W¹ŝ = vE − mE⁻¹ with E = e^{s_B t_A},
 *    v = (a₀ + W¹₀ŝ)/2 (B's grown mode, ‖v‖² = κ_B⁺u0²), m = (a₀ − W¹₀ŝ)/2.
 *  - After t_A, c = e_B, ĉ = ê, cos θ = ŝ·ê. B's new growing mode (a + W¹ê)/2 starts at
 *      z = c₊ E v + c₋ E⁻¹ m + f,   c± = (1 ± cos θ)/2,   f = W¹₀(ê − cos θ ŝ)/2,
 *    and B's product along ê reaches ‖W_B^full‖ = b at t_B − t_A = (ln(b/‖z‖²))/(2‖e_B‖).
 * So the seed of B's second growth is the grown mode projected with c₊ = (1 + cos θ)/2 —
 * not with cos θ — plus the init's fresh component f orthogonal to Σ_yxB (Gaussian init; 0
 * for balanced rank-one init and for scalar B), plus the decayed mode.
 *
 * Leading order: ln‖z‖²/u0² = max(2 s_B t_A + 2 ln c₊, ln κ_f, −2 s_B t_A) + O(1). With
 * t_A ≈ L_u/(2 s_A), L_u = ln(1/u0²):
 *   t_B/t_A = 1 + (s_A − s_eff)/‖e_B‖,
 *   s_eff = max(s_B − s_A ln(1/c₊²)/L_u,  s_fresh),
 *   s_fresh = 0 for a generic init of a vector B (f ≠ 0), −s_B without a fresh seed
 *   (balanced init, scalar B).
 * For fixed cos θ > −1 and u0 → 0 this is T2's norm form 1 + (s_A − s_B)/‖e_B‖ (the
 * directions-apart region included); the direction enters only through ln c₊/L_u, which
 * grows without bound as cos θ → −1. Crossover to the fresh-seed form 1 + s_A/‖e_B‖ (generic
 * vector init) where c₊ < u0^{k}, k = s_B/s_A; at cos θ = −1 exactly (scalar B with
 * Σ_yxB·e_B < 0) the seed is the decayed mode and the signed form 1 + (s_A + s_B)/|e_B| holds.
 * The tempting "projection" form 1 + (s_A − Σ_yxB·ê)/‖e_B‖ is not the leading order.
 */
export interface DirectionAwareRatio {
  readonly ratio: number;
  /** s_eff, the rate that B's phase-2 seed grew at before t_A. */
  readonly effectiveRate: number;
  /** Which seed dominates B's second growth. */
  readonly seed: "grown" | "fresh" | "decayed";
  readonly outOfDomain?: DomainIssue;
}

/** c₊ = (1 + cos θ)/2 with θ = ∠(Σ_yxB, e_B) (1 for scalar B of the same sign, 0 opposite). */
export function grownProjection(stats: Statistics): number {
  const q = derive(stats);
  return (1 + q.cosSigmaBeB) / 2;
}

/**
 * X6's leading-order direction-aware ratio at init scale u0 (see the module comment).
 * `freshSeed`: whether the init has a component of B's first layer orthogonal to Σ_yxB
 * (Gaussian init of a vector B: true; balanced rank-one init or scalar B: false).
 */
export function directionAwareLateFusionRatio(
  stats: Statistics,
  u0: number,
  freshSeed: boolean,
): DirectionAwareRatio {
  const q = derive(stats);
  const e = Math.hypot(...q.eB);
  const lu = 2 * Math.log(1 / u0);
  const cPlus = grownProjection(stats);
  const grown = cPlus > 0 ? q.sB - (q.sA * 2 * Math.log(1 / cPlus)) / lu : Number.NEGATIVE_INFINITY;
  const fresh = freshSeed && stats.dB > 1 ? 0 : Number.NEGATIVE_INFINITY;
  const decayed = -q.sB;
  const effectiveRate = Math.max(grown, fresh, decayed);
  const seed = effectiveRate === grown ? "grown" : effectiveRate === fresh ? "fresh" : "decayed";
  const ratio = 1 + (q.sA - effectiveRate) / e;
  const late = lateFusionRatio(stats);
  // "directions-apart" is T2.vector's exclusion, which this form covers; the other reasons stay.
  const issue = late.outOfDomain === "directions-apart" ? undefined : late.outOfDomain;
  return issue === undefined
    ? { ratio, effectiveRate, seed }
    : { ratio, effectiveRate, seed, outOfDomain: issue };
}

/**
 * The seeds of an actual init (see the module comment): κ_A (A's grown
 * mode, as in initAwareLateFusion) and the Gram matrix of B's vectors v, m, f in R^h, each
 * entry divided by u0² (so vv = κ_B⁺; balanced init: vv = 1, mm = ff = 0).
 */
export interface DirectionSeeds {
  readonly kappaA: number;
  readonly vv: number;
  readonly mm: number;
  readonly ff: number;
  readonly vm: number;
  readonly vf: number;
  readonly mf: number;
}

/**
 * X6's init-aware next-order prediction (R₁ of src/theory/initAwareLateFusion.ts with B's
 * phase-2 seed ‖z‖² computed for any angle): with L_u = ln(1/u0²), g = ‖W_A^uni‖,
 * b = ‖W_B^full‖, E = e^{s_B t_A},
 *   t_A = (L_u − ln κ_A + ln g)/(2 s_A),
 *   t_B = t_A + (L_u − ln(‖z‖²/u0²) + ln b)/(2‖e_B‖).
 * It equals R₁ when the grown seed dominates and reproduces the scalar signed case (c₊ = 0).
 */
export function directionAwareInitAware(
  stats: Statistics,
  u0: number,
  seeds: DirectionSeeds,
): { tA: number; tB: number; ratio: number; phaseTwoSeed: number } {
  const q = derive(stats);
  const lu = 2 * Math.log(1 / u0);
  const g = Math.hypot(...q.wUniA);
  const b = Math.hypot(...q.wFull.slice(stats.dA));
  const e = Math.hypot(...q.eB);
  const cos = q.sB > 0 ? q.cosSigmaBeB : 1;
  const tA = (lu - Math.log(seeds.kappaA) + Math.log(g)) / (2 * q.sA);
  const big = Math.exp(q.sB * tA);
  const gv = ((1 + cos) / 2) * big; // coefficient of v
  const gm = (1 - cos) / 2 / big; // coefficient of m
  const phaseTwoSeed =
    gv * gv * seeds.vv +
    gm * gm * seeds.mm +
    seeds.ff +
    2 * (gv * gm * seeds.vm + gv * seeds.vf + gm * seeds.mf);
  const tB = tA + (lu - Math.log(phaseTwoSeed) + Math.log(b)) / (2 * e);
  return { tA, tB, ratio: tB / tA, phaseTwoSeed };
}
