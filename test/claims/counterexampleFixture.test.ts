import { describe, expect, it } from "vitest";
import {
  COUNTEREXAMPLE_FORMAT,
  counterexampleFixture,
  isCounterexampleFixture,
} from "../../src/claims/counterexampleFixture.js";
import type { ClaimResult } from "../../src/claims/runner.js";

function result(counterexample?: ClaimResult["counterexample"]): ClaimResult {
  return {
    id: "T2",
    statement: "the ratio law",
    domain: "toy",
    tolerance: "5 %",
    holds: counterexample === undefined,
    conjecture: false,
    seed: 42,
    runs: 17,
    casesRun: 17,
    outOfDomain: 0,
    outOfDomainReasons: {},
    tags: {},
    failures: counterexample === undefined ? 0 : 1,
    ...(counterexample !== undefined ? { counterexample } : {}),
  } as ClaimResult;
}

describe("counterexampleFixture", () => {
  it("is undefined for a result without a counterexample", () => {
    expect(
      counterexampleFixture(result(), { kind: "catalogue" }, "ubias check T2", "0.1.0"),
    ).toBeUndefined();
  });

  it("stores claim, seed, path, runs, the case and verdict as JSON, the replay and version", () => {
    const fixture = counterexampleFixture(
      result({
        case: { u0: 1e-6, rho: Number.NaN, theta: Float64Array.from([1, 2]) },
        verdict: { kind: "measured", error: 0.2, tolerance: 0.05, details: { ratio: 4 } },
        path: "3:1:0",
        shrinks: 4,
        replay: "the runner's own replay line",
      }),
      { kind: "conjecture", conjecture: { predict: "ratio", depth: 3 } },
      "ubias check T2 --seed 42 --path 3:1:0",
      "0.1.0",
    );
    expect(fixture).toEqual({
      format: "ubias-counterexample/1",
      claim: "T2",
      statement: "the ratio law",
      source: { kind: "conjecture", conjecture: { predict: "ratio", depth: 3 } },
      seed: 42,
      path: "3:1:0",
      runs: 17,
      // JSON: NaN becomes null, a typed array a plain array. The replay stored is the
      // caller's (the CLI's command line), not the runner's.
      case: { u0: 1e-6, rho: null, theta: [1, 2] },
      verdict: { kind: "measured", error: 0.2, tolerance: 0.05, details: { ratio: 4 } },
      replay: "ubias check T2 --seed 42 --path 3:1:0",
      ubiasVersion: "0.1.0",
    });
    // No date or shrink count: saving the same failure twice gives the same bytes.
    expect(Object.keys(fixture!)).not.toContain("shrinks");
    expect(JSON.parse(JSON.stringify(fixture))).toEqual(fixture);
  });
});

describe("isCounterexampleFixture", () => {
  it("recognises the format field only", () => {
    expect(COUNTEREXAMPLE_FORMAT).toBe("ubias-counterexample/1");
    expect(isCounterexampleFixture({ format: "ubias-counterexample/1" })).toBe(true);
    expect(isCounterexampleFixture({ format: "ubias-counterexample/2" })).toBe(false);
    expect(isCounterexampleFixture({ claim: "T2" })).toBe(false); // hand-written fixture
    expect(isCounterexampleFixture(null)).toBe(false);
    expect(isCounterexampleFixture("ubias-counterexample/1")).toBe(false);
    expect(isCounterexampleFixture([{ format: "ubias-counterexample/1" }])).toBe(false);
  });
});
