import { describe, expect, it } from "vitest";
import { MIN_ALIGNMENT, vectorTargetSetup } from "../../src/claims/vectorTargetCase.js";
import { fromVectorTeacher } from "../../src/statistics/vectorTarget.js";

const identity = (d: number) =>
  Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => (i === j ? 1 : 0)));

/**
 * Σ = I: Σ_yx = W*, no cross-covariance, so e_B = Σ_yxB and every singular value below is
 * read off by hand from W*'s columns. Tolerance 12 digits: singular values come from an
 * iterative decomposition of 2×2 or 3×3 matrices, converged far below that.
 */
const teacher = (wStar: number[][], dA: number) =>
  fromVectorTeacher(identity(wStar[0]!.length), wStar, 0, dA);

describe("vectorTargetSetup", () => {
  it("k = 2, scalar modalities: ratio 1 + (σ₁A − σ₁B)/σ₁(e_B) = 1 + (2 − 1)/1 = 2", () => {
    const s = vectorTargetSetup(
      teacher(
        [
          [2, 0],
          [0, 1],
        ],
        1,
      ),
      1e-3,
    );
    expect(s.ratio).toBeCloseTo(2, 12);
    expect(s.k).toBeCloseTo(0.5, 12);
    // e_B = Σ_yxB: B's own top mode, fully aligned.
    expect(s.alignment).toBeCloseTo(1, 12);
    expect(s.multiModeA).toBe(false);
    expect(s.frobeniusRatio).toBeCloseTo(2, 12);
    expect(s.outOfDomain).toBeUndefined();
    expect(Number.isFinite(s.targetRatio)).toBe(true);
  });

  it("orients: a larger σ₁(Σ_yxB) swaps the modalities, with the same ratio", () => {
    const s = vectorTargetSetup(
      teacher(
        [
          [1, 0],
          [0, 2],
        ],
        1,
      ),
      1e-3,
    );
    expect(s.stats.sigmaYX).toEqual([
      [0, 1],
      [2, 0],
    ]);
    expect(s.ratio).toBeCloseTo(2, 12);
  });

  it("several A modes: multiModeA, ratio 1 + (2 − 0.5)/0.5 = 4", () => {
    // D = 3, dA = 2: Σ_yxA = [[2, 0], [0, 1]] (modes 2 and 1), Σ_yxB = (0.5, 0)ᵀ.
    const s = vectorTargetSetup(
      teacher(
        [
          [2, 0, 0.5],
          [0, 1, 0],
        ],
        2,
      ),
      1e-3,
    );
    expect(s.multiModeA).toBe(true);
    expect(s.ratio).toBeCloseTo(4, 12);
  });

  it("equal top singular values: a tie, no ratio", () => {
    const s = vectorTargetSetup(teacher(identity(2), 1), 1e-3);
    expect(s.outOfDomain).toBe("tie");
    expect(s.ratio).toBeNaN();
    expect(s.targetRatio).toBeNaN();
  });

  it("B without any correlation with y: no-B-solution", () => {
    const s = vectorTargetSetup(
      teacher(
        [
          [2, 0],
          [1, 0],
        ],
        1,
      ),
      1e-3,
    );
    expect(s.outOfDomain).toBe("no-B-solution");
    expect(s.ratio).toBeNaN();
  });

  it("the alignment threshold is the documented 0.2", () => {
    expect(MIN_ALIGNMENT).toBe(0.2);
  });
});
