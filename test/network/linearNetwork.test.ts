import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import {
  buildVectorStatistics,
  vectorStatisticsCase,
} from "../../src/claims/arbitraries/vectorStatistics.js";
import { fusionArchitecture } from "../../src/network/architecture.js";
import type { LayerBlock, ParameterLayout } from "../../src/network/layout.js";
import { parameterLayout } from "../../src/network/layout.js";
import { linearNetworkModel } from "../../src/network/linearNetwork.js";
import { normalSource } from "../../src/random/gaussian.js";
import { derive } from "../../src/statistics/derived.js";
import type { Statistics } from "../../src/statistics/statistics.js";
import { fromToy } from "../../src/statistics/toy.js";
import { assertClose, EPS, matMul, maxAbs } from "../helpers/numeric.js";

/** Finite-difference step: balances O(h²) truncation against O(ε/h) round-off. */
const FD_STEP = 1e-5;
/**
 * Gradient vs central differences. Truncation is h²/6·|∂³ℒ| ≈ 1e-10 × (a derivative
 * ratio of order (L/|θ|)² ≲ 100) ≈ 1e-8 relative: 1e-6 leaves a factor 100.
 */
const FD_RTOL = 1e-6;
/**
 * Round-off of a central difference: each loss carries ≈ ε·S of error, with S the size of
 * its three terms (|ℒ| + σ_y² + |Σ_yx Wᵀ| bounds them), divided by 2h: ε·S/h ≈ 2.2e-11·S;
 * ×10 for the D-term sums. Needed where ‖∇ℒ‖ is small (θ near 0, deep chains). Over
 * 2000 sampled cases the measured error stayed ≤ 0.11 of the combined bound.
 */
const FD_ATOL_PER_SCALE = (10 * EPS) / FD_STEP;

/** The blocks of θ as plain matrices. */
function matrixOf(theta: Float64Array, block: LayerBlock): number[][] {
  return Array.from({ length: block.rows }, (_, i) =>
    Array.from(theta.subarray(block.offset + i * block.cols, block.offset + (i + 1) * block.cols)),
  );
}

/** W_m^tot = M_L ⋯ M_1 by plain matrix products (independent of the model's buffers). */
function explicitTotalMap(layout: ParameterLayout, theta: Float64Array): number[] {
  return (["A", "B"] as const).flatMap((m) => {
    const chain = layout.chains[m];
    let product = matrixOf(theta, chain[0]!);
    for (const block of chain.slice(1)) product = matMul(matrixOf(theta, block), product);
    return product[0]!;
  });
}

interface NetworkCase {
  readonly stats: Statistics;
  readonly layout: ParameterLayout;
  readonly theta: Float64Array;
}

/**
 * Random architecture (L ≤ 5, any Lf, width ≤ 4, dims ≤ 3), random statistics and a θ
 * with N(0, scale²) entries, scale in [0.2, 1]: moderate, so products stay O(1-100).
 */
const networkCase: fc.Arbitrary<NetworkCase> = fc
  .record({
    stats: vectorStatisticsCase({ maxDim: 3 }),
    depth: fc.integer({ min: 1, max: 5 }),
    width: fc.integer({ min: 1, max: 4 }),
    seed: fc.nat({ max: 0x7fffffff }),
    scale: fc.double({ min: 0.2, max: 1, noNaN: true }),
  })
  .chain((c) => fc.record({ fusionLayer: fc.integer({ min: 1, max: c.depth }), c: fc.constant(c) }))
  .map(({ fusionLayer, c }) => {
    const stats = buildVectorStatistics(c.stats);
    const layout = parameterLayout(
      fusionArchitecture({
        depth: c.depth,
        fusionLayer,
        width: c.width,
        dA: stats.dA,
        dB: stats.dB,
      }),
    );
    const normals = normalSource(c.seed);
    const theta = Float64Array.from({ length: layout.size }, () => c.scale * normals.next());
    return { stats, layout, theta };
  });

