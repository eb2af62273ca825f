import { test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import {
  buildVectorStatistics,
  vectorStatisticsCase,
} from "../../src/claims/arbitraries/vectorStatistics.js";
import { derive, lossOf } from "../../src/statistics/derived.js";
import { fromMoments } from "../../src/statistics/teacher.js";
import { fromToy } from "../../src/statistics/toy.js";
import { plateauPrediction } from "../../src/theory/plateau.js";
import { assertClose, maxAbs } from "../helpers/numeric.js";

/**
 * Misattribution two ways (W_A^uni − W_A^full vs w_B*ᵀΣ_BAΣ_A⁻¹) for κ(Σ) ≤ 10, D ≤ 16:
 * forward errors of two LU solves, ≲ D·κ·ε·‖w*‖ ≈ 3.5e-14‖w*‖; measured ≤ 7e-16. 1e-13.
 */
const MISATTRIBUTION_RTOL = 1e-13;

describe("plateauPrediction (T3)", () => {
  it("on the acceptance toy: plateau [5/4, 0] at ℒ(M_A) = 3/8, end [1, 1] at ℒ* = 0", () => {
    const p = plateauPrediction(fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.5 }));
    // A few roundings of rationals: 1e-15 absolute.
    const tight = { rtol: 0, atol: 1e-15 };
    assertClose(p.plateauMap, [1.25, 0], tight);
    assertClose(p.plateauLoss, 0.375, tight);
    assertClose(p.finalMap, [1, 1], tight);
    assertClose(p.finalLoss, 0, { rtol: 0, atol: 8 * 7 * Number.EPSILON });
    // ρ w_B σ_B/σ_A = 1/4, both ways.
    assertClose(p.misattribution, [0.25], tight);
    assertClose(p.misattributionFromTeacher!, [0.25], tight);
  });

  test.prop([vectorStatisticsCase()])(
    "plateau map has zero B block, its loss is ℒ(M_A), and the teacher form of the misattribution agrees",
    (c) => {
      const stats = buildVectorStatistics(c);
      const q = derive(stats);
      const p = plateauPrediction(stats);
      expect(p.plateauMap.slice(0, c.dA)).toEqual(q.wUniA);
      expect(p.plateauMap.slice(c.dA).every((v) => v === 0)).toBe(true);
      expect(p.plateauLoss).toBe(q.lossUniA);
      expect(p.finalMap).toEqual(q.wFull);
      expect(p.finalLoss).toBe(q.lossFull);
      // ℒ at the plateau map is ℒ(M_A) up to loss round-off.
      assertClose(lossOf(stats, p.plateauMap), p.plateauLoss, {
        rtol: 0,
        atol: 1e-13 * q.lossZero,
      });
      assertClose(p.misattributionFromTeacher!, p.misattribution, {
        rtol: 0,
        atol: MISATTRIBUTION_RTOL * maxAbs(stats.teacher!.wStar),
      });
    },
  );

  it("has no teacher form without a teacher", () => {
    const stats = fromMoments(
      [
        [4, 1],
        [1, 1],
      ],
      [5, 2],
      8,
      1,
    );
    expect(plateauPrediction(stats).misattributionFromTeacher).toBeUndefined();
  });
});
