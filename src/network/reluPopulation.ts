import { InputError } from "../errors/inputError.js";
import { InternalError } from "../errors/internalError.js";
import type { Statistics } from "../statistics/statistics.js";
import type { ParameterLayout } from "./layout.js";
import type { TrainableModel } from "./model.js";
import { twoLayerLinearPart } from "./reluLinearPart.js";

/**
 * The population loss and gradient of a two-layer ReLU fusion network (L = 2, Lf ∈ {1, 2})
 * for x ~ N(0, Σ) and a target whose conditional mean is linear in x (a linear teacher plus
 * independent noise: docs/theory.md T11). Write the network as ŷ = Σ_i c_i relu(u_iᵀx) with
 * u_i ∈ R^D: early fusion u_i = [W_A^1[i,:], W_B^1[i,:]], c_i = W^2[i]; late fusion has one
 * neuron per branch unit, u_i zero outside its modality, c_i = W_m^2[i]. Then
 *
 *   ℒ = ½σ_y² − ½Σ_i c_i Σ_yx u_i + ½Σ_ij c_i c_j K(u_i, u_j),
 *
 * with E[y relu(uᵀx)] = Σ_yx Σ⁻¹ E[x relu(uᵀx)] = ½Σ_yx u (Stein's lemma) and the order-1
 * arc-cosine kernel (Cho & Saul 2009)
 *
 *   K(u, v) = E[relu(uᵀx) relu(vᵀx)] = (|u||v|/2π)(sin θ + (π − θ) cos θ),
 *
 * |u| = √(uᵀΣu), cos θ = uᵀΣv/(|u||v|). Cross-modal pairs enter through Σ_AB. Its gradient
 *
 *   ∂K/∂u = E[x 1(uᵀx > 0) relu(vᵀx)] = (1/2π)((π − θ) Σv + |v| sin θ Σu/|u|)
 *
 * (degree-1 homogeneous: uᵀ∂K/∂u = K; checked against finite differences in the tests). No
 * division by sin θ occurs, so θ = 0 or π is harmless (cos θ is clamped to [−1, 1] against
 * round-off, sin θ = √(1 − cos²θ) ≥ 0); a pair with |u| = 0 or |v| = 0 contributes nothing,
 * the convention relu'(0) = 0 of the sampled network. The diagonal uses K(u, u) = ½|u|² and
 * ∂K(u, u)/∂u (first argument) = ½Σu exactly.
 *
 * Cost per gradient O(n²·D) for n neurons (n = h early, 2h late), independent of any sample
 * count; buffers are allocated once.
 */
