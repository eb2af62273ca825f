/**
 * `ubias/vitest`: a claim as a vitest test, in the manner of `@fast-check/vitest`. The test's
 * name carries the seed; a failure prints the verdict of the shrunk counterexample and the
 * seed and path that replay it. Needs vitest (an optional peer dependency of ubias).
 *
 * @packageDocumentation
 */

import fc from "fast-check";
import { it } from "vitest";
import type { AssertClaimOptions } from "../claims/assertClaim.js";
import { assertClaim } from "../claims/assertClaim.js";
import type { Claim } from "../claims/claim.js";
import { DEFAULT_SEED } from "../claims/runner.js";

/** Options of {@link claimTest}: those of `assertClaim` and the test's timeout. */
export interface ClaimTestOptions extends AssertClaimOptions {
  /** The test's timeout in ms (default: vitest's `testTimeout`); simulations can be slow. */
  readonly timeout?: number;
}

/**
 * Registers a vitest test (`it`) that checks `claim` with the runner of `ubias check` and
 * fails with the verdict of the shrunk counterexample and its replay, `{ seed, path }`,
 * which `claimTest(claim, { seed, path })` replays exactly. The seed is `options.seed`,
 * else fast-check's global seed (`fc.configureGlobal({ seed })`, as `@fast-check/vitest`
 * reads it), else ubias's `DEFAULT_SEED`: a run is reproducible unless you ask otherwise.
 * A refuted conjecture (X or U series) passes unless `refutationFails` is set, as in
 * `ubias check`.
 *
 * @example
 * ```ts
 * import fc from "fast-check";
 * import { defineClaim } from "ubias/claims";
 * import { claimTest } from "ubias/vitest";
 *
 * const squareIsNonNegative = defineClaim({
 *   id: "U92",
 *   statement: "x² ≥ 0",
 *   domain: "−10 ≤ x ≤ 10",
 *   tolerance: "0 (exact)",
 *   arbitrary: fc.double({ min: -10, max: 10, noNaN: true }),
 *   defaultRuns: 20,
 *   check: (x) => ({ kind: "measured", error: Math.max(0, -x * x), tolerance: 0, details: { x } }),
 * });
 * // Registers "U92: x² ≥ 0 (with seed=…)" in the current vitest file.
 * claimTest(squareIsNonNegative, { seed: 1 });
 * ```
 */
export function claimTest(claim: Claim<unknown>, options: ClaimTestOptions = {}): void {
  register(it, claim, options);
}

/**
 * As `claimTest`, registered with vitest's `it.fails`: the test passes when the claim fails.
 * For a claim known to be false (a refuted conjecture kept as a regression, with
 * `refutationFails: true`), so that the day it starts to hold is noticed.
 */
claimTest.fails = (claim: Claim<unknown>, options: ClaimTestOptions = {}): void => {
  register(it.fails, claim, options);
};

function register(
  test: (name: string, body: () => void, timeout?: number) => void,
  claim: Claim<unknown>,
  options: ClaimTestOptions,
): void {
  const { timeout, ...check } = options;
  const seed = check.seed ?? fc.readConfigureGlobal().seed ?? DEFAULT_SEED;
  const replay = check.path === undefined ? "" : `, path=${check.path}`;
  test(
    `${claim.id}: ${claim.statement} (with seed=${seed}${replay})`,
    () => {
      assertClaim(claim, { ...check, seed });
    },
    timeout,
  );
}
