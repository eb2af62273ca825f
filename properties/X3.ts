/**
 * X3 — conjecture: init-aware predictions. Using the actual initial weights instead of u0
 * alone, the per-run error of T2 falls well below the leading-order error (docs/theory.md X3).
 *
 * Issue 10 sharpened it into a per-run target on the paper's own data: the next-order
 * prediction (src/theory/nextOrderLateFusion.ts — closed-form linear phase, A aligned, B exact
 * in (W, P, q), from the run's initial weights) is within 5 % of every run at u0 = 1e-6, within
 * 3 % at u0 = 1e-9, with a median within 1 %, on the paper's random family (D = 10 and 20) and
 * the toy family, two-layer late fusion, Gaussian init. A case is one statistics draw with a
 * batch of seeds; its error is the worst per-run error over the batch against the target at
 * that u0, and the batch median against 1 %. R₁ (initAwareLateFusion, the single-logistic,
 * instant-switch version) is reported beside it for comparison, not asserted.
 */
import fc from "fast-check";
import { toyParameters } from "../src/claims/arbitraries/index.js";
import {
  buildPaperRandomFamily,
  paperRandomFamilyCase,
} from "../src/claims/arbitraries/paperRandomFamily.js";
import { defineClaim } from "../src/claims/claim.js";
import { aMustReverse, belowDoublePrecision } from "../src/claims/lateFusionDomain.js";
import {
  CLAIM_FLOW_RTOL,
  lateFusionWeights,
  modeSeeds,
  simulateCase,
  twoLayerLate,
} from "../src/claims/twoLayerCase.js";
import { measured, outOfDomain, unmeasurable } from "../src/claims/verdict.js";
import { orient } from "../src/statistics/derived.js";
import { fromToy } from "../src/statistics/toy.js";
import { initAwareLateFusion, phaseTwoSign } from "../src/theory/initAwareLateFusion.js";
import { lateFusionRatio } from "../src/theory/lateFusionRatio.js";
import { nextOrderLateFusion } from "../src/theory/nextOrderLateFusion.js";

/** The per-run targets by init scale, and the median target. */
const PER_RUN_TARGET: Readonly<Record<string, number>> = { "0.000001": 0.05, "1e-9": 0.03 };
const MEDIAN_TARGET = 0.01;
const BATCH = 4;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : 0.5 * (sorted[mid - 1]! + sorted[mid]!);
}

export const X3 = defineClaim({
  id: "X3",
  statement:
    "Conjecture: the next-order prediction from the run's initial weights is within 5 % (u0 = 1e-6) / 3 % (1e-9) of every run, median ≤ 1 %",
  domain:
    "the paper's random family (D = 10, 20) and the toy family (teacher (1,1) or random), every run that reaches t_B (T2's directions-apart, B-excursion and unresolved-phase cases included; ties, W_B^full = 0, A-reversal, a reversing scalar B and below-double-precision out), u0 ∈ {1e-6, 1e-9}, Gaussian init width 1-32, batches of 4 seeds, gradient flow",
  tolerance:
    "max over the batch of |R/R_next − 1| / target(u0) ≤ 1 and median ≤ 1 % (issue 10's targets)",
  arbitrary: fc.record({
    stats: fc.oneof(
      paperRandomFamilyCase().map((paper) => ({ kind: "paper" as const, paper })),
      fc
        .oneof(toyParameters(), toyParameters({ teacher: "random" }))
        .map((toy) => ({ kind: "toy" as const, toy })),
    ),
    u0: fc.constantFrom(1e-6, 1e-9),
    width: fc.integer({ min: 1, max: 32 }),
    firstSeed: fc.nat({ max: 0x7fffff00 }),
  }),
  defaultRuns: 15,
  check: ({ stats: source, u0, width, firstSeed }) => {
    const stats =
      source.kind === "paper"
        ? buildPaperRandomFamily(source.paper)
        : orient(fromToy(source.toy)).stats;
    const base = { stats: stats.label, width, firstSeed, u0 };
    const errorsNext: number[] = [];
    const errorsT2: number[] = [];
    const errorsR1: number[] = [];
    // X3's own domain: every run whose simulation reaches both thresholds, T2's exclusions
    // (directions apart, excursions, unresolved phases) included — the next order claims to
    // time them all. Only statistics with no B threshold or a tie are outside it.
    const late = lateFusionRatio(stats);
    if (late.outOfDomain === "tie" || late.outOfDomain === "no-B-solution")
      return outOfDomain(late.outOfDomain, base);
    // The next order carries A aligned, dropping its O(u0) non-aligned parts: an A that must
    // reverse after t_A regrows from exactly those (σA = 0.55, σB = 0.5, ρ = −0.9, teacher
    // (−0.17, −0.1): 12-17 % off), so that case is outside its derivation; and modes below
    // float64's reach are outside any simulation's (T2's rules of the same names).
    if (aMustReverse(stats)) return outOfDomain("A-reversal", base);
    if (belowDoublePrecision(stats, u0)) return outOfDomain("below-double-precision", base);
    // A scalar B that reverses (σ = −1) regrows from a mode e^{−k ln(1/u0²)} below its grown
    // one in the same weights (1e-10 at u0 = 1e-9, k = 0.55): neither the flow at rtol 1e-10
    // nor the next order at rtol 1e-6 resolves it to 1 % (σA = 0.55, σB = 0.5, ρ = −0.9,
    // teacher (−1.01, −0.72), width 32: t_A agree to 1e-8, t_B differ by 1-4 %).
    if (phaseTwoSign(stats) < 0) return outOfDomain("B-reversal-resolution", base);
    for (let i = 0; i < BATCH; i++) {
      const net = twoLayerLate(u0, { kind: "gaussian", width, seed: firstSeed + i });
      const { times, run } = simulateCase(stats, net, false, undefined, CLAIM_FLOW_RTOL);
      const next = nextOrderLateFusion(stats, lateFusionWeights(stats, net));
      if (!times.reached) {
        // Both agree that t_B never comes (a near tie): nothing to time.
        if (next.status === "not-reached" || next.status === "time-budget")
          return outOfDomain("no-t_B", base);
        return unmeasurable(
          `seed ${firstSeed + i}: ${run.status}, next order ${next.status}`,
          base,
        );
      }
      if (next.status !== "reached" && next.status !== "B-first")
        return unmeasurable(
          `seed ${firstSeed + i}: the run reached t_B, the next order says ${next.status}`,
          base,
        );
      const r1 = initAwareLateFusion(stats, u0, modeSeeds(stats, net)).ratio;
      errorsNext.push(Math.abs(times.ratio / next.ratio - 1));
      errorsT2.push(Math.abs(times.ratio / late.ratio - 1));
      errorsR1.push(Math.abs(times.ratio / r1 - 1));
    }
    const target = PER_RUN_TARGET[String(u0)]!;
    const worst = Math.max(...errorsNext);
    const mid = median(errorsNext);
    return measured({
      error: Math.max(worst / target, mid / MEDIAN_TARGET),
      tolerance: 1,
      details: {
        ...base,
        worstErrorNext: worst,
        medianErrorNext: mid,
        medianErrorT2: median(errorsT2),
        medianErrorR1: median(errorsR1),
      },
    });
  },
});
