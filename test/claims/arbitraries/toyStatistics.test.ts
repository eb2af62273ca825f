import { test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { toyParameters } from "../../../src/claims/arbitraries/toyStatistics.js";
import { fromToy } from "../../../src/statistics/toy.js";
import { reaches, sampleTwice } from "../../helpers/arbitrary.js";

// σ_A = ratio·σ_B: the ratio comes back from σ_A/σ_B to a couple of ulps.
const RATIO_RTOL = 4 * Number.EPSILON;

describe("toyParameters", () => {
  test.prop([toyParameters()])(
    "paper teacher: σ_B ∈ [0.5, 2], σ_A/σ_B ∈ [1.1, 3], ρ ∈ [−0.9, 0.9], w = (1, 1)",
    (p) => {
      expect(p.sigmaB).toBeGreaterThanOrEqual(0.5);
      expect(p.sigmaB).toBeLessThanOrEqual(2);
      const ratio = p.sigmaA / p.sigmaB;
      expect(ratio).toBeGreaterThanOrEqual(1.1 * (1 - RATIO_RTOL));
      expect(ratio).toBeLessThanOrEqual(3 * (1 + RATIO_RTOL));
      expect(Math.abs(p.rho)).toBeLessThanOrEqual(0.9);
      expect([p.wA, p.wB]).toEqual([1, 1]);
      // Every draw is a valid toy (fromToy validates: ρ ∈ (−1, 1), σ > 0).
      expect(() => fromToy(p)).not.toThrow();
    },
  );

  test.prop([toyParameters({ teacher: "random", sigmaRatio: [1, 1.5], rho: [0, 0.5] })])(
    "random teacher: |w_m| ∈ [0.1, 2]; given ranges respected",
    (p) => {
      for (const w of [p.wA!, p.wB!]) {
        expect(Math.abs(w)).toBeGreaterThanOrEqual(0.1);
        expect(Math.abs(w)).toBeLessThanOrEqual(2);
      }
      expect(p.sigmaA / p.sigmaB).toBeLessThanOrEqual(1.5 * (1 + RATIO_RTOL));
      expect(p.rho).toBeGreaterThanOrEqual(0);
      expect(p.rho).toBeLessThanOrEqual(0.5);
    },
  );

  it("reaches the ends of the ranges, and both signs of a random teacher", () => {
    const paper = toyParameters();
    expect(reaches(paper, (p) => p.rho === -0.9)).toBe(true);
    expect(reaches(paper, (p) => p.rho === 0.9)).toBe(true);
    expect(reaches(paper, (p) => p.sigmaB === 0.5)).toBe(true);
    expect(reaches(paper, (p) => p.sigmaB === 2)).toBe(true);
    expect(reaches(paper, (p) => Math.abs(p.sigmaA / p.sigmaB - 3) < 1e-12)).toBe(true);
    const random = toyParameters({ teacher: "random" });
    expect(reaches(random, (p) => p.wA! < 0)).toBe(true);
    expect(reaches(random, (p) => p.wB! > 0)).toBe(true);
    expect(reaches(random, (p) => Math.abs(p.wA!) === 0.1)).toBe(true);
  });

  it("is deterministic for a seed", () => {
    const [a, b] = sampleTwice(toyParameters({ teacher: "random" }));
    expect(a).toEqual(b);
  });
});
