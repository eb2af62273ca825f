import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors/inputError.js";
import { fromMoments, fromTeacher } from "../../src/statistics/teacher.js";

/** A 3×3 SPD covariance with dyadic entries, so every product below is exact. */
const SIGMA = [
  [2, 0.5, 0],
  [0.5, 1, 0.25],
  [0, 0.25, 1],
];

describe("fromTeacher", () => {
  it("computes Σ_yx = w*ᵀΣ and σ_y² = w*ᵀΣw* + σ_ε² (worked by hand)", () => {
    const stats = fromTeacher(SIGMA, [1, -2, 4], 0.5, 1);
    // w*ᵀΣ = [2 − 1 + 0, 0.5 − 2 + 1, 0 − 0.5 + 4].
    expect(stats.sigmaYX).toEqual([1, -0.5, 3.5]);
    // w*ᵀΣw* = 1·1 + (−2)(−0.5) + 4·3.5 = 16; plus σ_ε² = 0.25.
    expect(stats.sigmaY2).toBe(16.25);
    expect(stats.dA).toBe(1);
    expect(stats.dB).toBe(2);
    expect(stats.teacher).toEqual({ wStar: [1, -2, 4], noiseStd: 0.5 });
    expect(stats.label).toBe("teacher D=3 dA=1");
  });

  it("copies w* (later changes to the caller's array do not leak in)", () => {
    const w = [1, 1, 1];
    const stats = fromTeacher(SIGMA, w, 0, 2);
    w[0] = 99;
    expect(stats.teacher?.wStar).toEqual([1, 1, 1]);
  });

  it.each([
    ["noiseStd", () => fromTeacher(SIGMA, [1, 1, 1], -1, 1)],
    ["noiseStd", () => fromTeacher(SIGMA, [1, 1, 1], Number.NaN, 1)],
    ["wStar", () => fromTeacher(SIGMA, [1, 1], 0, 1)],
    ["wStar\\[1\\]", () => fromTeacher(SIGMA, [1, Number.NaN, 1], 0, 1)],
    ["dA", () => fromTeacher(SIGMA, [1, 1, 1], 0, 0)],
    ["dB", () => fromTeacher(SIGMA, [1, 1, 1], 0, 3)],
  ])("rejects a bad %s", (field, build) => {
    expect(build).toThrow(InputError);
    expect(build).toThrow(new RegExp(`^${field}: `));
  });
});

describe("fromMoments", () => {
  it("keeps the moments as given, with no teacher", () => {
    const stats = fromMoments(SIGMA, [1, 0, 0], 1, 1);
    expect(stats.sigmaYX).toEqual([1, 0, 0]);
    expect(stats.sigmaY2).toBe(1);
    expect(stats.teacher).toBeUndefined();
    expect(stats.label).toBe("moments");
    expect(fromMoments(SIGMA, [1, 0, 0], 1, 1, "mine").label).toBe("mine");
  });

  it("validates like every constructor (σ_y² below Σ_yx Σ⁻¹ Σ_yxᵀ)", () => {
    expect(() => fromMoments(SIGMA, [1, 0, 0], 0.1, 1)).toThrow(/^sigmaY2: /);
  });
});
