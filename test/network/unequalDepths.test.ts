import { describe, expect, it } from "vitest";
import { fusionArchitecture } from "../../src/network/architecture.js";
import { balancedInit } from "../../src/network/initialisation.js";
import { branchDepth, parameterLayout } from "../../src/network/layout.js";
import { linearNetworkModel } from "../../src/network/linearNetwork.js";
import { normalSource } from "../../src/random/gaussian.js";
import { fromToy } from "../../src/statistics/toy.js";
import { expectGradientMatchesCentralDifferences } from "../helpers/numeric.js";

const stats = fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.5 });

describe("X4 branch depths in the architecture and layout", () => {
  it("absent branchDepths gives the same architecture object and layout as before", () => {
    const plain = fusionArchitecture({ depth: 4, fusionLayer: 3, width: 2, dA: 1, dB: 1 });
    expect("branchDepths" in plain).toBe(false);
    const explicit = fusionArchitecture({
      depth: 4,
      fusionLayer: 3,
      width: 2,
      dA: 1,
      dB: 1,
      branchDepths: { A: 2, B: 2 },
    });
    expect(parameterLayout(explicit).blocks).toEqual(parameterLayout(plain).blocks);
    expect(branchDepth(plain, "A")).toBe(2);
  });

  it("rejects branch depths outside [0, Lf − 1] with a named field", () => {
    expect(() =>
      fusionArchitecture({
        depth: 3,
        fusionLayer: 3,
        width: 1,
        dA: 1,
        dB: 1,
        branchDepths: { A: 3, B: 1 },
      }),
    ).toThrow(/branchDepthA/);
  });

  it("chains have b_m + 1 + L − Lf blocks, input entering at layer Lf − b_m", () => {
    const arch = fusionArchitecture({
      depth: 5,
      fusionLayer: 4,
      width: 3,
      dA: 2,
      dB: 1,
      branchDepths: { A: 3, B: 1 },
    });
    const layout = parameterLayout(arch);
    expect(layout.chains.A.map((b) => b.layer)).toEqual([1, 2, 3, 4, 5]);
    expect(layout.chains.B.map((b) => b.layer)).toEqual([3, 4, 5]);
    expect(layout.chains.B[0]!.cols).toBe(1);
    // Size written from the shapes: A: 3×2, 3×3, 3×3, fusion 3×3; B: 3×1, fusion 3×3; shared 1×3.
    expect(layout.size).toBe(6 + 9 + 9 + 9 + 3 + 9 + 3);
  });

  it("b_m = 0: the input feeds the fusion block directly", () => {
    const arch = fusionArchitecture({
      depth: 3,
      fusionLayer: 3,
      width: 2,
      dA: 1,
      dB: 1,
      branchDepths: { A: 2, B: 0 },
    });
    const chain = parameterLayout(arch).chains.B;
    expect(chain).toHaveLength(1);
    expect([chain[0]!.rows, chain[0]!.cols]).toEqual([1, 1]);
  });
});

describe("X4 gradient and balanced init on unequal chains", () => {
  for (const [L, Lf, bA, bB] of [
    [3, 3, 2, 1],
    [4, 4, 1, 3],
    [4, 3, 2, 0],
  ] as const) {
    it(`L=${L} Lf=${Lf} b=(${bA}, ${bB}): gradient matches central differences`, () => {
      const arch = fusionArchitecture({
        depth: L,
        fusionLayer: Lf,
        width: 2,
        dA: 1,
        dB: 1,
        branchDepths: { A: bA, B: bB },
      });
      const layout = parameterLayout(arch);
      const model = linearNetworkModel(layout, stats);
      const normals = normalSource(7);
      const theta = Float64Array.from({ length: layout.size }, () => 0.7 * normals.next());
      expectGradientMatchesCentralDifferences(model, theta, stats.sigmaY2, (err, bound) =>
        expect(err).toBeLessThanOrEqual(bound),
      );
    });
  }

  it("balanced init: W_m^tot = u0^{n_m}·sign(Σ_yxm) on chains of lengths 3 and 2", () => {
    const arch = fusionArchitecture({
      depth: 3,
      fusionLayer: 3,
      width: 2,
      dA: 1,
      dB: 1,
      branchDepths: { A: 2, B: 1 },
    });
    const layout = parameterLayout(arch);
    const model = linearNetworkModel(layout, stats);
    const out = new Float64Array(2);
    model.totalMap(balancedInit(layout, stats, 0.1), out);
    expect(out[0]).toBeCloseTo(0.1 ** 3, 15);
    expect(out[1]).toBeCloseTo(0.1 ** 2, 15);
  });
});
