import { describe, expect, it } from "vitest";
import { derive } from "../../src/statistics/derived.js";
import { fromTeacher } from "../../src/statistics/teacher.js";
import { fromToy } from "../../src/statistics/toy.js";
import { initAwareLateFusion, phaseTwoSign } from "../../src/theory/initAwareLateFusion.js";

// Expected values are derived by hand from the statistics (docs/theory.md §1), not from the code:
// toy σA = 2, σB = 1, ρ = 0.5, w = (1, 1): Σ_yx = (5, 2), s_A = 5, s_B = 2,
// W_A^uni = 5/4, e_B = 2 − 1·5/4 = 0.75, W_B^full = 1.
const TOY = fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.5 });
const lu = (u0: number) => 2 * Math.log(1 / u0);

/** A handful of roundings in logs and sums of O(10) terms. */
const RTOL = 1e-13;

describe("phaseTwoSign", () => {
  it("is +1 when B's grown weights keep their direction (Σ_yxB·e_B > 0)", () => {
    expect(phaseTwoSign(TOY)).toBe(1);
  });

  it("is −1 for scalar B whose e_B points against Σ_yxB (w_B = −0.5: e_B = 0.5 − 3.5/4 < 0)", () => {
    expect(phaseTwoSign(fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.5, wB: -0.5 }))).toBe(-1);
  });

  it("is 0 when Σ_yxB = 0 (B does not grow before t_A)", () => {
    // Σ_yxB = ρσAσB·wA + σB²·wB = 1 − 1 = 0.
    expect(phaseTwoSign(fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.5, wB: -1 }))).toBe(0);
  });

  it("stays +1 for vector B even with the directions apart (only scalar B reverses)", () => {
    const apart = fromTeacher(
      [
        [1, 0.9, 0],
        [0.9, 1, 0],
        [0, 0, 1],
      ],
      [2, -1.4, 0.1],
      0,
      1,
    );
    // Σ_yx = (2 − 1.26, 1.8 − 1.4, 0.1) = (0.74, 0.4, 0.1); W_A^uni = 0.74;
    // e_B = (0.4 − 0.9·0.74, 0.1) = (−0.266, 0.1): Σ_yxB·e_B = −0.1064 + 0.01 < 0.
    expect(derive(apart).cosSigmaBeB).toBeLessThan(0);
    expect(phaseTwoSign(apart)).toBe(1);
  });
});

