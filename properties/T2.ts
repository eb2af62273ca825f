/**
 * T2 — two-layer late fusion time ratio (THEORY.md T2; ICML 2024 §4):
 *   t_B/t_A = 1 + (s_A − σ s_B)/‖e_B‖   at small init, σ = sign of Σ_yxB·e_B (scalar B).
 *
 * Tolerance (the law of T2's error, issue 10; docs/next-order.md §2): with
 * L_u = ln(1/u0²), t_A = (L_u + a)/(2 s_A) and t_B − t_A = ((1 − σk) L_u + β)/(2‖e_B‖) for
 * u0-independent offsets a, β, so
 *   R/T2 − 1 = ((T2 − 1)/T2) · Λ / ((1 − σk)(L_u + a)),   Λ = ln(b/κ_B) − ln(g/κ_A) + δ,
 * where κ_A, κ_B are the init's mode seeds, g = ‖W_A^uni‖, b = ‖W_B^full‖, and δ collects the
 * transitions' own offsets (A's multi-mode creep, B's rotation and overlap). The tolerance
 * bounds each known term by its magnitude and δ by a measured constant:
 *   tol = (|ln κ_A| + |ln κ_B| + |ln g| + |ln b| + 2|ln c₊| + C) / ((1 − σk) L_u)
 * with C = C_T2 (C_T2_REVERSAL where a scalar B reverses) and C_T2_VECTOR·(1 + ln cond Σ) for vectors. No
 * prediction enters it, so a wrong T2 formula cannot widen its own tolerance.
 */
import fc from "fast-check";
import type { CaseVerdict } from "../src/claims/claim.js";
import { defineClaim } from "../src/claims/claim.js";
import type { NetworkCase } from "../src/claims/twoLayerCase.js";
import {
  lateFusionWeights,
  modeSeeds,
  relativeError,
  simulateCase,
} from "../src/claims/twoLayerCase.js";
import { symmetricEigenvalues } from "../src/linalg/eigen.js";
import { derive, orient } from "../src/statistics/derived.js";
import type { Statistics } from "../src/statistics/statistics.js";
import { fromToy } from "../src/statistics/toy.js";
import type { ModeSeeds } from "../src/theory/initAwareLateFusion.js";
import { phaseTwoSign } from "../src/theory/initAwareLateFusion.js";
import { lateFusionRatio } from "../src/theory/lateFusionRatio.js";
import { nextOrderLateFusion } from "../src/theory/nextOrderLateFusion.js";
import type { TrainingRun } from "../src/training/run.js";
import { initScale, networkInit, toyParameters } from "./arbitraries/index.js";
import {
  buildPaperOrVectorStatistics,
  paperOrVectorStatistics,
} from "./arbitraries/paperOrVectorStatistics.js";
import { buildVectorStatistics, vectorStatisticsCase } from "./arbitraries/vectorStatistics.js";

/**
 * δ's bound for scalar modalities whose B keeps its direction (σ = +1): over 933 in-domain
 * runs of T2's own generator (fast-check seed 7, 1500 cases: σA/σB ∈ [1.1, 3], ρ ∈ [−0.9, 0.9],
 * teacher (1, 1) or random, u0 ∈ [1e-12, 1e-3], balanced or Gaussian width 1-32) the largest
 * |R/T2 − 1|(1 − σk)L_u − known is 0.17 (scripts/measure/t2ErrorLaw.ts); 1 keeps the margin
 * the claim had before.
 */
export const C_T2 = 1.0;

/**
 * The same bound where a scalar B must reverse (σ = −1: Σ_yxB and e_B of opposite signs): B's
 * grown mode first shrinks below the mode that regrows along e_B, and that hand-over adds its
 * own O(1) offset to Λ. Measured max 13.2 over 178 such runs (same sample); 20 keeps a 1.5×
 * margin.
 */
export const C_T2_REVERSAL = 20;

/**
 * δ's bound for vector modalities, per unit of 1 + ln cond Σ (A's creep along Σ_A's weak
 * directions and B's along the Schur complement grow with the spread of Σ's spectrum):
 * measured max 1.96 over 483 in-domain runs of the paper's random family and 1.91 over 136 of
 * generic vector statistics with cond Σ < 100 (T2.vector's own generator, fast-check seed 7,
 * 1500 cases; u0 ∈ [1e-12, 1e-4], balanced or Gaussian width 1-32; scripts/measure/
 * t2ErrorLaw.ts); 3 keeps a 1.5× margin. Generic statistics beyond cond Σ = 100 reach 3.8
 * (cond < 300) and 15.3 (cond < 1e3): there A's or B's threshold lies in a creep whose length
 * grows like 1/λ_min rather than ln cond Σ (fixtures/counterexamples/T2-vector-B-creep.json),
 * so T2.vector's generic generator stops at 100 while the paper's family is drawn uncapped.
 */
