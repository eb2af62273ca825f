import { describe, expect, it } from "vitest";
import { fusionArchitecture } from "../../src/network/architecture.js";
import { parameterLayout } from "../../src/network/layout.js";
import { lossAt, type TrainableModel } from "../../src/network/model.js";

const layout = parameterLayout(
  fusionArchitecture({ depth: 2, fusionLayer: 2, width: 1, dA: 1, dB: 1 }),
);

/** A model whose two loss paths give different, recognisable values. */
function model(withTotalMap: boolean): TrainableModel & { calls: string[] } {
  const calls: string[] = [];
  return {
    layout,
    inputDim: 2,
    calls,
    totalMap: (_theta, out) => out.fill(0),
    gradient: () => 0,
    loss: (theta) => {
      calls.push("loss");
      return 100 + theta[0]!;
    },
    ...(withTotalMap
      ? {
          lossOfTotalMap: (w: Float64Array) => {
            calls.push("lossOfTotalMap");
            return w[0]! + w[1]!;
          },
        }
      : {}),
  };
}

describe("lossAt", () => {
  const theta = Float64Array.from([1, 2, 3, 4]);
  const w = Float64Array.from([0.25, 0.5]);

  it("uses the total map when the model can (linear networks), without recomputing from θ", () => {
    const m = model(true);
    expect(lossAt(m, theta, w)).toBe(0.75);
    expect(m.calls).toEqual(["lossOfTotalMap"]);
  });

  it("falls back to the loss of θ otherwise (ReLU networks)", () => {
    const m = model(false);
    expect(lossAt(m, theta, w)).toBe(101);
    expect(m.calls).toEqual(["loss"]);
  });
});
