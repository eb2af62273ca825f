import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CaseVerdict, Claim } from "../../src/claims/claim.js";
import type { ShardClaimResult } from "../../src/claims/mergeShards.js";
import { mergeClaimShards } from "../../src/claims/mergeShards.js";
import type { ClaimResult } from "../../src/claims/runner.js";
import { checkClaim } from "../../src/claims/runner.js";

const SEED = 20240527;

/**
 * n ∈ [0, 999]: n < 40 out of domain ("low"), 500-509 out of domain ("band"), n in
 * [700, 703] fails (error 2), else the error is min(n, 600)/1000 (many ties at 0.6, so the
 * worst must be the earliest of them), tagged by parity.
 */
const claim: Claim<number> = {
  id: "T99.merge",
  statement: "a claim with ties, reasons, tags and a rare failure",
  domain: "n in [0, 999]",
  tolerance: "1",
  arbitrary: fc.integer({ min: 0, max: 999 }),
  defaultRuns: 300,
  check(n: number): CaseVerdict {
    if (n < 40) return { kind: "out-of-domain", reason: "low", details: { n } };
    if (n >= 500 && n < 510) return { kind: "out-of-domain", reason: "band", details: { n } };
    const tags = [n % 2 === 0 ? "even" : "odd"];
    const error = n >= 700 && n <= 703 ? 2 : Math.min(n, 600) / 1000;
    return { kind: "measured", error, tolerance: 1, tags, details: { n } };
  },
};

/** A result without its wall-clock seconds, as JSON would compare it (key order included). */
function comparable(result: ClaimResult): string {
  const { seconds: _, shard: __, ...rest } = result;
  return JSON.stringify(rest);
}

function sharded(c: Claim<number>, runs: number, n: number, seed = SEED): ShardClaimResult[] {
  return Array.from(
    { length: n },
    (_, i) => checkClaim(c, { seed, runs, shard: { index: i + 1, count: n } }) as ShardClaimResult,
  );
}

describe("mergeClaimShards", () => {
  it("gives the unsharded result (JSON text, seconds aside) for any shard count", () => {
    for (const runs of [1, 7, 300]) {
      const whole = checkClaim(claim, { seed: SEED, runs });
      for (const n of [1, 2, 3, 7, runs + 2]) {
        const merged = mergeClaimShards(sharded(claim, runs, n));
        expect(comparable(merged), `runs ${runs}, ${n} shards`).toBe(comparable(whole));
      }
    }
  });

  it("a failure in a later shard: the lowest-index one is shrunk and reported, as unsharded", () => {
    // Seeds where the first failure is not in the first of 4 shards and a second shard fails
    // too (so merge has to choose); found by scanning seeds from 1.
    const runs = 300;
    let checked = 0;
    for (let seed = 1; seed < 200 && checked < 3; seed++) {
      const whole = checkClaim(claim, { seed, runs });
      const first = Number(whole.counterexample?.path.split(":")[0] ?? -1);
      const parts = sharded(claim, runs, 4, seed);
      const failingShards = parts.filter((p) => p.shard.firstFailure !== undefined);
      if (first < runs / 4 || failingShards.length < 2) continue;
      checked++;
      const merged = mergeClaimShards(parts);
      expect(comparable(merged)).toBe(comparable(whole));
      expect(merged.counterexample?.case).toBe(700);
      expect(Math.min(...failingShards.map((p) => p.shard.firstFailure!))).toBe(first);
    }
    expect(checked).toBe(3);
  });

  it("orders reasons and tags by their first case, and sums seconds", () => {
    const parts = sharded(claim, 300, 3);
    const merged = mergeClaimShards(parts);
    const whole = checkClaim(claim, { seed: SEED, runs: 300 });
    expect(Object.keys(merged.outOfDomainReasons)).toEqual(Object.keys(whole.outOfDomainReasons));
    expect(Object.keys(merged.tags)).toEqual(Object.keys(whole.tags));
    expect(merged.seconds).toBeCloseTo(
      parts.reduce((s, p) => s + p.seconds, 0),
      12,
    );
  });

  it("keeps the earliest of tied worst scores and ranks an infinite score (null) highest", () => {
    const part = (index: number, worstIndex: number, score: number | null, n: number) =>
      ({
        ...checkClaim(claim, { seed: SEED, runs: 4, shard: { index, count: 2 } }),
        worst: { error: 0, tolerance: 1, details: { n } },
        shard: {
          index,
          count: 2,
          cases: { start: (index - 1) * 2, end: index * 2 },
          worstIndex,
          worstScore: score,
          reasonFirst: {},
          tagFirst: {},
        },
      }) as ShardClaimResult;
    expect(mergeClaimShards([part(2, 3, 0.5, 2), part(1, 1, 0.5, 1)]).worst?.details).toEqual({
      n: 1,
    });
    expect(mergeClaimShards([part(1, 0, 7, 1), part(2, 2, null, 2)]).worst?.details).toEqual({
      n: 2,
    });
  });

  it("refuses an empty list", () => {
    expect(() => mergeClaimShards([])).toThrow(/no shard results/);
  });
});
