import { describe, expect, it } from "vitest";
import type { SampleSet } from "../../src/data/sampleSet.js";
import { InputError } from "../../src/errors/inputError.js";
import type { NoteCode } from "../../src/experiment/notes.js";
import { swapSampleSet } from "../../src/experiment/orientation.js";
import { runSeedSweep } from "../../src/experiment/repeats.js";
import { runExperiment } from "../../src/experiment/run.js";
import type { ExperimentData, ExperimentInput } from "../../src/experiment/types.js";
import { normalSource } from "../../src/random/gaussian.js";
import { fromToy } from "../../src/statistics/toy.js";

/** `ubias simulate`'s defaults: width 8, Gaussian init seed 0, u0 1e-6, gradient flow. */
function input(data: ExperimentData, overrides: Partial<ExperimentInput> = {}): ExperimentInput {
  return {
    data,
    model: { depth: 2, fusionLayer: 2, width: 8, activation: "linear" },
    init: { kind: "gaussian", u0: 1e-6, seed: 0 },
    method: { kind: "flow" },
    budgets: { untilConverged: false },
    ...overrides,
  };
}

const population = (sigmaA: number, sigmaB: number, rho: number): ExperimentData => ({
  kind: "population",
  stats: fromToy({ sigmaA, sigmaB, rho }),
});

const codes = (notes: readonly { code: NoteCode }[]) => notes.map((n) => n.code);

