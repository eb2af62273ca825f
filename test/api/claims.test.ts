import { describe, expect, it } from "vitest";
import * as claims from "../../src/api/claims.js";

const exported = new Map<string, unknown>(Object.entries(claims));

// ubias/claims re-exports what a claim file needs (issue 14 item 3); its documented examples
// run in test/api/docExamples.test.ts.
describe("the ubias/claims entry", () => {
  it("offers constructors, runner, arbitraries and what claims compute with", () => {
    for (const name of [
      "defineClaim",
      "defineConjecture",
      "checkClaim",
      "assertClaim",
      "toyParameters",
      "initScale",
      "networkInit",
      "fromToy",
      "orient",
      "lateFusionRatio",
      "simulateCase",
      "defineStatisticalClaim",
      "clopperPearson",
    ] as const)
      expect(typeof exported.get(name), name).toBe("function");
    expect(claims.DEFAULT_SEED).toBe(20240527);
  });
});
