import type { SampleSet } from "../data/sampleSet.js";
import { InputError } from "../errors/inputError.js";
import { choleskyInPlace, choleskySolveInPlace } from "../linalg/cholesky.js";
import type { ParameterLayout } from "./layout.js";
import { twoLayerLinearPart } from "./reluLinearPart.js";
import type { ReluNetworkModel } from "./reluNetwork.js";

/** Number of ReLU features φ(x) = (relu(x_A), relu(−x_A), relu(x_B), relu(−x_B)). */
const FEATURES = 4;

/**
 * The sufficient statistics of a scalar-modality sample set for two-layer late-fusion ReLU
 * networks: M = mean(φφᵀ) (4 × 4, row-major), m_φy = mean(φ y), m_yy = mean(y²).
 */
export interface ReluFeatureMoments {
  readonly featureGram: Float64Array;
  readonly featureTarget: Float64Array;
  readonly targetSquare: number;
}

/** Can `scalarReluModel` train this architecture (L = 2, late fusion, dA = dB = 1)? */
export function scalarReluApplies(layout: ParameterLayout): boolean {
  const { depth, fusionLayer, dA, dB, branchDepths } = layout.architecture;
  const defaultBranches =
    branchDepths === undefined || (branchDepths.A === 1 && branchDepths.B === 1);
  return depth === 2 && fusionLayer === 2 && dA === 1 && dB === 1 && defaultBranches;
}

/**
 * A two-layer late-fusion ReLU network on scalar modalities (dA = dB = 1, no biases; T11's
 * toy case) trained on a finite sample set through sufficient statistics, as a linear network
 * trains on (Σ̂, Σ̂_yx) instead of the samples.
 *
 * Why it is exact: hidden unit i of branch A sees one scalar, and relu(w x) = w⁺relu(x) +
 * w⁻relu(−x) (w⁺ = max(w, 0), w⁻ = max(−w, 0)). The output is therefore linear in
 * φ(x) = (relu(x_A), relu(−x_A), relu(x_B), relu(−x_B)): f = c·φ with
 * c = (Σa_i w_i⁺, Σa_i w_i⁻, Σb_j v_j⁺, Σb_j v_j⁻), and the empirical loss
 * ℒ = (1/2P)Σ_p (y_p − f_p)² = ½(m_yy − 2c·m_φy + cᵀMc) depends on the samples only through
 * (M, m_φy, m_yy). With g = ∂ℒ/∂c = Mc − m_φy the chain rule gives
 *   ∂ℒ/∂a_i = g₁w_i⁺ + g₂w_i⁻,   ∂ℒ/∂w_i = a_i(g₁·1[w_i > 0] − g₂·1[w_i < 0]),
 * and the same for B with (g₃, g₄). At w_i = 0 this is 0, the subgradient of
 * reluNetworkModel (relu'(0) = 0). So the loss and gradient equal the sampled model's up to
 * round-off, at O(P) once (the moments) and O(h) per gradient instead of O(P·h).
 *
 * Round-off: ½(m_yy − 2c·m_φy + cᵀMc) cancels catastrophically as ℒ → 0 (the noiseless toy
 * teacher is representable: x = relu(x) − relu(−x)). So the loss is expanded around a
 * reference c₀ (the least-squares c, when M is positive definite; else 0) whose loss
 * ℒ₀ = ½mean((y − c₀·φ)²) is summed directly over the samples once:
 *   ℒ(c) = ℒ₀ + r₀·d + ½dᵀMd,   g = Md + r₀,   d = c − c₀,  r₀ = Mc₀ − m_φy (≈ 0).
 * This is algebraically the same for any c₀, and near the minimum every term is small.
 *
 * totalMap is T11's half-rule ½Σa_i w_i (src/network/reluLinearPart.ts), as reluNetworkModel
 * reports for depth 2; `predict` evaluates c·φ on every sample (O(P)). `gradient`, `loss`
 * and `totalMap` allocate nothing.
 */
