import { describe, expect, it } from "vitest";
import { buildVectorStatistics } from "../../src/claims/arbitraries/vectorStatistics.js";
import {
  C_T2,
  C_T2_REVERSAL,
  C_T2_VECTOR,
  t2LawKnownTerms,
  t2LawTolerance,
} from "../../src/claims/t2Law.js";
import { symmetricEigenvalues } from "../../src/linalg/eigen.js";
import { derive, orient } from "../../src/statistics/derived.js";
import type { Statistics } from "../../src/statistics/statistics.js";
import type { ToyParameters } from "../../src/statistics/toy.js";
import { fromToy } from "../../src/statistics/toy.js";
import { phaseTwoSign } from "../../src/theory/initAwareLateFusion.js";

const toy = (p: ToyParameters): Statistics => orient(fromToy(p)).stats;
const unitSeeds = { kappaA: 1, kappaB: 1 };

describe("t2LawKnownTerms", () => {
  it("scalar: |ln κ_A| + |ln κ_B| + |ln ‖W_A^uni‖| + |ln ‖W_B^full‖| (c₊ = 1)", () => {
    const stats = toy({ sigmaA: 2, sigmaB: 1, rho: 0.3 });
    const q = derive(stats);
    const expected =
      Math.abs(Math.log(0.1)) +
      Math.abs(Math.log(3)) +
      Math.abs(Math.log(Math.abs(q.wUniA[0]!))) +
      Math.abs(Math.log(Math.abs(q.wFull[1]!)));
    expect(t2LawKnownTerms(stats, { kappaA: 0.1, kappaB: 3 })).toBeCloseTo(expected, 12);
  });
});

describe("t2LawTolerance", () => {
  it("σ = +1 scalar: (known + C_T2)/((1 − k) ln(1/u0²)), shrinking like 1/ln(1/u0)", () => {
    const stats = toy({ sigmaA: 2, sigmaB: 1, rho: 0.3 });
    const q = derive(stats);
    const k = q.sB / q.sA;
    const known = t2LawKnownTerms(stats, unitSeeds);
    for (const u0 of [1e-3, 1e-9]) {
      expect(t2LawTolerance(stats, u0, unitSeeds)).toBeCloseTo(
        (known + C_T2) / ((1 - k) * 2 * Math.log(1 / u0)),
        12,
      );
    }
    expect(t2LawTolerance(stats, 1e-12, unitSeeds) * 4).toBeCloseTo(
      t2LawTolerance(stats, 1e-3, unitSeeds),
      12,
    );
  });

  it("σ = −1 scalar: the reversal's offset C_T2_REVERSAL over (1 + k) ln(1/u0²)", () => {
    const stats = toy({ sigmaA: 2, sigmaB: 1, rho: -0.9 });
    const q = derive(stats);
    const k = q.sB / q.sA;
    const known = t2LawKnownTerms(stats, unitSeeds);
    expect(t2LawTolerance(stats, 1e-6, unitSeeds)).toBeCloseTo(
      (known + C_T2_REVERSAL) / ((1 + k) * 2 * Math.log(1 / 1e-6)),
      12,
    );
  });

  it("vectors: C_T2_VECTOR (1 + ln cond Σ)", () => {
    const stats = orient(buildVectorStatistics({ dA: 2, dB: 2, condition: 5, seed: 3 })).stats;
    const q = derive(stats);
    const ev = symmetricEigenvalues(stats.sigma);
    const cond = Math.max(...ev) / Math.min(...ev);
    // Vector B never reverses (phaseTwoSign is −1 only for scalar B).
    expect(phaseTwoSign(stats)).toBe(1);
    const expected =
      (t2LawKnownTerms(stats, unitSeeds) + C_T2_VECTOR * (1 + Math.log(cond))) /
      ((1 - q.sB / q.sA) * 2 * Math.log(1e6));
    expect(t2LawTolerance(stats, 1e-6, unitSeeds)).toBeCloseTo(expected, 10);
  });
});
