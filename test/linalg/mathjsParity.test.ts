import { test } from "@fast-check/vitest";
import fc from "fast-check";
import { eigs, inv } from "mathjs";
import { describe, expect, it } from "vitest";
import { symmetricEigenpairs, symmetricEigenvalues } from "../../src/linalg/eigen.js";
import { inverse } from "../../src/linalg/inverse.js";

/*
 * src/linalg/inverse.ts and eigen.ts replaced calls into mathjs (issue 14: mathjs's 1262
 * modules kept `ubias predict` from starting fast). They are ports of mathjs 15's own
 * algorithms for arrays of numbers (inv: Gauss-Jordan with partial pivoting, 2×2 by the
 * adjugate; eigs: Jacobi rotations of its realSymmetric path), doing the same IEEE
 * operations in the same order, with the same Math.atan/cos/sin. So the bound on the
 * relative error is 0: every double must be identical (Object.is: -0 and NaN included), on
 * matrices of every size the project uses (1×1 to 8×8; Σ is D×D with D ≤ a few dozen, the
 * Gram matrices of vector targets are as small) and over scales far from 1.
 */

/** An entry: mostly of order one, sometimes tiny, huge or exactly zero (pivoting ties). */
const entry = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: -10, max: 10, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(0, 1, -1, 0.5) },
  { weight: 1, arbitrary: fc.double({ min: -1e-8, max: 1e-8, noNaN: true }) },
);
const scale = fc.constantFrom(1, 1e-30, 1e-6, 1e6, 1e30);

/** A square matrix n×n, n ≤ 8, times a scale. */
const square = fc
  .tuple(fc.integer({ min: 1, max: 8 }), scale)
  .chain(([n, s]) =>
    fc
      .array(fc.array(entry, { minLength: n, maxLength: n }), { minLength: n, maxLength: n })
      .map((m) => m.map((row) => row.map((v) => v * s))),
  );

/** A symmetric matrix: the upper triangle of a square one mirrored (exactly symmetric). */
const symmetric = square.map((m) => m.map((row, i) => row.map((v, j) => (j >= i ? v : m[j]![i]!))));

/** A covariance-like Σ = A Aᵀ + δI (symmetric positive definite, as the statistics hold). */
const covariance = square.map((a) => {
  const n = a.length;
  return a.map((_, i) =>
    a.map((_, j) => {
      let sum = i === j ? 1e-3 * Math.abs(a[0]![0]! || 1) : 0;
      for (let k = 0; k < n; k++) sum += a[i]![k]! * a[j]![k]!;
      return sum;
    }),
  );
});

const copy = (m: number[][]) => m.map((row) => [...row]);

/** mathjs's inverse as src/linalg/inverse.ts called it (1×1 by division), or its error. */
function mathjsInverse(m: number[][]): number[][] | string {
  if (m.length === 1) return [[1 / m[0]![0]!]];
  try {
    return inv(copy(m)) as number[][];
  } catch (error) {
    return (error as Error).message;
  }
}

function ownInverse(m: number[][]): number[][] | string {
  try {
    return inverse(m);
  } catch (error) {
    return (error as Error).message;
  }
}

/** Object.is on every entry, so 0 and -0 (and NaN) count as different doubles. */
function identical(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => identical(x, b[i]));
  if (typeof a === "object" && a !== null && typeof b === "object" && b !== null)
    return identical(Object.entries(a), Object.entries(b));
  return Object.is(a, b);
}

describe("inverse equals mathjs inv bit for bit", () => {
  test.prop([square], { numRuns: 300 })("on square matrices (any, possibly singular)", (m) => {
    expect(identical(ownInverse(m), mathjsInverse(m))).toBe(true);
  });

  test.prop([covariance], { numRuns: 300 })("on covariance-like Σ = AAᵀ + δI", (m) => {
    expect(identical(ownInverse(m), mathjsInverse(m))).toBe(true);
  });

  it("on singular matrices: the same error message", () => {
    for (const m of [
      [
        [1, 2],
        [2, 4],
      ],
      [
        [1, 2, 3],
        [2, 4, 6],
        [0, 0, 1],
      ],
    ]) {
      expect(ownInverse(m)).toBe("Cannot calculate inverse, determinant is zero");
      expect(mathjsInverse(m)).toBe("Cannot calculate inverse, determinant is zero");
    }
  });
});

describe("symmetric eigen decompositions equal mathjs eigs bit for bit", () => {
  test.prop([symmetric], { numRuns: 300 })("eigenvalues (ascending) of symmetric matrices", (m) => {
    const expected = (eigs(copy(m)).values as number[]).map(Number).sort((a, b) => a - b);
    expect(identical(symmetricEigenvalues(m), expected)).toBe(true);
  });

  test.prop([covariance], { numRuns: 300 })("eigenvalues of covariance-like Σ", (m) => {
    const expected = (eigs(copy(m)).values as number[]).map(Number).sort((a, b) => a - b);
    expect(identical(symmetricEigenvalues(m), expected)).toBe(true);
  });

  test.prop([symmetric], { numRuns: 300 })("eigenpairs in mathjs's order", (m) => {
    const { eigenvectors } = eigs(copy(m)) as unknown as {
      eigenvectors: { value: number; vector: number[] }[];
    };
    expect(identical(symmetricEigenpairs(m), eigenvectors)).toBe(true);
  });

  it("a matrix asymmetric beyond 1e-12 goes to mathjs itself (its general path)", () => {
    const m = [
      [4e6, 1e6 + 1e-9],
      [1e6, 1e6],
    ];
    const expected = (eigs(copy(m)).values as number[]).map(Number).sort((a, b) => a - b);
    expect(identical(symmetricEigenvalues(m), expected)).toBe(true);
    // mathjs's general path starts its inverse iteration from Math.random() vectors, so its
    // eigenvectors differ between calls in their last digits and sign (measured: two calls
    // in one process); the eigenvalues do not. Compare values, and each vector's residual.
    const pairs = symmetricEigenpairs(m);
    expect(pairs.map((p) => p.value)).toEqual(
      (eigs(copy(m)) as unknown as { eigenvectors: { value: number }[] }).eigenvectors.map(
        (p) => p.value,
      ),
    );
    for (const { value, vector } of pairs) {
      const [x, y] = vector as [number, number];
      // ‖M v − λ v‖ relative to ‖M‖‖v‖ ≈ 4e6‖v‖: round-off of a few ulps; 1e-12 is ample.
      const scale = 4.3e6 * Math.hypot(x, y);
      expect(Math.abs(m[0]![0]! * x + m[0]![1]! * y - value * x) / scale).toBeLessThan(1e-12);
      expect(Math.abs(m[1]![0]! * x + m[1]![1]! * y - value * y) / scale).toBeLessThan(1e-12);
    }
  });

  it("does not modify its argument", () => {
    const m = [
      [2, 0.5, 0],
      [0.5, 1, 0.25],
      [0, 0.25, 1],
    ];
    const before = copy(m);
    symmetricEigenpairs(m);
    symmetricEigenvalues(m);
    inverse(m);
    expect(m).toEqual(before);
  });
});