export function scalarReluModel(layout: ParameterLayout, samples: SampleSet): ReluNetworkModel {
  if (!scalarReluApplies(layout)) {
    const { depth, fusionLayer, dA, dB } = layout.architecture;
    throw new InputError(
      "architecture",
      `scalarReluModel needs L = 2, Lf = 2, dA = dB = 1, got L = ${depth}, Lf = ${fusionLayer}, dA = ${dA}, dB = ${dB}`,
    );
  }
  if (samples.dA !== 1 || samples.dB !== 1) {
    throw new InputError("samples", `must have dA = dB = 1, got (${samples.dA}, ${samples.dB})`);
  }
  if (samples.samples < 1) throw new InputError("samples", "must be ≥ 1");
  const moments = reluFeatureMoments(samples);
  const { featureGram: M, featureTarget: m } = moments;
  const c0 = referenceCoefficients(moments);
  const loss0 = directLoss(samples, c0);
  const r0 = new Float64Array(FEATURES);
  for (let k = 0; k < FEATURES; k++) {
    let s = -m[k]!;
    for (let l = 0; l < FEATURES; l++) s += M[k * FEATURES + l]! * c0[l]!;
    r0[k] = s;
  }
  const { A, B } = layout.chains;
  const h = layout.architecture.width;
  // chain[0] holds the hidden weights (h × 1), chain[1] the output row (1 × h).
  const wA = A[0]!.offset;
  const aA = A[1]!.offset;
  const wB = B[0]!.offset;
  const aB = B[1]!.offset;
  const d = new Float64Array(FEATURES);
  const g = new Float64Array(FEATURES);

  /** d ← c(θ) − c₀; returns ℒ(θ). */
  const evaluate = (theta: Float64Array): number => {
    let c1 = 0;
    let c2 = 0;
    let c3 = 0;
    let c4 = 0;
    for (let i = 0; i < h; i++) {
      const w = theta[wA + i]!;
      const a = theta[aA + i]!;
      if (w > 0) c1 += a * w;
      else if (w < 0) c2 -= a * w;
      const v = theta[wB + i]!;
      const b = theta[aB + i]!;
      if (v > 0) c3 += b * v;
      else if (v < 0) c4 -= b * v;
    }
    d[0] = c1 - c0[0]!;
    d[1] = c2 - c0[1]!;
    d[2] = c3 - c0[2]!;
    d[3] = c4 - c0[3]!;
    let linear = 0;
    let quadratic = 0;
    for (let k = 0; k < FEATURES; k++) {
      let md = 0;
      for (let l = 0; l < FEATURES; l++) md += M[k * FEATURES + l]! * d[l]!;
      g[k] = md + r0[k]!;
      linear += r0[k]! * d[k]!;
      quadratic += d[k]! * md;
    }
    return loss0 + linear + 0.5 * quadratic;
  };

  const gradient = (theta: Float64Array, out: Float64Array): number => {
    const value = evaluate(theta);
    out.fill(0);
    const g1 = g[0]!;
    const g2 = g[1]!;
    const g3 = g[2]!;
    const g4 = g[3]!;
    for (let i = 0; i < h; i++) {
      const w = theta[wA + i]!;
      const a = theta[aA + i]!;
      if (w > 0) {
        out[aA + i] = g1 * w;
        out[wA + i] = a * g1;
      } else if (w < 0) {
        out[aA + i] = -g2 * w;
        out[wA + i] = -a * g2;
      }
      const v = theta[wB + i]!;
      const b = theta[aB + i]!;
      if (v > 0) {
        out[aB + i] = g3 * v;
        out[wB + i] = b * g3;
      } else if (v < 0) {
        out[aB + i] = -g4 * v;
        out[wB + i] = -b * g4;
      }
    }
    return value;
  };

  const predict = (theta: Float64Array, out: Float64Array): void => {
    evaluate(theta);
    const P = samples.samples;
    const { x } = samples;
    for (let p = 0; p < P; p++) {
      const xa = x[2 * p]!;
      const xb = x[2 * p + 1]!;
      let f = 0;
      for (let k = 0; k < FEATURES; k++) f += (c0[k]! + d[k]!) * feature(k, xa, xb);
      out[p] = f;
    }
  };

  return {
    layout,
    inputDim: 2,
    samples,
    totalMapRule: "half-rule",
    kernels: "javascript",
    totalMap: (theta, out) => twoLayerLinearPart(layout, theta, out),
    gradient,
    loss: evaluate,
    predict,
  };
}

/** φ_k(x_A, x_B). */
function feature(k: number, xa: number, xb: number): number {
  switch (k) {
    case 0:
      return Math.max(xa, 0);
    case 1:
      return Math.max(-xa, 0);
    case 2:
      return Math.max(xb, 0);
    default:
      return Math.max(-xb, 0);
  }
}

/** One pass over the samples: M = mean(φφᵀ), m_φy = mean(φy), m_yy = mean(y²). */
export function reluFeatureMoments(samples: SampleSet): ReluFeatureMoments {
  if (samples.dA !== 1 || samples.dB !== 1) {
    throw new InputError("samples", `must have dA = dB = 1, got (${samples.dA}, ${samples.dB})`);
  }
  const P = samples.samples;
  const { x, y } = samples;
  const gram = new Float64Array(FEATURES * FEATURES);
  const target = new Float64Array(FEATURES);
  const phi = new Float64Array(FEATURES);
  let yy = 0;
  for (let p = 0; p < P; p++) {
    const xa = x[2 * p]!;
    const xb = x[2 * p + 1]!;
    const yp = y[p]!;
    for (let k = 0; k < FEATURES; k++) phi[k] = feature(k, xa, xb);
    for (let k = 0; k < FEATURES; k++) {
      target[k]! += phi[k]! * yp;
      for (let l = k; l < FEATURES; l++) gram[k * FEATURES + l]! += phi[k]! * phi[l]!;
    }
    yy += yp * yp;
  }
  for (let k = 0; k < FEATURES; k++) {
    target[k]! /= P;
    for (let l = k; l < FEATURES; l++) {
      gram[k * FEATURES + l]! /= P;
      gram[l * FEATURES + k] = gram[k * FEATURES + l]!;
    }
  }
  return { featureGram: gram, featureTarget: target, targetSquare: yy / P };
}

/** Least-squares c₀ = M⁻¹m_φy when M is positive definite (a Cholesky pivot > 0), else 0. */
function referenceCoefficients(moments: ReluFeatureMoments): Float64Array {
  const factor = Float64Array.from(moments.featureGram);
  const c0 = Float64Array.from(moments.featureTarget);
  if (!choleskyInPlace(factor, FEATURES)) return new Float64Array(FEATURES);
  choleskySolveInPlace(factor, FEATURES, c0);
  return c0.every(Number.isFinite) ? c0 : new Float64Array(FEATURES);
}

/** ℒ₀ = (1/2P)Σ_p (y_p − c₀·φ(x_p))², summed directly (no cancellation). */
function directLoss(samples: SampleSet, c0: Float64Array): number {
  const P = samples.samples;
  const { x, y } = samples;
  let sum = 0;
  for (let p = 0; p < P; p++) {
    const xa = x[2 * p]!;
    const xb = x[2 * p + 1]!;
    let f = 0;
    for (let k = 0; k < FEATURES; k++) f += c0[k]! * feature(k, xa, xb);
    sum += (y[p]! - f) ** 2;
  }
  return sum / (2 * P);
}
