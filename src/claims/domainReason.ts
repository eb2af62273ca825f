import type { DomainIssue } from "../theory/lateFusionRatio.js";

/** Why an unequal-depth case (X4) lies outside the domain (src/claims/unequalDepthCase.ts). */
export type UnequalDepthIssue =
  | "signs-apart" // e_S against Σ_yxS: a balanced chain cannot reverse, S is never learned
  | "A-reversal" // W_F^full against W_F^uni: F must pass through 0 (T2's A-reversal)
  | "no-B-solution"; // W_S^full = 0: t_S undefined (docs/theory.md §3)

/** Why a vector-target case (X5) lies outside the domain (src/claims/vectorTargetCase.ts). */
export type VectorTargetIssue =
  | "tie" // σ₁(Σ_yxA) = σ₁(Σ_yxB)
  | "no-B-solution" // e_B = 0 or W_B^full = 0
  | "directions-apart"; // B's grown top mode is nearly orthogonal to e_B's (X6's region)

/**
 * Why a generated case lies outside a catalogue claim's domain: counted per reason in
 * `ubias check` (ClaimResult.outOfDomainReasons) and never silently dropped. The closed
 * forms' own issues (DomainIssue of src/theory, the unequal-depth and vector-target setups')
 * plus the claims' simulation-level rules.
 */
export type DomainReason =
  | DomainIssue
  | UnequalDepthIssue
  | VectorTargetIssue
  | "signs-apart"
  | "balanced-init-degenerate"
  | "A-reversal"
  | "below-double-precision"
  | "B-excursion"
  | "unresolved-phase"
  | "power-corrections"
  | "no-plateau"
  | "zero-rate"
  | "unresolved-order"
  | "B-interference"
  | "gd-flow-indistinct"
  | "A-alone-generalises-better"
  | "slow-convergence"
  | "aligned-one-sided"
  | "B-reversal"
  | "B-reversal-resolution"
  | "no-t_B"
  | "A-modes-close"
  | "full-block-zero"
  | "spectral-gap";

/**
 * The one place a reason code becomes the text `ubias check` prints and its JSON's
 * `outOfDomainReasons` counts (keys of that record: changing a text changes the output).
 */
export const DOMAIN_REASON_TEXT: { readonly [R in DomainReason]: string } = {
  tie: "tie", // ‖Σ_yxA‖ = ‖Σ_yxB‖ (or σ₁ for vector targets): no faster modality
  "B-not-faster-first": "B-not-faster-first", // statistics not oriented
  "no-B-solution": "no-B-solution", // W_B^full = 0: t_B undefined
  "directions-apart": "directions-apart", // Σ_yxB·e_B < 0 for vector B: X6's region
  "signs-apart": "signs-apart", // e_B against Σ_yxB: a balanced chain cannot reverse
  "balanced-init-degenerate": "balanced-init-degenerate", // the mode that must grow has seed 0
  "A-reversal": "A-reversal", // W_A^full against W_A^uni: A must pass through 0
  "below-double-precision": "below-double-precision", // a seed below float64's reach
  "B-excursion": "B-excursion", // B's phase-1 transient crosses its threshold
  "unresolved-phase": "unresolved-phase", // < 100× separation of the two transitions
  "power-corrections": "power-corrections", // T2.limit: u0^{2(1−k)} corrections not negligible
  "no-plateau": "no-plateau", // T3: no unimodal plateau to measure
  "zero-rate": "zero-rate", // X4: a modality with no growth rate
  "unresolved-order": "unresolved-order", // X4: the first modality is not decided
  "B-interference": "B-interference", // T9: B has grown by t_A
  "gd-flow-indistinct": "gd-flow-indistinct", // T9.gd-clock: GD and flow too close to tell
  "A-alone-generalises-better": "A-alone-generalises-better", // T10: no harm to show
  "slow-convergence": "slow-convergence", // T10: the stall is not resolved in budget
  "aligned-one-sided": "aligned-one-sided", // T11: a ReLU branch ends one-sided
  "B-reversal": "B-reversal", // T11: B's ReLU neurons must reverse
  "B-reversal-resolution": "B-reversal-resolution", // X3: B's reversal beyond resolution
  "no-t_B": "no-t_B", // X3: neither run nor next order reaches t_B
  "A-modes-close": "A-modes-close", // X5: A's modes too close to order
  "full-block-zero": "full-block-zero", // T13: a block of W^full (or Σ_yx, e_A, e_B) is 0
  "spectral-gap": "spectral-gap", // T13: a predicted nonzero eigenvalue within the resolution
};

/** The printed text of a reason code. */
export function domainReasonText(reason: DomainReason): string {
  return DOMAIN_REASON_TEXT[reason];
}

/**
 * A claim's domain decided for one case before simulating: outside, with its typed reason,
 * or inside, with what the claim needs to compare (`Inside`: the prediction, its tolerance, …).
 */
export type DomainDecision<Inside extends object> =
  | {
      readonly inDomain: false;
      readonly reason: DomainReason;
      readonly details: Record<string, unknown>;
    }
  | ({ readonly inDomain: true; readonly details: Record<string, unknown> } & Inside);
