import fc from "fast-check";
import { InternalError } from "../errors/internalError.js";
import { isNotRunnableHere, type NotRunnableHere } from "../errors/notRunnableHere.js";
import type { CaseDetails, CaseVerdict, Claim } from "./claim.js";
import { withinTolerance } from "./claim.js";
import { resultHead } from "./claimResult.js";
import type { Shard, ShardRecord } from "./shard.js";
import { shardCases } from "./shard.js";
import type { StatisticalResult } from "./statisticalVerdict.js";
import { judgeStatistical } from "./statisticalVerdict.js";
import { unmeasurable } from "./verdict.js";

/**
 * Seed of `ubias check` when none is given; the same default as the vitest claims suite
 * (UBIAS_SEED in vitest.config.ts and test/setup.ts).
 */
export const DEFAULT_SEED = 20240527;

/**
 * Checks spent on shrinking a failure (beyond the failing case itself) unless the claim says
 * otherwise: enough for the fast-check shrinkers of a few numeric fields to reach a corner
 * (the catalogue's counterexamples shrink in 2-30 checks), bounded so that a refuted
 * conjecture whose cases cost a second each does not spend minutes shrinking.
 */
export const DEFAULT_SHRINK_BUDGET = 60;

/** Options of `checkClaim`: the seed, the number of cases, a replay path, a progress callback. */
export interface CheckOptions {
  readonly seed: number;
  readonly runs?: number;
  /** fast-check replay path of a previous failure: replays exactly that case. */
  readonly path?: string;
  /** Called after each generated case (not during shrinking), for progress displays. */
  readonly onCase?: (index: number, verdict: CaseVerdict) => void;
  /**
   * Check only this shard's block of the cases (`ubias check --shard`, src/claims/shard.ts);
   * the result carries a ShardRecord for `ubias merge`. Not with `path`.
   */
  readonly shard?: Shard;
  /**
   * Wall-clock seconds after which no new case starts (`ubias check --budget`, issue 15: a
   * slow external simulator). The cases run are the first of the seeded sequence; how many
   * depends on the machine, so the result says so (ClaimResult.budget). Shrinking a failure
   * found in time is bounded by the claim's shrink budget, not by this.
   */
  readonly budgetSeconds?: number;
}

/** The outcome of checking one claim, as shown in the claims table. */
export interface ClaimResult {
  readonly id: string;
  readonly statement: string;
  readonly domain: string;
  readonly tolerance: string;
  readonly holds: boolean;
  /** X-series conjectures (docs/theory.md §5): a failure is a finding, reported as "refuted". */
  readonly conjecture: boolean;
  readonly seed: number;
  readonly runs: number;
  readonly casesRun: number;
  readonly outOfDomain: number;
  readonly outOfDomainReasons: Readonly<Record<string, number>>;
  /** How many measured cases carried each tag (e.g. T8's "superficial"). */
  readonly tags: Readonly<Record<string, number>>;
  readonly failures: number;
  /** In-domain case with the largest |error|/tolerance. */
  readonly worst?: {
    readonly error: number;
    readonly tolerance: number;
    /** As the verdict said: error and tolerance are relative. */
    readonly relative?: boolean;
    readonly details: CaseDetails;
  };
  /** Shrunk counterexample when the claim fails. */
  readonly counterexample?: {
    /** The shrunk generated case (the claim's input), as fast-check produced it. */
    readonly case: unknown;
    readonly verdict: CaseVerdict;
    readonly path: string;
    readonly shrinks: number;
    readonly replay: string;
  };
  /**
   * A statistical claim's estimates and verdicts (defineStatisticalClaim): `holds` is true only
   * when its verdict is "holds" and no trial failed (was unmeasurable).
   */
  readonly statistical?: StatisticalResult;
  readonly seconds: number;
  /**
   * Why the claim did not run at all in this setting (e.g. it needs what an external
   * simulator does not carry): no case counts, and it neither holds nor fails.
   */
  readonly skipped?: string;
  /**
   * Only when CheckOptions.budgetSeconds stopped the run before `runs` cases: the budget.
   * casesRun < runs then, and the count depends on the machine (the seed fixes which cases).
   */
  readonly budget?: { readonly seconds: number };
  /** Only in a shard's result (CheckOptions.shard): what `ubias merge` needs. */
  readonly shard?: ShardRecord;
}

