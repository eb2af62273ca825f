import { InternalError } from "../errors/internalError.js";
import { resultHead } from "./claimResult.js";
import type { ClaimResult } from "./runner.js";
import type { ShardRecord } from "./shard.js";
import { judgeStatistical } from "./statisticalVerdict.js";

/** One shard's result for a claim: a ClaimResult that carries its ShardRecord. */
export type ShardClaimResult = ClaimResult & { readonly shard: ShardRecord };

/** A worst score as the record holds it: null (a non-finite score after JSON) is +∞. */
function scoreOf(score: number | null | undefined): number {
  return score === null || score === undefined ? Number.POSITIVE_INFINITY : score;
}

/** Counts summed over shards, keys in the order of their first case index (the unsharded order). */
function mergeCounts(
  parts: readonly ShardClaimResult[],
  counts: (r: ShardClaimResult) => Readonly<Record<string, number>>,
  first: (r: ShardClaimResult) => Readonly<Record<string, number>>,
): Record<string, number> {
  const total = new Map<string, number>();
  const firstIndex = new Map<string, number>();
  for (const part of parts) {
    for (const [key, count] of Object.entries(counts(part))) {
      total.set(key, (total.get(key) ?? 0) + count);
      const at = first(part)[key] ?? Number.POSITIVE_INFINITY;
      firstIndex.set(key, Math.min(firstIndex.get(key) ?? Number.POSITIVE_INFINITY, at));
    }
  }
  const keys = [...total.keys()].sort((a, b) => firstIndex.get(a)! - firstIndex.get(b)!);
  return Object.fromEntries(keys.map((key) => [key, total.get(key)!]));
}

/**
 * The unsharded ClaimResult from the results of all shards of one claim (each shard once,
 * validated by the caller: same claim, seed and runs, blocks covering every case).
 *
 * Pass 1 of the runner checks every case and never stops early, so the unsharded counts
 * (cases, out of domain and its reasons, tags, failures) are the sums over the disjoint
 * blocks. The order-dependent parts come from the case indices each shard recorded:
 * - worst: the largest |error|/tolerance; on a tie the lowest case index, as the runner
 *   (which replaces its worst only on a strictly larger score) keeps the earliest;
 * - counterexample: the one of the shard whose first failure has the lowest index, which is
 *   the unsharded run's first failure; that shard shrank it in full with the same budget, so
 *   its shrunk case, path, shrinks and replay command are the unsharded ones;
 * - reason and tag keys: in the order of their first case index.
 * seconds: the sum over shards (the CPU time of the whole hunt, not a wall-clock time).
 */
export function mergeClaimShards(parts: readonly ShardClaimResult[]): ClaimResult {
  const sorted = [...parts].sort((a, b) => a.shard.index - b.shard.index);
  const base = sorted[0];
  if (base === undefined) throw new InternalError("mergeClaimShards: no shard results");
  const sum = (value: (r: ShardClaimResult) => number) =>
    sorted.reduce((total, r) => total + value(r), 0);

  let worstPart: ShardClaimResult | undefined;
  for (const part of sorted) {
    if (part.worst === undefined || part.shard.worstIndex === undefined) continue;
    if (worstPart === undefined) {
      worstPart = part;
      continue;
    }
    const score = scoreOf(part.shard.worstScore);
    const best = scoreOf(worstPart.shard.worstScore);
    if (score > best || (score === best && part.shard.worstIndex < worstPart.shard.worstIndex!))
      worstPart = part;
  }

  let failing: ShardClaimResult | undefined;
  for (const part of sorted) {
    const at = part.shard.firstFailure;
    if (at === undefined) continue;
    if (failing === undefined || at < failing.shard.firstFailure!) failing = part;
  }

  const failures = sum((r) => r.failures);
  const casesRun = sum((r) => r.casesRun);
  const outOfDomain = sum((r) => r.outOfDomain);
  const tags = mergeCounts(
    sorted,
    (r) => r.tags,
    (r) => r.shard.tagFirst,
  );
  // A statistical claim is judged on the summed counts, as the unsharded runner judges them.
  const statistical = base.statistical
    ? judgeStatistical(base.statistical.design, casesRun - outOfDomain - failures, tags)
    : undefined;
  const holds = failures === 0 && (statistical === undefined || statistical.verdict === "holds");
  // The key order of the runner's ClaimResult, so that the JSON reads the same.
  return {
    ...resultHead(base, holds, base.conjecture, base.seed, base.runs),
    casesRun,
    outOfDomain,
    outOfDomainReasons: mergeCounts(
      sorted,
      (r) => r.outOfDomainReasons,
      (r) => r.shard.reasonFirst,
    ),
    tags,
    failures,
    ...(worstPart?.worst ? { worst: worstPart.worst } : {}),
    ...(failing?.counterexample ? { counterexample: failing.counterexample } : {}),
    ...(statistical ? { statistical } : {}),
    seconds: sum((r) => r.seconds),
  };
}
