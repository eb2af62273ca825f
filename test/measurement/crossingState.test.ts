import { describe, expect, it } from "vitest";
import {
  CROSSING_FLOOR,
  crossingStateDeviation,
  crossingStateTolerance,
  theoryLevels,
} from "../../src/measurement/crossingState.js";
import { simulate } from "../../src/measurement/simulation.js";
import type { Statistics } from "../../src/statistics/statistics.js";
import { fromToy } from "../../src/statistics/toy.js";
import type { Crossing, TrainingRun } from "../../src/training/run.js";

/** Σ = I, Σ_yx = (2, 1): W_A^uni = 2, W^full = (2, 1), so docs/theory.md §3's levels are 1 and ½. */
const stats: Statistics = {
  sigma: [
    [1, 0],
    [0, 1],
  ],
  sigmaYX: [2, 1],
  sigmaY2: 6,
  dA: 1,
  dB: 1,
  label: "identity",
};

function runWith(crossings: Record<string, Crossing>): TrainingRun {
  return {
    method: "flow",
    status: "completed",
    crossings,
    final: { t: 10, loss: 0, totalMap: [], theta: new Float64Array(0) },
    samples: [],
    steps: 1,
    rejectedSteps: 0,
    gradientEvaluations: 1,
  };
}

describe("crossingStateDeviation (docs/theory.md §3 levels, every timed claim)", () => {
  it("recomputes the levels ½‖W_A^uni‖ and ½‖W_B^full‖ from the statistics", () => {
    expect(theoryLevels(stats)).toEqual({ A: 1, B: 0.5 });
  });

  it("is 0 for crossing states exactly at the levels", () => {
    const run = runWith({
      A: { t: 3, step: 1, totalMap: [1, 0.01] },
      B: { t: 9, step: 2, totalMap: [2, -0.5] },
    });
    expect(crossingStateDeviation(stats, run)).toEqual({ perModality: { A: 0, B: 0 }, worst: 0 });
  });

  it("flags a 10 % threshold error (B read at 0.45‖W_B^full‖) far beyond its tolerance", () => {
    const run = runWith({ B: { t: 9, step: 2, totalMap: [2, 0.45] } });
    const deviation = crossingStateDeviation(stats, run);
    expect(deviation.perModality.B).toBeCloseTo(0.1, 12);
    expect(deviation.worst).toBeCloseTo(0.1 / CROSSING_FLOOR, 0);
  });

  it("accepts a level already met at t = 0 from above, not from below", () => {
    const above = runWith({ A: { t: 0, step: 0, totalMap: [1.5, 0] } });
    expect(crossingStateDeviation(stats, above).worst).toBe(0);
    const below = runWith({ A: { t: 0, step: 0, totalMap: [0.5, 0] } });
    expect(crossingStateDeviation(stats, below).perModality.A).toBeCloseTo(0.5, 12);
  });

  it("grows its tolerance like ε·t (Brent locates the root to 2ε|t|), floored", () => {
    expect(crossingStateTolerance(1)).toBe(CROSSING_FLOOR);
    expect(crossingStateTolerance(1e12)).toBeCloseTo(400 * Number.EPSILON * 1e12, 18);
  });

  it("holds on a real gradient-flow run (two-layer late fusion, toy statistics)", () => {
    const toy = fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.5, wA: 1, wB: 1 });
    const run = simulate({
      stats: toy,
      depth: 2,
      fusionLayer: 2,
      width: 1,
      init: { kind: "balanced", u0: 1e-6 },
      method: { kind: "flow" },
    });
    expect(run.crossings.A).toBeDefined();
    expect(run.crossings.B).toBeDefined();
    expect(crossingStateDeviation(toy, run).worst).toBeLessThanOrEqual(1);
  });
});
