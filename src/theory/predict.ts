import { derive } from "../statistics/derived.js";
import type { Statistics } from "../statistics/statistics.js";
import type { FusionArchitecture } from "./intermediateFusion.js";
import { unimodalPhasePrediction } from "./intermediateFusion.js";
import type { DomainIssue } from "./lateFusionRatio.js";
import { lateFusionRatio } from "./lateFusionRatio.js";

/** Which statement of docs/theory.md produced a prediction. */
export type PredictionSource = "T1" | "T2" | "T4" | "T5" | "X1";

/** Predicted phase times for oriented statistics (A = faster modality), in units of τ. */
export interface PhasePredictionReport {
  readonly ratio: number;
  readonly tA: number;
  readonly tB: number;
  readonly duration: number;
  readonly source: PredictionSource;
  /** Set when the case is outside the domain the source claim states. */
  readonly outOfDomain?: DomainIssue | "signs-apart";
}

/**
 * The closed-form prediction for any depth and fusion layer:
 * Lf = 1 → T1 (ratio 1); Lf = L → T2 (L = 2) or T4 (L ≥ 3), in the signed form for scalar
 * B; 1 < Lf < L → T5 for scalar modalities, X1 (T5 with norms) for vector ones.
 * t_A is the T5 integral in every case (it reduces to ln(1/u0)/s_A for L = 2, Lf = 2).
 *
 * @example
 * ```ts
 * import { fromToy, predictPhases } from "ubias";
 *
 * const prediction = predictPhases(fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.5 }), { depth: 2, fusionLayer: 2 }, 1e-6);
 * prediction.source; // → "T2"
 * prediction.ratio; // → 5
 * // t_A = ln(1/u0)/s_A for two layers: ln(10⁶)/5.
 * prediction.tA; // ≈ 2.763
 * ```
 */
export function predictPhases(
  stats: Statistics,
  arch: FusionArchitecture,
  u0: number,
): PhasePredictionReport {
  const q = derive(stats);
  const e = Math.hypot(...q.eB);
  const g = Math.hypot(...q.wUniA);
  const late = lateFusionRatio(stats);
  const scalar = stats.dA === 1 && stats.dB === 1;
  // k must lie in (0, 1) for the T5 integral; at s_B = 0 B is never seeded along Σ_yxB.
  const k = Math.min(Math.max(q.sB / q.sA, Number.MIN_VALUE), 1 - Number.EPSILON);
  const domainIssue = late.outOfDomain;
  if (
    domainIssue === "tie" ||
    domainIssue === "B-not-faster-first" ||
    domainIssue === "no-B-solution"
  ) {
    return {
      ratio: Number.NaN,
      tA: Number.NaN,
      tB: Number.NaN,
      duration: Number.NaN,
      source: sourceOf(arch, scalar),
      outOfDomain: domainIssue,
    };
  }
  const base = unimodalPhasePrediction({ sA: q.sA, k, e, g }, arch, u0);
  const { depth: L, fusionLayer: Lf } = arch;
  if (Lf === L && L >= 2) {
    const duration = (late.ratio - 1) * base.tA;
    return withIssue(
      {
        ratio: late.ratio,
        tA: base.tA,
        tB: base.tA + duration,
        duration,
        source: L === 2 ? "T2" : "T4",
      },
      domainIssue,
    );
  }
  const report = {
    ratio: base.ratio,
    tA: base.tA,
    tB: base.tB,
    duration: base.duration,
    source: sourceOf(arch, scalar),
  };
  // T5's domain: Σ_yxB and e_B of the same sign (otherwise B's chain first shrinks).
  const signsApart = Lf > 1 && q.cosSigmaBeB <= 0 ? "signs-apart" : undefined;
  return withIssue(report, signsApart);
}

function sourceOf(arch: FusionArchitecture, scalar: boolean): PredictionSource {
  if (arch.fusionLayer === 1) return "T1";
  if (arch.fusionLayer === arch.depth) return arch.depth === 2 ? "T2" : "T4";
  return scalar ? "T5" : "X1";
}

function withIssue(
  report: Omit<PhasePredictionReport, "outOfDomain">,
  issue: PhasePredictionReport["outOfDomain"] | undefined,
): PhasePredictionReport {
  return issue === undefined ? report : { ...report, outOfDomain: issue };
}
