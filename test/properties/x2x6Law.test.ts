import { afterEach, describe, expect, it, vi } from "vitest";
import {
  C_ETA,
  checkDiscreteTime,
  stabilityRate,
  X2,
  x2LawTerms,
  x2LawTolerance,
} from "../../properties/X2.js";
import {
  checkDirectionAware,
  directionSeeds,
  x6LawTerms,
  x6LawTolerance,
} from "../../properties/X6.js";
import { buildAngledVectorStatistics } from "../../src/claims/arbitraries/angledVectorStatistics.js";
import type { CaseVerdict } from "../../src/claims/claim.js";
import { modeSeeds, twoLayerLate } from "../../src/claims/twoLayerCase.js";
import { derive, orient } from "../../src/statistics/derived.js";
import type { Statistics } from "../../src/statistics/statistics.js";
import { fromToy } from "../../src/statistics/toy.js";
import { directionAwareInitAware } from "../../src/theory/directionAwareLateFusion.js";
import { discreteRate, discreteTimeInitAware } from "../../src/theory/discreteTimeLateFusion.js";
import { phaseTwoSign } from "../../src/theory/initAwareLateFusion.js";

/**
 * The formula under test can be swapped for a wrong one (an injected bug): the claim must then
 * fail with the same tolerance. Only the closed forms are replaced; the tolerance functions
 * compute their own rates, so an injection that reached them would show as a changed tolerance.
 */
const inject = vi.hoisted(() => ({
  x2: "none" as "none" | "t2" | "sAOnly",
  x6: "none" as "none" | "norm" | "noSquare",
}));

vi.mock("../../src/theory/discreteTimeLateFusion.js", async (importOriginal) => {
  const original =
    await importOriginal<typeof import("../../src/theory/discreteTimeLateFusion.js")>();
  const { derive } = await import("../../src/statistics/derived.js");
  const { phaseTwoSign } = await import("../../src/theory/initAwareLateFusion.js");
  return {
    ...original,
    discreteTimeLateFusionRatio: (stats: Statistics, eta: number) => {
      const right = original.discreteTimeLateFusionRatio(stats, eta);
      if (inject.x2 === "none") return right;
      const q = derive(stats);
      const sB = phaseTwoSign(stats) * q.sB;
      const rA = inject.x2 === "t2" ? q.sA : original.discreteRate(q.sA, eta);
      return { ...right, ratio: 1 + (rA - sB) / Math.hypot(...q.eB) };
    },
  };
});

vi.mock("../../src/theory/directionAwareLateFusion.js", async (importOriginal) => {
  const original =
    await importOriginal<typeof import("../../src/theory/directionAwareLateFusion.js")>();
  const { derive } = await import("../../src/statistics/derived.js");
  return {
    ...original,
    directionAwareLateFusionRatio: (stats: Statistics, u0: number, fresh: boolean) => {
      const right = original.directionAwareLateFusionRatio(stats, u0, fresh);
      if (inject.x6 === "none") return right;
      const q = derive(stats);
      const cPlus = (1 + q.cosSigmaBeB) / 2;
      const sEff =
        inject.x6 === "norm"
          ? q.sB
          : Math.max(q.sB - (q.sA * Math.log(1 / cPlus)) / (2 * Math.log(1 / u0)), -q.sB);
      return { ...right, effectiveRate: sEff, ratio: 1 + (q.sA - sEff) / Math.hypot(...q.eB) };
    },
  };
});

afterEach(() => {
  inject.x2 = "none";
  inject.x6 = "none";
});

const balanced = { kind: "balanced" as const, width: 1, seed: 0 };

function measured(verdict: CaseVerdict) {
  expect(verdict.kind).toBe("measured");
  if (verdict.kind !== "measured") throw new Error(`not measured: ${verdict.kind}`);
  return { ...verdict, ratio: verdict.details.measured as number };
}

/** |measured/formula − 1|. */
const off = (ratio: number, formula: number) => Math.abs(ratio / formula - 1);

