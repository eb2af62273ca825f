/**
 * Intermediate fusion (1 < Lf < L) with balanced init: T5's verdict for one case, its
 * tolerance and the architectures it is asserted on. Shared by T5 (toy family) and X1 (the
 * conjecture that T5 holds for vector statistics through their norms).
 */
import fc from "fast-check";
import type { Statistics } from "../statistics/statistics.js";
import { predictPhases } from "../theory/predict.js";
import type { CaseVerdict } from "./claim.js";
import { balancedRatioVerdict } from "./twoLayerCase.js";
import { outOfDomain } from "./verdict.js";

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
  if (prediction.outOfDomain) return outOfDomain(prediction.outOfDomain, base);
  return balancedRatioVerdict(
    stats,
    arch,
    u0,
    prediction.ratio,
    t5Tolerance(u0, arch.fusionLayer),
    base,
  );
}
