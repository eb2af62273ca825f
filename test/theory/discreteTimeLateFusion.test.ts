import { describe, expect, it } from "vitest";
import { fromMoments } from "../../src/statistics/teacher.js";
import { fromToy } from "../../src/statistics/toy.js";
import {
  discreteRate,
  discreteTimeInitAware,
  discreteTimeLateFusionRatio,
} from "../../src/theory/discreteTimeLateFusion.js";
import { initAwareLateFusion } from "../../src/theory/initAwareLateFusion.js";
import { lateFusionRatio } from "../../src/theory/lateFusionRatio.js";

// X2: rates ln(1 + ηλ)/η. Expected values are hand-computed from the toy's rates
// (σA = 2, σB = 1, ρ = 0.5: s_A = 5, s_B = 2, ‖e_B‖ = 0.75), not from the code.
describe("discreteRate (X2)", () => {
  it("is the per-step growth factor's logarithm per unit time", () => {
    expect(discreteRate(5, 0.04)).toBeCloseTo(Math.log(1.2) / 0.04, 12);
    // A decaying mode: factor 1 − ηλ per step.
    expect(discreteRate(-2, 0.1)).toBeCloseTo(Math.log(0.8) / 0.1, 12);
  });

  it("tends to λ as η → 0 with the Euler correction −ηλ²/2", () => {
    const eta = 1e-5;
    expect((discreteRate(3, eta) - 3) / eta).toBeCloseTo(-4.5, 3);
  });

  it("rejects a step that flips the mode's sign (1 + ηλ ≤ 0) and η ≤ 0", () => {
    expect(() => discreteRate(-10, 0.2)).toThrow(/1 \+ ηλ/);
    expect(() => discreteRate(1, 0)).toThrow();
  });
});

describe("discreteTimeLateFusionRatio (X2)", () => {
  const toy = fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.5 });

  it("gives 1 + (ln1.2 − ln1.08)/ln1.03 on the authors' configuration (lr 0.04)", () => {
    const expected = 1 + (Math.log(1.2) - Math.log(1.08)) / Math.log(1.03);
    expect(discreteTimeLateFusionRatio(toy, 0.04).ratio).toBeCloseTo(expected, 12);
    expect(expected).toBeCloseTo(4.5644, 4);
  });

  it("reduces to T2 as η → 0, also in the signed scalar case (Σ_yxB < 0 < e_B)", () => {
    const signed = fromToy({ sigmaA: 2, sigmaB: 1, rho: -0.8 });
    for (const stats of [toy, signed]) {
      const t2 = lateFusionRatio(stats).ratio;
      expect(discreteTimeLateFusionRatio(stats, 1e-9).ratio / t2 - 1).toBeLessThan(1e-7);
    }
  });

  it("uses the decaying mode's rate ln(1 − ηs_B)/η when B must reverse (signed case)", () => {
    // σA = 2, σB = 1, ρ = −0.8: s_A = 2.4, Σ_yxB = −0.6, e_B = 0.36.
    const eta = 0.05;
    const stats = fromToy({ sigmaA: 2, sigmaB: 1, rho: -0.8 });
    const expected =
      1 + (Math.log(1 + eta * 2.4) - Math.log(1 - eta * 0.6)) / Math.log(1 + eta * 0.36);
    expect(discreteTimeLateFusionRatio(stats, eta).ratio).toBeCloseTo(expected, 10);
  });

  it("passes on T2's out-of-domain reason (tie)", () => {
    const tie = fromMoments(
      [
        [1, 0],
        [0, 1],
      ],
      [1, 1],
      3,
      1,
    );
    expect(discreteTimeLateFusionRatio(tie, 0.01).outOfDomain).toBe("tie");
  });
});

describe("discreteTimeInitAware (X2's next order)", () => {
  it("is R₁ at η → 0 and lowers t_A like 1/r_A", () => {
    const stats = fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.5 });
    const seeds = { kappaA: 1, kappaB: 1 };
    const flow = initAwareLateFusion(stats, 1e-6, seeds);
    expect(discreteTimeInitAware(stats, 1e-6, 1e-9, seeds).ratio / flow.ratio - 1).toBeLessThan(
      1e-7,
    );
    const gd = discreteTimeInitAware(stats, 1e-6, 0.04, seeds);
    expect(gd.tA).toBeCloseTo((flow.tA * 5) / (Math.log(1.2) / 0.04), 10);
  });
});
