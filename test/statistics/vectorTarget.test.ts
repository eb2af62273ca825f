import { describe, expect, it } from "vitest";
import { singularModes, topSingularValue } from "../../src/linalg/eigen.js";
import {
  deriveVectorTarget,
  fromVectorTeacher,
  swapVectorTargetModalities,
} from "../../src/statistics/vectorTarget.js";

describe("vector-target statistics (X5)", () => {
  const sigma = [
    [2, 0.5, 0],
    [0.5, 1, 0.2],
    [0, 0.2, 1],
  ];
  const wStar = [
    [1, 0, 1],
    [0, 2, -1],
  ];
  const stats = fromVectorTeacher(sigma, wStar, 0.1, 1);

  it("Σ_yx = W*Σ, E‖y‖² = tr(W*ΣW*ᵀ) + kσ_ε² (by hand)", () => {
    const expected = [
      [2, 0.7, 1],
      [1, 1.8, -0.6],
    ];
    expected.forEach((row, i) => {
      row.forEach((v, j) => {
        expect(stats.sigmaYX[i]![j]).toBeCloseTo(v, 14);
      });
    });
    // tr = Σ_ij (W*Σ)_ij W*_ij = 2 + 1 + 3.6 + 0.6 = 7.2; + 2·0.01.
    expect(stats.sigmaY2).toBeCloseTo(7.22, 14);
  });

  it("the noiseless teacher is the full solution; e_B of a diagonal-free A block", () => {
    const q = deriveVectorTarget(fromVectorTeacher(sigma, wStar, 0, 1));
    for (let i = 0; i < 2; i++)
      for (let j = 0; j < 3; j++) expect(q.wFull[i]![j]).toBeCloseTo(wStar[i]![j]!, 12);
    // e_B = Σ_yxB − Σ_yxA Σ_A⁻¹ Σ_AB, Σ_A = 2, Σ_AB = [0.5, 0].
    expect(q.eB[0]![0]).toBeCloseTo(0.7 - 2 * 0.25, 14);
    expect(q.eB[1]![1]).toBeCloseTo(-0.6, 14);
  });

  it("singular values of a known matrix: diag(3, 1) rotated; rank-one gives one mode", () => {
    const c = Math.cos(0.3);
    const s = Math.sin(0.3);
    const m = [
      [3 * c, -s],
      [3 * s, c],
    ];
    const modes = singularModes(m);
    expect(modes.map((x) => x.value)).toEqual([expect.closeTo(3, 12), expect.closeTo(1, 12)]);
    // M v = σ l.
    for (const mode of modes)
      for (let i = 0; i < 2; i++)
        expect(m[i]![0]! * mode.right[0]! + m[i]![1]! * mode.right[1]!).toBeCloseTo(
          mode.value * mode.left[i]!,
          12,
        );
    expect(
      singularModes([
        [1, 2],
        [2, 4],
      ]),
    ).toHaveLength(1);
    expect(topSingularValue([[3], [4]])).toBeCloseTo(5, 14);
  });

  it("swapping the modalities swaps the blocks", () => {
    const swapped = swapVectorTargetModalities(stats);
    expect([swapped.dA, swapped.dB]).toEqual([2, 1]);
    expect(swapped.sigmaYX[0]).toEqual([stats.sigmaYX[0]![1], stats.sigmaYX[0]![2], 2]);
    expect(swapped.sigma[2]).toEqual([0.5, 0, 2]);
  });
});
