import { describe, expect, it } from "vitest";
import { runFiniteOrRelu, swapSampleSet } from "../../src/experiment/finiteRun.js";
import { fromToy } from "../../src/statistics/toy.js";

describe("swapSampleSet", () => {
  it("moves B's columns first in every row and exchanges dA, dB", () => {
    // P = 2, dA = 1, dB = 2: rows (a | b1 b2).
    const set = {
      x: Float64Array.of(1, 2, 3, 4, 5, 6),
      y: Float64Array.of(7, 8),
      samples: 2,
      dA: 1,
      dB: 2,
      label: "hand",
    };
    const swapped = swapSampleSet(set);
    expect(Array.from(swapped.x)).toEqual([2, 3, 1, 5, 6, 4]);
    expect([swapped.dA, swapped.dB]).toEqual([2, 1]);
    expect(Array.from(swapped.y)).toEqual([7, 8]);
    expect(swapped.label).toContain("swapped");
  });
});

describe("runFiniteOrRelu", () => {
  it("reports the first modality in the user's labels when the user's B is faster", () => {
    // σ_B > σ_A: the user's B has the larger ‖Σ_yx‖, so the oriented A is the user's B.
    const stats = fromToy({ sigmaA: 1, sigmaB: 2, rho: 0 });
    const report = runFiniteOrRelu(
      { activation: "linear", source: { kind: "sampled", samples: 400, dataSeed: 1 } },
      stats,
      {
        depth: 2,
        fusionLayer: 2,
        width: 4,
        init: "gaussian",
        seed: 0,
        u0: 1e-4,
        method: { kind: "flow" },
        untilConverged: false,
      },
    );
    expect(report.swapped).toBe(true);
    expect(report.firstModality).toBe("B");
    expect(report.times.reached).toBe(true);
    expect(report.orientedDA).toBe(1);
    // Norms in the user's labels: both teacher weights are 1 and the run converges to them.
    expect(report.normA).toBeCloseTo(1, 1);
    expect(report.normB).toBeCloseTo(1, 1);
    expect(report.dataSource).toBe("sampled");
    expect(report.samples).toBe(400);
  });
});
