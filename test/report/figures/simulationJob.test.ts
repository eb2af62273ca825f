import { describe, expect, it } from "vitest";
import {
  FIGURE_RTOL,
  FIGURE_STEP_BUDGET,
  runNetworkJob,
  sigmaRatioSeries,
  statisticsOf,
  toySource,
} from "../../../src/report/figures/simulationJob.js";
import { fasterModality } from "../../../src/statistics/derived.js";

describe("statisticsOf", () => {
  it("orients the toy family: σA < σB is swapped so that A is faster", () => {
    // σA = 1, σB = 2, ρ = 0.5, w = (1, 1): Σ_yx = (1 + 1, 1 + 4) = (2, 5) before orientation.
    const s = statisticsOf({ family: "toy", sigmaA: 1, sigmaB: 2, rho: 0.5 });
    expect(s.sigmaYX).toEqual([5, 2]);
    expect(s.sigma[0]![0]).toBe(4);
  });

  it("draws the random family at the given dimension (default D = 10), oriented", () => {
    const d10 = statisticsOf({ family: "random", seed: 3 });
    expect(d10.dA + d10.dB).toBe(10);
    const d20 = statisticsOf({ family: "random", seed: 3, dimension: 20 });
    expect(d20.dA + d20.dB).toBe(20);
    expect(fasterModality(d20)).not.toBe("B");
  });

  it("toySource: σB = 1; sigmaRatioSeries names the curve", () => {
    expect(toySource(2.5, -0.3)).toEqual({ family: "toy", sigmaA: 2.5, sigmaB: 1, rho: -0.3 });
    expect(sigmaRatioSeries(2.5)).toBe("σA/σB = 2.5");
  });

  it("the figures' budgets are the documented ones", () => {
    expect(FIGURE_STEP_BUDGET).toBe(200_000);
    expect(FIGURE_RTOL).toBe(1e-8);
  });
});

describe("runNetworkJob", () => {
  // Toy σA = 2, σB = 1, ρ = 0.5: Σ_yx = (5, 2), W_A^uni = 5/4, T2 = 1 + (5 − 2)/0.75 = 5.
  const job = {
    stats: toySource(2, 0.5),
    depth: 2,
    fusionLayer: 2,
    width: 1,
    init: "balanced" as const,
    u0: 1e-6,
    seed: 0,
  };

  it("flow: both times, ratio t_B/t_A near T2, plateau at (W_A^uni, ≈ 0)", () => {
    const r = runNetworkJob(job);
    expect(r.status).toBe("completed");
    expect(r.tA).not.toBeNull();
    expect(r.ratio).toBeCloseTo(r.tB! / r.tA!, 10);
    // T2's error at u0 = 1e-6 is O(1/ln(1/u0)) ≈ a few %: 10 % is generous, a wrong ratio
    // (e.g. t_A/t_B, or the unoriented problem) is far outside.
    expect(Math.abs(r.ratio! / 5 - 1)).toBeLessThan(0.1);
    // T3: on the plateau A has learned its unimodal solution and B is still ~u0-small.
    expect(r.plateauMap).toHaveLength(2);
    expect(Math.abs(r.plateauMap![0]! / 1.25 - 1)).toBeLessThan(1e-3);
    expect(Math.abs(r.plateauMap![1]!)).toBeLessThan(1e-3);
  });

  it("gradient descent when a learning rate is given: the same times to O(lr)", () => {
    const flow = runNetworkJob(job);
    const gd = runNetworkJob({ ...job, learningRate: 0.01 });
    expect(gd.status).toBe("completed");
    // Euler steps of 0.01 on rates O(5): t_A, t_B agree to ~ lr·s_A ≈ 5 %.
    expect(Math.abs(gd.tA! / flow.tA! - 1)).toBeLessThan(0.1);
    expect(Math.abs(gd.tB! / flow.tB! - 1)).toBeLessThan(0.1);
  });

  it("a threshold not reached within the budget is null, not NaN (JSON-safe)", () => {
    const r = runNetworkJob({ ...job, learningRate: 1e-6 });
    // lr 1e-6 × 200 000 steps reaches t = 0.2, long before t_A ≈ 2.8.
    expect(r.tA).toBeNull();
    expect(r.tB).toBeNull();
    expect(r.ratio).toBeNull();
    expect(r.status).toBe("step-budget");
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });
});
