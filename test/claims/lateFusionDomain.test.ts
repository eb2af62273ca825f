import { describe, expect, it } from "vitest";
import {
  belowDoublePrecision,
  crossedByExcursion,
  lateFusionDomain,
} from "../../src/claims/lateFusionDomain.js";
import { t2LawTolerance } from "../../src/claims/t2Law.js";
import { modeSeeds, twoLayerLate } from "../../src/claims/twoLayerCase.js";
import { derive, orient } from "../../src/statistics/derived.js";
import type { Statistics } from "../../src/statistics/statistics.js";
import type { ToyParameters } from "../../src/statistics/toy.js";
import { fromToy } from "../../src/statistics/toy.js";
import { phaseTwoSign } from "../../src/theory/initAwareLateFusion.js";
import { lateFusionRatio } from "../../src/theory/lateFusionRatio.js";
import type { TrainingRun } from "../../src/training/run.js";

const toy = (p: ToyParameters): Statistics => orient(fromToy(p)).stats;
const balanced = (u0: number) => twoLayerLate(u0, { kind: "balanced", width: 1, seed: 0 });

describe("lateFusionDomain", () => {
  // The unimodal phase needs (1 − σk) ln(1/u0²) ≥ ln 100: u0* = exp(−ln 100 / (2(1 − σk))).
  for (const p of [
    { sigmaA: 2, sigmaB: 1, rho: 0 },
    { sigmaA: 1.2, sigmaB: 1, rho: 0 },
  ]) {
    it(`unresolved-phase exactly beyond its bound (${JSON.stringify(p)})`, () => {
      const stats = toy(p);
      const q = derive(stats);
      const sigma = phaseTwoSign(stats);
      expect(sigma).toBe(1);
      const u0Star = Math.exp(-Math.log(100) / (2 * (1 - (sigma * q.sB) / q.sA)));
      const inside = lateFusionDomain(stats, balanced(u0Star * 0.99));
      const outside = lateFusionDomain(stats, balanced(u0Star * 1.01));
      expect(inside.inDomain).toBe(true);
      expect(outside.inDomain).toBe(false);
      if (!outside.inDomain) expect(outside.reason).toBe("unresolved-phase");
    });
  }

  it("in domain: predicts T2's ratio with the law's tolerance for this init", () => {
    const stats = toy({ sigmaA: 2, sigmaB: 1, rho: 0.3 });
    const net = balanced(1e-6);
    const domain = lateFusionDomain(stats, net);
    expect(domain.inDomain).toBe(true);
    if (!domain.inDomain) return;
    expect(domain.predicted).toBe(lateFusionRatio(stats).ratio);
    expect(domain.tolerance).toBe(t2LawTolerance(stats, 1e-6, modeSeeds(stats, net)));
    expect(domain.details).toMatchObject({ k: derive(stats).sB / derive(stats).sA, sigma: 1 });
  });

  it("balanced init whose B must reverse is degenerate; Gaussian init of the same case is not", () => {
    const stats = toy({ sigmaA: 2, sigmaB: 1, rho: -0.9 });
    expect(phaseTwoSign(stats)).toBe(-1);
    const degenerate = lateFusionDomain(stats, balanced(1e-6));
    expect(degenerate.inDomain ? "in" : degenerate.reason).toBe("balanced-init-degenerate");
    const gaussian = lateFusionDomain(
      stats,
      twoLayerLate(1e-6, { kind: "gaussian", width: 4, seed: 1 }),
    );
    expect(gaussian.inDomain ? "in" : gaussian.reason).not.toBe("balanced-init-degenerate");
  });

  it("passes a closed-form issue through as its code", () => {
    const stats = toy({ sigmaA: 1, sigmaB: 1, rho: 0 });
    const domain = lateFusionDomain(stats, balanced(1e-6));
    expect(domain.inDomain ? "in" : domain.reason).toBe("tie");
  });
});

describe("belowDoublePrecision", () => {
  it("for σ < 0, from k ln(1/u0²) > ln 1e12 on, not before", () => {
    const stats = toy({ sigmaA: 2, sigmaB: 1, rho: -0.9 });
    const q = derive(stats);
    const u0Star = Math.exp(-Math.log(1e12) / (2 * (q.sB / q.sA)));
    expect(belowDoublePrecision(stats, u0Star * 1.1)).toBe(false);
    expect(belowDoublePrecision(stats, u0Star * 0.9)).toBe(true);
  });

  it("never for σ > 0 and A along Σ_yxA", () => {
    expect(belowDoublePrecision(toy({ sigmaA: 2, sigmaB: 1, rho: 0.3 }), 1e-300)).toBe(false);
  });
});

describe("crossedByExcursion", () => {
  const stats = toy({ sigmaA: 2, sigmaB: 1, rho: 0.3 });
  const wFullB = derive(stats).wFull[1]!;
  const run = (wB: number | undefined) =>
    ({
      crossings: { B: wB === undefined ? undefined : { totalMap: [1, wB] } },
    }) as unknown as TrainingRun;

  it("true only when B's crossing state points against W_B^full", () => {
    expect(crossedByExcursion(stats, run(-0.5 * wFullB))).toBe(true);
    expect(crossedByExcursion(stats, run(0.5 * wFullB))).toBe(false);
    expect(crossedByExcursion(stats, run(undefined))).toBe(false);
  });
});
