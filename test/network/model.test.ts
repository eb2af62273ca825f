import { describe, expect, it } from "vitest";
import { fusionArchitecture } from "../../src/network/architecture.js";
import { parameterLayout } from "../../src/network/layout.js";
import { gradientWithoutLoss, lossAt, type TrainableModel } from "../../src/network/model.js";

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

describe("gradientWithoutLoss", () => {
  const theta = Float64Array.from([1, 2, 3, 4]);
  const base = { layout, inputDim: 2, totalMap: () => {}, loss: () => 0 };

  it("calls the model's gradientOnly when it has one, never gradient", () => {
    const calls: string[] = [];
    const m: TrainableModel = {
      ...base,
      gradient: () => {
        calls.push("gradient");
        return 0;
      },
      gradientOnly: (_t, out) => {
        calls.push("gradientOnly");
        out.fill(7);
      },
    };
    const out = new Float64Array(4);
    gradientWithoutLoss(m)(theta, out);
    expect(calls).toEqual(["gradientOnly"]);
    expect(Array.from(out)).toEqual([7, 7, 7, 7]);
  });

  it("calls gradientOnly as a method: a class-based model keeps its this", () => {
    class Scaled implements TrainableModel {
      readonly layout = layout;
      readonly inputDim = 2;
      constructor(private readonly factor: number) {}
      totalMap() {}
      loss() {
        return 0;
      }
      gradient() {
        return 0;
      }
      gradientOnly(t: Float64Array, out: Float64Array) {
        for (let i = 0; i < out.length; i++) out[i] = this.factor * t[i]!;
      }
    }
    const out = new Float64Array(4);
    gradientWithoutLoss(new Scaled(2))(theta, out);
    expect(Array.from(out)).toEqual([2, 4, 6, 8]);
  });

  it("falls back to gradient (its loss dropped) otherwise", () => {
    const m: TrainableModel = {
      ...base,
      gradient: (t, out) => {
        out.set(t);
        return 99;
      },
    };
    const out = new Float64Array(4);
    expect(gradientWithoutLoss(m)(theta, out)).toBeUndefined();
    expect(Array.from(out)).toEqual([1, 2, 3, 4]);
  });
});
