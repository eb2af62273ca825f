import { describe, expect, it } from "vitest";
import type { SampleSet } from "../../src/data/sampleSet.js";
import { InputError } from "../../src/errors/inputError.js";
import { prepareData } from "../../src/experiment/data.js";
import { DEFAULT_XOR_MAX_TIME, trainRelu } from "../../src/experiment/reluTrainer.js";
import type { TrainerContext } from "../../src/experiment/trainer.js";
import type { Budgets, ExperimentData, ExperimentInput } from "../../src/experiment/types.js";
import { fromToy } from "../../src/statistics/toy.js";

function context(data: ExperimentData, budgets: Budgets, depth = 2): TrainerContext {
  const input: ExperimentInput = {
    data,
    model: { depth, fusionLayer: 2, width: 4, activation: "relu" },
    init: { kind: "gaussian", u0: 1e-3, seed: 1 },
    method: { kind: "gd", learningRate: 0.05 },
    budgets,
  };
  return { input, data: prepareData(data, "as-given"), order: (r) => [...r] };
}

// Four rows of a CSV set, D = 2: P = 2 rows would be P ≤ D.
const rows = (samples: number): SampleSet => ({
  x: Float64Array.from({ length: 2 * samples }, (_, i) => ((i * 7) % 5) - 2),
  y: Float64Array.from({ length: samples }, (_, i) => (i % 3) - 1),
  samples,
  dA: 1,
  dB: 1,
  label: "rows",
});

describe("trainRelu: refusals (InputError naming the flag)", () => {
  it("--until-converged on samples without --max-time or --max-steps", () => {
    const call = () => trainRelu(context({ kind: "csv", set: rows(6) }, { untilConverged: true }));
    expect(call).toThrow(InputError);
    expect(call).toThrow(/^--until-converged: .*--max-time or --max-steps/);
  });

  it("--activation on CSV data with P ≤ D rows (the thresholds invert Σ̂)", () => {
    const call = () =>
      trainRelu(context({ kind: "csv", set: rows(2) }, { untilConverged: false, maxSteps: 5 }));
    expect(call).toThrow(InputError);
    expect(call).toThrow(/^--activation: .*P = 2, D = 2/);
  });
});

describe("trainRelu: notes and E_g", () => {
  it("XOR data train T12's default 100 τ (2000 steps at lr 0.05), no E_g", () => {
    expect(DEFAULT_XOR_MAX_TIME).toBe(100);
    const trained = trainRelu(
      context({ kind: "xor", variance: 1, samples: 8, dataSeed: 0 }, { untilConverged: false }),
    );
    // 100 τ / 0.05 = 2000 iterations: the default time budget, not a convergence stop.
    expect(trained.run.steps).toBe(2000);
    expect(trained.generalisation).toBeNull();
    expect(trained.notes.map((n) => n.code)).toContain("xor-target-not-linear");
    expect(trained.training).not.toBe("population-closed-form");
  });

  it("a population at depth 3 has no closed-form E_g: relu-eg-needs-two-layers", () => {
    const stats = fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.3 });
    const trained = trainRelu(
      context(
        { kind: "sampled", stats, samples: 16, dataSeed: 0 },
        { untilConverged: false, maxSteps: 3 },
        3,
      ),
    );
    expect(trained.notes).toContainEqual({ code: "relu-eg-needs-two-layers", depth: 3 });
    expect(trained.generalisation).toBeNull();
  });

  it("two layers on a population: E_g at the end only (NaN at the crossings)", () => {
    const stats = fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.3 });
    const trained = trainRelu(
      context({ kind: "population", stats }, { untilConverged: false, maxSteps: 20 }),
    );
    expect(trained.training).toBe("population-closed-form");
    expect(trained.notes.map((n) => n.code)).toContain("relu-eg-final-only");
    expect(trained.generalisation!.atTA).toBeNaN();
    expect(trained.generalisation!.atTB).toBeNaN();
    // E_g = ℒ_pop(W) − ℒ*: ℒ* = 0 for this noiseless teacher, so E_g is the population loss
    // itself, here the training loss (the run is on the population), and ≥ 0.
    const gap = trained.generalisation!.final - trained.run.final.loss;
    expect(Math.abs(gap)).toBeLessThan(1e-12);
    expect(trained.generalisation!.final).toBeGreaterThanOrEqual(0);
  });
});
