import { describe, expect, it } from "vitest";
import { symmetricEigenpairs, symmetricEigenvalues } from "../../src/linalg/eigen.js";
import { relativeError } from "../helpers/numeric.js";

const VALID = {
  sigma: [
    [4, 1],
    [1, 1],
  ],
};

describe("symmetricEigenvalues", () => {
  it("returns the eigenvalues in ascending order (2×2 closed form)", () => {
    // [[4, 1], [1, 1]]: λ = (5 ± √13)/2.
    const [lo, hi] = symmetricEigenvalues(VALID.sigma);
    // Tolerance: mathjs's Jacobi iteration converges to a few ulps; 1e-14 relative.
    expect(relativeError(lo!, (5 - Math.sqrt(13)) / 2)).toBeLessThan(1e-14);
    expect(relativeError(hi!, (5 + Math.sqrt(13)) / 2)).toBeLessThan(1e-14);
  });

  it("satisfies the trace and determinant identities on a 3×3 (residual check)", () => {
    const m = [
      [2, 0.5, 0],
      [0.5, 1, 0.25],
      [0, 0.25, 1],
    ];
    const values = symmetricEigenvalues(m);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    const trace = 4;
    // det by cofactors: 2(1 − 1/16) − 0.5(0.5) = 1.625.
    const det = 1.625;
    // A few ulps of λ_max ≈ 2.2 each: 1e-14 absolute/relative is ample.
    expect(Math.abs(values.reduce((s, v) => s + v, 0) - trace)).toBeLessThan(1e-14);
    expect(
      relativeError(
        values.reduce((p, v) => p * v, 1),
        det,
      ),
    ).toBeLessThan(1e-14);
    // Each λ is a root of det(M − λI): residual relative to ‖M‖³ ≈ 10.
    for (const lambda of values) {
      const a = m.map((row, i) => row.map((v, j) => (i === j ? v - lambda : v)));
      const charPoly =
        a[0]![0]! * (a[1]![1]! * a[2]![2]! - a[1]![2]! * a[2]![1]!) -
        a[0]![1]! * (a[1]![0]! * a[2]![2]! - a[1]![2]! * a[2]![0]!);
      expect(Math.abs(charPoly)).toBeLessThan(1e-13);
    }
  });
});

describe("symmetricEigenpairs", () => {
  it("returns unit eigenvectors with M v = λ v (2×2)", () => {
    const pairs = symmetricEigenpairs([
      [4, 1],
      [1, 1],
    ]);
    expect(pairs).toHaveLength(2);
    for (const { value, vector } of pairs) {
      const [x, y] = vector as [number, number];
      // Residual of M v − λ v relative to ‖M‖ ≈ 4.2: a few ulps, 1e-13 ample.
      expect(Math.abs(4 * x + y - value * x)).toBeLessThan(1e-13);
      expect(Math.abs(x + y - value * y)).toBeLessThan(1e-13);
      expect(Math.abs(Math.hypot(x, y) - 1)).toBeLessThan(1e-13);
    }
  });
});