describe("X2's tolerance is the law of its error in discrete time (issue 10)", () => {
  const toy = (sigmaA: number, rho: number) => orient(fromToy({ sigmaA, sigmaB: 1, rho })).stats;
  // η λ_stab = 1, the edge of X2's domain, where the discretisation is largest (ηs_A ≈ 0.5).
  const at = (stats: Statistics) => ({
    stats,
    net: twoLayerLate(1e-6, balanced),
    eta: 1 / stabilityRate(stats),
  });

  it("holds no prediction: the verdict's tolerance is the law's, from statistics, u0, η and the init alone", () => {
    const { stats, net, eta } = at(toy(3, 0.5));
    const verdict = measured(checkDiscreteTime(stats, net, 1));
    const seeds = modeSeeds(stats, net);
    expect(verdict.tolerance).toBe(x2LawTolerance(stats, net.u0, eta, seeds));
    const terms = x2LawTerms(stats, net.u0, eta, seeds);
    expect(terms.etaSA).toBeGreaterThan(0.45);
    expect(verdict.tolerance).toBeCloseTo(
      (terms.known + 1 + C_ETA * terms.etaSA) / terms.phase,
      12,
    );
    expect(X2.tolerance).not.toContain("R₁");
  });

  it("rejects continuous-time T2 at ηs_A ≈ 0.5, which the old tolerance |R₁^η/formula − 1| + … accepted", () => {
    for (const [sigmaA, rho] of [
      [2, 0.5],
      [3, 0.5],
      [3, 0.9],
    ] as const) {
      const { stats, net, eta } = at(toy(sigmaA, rho));
      const verdict = measured(checkDiscreteTime(stats, net, 1));
      expect(Math.abs(verdict.error)).toBeLessThanOrEqual(verdict.tolerance);
      const t2 = verdict.details.t2 as number;
      expect(off(verdict.ratio, t2)).toBeGreaterThan(1.5 * verdict.tolerance); // −17 % … −22 %
      // The circular tolerance of before issue 10 with T2 as the formula under test.
      const q = derive(stats);
      const k = q.sB / q.sA;
      const nextOrder = discreteTimeInitAware(stats, net.u0, eta, modeSeeds(stats, net)).ratio;
      const remainder =
        (1 + 1.5 * eta * q.sA) / ((1 - phaseTwoSign(stats) * k) * 2 * Math.log(1 / net.u0));
      const circular = Math.abs(nextOrder / t2 - 1) + (nextOrder / t2) * remainder;
      expect(off(verdict.ratio, t2)).toBeLessThanOrEqual(circular);
    }
  });

  it("rejects the discrete rate applied to s_A only (σA/σB = 1.5, ρ = 0: 11.5 % against 10.7 %)", () => {
    const { stats, net, eta } = at(toy(1.5, 0));
    const verdict = measured(checkDiscreteTime(stats, net, 1));
    expect(Math.abs(verdict.error)).toBeLessThanOrEqual(verdict.tolerance);
    const q = derive(stats);
    const sAOnly = 1 + (discreteRate(q.sA, eta) - phaseTwoSign(stats) * q.sB) / Math.hypot(...q.eB);
    expect(off(verdict.ratio, sAOnly)).toBeGreaterThan(verdict.tolerance);
  });
  it("fails on an injected wrong formula with the tolerance unchanged (T2 itself; ln(1 + ηλ)/η on s_A only)", () => {
    for (const [sigmaA, rho, wrong] of [
      [3, 0.5, "t2"],
      [1.5, 0, "sAOnly"],
    ] as const) {
      const { stats, net } = at(toy(sigmaA, rho));
      const right = measured(checkDiscreteTime(stats, net, 1));
      inject.x2 = wrong;
      const injected = measured(checkDiscreteTime(stats, net, 1));
      inject.x2 = "none";
      expect(injected.tolerance).toBe(right.tolerance);
      expect(injected.ratio).toBe(right.ratio);
      expect(Math.abs(right.error)).toBeLessThanOrEqual(right.tolerance);
      expect(Math.abs(injected.error)).toBeGreaterThan(injected.tolerance);
    }
  });
});

