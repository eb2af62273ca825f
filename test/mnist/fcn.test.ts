import * as tf from "@tensorflow/tfjs-core";
import { beforeAll, describe, expect, it } from "vitest";
import { PIXELS } from "../../src/mnist/digits.js";
import {
  type Dense,
  disposeFcn,
  type FcnParams,
  fcnLayout,
  initFcn,
  lossAndGrads,
  paramTensors,
} from "../../src/mnist/fcn.js";
import { useTensorBackend } from "../../src/mnist/tensorBackend.js";
import { normalSource } from "../../src/random/gaussian.js";

beforeAll(async () => {
  await useTensorBackend("wasm");
});

describe("fcnLayout (the authors' FCN)", () => {
  it("has their layer sizes for L = 4, width 500, Lf = 1..4", () => {
    const sizes = (fusion: number) => {
      const l = fcnLayout({ depth: 4, fusion, width: 500 });
      return [
        l.encoder.map((d) => `${d.inputs}>${d.outputs}`),
        `${l.fuse.inputs}>${l.fuse.outputs}`,
        l.decoder.map((d) => `${d.inputs}>${d.outputs}`),
      ];
    };
    expect(sizes(1)).toEqual([[], "1568>500", ["500>500", "500>500", "500>10"]]);
    expect(sizes(2)).toEqual([["784>500"], "1000>500", ["500>500", "500>10"]]);
    expect(sizes(3)).toEqual([["784>500", "500>500"], "1000>500", ["500>10"]]);
    expect(sizes(4)).toEqual([["784>500", "500>500", "500>500"], "1000>10", []]);
  });

  it("rejects a fusion layer outside 1..L with the field's name", () => {
    expect(() => fcnLayout({ depth: 4, fusion: 5, width: 10 })).toThrow(/^fusion: /);
  });
});

describe("initFcn (PyTorch's nn.Linear default)", () => {
  it("draws weights and biases uniform on ±1/√fan_in", () => {
    const params = initFcn({ depth: 2, fusion: 1, width: 400 }, normalSource(3));
    const w = Array.from(params.fuse.weight.dataSync());
    const b = Array.from(params.fuse.bias.dataSync());
    const bound = 1 / Math.sqrt(2 * PIXELS);
    const largest = (v: number[]) => v.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
    expect(Math.max(largest(w), largest(b))).toBeLessThanOrEqual(bound);
    // Not a narrower draw: the largest |entry| is within 0.1 % of the bound.
    expect(largest(w)).toBeGreaterThan(0.999 * bound);
    // Uniform on ±c has variance c²/3; 627 200 draws put the sample variance within 0.3 %
    // (relative s.e. √(0.8/n) ≈ 0.11 %); 1 % rules out a normal or a ±c/2 draw.
    const variance = w.reduce((s, v) => s + v * v, 0) / w.length;
    expect(Math.abs(variance / (bound ** 2 / 3) - 1)).toBeLessThan(0.01);
    disposeFcn(params);
  });
});

// A float64 forward pass written independently of fcn.ts's trace, for finite differences.
function logitsFloat64(
  p: number[][],
  shape: FcnParams,
  xA: number[][],
  xB: number[][],
): number[][] {
  const layers = [...shape.encoderA, ...shape.encoderB, shape.fuse, ...shape.decoder];
  const dense = (x: number[], k: number): number[] => {
    const d = layers[k] as Dense;
    const [inputs, outputs] = d.weight.shape;
    const w = p[2 * k] as number[];
    const b = p[2 * k + 1] as number[];
    return Array.from({ length: outputs }, (_, o) => {
      let s = b[o] ?? 0;
      for (let i = 0; i < inputs; i++) s += (x[i] ?? 0) * (w[i * outputs + o] ?? 0);
      return s;
    });
  };
  const relu = (v: number[]) => v.map((x) => Math.max(0, x));
  const lfMinus1 = shape.encoderA.length;
  return xA.map((a, n) => {
    let ha = a;
    let hb = xB[n] as number[];
    for (let i = 0; i < lfMinus1; i++) {
      ha = relu(dense(ha, i));
      hb = relu(dense(hb, lfMinus1 + i));
    }
    let z = dense([...ha, ...hb], 2 * lfMinus1);
    shape.decoder.forEach((_, i) => {
      z = dense(relu(z), 2 * lfMinus1 + 1 + i);
    });
    return z;
  });
}

