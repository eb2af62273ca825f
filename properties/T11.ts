/**
 * T11 — two-layer late-fusion ReLU networks on Gaussian inputs with a linear teacher follow
 * T2's time ratio (docs/theory.md T11; ICML 2024 §4, the figure overlaying linear and ReLU runs).
 *
 * Each branch is measured by its linear part ½Σ_i a_i w_iᵀ (src/network/reluLinearPart.ts),
 * trained on the exact population loss (arc-cosine kernel, src/network/reluPopulation.ts), so
 * there is no sampling noise. Why T2 carries over to leading order: from small init every
 * product a_i w_i grows at rate ½Σ_yx·(its direction) (E[y relu(wᵀx)] = ½Σ_yx w), half the
 * linear rate, in phase 1 (rate ½s_A) and phase 2 (rate ½‖e_B‖ once A is learned) alike,
 * so the ½ cancels in t_B/t_A while t_A doubles. The dropped terms are O(1/ln(1/u0)) as for T2.
 */
import fc from "fast-check";
import { initScale, networkInit, toyParameters } from "../src/claims/arbitraries/index.js";
import type { CaseVerdict } from "../src/claims/claim.js";
import { defineClaim } from "../src/claims/claim.js";
import { crossedByExcursion, lateFusionDomain } from "../src/claims/lateFusionDomain.js";
import { twoLayerLate } from "../src/claims/twoLayerCase.js";
import { compared, outOfDomain, unmeasurable } from "../src/claims/verdict.js";
import { alignedSides, branchesCanBeLinear } from "../src/measurement/reluSides.js";
import { simulateRelu } from "../src/measurement/reluSimulation.js";
import { fusionArchitecture } from "../src/network/architecture.js";
import { gaussianInit } from "../src/network/initialisation.js";
import type { ParameterLayout } from "../src/network/layout.js";
import { parameterLayout } from "../src/network/layout.js";
import { derive, orient } from "../src/statistics/derived.js";
import type { Statistics } from "../src/statistics/statistics.js";
import { fromToy } from "../src/statistics/toy.js";
import { phaseTwoSign } from "../src/theory/initAwareLateFusion.js";
import { initAwareReluLateFusion } from "../src/theory/initAwareReluLateFusion.js";

/**
 * Remainder constant of the init-aware form (as T2's C_T2): T11's tolerance is
 *   |R₁/T2 − 1| + (R₁/T2)·C_T11/((1 − k)·ln(1/u0²)),
 * with R₁ = initAwareReluLateFusion (src/theory/initAwareReluLateFusion.ts), T2 with its
 * next-order terms ln g, ln ‖W_B^full‖ and each branch's side seeds ln √(E₊E₋)/u0²
 * (alignedSides). MEASURED_C_T11 is the max of |measured/R₁ − 1|·(1 − k)·ln(1/u0²) recorded by
 * scripts/measure/t11InitAware.ts: 0.86 on the toy grid (σA/σB ∈ {1.1, 1.5, 2, 3} × ρ ∈ {−0.9,
 * …, 0.9} × u0 ∈ {1e-4, 1e-6, 1e-9, 1e-12} × width {2, 4, 8} × seeds 1-3, 342 cases; max per u0
 * 0.76, 0.80, 0.84, 0.86: flat; median 0.046, against 0.55 for the fixed-constant form) and
 * 3.17 over 278 in-domain cases of the generator at seeds 11-13 (held out from the check's
 * seeds; median 0.044, p90 0.35). The generator's tail comes from unequal B sides, which R₁'s
 * midpoint rule does not describe (see initAwareReluLateFusion). C_T11 = 1.5 × 3.17.
 * Domain: T11's (σ = +1, both branches two-sided after alignment).
 */
export const MEASURED_C_T11 = 3.17;
export const C_T11 = 1.5 * MEASURED_C_T11;

/** Hidden width per branch: ≥ 2 so a branch can represent a linear map (see alignedSides). */
export const T11_WIDTH: readonly [number, number] = [2, 12];

export type { BranchSides } from "../src/measurement/reluSides.js";
export { alignedSides, branchesCanBeLinear } from "../src/measurement/reluSides.js";

/** R₁ for T11: T2 with the init's side seeds of both branches (initAwareReluLateFusion). */
export function reluNextOrder(
  stats: Statistics,
  u0: number,
  theta0: Float64Array,
  layout: ParameterLayout,
): number {
  const sides = {
    A: alignedSides(theta0, layout, stats, "A"),
    B: alignedSides(theta0, layout, stats, "B"),
  };
  return initAwareReluLateFusion(stats, u0, sides).ratio;
}

export interface ReluLateCase {
  readonly stats: Statistics;
  readonly u0: number;
  readonly width: number;
  readonly seed: number;
}

