import { describe, expect, it } from "vitest";
import { sampleFromStatistics } from "../../src/data/sampleFromStatistics.js";
import type { SampleSet } from "../../src/data/sampleSet.js";
import { simulateRelu } from "../../src/measurement/reluSimulation.js";
import { phaseThresholds } from "../../src/measurement/simulation.js";
import { fusionArchitecture } from "../../src/network/architecture.js";
import { gaussianInit } from "../../src/network/initialisation.js";
import type { ParameterLayout } from "../../src/network/layout.js";
import { parameterLayout } from "../../src/network/layout.js";
import { reluNetworkModel } from "../../src/network/reluNetwork.js";
import { scalarReluApplies, scalarReluModel } from "../../src/network/scalarReluModel.js";
import type { Statistics } from "../../src/statistics/statistics.js";
import { fromToy } from "../../src/statistics/toy.js";
import { trainGradientDescent } from "../../src/training/gradientDescent.js";
import { EPS, relativeError } from "../helpers/numeric.js";

function scalarLayout(width: number): ParameterLayout {
  return parameterLayout(
    fusionArchitecture({ depth: 2, fusionLayer: 2, width, dA: 1, dB: 1, activation: "relu" }),
  );
}

/** Samples with every x_A ≥ 0: relu(−x_A) ≡ 0, M is singular and the reference c₀ is 0. */
function oneSidedA(samples: SampleSet): SampleSet {
  const x = Float64Array.from(samples.x);
  for (let p = 0; p < samples.samples; p++) x[2 * p] = Math.abs(x[2 * p]!);
  return { ...samples, x, label: `${samples.label}, |x_A|` };
}

/**
 * Per-sample magnitude U_p = |y_p| + Σ_i|a_i w_i||x_A,p| + Σ_j|b_j v_j||x_B,p|, which bounds
 * |y_p|, |ŷ_p| and |y_p − ŷ_p| (and the least-squares fit c₀·φ, which is no larger than y in
 * mean square): the absolute scale of every term either model sums.
 */
function magnitudes(layout: ParameterLayout, theta: Float64Array, samples: SampleSet) {
  const { A, B } = layout.chains;
  let sA = 0;
  let sB = 0;
  for (let i = 0; i < layout.architecture.width; i++) {
    sA += Math.abs(theta[A[0]!.offset + i]! * theta[A[1]!.offset + i]!);
    sB += Math.abs(theta[B[0]!.offset + i]! * theta[B[1]!.offset + i]!);
  }
  return Float64Array.from(
    { length: samples.samples },
    (_, p) =>
      Math.abs(samples.y[p]!) +
      sA * Math.abs(samples.x[2 * p]!) +
      sB * Math.abs(samples.x[2 * p + 1]!),
  );
}

const toy = fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.5 });
const dataSets: [string, Statistics][] = [
  ["toy σA/σB = 2, ρ = 0.5", toy],
  ["toy ρ = −0.7, noisy", fromToy({ sigmaA: 1.5, sigmaB: 1, rho: -0.7, noiseStd: 0.3 })],
  ["toy random teacher", fromToy({ sigmaA: 0.8, sigmaB: 1.3, rho: 0.2, wA: -1.2, wB: 0.4 })],
];