/**
 * Runs a claim through fast-check in two passes over the same seeded cases. Pass 1 checks
 * every case and counts failures and out-of-domain cases (no shrinking). If any case
 * failed, pass 2 runs the real property, which stops at the first failure and shrinks it;
 * the shrunk case is re-checked to report its verdict. With `path`, only the replayed
 * case runs. An exception inside a check is a failure with the error as its reason.
 *
 * @example
 * ```ts
 * import fc from "fast-check";
 * import { checkClaim, defineClaim } from "ubias/claims";
 *
 * const claim = defineClaim({
 *   id: "U95",
 *   statement: "n/100 ≤ 5",
 *   domain: "integers 0 ≤ n ≤ 1000",
 *   tolerance: "5 absolute",
 *   arbitrary: fc.integer({ min: 0, max: 1000 }),
 *   defaultRuns: 30,
 *   check: (n) => ({ kind: "measured", error: n / 100, tolerance: 5, details: { n } }),
 * });
 * const result = checkClaim(claim, { seed: 20240527 });
 * result.holds; // → false
 * result.counterexample?.replay.startsWith("npx ubias check --claim U95 --seed 20240527 --path "); // → true
 * // The path replays exactly the shrunk case.
 * const replay = checkClaim(claim, { seed: 20240527, path: result.counterexample!.path });
 * replay.casesRun; // → 1
 * replay.counterexample?.case; // → 501
 * ```
 */
export function checkClaim(claim: Claim<unknown>, options: CheckOptions): ClaimResult {
  const started = performance.now();
  try {
    return checkRunnable(claim, options, started);
  } catch (error) {
    if (!isNotRunnableHere(error)) throw error;
    return skippedResult(claim, options, error.message, started);
  }
}

/** The result of a claim that could not run here (NotRunnableHere): holds, no case counted. */
function skippedResult(
  claim: Claim<unknown>,
  options: CheckOptions,
  reason: string,
  started: number,
): ClaimResult {
  return {
    ...resultHead(
      claim,
      true,
      isConjecture(claim.id),
      options.seed,
      options.runs ?? claim.defaultRuns,
    ),
    casesRun: 0,
    outOfDomain: 0,
    outOfDomainReasons: {},
    tags: {},
    failures: 0,
    seconds: (performance.now() - started) / 1000,
    skipped: reason,
  };
}

