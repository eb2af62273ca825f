/**
 * Benchmark workload (T11): one sampled two-layer ReLU late-fusion training on the toy family
 * (σA/σB = 2, ρ = 0.5, w = (1, 1)), P = 8192 samples, width 100, Gaussian init u0 = 1e-6, to
 * t_B. THEORY.md §6: the authors' code takes about 6 s for the linear version of this job
 * (gd, lr 0.04). Returns the measured t_B/t_A (T2 predicts 5). The lead wires it into
 * bench/run.ts.
 */
import { sampleFromStatistics } from "../src/data/sampleFromStatistics.js";
import { simulateRelu } from "../src/measurement/reluSimulation.js";
import type { TrainingMethod } from "../src/measurement/simulation.js";
import { fromToy } from "../src/statistics/toy.js";

export const RELU_TOY_METHOD: TrainingMethod = { kind: "gd", learningRate: 0.04 };

export function reluToyTraining(method: TrainingMethod = RELU_TOY_METHOD): number {
  const stats = fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.5 });
  const samples = sampleFromStatistics(stats, { samples: 8192, seed: 1 });
  const sim = simulateRelu({
    data: { kind: "samples", samples, thresholdStats: stats },
    depth: 2,
    fusionLayer: 2,
    width: 100,
    init: { kind: "gaussian", u0: 1e-6, seed: 1 },
    method,
  });
  return sim.times.ratio;
}
