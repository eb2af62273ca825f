import { test } from "@fast-check/vitest";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { initScale } from "../../../src/claims/arbitraries/initScale.js";
import { reaches, sampleTwice } from "../../helpers/arbitrary.js";

describe("initScale", () => {
  test.prop([initScale()])("defaults to u0 ∈ [1e-12, 1e-3], the two-layer claims' range", (u0) => {
    expect(u0).toBeGreaterThanOrEqual(1e-12);
    expect(u0).toBeLessThanOrEqual(1e-3);
  });

  test.prop([initScale({ min: 1e-8, max: 0.1 })])("respects given bounds", (u0) => {
    expect(u0).toBeGreaterThanOrEqual(1e-8);
    expect(u0).toBeLessThanOrEqual(0.1);
  });

  it("reaches both ends", () => {
    // min·(max/u) at u = exp(log(min)) ≈ min(1 + 1e-15) is max to a few ulps.
    expect(reaches(initScale(), (u) => u >= 1e-3 * (1 - 8 * Number.EPSILON))).toBe(true);
    // min·(max/u) at u = max is min up to one rounding: within an ulp of 1e-12.
    expect(reaches(initScale(), (u) => u <= 1e-12 * (1 + 2 * Number.EPSILON))).toBe(true);
  });

  it("shrinks toward max (the cheapest, weakest case)", () => {
    const r = fc.check(
      fc.property(initScale(), (u) => u > 1e-9),
      { seed: 2 },
    );
    // Failing values are u ≤ 1e-9; the shrunk one is the largest of them, near 1e-9.
    expect(r.failed).toBe(true);
    expect(r.counterexample![0]).toBeLessThanOrEqual(1e-9);
    expect(r.counterexample![0]).toBeGreaterThan(0.99e-9);
  });

  it("spreads log-uniformly: the middle three decades [1e-9, 1e-6] get their share", () => {
    // A third of the log range; fast-check's bias toward the bounds leaves about a quarter
    // of the draws there. A value-uniform draw would put ~1e-3 of them there.
    const values = fc.sample(initScale(), { seed: 4, numRuns: 2000 });
    const middle = values.filter((u) => u >= 1e-9 && u <= 1e-6).length;
    expect(middle).toBeGreaterThan(0.15 * 2000);
  });

  it("is deterministic for a seed", () => {
    const [a, b] = sampleTwice(initScale());
    expect(a).toEqual(b);
  });
});
