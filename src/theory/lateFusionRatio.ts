import { derive, fasterModality, splitBlocks } from "../statistics/derived.js";
import type { Statistics } from "../statistics/statistics.js";

/** Why a case lies outside a claim's domain (reported, never silently dropped). */
export type DomainIssue =
  | "tie" // ‖Σ_yxA‖ = ‖Σ_yxB‖: no faster modality (docs/theory.md §1)
  | "B-not-faster-first" // statistics not oriented: modality B is the faster one
  | "no-B-solution" // W_B^full = 0 (e_B = 0): t_B is undefined
  | "directions-apart"; // vector B with Σ_yxB·e_B < 0: the norm form's assumption fails (X6)

/** T2 / T4's predicted time ratio t_B/t_A of late fusion, its form and any domain issue. */
export interface LateFusionRatio {
  /** Predicted t_B/t_A. */
  readonly ratio: number;
  /** "signed" for a scalar modality B (T2 note), "norm" for vector B. */
  readonly form: "signed" | "norm";
  /** Undefined when the case is in the claim's domain. */
  readonly outOfDomain?: DomainIssue;
}

/**
 * T2 / T4: time ratio of late fusion (Lf = L ≥ 2) at small init,
 * t_B/t_A = 1 + (s_A − s_B)/‖e_B‖ (ICML 2024, Eq. for two-layer late fusion; T4: any L).
 *
 * For a scalar modality B the signed form 1 + (s_A − Σ_yxB·sign(e_B))/|e_B| holds for
 * every sign pattern: when Σ_yxB and e_B differ in sign, the B weights grown before t_A
 * must first shrink, and the unimodal phase lasts (s_A + s_B)/|e_B| of t_A instead.
 * For vector B, the norm form assumes the B weights grown along Σ_yxB keep growing along
 * e_B; with Σ_yxB·e_B < 0 the case is flagged "directions-apart" (X6).
 *
 * Requires oriented statistics (A = faster modality, see `orient`).
 *
 * @example
 * ```ts
 * import { fromToy, lateFusionRatio } from "ubias";
 *
 * const late = lateFusionRatio(fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.5 }));
 * late.ratio; // → 5
 * late.form; // → "signed"
 * late.outOfDomain; // → undefined
 * ```
 */
export function lateFusionRatio(stats: Statistics): LateFusionRatio {
  const q = derive(stats);
  const eNorm = Math.hypot(...q.eB);
  const faster = fasterModality(stats);
  const [, yxB] = splitBlocks(stats, stats.sigmaYX);
  if (stats.dB === 1) {
    const sign = Math.sign(q.eB[0]!);
    const ratio = 1 + (q.sA - yxB[0]! * sign) / eNorm;
    return withDomain(ratio, "signed", faster, eNorm);
  }
  const ratio = 1 + (q.sA - q.sB) / eNorm;
  const issue = q.cosSigmaBeB < 0 ? "directions-apart" : undefined;
  return withDomain(ratio, "norm", faster, eNorm, issue);
}

function withDomain(
  ratio: number,
  form: LateFusionRatio["form"],
  faster: ReturnType<typeof fasterModality>,
  eNorm: number,
  issue?: DomainIssue,
): LateFusionRatio {
  const outOfDomain: DomainIssue | undefined =
    faster === "tie"
      ? "tie"
      : faster === "B"
        ? "B-not-faster-first"
        : !(eNorm > 0)
          ? "no-B-solution"
          : issue;
  return outOfDomain === undefined ? { ratio, form } : { ratio, form, outOfDomain };
}
