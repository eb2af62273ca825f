import { describe, expect, it } from "vitest";
import { fusionArchitecture } from "../../src/network/architecture.js";
import type { ParameterLayout } from "../../src/network/layout.js";
import { parameterLayout } from "../../src/network/layout.js";
import type { LinearNetworkModel } from "../../src/network/linearNetwork.js";
import { linearNetworkModel } from "../../src/network/linearNetwork.js";
import { normalSource } from "../../src/random/gaussian.js";
import type { Statistics } from "../../src/statistics/statistics.js";
import { fromTeacher } from "../../src/statistics/teacher.js";
import { fromToy } from "../../src/statistics/toy.js";
import { flowJacobian } from "../../src/training/flowJacobian.js";

const TOY = fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.5 });

/**
 * −Hessian of ℒ for a width-1 network on scalar modalities, written out independently of the
 * model: W_m = Π_{k ∈ chain m} θ_k, ℒ = ½σ_y² − Σ_m Σ_yx,m W_m + ½ Σ_{m,q} Σ_mq W_m W_q, so
 * H_ij = Σ_{m,q} Σ_mq ∂_iW_m ∂_jW_q + Σ_m G_m ∂_i∂_jW_m with G = WΣ − Σ_yx,
 * ∂_iW_m = Π_{k ≠ i} θ_k and ∂_i∂_jW_m = Π_{k ≠ i, j} θ_k (i ≠ j; 0 for i = j: each weight
 * enters once). Products over the other weights (no division), so exact to rounding even
 * with weights of 1e-30.
 */
function analyticJacobian(layout: ParameterLayout, stats: Statistics, theta: Float64Array) {
  const n = layout.size;
  const chains = [layout.chains.A, layout.chains.B].map((c) => c.map((b) => b.offset));
  const productExcept = (m: number, skip: number[]) =>
    chains[m]!.reduce((p, k) => (skip.includes(k) ? p : p * theta[k]!), 1);
  const w = [productExcept(0, []), productExcept(1, [])];
  const g = [0, 1].map(
    (m) => stats.sigma[m]![0]! * w[0]! + stats.sigma[m]![1]! * w[1]! - stats.sigmaYX[m]!,
  );
  const d1 = (m: number, i: number) => (chains[m]!.includes(i) ? productExcept(m, [i]) : 0);
  const d2 = (m: number, i: number, j: number) =>
    i !== j && chains[m]!.includes(i) && chains[m]!.includes(j) ? productExcept(m, [i, j]) : 0;
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let h = 0;
      for (let m = 0; m < 2; m++) {
        for (let q = 0; q < 2; q++) h += stats.sigma[m]![q]! * d1(m, i) * d1(q, j);
        h += g[m]! * d2(m, i, j);
      }
      out[i * n + j] = -h;
    }
  }
  return out;
}

/** max over rows of max_j |a_ij − b_ij| / max_j |b_ij| (rows of b that are 0 compare absolutely). */
function rowRelativeError(a: Float64Array, b: Float64Array, n: number): number {
  let worst = 0;
  for (let i = 0; i < n; i++) {
    let scale = 0;
    for (let j = 0; j < n; j++) scale = Math.max(scale, Math.abs(b[i * n + j]!));
    for (let j = 0; j < n; j++) {
      const d = Math.abs(a[i * n + j]! - b[i * n + j]!);
      worst = Math.max(worst, scale > 0 ? d / scale : d);
    }
  }
  return worst;
}

/** Central differences with δ_i = step(θ_i): the scheme under test with another step rule. */
function centralDifferences(
  model: LinearNetworkModel,
  theta: Float64Array,
  step: (value: number) => number,
): Float64Array {
  const n = theta.length;
  const out = new Float64Array(n * n);
  const p = Float64Array.from(theta);
  const plus = new Float64Array(n);
  const minus = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const up = theta[i]! + step(theta[i]!);
    const down = theta[i]! - step(theta[i]!);
    p[i] = up;
    model.gradient(p, plus);
    p[i] = down;
    model.gradient(p, minus);
    p[i] = theta[i]!;
    for (let j = 0; j < n; j++) out[j * n + i] = -(plus[j]! - minus[j]!) / (up - down);
  }
  return out;
}

const ARCHITECTURES = [
  [2, 2],
  [2, 1],
  [3, 2],
  [4, 4],
  [5, 3],
  [6, 6],
] as const;

function widthOne(depth: number, fusionLayer: number) {
  const layout = parameterLayout(
    fusionArchitecture({ depth, fusionLayer, width: 1, dA: 1, dB: 1 }),
  );
  return { layout, model: linearNetworkModel(layout, TOY) };
}

