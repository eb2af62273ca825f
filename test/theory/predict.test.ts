import { describe, expect, it } from "vitest";
import { fromMoments } from "../../src/statistics/teacher.js";
import { fromToy } from "../../src/statistics/toy.js";
import { lateFusionRatio } from "../../src/theory/lateFusionRatio.js";
import { predictPhases } from "../../src/theory/predict.js";
import { relativeError } from "../helpers/numeric.js";

const TOY = fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.5 });
const arch = (depth: number, fusionLayer: number) => ({ depth, fusionLayer });

/** Closed forms (T1, T2, T4): a handful of roundings, ≤ 1e-13 relative. */
const EXACT_RTOL = 1e-13;
/**
 * T5 values through the t_A quadrature (requested to 1e-12 relative, see
 * src/theory/intermediateFusion.ts): 1e-9 against the 10 digits quoted here.
 */
const QUAD_RTOL = 1e-9;

describe("predictPhases: acceptance numbers (σA = 2, σB = 1, ρ = 0.5)", () => {
  it("L = 2, Lf = 2 → T2 ratio 5, t_A = ln(1/u0)/s_A", () => {
    const p = predictPhases(TOY, arch(2, 2), 1e-6);
    expect(p.source).toBe("T2");
    expect(relativeError(p.ratio, 5)).toBeLessThan(EXACT_RTOL);
    expect(relativeError(p.tA, Math.log(1e6) / 5)).toBeLessThan(QUAD_RTOL);
    expect(relativeError(p.tB, 5 * p.tA)).toBeLessThan(EXACT_RTOL);
    expect(relativeError(p.duration, p.tB - p.tA)).toBeLessThan(EXACT_RTOL);
    expect(p.outOfDomain).toBeUndefined();
  });

  it("L = 4, Lf = 3, u0 = 0.1 → T5 ratio 1.9577…", () => {
    const p = predictPhases(TOY, arch(4, 3), 0.1);
    expect(p.source).toBe("T5");
    // Recorded 1.9577188664749987; agrees with t5-quad.json (test/theory/t5Fixture).
    expect(relativeError(p.ratio, 1.957718866475)).toBeLessThan(QUAD_RTOL);
  });

  it("L = 4, Lf = 4 → T4 ratio 5 with t_A = (u0^(2−L) − 1)/((L − 2)s_A)", () => {
    const p = predictPhases(TOY, arch(4, 4), 0.1);
    expect(p.source).toBe("T4");
    expect(relativeError(p.ratio, 5)).toBeLessThan(EXACT_RTOL);
    expect(relativeError(p.tA, (100 - 1) / (2 * 5))).toBeLessThan(QUAD_RTOL);
  });

  it("L = 4, Lf = 1 → T1 ratio 1, no unimodal phase", () => {
    const p = predictPhases(TOY, arch(4, 1), 0.1);
    expect(p.source).toBe("T1");
    expect(p.ratio).toBe(1);
    expect(p.duration).toBe(0);
    expect(p.tB).toBe(p.tA);
  });
});

describe("predictPhases: sources and domains", () => {
  it("uses the signed T2 form for late fusion (same as lateFusionRatio)", () => {
    const flipped = fromToy({ sigmaA: 2, sigmaB: 1, rho: -0.8 });
    expect(predictPhases(flipped, arch(3, 3), 0.01).ratio).toBe(lateFusionRatio(flipped).ratio);
  });

  it("flags T5 cases with Σ_yxB and e_B of opposite signs (ρ < −σB/σA)", () => {
    const p = predictPhases(fromToy({ sigmaA: 2, sigmaB: 1, rho: -0.8 }), arch(3, 2), 0.01);
    expect(p.source).toBe("T5");
    expect(p.outOfDomain).toBe("signs-apart");
    expect(Number.isFinite(p.ratio)).toBe(true);
    // Early fusion is not T5: no flag.
    expect(
      predictPhases(fromToy({ sigmaA: 2, sigmaB: 1, rho: -0.8 }), arch(3, 1), 0.01).outOfDomain,
    ).toBeUndefined();
  });

  it("returns NaN times with the reason for a tie, unoriented statistics, or e_B = 0", () => {
    for (const [stats, reason] of [
      [fromToy({ sigmaA: 1, sigmaB: 1, rho: 0.2 }), "tie"],
      [fromToy({ sigmaA: 1, sigmaB: 2, rho: 0.2 }), "B-not-faster-first"],
      [fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.2, wB: 0 }), "no-B-solution"],
    ] as const) {
      const p = predictPhases(stats, arch(3, 2), 0.01);
      expect(p.outOfDomain).toBe(reason);
      expect(p.ratio).toBeNaN();
      expect(p.tA).toBeNaN();
      expect(p.source).toBe("T5");
    }
  });

  it("names X1 for vector intermediate fusion and passes directions-apart on for late fusion", () => {
    const vector = fromMoments(
      [
        [1, 0.6, 0],
        [0.6, 1, 0],
        [0, 0, 1],
      ],
      [3, 1, 0.1],
      11,
      1,
    );
    expect(predictPhases(vector, arch(3, 2), 0.01).source).toBe("X1");
    const late = predictPhases(vector, arch(2, 2), 0.01);
    expect(late.source).toBe("T2");
    expect(late.outOfDomain).toBe("directions-apart");
  });

  it("predicts at Σ_yxB = 0 (boundary ρ = −σB/σA) with k clamped above 0", () => {
    const p = predictPhases(fromToy({ sigmaA: 2, sigmaB: 1, rho: -0.5 }), arch(3, 2), 0.01);
    expect(Number.isFinite(p.ratio)).toBe(true);
    expect(p.ratio).toBeGreaterThan(1);
  });
});
