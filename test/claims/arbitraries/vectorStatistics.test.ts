import { test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import {
  buildVectorStatistics,
  PAPER_FAMILY_CONDITION,
  vectorStatisticsCase,
} from "../../../src/claims/arbitraries/vectorStatistics.js";
import {
  isSymmetricPositiveDefinite,
  jacobiEigenvalues,
  reaches,
  sampleTwice,
} from "../../helpers/arbitrary.js";

describe("vectorStatisticsCase", () => {
  test.prop([vectorStatisticsCase()])("dA, dB ∈ [1, 8], condition ∈ [1, 10], 31-bit seed", (c) => {
    for (const d of [c.dA, c.dB]) {
      expect(Number.isInteger(d)).toBe(true);
      expect(d).toBeGreaterThanOrEqual(1);
      expect(d).toBeLessThanOrEqual(8);
    }
    expect(c.condition).toBeGreaterThanOrEqual(1);
    expect(c.condition).toBeLessThanOrEqual(10);
    expect(c.seed).toBeGreaterThanOrEqual(0);
    expect(c.seed).toBeLessThanOrEqual(0x7fffffff);
  });

  it("reaches the extremes: scalar and maxDim modalities, condition 1 and the cap", () => {
    const arb = vectorStatisticsCase({ maxDim: 4, maxCondition: 50 });
    expect(reaches(arb, (c) => c.dA === 1 && c.dB === 1)).toBe(true);
    expect(reaches(arb, (c) => c.dA === 4)).toBe(true);
    expect(reaches(arb, (c) => c.dB === 4)).toBe(true);
    expect(reaches(arb, (c) => c.condition === 1)).toBe(true);
    expect(reaches(arb, (c) => c.condition === 50)).toBe(true);
  });

  it("the paper family's condition constant is the documented 3e4", () => {
    expect(PAPER_FAMILY_CONDITION).toBe(3e4);
  });

  it("is deterministic for a seed", () => {
    const [a, b] = sampleTwice(vectorStatisticsCase());
    expect(a).toEqual(b);
  });
});

describe("buildVectorStatistics", () => {
  test.prop([vectorStatisticsCase({ maxDim: 4, maxCondition: 1000 })])(
    "Σ is SPD with mean eigenvalue 1 (trace D) and condition number exactly the case's",
    (c) => {
      const s = buildVectorStatistics(c);
      const d = c.dA + c.dB;
      expect([s.dA, s.dB]).toEqual([c.dA, c.dB]);
      expect(isSymmetricPositiveDefinite(s.sigma)).toBe(true);
      // Trace: D eigenvalues normalised to mean 1, summed back with ~D² roundings.
      const trace = s.sigma.reduce((sum, row, i) => sum + row[i]!, 0);
      expect(Math.abs(trace - d)).toBeLessThan(1e-12 * d * c.condition);
      // Eigenvalues by Jacobi rotations (independent of src/linalg): λ_max/λ_min = condition.
      // Q is orthogonal to ~1e-15, so the spectrum is reproduced to ~1e-15·λ_max; relative
      // to λ_min that is 1e-15·condition, hence the tolerance.
      const eig = jacobiEigenvalues(s.sigma);
      if (d > 1) {
        expect(Math.abs(eig.at(-1)! / eig[0]! / c.condition - 1)).toBeLessThan(1e-11 * c.condition);
      }
      for (const l of eig) expect(l).toBeGreaterThan(0);
    },
  );

  test.prop([vectorStatisticsCase()])(
    "teacher entries in [−1, 1], no noise: Σ_yx = w*ᵀΣ and σ_y² = w*ᵀΣw*",
    (c) => {
      const s = buildVectorStatistics(c);
      const w = s.teacher!.wStar;
      expect(s.teacher!.noiseStd).toBe(0);
      for (const x of w) expect(Math.abs(x)).toBeLessThanOrEqual(1);
      const yx = s.sigma[0]!.map((_, j) => w.reduce((sum, wi, i) => sum + wi * s.sigma[i]![j]!, 0));
      for (let j = 0; j < yx.length; j++) expect(s.sigmaYX[j]).toBeCloseTo(yx[j]!, 12);
      const y2 = yx.reduce((sum, v, j) => sum + v * w[j]!, 0);
      expect(s.sigmaY2).toBeCloseTo(y2, 12);
    },
  );

  it("same case, same statistics; the seed changes Σ, the condition does not change Q's draws", () => {
    const c = { dA: 2, dB: 3, condition: 5, seed: 99 };
    expect(buildVectorStatistics(c)).toEqual(buildVectorStatistics(c));
    expect(buildVectorStatistics({ ...c, seed: 100 }).sigma).not.toEqual(
      buildVectorStatistics(c).sigma,
    );
    // Condition 1: every eigenvalue is 1 → Σ = Q I Qᵀ = I whatever the seed.
    const identity = buildVectorStatistics({ ...c, condition: 1 }).sigma;
    const worst = Math.max(
      ...identity.flatMap((row, i) => row.map((v, j) => Math.abs(v - (i === j ? 1 : 0)))),
    );
    expect(worst).toBeLessThan(1e-14);
  });
});