function checkRunnable(claim: Claim<unknown>, options: CheckOptions, started: number): ClaimResult {
  const runs = options.runs ?? claim.defaultRuns;
  const replaying = options.path !== undefined;
  if (replaying && options.shard) throw new InternalError("checkClaim: a replay is not sharded");
  // The checked cases: all, or the shard's block (global indices, as replay paths).
  const cases = options.shard ? shardCases(options.shard, runs) : { start: 0, end: runs };
  let casesRun = 0;
  let failures = 0;
  let outOfDomain = 0;
  const reasons: Record<string, number> = {};
  const tags: Record<string, number> = {};
  let worst: ClaimResult["worst"];
  let worstScore = -1;
  // Case indices of the order-dependent parts, for a shard's record (src/claims/shard.ts).
  let worstIndex = -1;
  const reasonFirst: Record<string, number> = {};
  const tagFirst: Record<string, number> = {};

  const tally = (verdict: CaseVerdict) => {
    const index = cases.start + casesRun;
    casesRun++;
    options.onCase?.(casesRun, verdict);
    if (!withinTolerance(verdict)) failures++;
    if (verdict.kind === "out-of-domain") {
      outOfDomain++;
      reasons[verdict.reason] = (reasons[verdict.reason] ?? 0) + 1;
      reasonFirst[verdict.reason] ??= index;
    } else if (verdict.kind === "observed") {
      // A statistical claim's trial: each arm's event is counted under the arm's name.
      for (const tag of verdict.events) {
        tags[tag] = (tags[tag] ?? 0) + 1;
        tagFirst[tag] ??= index;
      }
    } else if (verdict.kind === "measured") {
      for (const tag of verdict.tags ?? []) {
        tags[tag] = (tags[tag] ?? 0) + 1;
        tagFirst[tag] ??= index;
      }
      const raw = Math.abs(verdict.error) / verdict.tolerance;
      const score = Number.isNaN(raw) ? Number.POSITIVE_INFINITY : raw;
      if (score > worstScore) {
        worstScore = score;
        worstIndex = index;
        worst = {
          error: verdict.error,
          tolerance: verdict.tolerance,
          ...(verdict.relative !== undefined ? { relative: verdict.relative } : {}),
          details: verdict.details,
        };
      }
    }
  };

  const parameters = {
    seed: options.seed,
    // A statistical claim's trials all pass their property (observations), so nothing would
    // end a replay at the replayed trial: it replays that one trial alone.
    numRuns: replaying && claim.statistical ? 1 : runs,
    ...(replaying ? { path: options.path, endOnFailure: true } : {}),
  };
  let firstFailure = -1;
  let stoppedByBudget = false;
  // fast-check catches what a property throws: a NotRunnableHere is kept here and rethrown
  // after the run, so that checkClaim reports the claim as skipped.
  let blocked: NotRunnableHere | undefined;
  const check = (testCase: unknown): CaseVerdict => {
    try {
      return safeCheck(claim, testCase);
    } catch (error) {
      if (!isNotRunnableHere(error)) throw error;
      blocked ??= error;
      return unmeasurable(error.message, { case: testCase });
    }
  };
  if (!replaying && cases.end > cases.start) {
    // A shard starts at its block through the replay path "start": fast-check drops the
    // cases before it ungenerated, and case k has the same value as in the unsharded run.
    const block =
      cases.start > 0
        ? { seed: options.seed, numRuns: cases.end - cases.start, path: String(cases.start) }
        : { seed: options.seed, numRuns: cases.end };
    const timeLimit =
      options.budgetSeconds === undefined
        ? {}
        : { interruptAfterTimeLimit: options.budgetSeconds * 1000, markInterruptAsFailure: false };
    stoppedByBudget = fc.check(
      fc.property(claim.arbitrary, (testCase) => {
        if (blocked) return true;
        const verdict = check(testCase);
        if (blocked) return true;
        if (firstFailure < 0 && !withinTolerance(verdict)) firstFailure = cases.start + casesRun;
        tally(verdict);
        return true;
      }),
      { ...block, ...timeLimit },
    ).interrupted;
  }
  if (blocked) throw blocked;
  let counterexample: ClaimResult["counterexample"];
  if (replaying || failures > 0) {
    // Pass 2 starts at the first failing case (its path is its index) instead of re-checking
    // the passing cases before it, and shrinks from there. Shrinking stops after
    // `shrinkBudget` checks: later candidates are treated as passing, so the smallest failing
    // case found so far is reported, and its path still replays it exactly. A count, not a
    // time limit, so that the same seed gives the same counterexample on any machine.
    // A shard shrinks its own first failure in full, as the unsharded run would (shrink
    // candidates belong to no shard's block); `ubias merge` keeps the lowest-index one.
    const budget = claim.shrinkBudget ?? DEFAULT_SHRINK_BUDGET;
    let shrinkChecks = 0;
    const details = fc.check(
      fc.property(claim.arbitrary, (testCase) => {
        if (!replaying && shrinkChecks++ > budget) return true;
        if (blocked) return true;
        const verdict = check(testCase);
        if (blocked) return true;
        if (replaying) tally(verdict);
        return withinTolerance(verdict);
      }),
      replaying ? parameters : { ...parameters, path: String(firstFailure) },
    );
    if (blocked) throw blocked;
    if (details.failed && details.counterexample) {
      const path = details.counterexamplePath ?? "";
      counterexample = {
        case: details.counterexample[0],
        verdict: safeCheck(claim, details.counterexample[0]),
        path,
        shrinks: details.numShrinks,
        replay: `npx ubias check --claim ${claim.id} --seed ${options.seed} --path ${path}`,
      };
    }
  }
  // Observed trials: every case that was neither out of domain nor a failure.
  const statistical = claim.statistical
    ? judgeStatistical(claim.statistical, casesRun - outOfDomain - failures, tags)
    : undefined;
  const holds = failures === 0 && (statistical === undefined || statistical.verdict === "holds");
  return {
    ...resultHead(claim, holds, isConjecture(claim.id), options.seed, runs),
    casesRun,
    outOfDomain,
    outOfDomainReasons: reasons,
    tags,
    failures,
    ...(worst ? { worst } : {}),
    ...(counterexample ? { counterexample } : {}),
    ...(statistical ? { statistical } : {}),
    seconds: (performance.now() - started) / 1000,
    ...(stoppedByBudget && options.budgetSeconds !== undefined
      ? { budget: { seconds: options.budgetSeconds } }
      : {}),
    ...(options.shard
      ? {
          shard: {
            ...options.shard,
            cases,
            ...(firstFailure >= 0 ? { firstFailure } : {}),
            ...(worstIndex >= 0 ? { worstIndex, worstScore } : {}),
            reasonFirst,
            tagFirst,
          },
        }
      : {}),
  };
}

function safeCheck(claim: Claim<unknown>, testCase: unknown): CaseVerdict {
  try {
    return claim.check(testCase);
  } catch (error) {
    // Not this case's failure: the whole claim cannot run here (checkClaim skips it).
    if (isNotRunnableHere(error)) throw error;
    const message = error instanceof Error ? error.message : String(error);
    return unmeasurable(`exception: ${message}`, { case: testCase });
  }
}

/**
 * Claims of the X series are the suite's own conjectures (docs/theory.md §5), not the paper's;
 * the U series are the user's (README "Add a conjecture"). Both read supported/refuted.
 *
 * @example
 * ```ts
 * import { isConjecture } from "ubias/claims";
 *
 * isConjecture("X3"); // → true
 * isConjecture("U1"); // → true
 * isConjecture("T2.convergence"); // → false
 * ```
 */
export function isConjecture(id: string): boolean {
  return id.startsWith("X") || id.startsWith("U");
}
