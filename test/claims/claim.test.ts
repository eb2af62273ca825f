import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CaseVerdict } from "../../src/claims/claim.js";
import { defineClaim, withinTolerance } from "../../src/claims/claim.js";

const details = { case: 1 };

describe("withinTolerance", () => {
  it("passes out-of-domain cases (they are counted, not judged)", () => {
    expect(withinTolerance({ kind: "out-of-domain", reason: "tie", details })).toBe(true);
  });

  it("fails unmeasurable cases: a threshold never reached is not a pass", () => {
    expect(withinTolerance({ kind: "unmeasurable", reason: "t_B not reached", details })).toBe(
      false,
    );
  });

  it("compares |error| with the tolerance, inclusive, and never passes NaN", () => {
    const measured = (error: number): CaseVerdict => ({
      kind: "measured",
      error,
      tolerance: 0.1,
      details,
    });
    expect(withinTolerance(measured(0.1))).toBe(true);
    expect(withinTolerance(measured(-0.1))).toBe(true);
    expect(withinTolerance(measured(0.10000001))).toBe(false);
    expect(withinTolerance(measured(Number.NaN))).toBe(false);
    expect(withinTolerance({ kind: "measured", error: 0, tolerance: Number.NaN, details })).toBe(
      false,
    );
  });
});

describe("defineClaim", () => {
  it("is the identity at run time", () => {
    const claim = {
      id: "T0",
      statement: "s",
      domain: "d",
      tolerance: "t",
      arbitrary: fc.nat(),
      defaultRuns: 3,
      check: (n: number): CaseVerdict => ({
        kind: "measured",
        error: n,
        tolerance: 1,
        details: {},
      }),
    };
    expect(defineClaim(claim)).toBe(claim);
  });
});
