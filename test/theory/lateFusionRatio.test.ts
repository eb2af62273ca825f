import { test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { toyParameters } from "../../src/claims/arbitraries/toyStatistics.js";
import {
  buildVectorStatistics,
  vectorStatisticsCase,
} from "../../src/claims/arbitraries/vectorStatistics.js";
import { derive, orient } from "../../src/statistics/derived.js";
import { fromMoments } from "../../src/statistics/teacher.js";
import { fromToy } from "../../src/statistics/toy.js";
import { lateFusionRatio } from "../../src/theory/lateFusionRatio.js";
import { relativeError } from "../helpers/numeric.js";

/**
 * Signed T2 vs the toy closed form 1 + (σA² − σB²)/(σB²(1 − ρ²)): the two sides cancel
 * differently (σA² − σB² with σA/σB ≥ 1.1: condition ≤ 5.8; e_B from Σ⁻¹ with |ρ| ≤ 0.9:
 * condition ≤ 1/(1 − 0.81) ≈ 5.3), so ≈ 30 ulps; measured ≤ 5.1e-15 over 2000 cases. 1e-12.
 */
const TOY_RTOL = 1e-12;

describe("lateFusionRatio (T2/T4)", () => {
  it("gives 5 on the acceptance toy σA = 2, σB = 1, ρ = 0.5 (1 + (4 − 1)/(3/4))", () => {
    const r = lateFusionRatio(fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.5 }));
    expect(r.form).toBe("signed");
    expect(r.outOfDomain).toBeUndefined();
    expect(relativeError(r.ratio, 5)).toBeLessThan(TOY_RTOL);
  });

  test.prop([toyParameters()])(
    "signed form = 1 + (σA² − σB²)/(σB²(1 − ρ²)) for w = (1, 1) and every ρ",
    (p) => {
      const r = lateFusionRatio(fromToy(p));
      const expected = 1 + (p.sigmaA ** 2 - p.sigmaB ** 2) / (p.sigmaB ** 2 * (1 - p.rho ** 2));
      expect(r.outOfDomain).toBeUndefined();
      expect(relativeError(r.ratio, expected)).toBeLessThan(TOY_RTOL);
    },
  );

  it("uses the signed form where Σ_yxB < 0 < e_B, unlike the norm form", () => {
    // σA = 2, σB = 1, ρ = −0.8: Σ_yxB = 1 − 1.6 = −0.6, e_B = 0.36, s_A = 4 − 1.6 = 2.4.
    const stats = fromToy({ sigmaA: 2, sigmaB: 1, rho: -0.8 });
    const q = derive(stats);
    expect(q.cosSigmaBeB).toBe(-1);
    const r = lateFusionRatio(stats);
    // Signed: 1 + (2.4 + 0.6)/0.36 = 1 + 3/0.36; the closed form (4 − 1)/(0.36) agrees.
    expect(relativeError(r.ratio, 1 + 3 / 0.36)).toBeLessThan(TOY_RTOL);
    // The norm form would give 1 + (2.4 − 0.6)/0.36 = 6: the sign matters.
    expect(Math.abs(r.ratio - 6)).toBeGreaterThan(1);
  });

  it("uses the signed form for scalar B even when A is a vector", () => {
    // Σ = I₃, dA = 2: e_B = Σ_yxB, so ratio = 1 + (‖Σ_yxA‖ − Σ_yxB)/Σ_yxB = 1 + (5 − 1)/1.
    const stats = fromMoments(
      [
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
      ],
      [3, 4, 1],
      30,
      2,
    );
    const r = lateFusionRatio(stats);
    expect(r.form).toBe("signed");
    expect(r.ratio).toBe(5);
  });

  test.prop([vectorStatisticsCase({ maxDim: 4 })])(
    "vector B: norm form 1 + (s_A − s_B)/‖e_B‖, flagged directions-apart iff Σ_yxB·e_B < 0",
    (c) => {
      const { stats } = orient(buildVectorStatistics(c));
      const q = derive(stats);
      const r = lateFusionRatio(stats);
      if (stats.dB === 1) {
        expect(r.form).toBe("signed");
        return;
      }
      expect(r.form).toBe("norm");
      // Same expression from the same derived numbers: exact.
      expect(r.ratio).toBe(1 + (q.sA - q.sB) / Math.hypot(...q.eB));
      if (r.outOfDomain !== "tie") {
        expect(r.outOfDomain === "directions-apart").toBe(q.cosSigmaBeB < 0);
      }
    },
  );
});

describe("lateFusionRatio domain flags", () => {
  it("flags a tie ‖Σ_yxA‖ = ‖Σ_yxB‖", () => {
    expect(lateFusionRatio(fromToy({ sigmaA: 1, sigmaB: 1, rho: 0.3 })).outOfDomain).toBe("tie");
  });

  it("flags statistics that are not oriented (B faster)", () => {
    expect(lateFusionRatio(fromToy({ sigmaA: 1, sigmaB: 2, rho: 0.3 })).outOfDomain).toBe(
      "B-not-faster-first",
    );
  });

  it("flags e_B = 0 (no B solution: W_B^full = 0)", () => {
    // Teacher w_B = 0: e_B = σB²(1 − ρ²)·0.
    const r = lateFusionRatio(fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.5, wB: 0 }));
    expect(r.outOfDomain).toBe("no-B-solution");
  });

  it("flags vector B whose Σ_yxB and e_B point apart (constructed case)", () => {
    // dA = 1, dB = 2, Σ_AB = [0.6, 0], Σ_B = I, Σ_yx = [3, 1, 0.1]:
    // e_B = [1 − 3·0.6, 0.1] = [−0.8, 0.1], Σ_yxB·e_B = −0.8 + 0.01 < 0.
    // Σ_yx Σ⁻¹ Σ_yxᵀ = (9 − 3.6 + 1)/0.64 + 0.01 = 10.01 ≤ σ_y² = 11.
    const stats = fromMoments(
      [
        [1, 0.6, 0],
        [0.6, 1, 0],
        [0, 0, 1],
      ],
      [3, 1, 0.1],
      11,
      1,
    );
    const q = derive(stats);
    expect(q.cosSigmaBeB).toBeLessThan(0);
    const r = lateFusionRatio(stats);
    expect(r.form).toBe("norm");
    expect(r.outOfDomain).toBe("directions-apart");
    // The value is still reported (X6 measures how wrong it is).
    expect(
      relativeError(r.ratio, 1 + (3 - Math.hypot(1, 0.1)) / Math.hypot(0.8, 0.1)),
    ).toBeLessThan(1e-14);
  });
});
