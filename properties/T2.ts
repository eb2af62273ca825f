/**
 * T2 — two-layer late fusion time ratio (docs/theory.md T2; ICML 2024 §4):
 *   t_B/t_A = 1 + (s_A − σ s_B)/‖e_B‖   at small init, σ = sign of Σ_yxB·e_B (scalar B).
 *
 * Tolerance: the law of T2's error (src/claims/t2Law.ts, issue 10; docs/next-order.md §2),
 * which bounds the known next-order terms by their magnitude and the transitions' offsets by
 * measured constants; no prediction enters it. Domain: src/claims/lateFusionDomain.ts.
 */
import fc from "fast-check";
import { initScale, networkInit, toyParameters } from "../src/claims/arbitraries/index.js";
import {
  buildPaperOrVectorStatistics,
  paperOrVectorStatistics,
} from "../src/claims/arbitraries/paperOrVectorStatistics.js";
import {
  buildVectorStatistics,
  vectorStatisticsCase,
} from "../src/claims/arbitraries/vectorStatistics.js";
import type { CaseVerdict } from "../src/claims/claim.js";
import { defineClaim } from "../src/claims/claim.js";
import { crossedByExcursion, lateFusionDomain } from "../src/claims/lateFusionDomain.js";
import { T2_VECTOR_MAX_CONDITION } from "../src/claims/t2Law.js";
import type { NetworkCase } from "../src/claims/twoLayerCase.js";
import {
  CLAIM_FLOW_RTOL,
  lateFusionWeights,
  relativeError,
  simulateCase,
  twoLayerLate,
} from "../src/claims/twoLayerCase.js";
import { measured, outOfDomain, unmeasurable } from "../src/claims/verdict.js";
import { orient } from "../src/statistics/derived.js";
import type { Statistics } from "../src/statistics/statistics.js";
import { fromToy } from "../src/statistics/toy.js";
import { nextOrderLateFusion } from "../src/theory/nextOrderLateFusion.js";

/** The T2 verdict for one oriented two-layer late-fusion case. */
export function checkLateFusionRatio(stats: Statistics, net: NetworkCase): CaseVerdict {
  const domain = lateFusionDomain(stats, net);
  if (!domain.inDomain) return outOfDomain(domain.reason, domain.details);
  const { times, run } = simulateCase(stats, net, false, undefined, CLAIM_FLOW_RTOL);
  const details = {
    ...domain.details,
    measured: times.ratio,
    tA: times.tA,
    tB: times.tB,
    status: run.status,
  };
  if (crossedByExcursion(stats, run)) return outOfDomain("B-excursion", details);
  if (!times.reached) {
    return unmeasurable(`threshold not reached (${run.status})`, details);
  }
  const error = relativeError(times.ratio, domain.predicted);
  // A failing case also reports the next-order prediction for its init (docs/next-order.md),
  // which says how much of the error T2 drops; passing cases skip its cost.
  const failing = !(Math.abs(error) <= domain.tolerance);
  return measured({
    error,
    tolerance: domain.tolerance,
    relative: true,
    details: failing
      ? { ...details, nextOrder: nextOrderLateFusion(stats, lateFusionWeights(stats, net)) }
      : details,
  });
}

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
 * Both errors below the integrator floor (1e-7) count as converged: at CLAIM_FLOW_RTOL = 1e-8
 * T2.limit's extrapolated limits, which amplify the ratios' errors, moved by ≤ 2.2e-8 against
 * rtol 1e-10 (scripts/measure/t2LimitSteps.ts, bench/records/claim-rtol-2026-12-04.txt).
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
  return measured({
    error: Math.abs(fine.error) <= CONVERGENCE_FLOOR ? 0 : error,
    tolerance: 1,
    details: { errorAt1e4: coarse.error, errorAt1e12: fine.error, ...fine.details },
  });
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