describe("initAwareLateFusion (X3's R₁, T2 with its next-order terms)", () => {
  it("t_A is the balanced logistic's half-time ln(g/(κ_A u0²))/(2 s_A)", () => {
    for (const u0 of [1e-3, 1e-6, 1e-12]) {
      const { tA } = initAwareLateFusion(TOY, u0, { kappaA: 1, kappaB: 1 });
      expect(tA).toBeCloseTo((lu(u0) + Math.log(1.25)) / 10, 12);
      // The exact logistic w(t) = g/(1 + (g/(u0²) − 1)e^{−2 s_A t}) reaches g/2 at
      // ln(g/u0² − 1)/(2 s_A): R₁ drops only the −1, a relative O(u0²/g) difference.
      const exact = Math.log(1.25 / (u0 * u0) - 1) / 10;
      expect(Math.abs(tA - exact) / exact).toBeLessThan((2 * u0 * u0) / 1.25);
    }
  });

  it("t_B adds B's phase (L_u − ln κ_B + ln b − 2σ s_B t_A)/(2‖e_B‖)", () => {
    const u0 = 1e-4;
    const r = initAwareLateFusion(TOY, u0, { kappaA: 1, kappaB: 1 });
    const tA = (lu(u0) + Math.log(1.25)) / 10;
    const tB = tA + (lu(u0) + Math.log(1) - 4 * tA) / 1.5;
    expect(Math.abs(r.tB - tB) / tB).toBeLessThan(RTOL);
    expect(Math.abs(r.ratio - tB / tA) / (tB / tA)).toBeLessThan(RTOL);
  });

  it("a larger seed starts a mode later in log-time by exactly ln κ/(2 rate)", () => {
    const u0 = 1e-5;
    const base = initAwareLateFusion(TOY, u0, { kappaA: 1, kappaB: 1 });
    const seededA = initAwareLateFusion(TOY, u0, { kappaA: 4, kappaB: 1 });
    const seededB = initAwareLateFusion(TOY, u0, { kappaA: 1, kappaB: 4 });
    expect(seededA.tA - base.tA).toBeCloseTo(-Math.log(4) / 10, 13);
    expect(seededB.tA).toBe(base.tA);
    expect(seededB.tB - base.tB).toBeCloseTo(-Math.log(4) / 1.5, 13);
  });

  it("reversing scalar B (σ = −1) lengthens B's phase by 2 s_B t_A/(2‖e_B‖) of shrinking", () => {
    // w_B = −0.5: Σ_yx = (3.5, 0.5), s_A = 3.5, s_B = 0.5, g = 0.875, e_B = −0.375, b = 0.5.
    const reversing = fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.5, wB: -0.5 });
    const u0 = 1e-6;
    const r = initAwareLateFusion(reversing, u0, { kappaA: 1, kappaB: 1 });
    const tA = (lu(u0) + Math.log(0.875)) / 7;
    const tB = tA + (lu(u0) + Math.log(0.5) + 2 * 0.5 * tA) / 0.75;
    expect(Math.abs(r.tA - tA) / tA).toBeLessThan(RTOL);
    expect(Math.abs(r.tB - tB) / tB).toBeLessThan(RTOL);
  });

  it("vector B: B's grown direction projects on e_B with c = (1 + cos θ)/2", () => {
    // Σ = [[1, .5, 0], [.5, 1, 0], [0, 0, 1]], dA = 1, teacher (2, 0, 0.5): Σ_yx = (2, 1, 0.5);
    // s_A = 2, Σ_yxB = (1, 0.5), s_B = √1.25, g = 2, e_B = (1, 0.5) − (0.5, 0)·2 = (0, 0.5),
    // W_B^full = (0, 0.5), cos θ = 0.25/(√1.25·0.5) = 1/√5.
    const stats = fromTeacher(
      [
        [1, 0.5, 0],
        [0.5, 1, 0],
        [0, 0, 1],
      ],
      [2, 0, 0.5],
      0,
      1,
    );
    const u0 = 1e-3;
    const r = initAwareLateFusion(stats, u0, { kappaA: 1, kappaB: 1 });
    const c = (1 + 1 / Math.sqrt(5)) / 2;
    const tA = (lu(u0) + Math.log(2)) / 4;
    const tB = tA + (lu(u0) - 2 * Math.log(c) + Math.log(0.5) - 2 * Math.sqrt(1.25) * tA) / 1;
    expect(Math.abs(r.tA - tA) / tA).toBeLessThan(RTOL);
    expect(Math.abs(r.tB - tB) / tB).toBeLessThan(RTOL);
  });

  it("tends to T2's 1 + (s_A − σ s_B)/‖e_B‖ with remainder s_A(b' − a)/(‖e_B‖(L_u + a))", () => {
    // a = ln g − ln κ_A, b' = ln b − ln κ_B: ratio − T2 = s_A (b' − a)/(‖e_B‖ (L_u + a)) exactly.
    const t2 = 1 + (5 - 2) / 0.75;
    const a = Math.log(1.25);
    const b = Math.log(1);
    for (const u0 of [1e-3, 1e-30, 1e-300]) {
      const { ratio } = initAwareLateFusion(TOY, u0, { kappaA: 1, kappaB: 1 });
      const remainder = (5 * (b - a)) / (0.75 * (lu(u0) + a));
      expect(ratio - t2).toBeCloseTo(remainder, 12);
    }
  });
});
