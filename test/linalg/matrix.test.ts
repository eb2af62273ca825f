import { describe, expect, it } from "vitest";
import {
  dot,
  frobenius,
  matMul,
  norm,
  quadraticForm,
  rowTimesMatrix,
  subMatrix,
  transpose,
} from "../../src/linalg/matrix.js";

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

describe("matMul, transpose, frobenius", () => {
  it("multiplies by hand: [[1, 2], [3, 4]]·[[5], [6]] = [[17], [39]]", () => {
    expect(
      matMul(
        [
          [1, 2],
          [3, 4],
        ],
        [[5], [6]],
      ),
    ).toEqual([[17], [39]]);
  });

  it("transposes a 2 × 3 matrix; (AB)ᵀ = BᵀAᵀ on M", () => {
    expect(transpose(M)).toEqual([
      [1, 4],
      [2, 5],
      [3, 6],
    ]);
    expect(transpose(matMul(M, transpose(M)))).toEqual(matMul(M, transpose(M)));
  });

  it("frobenius of [[3, 0], [0, 4]] is 5", () => {
    expect(
      frobenius([
        [3, 0],
        [0, 4],
      ]),
    ).toBe(5);
  });
});
