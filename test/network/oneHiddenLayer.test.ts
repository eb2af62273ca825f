import { describe, expect, it } from "vitest";
import { sampleFromStatistics } from "../../src/data/sampleFromStatistics.js";
import { fusionArchitecture } from "../../src/network/architecture.js";
import { gaussianInit } from "../../src/network/initialisation.js";
import { parameterLayout } from "../../src/network/layout.js";
import { reluNetworkModel } from "../../src/network/reluNetwork.js";
import { fromTeacher } from "../../src/statistics/teacher.js";
import { fromToy } from "../../src/statistics/toy.js";
import { plainReluGradient } from "../helpers/plainReluGradient.js";

/** Diagonal Σ (A's variances 3, B's 1) and w* = 0.1: the authors' `multi` data, any split. */
function vectorStats(dA: number, dB: number) {
  const d = dA + dB;
  const sigma = Array.from({ length: d }, (_, i) =>
    Array.from({ length: d }, (_, j) => (i !== j ? 0 : i < dA ? 3 : 1)),
  );
  return fromTeacher(sigma, new Array<number>(d).fill(0.1), 0, dA);
}

/**
 * The fused one-hidden-layer path (L = 2) and the blocked kernels (L ≥ 3) against the plain
 * loops, bit for bit: every element of the gradient and the loss; both with the WebAssembly
 * SIMD kernels (wasmTiles.ts, wasmHiddenLayer.ts; where the runtime has them) and with the
 * JavaScript kernels alone, so the two paths agree with each other bit for bit too. The
 * shapes reach every tile remainder: width 7 (h mod 4 = 3) and 8, P = 37 (not a multiple of
 * 4) and 1 030 (two full blocks of 512 and a tail of 6), scalar (the toy) and vector (3 + 2,
 * 10 + 10) modalities. Weights are O(1) (u0 = 0.8) so about half of the units are active on
 * each sample, and the gradient is nonzero everywhere a bug could hide.
 */
describe("sampled ReLU gradient: blocked and fused kernels = the plain loops", () => {
  const cases: [number, number, number, number, number, number, boolean][] = [];
  for (const [dA, dB] of [
    [1, 1],
    [3, 2],
    [10, 10],
  ] as const) {
    for (const width of [7, 8]) {
      for (const P of [37, 1030]) {
        for (const [L, Lf] of [
          [2, 2],
          [2, 1],
          [3, 2],
          [4, 1],
          [4, 4],
        ] as const) {
          for (const javascript of [false, true]) cases.push([L, Lf, dA, dB, width, P, javascript]);
        }
      }
    }
  }
  it.each(cases)(
    "L = %i, Lf = %i, dA = %i, dB = %i, width %i, P = %i, JavaScript kernels only: %s",
    (L, Lf, dA, dB, width, P, javascript) => {
      const stats =
        dA === 1 && dB === 1 ? fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.5 }) : vectorStats(dA, dB);
      const samples = sampleFromStatistics(stats, { samples: P, seed: 5 });
      const layout = parameterLayout(
        fusionArchitecture({ depth: L, fusionLayer: Lf, width, dA, dB, activation: "relu" }),
      );
      const theta = gaussianInit(layout, 0.8, 11);
      const fast = new Float64Array(layout.size);
      const plain = new Float64Array(layout.size);
      const model = reluNetworkModel(layout, samples, { javascriptKernels: javascript });
      // Width ≥ 4 and L ≥ 2: the WebAssembly branch must really be WebAssembly (the runtime's
      // SIMD is asserted in wasmHiddenLayer.test.ts), or the two paths' agreement is vacuous.
      expect(model.kernels).toBe(javascript ? "javascript" : "wasm");
      const loss = model.gradient(theta, fast);
      const plainLoss = plainReluGradient(layout, samples, theta, plain);
      expect(loss).toBe(plainLoss);
      // `===` per element: bit-identical values; a zero may differ in sign only (a masked delta
      // is s·0 there, +0 in the plain loop), which no later sum can see.
      const differing = Array.from(fast).flatMap((g, i) => (g === plain[i] ? [] : [i]));
      expect(differing).toEqual([]);
      expect(fast.some((g) => g !== 0)).toBe(true);
    },
  );
});
