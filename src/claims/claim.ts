import type fc from "fast-check";

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
  | { readonly kind: "unmeasurable"; readonly reason: string; readonly details: CaseDetails };

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
}

/** Error is within tolerance (NaN never is). */
export function withinTolerance(verdict: CaseVerdict): boolean {
  if (verdict.kind === "out-of-domain") return true;
  if (verdict.kind === "unmeasurable") return false;
  return Math.abs(verdict.error) <= verdict.tolerance;
}

/** Defines a claim with its types checked (identity at run time). */
export function defineClaim<Case>(claim: Claim<Case>): Claim<Case> {
  return claim;
}
