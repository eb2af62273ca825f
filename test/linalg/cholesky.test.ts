import { test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import {
  buildVectorStatistics,
  vectorStatisticsCase,
} from "../../src/claims/arbitraries/vectorStatistics.js";
import { cholesky, choleskyInPlace, choleskySolveInPlace } from "../../src/linalg/cholesky.js";
import { matMul, maxAbs, maxAbsDifference } from "../helpers/numeric.js";

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

describe("choleskyInPlace / choleskySolveInPlace", () => {
  // The textbook row-by-row Cholesky that src/statistics/linearAlgebra.ts held before the
  // two factorisations became one (e578b50): `cholesky` must reproduce it bit for bit, so the
  // statistics validation and the random families draw exactly what they drew before.
  function textbookCholesky(m: number[][]): number[][] | undefined {
    const n = m.length;
    const l = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    for (let i = 0; i < n; i++) {
      for (let j = 0; j <= i; j++) {
        let sum = m[i]![j]!;
        for (let k = 0; k < j; k++) sum -= l[i]![k]! * l[j]![k]!;
        if (i === j) {
          if (!(sum > 0)) return undefined;
          l[i]![i] = Math.sqrt(sum);
        } else {
          l[i]![j] = sum / l[j]![j]!;
        }
      }
    }
    return l;
  }

  test.prop([vectorStatisticsCase({ maxDim: 6, maxCondition: 1e6 })])(
    "cholesky equals the textbook factor bit for bit (Object.is on every entry)",
    (c) => {
      const sigma = buildVectorStatistics(c).sigma.map((row) => [...row]);
      const ours = cholesky(sigma)!;
      const reference = textbookCholesky(sigma)!;
      for (const [i, row] of ours.entries())
        for (const [j, v] of row.entries()) expect(Object.is(v, reference[i]![j])).toBe(true);
    },
  );

  it("cholesky fails where the textbook factor fails: indefinite, semidefinite, NaN", () => {
    for (const m of [
      [
        [1, 2],
        [2, 1],
      ],
      [
        [1, 1],
        [1, 1],
      ],
      [
        [1, Number.NaN],
        [Number.NaN, 1],
      ],
    ]) {
      expect(textbookCholesky(m)).toBeUndefined();
      expect(cholesky(m)).toBeUndefined();
    }
  });

  it("solves L Lᵀ x = b: [[4, 2], [2, 10]] x = (6, 12) has x = (1, 1)", () => {
    const a = Float64Array.of(4, 2, 2, 10);
    expect(choleskyInPlace(a, 2)).toBe(true);
    const b = Float64Array.of(6, 12);
    choleskySolveInPlace(a, 2, b);
    expect(b[0]).toBeCloseTo(1, 14);
    expect(b[1]).toBeCloseTo(1, 14);
  });

  it("refuses a pivot below n·ε of the diagonal scale unless strict (the rank test of T10)", () => {
    // [[1, 0], [0, 1e-300]] is positive definite but its second pivot is round-off relative
    // to the first; [[1, 1], [1, 1]] is singular, refused even by the strict test.
    const tiny = () => Float64Array.of(1, 0, 0, 1e-300);
    expect(choleskyInPlace(tiny(), 2)).toBe(false);
    expect(choleskyInPlace(tiny(), 2, true)).toBe(true);
    expect(choleskyInPlace(Float64Array.of(1, 1, 1, 1), 2, true)).toBe(false);
  });
});
