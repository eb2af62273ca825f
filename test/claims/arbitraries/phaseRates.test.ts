import { test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { phaseRates } from "../../../src/claims/arbitraries/phaseRates.js";
import { reaches, sampleTwice } from "../../helpers/arbitrary.js";

describe("phaseRates", () => {
  test.prop([phaseRates()])("s_A, e, g ∈ [0.01, 100] and k ∈ [0.001, 0.999] by default", (p) => {
    for (const v of [p.sA, p.e, p.g]) {
      expect(v).toBeGreaterThanOrEqual(0.01);
      expect(v).toBeLessThanOrEqual(100);
    }
    // T5 needs k strictly inside (0, 1).
    expect(p.k).toBeGreaterThanOrEqual(0.001);
    expect(p.k).toBeLessThanOrEqual(0.999);
  });

  test.prop([phaseRates({ rate: [1, 2], k: [0.5, 0.6] })])("respects given ranges", (p) => {
    for (const v of [p.sA, p.e, p.g]) {
      expect(v).toBeGreaterThanOrEqual(1);
      expect(v).toBeLessThanOrEqual(2);
    }
    expect(p.k).toBeGreaterThanOrEqual(0.5);
    expect(p.k).toBeLessThanOrEqual(0.6);
  });

  it("reaches the extremes of each range", () => {
    const arb = phaseRates();
    expect(reaches(arb, (p) => p.k === 0.001)).toBe(true);
    expect(reaches(arb, (p) => p.k >= 0.999 - 1e-12)).toBe(true);
    // Log-uniform ends to the rounding of exp(log(·)).
    expect(reaches(arb, (p) => p.sA <= 0.01 * (1 + 8 * Number.EPSILON))).toBe(true);
    expect(reaches(arb, (p) => p.g >= 100 * (1 - 8 * Number.EPSILON))).toBe(true);
  });

  it("draws the three rates independently (not one value three times)", () => {
    expect(reaches(phaseRates(), (p) => p.sA !== p.e && p.e !== p.g)).toBe(true);
  });

  it("is deterministic for a seed", () => {
    const [a, b] = sampleTwice(phaseRates());
    expect(a).toEqual(b);
  });
});
