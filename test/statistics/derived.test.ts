import { test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { toyParameters } from "../../src/claims/arbitraries/toyStatistics.js";
import {
  buildVectorStatistics,
  vectorStatisticsCase,
} from "../../src/claims/arbitraries/vectorStatistics.js";
import {
  derive,
  fasterModality,
  lossOf,
  orient,
  splitBlocks,
  swapModalities,
} from "../../src/statistics/derived.js";
import type { Statistics } from "../../src/statistics/statistics.js";
import { fromMoments, fromTeacher } from "../../src/statistics/teacher.js";
import { fromToy } from "../../src/statistics/toy.js";
import { assertClose, maxAbs, vecMat } from "../helpers/numeric.js";

/**
 * Derived quantities of generated vector statistics (D ≤ 16, κ(Σ) ≤ 10, the arbitrary's
 * defaults) are computed through LU inverses: forward error ≲ D·κ·ε ≈ 16·10·2.2e-16 ≈
 * 3.5e-14 relative to the quantity's scale. Measured over 2000 cases: ≤ 1e-15. 1e-13.
 */
const VECTOR_RTOL = 1e-13;

/**
 * Toy identities (e_B, misattribution) against closed forms: Σ⁻¹ of the toy has
 * κ ≤ (σA/σB)²·(1+|ρ|)/(1−|ρ|) ≈ 171 for the arbitrary's σA/σB ≤ 3, |ρ| ≤ 0.9, so the
 * forward error is ≲ 171·2·ε ≈ 8e-14 of the scale; measured ≤ 2e-15 over 5000 cases. 1e-13.
 */
const TOY_RTOL = 1e-13;
/**
 * Absolute floor: the random teacher may be subnormal (fast-check draws such doubles),
 * where products lose relative precision; absolute resolution there is 5e-324.
 */
const UNDERFLOW_ATOL = 1e-300;

/** The acceptance toy σA = 2, σB = 1, ρ = 0.5, w = (1, 1). */
const TOY = fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.5 });

/** Submatrix by hand (the test does not reuse the code under test for Σ_BA). */
function block(sigma: readonly (readonly number[])[], rows: number[], cols: number[]): number[][] {
  return rows.map((i) => cols.map((j) => sigma[i]![j]!));
}
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe("derive on the acceptance toy (values worked by hand)", () => {
  const q = derive(TOY);
  // Σ = [[4, 1], [1, 1]], det 3, Σ⁻¹ = (1/3)[[1, −1], [−1, 4]], Σ_yx = [5, 2]: each
  // value below is a few roundings of a rational number, so 1e-15 absolute (≈ 4 ulps).
  const tight = { rtol: 0, atol: 1e-15 };

  it("W^full = Σ_yx Σ⁻¹ = w* = [1, 1]; W_A^uni = 5/4, W_B^uni = 2", () => {
    assertClose(q.wFull, [1, 1], tight, "wFull");
    assertClose(q.wUniA, [1.25], tight, "wUniA");
    assertClose(q.wUniB, [2], tight, "wUniB");
  });

  it("losses ℒ(0) = 7/2, ℒ(M_A) = ½(7 − 25/4), ℒ(M_B) = ½(7 − 4), ℒ* = 0", () => {
    expect(q.lossZero).toBe(3.5);
    assertClose(q.lossUniA, 0.375, tight, "lossUniA");
    assertClose(q.lossUniB, 1.5, tight, "lossUniB");
    // ℒ* = ½(7 − 7): cancellation of two O(7) numbers, a few ulps of 7.
    assertClose(q.lossFull, 0, { rtol: 0, atol: 8 * 7 * Number.EPSILON }, "lossFull");
  });

  it("rates s_A = 5, s_B = 2, e_B = σB²(1−ρ²) = 3/4, misattribution ρσB/σA = 1/4, cos = 1", () => {
    expect(q.sA).toBe(5);
    expect(q.sB).toBe(2);
    assertClose(q.eB, [0.75], tight, "eB");
    assertClose(q.misattribution, [0.25], tight, "misattribution");
    expect(q.cosSigmaBeB).toBe(1);
  });
});

