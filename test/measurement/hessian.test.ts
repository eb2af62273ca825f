import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  countSigns,
  finiteDifferenceHessian,
  gradientMagnitude,
  hessianRoundingBound,
  measuredSpectrum,
} from "../../src/measurement/hessian.js";
import { fusionArchitecture } from "../../src/network/architecture.js";
import { parameterLayout } from "../../src/network/layout.js";
import { linearNetworkModel } from "../../src/network/linearNetwork.js";
import { fromToy } from "../../src/statistics/toy.js";

/**
 * Late fusion, width 1, scalar modalities: θ = (a, b, c, d) with W_A = ab (first layer a,
 * output b), W_B = cd. The Hessian by hand, with p = ab, q = cd, G_A = Σ_A p + Σ_AB q − y_A,
 * G_B = Σ_AB p + Σ_B q − y_B: ∂ℒ/∂a = bG_A, ∂ℒ/∂b = aG_A, ∂ℒ/∂c = dG_B, ∂ℒ/∂d = cG_B.
 */
function handHessian(
  s: { sA: number; sB: number; sAB: number; yA: number; yB: number },
  [a, b, c, d]: readonly number[],
): number[][] {
  const p = a! * b!;
  const q = c! * d!;
  const gA = s.sA * p + s.sAB * q - s.yA;
  const gB = s.sAB * p + s.sB * q - s.yB;
  const h = [
    [s.sA * b! * b!, gA + s.sA * a! * b!, s.sAB * b! * d!, s.sAB * b! * c!],
    [0, s.sA * a! * a!, s.sAB * a! * d!, s.sAB * a! * c!],
    [0, 0, s.sB * d! * d!, gB + s.sB * c! * d!],
    [0, 0, 0, s.sB * c! * c!],
  ];
  return h.map((row, i) => row.map((v, j) => (j >= i ? v : h[j]![i]!)));
}

const toys = fc.record({
  sigmaA: fc.double({ min: 0.5, max: 4, noNaN: true }),
  sigmaB: fc.double({ min: 0.5, max: 2, noNaN: true }),
  rho: fc.double({ min: -0.9, max: 0.9, noNaN: true }),
  theta: fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 4, maxLength: 4 }),
});

describe("finiteDifferenceHessian", () => {
  it("equals the Hessian by hand within its rounding bound, at any point (the differences are exact)", () => {
    let worst = 0;
    fc.assert(
      fc.property(toys, ({ sigmaA, sigmaB, rho, theta }) => {
        const stats = fromToy({ sigmaA, sigmaB, rho });
        const layout = parameterLayout(
          fusionArchitecture({ depth: 2, fusionLayer: 2, width: 1, dA: 1, dB: 1 }),
        );
        const scale = {
          sigmaMax: Math.max(...stats.sigma.flat().map(Math.abs)),
          sigmaYXMax: Math.max(...stats.sigmaYX.map(Math.abs)),
        };
        const point = Float64Array.from(theta);
        const measured = finiteDifferenceHessian(linearNetworkModel(layout, stats), point, scale);
        const expected = handHessian(
          {
            sA: stats.sigma[0]![0]!,
            sB: stats.sigma[1]![1]!,
            sAB: stats.sigma[0]![1]!,
            yA: stats.sigmaYX[0]!,
            yB: stats.sigmaYX[1]!,
          },
          theta,
        );
        for (let i = 0; i < 4; i++)
          for (let j = 0; j < 4; j++) {
            const error = Math.abs(measured.matrix[i]![j]! - expected[i]![j]!);
            expect(error).toBeLessThanOrEqual(measured.entryErrorBound);
            worst = Math.max(worst, error / measured.entryErrorBound);
          }
        expect(measured.asymmetry).toBeLessThanOrEqual(2 * measured.entryErrorBound);
        expect(measured.spectralErrorBound).toBe(4 * measured.entryErrorBound);
      }),
      { numRuns: 200, seed: 20240527 },
    );
    // Exact differences: the measured error is rounding, far inside the worst-case bound.
    expect(worst).toBeLessThan(0.05);
  });

  it("steps by a power of two near max(|θ|, 1)/2, the bound computed before any gradient", () => {
    const arch = { dA: 1, dB: 1, width: 1 };
    const scale = { sigmaMax: 4, sigmaYXMax: 4 };
    expect(hessianRoundingBound(arch, new Float64Array([0, 0, 0, 0]), scale).step).toBe(0.5);
    expect(hessianRoundingBound(arch, new Float64Array([6, 0, 0, 0]), scale).step).toBe(4);
    // M(t) = t·max(D, h)·(D·h·t²·‖Σ‖_max + ‖Σ_yx‖_max).
    expect(gradientMagnitude(2, 1, 1, scale)).toBe(24);
    expect(gradientMagnitude(3, 5, 2, { sigmaMax: 1, sigmaYXMax: 0 })).toBe(2 * 5 * 3 * 5 * 4);
  });
});

describe("measuredSpectrum and countSigns", () => {
  it("scales before solving, and counts signs with a threshold", () => {
    const big = measuredSpectrum([
      [0, -4e6],
      [-4e6, 0],
    ]);
    expect(big.values.map((v) => v / 4e6)).toEqual([-1, 1]);
    expect(big.solverErrorBound).toBeGreaterThan(0);
    expect(
      measuredSpectrum([
        [0, 0],
        [0, 0],
      ]).values,
    ).toEqual([0, 0]);
    expect(countSigns([-1, -1e-13, 2e-14, 3], 1e-10)).toEqual({
      negative: 1,
      zero: 2,
      positive: 1,
    });
  });
});
