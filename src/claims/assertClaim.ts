import { formatJson } from "../format/json.js";
import type { Claim } from "./claim.js";
import type { ClaimResult } from "./runner.js";
import { checkClaim, DEFAULT_SEED } from "./runner.js";
import { statisticalLines } from "./statisticalVerdict.js";

/** Options of {@link assertClaim}: the runner's seed, runs and replay path, and how strict. */
export interface AssertClaimOptions {
  /** fast-check seed (default `DEFAULT_SEED`, the seed of `ubias check`). */
  readonly seed?: number;
  /** Cases to generate (default: the claim's `defaultRuns`). */
  readonly runs?: number;
  /** fast-check path of a previous failure: replays exactly that case. */
  readonly path?: string;
  /**
   * A refuted conjecture (an X or U series ID) throws too. Default false: as in `ubias check`,
   * a refuted conjecture is a finding, not a failure, and the result says so.
   */
  readonly refutationFails?: boolean;
}

/**
 * Thrown by {@link assertClaim} when a claim fails: the message has the verdict of the shrunk
 * counterexample and the seed and path that replay it; `result` is the whole ClaimResult.
 *
 * @example
 * ```ts
 * import fc from "fast-check";
 * import { assertClaim, ClaimFailure, defineClaim } from "ubias/claims";
 *
 * const tooStrict = defineClaim({
 *   id: "U90",
 *   statement: "n/100 stays within 5 (it does not for n > 500)",
 *   domain: "integers 0 ≤ n ≤ 1000",
 *   tolerance: "5 absolute",
 *   arbitrary: fc.integer({ min: 0, max: 1000 }),
 *   defaultRuns: 30,
 *   check: (n) => ({ kind: "measured", error: n / 100, tolerance: 5, details: { n } }),
 * });
 * let failure: unknown;
 * try {
 *   assertClaim(tooStrict, { refutationFails: true });
 * } catch (error) {
 *   failure = error;
 * }
 * failure instanceof ClaimFailure; // → true
 * (failure as ClaimFailure).result.counterexample?.case; // → 501
 * ```
 */
export class ClaimFailure extends Error {
  /** The runner's result for the failing claim (counts, worst case, shrunk counterexample). */
  readonly result: ClaimResult;

  constructor(result: ClaimResult, message: string) {
    super(message);
    this.name = "ClaimFailure";
    this.result = result;
  }
}

/**
 * Checks a claim as `ubias check` does (same runner, seeds, shrinking) and throws a
 * {@link ClaimFailure} unless it holds; returns the result when it does. Outside a
 * replay, a claim whose every case fell outside its domain fails too: it would pass without
 * having been tested. For any test runner; `ubias/vitest`'s `claimTest` wraps it in an `it`.
 *
 * @example
 * ```ts
 * import fc from "fast-check";
 * import { assertClaim, defineClaim } from "ubias/claims";
 *
 * const halfIsSmaller = defineClaim({
 *   id: "U91",
 *   statement: "x/2 ≤ x for x ≥ 0",
 *   domain: "0 ≤ x ≤ 100",
 *   tolerance: "0 (exact)",
 *   arbitrary: fc.double({ min: 0, max: 100, noNaN: true }),
 *   defaultRuns: 50,
 *   check: (x) => ({ kind: "measured", error: Math.max(0, x / 2 - x), tolerance: 0, details: { x } }),
 * });
 * const result = assertClaim(halfIsSmaller, { seed: 7 });
 * result.holds; // → true
 * result.casesRun; // → 50
 * ```
 */
export function assertClaim(claim: Claim<unknown>, options: AssertClaimOptions = {}): ClaimResult {
  const seed = options.seed ?? DEFAULT_SEED;
  const result = checkClaim(claim, {
    seed,
    ...(options.runs !== undefined ? { runs: options.runs } : {}),
    ...(options.path !== undefined ? { path: options.path } : {}),
  });
  const tolerated = result.conjecture && options.refutationFails !== true;
  if (!result.holds && !tolerated) throw new ClaimFailure(result, failureText(result));
  if (options.path === undefined && result.casesRun > 0 && result.outOfDomain === result.casesRun) {
    throw new ClaimFailure(
      result,
      `${claim.id}: all ${result.casesRun} cases were outside the claim's domain (seed ${seed}): it was not tested`,
    );
  }
  return result;
}

/** The failure's text: counts, the shrunk verdict, and both ways to replay it. */
export function failureText(result: ClaimResult): string {
  const what = result.conjecture ? "is refuted" : "fails";
  const lines = [
    `${result.id} ${what}: ${result.failures} of ${result.casesRun} cases fail (seed ${result.seed})`,
  ];
  const counterexample = result.counterexample;
  if (counterexample === undefined && result.statistical !== undefined) {
    lines.push(
      `${result.statistical.verdict}; event: ${result.statistical.design.event}`,
      ...statisticalLines(result.statistical),
    );
    return lines.join("\n");
  }
  if (counterexample === undefined) {
    lines.push("no counterexample was reproduced by the shrinking pass");
    return lines.join("\n");
  }
  lines.push(
    `shrunk counterexample (${counterexample.shrinks} shrinks): ${formatJson(counterexample.verdict).trimEnd()}`,
    // fast-check's own replay parameters: assertClaim, claimTest and fc.assert take them.
    `replay with { seed: ${result.seed}, path: ${JSON.stringify(counterexample.path)} }`,
    // The CLI's command; a claim outside the package needs its directory (--claims) too.
    `or: ${counterexample.replay} [--claims <directory of the claim file>]`,
  );
  return lines.join("\n");
}
