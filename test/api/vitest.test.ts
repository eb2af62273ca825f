import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defineClaim } from "../../src/api/claims.js";
import { claimTest } from "../../src/api/vitest.js";

// ubias/vitest: claimTest registers one vitest test per claim, named with its seed (as
// @fast-check/vitest does); claimTest.fails registers one that passes when the claim fails.
// The failure's text (verdict, { seed, path }, the CLI replay) is assertClaim's
// (test/claims/assertClaim.test.ts).

const holds = defineClaim({
  id: "U96",
  statement: "fixture: |x| ≥ 0",
  domain: "−1 ≤ x ≤ 1",
  tolerance: "0 (exact)",
  arbitrary: fc.double({ min: -1, max: 1, noNaN: true }),
  defaultRuns: 10,
  check: (x: number) => ({
    kind: "measured",
    error: Math.max(0, -Math.abs(x)),
    tolerance: 0,
    details: { x },
  }),
});

const fails = defineClaim({
  id: "T97",
  statement: "fixture: n/100 ≤ 5 (false for n > 500)",
  domain: "integers 0 ≤ n ≤ 1000",
  tolerance: "5 absolute",
  arbitrary: fc.integer({ min: 0, max: 1000 }),
  defaultRuns: 30,
  check: (n: number) => ({ kind: "measured", error: n / 100, tolerance: 5, details: { n } }),
});

describe("claimTest", () => {
  claimTest(holds, { seed: 5 });
  claimTest(holds);
  claimTest(holds, { seed: 5, path: "3" });
  claimTest.fails(fails, { seed: 5 });

  it("named the tests with the claim, its statement and the seed (global seed by default)", ({
    task,
  }) => {
    const names = task.suite?.tasks.map((t) => t.name) ?? [];
    const globalSeed = fc.readConfigureGlobal().seed;
    expect(names).toEqual([
      "U96: fixture: |x| ≥ 0 (with seed=5)",
      `U96: fixture: |x| ≥ 0 (with seed=${globalSeed})`,
      "U96: fixture: |x| ≥ 0 (with seed=5, path=3)",
      "T97: fixture: n/100 ≤ 5 (false for n > 500) (with seed=5)",
      "named the tests with the claim, its statement and the seed (global seed by default)",
    ]);
    const registered = task.suite?.tasks[3];
    expect(registered?.type === "test" && registered.fails).toBe(true);
  });
});