describe("X6's tolerance is the law of its error (issue 10)", () => {
  const angled = (onePlusCos: number, seed: number) =>
    orient(buildAngledVectorStatistics({ dA: 3, dB: 2, onePlusCos, k: 0.5, eOverSB: 0.5, seed }))
      .stats;
  const normForm = (stats: Statistics) => {
    const q = derive(stats);
    return 1 + (q.sA - q.sB) / Math.hypot(...q.eB);
  };
  /** X6 with ln(1/c₊) for ln(1/c₊²) (balanced init: no fresh seed, floor −s_B). */
  const withoutSquare = (stats: Statistics, u0: number) => {
    const q = derive(stats);
    const cPlus = (1 + q.cosSigmaBeB) / 2;
    const sEff = Math.max(q.sB - (q.sA * Math.log(1 / cPlus)) / (2 * Math.log(1 / u0)), -q.sB);
    return 1 + (q.sA - sEff) / Math.hypot(...q.eB);
  };
  const net = twoLayerLate(1e-6, balanced);

  it("holds no prediction: the verdict's tolerance is the law's, from statistics, u0 and the init alone", () => {
    const stats = angled(0.05, 2);
    const verdict = measured(checkDirectionAware(stats, net));
    const seeds = directionSeeds(stats, net);
    expect(verdict.tolerance).toBe(x6LawTolerance(stats, net.u0, seeds, false));
    const terms = x6LawTerms(stats, net.u0, seeds, false);
    expect(verdict.tolerance).toBeCloseTo((terms.known + terms.offsets) / terms.phase, 12);
  });

  it("rejects the plain norm form where the directions are apart (1 + cos θ = 0.1, 0.05), which the old tolerance accepted", () => {
    for (const [onePlusCos, seed] of [
      [0.1, 1],
      [0.1, 3],
      [0.05, 2],
    ] as const) {
      const stats = angled(onePlusCos, seed);
      const verdict = measured(checkDirectionAware(stats, net));
      expect(Math.abs(verdict.error)).toBeLessThanOrEqual(verdict.tolerance);
      const norm = normForm(stats);
      expect(off(verdict.ratio, norm)).toBeGreaterThan(1.5 * verdict.tolerance); // +21 % … +43 %
      // The circular tolerance of before issue 10 with the norm form under test.
      const nextOrder = directionAwareInitAware(stats, net.u0, directionSeeds(stats, net)).ratio;
      const q = derive(stats);
      const share = 1 - q.sB / q.sA; // the norm form's s_eff is s_B
      const circular =
        Math.abs(nextOrder / norm - 1) +
        (nextOrder / norm) * (2.5 / (share * 2 * Math.log(1 / net.u0)));
      expect(off(verdict.ratio, norm)).toBeLessThanOrEqual(circular);
    }
  });

  it("rejects c₊ without the square (1 + cos θ = 0.05: 21 % against 13 %)", () => {
    const stats = angled(0.05, 2);
    const verdict = measured(checkDirectionAware(stats, net));
    expect(Math.abs(verdict.error)).toBeLessThanOrEqual(verdict.tolerance);
    expect(off(verdict.ratio, withoutSquare(stats, net.u0))).toBeGreaterThan(
      1.5 * verdict.tolerance,
    );
  });

  it("fails on an injected wrong formula with the tolerance unchanged (norm form; c₊ without the square)", () => {
    const stats = angled(0.05, 2);
    const right = measured(checkDirectionAware(stats, net));
    for (const wrong of ["norm", "noSquare"] as const) {
      inject.x6 = wrong;
      const injected = measured(checkDirectionAware(stats, net));
      inject.x6 = "none";
      expect(injected.tolerance).toBe(right.tolerance);
      expect(injected.ratio).toBe(right.ratio);
      expect(Math.abs(injected.error)).toBeGreaterThan(injected.tolerance);
    }
    expect(Math.abs(right.error)).toBeLessThanOrEqual(right.tolerance);
  });
});
