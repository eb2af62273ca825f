import { describe, expect, it } from "vitest";
import { fromToy } from "../../src/statistics/toy.js";
import { initAwareLateFusion } from "../../src/theory/initAwareLateFusion.js";
import { initAwareReluLateFusion } from "../../src/theory/initAwareReluLateFusion.js";

// Toy σA = 2, σB = 1, ρ = 0.5 (s_A = 5, s_B = 2, ‖e_B‖ = 0.75); the linear R₁ is tested
// against hand-derived values in initAwareLateFusion.test.ts, so here only the ReLU
// module's own step is checked: both sides' seeds enter through √(E₊E₋) and times double.
const TOY = fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.5 });

describe("initAwareReluLateFusion (T11's next order)", () => {
  const u0 = 1e-3;
  const linear = initAwareLateFusion(TOY, u0, { kappaA: 3, kappaB: 0.5 });

  it("doubles both linear times with seeds at the sides' geometric mean", () => {
    const k = u0 * u0;
    const relu = initAwareReluLateFusion(TOY, u0, {
      A: { positive: 3 * k, negative: 3 * k },
      B: { positive: 0.5 * k, negative: 0.5 * k },
    });
    expect(relu.tA).toBeCloseTo(2 * linear.tA, 12);
    expect(relu.tB).toBeCloseTo(2 * linear.tB, 12);
    expect(relu.ratio).toBeCloseTo(linear.ratio, 13);
  });

  it("depends on each branch's two sides only through √(E₊E₋)", () => {
    const k = u0 * u0;
    const lopsided = initAwareReluLateFusion(TOY, u0, {
      A: { positive: 12 * k, negative: 0.75 * k }, // √(12·0.75) = 3
      B: { positive: 2 * k, negative: 0.125 * k }, // √(2·0.125) = 0.5
    });
    expect(lopsided.tA).toBeCloseTo(2 * linear.tA, 12);
    expect(lopsided.tB).toBeCloseTo(2 * linear.tB, 12);
  });
});
