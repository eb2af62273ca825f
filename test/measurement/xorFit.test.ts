import { describe, expect, it } from "vitest";
import { xorSampleSet } from "../../src/data/xor.js";
import { InputError } from "../../src/errors/inputError.js";
import { xorPointResiduals, xorPointsFitted } from "../../src/measurement/xorFit.js";
import { architectureOf } from "../../src/network/architecture.js";
import type { ParameterLayout } from "../../src/network/layout.js";
import { parameterLayout } from "../../src/network/layout.js";

/** Two-layer early fusion on T12's inputs (dA = 2, dB = 1). */
function earlyLayout(width: number): ParameterLayout {
  return parameterLayout(
    architectureOf({ depth: 2, fusionLayer: 1, width }, { dA: 2, dB: 1 }, "relu"),
  );
}

/**
 * A network by hand: hidden neuron i reads u_i = (a1, a2, b) and is weighted c_i at the
 * output. Early fusion's first layer is A's and B's fusion blocks; the output layer is shared.
 */
function handNetwork(neurons: readonly { u: readonly number[]; c: number }[]) {
  const layout = earlyLayout(neurons.length);
  const theta = new Float64Array(layout.size);
  const [blockA, out] = layout.chains.A;
  const [blockB] = layout.chains.B;
  neurons.forEach(({ u, c }, i) => {
    theta[blockA!.offset + i * 2] = u[0]!;
    theta[blockA!.offset + i * 2 + 1] = u[1]!;
    theta[blockB!.offset + i] = u[2]!;
    theta[out!.offset + i] = c;
  });
  return { layout, theta };
}

const samples = xorSampleSet({ variance: 2, samples: 64, seed: 5 });

describe("xorPointResiduals", () => {
  it("the exact solution fits every point: −x1x2 = ½|x1 − x2| − ½|x1 + x2|, x_B = relu(b) − relu(−b)", () => {
    const { layout, theta } = handNetwork([
      { u: [1, -1, 0], c: 0.5 },
      { u: [-1, 1, 0], c: 0.5 },
      { u: [1, 1, 0], c: -0.5 },
      { u: [-1, -1, 0], c: -0.5 },
      { u: [0, 0, 1], c: 1 },
      { u: [0, 0, -1], c: -1 },
    ]);
    const r = xorPointResiduals(layout, theta, samples);
    for (const x of r) expect(Math.abs(x)).toBeLessThan(1e-14);
    expect(xorPointsFitted(r)).toBe(4);
  });

  it("±x_B alone (early fusion's failure): every point off by its XOR target x1x2 = ±1", () => {
    const { layout, theta } = handNetwork([
      { u: [0, 0, 1], c: 1 },
      { u: [0, 0, -1], c: -1 },
    ]);
    const r = xorPointResiduals(layout, theta, samples);
    // ŷ − y = x_B − (−x1x2 + x_B) = x1x2 at (1, 1), (1, −1), (−1, 1), (−1, −1).
    expect(r.map((x) => Math.round(x * 1e12) / 1e12)).toEqual([1, -1, -1, 1]);
    expect(xorPointsFitted(r)).toBe(0);
  });

  it("one missing direction leaves exactly its point unfitted", () => {
    const { layout, theta } = handNetwork([
      { u: [1, -1, 0], c: 0.5 },
      { u: [-1, 1, 0], c: 0.5 },
      { u: [1, 1, 0], c: -0.5 },
      { u: [0, 0, 1], c: 1 },
      { u: [0, 0, -1], c: -1 },
    ]);
    const r = xorPointResiduals(layout, theta, samples);
    // (−1, −1) needs relu(−x1 − x2) = 2 with weight −½: without it ŷ − y = +1 there.
    expect(Math.abs(r[3]! - 1)).toBeLessThan(1e-12);
    expect(xorPointsFitted(r)).toBe(3);
  });

  it("refuses data that are not T12's XOR set (the field and what it must be)", () => {
    const { layout, theta } = handNetwork([{ u: [1, 1, 1], c: 1 }]);
    const shifted = { ...samples, x: samples.x.map((v, i) => (i % 3 === 0 ? v + 0.5 : v)) };
    expect(() => xorPointResiduals(layout, theta, shifted)).toThrow(InputError);
    expect(() => xorPointResiduals(layout, theta, shifted)).toThrow(/not an XOR point/);
    expect(() => xorPointResiduals(layout, theta, { ...samples, dA: 1, dB: 2 })).toThrow(
      /dA = 2, dB = 1/,
    );
  });
});
