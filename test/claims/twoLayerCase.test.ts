import { describe, expect, it } from "vitest";
import {
  balancedRatioVerdict,
  lateFusionWeights,
  modeSeeds,
  simulateCase,
  twoLayerLate,
} from "../../src/claims/twoLayerCase.js";
import { orient } from "../../src/statistics/derived.js";
import { fromToy } from "../../src/statistics/toy.js";
import { lateFusionRatio } from "../../src/theory/lateFusionRatio.js";

const stats = orient(fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.3 })).stats;

describe("twoLayerLate", () => {
  it("is the L = Lf = 2 network of the generated init", () => {
    expect(twoLayerLate(1e-6, { kind: "gaussian", width: 7, seed: 3 })).toEqual({
      depth: 2,
      fusionLayer: 2,
      width: 7,
      init: "gaussian",
      seed: 3,
      u0: 1e-6,
    });
  });
});

describe("simulateCase", () => {
  it("times both transitions of a two-layer late-fusion run near T2's ratio", () => {
    const { times, run } = simulateCase(
      stats,
      twoLayerLate(1e-8, { kind: "balanced", width: 1, seed: 0 }),
    );
    expect(times.reached).toBe(true);
    expect(times.tA).toBeGreaterThan(0);
    expect(times.tB).toBeGreaterThan(times.tA);
    // Leading order in 1/ln(1/u0): within 15 % at u0 = 1e-8 (T2's law bounds it near 5 %).
    expect(Math.abs(times.ratio / lateFusionRatio(stats).ratio - 1)).toBeLessThan(0.15);
    expect(run.crossings.A).toBeDefined();
  });
});

describe("modeSeeds and lateFusionWeights", () => {
  it("read the same init the simulation starts from: width × d first layers, width fusion rows", () => {
    const net = twoLayerLate(1e-4, { kind: "gaussian", width: 3, seed: 5 });
    const w = lateFusionWeights(stats, net);
    expect(w.A.fusion).toHaveLength(3);
    expect(w.A.first).toHaveLength(3);
    expect(w.A.first[0]).toHaveLength(stats.dA);
    expect(w.B.first[0]).toHaveLength(stats.dB);
    // Gaussian θ/u0 is the same at every u0: weights scale with u0, seeds do not.
    const w2 = lateFusionWeights(stats, { ...net, u0: 1e-8 });
    expect(w2.A.fusion[0]! / w.A.fusion[0]!).toBeCloseTo(1e-4, 10);
    const seeds = modeSeeds(stats, net);
    const seeds2 = modeSeeds(stats, { ...net, u0: 1e-8 });
    expect(seeds2.kappaA).toBeCloseTo(seeds.kappaA, 8);
    expect(seeds.kappaA).toBeGreaterThan(0);
    expect(seeds.kappaB).toBeGreaterThan(0);
  });
});

describe("balancedRatioVerdict", () => {
  it("measures t_B/t_A against the prediction as a relative error", () => {
    const predicted = lateFusionRatio(stats).ratio;
    const v = balancedRatioVerdict(stats, { depth: 2, fusionLayer: 2 }, 1e-8, predicted, 0.15, {
      label: "x",
    });
    expect(v.kind).toBe("measured");
    if (v.kind !== "measured") return;
    expect(v.relative).toBe(true);
    expect(v.tolerance).toBe(0.15);
    expect(v.error).toBeCloseTo(((v.details.measured as number) - predicted) / predicted, 14);
    expect(v.details).toMatchObject({ label: "x" });
    // A wrong prediction shows as its relative error.
    const off = balancedRatioVerdict(
      stats,
      { depth: 2, fusionLayer: 2 },
      1e-8,
      predicted * 2,
      0.15,
      {},
    );
    expect(off.kind === "measured" && off.error).toBeCloseTo(
      (v.details.measured as number) / (2 * predicted) - 1,
      12,
    );
  });
});
