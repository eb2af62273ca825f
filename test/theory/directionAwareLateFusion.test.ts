import { describe, expect, it } from "vitest";
import { fromMoments } from "../../src/statistics/teacher.js";
import { fromToy } from "../../src/statistics/toy.js";
import {
  directionAwareInitAware,
  directionAwareLateFusionRatio,
  grownProjection,
} from "../../src/theory/directionAwareLateFusion.js";
import { initAwareLateFusion } from "../../src/theory/initAwareLateFusion.js";
import { lateFusionRatio } from "../../src/theory/lateFusionRatio.js";

// X6. Σ = I₄ (dA = dB = 2) with Σ_yxA = (3, 0): e_B = Σ_yxB, θ = 0; to get an angle we need
// cross-covariance. Σ_AB = 0.5·I: e_B = Σ_yxB − 0.5 Σ_yxA.
const sigma = [
  [1, 0, 0.5, 0],
  [0, 1, 0, 0.5],
  [0.5, 0, 1, 0],
  [0, 0.5, 0, 1],
];
// Σ_yxA = (4, 0), Σ_yxB = (1, 1): e_B = (−1, 1), cos θ = 0, s_A = 4, s_B = √2, ‖e_B‖ = √2.
const apart = fromMoments(sigma, [4, 0, 1, 1], 100, 2);

describe("directionAwareLateFusionRatio (X6)", () => {
  it("c₊ = (1 + cos θ)/2: 1/2 at a right angle, 1 for scalars of the same sign, 0 opposite", () => {
    expect(grownProjection(apart)).toBeCloseTo(0.5, 12);
    expect(grownProjection(fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.5 }))).toBe(1);
    expect(grownProjection(fromToy({ sigmaA: 2, sigmaB: 1, rho: -0.8 }))).toBe(0);
  });

  it("is s_eff = s_B − s_A ln(1/c₊²)/ln(1/u0²) while the grown seed dominates", () => {
    const u0 = 1e-6;
    const lu = 2 * Math.log(1 / u0);
    const sEff = Math.SQRT2 - (4 * 2 * Math.log(2)) / lu;
    const r = directionAwareLateFusionRatio(apart, u0, true);
    expect(r.seed).toBe("grown");
    expect(r.ratio).toBeCloseTo(1 + (4 - sEff) / Math.SQRT2, 12);
  });

  it("tends to T2's norm form as u0 → 0 for cos θ > −1", () => {
    const norm = 1 + (4 - Math.SQRT2) / Math.SQRT2;
    expect(directionAwareLateFusionRatio(apart, 1e-300, true).ratio / norm - 1).toBeLessThan(0.02);
  });

  it("switches to the fresh seed 1 + s_A/‖e_B‖ (Gaussian) or the decayed one (balanced) when c₊ is tiny", () => {
    // Σ_yxB nearly antiparallel to e_B needs a scalar-like case: use the signed scalar toy
    // (c₊ = 0) — without a fresh seed it is T2's signed form 1 + (s_A + s_B)/|e_B|.
    const signed = fromToy({ sigmaA: 2, sigmaB: 1, rho: -0.8 });
    const r = directionAwareLateFusionRatio(signed, 1e-6, true);
    expect(r.seed).toBe("decayed");
    expect(r.ratio).toBeCloseTo(lateFusionRatio(signed).ratio, 12);
    // Vector B at a right angle with u0 = 0.3: grown rate √2 − 4·ln4/ln(1/0.09) = −0.89 < 0 = fresh;
    // without a fresh seed the grown one (−0.89) still beats the decayed one (−√2).
    const large = directionAwareLateFusionRatio(apart, 0.3, true);
    expect(large.seed).toBe("fresh");
    expect(large.ratio).toBeCloseTo(1 + 4 / Math.SQRT2, 12);
    expect(directionAwareLateFusionRatio(apart, 0.3, false).seed).toBe("grown");
  });

  it("does not exclude directions-apart (T2.vector's exclusion) but keeps the other reasons", () => {
    expect(lateFusionRatio(apart).outOfDomain).toBeUndefined(); // cos θ = 0: not apart
    const opposite = fromMoments(sigma, [4, 0, 1, 0.2], 100, 2); // e_B = (−1, 0.2): cos < 0
    expect(lateFusionRatio(opposite).outOfDomain).toBe("directions-apart");
    expect(directionAwareLateFusionRatio(opposite, 1e-6, true).outOfDomain).toBeUndefined();
  });
});

describe("directionAwareInitAware (X6's next order)", () => {
  it("equals R₁ (with its (1 + cos θ)/2 factor) when only the grown seed is present", () => {
    const seeds = { kappaA: 1, vv: 1, mm: 0, ff: 0, vm: 0, vf: 0, mf: 0 };
    const r1 = initAwareLateFusion(apart, 1e-6, { kappaA: 1, kappaB: 1 });
    const x6 = directionAwareInitAware(apart, 1e-6, seeds);
    expect(x6.ratio).toBeCloseTo(r1.ratio, 10);
  });

  it("reproduces R₁'s reversal route for scalar B with Σ_yxB·e_B < 0 (seed = decayed mode)", () => {
    const signed = fromToy({ sigmaA: 2, sigmaB: 1, rho: -0.8 });
    const seeds = { kappaA: 0.7, vv: 0.9, mm: 0.4, ff: 0, vm: 0.1, vf: 0, mf: 0 };
    const r1 = initAwareLateFusion(signed, 1e-6, { kappaA: 0.7, kappaB: 0.4 });
    expect(directionAwareInitAware(signed, 1e-6, seeds).ratio).toBeCloseTo(r1.ratio, 10);
  });
});