/** The T11 verdict for one oriented toy case: population ReLU ratio against T2. */
export function checkReluLateFusion({ stats, u0, width, seed }: ReluLateCase): CaseVerdict {
  const net = twoLayerLate(u0, { kind: "gaussian", width, seed });
  // T2's own domain (A-reversal, B-excursion, below-double-precision, unresolved phase):
  // outside it the linear network has no T2 phase to compare with either.
  const domain = lateFusionDomain(stats, net);
  if (!domain.inDomain) return outOfDomain(domain.reason, domain.details);
  const layout = parameterLayout(
    fusionArchitecture({ depth: 2, fusionLayer: 2, width, dA: 1, dB: 1, activation: "relu" }),
  );
  const theta0 = gaussianInit(layout, u0, seed);
  if (!branchesCanBeLinear(theta0, layout, stats)) {
    // A branch ends one-sided after the alignment phase (alignedSides): its linear part
    // stalls at ½W^uni, T11's threshold itself, and t_A times B's effect on that plateau.
    return outOfDomain("aligned-one-sided", domain.details);
  }
  const q = derive(stats);
  const k = q.sB / q.sA;
  const sigma = phaseTwoSign(stats);
  if (sigma < 0) {
    // Σ_yxB and e_B of opposite sign: B's scalar neurons must reverse (a_i w_i changes sign),
    // crossing w_i = 0 where the ReLU flow is not smooth. Measured: T2 holds there to a larger
    // remainder (max 3.2 over 39 grid cases), and some runs never reach t_B within 200k steps
    // (fixtures/counterexamples/T11-relu-B-reversal.json). Not asserted.
    return outOfDomain("B-reversal", domain.details);
  }
  const sim = simulateRelu({
    data: { kind: "population", stats },
    depth: 2,
    fusionLayer: 2,
    width,
    init: { kind: "gaussian", u0, seed },
    maxSteps: 200_000,
  });
  const nextOrder = reluNextOrder(stats, u0, theta0, layout);
  // measured/T2 − 1 = (R₁/T2)(1 + r) − 1 with |r| ≤ C_T11/((1 − k) ln(1/u0²)) (as T2).
  const remainder = C_T11 / ((1 - k) * 2 * Math.log(1 / u0));
  const tolerance =
    Math.abs(nextOrder / domain.predicted - 1) + (nextOrder / domain.predicted) * remainder;
  const details = {
    ...domain.details,
    measured: sim.times.ratio,
    tA: sim.times.tA,
    tB: sim.times.tB,
    status: sim.run.status,
    k,
    sigma,
    nextOrder,
  };
  if (crossedByExcursion(stats, sim.run)) return outOfDomain("B-excursion", details);
  if (!sim.times.reached) {
    return unmeasurable(`threshold not reached (${sim.run.status})`, details);
  }
  return compared({
    predicted: domain.predicted,
    measured: sim.times.ratio,
    tolerance: tolerance,
    details,
  });
}

/** Generated T11 cases: toy statistics (paper or random teacher), u0, width, init seed. */
export const t11Arbitrary = fc.record({
  toy: fc.oneof(toyParameters(), toyParameters({ teacher: "random" })),
  u0: initScale({ min: 1e-12, max: 1e-4 }),
  init: networkInit({ kinds: ["gaussian"], maxWidth: T11_WIDTH[1] }).map((init) => ({
    ...init,
    width: Math.max(T11_WIDTH[0], init.width),
  })),
});

export const T11 = defineClaim({
  id: "T11",
  statement:
    "Two-layer late-fusion ReLU (population, Gaussian x, linear teacher): t_B/t_A of the linear parts ½Σa_i w_i follows T2",
  domain:
    "toy family as T2 (σA/σB ∈ [1.1, 3], ρ ∈ [−0.9, 0.9], teacher (1, 1) or random) within T2's domain and Σ_yxB·e_B > 0 (σ = +1); u0 ∈ [1e-12, 1e-4]; Gaussian init, width 2-12 with neurons on both sides in each branch after alignment (sign of w_i + sgn(Σ_yxm)·a_i; otherwise out of domain: aligned-one-sided); gradient flow on the exact population loss",
  tolerance:
    "|R₁/T2 − 1| (init's side seeds ln √(E₊E₋)/u0², ln g, ln ‖W_B^full‖) + (R₁/T2)·C_T11/((1 − k) ln(1/u0²)), C_T11 = 4.76 = 1.5 × measured max 3.17 (scripts/measure/t11InitAware.ts)",
  arbitrary: t11Arbitrary,
  defaultRuns: 20,
  check: ({ toy, u0, init }) =>
    checkReluLateFusion({
      stats: orient(fromToy(toy)).stats,
      u0,
      width: init.width,
      seed: init.seed,
    }),
});