describe("scalarReluModel: sufficient statistics for scalar late fusion (T11)", () => {
  const P = 200;
  const width = 12;
  // Both models sum P per-sample terms (generic: and h hidden units per sample; here: the
  // moments once, then h units and 4×4 products). Recursive summation of n terms errs by at
  // most γ_n ≈ n·ε times the sum of |terms| (Higham, Accuracy and Stability, Thm 4.1), so two
  // evaluations of the same quantity differ by at most 2·n·ε·S with n = P + 2h + 16 (16: the
  // 4×4 products and the c₀ expansion) and S the mean of the terms' magnitudes (U_p² for the
  // loss, U_p·|input| for gradients). A formula error (a wrong sign, a missed neuron) is O(S).
  const n = P + 2 * width + 16;
  const ROUND_OFF = 2 * n * EPS;

  for (const [name, stats] of dataSets) {
    for (const variant of ["two-sided", "x_A ≥ 0 (singular M)"] as const) {
      it(`loss and gradient equal the sampled model's to round-off (${name}, ${variant})`, () => {
        const drawn = sampleFromStatistics(stats, { samples: P, seed: 5 });
        const samples = variant === "two-sided" ? drawn : oneSidedA(drawn);
        const layout = scalarLayout(width);
        const generic = reluNetworkModel(layout, samples);
        const sufficient = scalarReluModel(layout, samples);
        const { A, B } = layout.chains;
        let worstUlps = 0;
        for (let seed = 1; seed <= 10; seed++) {
          const theta = gaussianInit(layout, 0.7, seed);
          // Dead neurons on both branches (w = 0 and w = −0): relu'(0) = 0 in both models.
          theta[A[0]!.offset + 0] = 0;
          theta[A[0]!.offset + 1] = -0;
          theta[B[0]!.offset + 2] = 0;
          // Negative output weights on positive and negative hidden weights.
          theta[A[1]!.offset + 3] = -Math.abs(theta[A[1]!.offset + 3]!);
          theta[A[0]!.offset + 4] = -Math.abs(theta[A[0]!.offset + 4]!);
          theta[A[1]!.offset + 4] = -Math.abs(theta[A[1]!.offset + 4]!);
          const u = magnitudes(layout, theta, samples);
          const gGeneric = new Float64Array(layout.size);
          const gSufficient = new Float64Array(layout.size);
          const lossGeneric = generic.gradient(theta, gGeneric);
          const lossSufficient = sufficient.gradient(theta, gSufficient);
          expect(sufficient.loss(theta)).toBe(lossSufficient);
          const lossScale = u.reduce((s, v) => s + v * v, 0) / P;
          const lossError = Math.abs(lossSufficient - lossGeneric) / lossScale;
          expect(lossError, `loss ${lossSufficient} vs ${lossGeneric}, seed ${seed}`).toBeLessThan(
            ROUND_OFF,
          );
          worstUlps = Math.max(worstUlps, lossError / EPS);
          for (const [chain, column] of [
            [A, 0],
            [B, 1],
          ] as const) {
            let inputScale = 0;
            for (let p = 0; p < P; p++) inputScale += u[p]! * Math.abs(samples.x[2 * p + column]!);
            inputScale /= P;
            for (let i = 0; i < width; i++) {
              const wIndex = chain[0]!.offset + i;
              const aIndex = chain[1]!.offset + i;
              const w = theta[wIndex]!;
              if (w === 0) {
                // Same convention, no round-off: a dead neuron has zero gradient in both.
                expect(gSufficient[wIndex]).toBe(0);
                expect(gSufficient[aIndex]).toBe(0);
                expect(gGeneric[wIndex]).toBe(0);
                expect(gGeneric[aIndex]).toBe(0);
                continue;
              }
              const scales = [
                [wIndex, Math.abs(theta[aIndex]!) * inputScale],
                [aIndex, Math.abs(w) * inputScale],
              ] as const;
              for (const [index, scale] of scales) {
                const error = Math.abs(gSufficient[index]! - gGeneric[index]!) / scale;
                expect(
                  error,
                  `∂ℒ/∂θ[${index}] ${gSufficient[index]} vs ${gGeneric[index]}, seed ${seed}`,
                ).toBeLessThan(ROUND_OFF);
                worstUlps = Math.max(worstUlps, error / EPS);
              }
            }
          }
          // Same total map (T11's half-rule, the same code).
          const wGeneric = new Float64Array(2);
          const wSufficient = new Float64Array(2);
          generic.totalMap(theta, wGeneric);
          sufficient.totalMap(theta, wSufficient);
          expect(Array.from(wSufficient)).toEqual(Array.from(wGeneric));
          // predict: ŷ = c·φ on every sample, same bound as the loss's per-sample terms.
          const yGeneric = new Float64Array(P);
          const ySufficient = new Float64Array(P);
          generic.predict(theta, yGeneric);
          sufficient.predict(theta, ySufficient);
          for (let p = 0; p < P; p++) {
            expect(Math.abs(ySufficient[p]! - yGeneric[p]!)).toBeLessThan(ROUND_OFF * u[p]!);
          }
        }
        // The bound is worst-case (≈ 2n ε); the measured worst error is reported in ε·S units.
        console.info(`${name}, ${variant}: worst error ${worstUlps.toFixed(2)} ε·S`);
      });
    }
  }

  it("a gd run on the bench configuration (P = 512) has the sampled model's t_A, t_B", () => {
    // bench/reluToy.ts at P = 512: width 100, Gaussian u0 = 1e-6, gd lr 0.04, to t_B.
    const samples = sampleFromStatistics(toy, { samples: 512, seed: 1 });
    const layout = scalarLayout(100);
    const theta0 = gaussianInit(layout, 1e-6, 1);
    const options = { thresholds: phaseThresholds(toy), stop: {}, learningRate: 0.04 };
    const generic = trainGradientDescent(reluNetworkModel(layout, samples), theta0, options);
    const sufficient = trainGradientDescent(scalarReluModel(layout, samples), theta0, options);
    expect(sufficient.steps).toBe(generic.steps);
    // Per-step gradients differ by a few ε relative (test above); over ~650 steps that
    // accumulates to ≲ 1e-12 relative in θ (growth along the plateau's escape direction
    // scales the perturbation and the signal alike). Measured on this case while writing the
    // test: t_A equal, t_B 1.3e-15, final loss 1.2e-14 relative, 622 steps each; 1e-10 leaves
    // two orders of margin on the estimate.
    for (const name of ["A", "B"] as const) {
      const tGeneric = generic.crossings[name]!.t;
      const tSufficient = sufficient.crossings[name]!.t;
      expect(relativeError(tSufficient, tGeneric), `t_${name}`).toBeLessThan(1e-10);
    }
    expect(relativeError(sufficient.final.loss, generic.final.loss)).toBeLessThan(1e-10);
  }, 30_000);

  it("applies only to L = 2 late fusion with scalar modalities", () => {
    const arch = (depth: number, fusionLayer: number, dA: number) =>
      parameterLayout(
        fusionArchitecture({ depth, fusionLayer, width: 3, dA, dB: 1, activation: "relu" }),
      );
    expect(scalarReluApplies(arch(2, 2, 1))).toBe(true);
    expect(scalarReluApplies(arch(2, 1, 1))).toBe(false);
    expect(scalarReluApplies(arch(3, 3, 1))).toBe(false);
    expect(scalarReluApplies(arch(2, 2, 2))).toBe(false);
    const samples = sampleFromStatistics(toy, { samples: 8, seed: 1 });
    expect(() => scalarReluModel(arch(2, 1, 1), samples)).toThrow(/L = 2, Lf = 2/);
  });
});

