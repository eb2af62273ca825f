import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  buildVectorStatistics,
  vectorStatisticsCase,
} from "../../src/claims/arbitraries/vectorStatistics.js";
import { fusionArchitecture } from "../../src/network/architecture.js";
import { balancedRealization } from "../../src/network/balancedRealization.js";
import { parameterLayout } from "../../src/network/layout.js";
import { linearNetworkModel } from "../../src/network/linearNetwork.js";
import { lossOf } from "../../src/statistics/derived.js";
import { fromToy } from "../../src/statistics/toy.js";
import { reducedTrajectory, reducedVelocity } from "../../src/theory/reducedDynamics.js";
import { maxAbsDifference } from "../helpers/numeric.js";

const TOY = fromToy({ sigmaA: 2, sigmaB: 1, rho: 0 });

describe("reducedVelocity", () => {
  it("is the network's own flow at the balanced realisation: dW/dt = J(−∇ℒ), for both fusions", () => {
    // W^tot(θ + sδ) is quadratic in s (bilinear network), so its central difference is J δ exactly.
    fc.assert(
      fc.property(
        vectorStatisticsCase({ maxDim: 3, maxCondition: 10 }),
        fc.constantFrom("early", "late") as fc.Arbitrary<"early" | "late">,
        fc.array(fc.double({ min: -1.5, max: 1.5, noNaN: true }), { minLength: 6, maxLength: 6 }),
        (c, fusion, raw) => {
          const stats = buildVectorStatistics(c);
          const d = stats.dA + stats.dB;
          const w = raw.slice(0, d);
          const layout = parameterLayout(
            fusionArchitecture({
              depth: 2,
              fusionLayer: fusion === "late" ? 2 : 1,
              width: 2,
              dA: stats.dA,
              dB: stats.dB,
            }),
          );
          const model = linearNetworkModel(layout, stats);
          const theta = balancedRealization(layout, w);
          const gradient = new Float64Array(layout.size);
          model.gradient(theta, gradient);
          const s = 1e-3;
          const plus = new Float64Array(d);
          const minus = new Float64Array(d);
          model.totalMap(
            theta.map((v, i) => v - s * gradient[i]!),
            plus,
          );
          model.totalMap(
            theta.map((v, i) => v + s * gradient[i]!),
            minus,
          );
          const flow = Array.from(plus, (p, i) => (p - minus[i]!) / (2 * s));
          const reduced = reducedVelocity(stats, fusion, w);
          const scale = Math.max(1, ...reduced.map(Math.abs));
          expect(maxAbsDifference(reduced, flow)).toBeLessThan(1e-9 * scale);
        },
      ),
      { numRuns: 40, seed: 20240527 },
    );
  });

  it("stops at the theory's fixed points and lowers the loss elsewhere", () => {
    for (const w of [
      [0, 0],
      [1, 0],
      [0, 1],
      [1, 1],
    ])
      expect(reducedVelocity(TOY, "late", w)).toEqual([0, 0]);
    expect(reducedVelocity(TOY, "early", [0, 0])).toEqual([0, 0]);
    expect(reducedVelocity(TOY, "early", [1, 1])).toEqual([0, 0]);
    // Early fusion's M_A is no fixed point: B is pulled up by ‖W‖·e_B.
    expect(reducedVelocity(TOY, "early", [1, 0])).toEqual([0, 1]);
    // dℒ/dt = −E·dW/dt = −(‖W‖‖E‖² + (E·W)²/‖W‖) ≤ 0 per chain.
    const path = reducedTrajectory(TOY, "early", [0.01, 0.01], 5);
    const losses = path.map((p) => lossOf(TOY, p.w));
    for (let i = 1; i < losses.length; i++)
      expect(losses[i]!).toBeLessThanOrEqual(losses[i - 1]! + 1e-15);
  });

  it("integrates late fusion's decoupled logistics exactly (ρ = 0)", () => {
    // dW_A/dt = 8W_A(1 − W_A), dW_B/dt = 2W_B(1 − W_B): W(t) = 1/(1 + 99e^{−rt}) from 0.01.
    for (const p of reducedTrajectory(TOY, "late", [0.01, 0.01], 3)) {
      expect(Math.abs(p.w[0]! - 1 / (1 + 99 * Math.exp(-8 * p.t)))).toBeLessThan(1e-8);
      expect(Math.abs(p.w[1]! - 1 / (1 + 99 * Math.exp(-2 * p.t)))).toBeLessThan(1e-8);
    }
  });
});
