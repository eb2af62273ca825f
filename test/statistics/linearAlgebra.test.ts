import { test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import {
  buildVectorStatistics,
  vectorStatisticsCase,
} from "../../src/claims/arbitraries/vectorStatistics.js";
import {
  cholesky,
  dot,
  norm,
  quadraticForm,
  rowTimesMatrix,
  subMatrix,
} from "../../src/statistics/linearAlgebra.js";
import { matMul, maxAbs, maxAbsDifference } from "../helpers/numeric.js";

const M = [
  [1, 2, 3],
  [4, 5, 6],
];

describe("small dense helpers", () => {
  it("dot, norm, rowTimesMatrix, quadraticForm on integer data (exact)", () => {
    expect(dot([1, 2, 3], [4, -5, 6])).toBe(12);
    expect(norm([3, 4])).toBe(5);
    expect(rowTimesMatrix([1, -1], M)).toEqual([-3, -3, -3]);
    expect(rowTimesMatrix([], [])).toEqual([]);
    expect(
      quadraticForm(
        [1, 2],
        [
          [2, 1],
          [1, 3],
        ],
      ),
    ).toBe(2 + 4 + 12);
  });

  it("subMatrix takes half-open row and column ranges", () => {
    expect(subMatrix(M, [0, 2], [1, 3])).toEqual([
      [2, 3],
      [5, 6],
    ]);
    expect(subMatrix(M, [1, 2], [0, 1])).toEqual([[4]]);
  });
});

describe("cholesky", () => {
  it("factors a hand-made SPD matrix exactly", () => {
    // L = [[2, 0], [1, 3]] gives L Lᵀ = [[4, 2], [2, 10]].
    expect(
      cholesky([
        [4, 2],
        [2, 10],
      ]),
    ).toEqual([
      [2, 0],
      [1, 3],
    ]);
  });

  it("returns undefined for indefinite and semidefinite matrices", () => {
    expect(
      cholesky([
        [1, 2],
        [2, 1],
      ]),
    ).toBeUndefined();
    expect(
      cholesky([
        [1, 1],
        [1, 1],
      ]),
    ).toBeUndefined();
  });

  test.prop([vectorStatisticsCase({ maxDim: 6, maxCondition: 100 })])(
    "reconstructs Σ: ‖L Lᵀ − Σ‖∞ ≤ 1e-13·‖Σ‖∞ with L lower triangular",
    (c) => {
      const sigma = buildVectorStatistics(c).sigma;
      const l = cholesky(sigma);
      expect(l).toBeDefined();
      const lt = l!.map((_, i) => l!.map((row) => row[i]!));
      // Cholesky is backward stable: |L Lᵀ − Σ| ≤ (n+1)ε|L||Lᵀ| entrywise, with n ≤ 12
      // and |L||Lᵀ| ≤ n‖Σ‖: ≈ 13·12·2.2e-16 ≈ 3.5e-14 relative; 1e-13 for margin.
      const residual = maxAbsDifference(matMul(l!, lt).flat(), sigma.flat());
      expect(residual).toBeLessThanOrEqual(1e-13 * maxAbs(sigma.flat()));
      l!.forEach((row, i) => {
        for (let j = i + 1; j < row.length; j++) expect(row[j]).toBe(0);
      });
    },
  );
});
