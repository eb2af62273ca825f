import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CaseVerdict, Claim } from "../../src/claims/claim.js";
import { checkClaim } from "../../src/claims/runner.js";
import { MAX_SHARDS, shardCases } from "../../src/claims/shard.js";

const SEED = 20240527;

describe("shardCases", () => {
  it("the n blocks cover 0..runs-1 exactly once, in order, sizes differing by at most one", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 1, max: 300 }),
        (runs, n) => {
          const covered: number[] = [];
          const sizes: number[] = [];
          for (let i = 1; i <= n; i++) {
            const { start, end } = shardCases({ index: i, count: n }, runs);
            sizes.push(end - start);
            for (let k = start; k < end; k++) covered.push(k);
          }
          expect(covered).toEqual(Array.from({ length: runs }, (_, k) => k));
          expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("is exact at the largest runs and shard counts the CLI accepts", () => {
    const runs = 1_000_000_000;
    const last = shardCases({ index: MAX_SHARDS, count: MAX_SHARDS }, runs);
    expect(last.end).toBe(runs);
    expect(last.end - last.start).toBe(runs / MAX_SHARDS);
    expect(shardCases({ index: 1, count: 3 }, 10)).toEqual({ start: 0, end: 3 });
    expect(shardCases({ index: 3, count: 3 }, 10)).toEqual({ start: 6, end: 10 });
    // More shards than cases: some blocks are empty.
    expect(shardCases({ index: 1, count: 4 }, 2)).toEqual({ start: 0, end: 0 });
  });
});

/** n ∈ [0, 999]; values seen by check and by the arbitrary's generator are recorded. */
function recordingClaim(seen: number[], generated: number[]): Claim<number> {
  return {
    id: "T99.shard",
    statement: "n < 900",
    domain: "n in [0, 999]",
    tolerance: "1",
    arbitrary: fc.integer({ min: 0, max: 999 }).map((n) => {
      generated.push(n);
      return n;
    }),
    defaultRuns: 50,
    check(n: number): CaseVerdict {
      seen.push(n);
      return { kind: "measured", error: n / 900, tolerance: 1, details: { n } };
    },
  };
}

describe("checkClaim with a shard", () => {
  it("checks exactly the unsharded run's cases of its block, and generates no other case", () => {
    const all: number[] = [];
    checkClaim(recordingClaim(all, []), { seed: SEED, runs: 90 });
    const firstPass = all.slice(0, 90);
    for (const shard of [
      { index: 1, count: 4 },
      { index: 2, count: 4 },
      { index: 4, count: 4 },
    ]) {
      const seen: number[] = [];
      const generated: number[] = [];
      const result = checkClaim(recordingClaim(seen, generated), { seed: SEED, runs: 90, shard });
      const { start, end } = shardCases(shard, 90);
      const block = seen.slice(0, end - start);
      expect(block).toEqual(firstPass.slice(start, end));
      // The first values generated are the block's: fast-check dropped the earlier ones
      // without generating them (the rest are shrink candidates of a failure).
      expect(generated.slice(0, end - start)).toEqual(block);
      expect(result.casesRun).toBe(end - start);
      expect(result.runs).toBe(90);
      expect(result.shard).toMatchObject({ ...shard, cases: { start, end } });
    }
  });

  it("records global case indices: first failure, worst, first reason and tag", () => {
    const claim: Claim<number> = {
      ...recordingClaim([], []),
      check(n: number): CaseVerdict {
        if (n < 100) return { kind: "out-of-domain", reason: "small", details: { n } };
        const tags = n % 2 === 0 ? ["even"] : ["odd"];
        return { kind: "measured", error: n / 900, tolerance: 1, tags, details: { n } };
      },
    };
    const values: number[] = [];
    checkClaim(recordingClaim(values, []), { seed: SEED, runs: 120 });
    const shard = { index: 2, count: 3 };
    const { start, end } = shardCases(shard, 120);
    const result = checkClaim(claim, { seed: SEED, runs: 120, shard });
    const block = values.slice(start, end);
    const firstIndex = (p: (n: number) => boolean) => {
      const k = block.findIndex(p);
      return k < 0 ? undefined : start + k;
    };
    const record = result.shard!;
    expect(record.firstFailure).toBe(firstIndex((n) => n > 900));
    const measured = block.filter((n) => n >= 100);
    expect(record.worstIndex).toBe(firstIndex((n) => n === Math.max(...measured)));
    expect(record.worstScore).toBe(Math.max(...measured) / 900);
    expect(record.reasonFirst).toEqual(
      firstIndex((n) => n < 100) === undefined ? {} : { small: firstIndex((n) => n < 100) },
    );
    expect(record.tagFirst.even).toBe(firstIndex((n) => n >= 100 && n % 2 === 0));
    expect(record.tagFirst.odd).toBe(firstIndex((n) => n >= 100 && n % 2 === 1));
  });

  it("an empty block checks nothing", () => {
    const seen: number[] = [];
    const result = checkClaim(recordingClaim(seen, []), {
      seed: SEED,
      runs: 2,
      shard: { index: 1, count: 5 },
    });
    expect(seen).toEqual([]);
    expect(result).toMatchObject({ casesRun: 0, failures: 0, holds: true });
    expect(result.shard).toEqual({
      index: 1,
      count: 5,
      cases: { start: 0, end: 0 },
      reasonFirst: {},
      tagFirst: {},
    });
  });

  it("without a shard the result has no shard record", () => {
    expect(checkClaim(recordingClaim([], []), { seed: SEED, runs: 5 }).shard).toBeUndefined();
  });

  it("refuses a sharded replay", () => {
    expect(() =>
      checkClaim(recordingClaim([], []), {
        seed: SEED,
        path: "0",
        shard: { index: 1, count: 2 },
      }),
    ).toThrow(/not sharded/);
  });
});
