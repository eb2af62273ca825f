import { describe, expect, it } from "vitest";
import { fusionArchitecture } from "../../src/network/architecture.js";
import { balancedInit } from "../../src/network/initialisation.js";
import { parameterLayout } from "../../src/network/layout.js";
import { linearNetworkModel } from "../../src/network/linearNetwork.js";
import { derive } from "../../src/statistics/derived.js";
import type { Statistics } from "../../src/statistics/statistics.js";
import { fromToy } from "../../src/statistics/toy.js";
import { DEFAULT_FLOW_RTOL, trainGradientFlow } from "../../src/training/gradientFlow.js";
import type { NormThreshold, TrainingRun } from "../../src/training/run.js";
import { relativeError } from "../helpers/numeric.js";

const TOY = fromToy({ sigmaA: 2, sigmaB: 1, rho: 0.5 });

/** t_A, t_B thresholds of THEORY §3 for scalar toys: ½|W_A^uni| and ½|W_B^full|. */
function thresholdsOf(stats: Statistics): NormThreshold[] {
  const q = derive(stats);
  return [
    { name: "A", start: 0, end: 1, level: 0.5 * Math.abs(q.wUniA[0]!) },
    { name: "B", start: 1, end: 2, level: 0.5 * Math.abs(q.wFull[1]!) },
  ];
}

function setup(stats: Statistics, depth: number, fusionLayer: number, u0: number) {
  const layout = parameterLayout(
    fusionArchitecture({ depth, fusionLayer, width: 3, dA: 1, dB: 1 }),
  );
  const model = linearNetworkModel(layout, stats);
  return { layout, model, theta0: balancedInit(layout, stats, u0) };
}

/**
 * Along the samples the loss may rise only by round-off: each sample is a dense-output
 * state accurate to ~rtol = 1e-10 relative, so its loss is off by ≲ 1e-10·ℒ(0).
 * Measured: no increase at all on the four runs below.
 */
const DESCENT_SLACK = 1e-10;

/**
 * ‖W_block‖ at a located crossing against the level: Brent brackets the root of the
 * interpolated norm to a few ulps of t, so the residual is ulps of the level
 * (measured ≤ 3e-15 relative). The project asks for 1e-9.
 */
const CROSSING_RTOL = 1e-9;

function checkDescent(run: TrainingRun, lossZero: number) {
  for (let i = 1; i < run.samples.length; i++) {
    const rise = run.samples[i]!.loss - run.samples[i - 1]!.loss;
    expect(rise, `sample ${i} at t = ${run.samples[i]!.t}`).toBeLessThanOrEqual(
      DESCENT_SLACK * lossZero,
    );
  }
}

