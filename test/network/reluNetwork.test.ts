import { describe, expect, it } from "vitest";
import { sampleFromStatistics } from "../../src/data/sampleFromStatistics.js";
import { fusionArchitecture } from "../../src/network/architecture.js";
import { gaussianInit } from "../../src/network/initialisation.js";
import { parameterLayout } from "../../src/network/layout.js";
import { reluNetworkModel } from "../../src/network/reluNetwork.js";
import { fromTeacher } from "../../src/statistics/teacher.js";

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
const samples = sampleFromStatistics(stats, { samples: 64, seed: 3 });

function setup(depth: number, fusionLayer: number, miniBatch?: { size: number; seed: number }) {
  const layout = parameterLayout(
    fusionArchitecture({ depth, fusionLayer, width: 4, dA: 2, dB: 1, activation: "relu" }),
  );
  const model = reluNetworkModel(layout, samples, miniBatch ? { miniBatch } : {});
  return { layout, model, theta: gaussianInit(layout, 0.8, 7) };
}

describe("reluNetworkModel (T11, T12)", () => {
  // Central differences of the piecewise-quadratic sampled loss: exact up to O(h²·curvature)
  // + round-off ε·ℒ/h unless a kink (a pre-activation changing sign) lies within h; with
  // h = 1e-6 and 64 Gaussian samples no kink is that close (a kink would show as an O(1) error).
  it.each([
    [1, 1],
    [2, 1],
    [2, 2],
    [3, 1],
    [3, 2],
    [3, 3],
    [4, 2],
  ])("gradient matches finite differences of the loss (L = %i, Lf = %i)", (depth, fusionLayer) => {
    const { layout, model, theta } = setup(depth, fusionLayer);
    const grad = new Float64Array(layout.size);
    const loss = model.gradient(theta, grad);
    expect(loss).toBeCloseTo(model.loss(theta), 14);
    const h = 1e-6;
    for (let i = 0; i < layout.size; i++) {
      const t = Float64Array.from(theta);
      t[i]! += h;
      const up = model.loss(t);
      t[i]! -= 2 * h;
      const down = model.loss(t);
      expect(Math.abs((up - down) / (2 * h) - grad[i]!)).toBeLessThan(1e-7);
    }
  });

  it("depth 1 is linear and reports its weights as the total map", () => {
    const { model, theta } = setup(1, 1);
    const w = new Float64Array(3);
    model.totalMap(theta, w);
    expect(Array.from(w)).toEqual(Array.from(theta));
  });

  it("the least-squares total map (depth ≥ 3) recovers a network that is linear on the data", () => {
    // A depth-3 network whose units all stay active on every sample computes a linear map:
    // make every weight positive and the inputs' signs irrelevant by checking on ŷ directly.
    const { layout, model, theta } = setup(3, 2);
    const yHat = new Float64Array(samples.samples);
    model.predict(theta, yHat);
    const w = new Float64Array(3);
    model.totalMap(theta, w);
    // Normal equations: Xᵀ(ŷ − Xw) = 0.
    for (let j = 0; j < 3; j++) {
      let residual = 0;
      for (let p = 0; p < samples.samples; p++) {
        let fit = 0;
        for (let k = 0; k < 3; k++) fit += samples.x[p * 3 + k]! * w[k]!;
        residual += samples.x[p * 3 + j]! * (yHat[p]! - fit);
      }
      expect(Math.abs(residual)).toBeLessThan(1e-10 * samples.samples);
    }
    expect(model.totalMapRule).toBe("least-squares");
    expect(layout.architecture.depth).toBe(3);
  });

  it("mini-batches: a batch of all samples equals the full gradient; batches are seeded", () => {
    const full = setup(2, 2);
    const g = new Float64Array(full.layout.size);
    const loss = full.model.gradient(full.theta, g);
    const batched = setup(2, 2, { size: samples.samples, seed: 5 });
    const gb = new Float64Array(full.layout.size);
    expect(batched.model.gradient(batched.theta, gb)).toBeCloseTo(loss, 12);
    for (let i = 0; i < g.length; i++) expect(gb[i]).toBeCloseTo(g[i]!, 12);
    const a = setup(2, 2, { size: 16, seed: 9 });
    const b = setup(2, 2, { size: 16, seed: 9 });
    const ga = new Float64Array(full.layout.size);
    const gbb = new Float64Array(full.layout.size);
    for (let k = 0; k < 6; k++) {
      expect(a.model.gradient(a.theta, ga)).toBe(b.model.gradient(b.theta, gbb));
      expect(Array.from(ga)).toEqual(Array.from(gbb));
    }
    // The full-data loss is unchanged by the shuffles.
    expect(a.model.loss(a.theta)).toBeCloseTo(loss, 12);
  });

  it("the total map after a gradient reuses its forward pass, and never a stale one (depth ≥ 3)", () => {
    const { layout, model, theta } = setup(4, 2);
    const fresh = () => reluNetworkModel(layout, samples);
    const other = Float64Array.from(theta, (v, i) => (i % 3 === 0 ? v * 1.5 : v));
    const w = new Float64Array(3);
    const expected = new Float64Array(3);
    model.gradient(theta, new Float64Array(layout.size));
    model.totalMap(theta, w);
    fresh().totalMap(theta, expected);
    expect(Array.from(w)).toEqual(Array.from(expected));
    // Other weights after the gradient at θ: a new forward pass, not θ's outputs.
    model.totalMap(other, w);
    fresh().totalMap(other, expected);
    expect(Array.from(w)).toEqual(Array.from(expected));
    const yHat = new Float64Array(samples.samples);
    const yFresh = new Float64Array(samples.samples);
    model.predict(theta, yHat);
    fresh().predict(theta, yFresh);
    expect(Array.from(yHat)).toEqual(Array.from(yFresh));
    // A mini-batch gradient overwrites part of ŷ: the next total map recomputes it.
    const batched = reluNetworkModel(layout, samples, { miniBatch: { size: 8, seed: 1 } });
    batched.totalMap(theta, w);
    batched.gradient(other, new Float64Array(layout.size));
    const again = new Float64Array(3);
    batched.totalMap(theta, again);
    expect(Array.from(again)).toEqual(Array.from(w));
  });
});
