import { test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import {
  buildVectorStatistics,
  vectorStatisticsCase,
} from "../../properties/arbitraries/vectorStatistics.js";
import { inverse } from "../../src/linalg/inverse.js";
import { matMul, maxAbsDifference } from "../helpers/numeric.js";

describe("inverse", () => {
  it("inverts a 1×1 matrix by division (exact)", () => {
    expect(inverse([[4]])).toEqual([[0.25]]);
  });

  it("inverts a 2×2 by hand", () => {
    // [[4, 1], [1, 1]]⁻¹ = (1/3)[[1, −1], [−1, 4]]; LU rounding: a few ulps.
    const inv = inverse([
      [4, 1],
      [1, 1],
    ]);
    const expected = [1 / 3, -1 / 3, -1 / 3, 4 / 3];
    expect(maxAbsDifference(inv.flat(), expected)).toBeLessThan(4 * Number.EPSILON * (4 / 3));
  });

  test.prop([vectorStatisticsCase({ maxDim: 6, maxCondition: 100 })])(
    "has a small residual ‖Σ Σ⁻¹ − I‖∞ ≤ 1e-12 for κ(Σ) ≤ 100",
    (c) => {
      const sigma = buildVectorStatistics(c).sigma;
      const product = matMul(sigma, inverse(sigma));
      const identity = sigma.map((row, i) => row.map((_, j) => (i === j ? 1 : 0)));
      // LU with partial pivoting: ‖ΣX − I‖ ≲ c·n·ε·κ(Σ) with n ≤ 12, κ ≤ 100:
      // 12·2.2e-16·100 ≈ 2.7e-13; 1e-12 leaves a factor 4 for the constant.
      expect(maxAbsDifference(product.flat(), identity.flat())).toBeLessThan(1e-12);
    },
  );
});