describe("trainGradientFlow", () => {
  it("uses rtol 1e-10 by default", () => {
    expect(DEFAULT_FLOW_RTOL).toBe(1e-10);
  });

  it.each([
    [2, 2, 1e-3],
    [2, 1, 1e-6],
    [3, 3, 1e-2],
    [4, 3, 0.1],
  ] as const)(
    "L=%i Lf=%i u0=%f: descends, crosses both levels exactly at the level, reaches ℒ*",
    (L, Lf, u0) => {
      const { model, theta0 } = setup(TOY, L, Lf, u0);
      const q = derive(TOY);
      const thresholds = thresholdsOf(TOY);
      const lossBelow = q.lossFull + 1e-10 * (q.lossZero - q.lossFull);
      const run = trainGradientFlow(model, theta0, { thresholds, stop: { lossBelow } });
      expect(run.method).toBe("flow");
      expect(run.status).toBe("completed");
      expect(run.final.loss).toBeLessThanOrEqual(lossBelow);
      checkDescent(run, q.lossZero);
      for (const thr of thresholds) {
        const crossing = run.crossings[thr.name]!;
        const norm = Math.hypot(...crossing.totalMap.slice(thr.start, thr.end));
        expect(relativeError(norm, thr.level)).toBeLessThan(CROSSING_RTOL);
        // The crossing is also recorded as a sample.
        expect(run.samples.some((s) => s.t === crossing.t)).toBe(true);
      }
      // Late and intermediate fusion rest on a plateau between the crossings (T3).
      const plateau = run.plateau!;
      expect(plateau.t).toBeGreaterThanOrEqual(run.crossings.A!.t);
      expect(plateau.t).toBeLessThanOrEqual(run.crossings.B!.t);
      expect(plateau.speed).toBeGreaterThan(0);
      expect(run.gradientEvaluations).toBeGreaterThan(6 * run.steps);
      expect(run.final.theta).toHaveLength(theta0.length);
    },
  );

  it("matches the exact logistic solution for independent toy modalities (ρ = 0, L = Lf = 2)", () => {
    // With ρ = 0 each balanced scalar chain W_m = a_m² obeys dW/dt = 2W(Σ_yxm − σ_m²W),
    // a logistic from u0² to w_m: W = w_m/2 at t = ln(w_m/u0² − 1)/(2Σ_yxm).
    // Σ_yx = [4, 1], w = (1, 1). Global error at rtol 1e-10 ≈ 1e-9: 1e-8 relative.
    const stats = fromToy({ sigmaA: 2, sigmaB: 1, rho: 0 });
    const u0 = 1e-4;
    const { model, theta0 } = setup(stats, 2, 2, u0);
    const run = trainGradientFlow(model, theta0, { thresholds: thresholdsOf(stats) });
    const exact = (w: number, s: number) => Math.log(w / u0 ** 2 - 1) / (2 * s);
    expect(relativeError(run.crossings.A!.t, exact(1, 4))).toBeLessThan(1e-8);
    expect(relativeError(run.crossings.B!.t, exact(1, 1))).toBeLessThan(1e-8);
  });

  it("counts a threshold already met at t = 0 as crossed at t = 0", () => {
    const { model, theta0 } = setup(TOY, 2, 2, 0.1);
    // ‖W_A^tot(0)‖ = u0² = 0.01 ≥ 0.005.
    const run = trainGradientFlow(model, theta0, {
      thresholds: [{ name: "A", start: 0, end: 1, level: 0.005 }],
    });
    expect(run.crossings.A).toMatchObject({ t: 0, step: 0 });
    expect(run.status).toBe("completed");
  });

  it("keeps samples log-spaced and bounded over a long run (maxTime 1e8)", () => {
    // θ = 0 is a critical point of a deep linear net: the flow stays there, nothing is
    // crossed, and the run spends 10 decades of time. Samples: t = 0, 20 per decade from
    // t = 1e-2 to 1e8, and the end: ≤ 20·10 + 2 (+1 for the closing point of a decade).
    const { model, layout } = setup(TOY, 2, 2, 0.1);
    const run = trainGradientFlow(model, new Float64Array(layout.size), {
      thresholds: thresholdsOf(TOY),
      maxTime: 1e8,
    });
    expect(run.status).toBe("time-budget");
    expect(run.final.t).toBe(1e8);
    expect(Object.keys(run.crossings)).toHaveLength(0);
    const decades = Math.log10(1e8 / 1e-2);
    expect(run.samples.length).toBeLessThanOrEqual(20 * decades + 3);
    expect(run.samples.length).toBeGreaterThanOrEqual(20 * decades);
    // Interior samples sit on the grid 1e-2·10^(k/20) (to rounding of the power).
    const interior = run.samples.slice(1, -1);
    interior.forEach((s) => {
      const k = 20 * Math.log10(s.t / 1e-2);
      expect(Math.abs(k - Math.round(k))).toBeLessThan(1e-9);
    });
    for (let i = 1; i < run.samples.length; i++) {
      expect(run.samples[i]!.t).toBeGreaterThanOrEqual(run.samples[i - 1]!.t);
    }
  });

  it("honours samplesPerDecade", () => {
    const { model, layout } = setup(TOY, 2, 2, 0.1);
    const run = trainGradientFlow(model, new Float64Array(layout.size), {
      thresholds: thresholdsOf(TOY),
      maxTime: 1e2,
      samplesPerDecade: 2,
    });
    // t = 0, 2 per decade over 1e-2..1e2 (5 points incl. both ends), final.
    expect(run.samples.map((s) => s.t)).toHaveLength(2 * 4 + 1 + 2);
  });

  it("reports the step budget", () => {
    const { model, theta0 } = setup(TOY, 2, 2, 1e-3);
    const run = trainGradientFlow(model, theta0, { thresholds: thresholdsOf(TOY), maxSteps: 3 });
    expect(run.status).toBe("step-budget");
    expect(run.steps).toBe(3);
  });

  it("can stop on the loss alone (afterThresholds: false)", () => {
    const { model, theta0 } = setup(TOY, 2, 2, 1e-3);
    const q = derive(TOY);
    // Halfway down from ℒ(0) to ℒ(M_A): reached during A's transition, before B moves.
    const level = 0.5 * (q.lossZero + q.lossUniA);
    const run = trainGradientFlow(model, theta0, {
      thresholds: thresholdsOf(TOY),
      stop: { afterThresholds: false, lossBelow: level },
    });
    expect(run.status).toBe("completed");
    expect(run.final.loss).toBeLessThanOrEqual(level);
    expect(run.crossings.B).toBeUndefined();
  });

  it("without thresholds stops after the first step (nothing left to wait for)", () => {
    const { model, theta0 } = setup(TOY, 2, 2, 1e-3);
    const run = trainGradientFlow(model, theta0, { thresholds: [] });
    expect(run.status).toBe("completed");
    expect(run.steps).toBe(1);
    expect(run.plateau).toBeUndefined();
  });
});
