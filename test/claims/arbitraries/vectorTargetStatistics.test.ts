import { test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { buildVectorStatistics } from "../../../src/claims/arbitraries/vectorStatistics.js";
import {
  buildVectorTargetStatistics,
  vectorTargetCase,
} from "../../../src/claims/arbitraries/vectorTargetStatistics.js";
import { inverseOf, reaches, sampleTwice } from "../../helpers/arbitrary.js";

describe("vectorTargetCase", () => {
  test.prop([vectorTargetCase()])("k ∈ [2, 3], dA, dB ∈ [1, 3], condition ∈ [1, 4]", (c) => {
    expect(c.outputs).toBeGreaterThanOrEqual(2);
    expect(c.outputs).toBeLessThanOrEqual(3);
    for (const d of [c.dA, c.dB]) {
      expect(d).toBeGreaterThanOrEqual(1);
      expect(d).toBeLessThanOrEqual(3);
    }
    expect(c.condition).toBeGreaterThanOrEqual(1);
    expect(c.condition).toBeLessThanOrEqual(4);
  });

  it("reaches k = 2 and 3, scalar modalities and the condition cap", () => {
    const arb = vectorTargetCase();
    expect(reaches(arb, (c) => c.outputs === 2)).toBe(true);
    expect(reaches(arb, (c) => c.outputs === 3)).toBe(true);
    expect(reaches(arb, (c) => c.dA === 1 && c.dB === 1)).toBe(true);
    expect(reaches(arb, (c) => c.condition === 4)).toBe(true);
  });

  it("is deterministic for a seed", () => {
    const [a, b] = sampleTwice(vectorTargetCase());
    expect(a).toEqual(b);
  });
});

describe("buildVectorTargetStatistics", () => {
  test.prop([vectorTargetCase()])(
    "Σ is vectorStatistics' Σ; W* = Σ_yx Σ⁻¹ has entries in [−1, 1]; E‖y‖² = tr(Σ_yx Σ⁻¹ Σ_yxᵀ)",
    (c) => {
      const s = buildVectorTargetStatistics(c);
      expect(s.sigma).toEqual(buildVectorStatistics({ ...c }).sigma);
      expect(s.outputs).toBe(c.outputs);
      expect(s.sigmaYX).toHaveLength(c.outputs);
      const d = c.dA + c.dB;
      for (const row of s.sigmaYX) expect(row).toHaveLength(d);
      // Recover W* by an independent inverse (cond Σ ≤ 4: ~1e-15 relative error).
      const inv = inverseOf(s.sigma);
      const wStar = s.sigmaYX.map((row) =>
        inv[0]!.map((_, j) => row.reduce((sum, v, i) => sum + v * inv[i]![j]!, 0)),
      );
      for (const row of wStar)
        for (const w of row) expect(Math.abs(w)).toBeLessThanOrEqual(1 + 1e-12);
      let trace = 0;
      s.sigmaYX.forEach((row, r) => {
        row.forEach((v, j) => {
          trace += v * wStar[r]![j]!;
        });
      });
      expect(Math.abs(s.sigmaY2 - trace)).toBeLessThan(1e-12 * Math.max(1, trace));
    },
  );

  it("the teacher comes from its own stream: W* differs from vectorStatistics' w*", () => {
    const c = { outputs: 2, dA: 2, dB: 2, condition: 2, seed: 5 };
    const s = buildVectorTargetStatistics(c);
    expect(s.sigmaYX[0]).not.toEqual(buildVectorStatistics(c).sigmaYX);
    expect(s.sigmaYX[0]).not.toEqual(s.sigmaYX[1]);
  });
});
