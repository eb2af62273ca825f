import { describe, expect, it } from "vitest";
import { sampleMoments } from "../../src/data/moments.js";
import type { SampleSet } from "../../src/data/sampleSet.js";
import { fusionArchitecture } from "../../src/network/architecture.js";
import { parameterLayout } from "../../src/network/layout.js";
import { linearNetworkModel } from "../../src/network/linearNetwork.js";
import { lossOf } from "../../src/statistics/derived.js";

// T10 (docs/theory.md §2): full-batch training on P samples is training on the sample moments
// Σ̂ = XᵀX/P, Σ̂_yx = yᵀX/P, σ̂_y² = yᵀy/P. Expected values below are worked out by hand.

/** P = 3, D = 2 (dA = dB = 1): x = (1, 2), (3, −1), (0, 4); y = 1, 2, −1. */
const threeSamples: SampleSet = {
  x: Float64Array.from([1, 2, 3, -1, 0, 4]),
  y: Float64Array.from([1, 2, -1]),
  samples: 3,
  dA: 1,
  dB: 1,
  label: "hand-made P = 3",
};

/** P = 2, D = 3 (dA = 2, dB = 1): x = (1, 0, 2), (−1, 1, 1); y = 3, −2. Σ̂ is singular (P < D). */
const twoSamples: SampleSet = {
  x: Float64Array.from([1, 0, 2, -1, 1, 1]),
  y: Float64Array.from([3, -2]),
  samples: 2,
  dA: 2,
  dB: 1,
  label: "hand-made P = 2",
};

/** ½·mean((y − Wx)²), straight from the samples. */
function sampleLoss(set: SampleSet, w: readonly number[]): number {
  const d = set.dA + set.dB;
  let sum = 0;
  for (let p = 0; p < set.samples; p++) {
    let prediction = 0;
    for (let i = 0; i < d; i++) prediction += w[i]! * set.x[p * d + i]!;
    sum += (set.y[p]! - prediction) ** 2;
  }
  return (0.5 * sum) / set.samples;
}

describe("sampleMoments (T10: the moments behind full-batch training)", () => {
  it("P = 3: Σ̂ = XᵀX/P, Σ̂_yx = yᵀX/P, σ̂_y² = yᵀy/P (divided by P, not P − 1)", () => {
    const m = sampleMoments(threeSamples);
    // Σx₁² = 1 + 9 + 0 = 10, Σx₁x₂ = 2 − 3 + 0 = −1, Σx₂² = 4 + 1 + 16 = 21.
    const expectedSigma = [
      [10 / 3, -1 / 3],
      [-1 / 3, 7],
    ];
    m.sigma.forEach((row, i) => {
      row.forEach((v, j) => {
        expect(v).toBeCloseTo(expectedSigma[i]![j]!, 14);
      });
    });
    // Σyx₁ = 1 + 6 + 0 = 7, Σyx₂ = 2 − 2 − 4 = −4; Σy² = 1 + 4 + 1 = 6.
    expect(m.sigmaYX[0]).toBeCloseTo(7 / 3, 14);
    expect(m.sigmaYX[1]).toBeCloseTo(-4 / 3, 14);
    expect(m.sigmaY2).toBeCloseTo(2, 14);
    expect(m.samples).toBe(3);
    expect([m.dA, m.dB]).toEqual([1, 1]);
  });

  it("P = 2, dA = 2: every entry of Σ̂ (symmetric, both triangles) and of Σ̂_yx", () => {
    const m = sampleMoments(twoSamples);
    // Pairs summed over the two samples, then halved.
    const expectedSigma = [
      [1, -0.5, 0.5], // x₁² = 1 + 1, x₁x₂ = 0 − 1, x₁x₃ = 2 − 1
      [-0.5, 0.5, 0.5], // x₂² = 0 + 1, x₂x₃ = 0 + 1
      [0.5, 0.5, 2.5], // x₃² = 4 + 1
    ];
    expect(m.sigma).toEqual(expectedSigma);
    expect(m.sigmaYX).toEqual([2.5, -1, 2]); // yx₁ = 3 + 2, yx₂ = 0 − 2, yx₃ = 6 − 2
    expect(m.sigmaY2).toBe(6.5); // 9 + 4
  });

  it("the loss from the moments equals ½·mean((y − Wx)²) from the samples to 1e-12", () => {
    const cases: [SampleSet, number[][]][] = [
      [
        threeSamples,
        [
          [0.5, -0.25],
          [0, 0],
          [-3, 7.5],
        ],
      ],
      [
        twoSamples,
        [
          [1, 2, -1],
          [0.3, -0.7, 1.9],
        ],
      ],
    ];
    for (const [set, maps] of cases) {
      const moments = sampleMoments(set);
      for (const w of maps)
        expect(Math.abs(lossOf(moments, w) - sampleLoss(set, w))).toBeLessThan(1e-12);
    }
    // One value by hand: W = (0.5, −0.25) gives residuals 1, 0.25, 0, so ½·(1 + 1/16)/3.
    expect(lossOf(sampleMoments(threeSamples), [0.5, -0.25])).toBeCloseTo(17 / 96, 14);
  });

  it("a one-layer linear network on the moments has the sample loss at its total map", () => {
    const moments = sampleMoments(threeSamples);
    const layout = parameterLayout(
      fusionArchitecture({ depth: 1, fusionLayer: 1, width: 1, dA: 1, dB: 1 }),
    );
    const model = linearNetworkModel(layout, moments);
    const theta = Float64Array.from([0.5, -0.25]);
    expect(Math.abs(model.loss(theta) - sampleLoss(threeSamples, [0.5, -0.25]))).toBeLessThan(
      1e-12,
    );
  });
});