function meanCrossEntropy(logits: number[][], labels: number[]): number {
  return (
    logits.reduce((s, z, n) => {
      const m = Math.max(...z);
      const lse = m + Math.log(z.reduce((t, v) => t + Math.exp(v - m), 0));
      return s + lse - (z[labels[n] ?? 0] ?? 0);
    }, 0) / logits.length
  );
}

describe("lossAndGrads (the written-out backward pass)", () => {
  for (const fusion of [1, 2, 3]) {
    it(`equals central finite differences of a float64 forward pass (L = 3, Lf = ${fusion})`, () => {
      const batch = 4;
      const rng = normalSource(40 + fusion);
      const params = initFcn({ depth: 3, fusion, width: 5 }, rng);
      const xA = Array.from({ length: batch }, () =>
        Array.from({ length: PIXELS }, () => rng.next()),
      );
      const xB = Array.from({ length: batch }, () =>
        Array.from({ length: PIXELS }, () => rng.next()),
      );
      const labels = [3, 7, 0, 9];
      const tA = tf.tensor2d(xA);
      const tB = tf.tensor2d(xB);
      const tLabels = tf.tensor1d(labels, "int32");
      const { loss, grads } = lossAndGrads(params, tA, tB, tLabels);
      const flat = paramTensors(params).map((t) => Array.from(t.dataSync()));
      const gradTensors = [
        ...grads.encoderA,
        ...grads.encoderB,
        grads.fuse,
        ...grads.decoder,
      ].flatMap((d) => [d.weight, d.bias]);
      const f = (p: number[][]) => meanCrossEntropy(logitsFloat64(p, params, xA, xB), labels);
      // The float32 loss against the float64 one: |Δ| ≲ 784 terms · 2⁻²⁴ relative ≈ 5e-5.
      expect(Math.abs((loss.dataSync()[0] ?? 0) - f(flat))).toBeLessThan(1e-4);
      gradTensors.forEach((g, k) => {
        const computed = Array.from(g.dataSync());
        const scale = Math.max(...computed.map(Math.abs));
        // Twelve entries per tensor, spread over it (all of a bias of ≤ 10).
        const picks = Array.from({ length: Math.min(12, computed.length) }, (_, j) =>
          Math.floor((j * computed.length) / Math.min(12, computed.length)),
        );
        for (const i of picks) {
          const h = 1e-5;
          const plus = flat.map((row) => [...row]);
          const minus = flat.map((row) => [...row]);
          (plus[k] as number[])[i] = (flat[k]?.[i] ?? 0) + h;
          (minus[k] as number[])[i] = (flat[k]?.[i] ?? 0) - h;
          const numeric = (f(plus) - f(minus)) / (2 * h);
          // Central differences in float64 at h = 1e-5: error O(h²·f''') + O(1e-16/h) ≈ 1e-10.
          // The float32 gradient sums ≤ 784 products: relative error ≲ 784·2⁻²⁴ ≈ 5e-5 of the
          // tensor's largest entry. 2e-4 of it covers both; a missing ReLU mask, a missing
          // 1/batch or a transposed product is wrong by O(1) of it.
          expect(Math.abs((computed[i] ?? 0) - numeric), `tensor ${k} entry ${i}`).toBeLessThan(
            2e-4 * scale + 1e-7,
          );
        }
      });
      tf.dispose([tA, tB, tLabels, loss, ...gradTensors]);
      disposeFcn(params);
    });
  }
});
