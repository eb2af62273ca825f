import { describe, expect, it } from "vitest";
import { neuronDirections } from "../../src/measurement/neuronDirections.js";
import { fusionArchitecture } from "../../src/network/architecture.js";
import { parameterLayout } from "../../src/network/layout.js";

describe("neuronDirections (T12)", () => {
  it("late fusion: merges neurons within 5°, ignores negligible ones, keeps A and B apart", () => {
    const layout = parameterLayout(
      fusionArchitecture({ depth: 2, fusionLayer: 2, width: 4, dA: 2, dB: 1, activation: "relu" }),
    );
    const theta = new Float64Array(layout.size);
    // A's rows (4 × 2) at offset 0, A's output (1 × 4) at 8, B's rows (4 × 1) at 12, B's output at 16.
    theta.set([1, 1, 1, 1.02, -1, 1, 1e-9, 1e-9], 0); // two near-parallel, one orthogonal, one negligible
    theta.set([1, 1, 1, 1], 8);
    theta.set([1, -1, 0, 0], 12); // ±x_B
    theta.set([1, 1, 0, 0], 16);
    const d = neuronDirections(layout, theta);
    expect(d.significant).toBe(5);
    expect(d.count).toBe(4);
  });

  it("early fusion: a neuron's direction spans both modalities", () => {
    const layout = parameterLayout(
      fusionArchitecture({ depth: 2, fusionLayer: 1, width: 2, dA: 1, dB: 1, activation: "relu" }),
    );
    // W_A^1 (2 × 1) at 0, W_B^1 (2 × 1) at 2, shared output (1 × 2) at 4.
    const theta = Float64Array.from([1, 1, 0, 1, 1, 1]);
    expect(neuronDirections(layout, theta).count).toBe(2); // (1, 0) and (1, 1)/√2 are 45° apart
    expect(neuronDirections(layout, theta, { angleDegrees: 50 }).count).toBe(1);
  });
});