describe("linearNetworkModel", () => {
  it("refuses statistics whose input dimensions do not match the architecture", () => {
    const layout = parameterLayout(
      fusionArchitecture({ depth: 2, fusionLayer: 2, width: 2, dA: 2, dB: 1 }),
    );
    expect(() => linearNetworkModel(layout, fromToy({ sigmaA: 2, sigmaB: 1, rho: 0 }))).toThrow(
      /input dims \(2, 1\) do not match statistics \(1, 1\)/,
    );
  });

  test.prop([networkCase])("totalMap equals the explicit product of the layer matrices", (c) => {
    const model = linearNetworkModel(c.layout, c.stats);
    const w = new Float64Array(model.inputDim);
    model.totalMap(c.theta, w);
    const expected = explicitTotalMap(c.layout, c.theta);
    // Same products summed in another order: each entry has forward error
    // ≤ γ_n·Σ|terms| with n ≤ L·h ≤ 20, and Σ|terms| ≤ ∏‖M_j‖_F. 1e-13 ≈ 450 ε.
    const bound = (["A", "B"] as const)
      .map((m) =>
        c.layout.chains[m].reduce((p, b) => p * Math.hypot(...matrixOf(c.theta, b).flat()), 1),
      )
      .reduce((a, b) => Math.max(a, b), 0);
    assertClose(w, expected, { rtol: 0, atol: 1e-13 * bound });
  });

  test.prop([networkCase])(
    `gradient matches central differences (h = ${FD_STEP}, rtol ${FD_RTOL})`,
    (c) => {
      const model = linearNetworkModel(c.layout, c.stats);
      const size = c.layout.size;
      const grad = new Float64Array(size);
      const loss = model.gradient(c.theta, grad);
      const w = new Float64Array(model.inputDim);
      const lossAt = (theta: Float64Array) => {
        model.totalMap(theta, w);
        return model.lossOfTotalMap(w);
      };
      // gradient() returns ℒ(θ) as well.
      expect(loss).toBe(lossAt(c.theta));
      const fd = new Float64Array(size);
      const probe = Float64Array.from(c.theta);
      for (let i = 0; i < size; i++) {
        probe[i] = c.theta[i]! + FD_STEP;
        const up = lossAt(probe);
        probe[i] = c.theta[i]! - FD_STEP;
        const down = lossAt(probe);
        probe[i] = c.theta[i]!;
        fd[i] = (up - down) / (2 * FD_STEP);
      }
      model.totalMap(c.theta, w);
      const yw = c.stats.sigmaYX.reduce((s, v, i) => s + v * w[i]!, 0);
      const scale = Math.abs(loss) + c.stats.sigmaY2 + Math.abs(yw);
      assertClose(grad, fd, { rtol: FD_RTOL, atol: FD_ATOL_PER_SCALE * scale });
    },
  );

  test.prop([networkCase])(
    "the gradient buffer is overwritten, not accumulated; gradientOnly writes the same ∇ℒ bit for bit (gradient flow's right-hand side)",
    (c) => {
      const model = linearNetworkModel(c.layout, c.stats);
      const a = new Float64Array(c.layout.size);
      const b = new Float64Array(c.layout.size).fill(123);
      const only = new Float64Array(c.layout.size).fill(123);
      model.gradient(c.theta, a);
      model.gradient(c.theta, b);
      expect(b).toEqual(a);
      model.gradientOnly(c.theta, only);
      expect(only).toEqual(a);
    },
  );

  test.prop([networkCase])(
    "no state of one call reaches the next: gradientOnly at another θ, then gradient at θ, is a fresh model's gradient and loss",
    (c) => {
      const model = linearNetworkModel(c.layout, c.stats);
      const other = c.theta.map((x, i) => x * (1 + 0.5 * Math.sin(i + 1)));
      const scratch = new Float64Array(c.layout.size);
      model.gradientOnly(other, scratch);
      const full = new Float64Array(c.layout.size);
      const loss = model.gradient(c.theta, full);
      const expected = new Float64Array(c.layout.size);
      const expectedLoss = linearNetworkModel(c.layout, c.stats).gradient(c.theta, expected);
      expect(loss).toBe(expectedLoss);
      expect(full).toEqual(expected);
    },
  );

  it("ℒ(W^full) = ℒ* and ℒ(0) = ½σ_y² (noisy toy, so ℒ* > 0 is checked relatively)", () => {
    const stats = fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.5, noiseStd: 0.3 });
    const q = derive(stats);
    const layout = parameterLayout(
      fusionArchitecture({ depth: 2, fusionLayer: 2, width: 3, dA: 1, dB: 1 }),
    );
    const model = linearNetworkModel(layout, stats);
    // ℒ* = ½σ_ε² = 0.045: the quadratic form cancels σ_y² = 7.09 down to 0.09, so the
    // error is a few ε·7 ≈ 1e-15 absolute, ≈ 3e-14 relative to ℒ*. 1e-13 relative.
    expect(Math.abs(model.lossOfTotalMap(Float64Array.from(q.wFull)) - q.lossFull)).toBeLessThan(
      1e-13 * q.lossFull,
    );
    expect(Math.abs(q.lossFull - 0.045)).toBeLessThan(1e-13 * 0.045);
    expect(model.lossOfTotalMap(new Float64Array(2))).toBe(q.lossZero);
  });

  it("a one-layer network is the linear model: ∇ = WΣ − Σ_yx, zero at W^full (residual)", () => {
    const stats = fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.5 });
    const layout = parameterLayout(
      fusionArchitecture({ depth: 1, fusionLayer: 1, width: 5, dA: 1, dB: 1 }),
    );
    const model = linearNetworkModel(layout, stats);
    const grad = new Float64Array(2);
    // W = [1, 0]: WΣ − Σ_yx = [4 − 5, 1 − 2].
    model.gradient(Float64Array.of(1, 0), grad);
    expect(Array.from(grad)).toEqual([-1, -1]);
    model.gradient(Float64Array.from(derive(stats).wFull), grad);
    // W^full is exact to a few ulps, so the residual is a few ulps of ‖Σ‖·‖W‖ ≈ 5.
    expect(maxAbs(grad)).toBeLessThan(8 * 5 * EPS);
  });
});
