import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors/inputError.js";
import { fromToy } from "../../src/statistics/toy.js";

describe("fromToy", () => {
  it("builds the paper's acceptance toy exactly (σA = 2, σB = 1, ρ = 0.5, w = (1, 1))", () => {
    // Every entry is a small integer or a sum of a few, exact in binary floating point.
    const stats = fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.5 });
    expect(stats.sigma).toEqual([
      [4, 1],
      [1, 1],
    ]);
    // Σ_yxA = w_A σA² + w_B ρσAσB = 4 + 1; Σ_yxB = w_B σB² + w_A ρσAσB = 1 + 1.
    expect(stats.sigmaYX).toEqual([5, 2]);
    // σ_y² = wᵀΣw = 4 + 2·1 + 1.
    expect(stats.sigmaY2).toBe(7);
    expect(stats.dA).toBe(1);
    expect(stats.dB).toBe(1);
    expect(stats.teacher).toEqual({ wStar: [1, 1], noiseStd: 0 });
    expect(stats.label).toBe("toy σA=2 σB=1 ρ=0.5 w=(1, 1)");
  });

  it("uses the given teacher and adds the label noise σ_ε² to σ_y²", () => {
    const stats = fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.5, wA: 0.5, wB: -1, noiseStd: 0.5 });
    // Σ_yx = wᵀΣ = [0.5·4 − 1, 0.5·1 − 1]; σ_y² = 0.25·4 + 2·0.5·(−1)·1 + 1 + 0.25.
    expect(stats.sigmaYX).toEqual([1, -0.5]);
    expect(stats.sigmaY2).toBe(1.25);
    expect(stats.teacher).toEqual({ wStar: [0.5, -1], noiseStd: 0.5 });
    expect(stats.label).toContain("σε=0.5");
  });

  it.each([
    ["sigmaA", { sigmaA: 0, sigmaB: 1, rho: 0 }],
    ["sigmaA", { sigmaA: -2, sigmaB: 1, rho: 0 }],
    ["sigmaB", { sigmaA: 2, sigmaB: 0, rho: 0 }],
    ["sigmaB", { sigmaA: 2, sigmaB: Number.NaN, rho: 0 }],
    ["rho", { sigmaA: 2, sigmaB: 1, rho: 1 }],
    ["rho", { sigmaA: 2, sigmaB: 1, rho: -1 }],
    ["rho", { sigmaA: 2, sigmaB: 1, rho: 1.5 }],
    ["rho", { sigmaA: 2, sigmaB: 1, rho: Number.NaN }],
    ["wA", { sigmaA: 2, sigmaB: 1, rho: 0, wA: Number.NaN }],
    ["wB", { sigmaA: 2, sigmaB: 1, rho: 0, wB: Number.POSITIVE_INFINITY }],
    ["noiseStd", { sigmaA: 2, sigmaB: 1, rho: 0, noiseStd: -0.1 }],
  ])("rejects a bad %s, naming the field", (field, params) => {
    expect(() => fromToy(params)).toThrow(InputError);
    expect(() => fromToy(params)).toThrow(new RegExp(`^${field}: `));
  });
});
