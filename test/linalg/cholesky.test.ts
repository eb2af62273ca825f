import { test } from "@fast-check/vitest";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  buildVectorStatistics,
  vectorStatisticsCase,
} from "../../src/claims/arbitraries/vectorStatistics.js";
import {
  cholesky,
  choleskyInPlace,
  choleskySolveInPlace,
  relativePivotFloor,
  spdSolve,
} from "../../src/linalg/cholesky.js";
import type { Matrix } from "../../src/linalg/matrix.js";
import { matMul, maxAbs, maxAbsDifference } from "../helpers/numeric.js";

/**
 * The textbook row-by-row algorithm ubias used for nested arrays before issue 13 merged its
 * two Cholesky factorisations: kept here as the reference the one factorisation must match
 * bit for bit (same sums, same order).
 */
function rowOrderCholesky(m: Matrix): number[][] | undefined {
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

function flat(m: Matrix): Float64Array {
  return Float64Array.from(m.flat());
}

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

describe("one Cholesky for nested arrays and flat buffers", () => {
  test.prop([vectorStatisticsCase({ maxDim: 6, maxCondition: 1e6 })])(
    "cholesky equals the row-order textbook factor bit for bit",
    (c) => {
      const sigma = buildVectorStatistics(c).sigma;
      const l = cholesky(sigma);
      const reference = rowOrderCholesky(sigma);
      expect(l).toBeDefined();
      for (const [i, row] of reference!.entries())
        for (const [j, x] of row.entries()) expect(Object.is(l![i]![j], x)).toBe(true);
    },
  );

  it("agrees with the row-order factor on failure, NaN included", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -4, max: 4 }), { minLength: 9, maxLength: 9 }),
        (entries) => {
          const m = [0, 1, 2].map((i) => entries.slice(3 * i, 3 * i + 3));
          expect(cholesky(m) === undefined).toBe(rowOrderCholesky(m) === undefined);
        },
      ),
    );
    expect(cholesky([[Number.NaN]])).toBeUndefined();
  });

  it("in place: the lower triangle is the factor, the upper one untouched", () => {
    const a = flat([
      [4, 7],
      [2, 10],
    ]);
    expect(choleskyInPlace(a, 2)).toBe(true);
    expect([...a]).toEqual([2, 7, 1, 3]);
  });

  it("the default floor rejects a pivot that is round-off (n·ε of the diagonal scale)", () => {
    // Rank one up to round-off: the second pivot is 2ε, below the floor 2ε·(1 + 2ε) of the
    // default (n = 2, largest diagonal 1 + 2ε): rejected; accepted with floor 0.
    const big = 1 + 2 * Number.EPSILON;
    const m = [
      [1, 1],
      [1, big],
    ];
    expect(relativePivotFloor(flat(m), 2)).toBe(2 * Number.EPSILON * big);
    expect(choleskyInPlace(flat(m), 2)).toBe(false);
    expect(choleskyInPlace(flat(m), 2, 0)).toBe(true);
  });

  it("solves L Lᵀ x = b in place", () => {
    // [[4, 2], [2, 10]] x = [8, 22] has x = [1, 2].
    const a = flat([
      [4, 2],
      [2, 10],
    ]);
    expect(choleskyInPlace(a, 2)).toBe(true);
    const b = Float64Array.of(8, 22);
    choleskySolveInPlace(a, 2, b);
    expect(b[0]).toBeCloseTo(1, 14);
    expect(b[1]).toBeCloseTo(2, 14);
  });
});

/** The nested-array substitutions src/theory/nextOrderLateFusion.ts used before issue 13. */
function referenceSolve(m: Matrix, v: readonly number[]): number[] | undefined {
  const l = rowOrderCholesky(m);
  if (!l) return undefined;
  const n = v.length;
  const z = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    let s = v[i]!;
    for (let k = 0; k < i; k++) s -= l[i]![k]! * z[k]!;
    z[i] = s / l[i]![i]!;
  }
  const x = new Array<number>(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = z[i]!;
    for (let k = i + 1; k < n; k++) s -= l[k]![i]! * x[k]!;
    x[i] = s / l[i]![i]!;
  }
  return x;
}

describe("spdSolve", () => {
  test.prop([
    vectorStatisticsCase({ maxDim: 6, maxCondition: 1e6 }),
    fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 12, maxLength: 12 }),
  ])("equals the nested-array Cholesky substitutions bit for bit", (c, entries) => {
    const sigma = buildVectorStatistics(c).sigma;
    const v = entries.slice(0, sigma.length);
    const x = spdSolve(sigma, v);
    const reference = referenceSolve(sigma, v);
    expect(x).toBeDefined();
    expect(x!.length).toBe(reference!.length);
    for (const [i, xi] of reference!.entries()) expect(Object.is(x![i], xi)).toBe(true);
  });

  it("solves a hand-made system and refuses an indefinite one", () => {
    expect(
      spdSolve(
        [
          [4, 2],
          [2, 10],
        ],
        [8, 22],
      ),
    ).toEqual([1, 2]);
    expect(
      spdSolve(
        [
          [1, 2],
          [2, 1],
        ],
        [1, 1],
      ),
    ).toBeUndefined();
  });
});
