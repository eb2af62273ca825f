import { describe, expect, it } from "vitest";
import { sampleFromStatistics } from "../../src/data/sampleFromStatistics.js";
import type { SampleSet } from "../../src/data/sampleSet.js";
import { fusionArchitecture } from "../../src/network/architecture.js";
import { gaussianInit } from "../../src/network/initialisation.js";
import type { ParameterLayout } from "../../src/network/layout.js";
import { parameterLayout } from "../../src/network/layout.js";
import { reluNetworkModel } from "../../src/network/reluNetwork.js";
import { WasmArena } from "../../src/network/wasmTiles.js";
import { fromTeacher } from "../../src/statistics/teacher.js";
import { fromToy } from "../../src/statistics/toy.js";

/** Diagonal Σ (A's variances 3, B's 1) and w* = 0.1: the authors' `multi` data, any split. */
function vectorStats(dA: number, dB: number) {
  const d = dA + dB;
  const sigma = Array.from({ length: d }, (_, i) =>
    Array.from({ length: d }, (_, j) => (i !== j ? 0 : i < dA ? 3 : 1)),
  );
  return fromTeacher(sigma, new Array<number>(d).fill(0.1), 0, dA);
}

/** Indices where two arrays differ in any bit (Object.is: −0 ≠ +0, NaN = NaN). */
function differingBits(a: Float64Array, b: Float64Array): number[] {
  expect(a.length).toBe(b.length);
  return Array.from(a).flatMap((v, i) => (Object.is(v, b[i]) ? [] : [i]));
}

function twoLayer(dA: number, dB: number, width: number, Lf: number, P: number) {
  const stats =
    dA === 1 && dB === 1 ? fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.5 }) : vectorStats(dA, dB);
  const samples: SampleSet = sampleFromStatistics(stats, { samples: P, seed: 3 });
  const layout: ParameterLayout = parameterLayout(
    fusionArchitecture({ depth: 2, fusionLayer: Lf, width, dA, dB, activation: "relu" }),
  );
  return { samples, layout };
}

/**
 * The runtime must have WebAssembly SIMD, and a two-layer network of width ≥ 4 must use it
 * unless told not to: otherwise every "WebAssembly against JavaScript" comparison here and in
 * oneHiddenLayer.test.ts would compare JavaScript with itself and pass vacuously.
 */
describe("two-layer ReLU network: the WebAssembly kernels are there and used", () => {
  it("WasmArena.create(1) gives an arena (the runtime validates the SIMD module)", () => {
    expect(WasmArena.create(1)).toBeDefined();
  });

  it.each([
    [1, 1, 2],
    [1, 1, 1],
    [5, 3, 2],
    [5, 3, 1],
  ])(
    "dA = %i, dB = %i, Lf = %i, width 4: kernels wasm, or javascript when forced",
    (dA, dB, Lf) => {
      const { samples, layout } = twoLayer(dA, dB, 4, Lf, 23);
      expect(reluNetworkModel(layout, samples).kernels).toBe("wasm");
      const miniBatch = { size: 3, seed: 1 };
      expect(reluNetworkModel(layout, samples, { miniBatch }).kernels).toBe("wasm");
      expect(reluNetworkModel(layout, samples, { javascriptKernels: true }).kernels).toBe(
        "javascript",
      );
    },
  );

  it("width 3 (no unit quad for the kernels) runs JavaScript", () => {
    const { samples, layout } = twoLayer(5, 3, 3, 2, 23);
    expect(reluNetworkModel(layout, samples).kernels).toBe("javascript");
  });
});

/**
 * Mini-batch gradient descent with the WebAssembly SIMD kernels (wasmHiddenLayer.ts) against
 * the same model with `javascriptKernels`, bit for bit (Object.is on every entry) at every
 * step: the batch's loss and gradient, then the full-sample loss and predictions ŷ at the
 * updated θ. Batches start at every offset the cursor reaches (sizes 1, 3, 7 and 8 against
 * P = 23 and 64: starts ≢ 0 mod 2 and mod 4, so the kernels' `start` and the JavaScript
 * remainders on both sides of it), and the steps span at least two reshuffles, so the
 * sample-major input copy the outer products read (fillSampleMajor) is checked after each.
 * Splits 1/1 (scalar kernels, one or two inputs), 2/1 (a general and a scalar group),
 * 5/3 and 4/7 (outer-product column chunks 4, 2 and 1); widths 4, 5, 6, 9 (h mod 4 = 0, 1,
 * 2, 1: the JavaScript remainder units next to the kernels' quads). Both models shuffle
 * with the same seed, and both take the step θ ← θ − 0.1·g from the same gradient, so any
 * difference is the kernels'.
 */
describe("mini-batch sampled ReLU gradient: WebAssembly kernels = JavaScript kernels, bit for bit", () => {
  const cases: [number, number, number, number, number, number][] = [];
  for (const [dA, dB] of [
    [1, 1],
    [2, 1],
    [5, 3],
    [4, 7],
  ] as const) {
    for (const width of [4, 5, 6, 9]) {
      for (const Lf of [1, 2]) {
        for (const P of [23, 64]) {
          for (const size of [1, 3, 7, 8]) cases.push([dA, dB, width, Lf, P, size]);
        }
      }
    }
  }
  it.each(cases)(
    "dA = %i, dB = %i, width %i, Lf = %i, P = %i, batch %i",
    (dA, dB, width, Lf, P, size) => {
      const { samples, layout } = twoLayer(dA, dB, width, Lf, P);
      const miniBatch = { size, seed: 7 };
      const fast = reluNetworkModel(layout, samples, { miniBatch });
      const slow = reluNetworkModel(layout, samples, { miniBatch, javascriptKernels: true });
      expect(fast.kernels).toBe("wasm");
      expect(slow.kernels).toBe("javascript");
      // u0 = 0.8: O(1) weights, about half of the units active on each sample.
      const theta = gaussianInit(layout, 0.8, 13);
      const gFast = new Float64Array(layout.size);
      const gSlow = new Float64Array(layout.size);
      const yFast = new Float64Array(P);
      const ySlow = new Float64Array(P);
      // A dozen steps, and at least two reshuffles past the initial one.
      const steps = Math.max(12, 2 * Math.floor(P / size) + 1);
      let nonzeroSteps = 0;
      for (let step = 0; step < steps; step++) {
        const loss = fast.gradient(theta, gFast);
        expect(Object.is(loss, slow.gradient(theta, gSlow))).toBe(true);
        expect(differingBits(gFast, gSlow)).toEqual([]);
        if (gFast.some((g) => g !== 0)) nonzeroSteps++;
        for (let i = 0; i < theta.length; i++) theta[i] = theta[i]! - 0.1 * gFast[i]!;
        // After the first, the last and a few steps between: outputs on all (shuffled) samples.
        if (step % 5 === 0 || step === steps - 1) {
          expect(Object.is(fast.loss(theta), slow.loss(theta))).toBe(true);
          fast.predict(theta, yFast);
          slow.predict(theta, ySlow);
          expect(differingBits(yFast, ySlow)).toEqual([]);
        }
      }
      // Not vacuous: a batch whose samples all miss every active unit has a zero gradient
      // (batches of 1 do, now and then), but most steps must not. Measured: at least 63 % of
      // the steps nonzero in every case (the fewest: dA = dB = 1, width 5, Lf = 1, P = 64,
      // batch 1), so "more than half" holds with room.
      expect(2 * nonzeroSteps).toBeGreaterThan(steps);
    },
  );
});
