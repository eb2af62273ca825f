import type { SampleSet } from "../../src/data/sampleSet.js";
import type { LayerBlock, ParameterLayout } from "../../src/network/layout.js";

/**
 * The sampled ReLU network's loss and full-batch gradient in the plain one-sum-at-a-time loops
 * that src/network/reluNetwork.ts used before its kernels were blocked and fused (issue 16):
 * feature-major buffers, each output summed over its inputs ascending from 0, each gradient
 * entry over the samples of a block ascending from 0 and then added, blocks of `block`
 * samples. The tests compare the blocked and fused kernels with it bit for bit.
 */
export function plainReluGradient(
  layout: ParameterLayout,
  samples: SampleSet,
  theta: Float64Array,
  out: Float64Array,
  block = 512,
): number {
  const { depth: L, fusionLayer: Lf, dA, dB } = layout.architecture;
  const P = samples.samples;
  const D = dA + dB;
  const xA = new Float64Array(P * dA);
  const xB = new Float64Array(P * dB);
  for (let p = 0; p < P; p++) {
    for (let j = 0; j < dA; j++) xA[j * P + p] = samples.x[p * D + j]!;
    for (let j = 0; j < dB; j++) xB[j * P + p] = samples.x[p * D + dA + j]!;
  }
  const chains = layout.chains;
  const buffers = (m: "A" | "B") =>
    chains[m].slice(0, Lf - 1).map((b) => new Float64Array(P * b.rows));
  const h = { A: [xA, ...buffers("A")], B: [xB, ...buffers("B")] };
  const dh = {
    A: [new Float64Array(0), ...buffers("A")],
    B: [new Float64Array(0), ...buffers("B")],
  };
  const postBlocks = chains.A.slice(Lf - 1);
  const post = postBlocks.map((b) => new Float64Array(P * b.rows));
  const dpost = postBlocks.map((b) => new Float64Array(P * b.rows));
  const yHat = post[post.length - 1]!;
  const y = samples.y;

  const multiply = (
    b: LayerBlock,
    input: Float64Array,
    o: Float64Array,
    s: number,
    e: number,
    add: boolean,
  ) => {
    for (let i = 0; i < b.rows; i++) {
      if (!add) o.fill(0, i * P + s, i * P + e);
      for (let j = 0; j < b.cols; j++) {
        const w = theta[b.offset + i * b.cols + j]!;
        for (let p = s; p < e; p++) o[i * P + p]! += w * input[j * P + p]!;
      }
    }
  };
  const relu = (v: Float64Array, rows: number, s: number, e: number) => {
    for (let i = 0; i < rows; i++)
      for (let p = s; p < e; p++) if (!(v[i * P + p]! > 0)) v[i * P + p] = 0;
  };
  const grad = (b: LayerBlock, delta: Float64Array, input: Float64Array, s: number, e: number) => {
    for (let i = 0; i < b.rows; i++) {
      for (let j = 0; j < b.cols; j++) {
        let sum = 0;
        for (let p = s; p < e; p++) sum += delta[i * P + p]! * input[j * P + p]!;
        out[b.offset + i * b.cols + j]! += sum;
      }
    }
  };
  const back = (
    b: LayerBlock,
    delta: Float64Array,
    input: Float64Array,
    o: Float64Array,
    s: number,
    e: number,
  ) => {
    for (let j = 0; j < b.cols; j++) {
      o.fill(0, j * P + s, j * P + e);
      for (let i = 0; i < b.rows; i++) {
        const w = theta[b.offset + i * b.cols + j]!;
        for (let p = s; p < e; p++) o[j * P + p]! += w * delta[i * P + p]!;
      }
      for (let p = s; p < e; p++) if (!(input[j * P + p]! > 0)) o[j * P + p] = 0;
    }
  };

  out.fill(0);
  let loss = 0;
  for (let s = 0; s < P; s += block) {
    const e = Math.min(P, s + block);
    for (const m of ["A", "B"] as const) {
      for (let l = 1; l < Lf; l++) {
        multiply(chains[m][l - 1]!, h[m][l - 1]!, h[m][l]!, s, e, false);
        relu(h[m][l]!, chains[m][l - 1]!.rows, s, e);
      }
    }
    multiply(chains.A[Lf - 1]!, h.A[Lf - 1]!, post[0]!, s, e, false);
    multiply(chains.B[Lf - 1]!, h.B[Lf - 1]!, post[0]!, s, e, true);
    if (Lf < L) relu(post[0]!, chains.A[Lf - 1]!.rows, s, e);
    for (let k = 1; k < post.length; k++) {
      multiply(postBlocks[k]!, post[k - 1]!, post[k]!, s, e, false);
      if (Lf + k < L) relu(post[k]!, postBlocks[k]!.rows, s, e);
    }
    let sum = 0;
    for (let p = s; p < e; p++) sum += (yHat[p]! - y[p]!) ** 2;
    loss += ((sum / (2 * (e - s))) * (e - s)) / P;
    const top = dpost[dpost.length - 1]!;
    for (let p = s; p < e; p++) top[p] = (yHat[p]! - y[p]!) * (1 / P);
    for (let k = post.length - 1; k >= 1; k--) {
      grad(postBlocks[k]!, dpost[k]!, post[k - 1]!, s, e);
      back(postBlocks[k]!, dpost[k]!, post[k - 1]!, dpost[k - 1]!, s, e);
    }
    for (const m of ["A", "B"] as const) {
      let delta = dpost[0]!;
      for (let l = Lf; l >= 1; l--) {
        const b = chains[m][l - 1]!;
        grad(b, delta, h[m][l - 1]!, s, e);
        if (l > 1) {
          back(b, delta, h[m][l - 1]!, dh[m][l - 1]!, s, e);
          delta = dh[m][l - 1]!;
        }
      }
    }
  }
  return loss;
}