describe("runExperiment", () => {
  it("equals what `ubias simulate --sigma-a 2 --sigma-b 1 --rho 0.3 --json` printed before issue 13", () => {
    const r = runExperiment(input(population(2, 1, 0.3)));
    // Values from the pre-change snapshot (scripts/structure/snapshot.sh), bit for bit.
    expect(r.times).toEqual({
      ratio: 4.1916486201677055,
      tA: 2.8604040682291174,
      tB: 11.989808765714672,
      duration: 9.129404697485555,
      reached: true,
      firstModality: "A",
    });
    expect(r.outcome).toEqual({
      status: "completed",
      steps: 611,
      rejectedSteps: 4,
      gradientEvaluations: 3692,
      integrators: { dopri5: { steps: 611, rejectedSteps: 4, evaluations: 3692 } },
    });
    expect(r.final).toEqual({
      t: 12.003885850051754,
      loss: 0.11100001708503271,
      wTot: [1.0816784537502875, 0.5063399753561122],
    });
    expect(r.plateau).toEqual({
      t: 3.9632252669613024,
      loss: 0.4549995869879253,
      wTot: [1.1499548246765503, 4.583311823114188e-7],
    });
    expect(r.prediction).toEqual({
      ratio: 4.296703296703296,
      source: "T2",
      relativeError: -0.02445006538296346,
      nextOrder: {
        ratio: 4.191650848411383,
        tA: 2.8604027297607475,
        tB: 11.989809528999874,
        status: "reached",
        relativeError: -5.315909550329678e-7,
      },
    });
    expect(r.measurements).toEqual({
      activation: "linear",
      training: "population",
      dataSource: "population",
      trainingLoss: 0.11100001708503271,
      normA: 1.0816784537502875,
      normB: 0.5063399753561122,
      generalisation: {
        final: 0.11100001708503272,
        atTA: 1.116249930339936,
        atTB: 0.1138657293116297,
      },
    });
    expect(r.swapped).toBe(false);
    expect(r.data).toBe("toy σA=2 σB=1 ρ=0.3 w=(1, 1)");
    expect(r.notes).toEqual([]);
    expect(r.trajectory.at(-1)).toEqual(r.final);
  });

  it("swaps a population whose B is faster: the same oriented run, reported in the user's labels", () => {
    const plain = runExperiment(input(population(2, 1, 0.3)));
    const swapped = runExperiment(input(population(1, 2, 0.3)));
    expect(swapped.swapped).toBe(true);
    expect(swapped.times).toEqual({ ...plain.times, firstModality: "B" });
    expect(swapped.final.wTot).toEqual([...plain.final.wTot].reverse());
    expect(swapped.measurements.normA).toBe(plain.measurements.normB);
    expect(swapped.measurements.normB).toBe(plain.measurements.normA);
    // "as-given" trains on the user's labels: the slower modality is learned first as A.
    const asGiven = runExperiment(input(population(1, 2, 0.3), { orientation: "as-given" }));
    expect(asGiven.swapped).toBe(false);
    expect(asGiven.times.firstModality).toBe("B");
    expect(asGiven.final.wTot).not.toEqual(swapped.final.wTot);
  });

  it("swaps a sample set so that the faster modality is A, and trains on its swapped samples", () => {
    // y = 0.2·x_A + 2·x_B1 − x_B2 on 40 rows: B has the larger ‖Σ_yx‖.
    const normals = normalSource(3);
    const x = new Float64Array(120);
    const y = new Float64Array(40);
    for (let p = 0; p < 40; p++) {
      for (let j = 0; j < 3; j++) x[3 * p + j] = normals.next();
      y[p] = 0.2 * x[3 * p]! + 2 * x[3 * p + 1]! - x[3 * p + 2]!;
    }
    const set: SampleSet = { x, y, samples: 40, dA: 1, dB: 2, label: "teacher" };
    const r = runExperiment(input({ kind: "csv", set }));
    expect(r.swapped).toBe(true);
    expect([r.dA, r.dB]).toEqual([1, 2]);
    expect(r.times.firstModality).toBe("B");
    // By hand: the run on the swapped samples, as-given, is the same run in the oriented order.
    const byHand = runExperiment(
      input({ kind: "csv", set: swapSampleSet(set) }, { orientation: "as-given" }),
    );
    expect(byHand.swapped).toBe(false);
    const toUser = (w: readonly number[]) => [...w.slice(2), ...w.slice(0, 2)];
    expect(r.final.wTot).toEqual(toUser(byHand.final.wTot));
    expect(r.measurements.solution!.wTot).toEqual(toUser(byHand.measurements.solution!.wTot));
    expect(r.times.ratio).toBe(byHand.times.ratio);
    for (const [i, w] of [0.2, 2, -1].entries())
      expect(r.measurements.solution!.wTot[i]).toBeCloseTo(w, 9);
    expect(r.measurements.generalisation).toBeNull();
    expect(codes(r.notes)).toEqual(["no-population"]);
  });

  it("notes carry codes: u0 beyond the small-init regime, XOR data, ReLU E_g", () => {
    const wide = runExperiment(
      input(population(2, 1, 0.3), { init: { kind: "gaussian", u0: 0.01, seed: 0 } }),
    );
    expect(wide.notes).toEqual([{ code: "outside-small-init", depth: 2, u0: 0.01, bound: 1e-3 }]);

    const xor = runExperiment(
      input(
        { kind: "xor", variance: 1, samples: 64, dataSeed: 0 },
        {
          model: { depth: 2, fusionLayer: 2, width: 16, activation: "relu" },
          init: { kind: "gaussian", u0: 1e-3, seed: 0 },
          method: { kind: "gd", learningRate: 0.05 },
        },
      ),
    );
    expect(codes(xor.notes)).toEqual(["xor-target-not-linear", "xor-no-phase-times"]);
    expect(xor.times.reached).toBe(false);
    expect(Number.isNaN(xor.times.ratio)).toBe(true);
    expect(xor.prediction).toBeUndefined();
    expect(xor.measurements.directions).toBeDefined();
    expect(xor.outcome.steps).toBe(2000); // trained to T12's 100 τ at lr 0.05

    const relu = runExperiment(
      input(population(2, 1, 0.3), {
        model: { depth: 2, fusionLayer: 2, width: 8, activation: "relu" },
      }),
    );
    expect(relu.measurements.training).toBe("population-closed-form");
    expect(codes(relu.notes)).toContain("relu-eg-final-only");
    expect(relu.measurements.generalisation!.final).toBeGreaterThanOrEqual(0);
    expect(relu.prediction?.nextOrder).toBeUndefined();
  });

  it("rejects a balanced init on P ≤ D samples (it inverts Σ̂)", () => {
    const data: ExperimentData = {
      kind: "sampled",
      stats: fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.3 }),
      samples: 2,
      dataSeed: 0,
    };
    expect(() =>
      runExperiment(input(data, { init: { kind: "balanced", u0: 1e-6, seed: 0 } })),
    ).toThrow(InputError);
  });

  it("predict: false skips the closed-form comparison and changes nothing else", () => {
    const base = input(population(2, 1, 0.3), { init: { kind: "gaussian", u0: 1e-3, seed: 1 } });
    const full = runExperiment(base);
    const bare = runExperiment({ ...base, predict: false });
    expect(full.prediction?.nextOrder).toBeDefined();
    expect(bare.prediction).toBeUndefined();
    const { prediction: _, wallSeconds: __, ...rest } = full;
    expect({ ...bare, wallSeconds: 0 }).toEqual({ ...rest, wallSeconds: 0 });
  });

  it("a seed sweep runs consecutive init seeds", () => {
    const sweep = runSeedSweep(
      input(population(2, 1, 0.3), { init: { kind: "gaussian", u0: 1e-3, seed: 5 } }),
      2,
    );
    const second = runExperiment(
      input(population(2, 1, 0.3), { init: { kind: "gaussian", u0: 1e-3, seed: 6 } }),
    );
    expect(sweep.results).toHaveLength(2);
    expect(sweep.results[1]!.times).toEqual(second.times);
    expect(sweep.results[0]!.times.ratio).not.toBe(second.times.ratio);
  });
});
