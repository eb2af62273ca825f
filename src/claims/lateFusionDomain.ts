/**
 * T2's domain (docs/theory.md T2): which two-layer late-fusion cases have the unimodal phase T2
 * times, decided from the statistics, the init and u0 before simulating, and the checks that
 * classify a measured crossing. Shared by T2, T3, T8, T11, X2, X3, X6 and the expression
 * conjectures (which need the same unimodal phase to exist).
 */
import { derive } from "../statistics/derived.js";
import type { Statistics } from "../statistics/statistics.js";
import type { ModeSeeds } from "../theory/initAwareLateFusion.js";
import { phaseTwoSign } from "../theory/initAwareLateFusion.js";
import { lateFusionRatio } from "../theory/lateFusionRatio.js";
import type { TrainingRun } from "../training/run.js";
import type { DomainDecision } from "./domainReason.js";
import { t2LawTolerance } from "./t2Law.js";
import type { NetworkCase } from "./twoLayerCase.js";
import { modeSeeds } from "./twoLayerCase.js";

/**
 * Balanced rank-one init conserves a_m = W_m^1 d_m in a scalar modality's branch (the
 * two-layer balance a aᵀ = W¹W¹ᵀ with a single path), so W_m^tot = a² keeps the sign of its
 * initial direction Σ_yxm: when W_m^full has the other sign the flow stops at the saddle
 * W_m^tot = 0 (seen for A when the misattribution exceeds |W_A^full|, and for B as T2's
 * balanced-init-degenerate case).
 */
export function balancedCannotReachFull(stats: Statistics): boolean {
  const q = derive(stats);
  const opposes = (m: "A" | "B") => {
    const [start, end] = m === "A" ? [0, stats.dA] : [stats.dA, stats.dA + stats.dB];
    if (end - start !== 1) return false;
    return q.wFull[start]! * stats.sigmaYX[start]! < 0;
  };
  return opposes("A") || opposes("B") || phaseTwoSign(stats) < 0;
}

/** Where a two-layer late-fusion case stands with respect to T2's assumptions. */
export type LateFusionDomain = DomainDecision<{
  readonly predicted: number;
  readonly tolerance: number;
}>;

/**
 * T2's domain for one oriented case, decided before simulating, plus the derived tolerance.
 * Shared by T2, T3 and T8 (which need the same unimodal phase to exist).
 */
export function lateFusionDomain(stats: Statistics, net: NetworkCase): LateFusionDomain {
  const late = lateFusionRatio(stats);
  const sigma = phaseTwoSign(stats);
  const details = { stats: stats.label, ...net, predicted: late.ratio };
  if (late.outOfDomain) return { inDomain: false, reason: late.outOfDomain, details };
  if (net.init === "balanced" && balancedCannotReachFull(stats)) {
    // Balanced init puts B's two layers at exactly opposite signs along e_B (σ < 0), or A's
    // must change sign: the mode that must grow has seed 0 and the flow stops at a saddle.
    return { inDomain: false, reason: "balanced-init-degenerate", details };
  }
  if (aMustReverse(stats)) {
    // W_A^full points against W_A^uni (the misattribution exceeds A's full weight): after
    // t_A, A must pass through 0 — a saddle it leaves only from a mode that decayed by u0²
    // before t_A — and B's threshold waits for that. T2 does not describe this phase
    // (fixtures/counterexamples/T2-A-reversal.json: measured 4.15 where T2 predicts 1.46).
    return { inDomain: false, reason: "A-reversal", details };
  }
  if (belowDoublePrecision(stats, net.u0)) {
    // B's phase-2 mode starts u0^{2k} below its phase-1 mode in the same weights: beyond
    // ~1e-12 relative, float64 cannot carry it (a real network in double precision cannot
    // either), and B regrows from rounding noise. Not a regime double precision can test.
    return { inDomain: false, reason: "below-double-precision", details };
  }
  const q = derive(stats);
  const k = q.sB / q.sA;
  const seeds = modeSeeds(stats, net);
  const tolerance = t2LawTolerance(stats, net.u0, seeds);
  const excursion = phaseOneExcursionB(stats, net, seeds);
  if (excursion >= EXCURSION_FRACTION * thresholdB(stats)) {
    // B's phase-1 growth along Σ_yxB reaches the norm threshold ½‖W_B^full‖ by itself before
    // t_A (large s_B, small ‖W_B^full‖): docs/theory.md §3's t_B then times B's transient, not its
    // transition (documented: fixtures/counterexamples/T2-B-excursion.json).
    return { inDomain: false, reason: "B-excursion", details: { ...details, excursion } };
  }
  if ((1 - sigma * k) * 2 * Math.log(1 / net.u0) < PHASE_SEPARATION_LOG) {
    // T2's two phases need B's product to be small while A transitions: it is
    // ~e^{−(1 − σk) ln(1/u0²)} of its own scale then. Below a factor 100 of separation (near
    // ties, k → 1) there is no unimodal phase to time, and A may never approach W_A^uni (its
    // threshold is then never crossed). A rule on the statistics and u0 alone — not on the
    // tolerance, which may exceed the phase on ill-conditioned data without excluding it.
    return { inDomain: false, reason: "unresolved-phase", details: { ...details, tolerance } };
  }
  return {
    inDomain: true,
    predicted: late.ratio,
    tolerance,
    details: { ...details, k, sigma },
  };
}