export const C_T2_VECTOR = 3.0;

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
export type LateFusionDomain =
  | { readonly inDomain: false; readonly reason: string; readonly details: Record<string, unknown> }
  | {
      readonly inDomain: true;
      readonly predicted: number;
      readonly tolerance: number;
      readonly details: Record<string, unknown>;
    };

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
    // t_A (large s_B, small ‖W_B^full‖): THEORY §3's t_B then times B's transient, not its
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
 * The known next-order terms of Λ by magnitude: |ln κ_A| + |ln κ_B| + |ln g| + |ln b| + 2|ln c₊|.
 */
export function t2LawKnownTerms(stats: Statistics, seeds: ModeSeeds): number {
  const q = derive(stats);
  const sigma = phaseTwoSign(stats);
  const cPlus = stats.dB === 1 || sigma === 0 ? 1 : (1 + q.cosSigmaBeB) / 2;
  return (
    Math.abs(Math.log(seeds.kappaA)) +
    Math.abs(Math.log(seeds.kappaB)) +
    Math.abs(Math.log(Math.hypot(...q.wUniA))) +
    Math.abs(Math.log(Math.hypot(...q.wFull.slice(stats.dA)))) +
    2 * Math.abs(Math.log(cPlus))
  );
}

/**
 * The law's bound on |R/T2 − 1| (module comment): the known next-order terms by magnitude
 * plus the measured bound on the transitions' offsets, over (1 − σk) ln(1/u0²). It bounds
 * |Λ|/((1 − σk) L_u) without the law's factor (T2 − 1)/T2 ≤ 1, which would bring T2 itself
 * into the tolerance; near ties that leaves a slack of T2/(T2 − 1).
 */
export function t2LawTolerance(stats: Statistics, u0: number, seeds: ModeSeeds): number {
  const q = derive(stats);
  const k = q.sB / q.sA;
  const sigma = phaseTwoSign(stats);
  const scalar = stats.dA === 1 && stats.dB === 1;
  const offsets = scalar
    ? sigma < 0
      ? C_T2_REVERSAL
      : C_T2
    : C_T2_VECTOR * (1 + Math.log(conditionNumber(stats.sigma)));
  return (t2LawKnownTerms(stats, seeds) + offsets) / ((1 - sigma * k) * 2 * Math.log(1 / u0));
}

