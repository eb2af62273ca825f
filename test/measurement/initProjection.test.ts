import { describe, expect, it } from "vitest";
import { initProjection } from "../../src/measurement/initProjection.js";
import { fusionArchitecture } from "../../src/network/architecture.js";
import { balancedInit, gaussianInit } from "../../src/network/initialisation.js";
import { parameterLayout } from "../../src/network/layout.js";
import { fromTeacher } from "../../src/statistics/teacher.js";
import { fromToy } from "../../src/statistics/toy.js";
import { assertClose, EPS } from "../helpers/numeric.js";

const TOY = fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.5 });
const layoutOf = (depth: number, fusionLayer: number, width: number, dA = 1, dB = 1) =>
  parameterLayout(fusionArchitecture({ depth, fusionLayer, width, dA, dB }));

describe("initProjection", () => {
  it("is κ⁺ = 1, κ⁻ = 0 for the balanced init (its definition's normalisation)", () => {
    const stats = fromTeacher(
      [
        [1, 0, 0],
        [0, 2, 0.5],
        [0, 0.5, 1],
      ],
      [1, -0.5, 0.25],
      0,
      1,
    );
    const layout = layoutOf(2, 2, 4, 1, 2);
    const u0 = 1e-3;
    const k = initProjection(layout, stats, balancedInit(layout, stats, u0), u0);
    // |a + p|² = (2u0)², divided by 4u0²: a few roundings.
    assertClose([k.kappaPlus.A, k.kappaPlus.B], [1, 1], { rtol: 8 * EPS, atol: 0 });
    expect(k.kappaMinus.A).toBeLessThan(1e-30);
    expect(k.kappaMinus.B).toBeLessThan(1e-30);
  });

  it("computes |a ± p|²/(4u0²) on a hand-made θ (width 2)", () => {
    // L = Lf = 2, dA = dB = 1. Layout: A hidden (2×1), A fusion (1×2), B hidden, B fusion.
    const layout = layoutOf(2, 2, 2);
    // Σ_yx = [5, 2] > 0: ŝ_m = +1, so p_m = the hidden column itself.
    const theta = Float64Array.of(1, 2, 3, -1, 0.5, 0, 1, 1);
    const k = initProjection(layout, TOY, theta, 1);
    // A: a = (3, −1), p = (1, 2): |a+p|² = 16 + 1 = 17, |a−p|² = 4 + 9 = 13.
    // B: a = (1, 1), p = (0.5, 0): |a+p|² = 2.25 + 1, |a−p|² = 0.25 + 1.
    expect(k.kappaPlus).toEqual({ A: 17 / 4, B: 3.25 / 4 });
    expect(k.kappaMinus).toEqual({ A: 13 / 4, B: 1.25 / 4 });
  });

  it("is scale-free: κ(cθ, c·u0) = κ(θ, u0) for a Gaussian init", () => {
    const layout = layoutOf(2, 2, 16);
    const small = initProjection(layout, TOY, gaussianInit(layout, 1e-6, 3), 1e-6);
    const large = initProjection(layout, TOY, gaussianInit(layout, 0.1, 3), 0.1);
    // θ/u0 agrees to a few ulps (same seed): sums of 16 squares, ≤ 1e-14 relative.
    assertClose(
      [small.kappaPlus.A, small.kappaPlus.B, small.kappaMinus.A, small.kappaMinus.B],
      [large.kappaPlus.A, large.kappaPlus.B, large.kappaMinus.A, large.kappaMinus.B],
      { rtol: 1e-14, atol: 0 },
    );
  });

  it("is defined for L = Lf = 2 only", () => {
    const layout = layoutOf(3, 3, 2);
    expect(() => initProjection(layout, TOY, new Float64Array(layout.size), 1)).toThrow(
      /L = Lf = 2, got L = 3, Lf = 3/,
    );
  });

  it("projects B on e_B when Σ_yxB = 0 (the balanced init's fallback), A on nothing when Σ_yxA = 0", () => {
    // σA = 2, ρ = −1/2: Σ_yxB = 0 and e_B = σB²(1 − ρ²) > 0, so ŝ_B = +1.
    const noB = fromToy({ sigmaA: 2, sigmaB: 1, rho: -0.5 });
    const layout = layoutOf(2, 2, 1);
    const k = initProjection(layout, noB, Float64Array.of(1, 1, 5, 3), 1);
    // B: a = 3, p = 5: κ⁺ = 64/4, κ⁻ = 4/4. The balanced init still gives κ⁺ = 1.
    expect(k.kappaPlus.B).toBe(16);
    expect(k.kappaMinus.B).toBe(1);
    expect(initProjection(layout, noB, balancedInit(layout, noB, 0.5), 0.5).kappaPlus.B).toBe(1);
    // σA = 1, σB = 2, ρ = −1/2: Σ_yxA = 0 and A has no fallback: p_A = 0, κ± = a²/4.
    const noA = fromToy({ sigmaA: 1, sigmaB: 2, rho: -0.5 });
    const kA = initProjection(layout, noA, Float64Array.of(5, 3, 1, 1), 1);
    expect(kA.kappaPlus.A).toBe(2.25);
    expect(kA.kappaMinus.A).toBe(2.25);
  });
});
