import { describe, expect, it } from "vitest";
import { fusionArchitecture } from "../../src/network/architecture.js";
import { parameterLayout } from "../../src/network/layout.js";
import { twoLayerLinearPart } from "../../src/network/reluLinearPart.js";

// T11: the linear part of a two-layer ReLU branch is ½Σ_i a_i w_i (Stein's lemma). Expected
// values below are worked out by hand.
describe("twoLayerLinearPart (T11)", () => {
  it("late fusion: each branch gives ½Σ_i a_{m,i} w_{m,i}", () => {
    const layout = parameterLayout(
      fusionArchitecture({ depth: 2, fusionLayer: 2, width: 2, dA: 1, dB: 1, activation: "relu" }),
    );
    const theta = new Float64Array(layout.size);
    const set = (m: "A" | "B", hidden: number[], output: number[]) => {
      const [h, o] = layout.chains[m];
      theta.set(hidden, h!.offset);
      theta.set(output, o!.offset);
    };
    set("A", [2, -1], [3, 0.5]); // ½(3·2 + 0.5·(−1)) = 2.75
    set("B", [0.5, 4], [-2, 1]); // ½(−2·0.5 + 1·4) = 1.5
    const out = new Float64Array(2);
    twoLayerLinearPart(layout, theta, out);
    expect(Array.from(out)).toEqual([2.75, 1.5]);
  });

  it("refuses other depths", () => {
    const layout = parameterLayout(
      fusionArchitecture({ depth: 3, fusionLayer: 3, width: 2, dA: 1, dB: 1, activation: "relu" }),
    );
    expect(() =>
      twoLayerLinearPart(layout, new Float64Array(layout.size), new Float64Array(2)),
    ).toThrow(/depth 2/);
  });
});