function conditionNumber(m: Statistics["sigma"]): number {
  const ev = symmetricEigenvalues(m);
  return Math.max(...ev) / Math.min(...ev);
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

/** The T2 verdict for one oriented two-layer late-fusion case. */
export function checkLateFusionRatio(stats: Statistics, net: NetworkCase): CaseVerdict {
  const domain = lateFusionDomain(stats, net);
  if (!domain.inDomain)
    return { kind: "out-of-domain", reason: domain.reason, details: domain.details };
  const { times, run } = simulateCase(stats, net);
  const details = {
    ...domain.details,
    measured: times.ratio,
    tA: times.tA,
    tB: times.tB,
    status: run.status,
  };
  if (crossedByExcursion(stats, run))
    return { kind: "out-of-domain", reason: "B-excursion", details };
  if (!times.reached) {
    return { kind: "unmeasurable", reason: `threshold not reached (${run.status})`, details };
  }
  const error = relativeError(times.ratio, domain.predicted);
  // A failing case also reports the next-order prediction for its init (docs/next-order.md),
  // which says how much of the error T2 drops; passing cases skip its cost.
  const failing = !(Math.abs(error) <= domain.tolerance);
  return {
    kind: "measured",
    error,
    tolerance: domain.tolerance,
    relative: true,
    details: failing
      ? { ...details, nextOrder: nextOrderLateFusion(stats, lateFusionWeights(stats, net)) }
      : details,
  };
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

/** ½‖W_B^full‖, THEORY §3's threshold for t_B. */
function thresholdB(stats: Statistics): number {
  return 0.5 * Math.hypot(...derive(stats).wFull.slice(stats.dA));
}

/** ln 100: the least separation of scales between A's and B's transitions (lateFusionDomain). */
const PHASE_SEPARATION_LOG = Math.log(100);

/** ln(1e12): relative seeds below 1e-12 leave fewer than 4 significant digits in float64. */
const DOUBLE_PRECISION_LOG_RANGE = Math.log(1e12);

/**
 * True when a modality must reverse direction, regrowing from a mode that decayed far below
 * its grown mode in the same weights (B: by u0^{2k} when σ < 0; scalar A opposing W_A^full:
 * by u0²), beyond what float64 carries (see lateFusionDomain).
 */
/** W_A^full · W_A^uni < 0: A must reverse after t_A (see lateFusionDomain). */
export function aMustReverse(stats: Statistics): boolean {
  const q = derive(stats);
  return q.wUniA.reduce((sum, w, i) => sum + w * q.wFull[i]!, 0) < 0;
}

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

/** The two-layer late-fusion network (L = Lf = 2) of a generated init. */
export const twoLayerLate = (
  u0: number,
  init: { kind: NetworkCase["init"]; width: number; seed: number },
): NetworkCase => ({
  depth: 2,
  fusionLayer: 2,
  width: init.width,
  init: init.kind,
  seed: init.seed,
  u0,
});

export const T2 = defineClaim({
  id: "T2",
  statement: "Two-layer late fusion: t_B/t_A = 1 + (s_A − σ s_B)/‖e_B‖ at small init (toy family)",
  domain:
    "toy family, σA/σB ∈ [1.1, 3], ρ ∈ [−0.9, 0.9], teacher (1, 1) or uniform in [−2, 2]²; u0 ∈ [1e-12, 1e-3]; balanced or Gaussian init, width 1-32; gradient flow",
  tolerance:
    "the law of T2's error: (|ln κ_A| + |ln κ_B| + |ln g| + |ln ‖W_B^full‖| + C)/((1 − σk) ln(1/u0²)), C = C_T2 = 1 (σ = +1, measured 0.17) or C_T2_REVERSAL = 20 (σ = −1, measured 13.2); no prediction inside",
  arbitrary: fc.record({
    toy: fc.oneof(toyParameters(), toyParameters({ teacher: "random" })),
    u0: initScale(),
    init: networkInit(),
  }),
  defaultRuns: 100,
  check: ({ toy, u0, init }) =>
    checkLateFusionRatio(orient(fromToy(toy)).stats, twoLayerLate(u0, init)),
});

/**
 * The absolute target: ≤ 3% at u0 ≤ 1e-9 for the toy family, balanced init.
 * Where it holds: σA/σB ∈ [1.5, 3] (all ρ). Below 1.5 the next-order term ln(g)/((1−k) ln(1/u0²))
 * exceeds 3% near ρ = ±0.9: the documented counterexample σA/σB = 1.1, ρ = 0.9, u0 = 1e-9
 * measures −4.6% (fixtures/counterexamples/T2-small-init-near-tie.json, test/properties).
 * Gaussian init is not in this claim's domain: its per-run error carries ln κ/ln(1/u0²) with
 * κ random (heavy-tailed for small width), which T2 and X3 account for.
 */
export const T2_SMALL_INIT_TOLERANCE = 0.03;

export const T2SmallInit = defineClaim({
  id: "T2.small-init",
  statement: "T2 within 3% at u0 ≤ 1e-9 (toy family, balanced init, gradient flow)",
  domain:
    "toy family w = (1, 1), σA/σB ∈ [1.5, 3], ρ ∈ [−0.9, 0.9], u0 ∈ [1e-12, 1e-9], balanced init",
  tolerance: "3% (issue target); next-order estimate at σA/σB = 1.5, ρ = 0.9, u0 = 1e-9 is 1.8%",
  arbitrary: fc.record({
    toy: toyParameters({ sigmaRatio: [1.5, 3] }),
    u0: initScale({ min: 1e-12, max: 1e-9 }),
  }),
  // 200 cases (issue 11): a 10 % threshold error (t_B read at 0.45‖W_B^full‖) shortens B's
  // logistic by ln(0.55/0.45)/(2‖e_B‖), a relative ≈ 0.1/((1 − k) ln(1/u0)) of the ratio: ≤ 1.4 %,
  // largest at the corner σA/σB = 1.5, ρ = 0.9, u0 = 1e-9, where T2's own error is −1.8 %. 40
  // cases rarely reach that corner (worst −2.88 % under that bug); 200 do (−3.14 %, 3 failures;
  // unmutated worst −1.79 %, seeds 1 and 2: −1.68 %, −1.78 %). Smaller u0 would not help: the
  // shift shrinks like 1/ln(1/u0) as fast as T2's error. Every timed claim also checks its
  // crossing states at the levels themselves (src/measurement/crossingState.ts).
  defaultRuns: 200,
  check: ({ toy, u0 }) => {
    const verdict = checkLateFusionRatio(
      orient(fromToy(toy)).stats,
      twoLayerLate(u0, { kind: "balanced", width: 1, seed: 0 }),
    );
    return verdict.kind === "measured"
      ? { ...verdict, tolerance: T2_SMALL_INIT_TOLERANCE }
      : verdict;
  },
});

/**
 * Convergence in u0: for the same statistics and the same init draws (Gaussian θ/u0 is the
 * same at every u0, see gaussianInit), |error| at u0 = 1e-12 is below |error| at 1e-4.
 * The leading correction is c/ln(1/u0), so the ratio of errors should be ≈ ln(1e4)/ln(1e12) = 1/3.
 * Both errors below the integrator floor (1e-7: t_A, t_B are located to ~1e-8) count as converged.
 */
const CONVERGENCE_FLOOR = 1e-7;

function checkConvergence(
  stats: Statistics,
  init: { kind: NetworkCase["init"]; width: number; seed: number },
): CaseVerdict {
  const coarse = checkLateFusionRatio(stats, twoLayerLate(1e-4, init));
  if (coarse.kind !== "measured") return coarse;
  const fine = checkLateFusionRatio(stats, twoLayerLate(1e-12, init));
  if (fine.kind !== "measured") return fine;
  // The fine error is compared with the larger of the coarse error and T2's own derived bound at
  // 1e-12: a coarse error that vanishes by accidental cancellation (it changes sign as u0
  // varies) does not make a small fine error a failure of convergence.
  const error =
    Math.abs(fine.error) / Math.max(Math.abs(coarse.error), fine.tolerance, CONVERGENCE_FLOOR);
  return {
    kind: "measured",
    error: Math.abs(fine.error) <= CONVERGENCE_FLOOR ? 0 : error,
    tolerance: 1,
    details: { errorAt1e4: coarse.error, errorAt1e12: fine.error, ...fine.details },
  };
}

export const T2Convergence = defineClaim({
  id: "T2.convergence",
  statement:
    "T2 error shrinks with u0: |err(1e-12)| < |err(1e-4)| for the same case and init draws",
  domain:
    "toy family (as T2) and vector statistics (dA, dB ≤ 8, cond(Σ) ≤ 10, Σ_yxB·e_B ≥ 0); balanced or Gaussian, width 1-32",
  tolerance:
    "|err(1e-12)| ≤ max(|err(1e-4)|, T2's derived bound at 1e-12) (expected ≈ 1/3 from the 1/ln(1/u0) law); below 1e-7 counts as converged",
  arbitrary: fc.record({
    stats: fc.oneof(
      fc
        .oneof(toyParameters(), toyParameters({ teacher: "random" }))
        .map((toy) => ({ kind: "toy" as const, toy })),
      vectorStatisticsCase().map((vector) => ({ kind: "vector" as const, vector })),
    ),
    init: networkInit(),
  }),
  defaultRuns: 30,
  check: ({ stats, init }) => {
    const built = stats.kind === "toy" ? fromToy(stats.toy) : buildVectorStatistics(stats.vector);
    return checkConvergence(orient(built).stats, init);
  },
});

/**
 * Largest cond Σ of T2.vector's generic generator (10 before issue 10). Up to here the law's
 * offsets grow like ln cond Σ (C_T2_VECTOR); beyond it the generic generator draws cases whose
 * thresholds lie in slow creeps (residual 3.8 below cond 300, 15.3 below 1e3, c up to 344 at
 * 5.8e3: fixtures/counterexamples/T2-vector-B-creep.json), which no log law bounds. The
 * paper's own family is generated beside it without any cap (its cond Σ reaches 3.2e4 at
 * D = 20) and stays within the law.
 */
export const T2_VECTOR_MAX_CONDITION = 100;

export const T2Vector = defineClaim({
  id: "T2.vector",
  statement: "T2 (norm form) for vector modalities whose Σ_yxB and e_B do not point apart",
  domain:
    "the paper's random family (D = 10 and 20, every draw) and generic vector statistics dA, dB ∈ [1, 8], cond(Σ) ≤ 100, teacher uniform in [−1, 1]; u0 ∈ [1e-12, 1e-4]; balanced or Gaussian, width 1-32; Σ_yxB·e_B < 0 is X6's region (out of domain)",
  tolerance:
    "the law of T2's error: (|ln κ_A| + |ln κ_B| + |ln g| + |ln ‖W_B^full‖| + 2|ln c₊| + C_T2_VECTOR(1 + ln cond Σ))/((1 − k) ln(1/u0²)), C_T2_VECTOR = 3 (measured 1.96 on the paper's family, 1.91 on cond Σ < 100)",
  arbitrary: fc.record({
    stats: paperOrVectorStatistics({ maxCondition: T2_VECTOR_MAX_CONDITION }),
    u0: initScale({ max: 1e-4 }),
    init: networkInit(),
  }),
  defaultRuns: 60,
  check: ({ stats, u0, init }) => {
    return checkLateFusionRatio(buildPaperOrVectorStatistics(stats), twoLayerLate(u0, init));
  },
});
