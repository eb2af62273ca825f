import { describe, expect, it } from "vitest";
import { MAX_SHARDS } from "../../src/claims/shard.js";
import { casesInShard, parseShard, shardOption, shardText } from "../../src/cli/shardOption.js";
import { InputError } from "../../src/errors/inputError.js";

describe("parseShard", () => {
  it("reads i/n as vitest does: 1-based, 1 <= i <= n", () => {
    expect(parseShard("1/3")).toEqual({ index: 1, count: 3 });
    expect(parseShard("3/3")).toEqual({ index: 3, count: 3 });
    expect(parseShard("1/1")).toEqual({ index: 1, count: 1 });
    expect(parseShard(` 2 / ${MAX_SHARDS} `)).toEqual({ index: 2, count: MAX_SHARDS });
  });

  it.each([
    ["0/3", /i must be an integer in \[1, n\] \(1-based\), got "0\/3"/],
    ["4/3", /i must be an integer in \[1, n\]/],
    ["1/0", /n must be an integer in \[1, 100000\]/],
    [`1/${MAX_SHARDS + 1}`, /n must be an integer/],
    ["a/b", /must be i\/n with integers 1 <= i <= n \(e\.g\. 1\/3\), got "a\/b"/],
    ["2", /must be i\/n/],
    ["1.5/3", /must be i\/n/],
    ["-1/3", /must be i\/n/],
    ["", /must be i\/n/],
  ])("refuses %j with an InputError on --shard", (raw, message) => {
    expect(() => parseShard(raw)).toThrow(InputError);
    expect(() => parseShard(raw)).toThrow(message);
    try {
      parseShard(raw);
    } catch (error) {
      expect((error as InputError).field).toBe("--shard");
      expect((error as Error).message).not.toContain("\n");
    }
  });
});

describe("shardOption", () => {
  it("is undefined without --shard, whatever else is given", () => {
    expect(shardOption(undefined, { path: "0", saveCounterexample: true })).toBeUndefined();
  });

  it("refuses --path (a replay is one case) and --save-counterexample (merge saves)", () => {
    expect(() => shardOption("1/2", { path: "3:0" })).toThrow(
      /--shard: cannot be combined with --path/,
    );
    expect(() => shardOption("1/2", { saveCounterexample: true })).toThrow(
      /--save-counterexample: .*ubias merge --save-counterexample/,
    );
    expect(shardOption("2/2", {})).toEqual({ index: 2, count: 2 });
  });
});

describe("casesInShard and shardText", () => {
  it("counts a shard's block (all runs without a shard)", () => {
    expect(casesInShard(undefined, 10)).toBe(10);
    expect(casesInShard({ index: 1, count: 3 }, 10)).toBe(3);
    expect(casesInShard({ index: 3, count: 3 }, 10)).toBe(4);
  });

  it("says the table is one shard's and how to combine the shards", () => {
    const text = shardText("table\n", { index: 2, count: 5 });
    expect(text.startsWith("table\n")).toBe(true);
    expect(text).toContain("Shard 2/5:");
    expect(text).toContain("ubias merge");
  });
});