describe("flowJacobian: central differences exact up to round-off", () => {
  it("matches the analytic −Hessian on random states (width 1, L ≤ 6): ≤ 1e-13 of each row", () => {
    // Measured ≤ 4.2e-14 over 50 N(0, 1) states per architecture.
    const normals = normalSource(7);
    for (const [depth, fusionLayer] of ARCHITECTURES) {
      const { layout, model } = widthOne(depth, fusionLayer);
      const jacobian = flowJacobian(model);
      const out = new Float64Array(layout.size ** 2);
      for (let trial = 0; trial < 50; trial++) {
        const theta = new Float64Array(layout.size).map(() => normals.next());
        jacobian(0, theta, out);
        const error = rowRelativeError(out, analyticJacobian(layout, TOY, theta), layout.size);
        expect(error, `L=${depth} Lf=${fusionLayer}`).toBeLessThan(1e-13);
      }
    }
  });

  it("stays exact on plateau states with B's weights at 1e-30, where a √ε-relative step fails", () => {
    // A and shared weights in [0.5, 1.5], B's in [1e-30, 3e-30]. Measured with
    // δ_i = max(|θ_i|, 1e-3‖θ‖∞): ≤ 1.5e-15 of each row, 2.4e-13 for early fusion (L = 2,
    // Lf = 1: a shared weight's O(1) gradient differenced over B's δ = 1e-3). With
    // δ_i = √ε·|θ_i|: 1.8e-8 to 3.4e-8, and 1 for early fusion, where B's perturbation of
    // 1e-38 vanishes below the rounding of the shared weight's gradient: ∂f_shared/∂θ_B = 0.
    const normals = normalSource(8);
    for (const [depth, fusionLayer] of ARCHITECTURES) {
      const { layout, model } = widthOne(depth, fusionLayer);
      const jacobian = flowJacobian(model);
      const out = new Float64Array(layout.size ** 2);
      let naiveWorst = 0;
      for (let trial = 0; trial < 20; trial++) {
        const theta = new Float64Array(layout.size);
        for (const block of layout.blocks) {
          const magnitude = 1 + Math.abs(normals.next());
          theta[block.offset] = block.owner === "B" ? 1e-30 * magnitude : 0.5 * magnitude;
        }
        const exact = analyticJacobian(layout, TOY, theta);
        jacobian(0, theta, out);
        expect(rowRelativeError(out, exact, layout.size)).toBeLessThan(1e-12);
        const naive = centralDifferences(
          model,
          theta,
          (v) => Math.sqrt(Number.EPSILON) * Math.abs(v),
        );
        naiveWorst = Math.max(naiveWorst, rowRelativeError(naive, exact, layout.size));
      }
      expect(naiveWorst).toBeGreaterThan(1e-9);
    }
  });

  it("handles θ = 0 (δ = 1) and exact zeros next to O(1) weights", () => {
    // At θ = 0 the −Hessian of a two-layer net is the coupling Σ_yx between the layers of a
    // chain; for L ≥ 3 it vanishes. A √ε-relative step is 0 there: 0/0. Measured: exact
    // (0 difference) at θ = 0, ≤ 3.8e-14 of each row with one weight 1.5 and the rest 0.
    for (const [depth, fusionLayer] of ARCHITECTURES) {
      const { layout, model } = widthOne(depth, fusionLayer);
      const theta = new Float64Array(layout.size);
      const out = new Float64Array(layout.size ** 2);
      flowJacobian(model)(0, theta, out);
      const exact = analyticJacobian(layout, TOY, theta);
      for (let i = 0; i < out.length; i++)
        expect(Math.abs(out[i]! - exact[i]!)).toBeLessThan(1e-15);
      theta[0] = 1.5; // one O(1) weight, the rest exact zeros
      flowJacobian(model)(0, theta, out);
      expect(rowRelativeError(out, analyticJacobian(layout, TOY, theta), layout.size)).toBeLessThan(
        1e-13,
      );
    }
  });

  it("on wider networks with vector inputs: symmetric, and independent of δ (exactness)", () => {
    // No closed form here; exactness shows as agreement with central differences of a
    // very different step (δ_i = 0.05·max(|θ_i|, ‖θ‖∞)), symmetry as J = Jᵀ (a Hessian),
    // and both against a forward difference at δ = √ε (error O(√ε)). Measured over
    // 5 random states of 4 architectures (width 3, dA = 2, dB = 3): ≤ 8e-14, ≤ 2.9e-13 and
    // ≤ 4.2e-7 of each row's largest entry.
    const stats = fromTeacher(
      [
        [2, 0.3, 0.1, 0, 0.2],
        [0.3, 1.5, 0, 0.1, 0],
        [0.1, 0, 1, 0.2, 0.1],
        [0, 0.1, 0.2, 1.2, 0],
        [0.2, 0, 0.1, 0, 0.8],
      ],
      [1, -0.5, 0.7, 0.3, -1],
      0.1,
      2,
    );
    const normals = normalSource(9);
    for (const [depth, fusionLayer] of [
      [2, 2],
      [3, 1],
      [3, 2],
      [4, 3],
    ] as const) {
      const layout = parameterLayout(
        fusionArchitecture({ depth, fusionLayer, width: 3, dA: 2, dB: 3 }),
      );
      const model = linearNetworkModel(layout, stats);
      const n = layout.size;
      const out = new Float64Array(n * n);
      for (let trial = 0; trial < 5; trial++) {
        const theta = new Float64Array(n).map(() => 0.7 * normals.next());
        flowJacobian(model)(0, theta, out);
        const thetaMax = Math.max(...Array.from(theta, Math.abs));
        const other = centralDifferences(
          model,
          theta,
          (v) => 0.05 * Math.max(Math.abs(v), thetaMax),
        );
        expect(rowRelativeError(out, other, n)).toBeLessThan(1e-12);
        const transpose = new Float64Array(n * n);
        for (let i = 0; i < n; i++)
          for (let j = 0; j < n; j++) transpose[i * n + j] = out[j * n + i]!;
        expect(rowRelativeError(out, transpose, n)).toBeLessThan(1e-12);
        const forward = new Float64Array(n * n);
        const f0 = new Float64Array(n);
        const f1 = new Float64Array(n);
        model.gradient(theta, f0);
        const p = Float64Array.from(theta);
        for (let i = 0; i < n; i++) {
          const delta = Math.sqrt(Number.EPSILON) * Math.max(Math.abs(theta[i]!), 1);
          p[i] = theta[i]! + delta;
          model.gradient(p, f1);
          p[i] = theta[i]!;
          for (let j = 0; j < n; j++) forward[j * n + i] = -(f1[j]! - f0[j]!) / delta;
        }
        expect(rowRelativeError(forward, out, n)).toBeLessThan(1e-6);
      }
    }
  });
});