describe("simulateRelu picks the sufficient-statistics model when it applies", () => {
  const samples = sampleFromStatistics(toy, { samples: 128, seed: 2 });
  const base = {
    fusionLayer: 2,
    width: 4,
    init: { kind: "gaussian", u0: 1e-3, seed: 1 },
    method: { kind: "gd", learningRate: 0.04 },
  } as const;

  it("scalar samples, L = 2 late fusion, full batch: scalar-sufficient", () => {
    const sim = simulateRelu({ ...base, depth: 2, data: { kind: "samples", samples } });
    expect(sim.model).toBe("scalar-sufficient");
    expect(sim.totalMapRule).toBe("half-rule");
  });

  it("mini-batches or depth 3: sampled; population: population", () => {
    const miniBatch = simulateRelu({
      ...base,
      depth: 2,
      data: { kind: "samples", samples, miniBatch: { size: 32, seed: 1 } },
      until: "budget",
      maxSteps: 10,
    });
    expect(miniBatch.model).toBe("sampled");
    const deep = simulateRelu({
      ...base,
      depth: 3,
      fusionLayer: 3,
      data: { kind: "samples", samples },
      until: "budget",
      maxSteps: 10,
    });
    expect(deep.model).toBe("sampled");
    const population = simulateRelu({
      ...base,
      depth: 2,
      data: { kind: "population", stats: toy },
      until: "budget",
      maxSteps: 10,
    });
    expect(population.model).toBe("population");
  });
});
