/**
 * T5 — intermediate fusion with balanced init (THEORY.md T5): for 1 < Lf < L the ratio
 * t_B/t_A follows from the T5 integral for t_A and the closed-form duration
 * (src/theory/intermediateFusion.ts), derived for the toy family at small u0.
 *
 * Tolerance: T5 is leading order in u0; see `t5Tolerance` for the targets and the measured
 * envelopes (scripts/measure/deep.ts).
 */
import fc from "fast-check";
import { initScale, toyParameters } from "../src/claims/arbitraries/index.js";
import type { CaseVerdict } from "../src/claims/claim.js";
import { defineClaim } from "../src/claims/claim.js";
import { balancedRatioVerdict } from "../src/claims/twoLayerCase.js";
import { derive, orient } from "../src/statistics/derived.js";
import type { Statistics } from "../src/statistics/statistics.js";
import { fromToy } from "../src/statistics/toy.js";
import { predictPhases } from "../src/theory/predict.js";

/**
 * Relative tolerance of T5 (and X1) at init scale u0, fusion layer Lf.
 * Lf > 2: the targets, 2% at u0 ≤ 0.01 and 5% at u0 ≤ 0.03 (measured worst 0.62% and
 * 2.8%), and T5_SLOPE·u0 up to 0.1 (measured 11.5% at 0.1).
 * Lf = 2: the duration is logarithmic, u_B = u^k u0^{1−k}, and its corrections decay slowly:
 * measured worst 24.6%, 7.3%, 3.2%, 1.6%, 0.71% at u0 = 0.1, 0.03, 0.01, 0.003, 0.001, an
 * envelope T5_LF2_COEFFICIENT·√u0 (coefficient 0.78 needed at 0.1, ≤ 0.42 below). This misses
 * the 2% target at u0 = 0.01 (documented counterexample
 * fixtures/counterexamples/T5-fusion-2-slow.json). Grid: σA/σB ∈ {1.5, 2, 3} × ρ ∈ {−0.3, 0,
 * 0.5, 0.9} × L ∈ 3..6 × 1 < Lf < L × u0 ∈ {0.1, 0.03, 0.01, 0.003, 0.001}, balanced init
 * (scripts/measure/deep.ts).
 */
export function t5Tolerance(u0: number, fusionLayer: number): number {
  if (fusionLayer === 2) return T5_LF2_COEFFICIENT * Math.sqrt(u0);
  if (u0 <= 0.01) return 0.02;
  if (u0 <= 0.03) return 0.05;
  return T5_SLOPE * u0;
}

/** Lf > 2, 0.03 < u0 ≤ 0.1: measured worst |error|/u0 = 1.15 (at u0 = 0.1), rounded up. */
export const T5_SLOPE = 1.2;
/** Lf = 2: measured envelope coefficient 0.78 (at u0 = 0.1), rounded up. */
export const T5_LF2_COEFFICIENT = 0.8;

/** Intermediate architectures: L ∈ [3, maxDepth], 1 < Lf < L. */
export const intermediateArchitecture = (maxDepth: number) =>
  fc
    .integer({ min: 3, max: maxDepth })
    .chain((depth) =>
      fc.record({ depth: fc.constant(depth), fusionLayer: fc.integer({ min: 2, max: depth - 1 }) }),
    );

/** Balanced-init simulation against predictPhases for an intermediate architecture. */
export function checkIntermediate(
  stats: Statistics,
  arch: { depth: number; fusionLayer: number },
  u0: number,
): CaseVerdict {
  const prediction = predictPhases(stats, arch, u0);
  const base = {
    stats: stats.label,
    ...arch,
    u0,
    predicted: prediction.ratio,
    source: prediction.source,
  };
  if (prediction.outOfDomain)
    return { kind: "out-of-domain", reason: prediction.outOfDomain, details: base };
  return balancedRatioVerdict(
    stats,
    arch,
    u0,
    prediction.ratio,
    t5Tolerance(u0, arch.fusionLayer),
    base,
  );
}

export const T5 = defineClaim({
  id: "T5",
  statement:
    "Intermediate fusion, balanced init: t_B/t_A from the T5 integral and duration formula",
  domain:
    "toy family w = (1,1), σA/σB ∈ [1.5, 3] (the measured grid; near ties exceed it: documented counterexample), Σ_yxB·e_B > 0 (ρ > −σB/σA), L ∈ [3, 6], 1 < Lf < L, u0 ∈ [1e-3, 0.1], balanced init, gradient flow",
  tolerance:
    "Lf > 2: 2% at u0 ≤ 0.01, 5% at u0 ≤ 0.03 (issue targets), 1.2·u0 up to 0.1; Lf = 2: 0.8·√u0 (measured envelope)",
  arbitrary: fc.record({
    toy: toyParameters({ sigmaRatio: [1.5, 3] }),
    arch: intermediateArchitecture(6),
    u0: initScale({ min: 1e-3, max: 0.1 }),
  }),
  defaultRuns: 60,
  check: ({ toy, arch, u0 }) => {
    const stats = fromToy(toy);
    if (!(derive(stats).cosSigmaBeB > 0))
      return { kind: "out-of-domain", reason: "signs-apart", details: { stats: stats.label } };
    return checkIntermediate(orient(stats).stats, arch, u0);
  },
});
