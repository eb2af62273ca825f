import type { Shard } from "../claims/shard.js";
import { MAX_SHARDS, shardCases } from "../claims/shard.js";
import { InputError } from "../errors/inputError.js";
import { shownInput } from "./parse.js";

/** Help of `--shard` (check and conjecture). */
export const SHARD_OPTION_TEXT =
  "check only the i-th of n slices of each claim's cases, as i/n with 1 <= i <= n (e.g. 1/3); with --json, a file for `ubias merge`";

/**
 * `--shard i/n` as vitest writes it: i is 1-based, "1/3" is the first of three. Anything
 * else ("0/3", "4/3", "a/b", "1/0", "2") is an InputError on `--shard` (exit 2, one line).
 */
export function parseShard(raw: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(raw);
  const shown = shownInput(raw);
  if (!match) {
    throw new InputError(
      "--shard",
      `must be i/n with integers 1 <= i <= n (e.g. 1/3), got ${shown}`,
    );
  }
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (!(count >= 1 && count <= MAX_SHARDS)) {
    throw new InputError("--shard", `n must be an integer in [1, ${MAX_SHARDS}], got ${shown}`);
  }
  if (!(index >= 1 && index <= count)) {
    throw new InputError("--shard", `i must be an integer in [1, n] (1-based), got ${shown}`);
  }
  return { index, count };
}

/**
 * The shard of `--shard`, undefined without it. A replay (`--path`) is one case, not a slice;
 * a shard's first failure need not be the run's, so its counterexample is saved by
 * `ubias merge --save-counterexample`, which knows the run's.
 */
export function shardOption(
  raw: string | undefined,
  others: { readonly path?: string; readonly saveCounterexample?: string | true },
): Shard | undefined {
  if (raw === undefined) return undefined;
  const shard = parseShard(raw);
  if (others.path !== undefined)
    throw new InputError("--shard", "cannot be combined with --path (a replay is one case)");
  if (others.saveCounterexample !== undefined) {
    throw new InputError(
      "--save-counterexample",
      "cannot be combined with --shard: save the run's counterexample with `ubias merge --save-counterexample`",
    );
  }
  return shard;
}

/** Cases a claim of `runs` cases checks in `shard` (all of them without one): for progress. */
export function casesInShard(shard: Shard | undefined, runs: number): number {
  if (shard === undefined) return runs;
  const { start, end } = shardCases(shard, runs);
  return end - start;
}

/** The text output of a shard: the slice's own table, then what it is a part of. */
export function shardText(text: string, shard: Shard): string {
  return `${text}\nShard ${shard.index}/${shard.count}: these counts cover only this shard's block of each claim's cases.\nRun all ${shard.count} shards with --json and combine them with \`ubias merge\` for the run's table.\n`;
}