/**
 * True when B's threshold was crossed by a transient pointing away from W_B^full
 * (W_B^tot·W_B^full < 0 at the crossing): B's pre-t_A growth along Σ_yxB, later undone,
 * not the transition toward W_B^full that T2 times. The a-priori estimate
 * `phaseOneExcursionB` misses excursions fed during A's transition (B keeps growing at a
 * rate between s_B and ‖e_B‖ until A settles); this check catches them in the measurement.
 */
export function crossedByExcursion(stats: Statistics, run: TrainingRun): boolean {
  const crossing = run.crossings.B;
  if (!crossing) return false;
  const wFullB = derive(stats).wFull.slice(stats.dA);
  const wB = crossing.totalMap.slice(stats.dA);
  return wB.reduce((sum, w, i) => sum + w * wFullB[i]!, 0) < 0;
}

/**
 * B's product at t_A from its phase-1 growth alone: it starts at κ_B⁺ u0² and grows at rate
 * 2 s_B until t_A⁽¹⁾, where e^{2 s_A t_A} = g/(κ_A u0²): so κ_B⁺ u0^{2(1−k)} (g/κ_A)^k,
 * capped by B's own unimodal scale ‖W_B^uni‖ (where its phase-1 growth would saturate).
 */
export function phaseOneExcursionB(stats: Statistics, net: NetworkCase, seeds: ModeSeeds): number {
  const q = derive(stats);
  const k = q.sB / q.sA;
  const g = Math.hypot(...q.wUniA);
  const kappaBPlus = modeSeeds(stats, net, "plus").kappaB;
  const grown = kappaBPlus * net.u0 ** (2 * (1 - k)) * (g / seeds.kappaA) ** k;
  return Math.min(grown, Math.hypot(...q.wUniB));
}

/** ½‖W_B^full‖, docs/theory.md §3's threshold for t_B. */
function thresholdB(stats: Statistics): number {
  return 0.5 * Math.hypot(...derive(stats).wFull.slice(stats.dA));
}

/** ln 100: the least separation of scales between A's and B's transitions (lateFusionDomain). */
const PHASE_SEPARATION_LOG = Math.log(100);

/** ln(1e12): relative seeds below 1e-12 leave fewer than 4 significant digits in float64. */
const DOUBLE_PRECISION_LOG_RANGE = Math.log(1e12);

/** W_A^full · W_A^uni < 0: A must reverse after t_A (see lateFusionDomain). */
export function aMustReverse(stats: Statistics): boolean {
  const q = derive(stats);
  return q.wUniA.reduce((sum, w, i) => sum + w * q.wFull[i]!, 0) < 0;
}

/**
 * True when a modality must reverse direction, regrowing from a mode that decayed far below
 * its grown mode in the same weights (B: by u0^{2k} when σ < 0; scalar A opposing W_A^full:
 * by u0²), beyond what float64 carries (see lateFusionDomain).
 */
export function belowDoublePrecision(stats: Statistics, u0: number): boolean {
  const q = derive(stats);
  const lu = 2 * Math.log(1 / u0);
  if (phaseTwoSign(stats) < 0 && (q.sB / q.sA) * lu > DOUBLE_PRECISION_LOG_RANGE) return true;
  // The same for a scalar A whose W_A^full opposes Σ_yxA: after B is learned A must reverse,
  // regrowing from a mode that decayed by u0² relative to its grown one during t < t_A.
  return stats.dA === 1 && q.wFull[0]! * stats.sigmaYX[0]! < 0 && lu > DOUBLE_PRECISION_LOG_RANGE;
}

/**
 * An excursion within a factor 2 of B's threshold may cross it (the estimate drops O(1)
 * factors): such cases are classified, not timed.
 */
const EXCURSION_FRACTION = 0.5;
