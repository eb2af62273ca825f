import { describe, expect, it } from "vitest";
import { buildVectorTargetStatistics } from "../../src/claims/arbitraries/vectorTargetStatistics.js";
import { singularModes } from "../../src/linalg/eigen.js";
import { fusionArchitecture } from "../../src/network/architecture.js";
import { parameterLayout } from "../../src/network/layout.js";
import { linearNetworkModel } from "../../src/network/linearNetwork.js";
import {
  vectorTargetBalancedInit,
  vectorTargetLayout,
  vectorTargetModel,
} from "../../src/network/vectorTargetNetwork.js";
import { normalSource } from "../../src/random/gaussian.js";
import { fromToy } from "../../src/statistics/toy.js";
import { fromVectorTeacher } from "../../src/statistics/vectorTarget.js";
import { expectGradientMatchesCentralDifferences } from "../helpers/numeric.js";

const stats = buildVectorTargetStatistics({ outputs: 3, dA: 2, dB: 3, condition: 2, seed: 4 });

describe("vectorTargetModel (X5)", () => {
  for (const [L, Lf] of [
    [2, 2],
    [3, 2],
    [3, 1],
  ] as const) {
    it(`L=${L} Lf=${Lf}: gradient matches central differences of the loss`, () => {
      const arch = fusionArchitecture({ depth: L, fusionLayer: Lf, width: 3, dA: 2, dB: 3 });
      const layout = vectorTargetLayout(arch, 3);
      const model = vectorTargetModel(layout, stats);
      const normals = normalSource(11);
      const theta = Float64Array.from({ length: layout.size }, () => 0.6 * normals.next());
      expectGradientMatchesCentralDifferences(model, theta, stats.sigmaY2, (err, bound) =>
        expect(err).toBeLessThanOrEqual(bound),
      );
    });
  }

  it("loss at θ = 0 is ½E‖y‖² and the total map is block-contiguous W_A (k×dA), W_B (k×dB)", () => {
    const arch = fusionArchitecture({ depth: 2, fusionLayer: 2, width: 1, dA: 2, dB: 3 });
    const layout = vectorTargetLayout(arch, 3);
    const model = vectorTargetModel(layout, stats);
    expect(model.inputDim).toBe(15);
    expect(model.loss(new Float64Array(layout.size))).toBeCloseTo(0.5 * stats.sigmaY2, 14);
    // Width 1: W_m = a_m v_mᵀ with a_m the k-column of the fusion block, v_m the first row.
    const theta = Float64Array.from({ length: layout.size }, (_, i) => 0.1 * (i + 1));
    const out = new Float64Array(15);
    model.totalMap(theta, out);
    const [firstA, fusionA] = layout.chains.A;
    const [firstB, fusionB] = layout.chains.B;
    for (let r = 0; r < 3; r++)
      for (let c = 0; c < 2; c++)
        expect(out[r * 2 + c]).toBeCloseTo(
          theta[fusionA!.offset + r]! * theta[firstA!.offset + c]!,
          14,
        );
    for (let r = 0; r < 3; r++)
      for (let c = 0; c < 3; c++)
        expect(out[6 + r * 3 + c]).toBeCloseTo(
          theta[fusionB!.offset + r]! * theta[firstB!.offset + c]!,
          14,
        );
  });

  it("gradientOnly writes gradient's ∇ℒ bit for bit, overwriting its buffer", () => {
    const arch = fusionArchitecture({ depth: 3, fusionLayer: 2, width: 3, dA: 2, dB: 3 });
    const layout = vectorTargetLayout(arch, 3);
    const model = vectorTargetModel(layout, stats);
    const normals = normalSource(5);
    const theta = Float64Array.from({ length: layout.size }, () => 0.6 * normals.next());
    const full = new Float64Array(layout.size);
    const only = new Float64Array(layout.size).fill(123);
    const loss = model.gradient(theta, full);
    model.gradientOnly?.(theta, only);
    expect(model.gradientOnly).toBeDefined();
    expect(only).toEqual(full);
    expect(model.gradient(theta, full)).toBe(loss);
  });

  it("k = 1 agrees with the scalar linear network on the same θ", () => {
    const toy = fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.3 });
    const vector = fromVectorTeacher(toy.sigma, [[1, 1]], 0, 1);
    const arch = fusionArchitecture({ depth: 3, fusionLayer: 2, width: 2, dA: 1, dB: 1 });
    const scalarModel = linearNetworkModel(parameterLayout(arch), toy);
    const vectorModel = vectorTargetModel(vectorTargetLayout(arch, 1), vector);
    const normals = normalSource(3);
    const theta = Float64Array.from({ length: parameterLayout(arch).size }, () => normals.next());
    const g1 = new Float64Array(theta.length);
    const g2 = new Float64Array(theta.length);
    expect(vectorModel.gradient(theta, g2)).toBeCloseTo(scalarModel.gradient(theta, g1), 12);
    for (let i = 0; i < theta.length; i++) expect(g2[i]).toBeCloseTo(g1[i]!, 12);
  });
});

describe("vectorTargetBalancedInit (X5)", () => {
  it("W_m^tot(0) = u0² Σ_i l_i v_iᵀ over Σ_yxm's singular modes; layers balanced", () => {
    const arch = fusionArchitecture({ depth: 2, fusionLayer: 2, width: 3, dA: 2, dB: 3 });
    const layout = vectorTargetLayout(arch, 3);
    const model = vectorTargetModel(layout, stats);
    const u0 = 0.01;
    const out = new Float64Array(15);
    model.totalMap(vectorTargetBalancedInit(layout, stats, u0), out);
    const modesA = singularModes(stats.sigmaYX.map((row) => row.slice(0, 2)));
    expect(modesA).toHaveLength(2);
    for (let r = 0; r < 3; r++)
      for (let c = 0; c < 2; c++) {
        const expected = modesA.reduce((s, m) => s + m.left[r]! * m.right[c]!, 0) * u0 * u0;
        expect(out[r * 2 + c]).toBeCloseTo(expected, 15);
      }
  });

  it("refuses intermediate fusion and too narrow networks", () => {
    const inter = fusionArchitecture({ depth: 3, fusionLayer: 2, width: 3, dA: 2, dB: 3 });
    expect(() => vectorTargetBalancedInit(vectorTargetLayout(inter, 3), stats, 0.1)).toThrow(
      /late fusion/,
    );
    const narrow = fusionArchitecture({ depth: 2, fusionLayer: 2, width: 1, dA: 2, dB: 3 });
    expect(() => vectorTargetBalancedInit(vectorTargetLayout(narrow, 3), stats, 0.1)).toThrow(
      /width/,
    );
  });
});
