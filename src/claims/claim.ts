import type fc from "fast-check";
import type { StatisticalDesign } from "./statisticalVerdict.js";

/**
 * The verdict on one generated case. A case is either outside the claim's stated domain
 * (counted and reported with its reason, never silently dropped), or inside it with a
 * measured error to compare with a tolerance, or a simulation that could not measure
 * (threshold not reached, divergence, step-size underflow): that is a failure, not a pass.
 */
export type CaseVerdict =
  | { readonly kind: "out-of-domain"; readonly reason: string; readonly details: CaseDetails }
  | {
      readonly kind: "measured";
      readonly error: number;
      readonly tolerance: number;
      /** True when error and tolerance are relative (the claims table prints them as percentages). */
      readonly relative?: boolean;
      /** Labels counted in the claim's result, e.g. "superficial" for T8's superficial-preference cases. */
      readonly tags?: readonly string[];
      readonly details: CaseDetails;
    }
  | { readonly kind: "unmeasurable"; readonly reason: string; readonly details: CaseDetails }
  | {
      /**
       * One trial of a statistical claim (defineStatisticalClaim): not a pass or a failure on
       * its own, an observation — the arms whose event happened. The claim's verdict comes from
       * the event counts over all trials (src/claims/statisticalVerdict.ts).
       */
      readonly kind: "observed";
      readonly events: readonly string[];
      readonly details: CaseDetails;
    };

/** Inputs, prediction, measurement: printed with every failure. */
export type CaseDetails = Readonly<Record<string, unknown>>;

/**
 * A claim of docs/theory.md as an executable property. One file under properties/ exports one
 * (or a few) of these; the catalogue picks them up for vitest and for `ubias check`.
 */
export interface Claim<Case = unknown> {
  /** Unique id, the docs/theory.md claim ID optionally followed by a variant: "T2", "T2.convergence". */
  readonly id: string;
  /** One-line statement as it appears in the claims table. */
  readonly statement: string;
  /** Where the claim is asserted (generated domain and the theory's assumptions). */
  readonly domain: string;
  /** The tolerance and where it comes from (derivation or recorded measurement). */
  readonly tolerance: string;
  /** Generator of cases. */
  readonly arbitrary: fc.Arbitrary<Case>;
  /** Cases per check when the user does not say (keep the default catalogue under ~1 min). */
  readonly defaultRuns: number;
  /** Checks allowed for shrinking a failure (default DEFAULT_SHRINK_BUDGET of runner.ts). */
  readonly shrinkBudget?: number;
  /** Predict, simulate, compare. */
  check(testCase: Case): CaseVerdict;
  /**
   * Set by defineStatisticalClaim: each case is one trial, `check` returns "observed" verdicts,
   * and the claim's verdict is the design's hypotheses judged on the event counts.
   */
  readonly statistical?: StatisticalDesign;
}

/**
 * Error is within tolerance (NaN never is).
 *
 * @example
 * ```ts
 * import { withinTolerance } from "ubias/claims";
 *
 * withinTolerance({ kind: "measured", error: -0.03, tolerance: 0.05, details: {} }); // → true
 * withinTolerance({ kind: "measured", error: Number.NaN, tolerance: 0.05, details: {} }); // → false
 * withinTolerance({ kind: "unmeasurable", reason: "diverged", details: {} }); // → false
 * withinTolerance({ kind: "out-of-domain", reason: "tie", details: {} }); // → true
 * withinTolerance({ kind: "observed", events: ["v = 5"], details: {} }); // → true
 * ```
 */
export function withinTolerance(verdict: CaseVerdict): boolean {
  // An observation is no failure by itself: the statistical verdict judges the counts.
  if (verdict.kind === "out-of-domain" || verdict.kind === "observed") return true;
  if (verdict.kind === "unmeasurable") return false;
  return Math.abs(verdict.error) <= verdict.tolerance;
}

/**
 * Defines a claim with its types checked (identity at run time).
 *
 * @example
 * ```ts
 * import fc from "fast-check";
 * import { checkClaim, defineClaim } from "ubias/claims";
 *
 * // A claim: generated cases, and per case a verdict (out of domain, or an error against a
 * // tolerance). Here the "error" n/100 exceeds the tolerance 5 once n > 500.
 * const claim = defineClaim({
 *   id: "U94",
 *   statement: "n/100 ≤ 5",
 *   domain: "integers 0 ≤ n ≤ 1000 (n < 10 out of domain)",
 *   tolerance: "5 absolute",
 *   arbitrary: fc.integer({ min: 0, max: 1000 }),
 *   defaultRuns: 40,
 *   check: (n) =>
 *     n < 10
 *       ? { kind: "out-of-domain", reason: "n below 10", details: { n } }
 *       : { kind: "measured", error: n / 100, tolerance: 5, details: { n } },
 * });
 * const result = checkClaim(claim, { seed: 3 });
 * result.holds; // → false
 * result.counterexample?.case; // → 501
 * ```
 */
export function defineClaim<Case>(claim: Claim<Case>): Claim<Case> {
  return claim;
}
