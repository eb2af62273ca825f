import { describe, expect, it } from "vitest";
import { hasZeroRate, unequalDepthSetup } from "../../src/claims/unequalDepthCase.js";
import { InternalError } from "../../src/errors/internalError.js";
import { fromTeacher } from "../../src/statistics/teacher.js";
import { fromToy } from "../../src/statistics/toy.js";

/**
 * X4's setup on toy statistics, with the drives worked out by hand from docs/theory.md §1:
 * Σ_yx = wᵀΣ, e_B = Σ_yxB − (Σ_yxA/σ_A²)Σ_AB and e_A = Σ_yxA − (Σ_yxB/σ_B²)Σ_AB.
 * Toy σ_A = 2, σ_B = 1, ρ = 0.5, w = (1, 1): Σ_AB = 1, Σ_yx = (5, 2), e_B = 2 − 5/4 = 0.75,
 * e_A = 5 − 2 = 3, W_A^uni = 5/4, W_B^uni = 2, W^full = w* = (1, 1).
 * Tolerances: these come out of 2×2 solves of O(1) entries (a few ulps), so 14 digits;
 * the ratio goes through logs and expm1 of the clocks, so 12.
 */
const toy = fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.5 });

describe("unequalDepthSetup", () => {
  it("equal chains: A first, not swapped, T2's ratio 1 + (s_A − s_B)/e_B = 5", () => {
    const s = unequalDepthSetup(toy, { A: 3, B: 3 }, 0.01);
    expect(s.swapped).toBe(false);
    expect(s.prediction.first).toBe("A");
    expect(s.drives.A.rate).toBeCloseTo(5, 14);
    expect(s.drives.B.rate).toBeCloseTo(2, 14);
    expect(s.drives.B.residual).toBeCloseTo(0.75, 14);
    expect(s.drives.A.residual).toBeCloseTo(3, 14);
    expect(s.drives.A.targets!.alone).toBeCloseTo(1.25, 14);
    expect(s.drives.B.targets!.alone).toBeCloseTo(2, 14);
    expect(s.drives.A.targets!.joint).toBeCloseTo(1, 14);
    expect(s.prediction.ratio).toBeCloseTo(5, 12);
    expect(s.outOfDomain).toBeUndefined();
    expect(s.stats).toBe(toy);
  });

  it("a long A chain makes B first: statistics, chain lengths and drives are swapped", () => {
    // Clocks at u0 = 0.01: τ_4 = (u0⁻² − 1)/2 ≈ 5000 → t_A ≈ 1000; τ_2 = ln 100 → t_B ≈ 2.3.
    const s = unequalDepthSetup(toy, { A: 4, B: 2 }, 0.01);
    expect(s.prediction.first).toBe("B");
    expect(s.swapped).toBe(true);
    expect(s.chainLengths).toEqual({ A: 2, B: 4 });
    expect(s.stats.sigmaYX[0]).toBeCloseTo(2, 14);
    expect(s.stats.sigmaYX[1]).toBeCloseTo(5, 14);
    expect(s.drives.A.rate).toBeCloseTo(2, 14);
    expect(s.drives.A.chainLength).toBe(2);
    // The second (slow) modality is now the user's A: its residual is e_A = 3.
    expect(s.drives.B.residual).toBeCloseTo(3, 14);
    expect(s.drives.B.chainLength).toBe(4);
  });

  it("signs-apart: e_S against Σ_yxS (w = (1, 0.1), ρ = −0.9)", () => {
    // Σ_yxB = 0.1 − 1.8 = −1.7 while e_B = w_B σ_B²(1 − ρ²) = 0.019 > 0: a balanced chain
    // grown along −1 cannot reach +e_B.
    const s = unequalDepthSetup(
      fromToy({ sigmaA: 2, sigmaB: 1, rho: -0.9, wB: 0.1 }),
      { A: 2, B: 2 },
      1e-3,
    );
    expect(s.prediction.first).toBe("A");
    expect(s.outOfDomain).toBe("signs-apart");
  });

  it("A-reversal: W_A^full against W_A^uni (w = (0.1, 1), ρ = −0.9)", () => {
    // W_A^uni = Σ_yxA/σ_A² = (0.4 − 1.8)/4 = −0.35 while W_A^full = 0.1.
    const s = unequalDepthSetup(
      fromToy({ sigmaA: 2, sigmaB: 1, rho: -0.9, wA: 0.1 }),
      { A: 2, B: 2 },
      1e-3,
    );
    expect(s.prediction.first).toBe("A");
    expect(s.outOfDomain).toBe("A-reversal");
  });

  it("no-B-solution: W_B^full = 0 (independent inputs, w_B = 0, but Σ_yxB ≠ 0 needs ρ ≠ 0)", () => {
    // w = (1, 0), ρ = 0.5: Σ_yxB = ρσ_Aσ_B = 1 ≠ 0, W^full = w* = (1, 0).
    const s = unequalDepthSetup(
      fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.5, wB: 0 }),
      { A: 2, B: 2 },
      1e-3,
    );
    expect(s.outOfDomain).toBe("no-B-solution");
  });

  it("refuses vector modalities and zero rates (InternalError: the claim filters them first)", () => {
    const vector = fromTeacher(
      [
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
      ],
      [1, 1, 1],
      0,
      1,
    );
    expect(() => unequalDepthSetup(vector, { A: 2, B: 2 }, 1e-3)).toThrow(InternalError);
    const zero = fromToy({ sigmaA: 2, sigmaB: 1, rho: 0, wB: 0 });
    expect(hasZeroRate(zero)).toBe(true);
    expect(hasZeroRate(toy)).toBe(false);
    expect(() => unequalDepthSetup(zero, { A: 2, B: 2 }, 1e-3)).toThrow(InternalError);
  });
});
