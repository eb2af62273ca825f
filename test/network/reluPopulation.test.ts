import { describe, expect, it } from "vitest";
import { sampleFromStatistics } from "../../src/data/sampleFromStatistics.js";
import { fusionArchitecture } from "../../src/network/architecture.js";
import { gaussianInit } from "../../src/network/initialisation.js";
import { parameterLayout } from "../../src/network/layout.js";
import { reluNetworkModel } from "../../src/network/reluNetwork.js";
import { reluPopulationModel } from "../../src/network/reluPopulation.js";
import { fromTeacher } from "../../src/statistics/teacher.js";

// Correlated vector modalities (dA = 2, dB = 1) so cross-modal kernel terms (Σ_AB) matter.
const stats = fromTeacher(
  [
    [2, 0.5, 0.2],
    [0.5, 1, 0.3],
    [0.2, 0.3, 1.5],
  ],
  [1, -0.5, 0.8],
  0.1,
  2,
);

function setup(fusionLayer: number) {
  const layout = parameterLayout(
    fusionArchitecture({ depth: 2, fusionLayer, width: 5, dA: 2, dB: 1, activation: "relu" }),
  );
  return { layout, theta: gaussianInit(layout, 0.7, 3), model: reluPopulationModel(layout, stats) };
}

describe("reluPopulationModel (T11)", () => {
  it.each([1, 2])("gradient matches central differences of the loss (Lf = %i)", (lf) => {
    const { layout, theta, model } = setup(lf);
    const g = new Float64Array(layout.size);
    model.gradient(theta, g);
    // h = 1e-5: truncation h²·ℒ''' ~ 1e-10, round-off ε·ℒ/h ~ 1e-11 (ℒ ~ 3-5).
    const h = 1e-5;
    for (let i = 0; i < layout.size; i++) {
      const t = Float64Array.from(theta);
      t[i]! += h;
      const up = model.loss(t);
      t[i]! -= 2 * h;
      expect(Math.abs((up - model.loss(t)) / (2 * h) - g[i]!)).toBeLessThan(1e-8);
    }
  });

  it.each([1, 2])("agrees with the sampled network at large P (Lf = %i)", (lf) => {
    const { layout, theta, model } = setup(lf);
    const g = new Float64Array(layout.size);
    const loss = model.gradient(theta, g);
    const P = 200_000;
    const sampled = reluNetworkModel(layout, sampleFromStatistics(stats, { samples: P, seed: 11 }));
    const gs = new Float64Array(layout.size);
    const sampledLoss = sampled.gradient(theta, gs);
    // Monte-Carlo standard error of a sample mean is std/√P; each gradient entry is a mean
    // of terms whose std is at most ~ the loss scale (|g| ≤ 3.6, ℒ ≤ 5 here): 5/√P = 0.011.
    // 5 standard errors (0.056) bound a deviation of any of the 26 entries with overwhelming
    // probability; the measured max deviation is 0.013-0.028 at P = 1e5 and 0.003-0.004 at 1e6
    // (scratch check), i.e. ∝ 1/√P as expected.
    const tolerance = (5 * 5) / Math.sqrt(P);
    expect(Math.abs(sampledLoss - loss)).toBeLessThan(tolerance);
    for (let i = 0; i < g.length; i++) expect(Math.abs(gs[i]! - g[i]!)).toBeLessThan(tolerance);
  });

  it("is finite at a zero neuron and at parallel or antiparallel neurons (θ = 0, π)", () => {
    const { layout, model } = setup(2);
    const theta = new Float64Array(layout.size);
    // A's first two neurons: w = 1 and w = −2 on the same axis; B's first neuron zero.
    theta[0] = 1;
    theta[1] = 0.5;
    theta[2] = -2;
    theta[3] = 1;
    theta[10] = 1; // A's output weights
    theta[11] = -1;
    const g = new Float64Array(layout.size);
    const loss = model.gradient(theta, g);
    expect(Number.isFinite(loss)).toBe(true);
    expect(g.every(Number.isFinite)).toBe(true);
    expect(model.loss(new Float64Array(layout.size))).toBeCloseTo(0.5 * stats.sigmaY2, 14);
  });

  it("rejects depth ≠ 2", () => {
    const layout = parameterLayout(
      fusionArchitecture({ depth: 3, fusionLayer: 3, width: 2, dA: 2, dB: 1, activation: "relu" }),
    );
    expect(() => reluPopulationModel(layout, stats)).toThrow(/depth 2/);
  });
});
