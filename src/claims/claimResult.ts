/*
 * What is computed from ClaimResults apart from the runner (it imports nothing of the runner: no fast-check, no file cycle), so
 * that `merge` builds and judges merged results without loading fast-check.
 */

/** The claims a run must have seen hold: every theorem (a refuted conjecture is a result). */
export function theoremsHold(
  results: readonly { readonly holds: boolean; readonly conjecture: boolean }[],
): boolean {
  return results.every((r) => r.holds || r.conjecture);
}

/**
 * The first fields of a ClaimResult, in the key order its JSON has (the runner's, a skipped
 * claim's and a merged shard run's results all start so).
 */
export function resultHead(
  claim: {
    readonly id: string;
    readonly statement: string;
    readonly domain: string;
    readonly tolerance: string;
  },
  holds: boolean,
  conjecture: boolean,
  seed: number,
  runs: number,
) {
  return {
    id: claim.id,
    statement: claim.statement,
    domain: claim.domain,
    tolerance: claim.tolerance,
    holds,
    conjecture,
    seed,
    runs,
  };
}
