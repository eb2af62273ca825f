import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InternalError } from "../../src/errors/internalError.js";
import { fusionArchitecture } from "../../src/network/architecture.js";
import { balancedRealization, rescaleLayers } from "../../src/network/balancedRealization.js";
import { parameterLayout } from "../../src/network/layout.js";
import { linearNetworkModel } from "../../src/network/linearNetwork.js";
import { fromToy } from "../../src/statistics/toy.js";
import { EPS, maxAbsDifference } from "../helpers/numeric.js";

function layoutOf(fusionLayer: number, width: number, dA: number, dB: number) {
  return parameterLayout(fusionArchitecture({ depth: 2, fusionLayer, width, dA, dB }));
}

/** The squared norms of each chain's first-layer rows and output weights, from θ. */
function layerNorms(layout: ReturnType<typeof layoutOf>, theta: Float64Array, m: "A" | "B") {
  const [first, output] = layout.chains[m];
  const sq = (offset: number, size: number) =>
    Array.from(theta.subarray(offset, offset + size)).reduce((s, v) => s + v * v, 0);
  return [
    sq(first!.offset, first!.rows * first!.cols),
    sq(output!.offset, output!.rows * output!.cols),
  ];
}

describe("balancedRealization", () => {
  const maps = fc.record({
    dA: fc.integer({ min: 1, max: 4 }),
    dB: fc.integer({ min: 1, max: 4 }),
    width: fc.integer({ min: 1, max: 3 }),
    values: fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 8, maxLength: 8 }),
    zeroB: fc.boolean(),
  });

  it("has the requested total map, and each late-fusion branch is balanced (‖U‖² = ‖v‖² = ‖W_m‖)", () => {
    fc.assert(
      fc.property(maps, ({ dA, dB, width, values, zeroB }) => {
        const w = values.slice(0, dA + dB).map((v, i) => (zeroB && i >= dA ? 0 : v));
        const layout = layoutOf(2, width, dA, dB);
        const theta = balancedRealization(layout, w);
        const out = new Float64Array(dA + dB);
        linearNetworkModel(layout, fromToyLike(dA, dB)).totalMap(theta, out);
        // Two roundings per entry (the square root and the division) and one product.
        expect(maxAbsDifference(out, w)).toBeLessThanOrEqual(
          4 * EPS * Math.max(...w.map(Math.abs)),
        );
        for (const [m, block] of [
          ["A", w.slice(0, dA)],
          ["B", w.slice(dA)],
        ] as const) {
          const norm = Math.hypot(...block);
          const [u, v] = layerNorms(layout, theta, m);
          expect(Math.abs(u! - norm)).toBeLessThanOrEqual(8 * EPS * Math.max(norm, 1e-300));
          expect(Math.abs(v! - norm)).toBeLessThanOrEqual(8 * EPS * Math.max(norm, 1e-300));
        }
        // Only hidden unit 0 is used.
        const used = Array.from(theta).filter((v) => v !== 0).length;
        expect(used).toBeLessThanOrEqual(dA + dB + 2);
      }),
      { numRuns: 60, seed: 20240527 },
    );
  });

  it("early fusion: one chain over [W_A, W_B], balanced as a whole (‖U‖² = v² = ‖W^tot‖)", () => {
    const layout = layoutOf(1, 2, 1, 1);
    const theta = balancedRealization(layout, [3, 4]);
    // ‖W‖ = 5: rows W/√5, output weight √5.
    expect(Array.from(theta)).toEqual([3 / Math.sqrt(5), 0, 4 / Math.sqrt(5), 0, Math.sqrt(5), 0]);
    expect(Array.from(balancedRealization(layout, [0, 0]))).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it("refuses what it does not describe (depth ≠ 2, a wrong length) as an internal error", () => {
    const deep = parameterLayout(
      fusionArchitecture({ depth: 3, fusionLayer: 3, width: 1, dA: 1, dB: 1 }),
    );
    expect(() => balancedRealization(deep, [1, 1])).toThrow(InternalError);
    expect(() => balancedRealization(layoutOf(2, 1, 1, 1), [1, 1, 1])).toThrow(InternalError);
  });
});

describe("rescaleLayers", () => {
  it("keeps W^tot and ℒ, and maps the gradient by S⁻¹ (first layer ÷ a, output × a), both fusions", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(1, 2),
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 20, maxLength: 20 }),
        (fusionLayer, width, raw) => {
          const layout = layoutOf(fusionLayer, width, 2, 1);
          const model = linearNetworkModel(layout, fromToyLike(2, 1));
          const theta = Float64Array.from(raw.slice(0, layout.size));
          const moved = rescaleLayers(layout, theta, 2);
          const [w, wMoved] = [new Float64Array(3), new Float64Array(3)];
          model.totalMap(theta, w);
          model.totalMap(moved, wMoved);
          // Powers of two: the products are the same doubles, up to the sums' order.
          expect(maxAbsDifference(w, wMoved)).toBeLessThanOrEqual(
            8 * EPS * (1 + Math.max(...w.map(Math.abs))),
          );
          const [g, gMoved] = [new Float64Array(layout.size), new Float64Array(layout.size)];
          model.gradient(theta, g);
          model.gradient(moved, gMoved);
          const first = new Set([layout.chains.A[0]!, layout.chains.B[0]!]);
          for (const block of layout.blocks) {
            const factor = first.has(block) ? 1 / 2 : 2;
            for (let i = block.offset; i < block.offset + block.rows * block.cols; i++)
              expect(Math.abs(gMoved[i]! - factor * g[i]!)).toBeLessThanOrEqual(
                1e-12 * (1 + Math.abs(g[i]!)),
              );
          }
        },
      ),
      { numRuns: 40, seed: 20240527 },
    );
  });
});

/** Any statistics of the right dimensions (the total map does not depend on them). */
function fromToyLike(dA: number, dB: number) {
  if (dA === 1 && dB === 1) return fromToy({ sigmaA: 1, sigmaB: 1, rho: 0 });
  const d = dA + dB;
  const sigma = Array.from({ length: d }, (_, i) =>
    Array.from({ length: d }, (_, j) => (i === j ? 1 : 0)),
  );
  return {
    sigma,
    sigmaYX: new Array<number>(d).fill(1),
    sigmaY2: d + 1,
    dA,
    dB,
    label: "identity",
  };
}