export function reluPopulationModel(layout: ParameterLayout, stats: Statistics): TrainableModel {
  const arch = layout.architecture;
  if (arch.depth !== 2) {
    throw new InputError("depth", `the ReLU population model needs depth 2, got ${arch.depth}`);
  }
  if (arch.dA !== stats.dA || arch.dB !== stats.dB) {
    throw new InternalError(
      `architecture input dims (${arch.dA}, ${arch.dB}) do not match statistics (${stats.dA}, ${stats.dB})`,
    );
  }
  const { dA, dB } = arch;
  const D = dA + dB;
  const sigma = Float64Array.from(stats.sigma.flat());
  const sigmaYX = Float64Array.from(stats.sigmaYX);
  const sigmaY2 = stats.sigmaY2;
  const neurons = neuronMap(layout);
  const n = neurons.count;
  const u = new Float64Array(n * D);
  const c = new Float64Array(n);
  const su = new Float64Array(n * D); // rows Σu_i
  const len = new Float64Array(n); // |u_i|_Σ
  const gu = new Float64Array(n * D);
  const gc = new Float64Array(n);

  const gather = (theta: Float64Array) => {
    u.fill(0);
    for (let i = 0; i < n; i++) {
      c[i] = theta[neurons.output[i]!]!;
      const atA = neurons.offsetA[i]!;
      for (let j = 0; j < neurons.lengthA[i]!; j++) u[i * D + j] = theta[atA + j]!;
      const atB = neurons.offsetB[i]!;
      for (let j = 0; j < neurons.lengthB[i]!; j++) u[i * D + dA + j] = theta[atB + j]!;
    }
    for (let i = 0; i < n; i++) {
      let quad = 0;
      for (let r = 0; r < D; r++) {
        let sum = 0;
        for (let k = 0; k < D; k++) sum += sigma[r * D + k]! * u[i * D + k]!;
        su[i * D + r] = sum;
        quad += u[i * D + r]! * sum;
      }
      len[i] = Math.sqrt(Math.max(quad, 0));
    }
  };

  /** ℒ, and with `withGradient` the gradient in (gu, gc). */
  const evaluate = (theta: Float64Array, withGradient: boolean): number => {
    gather(theta);
    if (withGradient) {
      gu.fill(0);
      gc.fill(0);
    }
    let linear = 0;
    let quadratic = 0;
    for (let i = 0; i < n; i++) {
      const ci = c[i]!;
      let yu = 0;
      for (let r = 0; r < D; r++) yu += sigmaYX[r]! * u[i * D + r]!;
      linear += ci * yu;
      const li = len[i]!;
      quadratic += ci * ci * 0.5 * li * li;
      if (withGradient) {
        gc[i]! += -0.5 * yu + ci * 0.5 * li * li;
        for (let r = 0; r < D; r++) {
          gu[i * D + r]! += -0.5 * ci * sigmaYX[r]! + ci * ci * 0.5 * su[i * D + r]!;
        }
      }
      if (li === 0) continue;
      for (let j = i + 1; j < n; j++) {
        const lj = len[j]!;
        if (lj === 0) continue;
        let dotUV = 0;
        for (let r = 0; r < D; r++) dotUV += u[i * D + r]! * su[j * D + r]!;
        const cos = Math.min(1, Math.max(-1, dotUV / (li * lj)));
        const angle = Math.acos(cos);
        const sin = Math.sqrt(1 - cos * cos);
        const rest = Math.PI - angle;
        const kij = ((li * lj) / (2 * Math.PI)) * (sin + rest * cos);
        const cj = c[j]!;
        quadratic += 2 * ci * cj * kij;
        if (!withGradient) continue;
        gc[i]! += cj * kij;
        gc[j]! += ci * kij;
        const cc = (ci * cj) / (2 * Math.PI);
        const toI = (lj * sin) / li; // |v| sin θ / |u| for ∂K/∂u_i
        const toJ = (li * sin) / lj;
        for (let r = 0; r < D; r++) {
          const si = su[i * D + r]!;
          const sj = su[j * D + r]!;
          gu[i * D + r]! += cc * (rest * sj + toI * si);
          gu[j * D + r]! += cc * (rest * si + toJ * sj);
        }
      }
    }
    return 0.5 * sigmaY2 - 0.5 * linear + 0.5 * quadratic;
  };

  const gradient = (theta: Float64Array, out: Float64Array) => {
    const loss = evaluate(theta, true);
    out.fill(0);
    for (let i = 0; i < n; i++) {
      out[neurons.output[i]!]! += gc[i]!;
      const atA = neurons.offsetA[i]!;
      for (let j = 0; j < neurons.lengthA[i]!; j++) out[atA + j]! += gu[i * D + j]!;
      const atB = neurons.offsetB[i]!;
      for (let j = 0; j < neurons.lengthB[i]!; j++) out[atB + j]! += gu[i * D + dA + j]!;
    }
    return loss;
  };

  return {
    layout,
    inputDim: D,
    totalMap: (theta, out) => twoLayerLinearPart(layout, theta, out),
    gradient,
    loss: (theta) => evaluate(theta, false),
  };
}

/**
 * Where each neuron's weights live in θ: its output weight c_i, and up to two input pieces,
 * its row of W_A^1 (coordinates 0..dA−1 of u_i) and its row of W_B^1 (coordinates dA..D−1).
 * Early fusion: both pieces, h neurons sharing the layer-2 row. Late fusion: 2h neurons, A's
 * with an empty B piece and B's with an empty A piece (u_i is zero there).
 */
interface NeuronMap {
  readonly count: number;
  readonly output: Int32Array;
  readonly offsetA: Int32Array;
  readonly lengthA: Int32Array;
  readonly offsetB: Int32Array;
  readonly lengthB: Int32Array;
}

function neuronMap(layout: ParameterLayout): NeuronMap {
  const { fusionLayer, width: h, dA, dB } = layout.architecture;
  const [hiddenA, outA] = layout.chains.A;
  const [hiddenB, outB] = layout.chains.B;
  const count = fusionLayer === 2 ? 2 * h : h;
  const map = {
    count,
    output: new Int32Array(count),
    offsetA: new Int32Array(count),
    lengthA: new Int32Array(count),
    offsetB: new Int32Array(count),
    lengthB: new Int32Array(count),
  };
  for (let i = 0; i < h; i++) {
    if (fusionLayer === 2) {
      map.output[i] = outA!.offset + i;
      map.offsetA[i] = hiddenA!.offset + i * dA;
      map.lengthA[i] = dA;
      map.output[h + i] = outB!.offset + i;
      map.offsetB[h + i] = hiddenB!.offset + i * dB;
      map.lengthB[h + i] = dB;
    } else {
      // Early fusion: outA is the shared layer 2 (the same block as outB).
      map.output[i] = outA!.offset + i;
      map.offsetA[i] = hiddenA!.offset + i * dA;
      map.lengthA[i] = dA;
      map.offsetB[i] = hiddenB!.offset + i * dB;
      map.lengthB[i] = dB;
    }
  }
  return map;
}
