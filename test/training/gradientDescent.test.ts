import { describe, expect, it } from "vitest";
import { fusionArchitecture } from "../../src/network/architecture.js";
import { balancedInit } from "../../src/network/initialisation.js";
import { parameterLayout } from "../../src/network/layout.js";
import { linearNetworkModel } from "../../src/network/linearNetwork.js";
import { derive } from "../../src/statistics/derived.js";
import { fromToy } from "../../src/statistics/toy.js";
import { trainGradientDescent } from "../../src/training/gradientDescent.js";
import { trainGradientFlow } from "../../src/training/gradientFlow.js";
import type { NormThreshold } from "../../src/training/run.js";

const TOY = fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.5 });
const Q = derive(TOY);
const THRESHOLDS: NormThreshold[] = [
  { name: "A", start: 0, end: 1, level: 0.5 * Q.wUniA[0]! },
  { name: "B", start: 1, end: 2, level: 0.5 * Q.wFull[1]! },
];

function setup(depth = 2, fusionLayer = 2, u0 = 1e-3) {
  const layout = parameterLayout(
    fusionArchitecture({ depth, fusionLayer, width: 3, dA: 1, dB: 1 }),
  );
  return { layout, model: linearNetworkModel(layout, TOY), theta0: balancedInit(layout, TOY, u0) };
}

describe("trainGradientDescent", () => {
  it("advances time by η per step (t = η·steps) and samples on that grid", () => {
    const { model, theta0 } = setup();
    const eta = 0.05;
    const run = trainGradientDescent(model, theta0, { thresholds: THRESHOLDS, learningRate: eta });
    expect(run.method).toBe("gd");
    expect(run.status).toBe("completed");
    expect(run.final.t).toBe(run.steps * eta);
    expect(run.gradientEvaluations).toBe(run.steps + 1);
    expect(run.rejectedSteps).toBe(0);
    for (const s of run.samples) {
      const k = s.t / eta;
      // t = step·η exactly as computed: k is an integer up to one rounding.
      expect(Math.abs(k - Math.round(k))).toBeLessThan(1e-9);
    }
  });

  it("interpolates each crossing linearly in the norm over the step that crosses it", () => {
    // Independent replay: the same Euler iterates, norms recorded per step.
    const { model, theta0 } = setup();
    const eta = 0.01;
    const run = trainGradientDescent(model, theta0, { thresholds: THRESHOLDS, learningRate: eta });
    const theta = Float64Array.from(theta0);
    const grad = new Float64Array(theta.length);
    const w = new Float64Array(2);
    const norms: number[][] = [];
    for (let step = 0; step <= run.steps; step++) {
      model.totalMap(theta, w);
      norms.push([Math.abs(w[0]!), Math.abs(w[1]!)]);
      model.gradient(theta, grad);
      for (let i = 0; i < theta.length; i++) theta[i]! -= eta * grad[i]!;
    }
    THRESHOLDS.forEach((thr, m) => {
      const crossing = run.crossings[thr.name]!;
      const k = crossing.step;
      expect(norms[k]![m]!).toBeGreaterThanOrEqual(thr.level);
      expect(norms[k - 1]![m]!).toBeLessThan(thr.level);
      const fraction = (thr.level - norms[k - 1]![m]!) / (norms[k]![m]! - norms[k - 1]![m]!);
      // Same formula, same iterates: equal up to the rounding of η·(k − 1 + fraction).
      expect(Math.abs(crossing.t - eta * (k - 1 + fraction))).toBeLessThan(
        4 * Number.EPSILON * crossing.t,
      );
      expect(crossing.t).toBeGreaterThan(eta * (k - 1));
      expect(crossing.t).toBeLessThanOrEqual(eta * k);
    });
  });

  it("counts a threshold already met at step 0 as crossed at t = 0 (regression: was −η)", () => {
    const { model, theta0 } = setup(2, 2, 0.1);
    // ‖W_A^tot(0)‖ = u0² = 0.01 ≥ 0.005.
    const run = trainGradientDescent(model, theta0, {
      thresholds: [{ name: "A", start: 0, end: 1, level: 0.005 }],
      learningRate: 0.01,
    });
    expect(run.crossings.A).toMatchObject({ t: 0, step: 0 });
  });

  it("is the Euler discretisation of the flow: the t_A gap halves with η", () => {
    // Explicit Euler has global error O(η): (t_A(η) − t_A(flow)) / (t_A(η/2) − t_A(flow))
    // → 2. Measured 1.998 and 1.999 for η = 4e-3 → 2e-3 → 1e-3.
    const { model, theta0 } = setup();
    const flow = trainGradientFlow(model, theta0, { thresholds: THRESHOLDS }).crossings.A!.t;
    const gap = (eta: number) =>
      trainGradientDescent(model, theta0, { thresholds: THRESHOLDS, learningRate: eta }).crossings
        .A!.t - flow;
    const gaps = [4e-3, 2e-3, 1e-3].map(gap);
    expect(gaps[0]! / gaps[1]!).toBeGreaterThan(1.9);
    expect(gaps[0]! / gaps[1]!).toBeLessThan(2.1);
    expect(gaps[1]! / gaps[2]!).toBeGreaterThan(1.9);
    expect(gaps[1]! / gaps[2]!).toBeLessThan(2.1);
  });

  it("reports divergence at a huge learning rate", () => {
    // η = 2 ≫ 2/λ_max of the loss Hessian at W^full: the iterates blow up within a few
    // steps, before ‖W_B‖ can cross its level.
    const { model, theta0 } = setup(2, 2, 1e-3);
    const run = trainGradientDescent(model, theta0, { thresholds: THRESHOLDS, learningRate: 2 });
    expect(run.status).toBe("diverged");
    expect(run.steps).toBeLessThan(100);
  });

  it("reports a non-finite loss as divergence", () => {
    const { model, theta0 } = setup(2, 2, 0.1);
    const run = trainGradientDescent(model, theta0, {
      thresholds: THRESHOLDS,
      learningRate: 1e200,
    });
    expect(run.status).toBe("diverged");
  });

  it("reports the step budget and the time budget", () => {
    const { model, theta0 } = setup();
    const steps = trainGradientDescent(model, theta0, {
      thresholds: THRESHOLDS,
      learningRate: 0.01,
      maxSteps: 10,
    });
    expect(steps.status).toBe("step-budget");
    expect(steps.steps).toBe(10);
    const time = trainGradientDescent(model, theta0, {
      thresholds: THRESHOLDS,
      learningRate: 0.1,
      maxTime: 0.5,
    });
    expect(time.status).toBe("time-budget");
    expect(time.steps).toBe(5);
  });

  it("can stop on the loss alone (afterThresholds: false)", () => {
    const { model, theta0 } = setup();
    const level = 0.5 * (Q.lossZero + Q.lossUniA);
    const run = trainGradientDescent(model, theta0, {
      thresholds: THRESHOLDS,
      learningRate: 0.01,
      stop: { afterThresholds: false, lossBelow: level },
    });
    expect(run.status).toBe("completed");
    expect(run.final.loss).toBeLessThanOrEqual(level);
    expect(run.crossings.B).toBeUndefined();
  });
});

