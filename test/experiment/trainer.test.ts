import { describe, expect, it } from "vitest";
import {
  givenBudgets,
  landmarkGeneralisation,
  networkSpec,
  trajectoryRows,
} from "../../src/experiment/trainer.js";
import type { ExperimentInput } from "../../src/experiment/types.js";
import { fromToy } from "../../src/statistics/toy.js";
import type { TrainingRun } from "../../src/training/run.js";

function input(budgets: ExperimentInput["budgets"]): ExperimentInput {
  return {
    data: { kind: "population", stats: fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.3 }) },
    model: { depth: 3, fusionLayer: 2, width: 5, activation: "linear" },
    init: { kind: "gaussian", u0: 1e-4, seed: 9 },
    method: { kind: "gd", learningRate: 0.1 },
    budgets,
  };
}

/** A hand-made run: three samples, crossing A reached, B not. */
function run(crossings: TrainingRun["crossings"]): TrainingRun {
  return {
    method: "flow",
    status: "completed",
    crossings,
    final: { t: 9, loss: 0.1, totalMap: [3, 4], theta: new Float64Array(0) },
    samples: [
      { t: 0, loss: 1, totalMap: [0, 1] },
      { t: 1, loss: 0.5, totalMap: [2, 3] },
      { t: 9, loss: 0.1, totalMap: [3, 4] },
    ],
    steps: 3,
    rejectedSteps: 0,
    gradientEvaluations: 18,
  } as TrainingRun;
}

describe("networkSpec", () => {
  it("passes the model's depth, fusion layer and width, the init and the method through", () => {
    const i = input({ untilConverged: false });
    expect(networkSpec(i)).toEqual({
      depth: 3,
      fusionLayer: 2,
      width: 5,
      init: { kind: "gaussian", u0: 1e-4, seed: 9 },
      method: { kind: "gd", learningRate: 0.1 },
    });
  });
});

describe("givenBudgets", () => {
  it("keeps the given budgets and leaves absent ones absent (not undefined-valued keys)", () => {
    expect(givenBudgets(input({ untilConverged: false }))).toEqual({});
    expect(Object.keys(givenBudgets(input({ untilConverged: true, maxTime: 5 })))).toEqual([
      "maxTime",
    ]);
    expect(givenBudgets(input({ untilConverged: false, maxTime: 5, maxSteps: 7 }))).toEqual({
      maxTime: 5,
      maxSteps: 7,
    });
    // 0 is a budget, not an absent one.
    expect(givenBudgets(input({ untilConverged: false, maxSteps: 0 }))).toEqual({ maxSteps: 0 });
  });
});

describe("landmarkGeneralisation", () => {
  // E_g stand-in: the sum of the map's entries, so each landmark's value names its source.
  const eg = (w: readonly number[]) => w.reduce((s, v) => s + v, 0);

  it("evaluates E_g on the final map and on the A and B crossings' maps", () => {
    const r = run({
      A: { t: 1, step: 1, totalMap: [1, 0] },
      B: { t: 5, step: 2, totalMap: [1, 2] },
    });
    expect(landmarkGeneralisation(eg, r)).toEqual({ final: 7, atTA: 1, atTB: 3 });
  });

  it("gives NaN for a threshold the run did not cross", () => {
    const r = run({ A: { t: 1, step: 1, totalMap: [1, 0] } });
    const g = landmarkGeneralisation(eg, r);
    expect(g.final).toBe(7);
    expect(g.atTA).toBe(1);
    expect(g.atTB).toBeNaN();
    expect(landmarkGeneralisation(eg, run({})).atTA).toBeNaN();
  });
});

describe("trajectoryRows", () => {
  const swap = (row: readonly number[]) => [row[1]!, row[0]!];

  it("one row per sample with t, loss and the map put through `order`", () => {
    expect(trajectoryRows(run({}), swap)).toEqual([
      { t: 0, loss: 1, wTot: [1, 0] },
      { t: 1, loss: 0.5, wTot: [3, 2] },
      { t: 9, loss: 0.1, wTot: [4, 3] },
    ]);
  });

  it("adds the E_g series index by index when given, and no eg key otherwise", () => {
    const rows = trajectoryRows(run({}), (r) => [...r], [{ eg: 0.3 }, { eg: 0.2 }, { eg: 0.1 }]);
    expect(rows.map((r) => r.eg)).toEqual([0.3, 0.2, 0.1]);
    expect("eg" in trajectoryRows(run({}), (r) => [...r])[0]!).toBe(false);
  });
});
