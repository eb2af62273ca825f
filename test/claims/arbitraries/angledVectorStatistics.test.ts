import { test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import {
  angledVectorStatisticsCase,
  buildAngledVectorStatistics,
} from "../../../src/claims/arbitraries/angledVectorStatistics.js";
import {
  isSymmetricPositiveDefinite,
  reaches,
  sampleTwice,
  solveRowSystem,
} from "../../helpers/arbitrary.js";

/**
 * e_B = Σ_yxB − W_A^uni Σ_AB with W_A^uni = Σ_yxA Σ_A⁻¹ (docs/theory.md §1.2), computed here
 * by an independent solve, so the prescribed angle and length are checked against the
 * statistics, not against the generator's own intermediate vectors.
 */
function residualB(s: {
  readonly sigma: readonly (readonly number[])[];
  readonly sigmaYX: readonly number[];
  readonly dA: number;
}) {
  const { dA } = s;
  const sigmaA = s.sigma.slice(0, dA).map((r) => r.slice(0, dA));
  const wUni = solveRowSystem(sigmaA, s.sigmaYX.slice(0, dA));
  const yxB = s.sigmaYX.slice(dA);
  const eB = yxB.map((v, j) => v - wUni.reduce((sum, w, i) => sum + w * s.sigma[i]![dA + j]!, 0));
  return { yxB, eB };
}
const dot = (a: readonly number[], b: readonly number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0);

describe("angledVectorStatisticsCase", () => {
  test.prop([angledVectorStatisticsCase()])(
    "dB ∈ [2, 4], dA ∈ [dB, dB + 2], 1 + cos θ ∈ [1e-4, 2], k ∈ [0.1, 0.8], ‖e_B‖/s_B ∈ [0.2, 2]",
    (c) => {
      expect(c.dB).toBeGreaterThanOrEqual(2);
      expect(c.dB).toBeLessThanOrEqual(4);
      expect(c.dA - c.dB).toBeGreaterThanOrEqual(0);
      expect(c.dA - c.dB).toBeLessThanOrEqual(2);
      expect(c.onePlusCos).toBeGreaterThanOrEqual(1e-4);
      expect(c.onePlusCos).toBeLessThanOrEqual(2);
      expect(c.k).toBeGreaterThanOrEqual(0.1);
      expect(c.k).toBeLessThanOrEqual(0.8);
      expect(c.eOverSB).toBeGreaterThanOrEqual(0.2);
      expect(c.eOverSB).toBeLessThanOrEqual(2);
    },
  );

  it("reaches near-antiparallel (1 + cos θ = 1e-4) and parallel (= 2) directions", () => {
    const near = (x: number, target: number) => Math.abs(x / target - 1) <= 8 * Number.EPSILON;
    expect(reaches(angledVectorStatisticsCase(), (c) => near(c.onePlusCos, 1e-4))).toBe(true);
    expect(reaches(angledVectorStatisticsCase(), (c) => near(c.onePlusCos, 2))).toBe(true);
    expect(
      reaches(angledVectorStatisticsCase({ minOnePlusCos: 1e-6 }), (c) => near(c.onePlusCos, 1e-6)),
    ).toBe(true);
  });

  it("is deterministic for a seed", () => {
    const [a, b] = sampleTwice(angledVectorStatisticsCase());
    expect(a).toEqual(b);
  });
});

describe("buildAngledVectorStatistics", () => {
  test.prop([angledVectorStatisticsCase()], { numRuns: 40 })(
    "Σ SPD; s_B = ‖Σ_yxB‖ = 1, cos(Σ_yxB, e_B) = 1 + cos θ − 1, ‖e_B‖ = eOverSB, s_B/s_A ≤ k",
    (c) => {
      const s = buildAngledVectorStatistics(c);
      expect(isSymmetricPositiveDefinite(s.sigma)).toBe(true);
      const { yxB, eB } = residualB(s);
      const sB = Math.hypot(...yxB);
      const e = Math.hypot(...eB);
      // Tolerances: Σ_A has condition ≤ 4 and the cross block is scaled by ε ≤ 1, so the
      // solve for W_A^uni loses at most a few digits of the ~1e-16 inputs; 1e-9 absolute on
      // these O(1) quantities leaves a wide margin and still fails a wrong angle.
      expect(Math.abs(sB - 1)).toBeLessThan(1e-12);
      expect(Math.abs(e - c.eOverSB)).toBeLessThan(1e-9);
      expect(Math.abs(dot(yxB, eB) / (sB * e) - (c.onePlusCos - 1))).toBeLessThan(1e-9);
      const sA = Math.hypot(...s.sigmaYX.slice(0, s.dA));
      expect(sB / sA).toBeLessThanOrEqual(c.k * (1 + 1e-9));
      expect(s.sigmaY2).toBeGreaterThan(0);
    },
  );

  it("reaches the target rate ratio k exactly in the draws where ε < 1 is not capped", () => {
    let hit = 0;
    for (let seed = 0; seed < 40; seed++) {
      const s = buildAngledVectorStatistics({
        dA: 3,
        dB: 2,
        onePlusCos: 1,
        k: 0.5,
        eOverSB: 1,
        seed,
      });
      const sA = Math.hypot(...s.sigmaYX.slice(0, s.dA));
      // s_B = 1: k reached means s_A = 2 (to the rounding of the construction).
      if (Math.abs(1 / sA - 0.5) < 1e-9) hit++;
    }
    // The cap ε ≤ 1 binds in most of these draws (then k is smaller: checked by the property
    // above); the construction must still hit k when it can.
    expect(hit).toBeGreaterThan(0);
  });

  it("the noise floor: σ_y² exceeds the explained Σ_yx Σ⁻¹ Σ_yxᵀ by exactly 0.1", () => {
    const s = buildAngledVectorStatistics({
      dA: 2,
      dB: 2,
      onePlusCos: 0.5,
      k: 0.3,
      eOverSB: 0.7,
      seed: 3,
    });
    // Explained part by an independent solve: x = Σ_yx Σ⁻¹, then x·Σ_yx.
    const x = solveRowSystem(s.sigma, s.sigmaYX);
    expect(s.sigmaY2 - dot(x, s.sigmaYX)).toBeCloseTo(0.1, 10);
  });
});