describe("issue 12: divergence by the loss rule (DIVERGENCE_LOSS_FACTOR)", () => {
  it("a learning rate within the stability bound never raises the loss above its start", () => {
    // The rule's premise (descent lemma), measured on the toy setup at the rates X2 uses.
    for (const eta of [0.04, 0.1, 0.3]) {
      const { model, theta0 } = setup(2, 2, 1e-3);
      const run = trainGradientDescent(model, theta0, {
        thresholds: THRESHOLDS,
        learningRate: eta,
      });
      expect(run.status).toBe("completed");
      expect(run.divergence).toBeUndefined();
      const start = run.samples[0]!.loss;
      for (const sample of run.samples)
        expect(sample.loss).toBeLessThanOrEqual(start * (1 + 1e-12));
    }
  });

  it.each([1e3, 1e6])(
    "lr %d: diverged, no threshold crossed by overshoot, the rule named",
    (eta) => {
      const { model, theta0 } = setup(2, 2, 1e-6);
      const run = trainGradientDescent(model, theta0, {
        thresholds: THRESHOLDS,
        learningRate: eta,
      });
      expect(run.status).toBe("diverged");
      expect(Object.keys(run.crossings)).toEqual([]);
      expect(run.divergence?.reason).toMatch(/stability bound/);
      expect(run.steps).toBeLessThanOrEqual(2);
    },
  );
});