describe("derive: docs/theory.md §1 identities", () => {
  test.prop([toyParameters({ teacher: "random" })])(
    "toy: e_B = σB²(1 − ρ²)·w_B and misattribution = ρ·w_B·σB/σA, for any teacher",
    (p) => {
      const q = derive(fromToy(p));
      const wMax = Math.max(Math.abs(p.wA!), Math.abs(p.wB!));
      const eScale = wMax * Math.max(p.sigmaA, p.sigmaB) ** 2;
      assertClose(q.eB, [p.sigmaB ** 2 * (1 - p.rho ** 2) * p.wB!], {
        rtol: 0,
        atol: TOY_RTOL * eScale + UNDERFLOW_ATOL,
      });
      assertClose(q.misattribution, [(p.rho * p.wB! * p.sigmaB) / p.sigmaA], {
        rtol: 0,
        atol: TOY_RTOL * wMax + UNDERFLOW_ATOL,
      });
    },
  );

  test.prop([vectorStatisticsCase()])(
    "W^full, W_m^uni solve their normal equations (residuals) and the losses are ordered",
    (c) => {
      const stats = buildVectorStatistics(c);
      const q = derive(stats);
      const { sigma, sigmaYX, dA } = stats;
      const d = sigma.length;
      const sigmaScale = maxAbs(sigma.flat());
      // W^full Σ = Σ_yx.
      assertClose(vecMat(q.wFull, sigma), sigmaYX, {
        rtol: 0,
        atol: VECTOR_RTOL * maxAbs(q.wFull) * sigmaScale * d,
      });
      // W_m^uni Σ_m = Σ_yxm.
      const [yxA, yxB] = splitBlocks(stats, sigmaYX);
      const sigmaA = block(sigma, range(0, dA), range(0, dA));
      const sigmaB = block(sigma, range(dA, d), range(dA, d));
      assertClose(vecMat(q.wUniA, sigmaA), yxA, {
        rtol: 0,
        atol: VECTOR_RTOL * maxAbs(q.wUniA) * sigmaScale * d,
      });
      assertClose(vecMat(q.wUniB, sigmaB), yxB, {
        rtol: 0,
        atol: VECTOR_RTOL * maxAbs(q.wUniB) * sigmaScale * d,
      });
      // ℒ* ≤ ℒ(M_m) ≤ ℒ(0), each up to the round-off of a loss (VECTOR_RTOL·ℒ(0)).
      const slack = VECTOR_RTOL * q.lossZero;
      for (const lossUni of [q.lossUniA, q.lossUniB]) {
        expect(q.lossFull).toBeLessThanOrEqual(lossUni + slack);
        expect(lossUni).toBeLessThanOrEqual(q.lossZero + slack);
      }
      // The closed-form losses agree with ℒ evaluated at the maps themselves.
      assertClose(lossOf(stats, q.wFull), q.lossFull, { rtol: 0, atol: slack });
      assertClose(lossOf(stats, [...q.wUniA, ...new Array(d - dA).fill(0)]), q.lossUniA, {
        rtol: 0,
        atol: slack,
      });
      assertClose(lossOf(stats, [...new Array(dA).fill(0), ...q.wUniB]), q.lossUniB, {
        rtol: 0,
        atol: slack,
      });
      expect(lossOf(stats, new Array(d).fill(0))).toBe(q.lossZero);
    },
  );

  test.prop([vectorStatisticsCase()])(
    "misattribution W_A^uni − W_A^full equals the teacher form w_B*ᵀ Σ_BA Σ_A⁻¹",
    (c) => {
      const stats = buildVectorStatistics(c);
      const q = derive(stats);
      const { sigma, dA } = stats;
      const d = sigma.length;
      const wStar = stats.teacher!.wStar;
      // Solve x Σ_A = w_B*ᵀ Σ_BA by substituting the residual: check x Σ_A − w_B*ᵀΣ_BA ≈ 0
      // with x = the misattribution (a residual check, no second inverse).
      const sigmaA = block(sigma, range(0, dA), range(0, dA));
      const sigmaBA = block(sigma, range(dA, d), range(0, dA));
      const target = vecMat(wStar.slice(dA), sigmaBA);
      assertClose(vecMat(q.misattribution, sigmaA), target, {
        rtol: 0,
        atol: VECTOR_RTOL * maxAbs(wStar) * maxAbs(sigma.flat()) * d,
      });
    },
  );
});

describe("eB and its angle", () => {
  it("cos(Σ_yxB, e_B) is NaN when Σ_yxB = 0 (toy σA = 2, ρ = −1/2)", () => {
    const q = derive(fromToy({ sigmaA: 2, sigmaB: 1, rho: -0.5 }));
    expect(q.sB).toBe(0);
    expect(q.cosSigmaBeB).toBeNaN();
  });

  it("cos = −1 when Σ_yxB and e_B have opposite signs (toy σA = 2, ρ = −0.8)", () => {
    // Σ_yxB = 1 − 1.6 < 0, e_B = 1 − 0.64 > 0.
    expect(derive(fromToy({ sigmaA: 2, sigmaB: 1, rho: -0.8 })).cosSigmaBeB).toBe(-1);
  });
});

describe("lossOf", () => {
  it("evaluates ½σ_y² − Σ_yx Wᵀ + ½ WΣWᵀ (toy, by hand)", () => {
    expect(lossOf(TOY, [0, 0])).toBe(3.5);
    // W = [1, 0]: 3.5 − 5 + ½·4.
    expect(lossOf(TOY, [1, 0])).toBe(0.5);
  });
});

