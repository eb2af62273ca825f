import { describe, expect, it } from "vitest";
import { runSeedSweep } from "../../src/experiment/repeats.js";
import { runExperiment } from "../../src/experiment/run.js";
import type { ExperimentInput } from "../../src/experiment/types.js";
import { fromToy } from "../../src/statistics/toy.js";

/** A small, fast run: toy (2, 1, 0.3), width 4, u0 1e-3, gradient flow, no prediction. */
function input(seed: number): ExperimentInput {
  return {
    data: { kind: "population", stats: fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.3 }) },
    model: { depth: 2, fusionLayer: 2, width: 4, activation: "linear" },
    init: { kind: "gaussian", u0: 1e-3, seed },
    method: { kind: "flow" },
    budgets: { untilConverged: false },
    predict: false,
  };
}

describe("runSeedSweep", () => {
  it("runs seeds seed, seed + 1, …, seed + count − 1, each exactly as a single run", () => {
    const sweep = runSeedSweep(input(10), 3);
    expect(sweep.results).toHaveLength(3);
    for (let i = 0; i < 3; i++) {
      const single = runExperiment(input(10 + i));
      expect(sweep.results[i]!.final, `seed ${10 + i}`).toEqual(single.final);
      expect(sweep.results[i]!.times, `seed ${10 + i}`).toEqual(single.times);
    }
    // Different seeds are different runs (a sweep repeating one seed would pass the above
    // only if it also repeated the single runs' seed).
    expect(sweep.results[0]!.final.wTot).not.toEqual(sweep.results[1]!.final.wTot);
    expect(sweep.results[1]!.final.wTot).not.toEqual(sweep.results[2]!.final.wTot);
  });

  it("does not modify the input's init (the caller's seed is still the first)", () => {
    const given = input(3);
    runSeedSweep(given, 2);
    expect(given.init.seed).toBe(3);
  });

  it("reports progress after each run as (done, total), and measures a wall time", () => {
    const calls: [number, number][] = [];
    const sweep = runSeedSweep(input(0), 2, (done, total) => calls.push([done, total]));
    expect(calls).toEqual([
      [1, 2],
      [2, 2],
    ]);
    expect(sweep.wallSeconds).toBeGreaterThan(0);
    expect(sweep.wallSeconds).toBeLessThan(60);
  });

  it("a count of 0 runs nothing and reports nothing", () => {
    const calls: number[] = [];
    const sweep = runSeedSweep(input(0), 0, (done) => calls.push(done));
    expect(sweep.results).toEqual([]);
    expect(calls).toEqual([]);
  });
});
