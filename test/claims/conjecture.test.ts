import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defineConjecture } from "../../src/claims/conjecture.js";

/** A conjecture on x ∈ [0, 10]: prediction 2x, measurement 2x + x²/100 (exact arithmetic). */
function conjecture(kind: "relative" | "absolute", value: number) {
  return defineConjecture<number>({
    id: "U9",
    statement: "fixture",
    domain: "x ∈ [1, 10]",
    arbitrary: fc.integer({ min: 0, max: 10 }),
    defaultRuns: 10,
    outOfDomain: (x) => (x === 0 ? "x is zero" : undefined),
    predict: (x) => (x === 7 ? Number.NaN : 2 * x),
    measure: (x) =>
      x === 9
        ? { unmeasurable: "not reached" }
        : x === 8
          ? { outOfDomain: "late" }
          : 2 * x + (x * x) / 100,
    tolerance: { kind, value, source: "by construction" },
  });
}

describe("defineConjecture", () => {
  it("classifies out-of-domain cases before predicting, with the reason", () => {
    expect(conjecture("relative", 0.1).check(0)).toEqual({
      kind: "out-of-domain",
      reason: "x is zero",
      details: { case: 0 },
    });
    expect(conjecture("relative", 0.1).check(8)).toMatchObject({
      kind: "out-of-domain",
      reason: "late",
    });
  });

  it("relative error (measured − predicted)/|predicted|: x = 4 gives 0.16/8 = 0.02", () => {
    const verdict = conjecture("relative", 0.1).check(4);
    expect(verdict).toMatchObject({ kind: "measured", tolerance: 0.1, relative: true });
    if (verdict.kind === "measured") expect(verdict.error).toBeCloseTo(0.02, 15);
  });

  it("absolute error: x = 5 gives 0.25", () => {
    const verdict = conjecture("absolute", 0.3).check(5);
    expect(verdict).toMatchObject({ kind: "measured", relative: false, tolerance: 0.3 });
    if (verdict.kind === "measured") expect(verdict.error).toBeCloseTo(0.25, 15);
  });

  it("a non-finite prediction or a failed measurement is unmeasurable (a failure)", () => {
    expect(conjecture("relative", 0.1).check(7)).toMatchObject({ kind: "unmeasurable" });
    expect(conjecture("relative", 0.1).check(9)).toMatchObject({
      kind: "unmeasurable",
      reason: "not reached",
    });
  });

  it("states the named tolerance in the claims table's text", () => {
    expect(conjecture("relative", 0.05).tolerance).toBe("5% relative: by construction");
  });
});