describe("T8's example: faster is not better", () => {
  it("σA = 2, wA = 1/2, σB = 1, wB = 3/2, ρ = 0: s_A = 2 > s_B = 3/2 but ℒ(M_A) = 1.125 > ℒ(M_B) = 0.5", () => {
    const stats = fromToy({ sigmaA: 2, sigmaB: 1, rho: 0, wA: 0.5, wB: 1.5 });
    // By hand: Σ = diag(4, 1), Σ_yx = [0.5·4, 1.5·1] = [2, 1.5],
    // σ_y² = 0.25·4 + 2.25·1 = 3.25; ℒ(M_A) = ½(3.25 − 2²/4) = 1.125,
    // ℒ(M_B) = ½(3.25 − 1.5²/1) = 0.5. All dyadic: exact.
    const q = derive(stats);
    expect(q.sA).toBe(2);
    expect(q.sB).toBe(1.5);
    expect(q.lossUniA).toBe(1.125);
    expect(q.lossUniB).toBe(0.5);
    expect(fasterModality(stats)).toBe("A");
  });
});

describe("fasterModality, orient and swapModalities", () => {
  it("names the modality with the larger ‖Σ_yxm‖, or a tie within 1e-12 relative", () => {
    expect(fasterModality(TOY)).toBe("A");
    expect(fasterModality(fromToy({ sigmaA: 1, sigmaB: 2, rho: 0.5 }))).toBe("B");
    expect(fasterModality(fromToy({ sigmaA: 1, sigmaB: 1, rho: 0.3 }))).toBe("tie");
    const nearTie = fromMoments(
      [
        [1, 0],
        [0, 1],
      ],
      [1, 1 + 1e-13],
      3,
      1,
    );
    expect(fasterModality(nearTie)).toBe("tie");
    const notTie = fromMoments(
      [
        [1, 0],
        [0, 1],
      ],
      [1, 1 + 1e-9],
      3,
      1,
    );
    expect(fasterModality(notTie)).toBe("B");
  });

  it("orient leaves A-first statistics alone and swaps when B is faster", () => {
    expect(orient(TOY)).toEqual({ stats: TOY, swapped: false });
    const slowFirst = fromToy({ sigmaA: 1, sigmaB: 2, rho: 0.5 });
    const { stats, swapped } = orient(slowFirst);
    expect(swapped).toBe(true);
    expect(fasterModality(stats)).toBe("A");
    expect(stats.sigmaYX).toEqual([slowFirst.sigmaYX[1], slowFirst.sigmaYX[0]]);
    expect(stats.label).toContain("modalities swapped");
  });

  it("swaps blocks of unequal sizes (dA = 1, dB = 2) by hand", () => {
    const stats = fromTeacher(
      [
        [2, 0.5, 0],
        [0.5, 1, 0.25],
        [0, 0.25, 1],
      ],
      [1, -2, 4],
      0.5,
      1,
    );
    const swapped = swapModalities(stats);
    expect(swapped.dA).toBe(2);
    expect(swapped.dB).toBe(1);
    expect(swapped.sigma).toEqual([
      [1, 0.25, 0.5],
      [0.25, 1, 0],
      [0.5, 0, 2],
    ]);
    expect(swapped.sigmaYX).toEqual([-0.5, 3.5, 1]);
    expect(swapped.sigmaY2).toBe(stats.sigmaY2);
    expect(swapped.teacher).toEqual({ wStar: [-2, 4, 1], noiseStd: 0.5 });
  });

  it("keeps teacher-free statistics teacher-free", () => {
    const moments = fromMoments(
      [
        [4, 1],
        [1, 1],
      ],
      [5, 2],
      8,
      1,
    );
    expect(swapModalities(moments).teacher).toBeUndefined();
  });

  test.prop([vectorStatisticsCase()])("swapping twice is the identity (labels aside)", (c) => {
    const stats = buildVectorStatistics(c);
    const { label: _l1, ...twice } = swapModalities(swapModalities(stats));
    const { label: _l2, ...once } = stats;
    expect(twice).toEqual(once);
  });

  test.prop([vectorStatisticsCase()])(
    "swapped statistics give the same derived quantities with the blocks exchanged",
    (c) => {
      const stats = buildVectorStatistics(c);
      const q = derive(stats);
      const s = derive(swapModalities(stats));
      // Same problem, permuted: only the LU pivot order differs. Tolerance as above.
      const tol = (scale: number) => ({ rtol: 0, atol: VECTOR_RTOL * scale });
      const wScale = maxAbs(q.wFull) + maxAbs(q.wUniA) + maxAbs(q.wUniB);
      assertClose(s.wFull, [...q.wFull.slice(c.dA), ...q.wFull.slice(0, c.dA)], tol(wScale));
      assertClose(s.wUniA, q.wUniB, tol(wScale));
      assertClose(s.wUniB, q.wUniA, tol(wScale));
      assertClose(
        [s.lossZero, s.lossFull, s.lossUniA, s.lossUniB],
        [q.lossZero, q.lossFull, q.lossUniB, q.lossUniA],
        tol(q.lossZero),
      );
      expect(s.sA).toBe(q.sB);
      expect(s.sB).toBe(q.sA);
    },
  );
});

describe("splitBlocks", () => {
  it("splits a row at dA", () => {
    const stats: Statistics = { ...TOY, dA: 1, dB: 1 };
    expect(splitBlocks(stats, [7, 8])).toEqual([[7], [8]]);
  });
});
