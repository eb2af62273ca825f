import { describe, expect, it } from "vitest";
import { dot, norm, quadraticForm, rowTimesMatrix, subMatrix } from "../../src/linalg/dense.js";

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
