import { describe, expect, it } from "vitest";
import { alignedSides, branchesCanBeLinear } from "../../src/measurement/reluSides.js";
import { fusionArchitecture } from "../../src/network/architecture.js";
import { parameterLayout } from "../../src/network/layout.js";
import { fromToy } from "../../src/statistics/toy.js";

// Two-layer late fusion, scalar modalities, width 3: θ = [w_A (3), a_A (3), w_B (3), a_B (3)]
// (branch A's first layer and fusion block, then B's; layout order of network/layout.ts).
const layout = parameterLayout(
  fusionArchitecture({ depth: 2, fusionLayer: 2, width: 3, dA: 1, dB: 1 }),
);
const [wA, aA] = layout.chains.A;
const [wB, aB] = layout.chains.B;

function theta(fields: { wA: number[]; aA: number[]; wB: number[]; aB: number[] }): Float64Array {
  const t = new Float64Array(layout.size);
  t.set(fields.wA, wA!.offset);
  t.set(fields.aA, aA!.offset);
  t.set(fields.wB, wB!.offset);
  t.set(fields.aB, aB!.offset);
  return t;
}

describe("alignedSides (T11)", () => {
  // Σ_yx = (5, 2) > 0 for w = (1, 1); w_B = −3 makes Σ_yxB = 1·1 − 3·1 = −2 < 0.
  const positive = fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.5 });
  const negativeB = fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.5, wB: -3 });
  const t = theta({ wA: [1, -2, 0.5], aA: [3, 1, -1], wB: [1, -2, 0.5], aB: [3, 1, -1] });

  it("sorts neurons by the growing mode α = ½(w + sgn(Σ_yxm)·a), not by the sign of w", () => {
    // sgn = +1: α = (2, −0.5, −0.25): neuron 1 ends positive; 2 and 3 negative although w₃ > 0.
    const sides = alignedSides(t, layout, positive, "A");
    expect(sides.positive).toBe(4);
    expect(sides.negative).toBe(0.25 + 0.0625);
  });

  it("uses modality B's own sign of Σ_yxB", () => {
    // sgn = −1 for B: α = ½(w − a) = (−1, −1.5, 0.75).
    const sides = alignedSides(t, layout, negativeB, "B");
    expect(sides.positive).toBe(0.5625);
    expect(sides.negative).toBe(1 + 2.25);
    // Same weights read with B's sign +1 give A's split.
    expect(alignedSides(t, layout, positive, "B")).toEqual(alignedSides(t, layout, positive, "A"));
  });

  it("branchesCanBeLinear needs both sides in both branches", () => {
    expect(branchesCanBeLinear(t, layout, positive)).toBe(true);
    // Every α_A > 0: A's branch has one side only and cannot represent x_A linearly.
    const oneSided = theta({ wA: [1, 2, 0.5], aA: [1, 1, 1], wB: [1, -2, 0.5], aB: [3, 1, -1] });
    expect(alignedSides(oneSided, layout, positive, "A").negative).toBe(0);
    expect(branchesCanBeLinear(oneSided, layout, positive)).toBe(false);
  });
});
