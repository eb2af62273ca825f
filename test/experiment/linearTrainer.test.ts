import { describe, expect, it } from "vitest";
import type { SampleSet } from "../../src/data/sampleSet.js";
import { prepareData } from "../../src/experiment/data.js";
import { trainLinearPopulation, trainLinearSamples } from "../../src/experiment/linearTrainer.js";
import type { TrainerContext } from "../../src/experiment/trainer.js";
import type { ExperimentData, ExperimentInput } from "../../src/experiment/types.js";
import { fromToy } from "../../src/statistics/toy.js";

function context(
  data: ExperimentData,
  u0: number,
  order: (row: readonly number[]) => number[] = (r) => [...r],
): TrainerContext {
  const input: ExperimentInput = {
    data,
    model: { depth: 2, fusionLayer: 2, width: 4, activation: "linear" },
    init: { kind: "gaussian", u0, seed: 1 },
    method: { kind: "flow" },
    budgets: { untilConverged: false },
  };
  return { input, data: prepareData(data, "as-given"), order };
}

describe("trainLinearPopulation", () => {
  // Toy (2, 1, 0.3) with teacher noise σ_ε = 0.5: ℒ* = ½σ_ε² = 0.125 by hand (the teacher
  // w* = (1, 1) is the population minimiser), so T10's E_g = ℒ(W) − ℒ*.
  const stats = fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.3, noiseStd: 0.5 });

  it("reports E_g = ℒ(W) − ℒ* at the end, trains on the population, no note inside the regime", () => {
    const trained = trainLinearPopulation(context({ kind: "population", stats }, 1e-4));
    expect(trained.training).toBe("population");
    expect(trained.notes).toEqual([]);
    // Tolerance: ℒ(W) and E_g are O(0.1) quadratic forms evaluated separately; a few ulps
    // of σ_y² ≈ 6.5 of cancellation.
    expect(Math.abs(trained.generalisation!.final - (trained.run.final.loss - 0.125))).toBeLessThan(
      1e-14 * 100,
    );
    // Both thresholds are crossed in this run: E_g at t_A is larger than at t_B (B unlearned).
    expect(trained.generalisation!.atTA).toBeGreaterThan(trained.generalisation!.atTB);
    expect(trained.solution).toBeUndefined();
  });

  it("cautions about u0 beyond the two-layer small-init bound 1e-3", () => {
    const trained = trainLinearPopulation(context({ kind: "population", stats }, 0.02));
    expect(trained.notes).toEqual([
      { code: "outside-small-init", depth: 2, u0: 0.02, bound: 1e-3 },
    ]);
  });

  it("puts every trajectory row's map through `order`", () => {
    const swap = (r: readonly number[]) => [r[1]!, r[0]!];
    const trained = trainLinearPopulation(context({ kind: "population", stats }, 1e-4, swap));
    expect(trained.trajectory).toHaveLength(trained.run.samples.length);
    const last = trained.run.samples.at(-1)!;
    expect(trained.trajectory.at(-1)!.wTot).toEqual([last.totalMap[1], last.totalMap[0]]);
  });
});

describe("trainLinearSamples", () => {
  // Four rows, y = 0.5·x_A + 2·x_B exactly: the least-squares solution is (0.5, 2), minimum
  // loss 0. The rows are orthogonal (Σ̂ = I), so Σ̂⁻¹Σ̂_yx is (0.5, 2) by hand.
  const x = Float64Array.from([1, 1, -1, 1, 1, -1, -1, -1]);
  const y = Float64Array.from([2.5, 1.5, -1.5, -2.5]);
  const set: SampleSet = { x, y, samples: 4, dA: 1, dB: 1, label: "rows" };

  it("without a population: the no-population note, no E_g, the sample solution in user order", () => {
    const swap = (r: readonly number[]) => [r[1]!, r[0]!];
    const trained = trainLinearSamples(context({ kind: "csv", set }, 1e-4, swap));
    expect(trained.training).toBe("sample-moments");
    expect(trained.notes).toEqual([{ code: "no-population" }]);
    expect(trained.generalisation).toBeNull();
    expect(trained.solution!.kind).toBe("least-squares");
    // Σ̂ = I: the solution is exact up to the rounding of one solve of a 2×2 identity.
    expect(trained.solution!.wTot[0]).toBeCloseTo(2, 14);
    expect(trained.solution!.wTot[1]).toBeCloseTo(0.5, 14);
    expect(trained.solution!.minimumLoss).toBeLessThan(1e-28);
    expect(trained.solution!.eg).toBeUndefined();
    // The run converges onto the solution (it stops at the training-loss minimum).
    expect(trained.solution!.distance).toBeLessThan(1e-3);
  });

  it("on XOR data the missing E_g is explained by the non-linear target", () => {
    const trained = trainLinearSamples(
      context({ kind: "xor", variance: 1, samples: 8, dataSeed: 2 }, 1e-4),
    );
    expect(trained.notes).toEqual([{ code: "xor-target-not-linear" }]);
    expect(trained.generalisation).toBeNull();
  });

  it("with a population (sampled data): E_g at the landmarks and of the solution", () => {
    // Noisy teacher: 64 samples' least-squares solution is not w* (E_g > 0).
    const stats = fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.3, noiseStd: 0.5 });
    const trained = trainLinearSamples(
      context({ kind: "sampled", stats, samples: 64, dataSeed: 3 }, 1e-4),
    );
    expect(trained.notes).toEqual([]);
    expect(trained.generalisation).not.toBeNull();
    // E_g is a quadratic form in (W − w*) with Σ SPD: non-negative, and positive for a
    // finite-sample solution (P = 64 samples do not reproduce w* exactly).
    expect(trained.solution!.eg!).toBeGreaterThan(0);
    expect(trained.generalisation!.final).toBeGreaterThanOrEqual(0);
    expect(trained.trajectory.every((r) => r.eg !== undefined && r.eg >= 0)).toBe(true);
  });
});
