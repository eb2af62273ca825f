/*
 * Sharding a run over machines (issue 14 item 6): `ubias check --shard i/n` checks the i-th
 * of n disjoint slices of every selected claim's cases, `ubias merge` combines the slices
 * into the unsharded result (src/claims/mergeShards.ts). This module holds the slicing and
 * the per-slice record; it imports nothing of the runner so that the runner can use it.
 */

/**
 * Most shards: far beyond a GitHub Actions matrix (256 jobs) or Slurm's default job-array
 * size (MaxArraySize 1001); a guard against typos, not a limit of the slicing.
 */
export const MAX_SHARDS = 100_000;

/**
 * The i-th (1-based, as vitest's `--shard 1/3`) of `count` slices. A type, not an interface,
 * so that it is plain JSON to the compiler (it crosses to worker threads in a claim job).
 */
export type Shard = {
  readonly index: number;
  readonly count: number;
};

/** Case indices start ≤ k < end of fast-check's seeded sequence (index k = replay path "k"). */
export interface CaseRange {
  readonly start: number;
  readonly end: number;
}

/**
 * The cases of shard i/n among `runs`: the contiguous block [⌊(i−1)·runs/n⌋, ⌊i·runs/n⌋).
 * The n blocks cover 0..runs−1 exactly once and differ in size by at most one case.
 *
 * Contiguous blocks, not every n-th index: fast-check derives case k from the seed alone
 * (its random generator jumped k + 1 times, and k itself as the bias run id), and a replay
 * path "k" drops the cases before k without generating them. So a shard that starts at
 * `start` with numRuns = end − start generates exactly its own cases, in the same order and
 * with the same values as the unsharded run, and the others cost a generator jump each (no
 * generation, no simulation). Round-robin slices would have to generate every case to keep
 * the indices aligned. The cost of a case does not drift with its index beyond fast-check's
 * bias of the first few dozen runs (smaller values early), so blocks balance as well as
 * round-robin on the hunts sharding is for (runs ≫ n).
 */
export function shardCases(shard: Shard, runs: number): CaseRange {
  // runs ≤ 1e9 and count ≤ 1e5: the products stay below 2^53, so the floors are exact.
  return {
    start: Math.floor(((shard.index - 1) * runs) / shard.count),
    end: Math.floor((shard.index * runs) / shard.count),
  };
}

/**
 * What a shard records beyond its ClaimResult so that `ubias merge` can rebuild the unsharded
 * result exactly: which cases it checked, and the case index of each part whose unsharded
 * value depends on the order of cases (all of them global indices, as replay paths).
 */
export interface ShardRecord {
  readonly index: number;
  readonly count: number;
  readonly cases: CaseRange;
  /** The first failing case of the slice: the lowest over all shards is the unsharded run's. */
  readonly firstFailure?: number;
  /** The case of `worst`, and its |error|/tolerance (null: infinite, e.g. a NaN error). */
  readonly worstIndex?: number;
  readonly worstScore?: number | null;
  /** First case index of each out-of-domain reason and tag: the unsharded key order. */
  readonly reasonFirst: Readonly<Record<string, number>>;
  readonly tagFirst: Readonly<Record<string, number>>;
}
